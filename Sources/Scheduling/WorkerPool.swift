import TaskModel

/// The coordinator's worker pool as the scheduler sees it: identical workers (one template), each
/// running up to `tasksPerWorker` tasks within its own CPU and memory.
///
/// Scaling is `adaptive` and instantaneous in simulation, so the pool is modelled at
/// `max_workers`; `min_workers` only bounds the setting. Capabilities are checked when the
/// problem is compiled (the template is the same for every worker), so at run time matching is
/// only about free slots and free CPU/memory on some worker.
public struct WorkerPoolModel: Sendable, Equatable {
    public var count: Int
    public var tasksPerWorker: Int32
    public var cpuCores: Double
    public var memoryMB: Double
    /// Empty means any worker can run any task.
    public var capabilities: Set<String>

    public init(count: Int, tasksPerWorker: Int32, cpuCores: Double, memoryMB: Double, capabilities: Set<String>) {
        self.count = count
        self.tasksPerWorker = tasksPerWorker
        self.cpuCores = cpuCores
        self.memoryMB = memoryMB
        self.capabilities = capabilities
    }

    init(_ pool: CoordinatorDocument.WorkerPool, matching: CoordinatorDocument.WorkerMatching, maxWorkers: Int?,
         file: String) throws(TasksError) {
        let count = maxWorkers ?? pool.maxWorkers
        guard pool.minWorkers >= 0, count >= max(1, maxWorkers == nil ? pool.minWorkers : 1) else {
            throw TasksError(.workerPoolFailed, "\(file): worker pool needs 1 <= min_workers <= max_workers, got "
                + "\(pool.minWorkers)...\(count)")
        }
        guard matching.maxTasksPerWorker >= 1 else {
            throw TasksError(.workerPoolFailed, "\(file): max_tasks_per_worker must be at least 1")
        }
        let capacity = pool.workerTemplate.resourceCapacity
        self.init(count: count, tasksPerWorker: Int32(clamping: matching.maxTasksPerWorker),
                  cpuCores: capacity.cpuCores > 0 ? capacity.cpuCores : .infinity,
                  memoryMB: capacity.memoryMB > 0 ? capacity.memoryMB : .infinity,
                  capabilities: Set(pool.workerTemplate.capabilities))
    }
}

/// Free capacity of each worker during a run. Assignment is `capability_and_load_balanced`: the
/// least-loaded worker that fits (fewest running tasks, then the lowest number), so equal work
/// spreads evenly and the choice is deterministic.
struct WorkerSlots: Sendable {
    var freeSlots: ContiguousArray<Int32> = []
    var freeCPU: ContiguousArray<Double> = []
    var freeMemory: ContiguousArray<Double> = []
    var model: WorkerPoolModel?
    /// Workers `0 ..< active` take new tasks: all of them in simulation; the executor's adaptive
    /// pool starts at `--worker-min` and grows (`Plan.setActiveWorkers`).
    var active = 0

    init(_ model: WorkerPoolModel?) {
        self.model = model
        reset()
    }

    mutating func reset() {
        guard let m = model else { return }
        active = m.count
        if freeSlots.count != m.count {
            freeSlots = ContiguousArray(repeating: 0, count: m.count)
            freeCPU = ContiguousArray(repeating: 0, count: m.count)
            freeMemory = ContiguousArray(repeating: 0, count: m.count)
        }
        for w in 0..<m.count {
            freeSlots[w] = m.tasksPerWorker
            freeCPU[w] = m.cpuCores
            freeMemory[w] = m.memoryMB
        }
    }

    /// The worker `t` would be assigned to, or -1 when none fits.
    /// - Complexity: O(workers)
    @inline(__always)
    func choose(cpu: Double, memory: Double) -> Int32 {
        var best: Int32 = -1
        var bestFree: Int32 = 0
        for w in 0..<active where freeSlots[w] > bestFree && cpu <= freeCPU[w] && memory <= freeMemory[w] {
            best = Int32(w)
            bestFree = freeSlots[w]
        }
        return best
    }

    @inline(__always)
    mutating func acquire(_ w: Int32, cpu: Double, memory: Double) {
        freeSlots[Int(w)] -= 1
        freeCPU[Int(w)] -= cpu
        freeMemory[Int(w)] -= memory
    }

    @inline(__always)
    mutating func release(_ w: Int32, cpu: Double, memory: Double) {
        freeSlots[Int(w)] += 1
        freeCPU[Int(w)] += cpu
        freeMemory[Int(w)] += memory
    }
}
