import ArgumentParser
import Foundation
import TaskGraph
import TaskModel

/// `tasks validate-plan PLAN`: the spec's hard fails and quality warnings, exit 0, 3 or 5.
struct ValidatePlan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate-plan",
        abstract: "Check a plan against the spec's hard fails and quality metrics.",
        discussion: "Exit 0 when no hard fail is found, 3 for a cycle that cannot be broken, 5 for any other hard fail.")

    @OptionGroup var options: PlanOptions

    @Flag(help: "Print a JSON report instead of text.")
    var json = false

    func run() throws {
        try Terminal.guarding {
            let loaded = try options.load()
            let report = try PlanValidator.validate(
                loaded, minConfidence: try options.effectiveMinConfidence(for: loaded.document),
                timestamp: ContentHash.timestamp())
            if json {
                print(try ArtifactWriter.jsonText(report), terminator: "")
            } else {
                for finding in report.hardFails { Terminal.error("\(finding.message) (exit \(finding.exitCode))") }
                for finding in report.warnings { Terminal.warning(finding.message) }
                print(Self.summary(report))
                if let metrics = report.metrics { print(Graph.metricsTable(metrics)) }
            }
            if report.exitCode != 0 { throw ExitCode(report.exitCode) }
        }
    }

    static func summary(_ report: PlanValidator.Report) -> String {
        let verdict = report.ok ? "valid" : "INVALID"
        var line = "\(report.file): \(verdict): \(report.hardFails.count) hard fail(s), \(report.warnings.count) warning(s)"
        if let m = report.metrics {
            line += "; \(m.nodes) tasks, \(m.edges) edges, \(m.longestPath) layers, critical path "
                + HoursFormat.text(m.criticalPathHours)
        }
        return line
    }
}
