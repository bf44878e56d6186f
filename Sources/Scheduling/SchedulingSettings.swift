import TaskModel

/// What the caller decides about a run beyond what the plan says: overrides of the plan's limits
/// and which coordinator policies bind.
///
/// The coordinator's throttling policies (worker pool, backpressure, circuit breaker) bind only
/// when the plan brings its own `coordinator.json` or a setting here switches them on. A bare
/// `tasks.json` is therefore scheduled with the reference semantics the peer simulators implement
/// (slots, CPU, memory, exclusive resources and pools only), so results can be compared with them
/// run by run. Failure handling (retries, backoff, checkpoints) always uses the coordinator's
/// values, or the standard ones; it only matters when failures are injected.
public struct SchedulingSettings: Sendable, Equatable {
    /// Overrides `meta.resource_limits.max_concurrent_tasks`.
    public var maxConcurrentTasks: Int?
    /// `nil`: the worker pool binds iff the plan has a `coordinator.json`.
    public var enforceWorkerPool: Bool?
    /// Overrides `worker_pool.max_workers` (the simulator assumes adaptive scaling reaches it at once).
    public var maxWorkers: Int?
    /// `nil`: backpressure and the circuit breaker apply iff the plan has a `coordinator.json`.
    public var applyBackpressure: Bool?
    /// Overrides the `cpu_usage` trigger threshold (percent).
    public var cpuThresholdPercent: Double?
    /// Overrides the `memory_usage` trigger threshold (percent).
    public var memoryThresholdPercent: Double?
    /// Overrides `failure_handling.checkpoint_interval_percent`.
    public var checkpointIntervalPercent: Double?
    /// A task is memory-intensive, and deferred under memory backpressure, when it needs at least
    /// this fraction of the machine's memory (default 0.25).
    public var memoryIntensiveFraction: Double
    /// What happens to the rest of the plan once a task has exhausted its retries.
    public var failureMode: FailureMode

    public init(maxConcurrentTasks: Int? = nil, enforceWorkerPool: Bool? = nil, maxWorkers: Int? = nil,
                applyBackpressure: Bool? = nil, cpuThresholdPercent: Double? = nil,
                memoryThresholdPercent: Double? = nil, checkpointIntervalPercent: Double? = nil,
                memoryIntensiveFraction: Double = 0.25, failureMode: FailureMode = .keepGoing) {
        self.maxConcurrentTasks = maxConcurrentTasks
        self.enforceWorkerPool = enforceWorkerPool
        self.maxWorkers = maxWorkers
        self.applyBackpressure = applyBackpressure
        self.cpuThresholdPercent = cpuThresholdPercent
        self.memoryThresholdPercent = memoryThresholdPercent
        self.checkpointIntervalPercent = checkpointIntervalPercent
        self.memoryIntensiveFraction = memoryIntensiveFraction
        self.failureMode = failureMode
    }

    /// The spec's `MAX_CONCURRENT_TASKS` default, used when neither the plan nor a setting gives one.
    public static let defaultMaxConcurrentTasks = 10
}

/// What a run does after a task has failed for good. Either way the failed task's descendants
/// are never started and are reported as blocked.
public enum FailureMode: String, Sendable, Equatable, CaseIterable {
    /// Keep starting tasks that do not depend on the failed one (`make -k`); the run ends when
    /// nothing else can run.
    case keepGoing = "keep_going"
    /// Start nothing new; let running tasks finish, then end (ninja's default). Tasks never
    /// started are reported as not started.
    case stopStarting = "stop_starting"
}

/// How much a run records. Monte Carlo runs use `.none`, which is allocation-free after warm-up;
/// `tasks simulate` and the executor use `.full`.
public enum TraceLevel: Int, Sendable, Comparable, CaseIterable {
    /// Makespan, outcome and the cheap running integrals of `RunMetrics` only.
    case none
    /// Plus per-task times, attempts and waits, and per-resource contention.
    case summary
    /// Plus run segments, load series, the critical chain and snapshots.
    case full

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}
