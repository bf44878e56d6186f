import ArgumentParser
import Foundation
import MonteCarlo
import Reports
import TaskModel

/// `tasks check PLAN --baseline FILE`: a CI gate. Re-estimates with the baseline's seed and
/// iterations and fails (exit 10) when a quantile grew beyond the tolerance and beyond its Monte
/// Carlo error.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Compare P50/P80/P95 (per model and per wave) with a recorded baseline; exit 10 on a regression.")

    /// The exit code of a failed check ("check regression" in the README's table).
    static let regressionExitCode: Int32 = 10

    @OptionGroup var inputs: EstimateInputs

    @Option(help: "The baseline file (JSON).")
    var baseline: String

    @Option(help: "How much a quantile may grow before the check fails (default 5%).")
    var tolerance = "5%"

    @Flag(help: "Record the estimate as the new baseline instead of comparing.")
    var updateBaseline = false

    @Flag(help: "Print the verdicts as JSON.")
    var json = false

    func run() throws {
        var regressed = false
        try Terminal.guarding {
            let tolerance = try Tolerance.parse(tolerance)
            let setup = try inputs.setup()
            let engine = try setup.engine()
            var settings = try inputs.settings()
            let exists = FileManager.default.fileExists(atPath: baseline)
            let recorded = exists ? try Baseline.read(baseline) : nil
            if recorded == nil && !updateBaseline {
                throw TasksError(.invalidArguments, "\(baseline): baseline not found (run tasks check --update-baseline to record one)")
            }
            // The baseline's seed and iterations reproduce an unchanged plan's figures exactly;
            // explicit flags override them (and the standard errors then absorb the noise).
            if let recorded, !updateBaseline {
                if inputs.monteCarlo.seed == nil { settings.seed = recorded.seed }
                if inputs.monteCarlo.iterations == nil { settings.iterations = recorded.iterations }
            }
            let progress = ProgressLine(label: "check", quiet: inputs.isQuiet)
            let estimate = try engine.run(settings, progress: progress.update)
            progress.finish()
            let hash = try setup.planHash()
            if updateBaseline {
                try ArtifactWriter.write(try ArtifactWriter.jsonText(Baseline(estimate, planHash: hash, version: TasksVersion.current)),
                                         to: baseline)
                inputs.note("wrote baseline \(baseline) (seed \(estimate.settings.seed), \(estimate.iterations) iterations)")
                return
            }
            let result = CheckResult(baseline: recorded!, current: estimate, planHash: hash,
                                     plan: setup.loaded.sourceName, tolerance: tolerance)
            if json {
                print(try ArtifactWriter.jsonText(result), terminator: "")
            } else {
                print(Terminal.highlighted(result.text()))
            }
            regressed = !result.passed
        }
        if regressed { throw ExitCode(Self.regressionExitCode) }
    }
}
