import Foundation

/// The two execution models of the spec.
public enum ExecutionModel: String, Sendable, CaseIterable, Codable {
    case waveBased = "wave_based"
    case rollingFrontier = "rolling_frontier"
}

/// What a Monte Carlo estimate runs: how many iterations, from which seed, of which models.
public struct EstimateSettings: Sendable, Equatable {
    public var iterations: Int
    public var seed: UInt64
    /// Stop when the 95 % confidence half-width of every model's P80 is within this percentage of
    /// it, doubling the iterations up to `maxIterations`; `nil` runs exactly `iterations`.
    public var precisionPercent: Double?
    public var maxIterations: Int
    public var quantiles: [Double]
    public var models: [ExecutionModel]
    public var threads: Int
    /// Runs that also record contention and the critical chain (a systematic subsample), and whose
    /// durations feed the rank correlations; bounded so memory stays flat as iterations grow.
    public var detailedRuns: Int
    /// Ignore every resource limit: classic PERT/CPM Monte Carlo over the edges alone.
    public var ignoreResources: Bool
    /// Iterations per chunk of work; fixed so results do not depend on the thread count.
    public var chunkSize: Int

    public static let defaultQuantiles = [0.5, 0.8, 0.95]

    public init(iterations: Int = 10_000, seed: UInt64 = 1, precisionPercent: Double? = nil,
                maxIterations: Int = 1_000_000, quantiles: [Double] = EstimateSettings.defaultQuantiles,
                models: [ExecutionModel] = [.waveBased, .rollingFrontier],
                threads: Int = ProcessInfo.processInfo.activeProcessorCount, detailedRuns: Int = 500,
                ignoreResources: Bool = false, chunkSize: Int = 128) {
        self.iterations = iterations
        self.seed = seed
        self.precisionPercent = precisionPercent
        self.maxIterations = maxIterations
        self.quantiles = Array(Set(quantiles + EstimateSettings.defaultQuantiles)).sorted()
        self.models = models
        self.threads = threads
        self.detailedRuns = detailedRuns
        self.ignoreResources = ignoreResources
        self.chunkSize = chunkSize
    }
}
