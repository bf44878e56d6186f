import Scheduling
import Simulation
import TaskModel
import TasksTestSupport
import Testing

/// Tiny scenarios whose whole timeline is known, asserted as exact logs (SimPy's
/// `assert log == [...]`). Each states the rule it pins down.
@Suite("Scheduling scenarios")
struct ScenarioTests {
    /// Two chains, a short-long and a long-short: the frontier overlaps them, waves cannot,
    /// because the barrier waits for the long head of the other chain.
    @Test("two chains: waves lose to the frontier")
    func twoChains() throws {
        let p = try problem(ScheduleBuilder()
            .task("a1", 1).task("a2", 4, after: ["a1"])
            .task("b1", 4).task("b2", 1, after: ["b1"]))
        let f = try frontier(p)
        #expect(log(f.trace!) == ["a1 0-1", "b1 0-4", "a2 1-5", "b2 4-5"])
        #expect(f.makespanHours == 5)
        let w = try waves(p)
        #expect(log(w.trace!) == ["a1 0-1", "b1 0-4", "a2 4-8", "b2 4-5"])
        #expect(w.makespanHours == 8)
        #expect(w.trace!.waves.map(\.tasks) == [["a1", "b1"], ["a2", "b2"]])
        #expect(w.trace!.waves.map(\.releasedAt) == [0, 4])
        #expect(w.trace!.waves.map(\.barrierOpenedAt) == [4, 8])
    }

    /// Three holders of one exclusive resource run one after another in priority order; a task
    /// that needs nothing overtakes them (no reservation).
    @Test("an exclusive resource serialises its holders")
    func exclusive() throws {
        let p = try problem(ScheduleBuilder().exclusive("db")
            .task("m1", 2, exclusive: ["db"]).task("m2", 2, exclusive: ["db"]).task("m3", 2, exclusive: ["db"])
            .task("f", 1))
        let f = try frontier(p)
        #expect(log(f.trace!) == ["f 0-1", "m1 0-2", "m2 2-4", "m3 4-6"])
        let db = try #require(f.trace!.resources.first { $0.name == "db" })
        #expect(db.utilization == 1)
        #expect(db.contentionCount == 2)
        #expect(db.waitHours == 6)
        #expect(f.trace!.tasks.first { $0.id == "m3" }?.waitedFor == "db")
        let w = try waves(p)
        #expect(w.trace!.waves.map(\.tasks) == [["m1", "f"], ["m2"], ["m3"]], "one holder of db per wave")
        #expect(log(w.trace!) == ["f 0-1", "m1 0-2", "m2 2-4", "m3 4-6"])
    }

    /// Nine one-hour tasks on a pool of three: three full rounds.
    @Test("a pool of 3 with 9 tasks runs in 3 rounds")
    func poolOfThree() throws {
        var b = ScheduleBuilder().pool("db", capacity: 3)
        for i in 1...9 { b = b.task("t\(i)", 1, shared: ["db": 1]) }
        let p = try problem(b)
        let expected = (1...9).map { "t\($0) \(($0 - 1) / 3)-\(($0 - 1) / 3 + 1)" }
        let f = try frontier(p)
        #expect(log(f.trace!) == expected)
        #expect(f.makespanHours == 3)
        let w = try waves(p)
        #expect(w.trace!.waves.count == 3, "a pool's capacity per wave")
        #expect(log(w.trace!) == expected)
        let snapshot = try frontier(p).trace!
        #expect(snapshot.resources.first { $0.name == "db" }?.peak == 3)
    }

    static let quorumPlan = ScheduleBuilder()
        .task("a", 1).task("b", 1).task("c", 10)
        .task("d", 1, after: ["a"]).task("e", 1, after: ["b"])

    /// A quorum barrier opens when ⌈q·n⌉ members are done; the straggler carries over.
    @Test("a quorum barrier releases the next wave before the straggler finishes")
    func quorum() throws {
        let p = try problem(Self.quorumPlan)
        let full = try waves(p)
        #expect(log(full.trace!) == ["a 0-1", "b 0-1", "c 0-10", "d 10-11", "e 10-11"])
        let config = WaveConfiguration(barrier: BarrierConfiguration(kind: .quorum(0.6)))
        let w = try waves(p, config)
        #expect(log(w.trace!) == ["a 0-1", "b 0-1", "c 0-10", "d 1-2", "e 1-2"])
        #expect(w.trace!.waves[0].barrierOpenedAt == 1)
        #expect(w.trace!.waves[0].carriedOver == 1)
        #expect(w.makespanHours == 10)
    }

    /// A barrier that times out with `deferOptional` opens anyway; without the fallback the
    /// timeout is only recorded.
    @Test("a barrier timeout with deferOptional releases the next wave")
    func barrierTimeout() throws {
        let p = try problem(Self.quorumPlan)
        let doc = WavesDocument.Barrier(kind: "full", timeoutMinutes: 120, fallback: "deferOptional")
        let w = try waves(p, WaveConfiguration(barrier: try BarrierConfiguration(doc, file: "waves.json")))
        #expect(log(w.trace!) == ["a 0-1", "b 0-1", "c 0-10", "d 2-3", "e 2-3"])
        #expect(w.trace!.waves[0].timedOut)
        #expect(w.trace!.waves[0].barrierOpenedAt == 2)
        let strict = try waves(p, WaveConfiguration(barrier: BarrierConfiguration(kind: .full, timeoutHours: 2)))
        #expect(log(strict.trace!) == ["a 0-1", "b 0-1", "c 0-10", "d 10-11", "e 10-11"])
        #expect(strict.trace!.waves[0].timedOut)
    }

    /// A quorum barrier that cannot reach its quorum before the timeout (two of four members are
    /// long) opens at the timeout with `deferOptional`, and both stragglers carry over.
    @Test("a quorum barrier with a timeout opens when the quorum is late")
    func quorumWithTimeout() throws {
        let p = try problem(ScheduleBuilder()
            .task("a", 1).task("b", 1).task("c", 10).task("d", 10).task("e", 1, after: ["a"]))
        let doc = WavesDocument.Barrier(kind: "quorum", quorum: 0.75, timeoutMinutes: 120, fallback: "deferOptional")
        let w = try waves(p, WaveConfiguration(barrier: try BarrierConfiguration(doc, file: "waves.json")))
        #expect(log(w.trace!) == ["a 0-1", "b 0-1", "c 0-10", "d 0-10", "e 2-3"])
        #expect(w.trace!.waves[0].barrierOpenedAt == 2 && w.trace!.waves[0].timedOut && w.trace!.waves[0].carriedOver == 2)
        let quick = WavesDocument.Barrier(kind: "quorum", quorum: 0.5, timeoutMinutes: 120, fallback: "deferOptional")
        let q = try waves(p, WaveConfiguration(barrier: try BarrierConfiguration(quick, file: "waves.json")))
        #expect(log(q.trace!) == ["a 0-1", "b 0-1", "c 0-10", "d 0-10", "e 1-2"], "quorum reached before the timeout")
        #expect(!q.trace!.waves[0].timedOut)
    }

    /// `bin_packing_with_headroom`: 20% headroom on 10 cores leaves 8 usable, so two 5-core tasks
    /// cannot share the machine; with oversubscription allowed they can.
    @Test("headroom reduces usable capacity; oversubscription lifts it")
    func headroom() throws {
        var c = CoordinatorDocument.standard
        c.coordinator.policies.resourceAllocation.headroomPercent = 20
        let b = ScheduleBuilder(cpuCores: 10).task("a", 2, cpu: 5).task("b", 1, cpu: 5)
        #expect(log(try frontier(try problem(b)).trace!) == ["a 0-2", "b 0-1"])
        let p = try problem(b, coordinator: c, settings: onlyFailureHandling)
        #expect(p.usableCPUCores == 8)
        #expect(log(try frontier(p).trace!) == ["a 0-2", "b 2-3"])
        c.coordinator.policies.resourceAllocation.oversubscriptionAllowed = true
        #expect(log(try frontier(try problem(b, coordinator: c, settings: onlyFailureHandling)).trace!) == ["a 0-2", "b 0-1"])
        let tooBig = ScheduleBuilder(cpuCores: 10).task("big", 1, cpu: 9)
        c.coordinator.policies.resourceAllocation.oversubscriptionAllowed = false
        #expect(throws: TasksError(.unresolvableResources,
                                   "test/tasks.json: task big needs 9 CPU cores, usable 8 cores (10 less 20% headroom)")) {
            try problem(tooBig, coordinator: c, settings: onlyFailureHandling)
        }
    }

    /// A failed attempt frees its resources at once; the retry waits out an exponential backoff
    /// (1 h, then 2 h) and starts over.
    @Test("a failure is retried after exponential backoff")
    func retryWithBackoff() throws {
        let p = try problem(ScheduleBuilder().task("t", 2).task("u", 1, after: ["t"]),
                            coordinator: hourlyCoordinator(), settings: onlyFailureHandling)
        let r = try frontier(p, faults: failing(p, ["t": [1: 0.5, 2: 0.5]]))
        #expect(log(r.trace!) == ["t 0-1 failed", "t 2-3 failed", "t 5-7", "u 7-8"])
        #expect(r.trace!.tasks[0].attempts == 3)
        #expect(r.outcome.succeeded)
        #expect(r.makespanHours == 8)
    }

    /// A checkpoint-capable task resumes from its last checkpoint (every 25%): failing at 60%
    /// keeps 50%, so the retry runs the remaining half.
    @Test("a checkpointed retry resumes from the last checkpoint")
    func checkpointedRetry() throws {
        let b = ScheduleBuilder().task("t", 4, checkpoint: true).task("plain", 4)
        let p = try problem(b, coordinator: hourlyCoordinator(), settings: onlyFailureHandling)
        let r = try frontier(p, faults: failing(p, ["t": [1: 0.6], "plain": [1: 0.6]]))
        #expect(log(r.trace!) == ["plain 0-2.4 failed", "t 0-2.4 failed", "plain 3.4-7.4", "t 3.4-5.4"])
    }

    /// When retries run out the task fails for good: its descendants are blocked, independent
    /// work goes on (keep going), and the outcome says so.
    @Test("exhausted retries block descendants")
    func exhaustedRetries() throws {
        let b = ScheduleBuilder().task("t", 2, maxRetries: 1).task("u", 1, after: ["t"]).task("x", 1, after: ["u"])
            .task("v", 5).task("w", 1, after: ["v"])
        let p = try problem(b, coordinator: hourlyCoordinator(), settings: onlyFailureHandling)
        let faults = failing(p, ["t": [1: 0.5, 2: 0.5]])
        let r = try frontier(p, faults: faults)
        #expect(log(r.trace!) == ["t 0-1 failed", "v 0-5", "t 2-3 failed", "w 5-6"])
        #expect(!r.outcome.succeeded)
        #expect(r.outcome.failed == ["t"])
        #expect(r.outcome.blocked == ["u", "x"])
        #expect(r.makespanHours == 6)

        var stop = onlyFailureHandling
        stop.failureMode = .stopStarting
        let q = try problem(b, coordinator: hourlyCoordinator(), settings: stop)
        let s = try frontier(q, faults: failing(q, ["t": [1: 0.5, 2: 0.5]]))
        #expect(log(s.trace!) == ["t 0-1 failed", "v 0-5", "t 2-3 failed"])
        #expect(s.outcome.notStarted == ["w"])
        #expect(s.outcome.blocked == ["u", "x"])
    }

    /// CPU above the threshold keeps low-priority tasks from starting.
    @Test("backpressure holds back low priority")
    func backpressureHoldsLowPriority() throws {
        let b = ScheduleBuilder(cpuCores: 10).task("h", 4, cpu: 6, priority: .high).task("l", 2, cpu: 3, priority: .low)
        let off = try frontier(try problem(b))
        #expect(log(off.trace!) == ["h 0-4", "l 0-2"])
        let on = try frontier(try problem(b, settings: SchedulingSettings(applyBackpressure: true)))
        #expect(log(on.trace!) == ["h 0-4", "l 4-6"])
        #expect(on.trace!.tasks[1].waitedFor == "backpressure:cpu_usage")
    }

    /// A high-priority start that pushes CPU above the threshold pauses a running low-priority
    /// pausable task; it resumes with its remaining work when the load drops.
    @Test("backpressure pauses and resumes a pausable low-priority task")
    func backpressurePause() throws {
        let b = ScheduleBuilder(cpuCores: 10)
            .task("p", 4, cpu: 4, priority: .low, pausable: true)
            .task("g", 1).task("x", 2, after: ["g"], cpu: 6, priority: .high)
        let r = try frontier(try problem(b, settings: SchedulingSettings(applyBackpressure: true)))
        #expect(log(r.trace!) == ["g 0-1", "p 0-1 paused", "x 1-3", "p 3-6"])
        #expect(r.metrics.pauses == 1)
    }

    /// Memory above its threshold defers memory-intensive tasks (≥ 25% of the machine's memory).
    @Test("memory backpressure defers memory-intensive tasks")
    func memoryBackpressure() throws {
        let b = ScheduleBuilder(memoryGB: 4).task("a", 2, memoryMB: 2048).task("b", 1, memoryMB: 2048)
        #expect(log(try frontier(try problem(b)).trace!) == ["a 0-2", "b 0-1"])
        let on = try frontier(try problem(b, settings: SchedulingSettings(applyBackpressure: true)))
        #expect(log(on.trace!) == ["a 0-2", "b 2-3"])
    }

    /// A failure above the error-rate threshold opens the breaker for the cool-down (1 h); then
    /// one start per interval until a half-open start succeeds, which closes it.
    @Test("the circuit breaker opens, half-opens and closes")
    func circuitBreaker() throws {
        let b = ScheduleBuilder().task("z", 1).task("k1", 1, after: ["z"]).task("k2", 1, after: ["z"])
            .task("k3", 1, after: ["z"]).task("f", 1)
        let p = try problem(b, coordinator: hourlyCoordinator(),
                            settings: SchedulingSettings(enforceWorkerPool: false, applyBackpressure: true))
        let r = try frontier(p, faults: failing(p, ["f": [1: 0.5]]))
        #expect(log(r.trace!) == ["f 0-0.5 failed", "z 0-1", "k1 1.5-2.5", "f 2.5-3.5", "k2 2.5-3.5", "k3 2.5-3.5"])
        #expect(r.metrics.breakerTrips == 1)
    }

    /// A worker pool of two single-task workers runs four tasks in two rounds.
    @Test("the worker pool binds when the plan has a coordinator")
    func workerPool() throws {
        var c = CoordinatorDocument.standard
        c.workerPool.maxWorkers = 2
        let b = ScheduleBuilder().task("a", 1).task("b", 1).task("c", 1).task("d", 1)
        let free = try frontier(try problem(b))
        #expect(free.makespanHours == 1, "no coordinator.json: workers do not bind")
        let r = try frontier(try problem(b, coordinator: c, settings: SchedulingSettings(applyBackpressure: false)))
        #expect(log(r.trace!) == ["a 0-1", "b 0-1", "c 1-2", "d 1-2"])
        #expect(Set(r.trace!.segments.compactMap(\.worker)) == [0, 1])
    }

    /// `avoid_concurrent_with` is symmetric mutual exclusion.
    @Test("avoid_concurrent_with keeps two tasks apart")
    func avoidConcurrent() throws {
        let b = ScheduleBuilder().task("a", 2, avoid: ["b"]).task("b", 1).task("c", 1)
        #expect(log(try frontier(try problem(b)).trace!) == ["a 0-2", "c 0-1", "b 2-3"])
    }

    @Test("priority rules are total orders with documented tie-breaks")
    func priorityRules() throws {
        let b = ScheduleBuilder(maxConcurrent: 1)
            .task("c", 1, priority: .low).task("b", 1, priority: .high).task("a", 1)
            .task("d", 3, after: ["c"])
        let p = try problem(b)
        #expect(log(try frontier(p).trace!) == ["c 0-1", "d 1-4", "b 4-5", "a 5-6"], "bottom level, then hint")
        #expect(log(try frontier(p, rule: .hint).trace!) == ["b 0-1", "a 1-2", "c 2-3", "d 3-6"])
        #expect(log(try frontier(p, rule: .fifo).trace!) == ["a 0-1", "b 1-2", "c 2-3", "d 3-6"])
        #expect(log(try frontier(p, rule: .mostSuccessors).trace!) == ["c 0-1", "a 1-2", "b 2-3", "d 3-6"])
        #expect(log(try frontier(p, rule: .lft).trace!) == ["c 0-1", "a 1-2", "b 2-3", "d 3-6"])
    }

    @Test("demands that can never be met are rejected up front (exit 4)")
    func unresolvable() throws {
        func rejected(_ b: ScheduleBuilder, coordinator: CoordinatorDocument? = nil) -> TasksError? {
            do { _ = try problem(b, coordinator: coordinator); return nil } catch { return error as? TasksError }
        }
        let pool = rejected(ScheduleBuilder().pool("test_db_pool", capacity: 3).task("X", 1, shared: ["test_db_pool": 5]))
        #expect(pool == TasksError(.unresolvableResources, "test/tasks.json: task X needs 5 units of test_db_pool, capacity 3"))
        let undeclared = rejected(ScheduleBuilder().task("Y", 1, exclusive: ["nope"]))
        #expect(undeclared?.status == .unresolvableResources)
        #expect(undeclared?.message.contains("task Y needs undeclared resource nope") == true)
        let memory = rejected(ScheduleBuilder(memoryGB: 1).task("M", 1, memoryMB: 2048))
        #expect(memory?.message == "test/tasks.json: task M needs 2048 MB of memory, capacity 1024 MB")
        var c = CoordinatorDocument.standard
        c.workerPool.workerTemplate.capabilities = ["backend"]
        let capability = rejected(ScheduleBuilder().task("G", 1, capabilities: ["gpu"]), coordinator: c)
        #expect(capability?.message == "test/tasks.json: task G needs worker capability gpu, workers have backend")
    }

    /// Snapshots give the spec's `execution_simulation` blocks.
    @Test("snapshots list running, ready, blocked and completed tasks")
    func snapshots() throws {
        let p = try problem(ScheduleBuilder(maxConcurrent: 1, cpuCores: 8).pool("db", capacity: 2)
            .task("a", 2, cpu: 2, shared: ["db": 1]).task("b", 1).task("c", 1, after: ["a"]))
        var sim = Simulator(rollingFrontier: p)
        let r = try sim.run(durations: p.durations(.mostLikely), trace: .full, snapshotTimes: [0, 2.5])
        let s0 = try #require(r.trace!.snapshots["time_0h"])
        #expect(s0.running == ["a"] && s0.ready == ["b"] && s0.blocked == ["c"] && s0.completed == nil)
        #expect(s0.resourceUsage == ["cpu_cores": 2, "memory_gb": 0, "db": 1])
        let s1 = try #require(r.trace!.snapshots["time_2.5h"])
        #expect(s1.running == ["b"] && s1.ready == ["c"] && s1.completed == ["a"])
        #expect(r.trace!.criticalChain.map(\.task) == ["a", "b", "c"])
        #expect(r.trace!.criticalChain.map(\.cause) == [.start, .capacity, .capacity])
    }
}
