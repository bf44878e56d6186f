extension PlanCore {
    /// One decision: greedy passes over the ready set, and backpressure pauses, until neither
    /// changes anything. Fills `actions`.
    ///
    /// Without backpressure this is exactly one pass. With it, pausing low-priority work frees
    /// capacity that higher-priority tasks may take at once, so a further pass follows each round
    /// of pauses; the loop ends because every round pauses at least one of finitely many tasks.
    @usableFromInline
    mutating func dispatch() {
        actions.removeAll()
        if stopped {
            if !buckets.isEmpty { block(.stopped) }
        } else {
            pass()
            while hasPausable && pauseForCPU() > 0 { pass() }
        }
        recorder.sample(at: now, running: ledger.running, cpuUsed: ledger.cpuUsed, memoryUsed: ledger.memoryUsed, problem)
        #if TASKS_INTERNAL_CHECKS
        _checkInvariants()
        #endif
    }

    @inline(__always)
    mutating func block(_ reason: BlockReason) {
        passBlock = reason
        passBlockTime = now
    }

    /// One greedy pass in priority order: each ready task starts iff everything it needs is free,
    /// otherwise it is skipped (no reservation), so lower-priority tasks may overtake it.
    mutating func pass() {
        guard !buckets.isEmpty else { return }
        let gated = problem.backpressure != nil
        let pooled = problem.workers != nil
        guard ledger.slotsFree > 0 else { return block(.slots) }
        guard !gated || breaker.admits else { return block(.circuitBreaker) }
        buckets.beginPass()
        let exact = buckets.exactHeads
        while true {
            if ledger.slotsFree == 0 { block(.slots); break }
            // Nothing needs less than the smallest demand (the peers' early exit).
            if ledger.cpuFree < problem.minimumCPUCores { block(.cpu); break }
            if ledger.memoryFree < problem.minimumMemoryMB { block(.memory); break }
            if gated && !breaker.admits { block(.circuitBreaker); break }
            let candidate = exact ? buckets.nextExactCandidate(cpuFree: ledger.cpuFree)
                : buckets.nextLazyCandidate(problem, order)
            guard let key = candidate else { break }
            let t = order.task(forKey: key)
            let c = problem.demandClass[Int(t)]
            var reason = ledger.block(t, problem)
            var w: Int32 = -1
            if reason == .none, gated { reason = backpressureGate(t) }
            if reason == .none, pooled {
                w = workers.choose(cpu: problem.cpuCores[Int(t)], memory: problem.memoryMB[Int(t)])
                if w < 0 { reason = .worker }
            }
            if reason != .none {
                // The whole class is out for the rest of this pass; remember why, for wait attribution.
                buckets.miss(key, class: c, resource: reason.resourceIndex ?? -1)
                classBlock[Int(c)] = reason
                classBlockTime[Int(c)] = now
                continue
            }
            buckets.take(key, class: c)
            start(t, worker: w)
        }
        buckets.endPass()
    }

    /// The backpressure gates of `BackpressureModel`, on the load including `t`: the modeled load,
    /// or the machine's measured load when the driver reports one (`Plan.observeLoad`). Waived
    /// while nothing runs, since the load can only fall when something finishes.
    @inline(__always)
    func backpressureGate(_ t: Int32) -> BlockReason {
        guard let model = problem.backpressure, ledger.running > 0 else { return .none }
        if let threshold = model.cpuThresholdPercent, problem.isLowPriority[Int(t)], let load = cpuPercent(adding: t), load > threshold {
            return .cpuBackpressure
        }
        if let threshold = model.memoryThresholdPercent, problem.isMemoryIntensive[Int(t)] {
            let share = problem.memoryMB[Int(t)] * 100 / problem.machineMemoryMB
            if (measuredMemoryPercent.map { $0 + share } ?? (ledger.memoryUsed + problem.memoryMB[Int(t)]) * 100 / problem.machineMemoryMB)
                > threshold {
                return .memoryBackpressure
            }
        }
        return .none
    }

    /// CPU% with `t` running too (nil when neither a measurement nor the machine size is known).
    @inline(__always)
    func cpuPercent(adding t: Int32) -> Double? {
        let machine = problem.machineCPUCores
        if let measured = measuredCPUPercent { return measured + (machine.isFinite ? problem.cpuCores[Int(t)] * 100 / machine : 0) }
        return machine.isFinite ? (ledger.cpuUsed + problem.cpuCores[Int(t)]) * 100 / machine : nil
    }

    /// A measured load moves with the decisions of this instant until the next measurement.
    @inline(__always)
    mutating func adjustMeasuredLoad(_ t: Int32, sign: Double) {
        if let c = measuredCPUPercent, problem.machineCPUCores.isFinite {
            measuredCPUPercent = max(0, c + sign * problem.cpuCores[Int(t)] * 100 / problem.machineCPUCores)
        }
        if let m = measuredMemoryPercent, problem.machineMemoryMB.isFinite {
            measuredMemoryPercent = max(0, m + sign * problem.memoryMB[Int(t)] * 100 / problem.machineMemoryMB)
        }
    }

    /// Admits `t`: it holds its resources from now on.
    mutating func start(_ t: Int32, worker w: Int32) {
        let i = Int(t)
        let resuming = state[i] == .paused
        precondition(state[i] == .ready || resuming, "task \(problem.ids[i]) started twice [this is a bug]")
        #if TASKS_INTERNAL_CHECKS
        for k in problem.predecessors(of: t) {
            precondition(state[Int(problem.predecessorTargets[k])] == .finished,
                         "task \(problem.ids[i]) started before its predecessor finished [this is a bug]")
        }
        #endif
        let waited = recorder.isOn ? attribution(t) : .none
        ledger.acquire(t, problem, at: now)
        if w >= 0 { workers.acquire(w, cpu: problem.cpuCores[i], memory: problem.memoryMB[i]) }
        worker[i] = w
        runSlot[i] = Int32(running.count)
        running.append(t)
        segmentStart[i] = now
        startedHalfOpen[i] = problem.backpressure != nil && breaker.noteStart()
        if !resuming {
            attempts[i] += 1
            metrics.attempts += 1
        }
        state[i] = .running
        adjustMeasuredLoad(t, sign: 1)
        actions.append(PlanAction(kind: resuming ? .resume : .start, task: t, attempt: attempts[i], worker: w,
                                  resumeFrom: resuming ? 0 : checkpoint[i]))
        metrics.notePeaks(running: ledger.running, cpu: ledger.cpuUsed, memory: ledger.memoryUsed)
        recorder.started(t, at: now, attempt: attempts[i], worker: w, waitedFor: waited)
    }

    /// What kept `t` waiting since it entered the ready set: the later of its class's last miss
    /// and the last pass that stopped early.
    func attribution(_ t: Int32) -> BlockReason {
        let since = recorder.enqueuedAt[Int(t)]
        let c = Int(problem.demandClass[Int(t)])
        let classTime = classBlockTime[c] >= since ? classBlockTime[c] : -.infinity
        let passTime = passBlockTime >= since ? passBlockTime : -.infinity
        if classTime == -.infinity && passTime == -.infinity { return .none }
        return classTime >= passTime ? classBlock[c] : passBlock
    }

    /// Pauses running low-priority `can_pause_resume` tasks, least important first, while CPU%
    /// is above the threshold. Tasks started at this very instant are left alone, so a start is
    /// never undone before it has done anything. Returns how many were paused.
    mutating func pauseForCPU() -> Int {
        guard let model = problem.backpressure, let threshold = model.cpuThresholdPercent else { return 0 }
        var paused = 0
        while (measuredCPUPercent ?? ledger.cpuUsed * 100 / problem.machineCPUCores) > threshold {
            var victim: Int32 = -1
            var victimRank: UInt32 = 0
            for slot in 0..<running.count {
                let t = running[slot]
                guard problem.canPauseResume[Int(t)] && problem.isLowPriority[Int(t)] && segmentStart[Int(t)] < now else { continue }
                let r = order.rank[Int(t)]
                if victim < 0 || r > victimRank {
                    victim = t
                    victimRank = r
                }
            }
            guard victim >= 0 else { break }
            stopRunning(victim, ending: .paused)
            adjustMeasuredLoad(victim, sign: -1)
            state[Int(victim)] = .paused
            buckets.insert(order.key(victim, epoch: epoch), class: problem.demandClass[Int(victim)])
            recorder.enqueued(victim, at: now)
            classBlock[Int(problem.demandClass[Int(victim)])] = .cpuBackpressure
            classBlockTime[Int(problem.demandClass[Int(victim)])] = now
            actions.append(PlanAction(kind: .pause, task: victim, attempt: attempts[Int(victim)], worker: -1, resumeFrom: 0))
            metrics.pauses += 1
            paused += 1
        }
        return paused
    }

    /// Why the run cannot go on, for the "stuck" error.
    func stuckDescription() -> String {
        let ready = (0..<problem.taskCount).filter { state[$0] == .ready || state[$0] == .paused }
        let waiting = (0..<problem.taskCount).filter { state[$0] == .waiting || state[$0] == .held }
        var text = "stuck [this is a bug]: at t=\(now)h nothing runs and no timer is pending, but \(ready.count) task(s) are ready"
            + " and \(waiting.count) wait"
        if let t = ready.first {
            text += "; \(problem.ids[t]) waits for \(ledger.block(Int32(t), problem).name(in: problem))"
        } else if let t = waiting.first {
            text += "; \(problem.ids[t]) is \(state[t] == .held ? "held by its wave" : "waiting for predecessors")"
        }
        return text
    }
}
