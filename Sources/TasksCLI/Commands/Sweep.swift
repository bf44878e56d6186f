import ArgumentParser
import Foundation
import MonteCarlo
import Reports
import TaskModel

/// `tasks sweep PLAN --vary NAME=LO..HI[:STEP]`: the plan re-estimated over a grid of capacities
/// with the same random samples at every point, and the smallest capacity worth having.
struct Sweep: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep", abstract: "Estimate P50/P80/P95 over a range of capacities (pools, max_concurrent_tasks, workers, cpu_cores).")

    @OptionGroup var inputs: EstimateInputs

    @Option(name: .customLong("vary"), help: "NAME=LO..HI[:STEP]: a shared resource's capacity, max_concurrent_tasks, workers or cpu_cores.")
    var vary: [String] = []

    @Option(help: "Recommend the smallest capacity whose P80 is within this of the best (default 5%).")
    var tolerance = "5%"

    @Flag(help: "Print the points as CSV.")
    var csv = false

    @Flag(help: "Print the sweep as JSON (points with the varied values and per model p50_hours, p80_hours, p95_hours).")
    var json = false

    @Option(help: "Write the sweep chart (SVG) to this file.")
    var svg: String?

    @Option(name: [.customShort("o"), .customLong("output-dir")], help: "Write sweep.json, sweep.csv and sweep.svg here.")
    var outputDir: String?

    func validate() throws {
        if csv && json { throw ValidationError("--csv and --json are exclusive") }
        if vary.isEmpty { throw ValidationError("give at least one --vary NAME=LO..HI[:STEP]") }
    }

    func run() throws {
        try Terminal.guarding {
            let setup = try inputs.setup()
            let axes = try vary.map { text throws(TasksError) in try SweepAxis.parse(text, in: setup) }
            let progress = ProgressLine(label: "sweep", quiet: inputs.isQuiet)
            let result = try Reports.Sweep.run(setup, axes: axes, settings: try inputs.settings(),
                                               tolerance: try Tolerance.parse(tolerance), progress: progress.update)
            progress.finish()
            let chart = SweepOutput.chart(result)
            if let svg { try ArtifactWriter.write(chart, to: svg) }
            if let dir = outputDir {
                try SweepOutput.write(result, to: dir)
                inputs.note("wrote sweep.json, sweep.csv, sweep.svg to \(dir)")
            }
            if json {
                print(try ArtifactWriter.jsonText(result), terminator: "")
            } else if csv {
                print(result.csv(), terminator: "")
            } else {
                print(result.table())
            }
        }
    }
}

/// The sweep's files, as `sweep -o` and `report --sweep` write them.
enum SweepOutput {
    static func chart(_ result: SweepResult) -> String { ReportCharts.sweep(result).standalone }

    static func write(_ result: SweepResult, to dir: String) throws(TasksError) {
        let files = [("sweep.json", try ArtifactWriter.jsonText(result)), ("sweep.csv", result.csv()), ("sweep.svg", chart(result))]
        for (name, text) in files { try ArtifactWriter.write(text, to: (dir as NSString).appendingPathComponent(name)) }
    }
}
