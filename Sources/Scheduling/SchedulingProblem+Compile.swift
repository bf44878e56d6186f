import TaskGraph
import TaskModel

/// The work of `SchedulingProblem.init`, split out so the type's declaration stays readable:
/// resolve every named demand to an index, apply the coordinator's limits, reject what can never
/// run, and group tasks into demand classes.
struct ProblemBuilder {
    let graph: TaskGraph
    let plan: ResolvedPlan
    let coordinator: CoordinatorDocument
    let settings: SchedulingSettings
    var n: Int { plan.taskCount }

    var lockNames: [String] = []
    var poolNames: [String] = []
    var poolCapacity: ContiguousArray<Int32> = []
    var lockIndex: [String: Int32] = [:]
    var poolIndex: [String: Int32] = [:]

    var mean: ContiguousArray<Double> = []
    var hint: ContiguousArray<UInt8> = []
    var cpu: ContiguousArray<Double> = []
    var memory: ContiguousArray<Double> = []
    var lockOffsets: ContiguousArray<Int32> = [0]
    var lockIDs: ContiguousArray<Int32> = []
    var poolOffsets: ContiguousArray<Int32> = [0]
    var poolIDs: ContiguousArray<Int32> = []
    var poolAmounts: ContiguousArray<Int32> = []
    var low: ContiguousArray<Bool> = []
    var memoryIntensive: ContiguousArray<Bool> = []
    var pausable: ContiguousArray<Bool> = []
    var checkpointable: ContiguousArray<Bool> = []
    var retries: ContiguousArray<Int32> = []
    var failureProbability: ContiguousArray<Double> = []
    var demandClass: ContiguousArray<Int32> = []
    var classCount = 0
    var classCPUGroup: ContiguousArray<Int32> = []
    var cpuGroupFloor: ContiguousArray<Double> = []
    var warnings: [String] = []

    var maxConcurrent: Int32 = .max
    var usableCPU = Double.infinity
    var usableMemory = Double.infinity
    var machineCPU = Double.infinity
    var machineMemory = Double.infinity
    var workers: WorkerPoolModel?
    var backpressure: BackpressureModel?
    var failurePolicy: FailurePolicy

    init(graph: TaskGraph, coordinator: CoordinatorDocument?, settings: SchedulingSettings) throws(TasksError) {
        self.graph = graph
        self.plan = graph.plan
        self.coordinator = coordinator ?? .standard
        self.settings = settings
        let file = graph.plan.sourceName
        func bad(_ message: String) -> TasksError { TasksError(.invalidArguments, message) }

        let limits = plan.document.meta.resourceLimits
        let concurrent = settings.maxConcurrentTasks ?? limits?.maxConcurrentTasks ?? SchedulingSettings.defaultMaxConcurrentTasks
        guard concurrent >= 1 else {
            throw settings.maxConcurrentTasks != nil ? bad("--max-concurrent must be at least 1, got \(concurrent)")
                : TasksError(.invalidPlan, "\(file): meta.resource_limits.max_concurrent_tasks must be at least 1")
        }
        maxConcurrent = Int32(clamping: concurrent)

        let allocation = self.coordinator.coordinator.policies.resourceAllocation
        let headroom = allocation.headroomPercent
        guard headroom.isFinite, (0..<100).contains(headroom) else {
            throw TasksError(.invalidPlan, "\(file): coordinator headroom_percent must be in [0, 100), got \(headroom)")
        }
        if let c = limits?.maxCPUCores {
            guard c.isFinite, c > 0 else { throw TasksError(.invalidPlan, "\(file): meta.resource_limits.max_cpu_cores must be positive") }
            machineCPU = c
        }
        if let g = limits?.maxMemoryGB {
            guard g.isFinite, g > 0 else { throw TasksError(.invalidPlan, "\(file): meta.resource_limits.max_memory_gb must be positive") }
            machineMemory = g * 1024.0
        }
        // bin_packing_with_headroom: the headroom is kept free; oversubscription lifts the limit.
        let keep = 1 - headroom / 100
        usableCPU = allocation.oversubscriptionAllowed ? .infinity : (headroom == 0 ? machineCPU : machineCPU * keep)
        usableMemory = allocation.oversubscriptionAllowed ? .infinity : (headroom == 0 ? machineMemory : machineMemory * keep)

        let hasCoordinator = coordinator != nil
        if settings.enforceWorkerPool ?? hasCoordinator {
            workers = try WorkerPoolModel(self.coordinator.workerPool, matching: self.coordinator.coordinator.policies.workerMatching,
                                          maxWorkers: settings.maxWorkers, file: file)
        }
        if settings.applyBackpressure ?? hasCoordinator {
            backpressure = try BackpressureModel(self.coordinator.coordinator.policies.backpressure, settings: settings, file: file)
        }
        failurePolicy = try FailurePolicy(self.coordinator.coordinator.policies.failureHandling, settings: settings, file: file)

        for r in plan.resources {
            switch r.kind {
            case .exclusive:
                lockIndex[r.name] = Int32(lockNames.count)
                lockNames.append(r.name)
            case .sharedLimited:
                poolIndex[r.name] = Int32(poolNames.count)
                poolNames.append(r.name)
                poolCapacity.append(Int32(clamping: r.capacity))
            }
        }
    }

    /// Per-task demands. A name declared as a pool but listed under `exclusive_resources` takes the
    /// whole pool; a name declared exclusive but listed under `shared_resources` takes the lock
    /// (both as the peer simulators read them). Undeclared names are exit 4.
    mutating func compileDemands() throws(TasksError) {
        let file = plan.sourceName
        let defaultFailure = plan.document.meta.failureProbability ?? 0
        var avoidPairs = Set<Pair>()
        var taskLocks: [[Int32]] = []
        var taskPools: [[Int32: Int32]] = []
        for i in 0..<n {
            let task = plan.task(i)
            func invalid(_ message: String) -> TasksError { TasksError(.invalidPlan, "\(file): task \(task.id): \(message)") }
            let d = plan.durations[i]
            mean.append((d.optimistic + 4.0 * d.mostLikely + d.pessimistic) / 6.0)
            hint.append(Self.hintOrder(task.schedulingHints?.priority))
            low.append(task.schedulingHints?.priority == .low)

            let est = task.resourceRequirements?.estimated
            let c = est?.cpuCores ?? 0, m = est?.memoryMB ?? 0
            guard c.isFinite, c >= 0 else { throw invalid("cpu_cores must be a non-negative number, got \(c)") }
            guard m.isFinite, m >= 0 else { throw invalid("memory_mb must be a non-negative number, got \(m)") }
            cpu.append(c)
            memory.append(m)
            memoryIntensive.append(machineMemory.isFinite && m > 0 && m >= settings.memoryIntensiveFraction * machineMemory)

            var locks: [Int32] = []
            var pools: [Int32: Int32] = [:]
            for name in est?.exclusiveResources ?? [] {
                if let l = lockIndex[name] { locks.append(l) }
                else if let p = poolIndex[name] { pools[p] = max(pools[p] ?? 0, poolCapacity[Int(p)]) }
                else { throw undeclared(task.id, name) }
            }
            for (name, amount) in (est?.sharedResources ?? [:]).sorted(by: { $0.key < $1.key }) {
                guard amount >= 0 else { throw invalid("shared_resources[\(name)] must not be negative, got \(amount)") }
                guard amount > 0 else { continue }
                if let p = poolIndex[name] { pools[p] = max(pools[p] ?? 0, Int32(clamping: amount)) }
                else if let l = lockIndex[name] { locks.append(l) }
                else { throw undeclared(task.id, name) }
            }
            taskLocks.append(locks)
            taskPools.append(pools)

            let hints = task.schedulingHints
            for other in hints?.avoidConcurrentWith ?? [] where other != task.id {
                guard let j = plan.indexByID[other] else {
                    warnings.append("\(file): task \(task.id): avoid_concurrent_with names unknown task \(other) (ignored)")
                    continue
                }
                avoidPairs.insert(Pair(min(i, j), max(i, j)))
            }
            pausable.append(hints?.canPauseResume ?? false)
            checkpointable.append((hints?.checkpointCapable ?? false) && failurePolicy.checkpointRecovery)
            let r = hints?.retryOnFailure == false ? 0 : (hints?.maxRetries ?? failurePolicy.maxRetries)
            guard r >= 0 else { throw invalid("max_retries must not be negative, got \(r)") }
            retries.append(Int32(clamping: r))
            let p = task.failureProbability ?? defaultFailure
            guard p.isFinite, (0...1).contains(p) else { throw invalid("failure_probability must be in [0, 1], got \(p)") }
            failureProbability.append(p)
        }
        // avoid_concurrent_with is symmetric mutual exclusion: one pseudo-lock per unordered pair.
        for pair in avoidPairs.sorted(by: { ($0.a, $0.b) < ($1.a, $1.b) }) {
            let l = Int32(lockNames.count)
            lockNames.append("avoid:\(plan.ids[pair.a])|\(plan.ids[pair.b])")
            taskLocks[pair.a].append(l)
            taskLocks[pair.b].append(l)
        }
        for i in 0..<n {
            for l in Set(taskLocks[i]).sorted() { lockIDs.append(l) }
            lockOffsets.append(Int32(lockIDs.count))
            for (p, a) in taskPools[i].sorted(by: { $0.key < $1.key }) {
                poolIDs.append(p)
                poolAmounts.append(a)
            }
            poolOffsets.append(Int32(poolIDs.count))
        }
    }

    func undeclared(_ task: String, _ name: String) -> TasksError {
        TasksError(.unresolvableResources, "\(plan.sourceName): task \(task) needs undeclared resource \(name) "
            + "(declare it in meta.codebase_analysis.shared_resources)")
    }

    /// Rejects every demand that no state of the run could satisfy.
    func checkFeasibility() throws(TasksError) {
        var problems: [String] = []
        let allocation = coordinator.coordinator.policies.resourceAllocation
        func capacityText(_ usable: Double, _ machine: Double, _ unit: String) -> String {
            allocation.headroomPercent > 0
                ? "usable \(Self.number(usable)) \(unit) (\(Self.number(machine)) less \(Self.number(allocation.headroomPercent))% headroom)"
                : "capacity \(Self.number(machine)) \(unit)"
        }
        for i in 0..<n {
            let id = plan.ids[i]
            for k in Int(poolOffsets[i])..<Int(poolOffsets[i + 1]) {
                let p = Int(poolIDs[k]), need = poolAmounts[k]
                if need > poolCapacity[p] {
                    problems.append("task \(id) needs \(need) units of \(poolNames[p]), capacity \(poolCapacity[p])")
                }
            }
            if cpu[i] > usableCPU {
                problems.append("task \(id) needs \(Self.number(cpu[i])) CPU cores, \(capacityText(usableCPU, machineCPU, "cores"))")
            }
            if memory[i] > usableMemory {
                problems.append("task \(id) needs \(Self.number(memory[i])) MB of memory, \(capacityText(usableMemory, machineMemory, "MB"))")
            }
            if let w = workers {
                let task = plan.task(i)
                let needed = task.resourceRequirements?.workerCapabilitiesRequired ?? []
                if !w.capabilities.isEmpty, let missing = needed.first(where: { !w.capabilities.contains($0) }) {
                    problems.append("task \(id) needs worker capability \(missing), workers have \(w.capabilities.sorted().joined(separator: ", "))")
                }
                if cpu[i] > w.cpuCores {
                    problems.append("task \(id) needs \(Self.number(cpu[i])) CPU cores, a worker has \(Self.number(w.cpuCores))")
                }
                if memory[i] > w.memoryMB {
                    problems.append("task \(id) needs \(Self.number(memory[i])) MB of memory, a worker has \(Self.number(w.memoryMB))")
                }
            }
        }
        guard let first = problems.first else { return }
        let more = problems.count > 1 ? " (and \(problems.count - 1) more)" : ""
        throw TasksError(.unresolvableResources, "\(plan.sourceName): \(first)\(more)")
    }

    /// Groups tasks with identical demands (and the same backpressure treatment) into classes,
    /// numbered in order of first appearance so the grouping is deterministic.
    mutating func assignClasses() {
        struct Key: Hashable {
            var cpu: Double, memory: Double, low: Bool
            var locks: [Int32], pools: [Int32]
        }
        var classes: [Key: Int32] = [:]
        for i in 0..<n {
            var pools: [Int32] = []
            for k in Int(poolOffsets[i])..<Int(poolOffsets[i + 1]) { pools += [poolIDs[k], poolAmounts[k]] }
            let key = Key(cpu: cpu[i], memory: memory[i], low: low[i],
                          locks: Array(lockIDs[Int(lockOffsets[i])..<Int(lockOffsets[i + 1])]), pools: pools)
            if let c = classes[key] {
                demandClass.append(c)
            } else {
                let c = Int32(classes.count)
                classes[key] = c
                demandClass.append(c)
            }
        }
        classCount = classes.count
        groupClassesByCPU()
    }

    /// Groups the classes by CPU demand, at most 16 groups of adjacent demands, each with the
    /// smallest demand in it as its floor: a dispatch pass looks only at groups whose floor fits
    /// in the free CPU, instead of visiting every class that cannot fit and skipping it.
    mutating func groupClassesByCPU() {
        var classCPU = ContiguousArray<Double>(repeating: 0, count: classCount)
        for i in 0..<n { classCPU[Int(demandClass[i])] = cpu[i] }
        let levels = Array(Set(classCPU)).sorted()
        let groups = min(levels.count, 16)
        var groupOfLevel: [Double: Int32] = [:]
        cpuGroupFloor = []
        for g in 0..<groups {
            let slice = levels[(g * levels.count / groups)..<((g + 1) * levels.count / groups)]
            cpuGroupFloor.append(slice.first!)
            for v in slice { groupOfLevel[v] = Int32(g) }
        }
        classCPUGroup = ContiguousArray(classCPU.map { groupOfLevel[$0]! })
    }

    struct Pair: Hashable {
        var a: Int, b: Int
        init(_ a: Int, _ b: Int) { self.a = a; self.b = b }
    }

    /// `scheduling_hints.priority` as the peers order it: critical 0, high 1, medium 2, low 3.
    static func hintOrder(_ p: TaskPriority?) -> UInt8 {
        switch p ?? .medium {
        case .critical: 0
        case .high: 1
        case .medium: 2
        case .low: 3
        }
    }

    static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
    }
}
