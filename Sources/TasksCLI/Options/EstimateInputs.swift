import ArgumentParser
import Foundation
import MonteCarlo
import Reports
import TaskModel

/// What `sweep`, `check` and `report` share with `estimate`: the plan, the scheduler and Monte
/// Carlo flags, `--model`, with the same defaults, plus `--quiet`.
struct EstimateInputs: ParsableArguments {
    @OptionGroup var options: PlanOptions
    @OptionGroup var scheduling: SchedulingOptions
    @OptionGroup var monteCarlo: MonteCarloOptions

    @Option(name: [.customShort("m"), .long], help: "wave_based, rolling_frontier or both.")
    var model: ModelChoice = .both

    @Flag(name: [.customShort("q"), .long], help: "No progress bar and no notes on stderr (env TASKS_QUIET=1).")
    var quiet = false

    var isQuiet: Bool { quiet || Environment.flag("TASKS_QUIET") }

    /// The plan loaded and ready to compile, warnings reported when verbose.
    func setup() throws(TasksError) -> PlanSetup {
        let (loaded, graph) = try options.graph()
        return try scheduling.setup(loaded, minConfidence: graph.minConfidence)
    }

    func settings() throws(TasksError) -> EstimateSettings { try monteCarlo.settings(models: model.models) }

    /// A note on stderr unless quiet.
    func note(_ message: String) { if !isQuiet { Terminal.note(message) } }
}

/// `--tolerance 5%`: a percentage (the `%` is optional), as a fraction.
enum Tolerance {
    static func parse(_ text: String) throws(TasksError) -> Double {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let number = trimmed.hasSuffix("%") ? String(trimmed.dropLast()) : trimmed
        guard let v = Double(number), v.isFinite, v >= 0, v < 100 else {
            throw TasksError(.invalidArguments, "--tolerance \(text): expected a percentage between 0 and 100, e.g. 5%")
        }
        return v / 100
    }
}
