/// Everything a Monte Carlo estimate says about one execution model.
public struct ModelEstimate: Sendable {
    public var model: ExecutionModel
    public var makespan: DistributionSummary
    /// The makespan with most-likely durations under the same scheduler (`optimal_hours`).
    public var mostLikelyHours: Double
    /// Per wave (wave-based only): the distribution of the wave's duration, release to barrier.
    public var waves: [DistributionSummary]
    /// Utilization forecast: time-weighted over each run, averaged over iterations (nil when the
    /// plan sets no CPU or memory capacity); peaks are maxima over all iterations.
    public var averageCPUPercent: Double?
    public var peakCPUPercent: Double?
    public var averageMemoryPercent: Double?
    public var peakMemoryPercent: Double?
    public var averageConcurrency: Double
    public var maxConcurrency: Int
    /// Per shared resource: mean contention points and mean wait hours per run (detailed runs).
    public var contention: [ResourceContention]
    /// Per task: share of detailed runs in which it was on the critical chain.
    public var criticality: [Double]
    /// Per task: Spearman rank correlation of its duration with the makespan (detailed runs).
    public var sensitivity: [Double]
    /// The iteration whose makespan is closest to P50 (ties: the earliest).
    public var medianIteration: Int
    /// Share of iterations in which some task failed for good (0 without `failure_probability`).
    public var failedRunShare: Double

    /// Contention on one resource.
    public struct ResourceContention: Sendable, Equatable {
        public var resource: String
        public var contentionPoints: Double
        public var waitHours: Double
    }
}

/// A whole estimate: the settings it ran with and one `ModelEstimate` per model.
public struct Estimate: Sendable {
    public var settings: EstimateSettings
    public var iterations: Int
    public var models: [ModelEstimate]
    public var taskIDs: [String]
    /// Process CPU seconds of sampling and simulation (the iterations, not the statistics or the
    /// traced replays): the work the Python references time, for a like-for-like rate. Zero when
    /// the iterations ran elsewhere (shards).
    public var engineCPUSeconds = 0.0

    /// Task-samples per CPU-second of sampling and simulation, when measured.
    public var taskSamplesPerCPUSecond: Double? {
        engineCPUSeconds > 0 ? Double(iterations) * Double(taskIDs.count) / engineCPUSeconds : nil
    }

    public func model(_ m: ExecutionModel) -> ModelEstimate? { models.first { $0.model == m } }
}
