import Foundation
import Scheduling
import Simulation
import TaskGraph
import TaskModel
import TasksTestSupport
import Testing

/// Seeded sweeps over random plans: random DAGs with locks, pools, CPU/memory limits, worker
/// pools, hints, backpressure, barriers and faults, under both models and every priority rule.
///
/// Each run is checked twice: by the core's own `_checkInvariants()` after every decision (on in
/// debug builds), and here, independently, from the trace alone — capacities at every start,
/// precedence, each task run at most once to completion, statuses consistent with failures. A
/// run must end or throw "stuck"; it can never hang. Every failure names its seed.
@Suite("Seeded sweeps")
struct RandomSweepTests {
    struct Case {
        var builder: ScheduleBuilder
        var coordinator: CoordinatorDocument?
        var settings: SchedulingSettings
        var rule: PriorityRule
        var waves: WaveConfiguration
        var faultDraws: [Double]?
        var sample: Double
    }

    static func makeCase(seed: UInt64, faults: Bool) -> Case {
        var rng = SplitMix64(seed: seed)
        let n = Int.random(in: 1...24, using: &rng)
        let cpu: Double? = rng.chance(0.5) ? Double(Int.random(in: 2...12, using: &rng)) : nil
        let memoryGB: Double? = rng.chance(0.4) ? Double(Int.random(in: 1...4, using: &rng)) : nil
        let slots: Int? = rng.chance(0.6) ? Int.random(in: 1...6, using: &rng) : nil
        var b = ScheduleBuilder(maxConcurrent: slots, cpuCores: cpu, memoryGB: memoryGB)
        let locks = (0..<Int.random(in: 0...2, using: &rng)).map { "lock\($0)" }
        let pools = (0..<Int.random(in: 0...2, using: &rng)).map { ("pool\($0)", Int.random(in: 1...4, using: &rng)) }
        for l in locks { b = b.exclusive(l) }
        for (name, cap) in pools { b = b.pool(name, capacity: cap) }
        let ids = (0..<n).map { String(format: "T%02d", $0) }
        var maxCPU = 0.0, maxMemory = 0.0
        for i in 0..<n {
            let zero = rng.chance(0.08)
            let a = zero ? 0 : Double(Int.random(in: 0...6, using: &rng)) + (rng.chance(0.3) ? 0.5 : 0)
            let m = zero ? 0 : a + Double(Int.random(in: 0...3, using: &rng))
            let hi = zero ? 0 : m + Double(Int.random(in: 0...4, using: &rng))
            let after = (0..<i).filter { _ in rng.chance(0.15) }.map { ids[$0] }
            let c = cpu.map { Double(Int.random(in: 0...Int($0), using: &rng)) }
            let mem = memoryGB.map { Double(Int.random(in: 0...Int($0 * 1024), using: &rng)) }
            maxCPU = max(maxCPU, c ?? 0)
            maxMemory = max(maxMemory, mem ?? 0)
            let ex = locks.filter { _ in rng.chance(0.25) }
            var shared: [String: Int] = [:]
            for (name, cap) in pools where rng.chance(0.3) { shared[name] = Int.random(in: 1...cap, using: &rng) }
            let priority: TaskPriority? = rng.chance(0.7) ? [.low, .medium, .high, .critical][Int.random(in: 0...3, using: &rng)] : nil
            let avoid = n > 1 && rng.chance(0.1) ? [ids[Int.random(in: 0..<n, using: &rng)]] : []
            b = b.task(ids[i], pert: (a, m, hi), after: after, cpu: c, memoryMB: mem, exclusive: ex, shared: shared,
                       priority: priority, maxRetries: rng.chance(0.3) ? Int.random(in: 0...2, using: &rng) : nil,
                       failureProbability: faults ? Double.random(in: 0...0.5, using: &rng) : nil,
                       pausable: rng.chance(0.3), checkpoint: rng.chance(0.3), avoid: avoid)
            if i > 0 && rng.chance(0.05) {
                // Edges the filter drops: soft, or below the confidence threshold.
                b = b.edge(ids[Int.random(in: 0..<i, using: &rng)], ids[i], confidence: 0.5, isHard: rng.chance(0.5))
            }
        }
        var coordinator: CoordinatorDocument?
        var settings = SchedulingSettings(failureMode: rng.chance(0.7) ? .keepGoing : .stopStarting)
        if rng.chance(0.35) {
            var c = CoordinatorDocument.standard
            c.coordinator.policies.failureHandling.backoffBaseSeconds = Double(Int.random(in: 0...7200, using: &rng))
            c.coordinator.policies.failureHandling.maxRetries = Int.random(in: 0...2, using: &rng)
            c.coordinator.policies.failureHandling.checkpointIntervalPercent = [10, 25, 50, 100][Int.random(in: 0...3, using: &rng)]
            c.workerPool.minWorkers = 1
            c.workerPool.maxWorkers = Int.random(in: 1...3, using: &rng)
            c.coordinator.policies.workerMatching.maxTasksPerWorker = Int.random(in: 1...2, using: &rng)
            c.workerPool.workerTemplate.resourceCapacity.cpuCores = maxCPU + Double(Int.random(in: 0...4, using: &rng))
            c.workerPool.workerTemplate.resourceCapacity.memoryMB = maxMemory + 1024
            // The standard triggers are cpu_usage, memory_usage, error_rate, in that order.
            c.coordinator.policies.backpressure.triggers[0].threshold = Double(Int.random(in: 30...100, using: &rng))
            c.coordinator.policies.backpressure.triggers[1].threshold = Double(Int.random(in: 30...100, using: &rng))
            c.coordinator.policies.backpressure.triggers[2].threshold = Double(Int.random(in: 0...50, using: &rng))
            c.coordinator.policies.backpressure.recovery.coolDownSeconds = Double(Int.random(in: 0...7200, using: &rng))
            c.coordinator.policies.backpressure.recovery.gradualResume = rng.chance(0.6)
            c.coordinator.policies.backpressure.recovery.resumeRate = Double(Int.random(in: 1...2, using: &rng))
            c.coordinator.policies.resourceAllocation.headroomPercent = rng.chance(0.3) ? 10 : 0
            coordinator = c
            settings.applyBackpressure = rng.chance(0.8)
        } else {
            settings.applyBackpressure = rng.chance(0.3)
        }
        let rule = PriorityRule.allCases[Int.random(in: 0..<PriorityRule.allCases.count, using: &rng)]
        var barrier = BarrierConfiguration(kind: rng.chance(0.5) ? .full : .quorum(Double.random(in: 0.2...1, using: &rng)))
        if rng.chance(0.4) { barrier.timeoutHours = Double(Int.random(in: 0...6, using: &rng)) }
        barrier.deferOptional = rng.chance(0.5)
        let waves = WaveConfiguration(maxWaveSize: rng.chance(0.5) ? Int.random(in: 1...5, using: &rng) : nil,
                                      separateResources: rng.chance(0.5), barrier: barrier)
        let draws = faults ? (0..<FaultDraws.count(taskCount: n, attempts: 4)).map { _ in Double.random(in: 0..<1, using: &rng) } : nil
        return Case(builder: b, coordinator: coordinator, settings: settings, rule: rule, waves: waves, faultDraws: draws,
                    sample: Double.random(in: 0...1, using: &rng))
    }

    static let seeds: [UInt64] = Array(1...500)

    @Test("random plans: invariants hold after every event, both models", arguments: [false, true])
    func sweep(faults: Bool) throws {
        var runs = 0, failedRuns = 0, stuck: [String] = []
        var pauses = 0, trips = 0, retries = 0, timeouts = 0, pooled = 0
        for seed in Self.seeds {
            let c = Self.makeCase(seed: seed, faults: faults)
            let p: SchedulingProblem
            do {
                p = try SchedulingProblem(graph: try c.builder.graph(), coordinator: c.coordinator, settings: c.settings)
            } catch {
                // Random demands can exceed a headroom-reduced capacity; that must be exit 4, never a hang.
                #expect(error.status == .unresolvableResources, "seed \(seed): \(error)")
                continue
            }
            let d = (0..<p.taskCount).map { i -> Double in
                let e = p.graph.plan.durations[i]
                return e.optimistic + (e.pessimistic - e.optimistic) * c.sample
            }
            let order = ReadyOrder(p, rule: c.rule)
            var frontier = Simulator(problem: p, policy: RollingFrontierPolicy(), order: order)
            var waves = Simulator(problem: p, policy: WavePolicy(p, order: order, configuration: c.waves), order: order)
            for model in ["rolling_frontier", "wave_based"] {
                do {
                    var f = FaultDraws(draws: c.faultDraws ?? [], taskCount: p.taskCount)
                    let result = model == "wave_based"
                        ? try waves.run(durations: d, faults: &f, trace: .full)
                        : try frontier.run(durations: d, faults: &f, trace: .full)
                    let trace = try #require(result.trace)
                    let violations = TraceChecker(problem: p, trace: trace, durations: d, faults: faults,
                                                  waves: model == "wave_based" ? c.waves : nil).violations()
                    #expect(violations.isEmpty, "seed \(seed) \(model) faults=\(faults): \(violations.prefix(5))")
                    // Determinism and reuse: a second run of the same simulator repeats the first exactly.
                    var g = FaultDraws(draws: c.faultDraws ?? [], taskCount: p.taskCount)
                    let again = model == "wave_based"
                        ? try waves.run(durations: d, faults: &g, trace: .full)
                        : try frontier.run(durations: d, faults: &g, trace: .full)
                    #expect(again.trace == trace, "seed \(seed) \(model): a repeated run differs")
                    runs += 1
                    if !result.outcome.succeeded { failedRuns += 1 }
                    pauses += Int(result.metrics.pauses)
                    trips += Int(result.metrics.breakerTrips)
                    retries += Int(result.metrics.retries)
                    timeouts += trace.waves.filter(\.timedOut).count
                    if p.workers != nil { pooled += 1 }
                } catch let error as TasksError {
                    stuck.append("seed \(seed) \(model): \(error.message)")
                }
            }
        }
        #expect(stuck.isEmpty, "\(stuck.prefix(5))")
        #expect(runs >= 900)
        if faults { #expect(failedRuns > 0, "the fault sweep should include runs that fail for good") }
        print("sweep faults=\(faults): \(runs) runs checked (\(pooled) with a worker pool), \(failedRuns) ended with a failed task; "
            + "\(retries) retries, \(pauses) pauses, \(trips) breaker trips, \(timeouts) barrier timeouts")
    }
}

/// An invariant checker that knows only the plan and the trace: it shares no code with the core.
struct TraceChecker {
    let problem: SchedulingProblem
    let trace: RunTrace
    let durations: [Double]
    let faults: Bool
    let waves: WaveConfiguration?
    let eps = 1e-9

    func violations() -> [String] {
        var out: [String] = []
        let p = problem
        let n = p.taskCount
        var segs = [[RunTrace.Segment]](repeating: [], count: n)
        for s in trace.segments { segs[Int(p.index(of: s.task)!)].append(s) }
        let anyFailed = trace.tasks.contains { $0.status == .failed }
        let failedIDs = Set(trace.tasks.filter { $0.status == .failed }.map(\.id))
        let edges = p.graph.edges.map { (Int(p.index(of: $0.from)!), Int(p.index(of: $0.to)!)) }

        // Each task: segments ordered and disjoint, status consistent with them.
        for i in 0..<n {
            let t = trace.tasks[i]
            let s = segs[i].sorted { $0.start < $1.start }
            for (a, b) in zip(s, s.dropFirst()) where a.end > b.start + eps {
                out.append("\(t.id) runs twice at once: \(a.start)-\(a.end) and \(b.start)-\(b.end)")
            }
            for x in s where x.end < x.start - eps { out.append("\(t.id) has a segment ending before it starts") }
            let completed = s.filter { $0.ending == .completed }.count
            let failedSegments = s.filter { $0.ending == .failed }.count
            switch t.status {
            case .completed:
                if completed != 1 || s.last?.ending != .completed { out.append("\(t.id) completed \(completed) times") }
                if t.attempts != failedSegments + 1 { out.append("\(t.id): \(t.attempts) attempts, \(failedSegments) failures") }
                if !faults && failedSegments == 0 {
                    let ran = s.reduce(0) { $0 + ($1.end - $1.start) }
                    if abs(ran - durations[i]) > 1e-6 * max(1, durations[i]) {
                        out.append("\(t.id) ran \(ran) h for a duration of \(durations[i]) h")
                    }
                }
            case .failed:
                if completed != 0 || s.last?.ending != .failed { out.append("\(t.id) failed but completed a segment") }
                if t.attempts != Int(p.maxRetries[i]) + 1 { out.append("\(t.id) failed after \(t.attempts) attempts") }
            case .blocked:
                if !s.isEmpty { out.append("\(t.id) is blocked but ran") }
                if !hasFailedAncestor(i, edges: edges, failed: failedIDs) { out.append("\(t.id) blocked without a failed ancestor") }
            case .notStarted:
                if !s.isEmpty || !anyFailed || p.settings.failureMode != .stopStarting { out.append("\(t.id) not started wrongly") }
            case .abandoned:
                if !anyFailed || p.settings.failureMode != .stopStarting { out.append("\(t.id) abandoned wrongly") }
            }
            if !faults && t.status != .completed { out.append("\(t.id) did not complete in a run without faults") }
        }
        if trace.outcome.succeeded != trace.tasks.allSatisfy({ $0.status == .completed }) {
            out.append("outcome.succeeded disagrees with the task statuses")
        }

        // Precedence on every kept edge (the unreduced filtered set).
        for (u, v) in edges {
            guard let first = segs[v].map(\.start).min() else { continue }
            guard trace.tasks[u].status == .completed, let end = segs[u].first(where: { $0.ending == .completed })?.end else {
                out.append("\(p.ids[v]) ran although its predecessor \(p.ids[u]) never completed")
                continue
            }
            if first < end - eps { out.append("\(p.ids[v]) started at \(first) before \(p.ids[u]) ended at \(end)") }
        }

        // Capacities at every start (use only grows at starts), over positive-length overlaps.
        let all = trace.segments.filter { $0.end > $0.start }
        for tau in Set(all.map(\.start)) {
            let live = all.filter { $0.start <= tau && tau < $0.end }.map { Int(p.index(of: $0.task)!) }
            if live.count > Int(p.maxConcurrentTasks) { out.append("t=\(tau): \(live.count) running > \(p.maxConcurrentTasks)") }
            let cpu = live.reduce(0.0) { $0 + p.cpuCores[$1] }, mem = live.reduce(0.0) { $0 + p.memoryMB[$1] }
            if cpu > p.usableCPUCores + 1e-6 { out.append("t=\(tau): \(cpu) cores > \(p.usableCPUCores)") }
            if mem > p.usableMemoryMB + 1e-6 { out.append("t=\(tau): \(mem) MB > \(p.usableMemoryMB)") }
            var use = [Int32](repeating: 0, count: p.resourceCount)
            for t in live {
                for k in p.locks(of: Int32(t)) { use[Int(p.lockIDs[k])] += 1 }
                for k in p.pools(of: Int32(t)) { use[p.lockCount + Int(p.poolIDs[k])] += p.poolAmounts[k] }
            }
            for r in 0..<p.resourceCount {
                let cap = r < p.lockCount ? 1 : p.poolCapacity[r - p.lockCount]
                if use[r] > cap { out.append("t=\(tau): \(p.resourceNames[r]) used \(use[r]) > \(cap)") }
            }
            if let w = p.workers {
                let onWorker = Dictionary(grouping: all.filter { $0.start <= tau && tau < $0.end }, by: { $0.worker ?? -1 })
                for (worker, segments) in onWorker {
                    if worker < 0 { out.append("t=\(tau): a task runs without a worker"); continue }
                    if segments.count > Int(w.tasksPerWorker) { out.append("t=\(tau): worker \(worker) runs \(segments.count) tasks") }
                    let c = segments.reduce(0.0) { $0 + p.cpuCores[Int(p.index(of: $1.task)!)] }
                    if c > w.cpuCores + 1e-6 { out.append("t=\(tau): worker \(worker) over its CPU") }
                }
            }
        }

        // Makespan is the last segment's end.
        if let last = trace.segments.map(\.end).max(), abs(last - trace.makespanHours) > eps {
            out.append("makespan \(trace.makespanHours) but the last segment ends at \(last)")
        }

        // Waves: nothing starts before its wave is released; releases in order; full barriers wait.
        if let config = waves {
            let released = trace.waves.map { $0.releasedAt ?? .infinity }
            for (a, b) in zip(released, released.dropFirst()) where b < a - eps { out.append("waves released out of order") }
            for i in 0..<n {
                guard let w = trace.tasks[i].wave, let first = segs[i].map(\.start).min() else { continue }
                if first < released[w] - eps { out.append("\(p.ids[i]) started at \(first) before wave \(w) at \(released[w])") }
            }
            if config.barrier == .full && !faults {
                for w in trace.waves.indices.dropLast() {
                    let lastEnd = trace.waves[w].tasks.compactMap { id in trace.tasks[Int(p.index(of: id)!)].endAt }.max() ?? 0
                    if released[w + 1] != lastEnd { out.append("wave \(w + 1) released at \(released[w + 1]), wave \(w) ended \(lastEnd)") }
                }
            }
        }

        // Without faults, no run beats the critical path with its own durations.
        if !faults {
            let cpm = p.graph.earliestFinish { durations[$0] }.max() ?? 0
            if trace.makespanHours < cpm - 1e-6 { out.append("makespan \(trace.makespanHours) below the critical path \(cpm)") }
        }
        return out
    }

    func hasFailedAncestor(_ v: Int, edges: [(Int, Int)], failed: Set<String>) -> Bool {
        var stack = [v], seen = Set<Int>()
        while let x = stack.popLast() {
            for (u, w) in edges where w == x && seen.insert(u).inserted {
                if failed.contains(problem.ids[u]) { return true }
                stack.append(u)
            }
        }
        return false
    }
}
