import TaskModel

extension Plan {
    /// The trace of the last run, at the level it was recorded with, plus the spec's
    /// `execution_simulation` snapshots at `snapshotTimes` (hours; only with `TraceLevel.full`).
    public func trace(snapshotTimes: [Double] = []) -> RunTrace {
        core.makeTrace(model: policy.modelName, waves: policy.waveTimeline(core.problem),
                       waveOf: { policy.wave(of: $0) }, releaseTime: { policy.releaseTime(ofWave: $0) },
                       snapshotTimes: snapshotTimes)
    }

    /// What Monte Carlo's traced replays read from the last run, without building its `RunTrace`
    /// (the critical chain is empty unless the run was traced with `TraceLevel.full`).
    public func digest() -> RunDigest {
        let p = policy
        let chain = core.recorder.level == .full
            ? core.chainSteps(waveOf: { p.wave(of: $0) }, releaseTime: { p.releaseTime(ofWave: $0) }).map(\.task) : []
        return RunDigest(makespanHours: core.metrics.makespan, criticalChain: chain, resources: core.resourceRecords())
    }

    /// How the last run ended. Cheap enough to call after every Monte Carlo iteration that failed.
    public var outcome: RunOutcome { core.outcome() }

    /// Busy unit-hours of each named resource (`problem.resourceNames` order) in the last run.
    public var resourceUnitHours: ContiguousArray<Double> { ContiguousArray(core.ledger.busy) }
}

extension PlanCore {
    func status(_ t: Int) -> RunTrace.TaskStatus {
        switch state[t] {
        case .finished: .completed
        case .failed: .failed
        case .blocked: .blocked
        case .waiting, .held, .ready: attempts[t] == 0 ? .notStarted : .abandoned
        case .running, .paused, .backoff: .abandoned
        }
    }

    func outcome() -> RunOutcome {
        var failed: [String] = [], blocked: [String] = [], notStarted: [String] = [], abandoned: [String] = []
        for t in 0..<problem.taskCount {
            switch status(t) {
            case .completed: break
            case .failed: failed.append(problem.ids[t])
            case .blocked: blocked.append(problem.ids[t])
            case .notStarted: notStarted.append(problem.ids[t])
            case .abandoned: abandoned.append(problem.ids[t])
            }
        }
        let ok = failed.isEmpty && blocked.isEmpty && notStarted.isEmpty && abandoned.isEmpty
        var message: String
        if ok {
            message = "all \(problem.taskCount) tasks finished"
        } else {
            let names = failed.prefix(3).map { id -> String in
                let n = attempts[problem.graph.plan.indexByID[id]!]
                return "\(id) (after \(n) attempt\(n == 1 ? "" : "s"))"
            }
            message = "\(failed.count) task\(failed.count == 1 ? "" : "s") failed: \(names.joined(separator: ", "))"
                + (failed.count > 3 ? ", …" : "")
            if !blocked.isEmpty { message += "; \(blocked.count) blocked behind them" }
            if !notStarted.isEmpty { message += "; \(notStarted.count) not started" }
            if !abandoned.isEmpty { message += "; \(abandoned.count) abandoned" }
        }
        return RunOutcome(succeeded: ok, failed: failed, blocked: blocked, notStarted: notStarted, abandoned: abandoned,
                          message: message)
    }

    func makeTrace(model: String, waves: [RunTrace.Wave], waveOf: (Int32) -> Int32?, releaseTime: (Int) -> Double?,
                   snapshotTimes: [Double]) -> RunTrace {
        let p = problem
        let r = recorder
        let on = r.isOn
        func time(_ a: ContiguousArray<Double>, _ i: Int) -> Double? {
            on && !a[i].isNaN ? a[i] - metrics.start : nil
        }
        let tasks = (0..<p.taskCount).map { i in
            RunTrace.Task(id: p.ids[i], status: status(i), wave: waveOf(Int32(i)).map(Int.init),
                          predecessorsDoneAt: time(r.predecessorsDoneAt, i), readyAt: time(r.readyAt, i),
                          firstStartAt: time(r.firstStart, i), endAt: time(r.endAt, i), attempts: Int(attempts[i]),
                          waitHours: on ? r.waitHours[i] : 0,
                          waitedFor: on && r.waitedFor[i] != .none ? r.waitedFor[i].name(in: p) : nil)
        }
        let segments = r.level == .full ? r.segments.map { s in
            RunTrace.Segment(task: p.ids[Int(s.task)], attempt: Int(s.attempt), start: s.start - metrics.start,
                             end: (s.end.isNaN ? endedAt : s.end) - metrics.start, ending: s.end.isNaN ? .abandoned : s.ending,
                             worker: s.worker >= 0 ? Int(s.worker) : nil)
        } : []
        let utilization = RunTrace.Utilization(
            averageCPUPercent: metrics.averageCPUPercent(p), peakCPUPercent: metrics.peakCPUPercent(p),
            averageMemoryPercent: metrics.averageMemoryPercent(p), peakMemoryPercent: metrics.peakMemoryPercent(p),
            averageConcurrency: metrics.averageConcurrency, maxConcurrency: Int(metrics.peakConcurrency))
        let load = r.level == .full ? r.samples.map { s in
            RunTrace.LoadPoint(time: s.time - metrics.start, running: Int(s.running),
                               cpuPercent: p.machineCPUCores.isFinite ? s.cpu / p.machineCPUCores * 100 : nil,
                               memoryPercent: p.machineMemoryMB.isFinite ? s.memory / p.machineMemoryMB * 100 : nil)
        } : []
        var trace = RunTrace(model: model, priorityRule: order.rule.rawValue, makespanHours: metrics.makespan,
                             outcome: outcome(), utilization: utilization, tasks: tasks, segments: segments,
                             resources: resourceRecords(), load: load, criticalChain: [], waves: waves, snapshots: [:])
        if r.level == .full {
            trace.criticalChain = criticalChain(waveOf: waveOf, releaseTime: releaseTime)
            for t in snapshotTimes {
                trace.snapshots[RunTrace.snapshotKey(t)] = snapshot(trace, at: t)
            }
        }
        return trace
    }

    func resourceRecords() -> [RunTrace.Resource] {
        let p = problem
        let span = metrics.makespan
        func contention(_ slot: Int?) -> (Int, Double) {
            guard recorder.isOn, let s = slot else { return (0, 0) }
            return (Int(recorder.contention[s]), recorder.contentionHours[s])
        }
        var out: [RunTrace.Resource] = []
        for i in 0..<p.resourceCount {
            let isLock = i < p.lockCount
            let capacity = isLock ? 1.0 : Double(p.poolCapacity[i - p.lockCount])
            let (count, hours) = contention(recorder.isOn ? recorder.slot(of: .resource(Int32(i))) : nil)
            out.append(RunTrace.Resource(
                name: p.resourceNames[i], kind: isLock ? (p.resourceNames[i].hasPrefix("avoid:") ? "avoid_concurrent_with" : "exclusive") : "shared_limited",
                capacity: capacity, utilization: span > 0 ? ledger.busy[i] / (capacity * span) : nil,
                peak: Double(ledger.peak[i]), contentionCount: count, waitHours: hours))
        }
        func limit(_ name: String, _ cap: Double, _ integral: Double, _ peak: Double, _ reason: BlockReason) {
            let (count, hours) = contention(recorder.isOn ? recorder.slot(of: reason) : nil)
            out.append(RunTrace.Resource(name: name, kind: name, capacity: cap.isFinite ? cap : nil,
                                         utilization: cap.isFinite && span > 0 ? integral / (cap * span) : nil,
                                         peak: peak, contentionCount: count, waitHours: hours))
        }
        let slots = p.maxConcurrentTasks == .max ? Double.infinity : Double(p.maxConcurrentTasks)
        limit("concurrency", slots, metrics.taskHours, Double(metrics.peakConcurrency), .slots)
        limit("cpu_cores", p.usableCPUCores, metrics.cpuCoreHours, metrics.peakCPUCores, .cpu)
        limit("memory_mb", p.usableMemoryMB, metrics.memoryMBHours, metrics.peakMemoryMB, .memory)
        return out
    }
}

extension RunTrace {
    /// `time_4h`, `time_12.5h`: the spec's snapshot keys.
    /// The instants `tasks` snapshots a run at for `execution_simulation`: its start and each
    /// quarter of its makespan, to a millionth of an hour so the keys are stable.
    public static func quarterTimes(ofMakespan makespan: Double) -> [Double] {
        guard makespan > 0 else { return [0] }
        return [0, 0.25, 0.5, 0.75].map { ($0 * makespan * 1_000_000).rounded() / 1_000_000 }
    }

    public static func snapshotKey(_ hours: Double) -> String {
        let rounded = (hours * 100).rounded() / 100
        if rounded == rounded.rounded(), abs(rounded) < 1e12 { return "time_\(Int64(rounded))h" }
        return "time_\(rounded)h"
    }
}
