import ArgumentParser
import Foundation
import MonteCarlo
import TaskModel

/// The Monte Carlo flags every estimating command shares (`estimate` now; `sweep`, `check` and
/// `report` later), with the same defaults everywhere.
struct MonteCarloOptions: ParsableArguments {
    @Option(name: [.customShort("n"), .long], help: "Iterations (default 10000; env TASKS_ITERATIONS).")
    var iterations: Int?

    @Option(help: "Random seed; the same seed gives the same figures on any machine (default 1; env TASKS_SEED).")
    var seed: UInt64?

    @Option(help: "Keep doubling the iterations until the 95% half-width of P80 is within this percent of it.")
    var precision: Double?

    @Option(help: "Extra quantiles to report, comma-separated (P50, P80 and P95 always are).")
    var quantiles: String?

    @Option(help: "Worker threads (default: all cores). Results do not depend on it.")
    var threads: Int?

    @Option(help: "honour (default) or ignore the plan's resource limits (ignore = classic PERT/CPM).")
    var resources: ResourceMode = .honour

    enum ResourceMode: String, ExpressibleByArgument, CaseIterable {
        case honour, ignore
    }

    func settings(models: [ExecutionModel]) throws(TasksError) -> EstimateSettings {
        let envIterations = try Environment.int("TASKS_ITERATIONS")
        let envSeed = try Environment.int("TASKS_SEED")
        let n = iterations ?? envIterations ?? 10_000
        guard n >= 2, n <= 100_000_000 else {
            throw TasksError(.invalidArguments, "--iterations must be between 2 and 100000000, got \(n)")
        }
        if let p = precision, !(p > 0 && p < 100) {
            throw TasksError(.invalidArguments, "--precision must be a percentage between 0 and 100, got \(p)")
        }
        if let t = threads, t < 1 { throw TasksError(.invalidArguments, "--threads must be at least 1, got \(t)") }
        var extra: [Double] = []
        for item in (quantiles ?? "").split(separator: ",") {
            let text = item.trimmingCharacters(in: .whitespaces)
            guard let q = Double(text.hasSuffix("%") ? String(text.dropLast()) : text) else {
                throw TasksError(.invalidArguments, "--quantiles: '\(item)' is not a number")
            }
            let p = text.hasSuffix("%") || q > 1 ? q / 100 : q
            guard p > 0, p < 1 else { throw TasksError(.invalidArguments, "--quantiles: \(item) is not inside (0, 1)") }
            extra.append(p)
        }
        return EstimateSettings(
            iterations: n, seed: seed ?? envSeed.map { UInt64(truncatingIfNeeded: $0) } ?? 1,
            precisionPercent: precision, quantiles: EstimateSettings.defaultQuantiles + extra, models: models,
            threads: threads ?? ProcessInfo.processInfo.activeProcessorCount, ignoreResources: resources == .ignore)
    }
}
