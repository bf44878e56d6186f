import ArgumentParser
import Foundation
import MonteCarlo
import Reports
import TaskModel

/// `tasks report PLAN -o report.html`: one self-contained HTML page of charts (inline SVG and
/// CSS, no network), and the same charts as SVG files on request.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Write a self-contained HTML report: histograms, S-curves, Gantt, utilization, drivers, sweep.")

    @OptionGroup var inputs: EstimateInputs

    @Option(name: [.customShort("o"), .customLong("output")], help: "The HTML file to write.")
    var output: String

    @Option(help: "Also write every chart as a standalone SVG file into this directory.")
    var svgDir: String?

    @Option(help: "NAME=LO..HI[:STEP]: add a capacity sweep (repeatable, as sweep --vary).")
    var sweep: [String] = []

    @Option(help: "The sweep's recommendation tolerance (default 5%).")
    var tolerance = "5%"

    func run() throws {
        try Terminal.guarding {
            let setup = try inputs.setup()
            let engine = try setup.engine()
            let settings = try inputs.settings()
            let progress = ProgressLine(label: "report", quiet: inputs.isQuiet)
            let estimate = try engine.run(settings, progress: progress.update)
            progress.finish()
            var sweepResult: SweepResult?
            if !sweep.isEmpty {
                let axes = try sweep.map { text throws(TasksError) in try SweepAxis.parse(text, in: setup) }
                let sweepProgress = ProgressLine(label: "sweep", quiet: inputs.isQuiet)
                sweepResult = try Reports.Sweep.run(setup, axes: axes, settings: settings,
                                                    tolerance: try Tolerance.parse(tolerance), progress: sweepProgress.update)
                sweepProgress.finish()
            }
            let report = try HTMLReport(estimate: estimate, engine: engine, sweep: sweepResult,
                                        generated: ContentHash.timestamp(), version: TasksVersion.current)
            try ArtifactWriter.write(report.html(), to: output)
            if let dir = svgDir {
                for chart in report.charts {
                    try ArtifactWriter.write(chart.standalone, to: (dir as NSString).appendingPathComponent("\(chart.id).svg"))
                }
            }
            inputs.note("wrote \(output)" + (svgDir.map { " and \(report.charts.count) SVG files to \($0)" } ?? ""))
        }
    }
}
