import CGSL
import Foundation
import MonteCarlo
import Scheduling
import TaskGraph
import TaskModel
import TasksTestSupport

// Shared set-up for the Monte Carlo tests. Every statistical tolerance in this target is a
// multiple of a standard error (Monte Carlo error shrinks as 1/√N; a fixed tolerance would be
// either meaningless at large N or flaky at small N). `z` = 4 is the brief's and the reference
// README's choice: a two-sided 4σ band misses a correct engine with probability 6·10⁻⁵ per
// comparison, and every run here is seeded, so a pass or fail is reproducible anyway.

/// Standard errors allowed between an estimate and its reference.
let z = 4.0

/// An engine over a `ScheduleBuilder` scenario, waves formed the peers' way (Kahn layers, full
/// barriers) unless told otherwise.
func engine(_ builder: ScheduleBuilder, waves: WaveConfiguration = .layersOnly,
            settings: SchedulingSettings = SchedulingSettings()) throws -> MonteCarloEngine {
    let problem = try SchedulingProblem(graph: try builder.graph(), settings: settings)
    return try MonteCarloEngine(problem: problem, waveConfiguration: waves)
}

/// An engine over a plan file, loaded and filtered the way the CLI does.
func engine(path: String, waves: WaveConfiguration = .layersOnly) throws -> MonteCarloEngine {
    let loaded = try PlanLoader.load(path: path)
    let resolved = try ResolvedPlan(loaded.document, sourceName: loaded.sourceName)
    let graph = try TaskGraph(resolved, minConfidence: loaded.document.meta.minConfidence ?? 0.7)
    let problem = try SchedulingProblem(graph: graph, coordinator: loaded.coordinator)
    return try MonteCarloEngine(problem: problem, waveConfiguration: waves)
}

/// `bench/networks/<name>` in the shared folder, or nil (the test then skips with a message).
func benchNetwork(_ name: String) -> String? {
    Fixtures.sharedFile("bench/networks/\(name)")
}

func skipping(_ what: String) {
    print("skipped: \(what): ../shared/bench/networks not found (the peer networks live beside the package)")
}

/// Beta-PERT (λ = 4) on [a, b] with mode m: the reference semantics of `bench/peers/common.py`.
struct Pert {
    var a: Double, m: Double, b: Double
    init(_ a: Double, _ m: Double, _ b: Double) { (self.a, self.m, self.b) = (a, m, b) }

    var alpha: Double { 1 + 4 * (m - a) / (b - a) }
    var beta: Double { 1 + 4 * (b - m) / (b - a) }
    /// (a + 4m + b)/6.
    var mean: Double { (a + 4 * m + b) / 6 }
    /// (μ − a)(b − μ)/7, exact for λ = 4 (not the textbook ((b − a)/6)²).
    var variance: Double { (mean - a) * (b - mean) / 7 }
    /// F⁻¹(p) from GSL's inverse regularised incomplete beta, scaled to [a, b].
    func quantile(_ p: Double) -> Double { a + (b - a) * gsl_cdf_beta_Pinv(p, alpha, beta) }
    func cdf(_ x: Double) -> Double { gsl_cdf_beta_P((x - a) / (b - a), alpha, beta) }
    func density(_ x: Double) -> Double { gsl_ran_beta_pdf((x - a) / (b - a), alpha, beta) / (b - a) }
}

extension DistributionSummary {
    /// The Monte Carlo standard error of the mean, s/√N.
    var meanStandardError: Double { standardDeviation / Double(count).squareRoot() }

    /// Quantile `p`, which must have been requested.
    func q(_ p: Double) -> Quantile {
        guard let q = quantile(p) else { preconditionFailure("quantile \(p) was not estimated") }
        return q
    }
}

/// Settings with the thread count pinned, so a test's cost does not depend on the machine.
func settings(iterations: Int, seed: UInt64 = 1, models: [ExecutionModel] = [.rollingFrontier, .waveBased],
              quantiles: [Double] = EstimateSettings.defaultQuantiles, threads: Int = 2, detailedRuns: Int = 0,
              ignoreResources: Bool = false, precisionPercent: Double? = nil, maxIterations: Int = 1_000_000,
              chunkSize: Int = 128) -> EstimateSettings {
    EstimateSettings(iterations: iterations, seed: seed, precisionPercent: precisionPercent, maxIterations: maxIterations,
                     quantiles: quantiles, models: models, threads: threads, detailedRuns: detailedRuns,
                     ignoreResources: ignoreResources, chunkSize: chunkSize)
}

/// `x` as text with 4 decimals, for failure messages.
func f4(_ x: Double) -> String { String(format: "%.4f", x) }
