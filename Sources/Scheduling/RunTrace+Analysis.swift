import TaskModel

extension PlanCore {
    /// A critical-chain link by task index; `after` and `resource` are -1 when there is none.
    struct ChainStep {
        var task: Int32
        var start: Double
        var end: Double
        var cause: RunTrace.ChainLink.Cause
        var after: Int32
        var resource: Int32
    }

    /// The critical chain of the run, as `RunTrace` reports it.
    func criticalChain(waveOf: (Int32) -> Int32?, releaseTime: (Int) -> Double?) -> [RunTrace.ChainLink] {
        chainSteps(waveOf: waveOf, releaseTime: releaseTime).map { step in
            RunTrace.ChainLink(task: problem.ids[Int(step.task)], start: step.start, end: step.end, cause: step.cause,
                               after: step.after >= 0 ? problem.ids[Int(step.after)] : nil,
                               resource: step.resource >= 0 ? problem.resourceNames[Int(step.resource)] : nil)
        }
    }

    /// The critical chain of the run, first link first: from the last task to end, back through
    /// whatever let each task start when it did — the predecessor that finished at that instant,
    /// else the holder of the resource it waited for, else the task whose finish released its
    /// wave, else any task that freed capacity then. A start that coincides with no finish came
    /// from a timer. `releaseTime(w)` is wave `w`'s release time, as in `SchedulingPolicy`.
    func chainSteps(waveOf: (Int32) -> Int32?, releaseTime: (Int) -> Double?) -> [ChainStep] {
        let p = problem, r = recorder, origin = metrics.start
        // Segment ends in time order, as recorded: the tasks finishing at an instant are one run
        // of it, found by binary search. Sorting them all took a twentieth of a traced replay.
        var ends = r.endings
        if !zip(ends, ends.dropFirst()).allSatisfy({ $0.time <= $1.time }) {
            ends.sort { $0.time < $1.time || ($0.time == $1.time && $0.task < $1.task) }
        }
        func tasksFinishing(at time: Double, except j: Int32) -> [Int32] {
            var low = 0, high = ends.count
            while low < high {
                let mid = (low + high) / 2
                if ends[mid].time < time { low = mid + 1 } else { high = mid }
            }
            var tasks: [Int32] = []
            while low < ends.count && ends[low].time == time {
                if ends[low].task != j { tasks.append(ends[low].task) }
                low += 1
            }
            return tasks.sorted()
        }
        var last: Int32 = -1
        for i in 0..<p.taskCount where !r.endAt[i].isNaN && !r.firstStart[i].isNaN {
            if last < 0 || r.endAt[i] > r.endAt[Int(last)] { last = Int32(i) }
        }
        guard last >= 0 else { return [] }
        func holds(_ q: Int32, _ resource: Int32) -> Bool {
            if resource < Int32(p.lockCount) { return p.locks(of: q).contains { p.lockIDs[$0] == resource } }
            return p.pools(of: q).contains { p.poolIDs[$0] == resource - Int32(p.lockCount) }
        }
        var steps: [ChainStep] = []
        var seen = Set<Int32>()
        var j = last
        while true {
            seen.insert(j)
            let s = r.firstStart[Int(j)]
            var cause = RunTrace.ChainLink.Cause.timer
            var after: Int32 = -1
            var resource: Int32 = -1
            let finishing = tasksFinishing(at: s, except: j)
            if s == origin {
                cause = .start
            } else if let q = p.predecessors(of: j).lazy.map({ p.predecessorTargets[$0] })
                        .first(where: { r.endAt[Int($0)] == s && self.state[Int($0)] == .finished }) {
                cause = .predecessor
                after = q
            } else if let res = r.waitedFor[Int(j)].resourceIndex, let q = finishing.first(where: { holds($0, res) }) {
                cause = .resource
                after = q
                resource = res
            } else if let w = waveOf(j), w > 0, let released = releaseTime(Int(w)), released == s - origin,
                      let q = finishing.first(where: { (waveOf($0) ?? .max) < w }) {
                cause = .barrier
                after = q
            } else if let q = finishing.first {
                cause = .capacity
                after = q
            }
            steps.append(ChainStep(task: j, start: s - origin, end: r.endAt[Int(j)] - origin, cause: cause, after: after,
                                   resource: resource))
            guard after >= 0, !seen.contains(after) else { break }
            j = after
        }
        return steps.reversed()
    }

    /// The state of the run at `hours` after its start, after every event of that instant: the
    /// spec's `execution_simulation` block. Paused tasks and retries waiting out their backoff
    /// count as ready; tasks failed by then, and tasks whose predecessors are not done, as blocked.
    func snapshot(_ trace: RunTrace, at hours: Double) -> WavesDocument.RollingFrontier.Snapshot {
        let p = problem, r = recorder
        let tau = hours + metrics.start
        var isRunning = [Bool](repeating: false, count: p.taskCount)
        for s in r.segments where s.start <= tau && (s.end.isNaN ? endedAt : s.end) > tau { isRunning[Int(s.task)] = true }
        var running: [String] = [], ready: [String] = [], blocked: [String] = [], completed: [String] = []
        var cpu = 0.0, memory = 0.0
        var units = [Int32](repeating: 0, count: p.resourceCount)
        for t in 0..<p.taskCount {
            let ended = !r.endAt[t].isNaN && r.endAt[t] <= tau
            if isRunning[t] {
                running.append(p.ids[t])
                cpu += p.cpuCores[t]
                memory += p.memoryMB[t]
                for k in p.locks(of: Int32(t)) { units[Int(p.lockIDs[k])] += 1 }
                for k in p.pools(of: Int32(t)) { units[p.lockCount + Int(p.poolIDs[k])] += p.poolAmounts[k] }
            } else if state[t] == .finished && ended {
                completed.append(p.ids[t])
            } else if !r.readyAt[t].isNaN && r.readyAt[t] <= tau && !(state[t] == .failed && ended) {
                ready.append(p.ids[t])
            } else {
                blocked.append(p.ids[t])
            }
        }
        var usage: [String: Double] = ["cpu_cores": cpu, "memory_gb": memory / 1024]
        for i in 0..<p.resourceCount where !p.resourceNames[i].hasPrefix("avoid:") {
            usage[p.resourceNames[i]] = Double(units[i])
        }
        return WavesDocument.RollingFrontier.Snapshot(running: running, ready: ready, blocked: blocked,
                                                      completed: completed.isEmpty ? nil : completed, resourceUsage: usage)
    }
}
