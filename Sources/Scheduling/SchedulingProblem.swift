import TaskGraph
import TaskModel

/// A plan compiled for scheduling: every demand, limit and policy a scheduler consults, in flat
/// arrays over dense `Int32` task indices. Immutable and shared by every run, every policy and
/// both drivers (simulator and executor).
///
/// Building it is where impossible demands are caught: a task that needs more of something than
/// the plan can ever offer (5 units of a pool of 3, an undeclared resource, a capability no worker
/// has, more memory or CPU than the machine) is rejected up front with exit 4, so a run can never
/// wait forever for it.
///
/// Resource index space: exclusive locks first (`0 ..< lockCount`, including one pseudo-lock per
/// `avoid_concurrent_with` pair), then pools (`lockCount ..< resourceCount`). `resourceNames`
/// follows the same order.
///
/// A final class rather than a struct: it is immutable, shared by every run, and large; handing on a
/// reference keeps the dispatch loop from copying forty fields each time it consults the problem.
public final class SchedulingProblem: Sendable {
    public let graph: TaskGraph
    public let settings: SchedulingSettings
    public var sourceName: String { graph.plan.sourceName }
    public var taskCount: Int { ids.count }
    public let ids: [String]

    // MARK: Graph (reduced edges, CSR)
    public let successorOffsets: ContiguousArray<Int32>
    public let successorTargets: ContiguousArray<Int32>
    public let predecessorOffsets: ContiguousArray<Int32>
    public let predecessorTargets: ContiguousArray<Int32>

    // MARK: Per-task facts
    /// PERT mean `(a + 4m + b) / 6` in hours: the weight of every static priority rule.
    public let meanHours: ContiguousArray<Double>
    /// 0 critical, 1 high, 2 medium (default), 3 low: the peers' `HINT_ORDER`.
    public let hintRank: ContiguousArray<UInt8>
    public let cpuCores: ContiguousArray<Double>
    public let memoryMB: ContiguousArray<Double>
    public let lockOffsets: ContiguousArray<Int32>
    public let lockIDs: ContiguousArray<Int32>
    public let poolOffsets: ContiguousArray<Int32>
    /// Pool ids in `0 ..< poolCount` (resource index `lockCount + id`).
    public let poolIDs: ContiguousArray<Int32>
    public let poolAmounts: ContiguousArray<Int32>
    /// Tasks with identical demands share a class; once one member does not fit during a dispatch
    /// pass, no other can (resources only shrink during a pass), so the pass skips the class.
    public let demandClass: ContiguousArray<Int32>
    public let classCount: Int
    /// Each class's CPU group, and each group's smallest CPU demand (ascending): nothing in a group
    /// whose floor exceeds the free CPU can start.
    public let classCPUGroup: ContiguousArray<Int32>
    public let cpuGroupFloor: ContiguousArray<Double>
    public let isLowPriority: ContiguousArray<Bool>
    public let isMemoryIntensive: ContiguousArray<Bool>
    public let canPauseResume: ContiguousArray<Bool>
    public let checkpointCapable: ContiguousArray<Bool>
    public let maxRetries: ContiguousArray<Int32>
    public let failureProbability: ContiguousArray<Double>

    // MARK: Resources and limits
    public let resourceNames: [String]
    public let lockCount: Int
    public let poolCapacity: ContiguousArray<Int32>
    public var poolCount: Int { poolCapacity.count }
    public var resourceCount: Int { resourceNames.count }
    /// `Int32.max` when unlimited.
    public let maxConcurrentTasks: Int32
    /// Usable capacity after headroom; `+infinity` when the plan sets no limit or allows oversubscription.
    public let usableCPUCores: Double
    public let usableMemoryMB: Double
    /// The machine's capacity, the denominator of CPU% and memory% (`+infinity` when unknown).
    public let machineCPUCores: Double
    public let machineMemoryMB: Double
    /// The smallest CPU and memory demand of any task: below them nothing can start.
    public let minimumCPUCores: Double
    public let minimumMemoryMB: Double
    public let workers: WorkerPoolModel?
    public let backpressure: BackpressureModel?
    public let failurePolicy: FailurePolicy

    /// Observations made while compiling (unknown `avoid_concurrent_with` ids and the like).
    public let warnings: [String]

    /// Compiles `graph` for scheduling.
    ///
    /// - Parameters:
    ///   - coordinator: the plan's `coordinator.json` (`LoadedPlan.coordinator`); `nil` means
    ///     `CoordinatorDocument.standard`, whose worker pool and backpressure do not bind.
    /// - Throws: `TasksError` exit 4 naming the first task whose demand can never be met, exit 5
    ///   for malformed demands (negative, not finite) and exit 1 for bad settings.
    public init(graph: TaskGraph, coordinator: CoordinatorDocument? = nil,
                settings: SchedulingSettings = SchedulingSettings()) throws(TasksError) {
        var b = try ProblemBuilder(graph: graph, coordinator: coordinator, settings: settings)
        try b.compileDemands()
        try b.checkFeasibility()
        b.assignClasses()
        self.graph = graph
        self.settings = settings
        self.ids = graph.plan.ids
        self.successorOffsets = ContiguousArray(graph.successors.offsets)
        self.successorTargets = ContiguousArray(graph.successors.targets)
        self.predecessorOffsets = ContiguousArray(graph.predecessors.offsets)
        self.predecessorTargets = ContiguousArray(graph.predecessors.targets)
        self.meanHours = b.mean
        self.hintRank = b.hint
        self.cpuCores = b.cpu
        self.memoryMB = b.memory
        self.lockOffsets = b.lockOffsets
        self.lockIDs = b.lockIDs
        self.poolOffsets = b.poolOffsets
        self.poolIDs = b.poolIDs
        self.poolAmounts = b.poolAmounts
        self.demandClass = b.demandClass
        self.classCount = b.classCount
        self.classCPUGroup = b.classCPUGroup
        self.cpuGroupFloor = b.cpuGroupFloor
        self.isLowPriority = b.low
        self.isMemoryIntensive = b.memoryIntensive
        self.canPauseResume = b.pausable
        self.checkpointCapable = b.checkpointable
        self.maxRetries = b.retries
        self.failureProbability = b.failureProbability
        self.resourceNames = b.lockNames + b.poolNames
        self.lockCount = b.lockNames.count
        self.poolCapacity = b.poolCapacity
        self.maxConcurrentTasks = b.maxConcurrent
        self.usableCPUCores = b.usableCPU
        self.usableMemoryMB = b.usableMemory
        self.machineCPUCores = b.machineCPU
        self.machineMemoryMB = b.machineMemory
        self.minimumCPUCores = b.cpu.min() ?? 0
        self.minimumMemoryMB = b.memory.min() ?? 0
        self.workers = b.workers
        self.backpressure = b.backpressure
        self.failurePolicy = b.failurePolicy
        self.warnings = b.warnings
    }

    // MARK: Accessors the hot loops use

    @inlinable @inline(__always)
    public func successors(of t: Int32) -> Range<Int> {
        Int(successorOffsets[Int(t)])..<Int(successorOffsets[Int(t) + 1])
    }

    @inlinable @inline(__always)
    public func predecessors(of t: Int32) -> Range<Int> {
        Int(predecessorOffsets[Int(t)])..<Int(predecessorOffsets[Int(t) + 1])
    }

    @inlinable @inline(__always)
    public func locks(of t: Int32) -> Range<Int> { Int(lockOffsets[Int(t)])..<Int(lockOffsets[Int(t) + 1]) }

    @inlinable @inline(__always)
    public func pools(of t: Int32) -> Range<Int> { Int(poolOffsets[Int(t)])..<Int(poolOffsets[Int(t) + 1]) }

    /// The dense index of task `id`, if the plan has it.
    public func index(of id: String) -> Int32? { graph.plan.indexByID[id].map(Int32.init) }

    /// Durations in hours by task index, for one of the plan's three points or the PERT mean.
    public func durations(_ point: DurationPoint) -> [Double] {
        graph.plan.durations.indices.map { i in
            let d = graph.plan.durations[i]
            switch point {
            case .optimistic: return d.optimistic
            case .mostLikely: return d.mostLikely
            case .pessimistic: return d.pessimistic
            case .mean: return meanHours[i]
            }
        }
    }
}

/// Which deterministic duration to run a plan with.
public enum DurationPoint: String, Sendable, CaseIterable {
    case mostLikely = "most_likely"
    case optimistic
    case pessimistic
    case mean
}
