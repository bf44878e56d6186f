#if TASKS_INTERNAL_CHECKS
extension PlanCore {
    /// Recomputes every counter from the running set and compares: pool use within capacity, at
    /// most one holder per exclusive resource, slots, CPU and memory consistent, every running
    /// task's predecessors finished, each task in at most one place. Compiled in only with
    /// `TASKS_INTERNAL_CHECKS` (debug builds of this target, and scripts/test.sh).
    /// - Complexity: O(running · demands + resources)
    @inline(never)
    func _checkInvariants() {
        let p = problem
        precondition(Int(ledger.running) == running.count, "running count drifted [this is a bug]")
        precondition(ledger.slotsFree >= 0 && ledger.slotsFree + ledger.running == p.maxConcurrentTasks,
                     "concurrency slots drifted: \(ledger.slotsFree) free, \(ledger.running) running [this is a bug]")
        var poolUse = [Int32](repeating: 0, count: p.poolCount)
        var holder = [Int32](repeating: -1, count: p.lockCount)
        var cpu = 0.0, memory = 0.0
        for (slot, t) in running.elements.enumerated() {
            let i = Int(t)
            precondition(state[i] == .running && runSlot[i] == Int32(slot), "task \(p.ids[i]) misfiled as running [this is a bug]")
            for k in p.predecessors(of: t) {
                precondition(state[Int(p.predecessorTargets[k])] == .finished,
                             "task \(p.ids[i]) runs before its predecessor \(p.ids[Int(p.predecessorTargets[k])]) finished [this is a bug]")
            }
            for k in p.locks(of: t) {
                let l = Int(p.lockIDs[k])
                precondition(holder[l] < 0, "two holders of exclusive resource \(p.resourceNames[l]) [this is a bug]")
                holder[l] = t
            }
            for k in p.pools(of: t) { poolUse[Int(p.poolIDs[k])] += p.poolAmounts[k] }
            cpu += p.cpuCores[i]
            memory += p.memoryMB[i]
        }
        for l in 0..<p.lockCount {
            precondition(holder[l] == ledger.lockHolder[l], "lock \(p.resourceNames[l]) holder drifted [this is a bug]")
        }
        for q in 0..<p.poolCount {
            precondition(poolUse[q] <= p.poolCapacity[q],
                         "pool \(p.resourceNames[p.lockCount + q]) over capacity: \(poolUse[q]) > \(p.poolCapacity[q]) [this is a bug]")
            precondition(poolUse[q] + ledger.poolFree[q] == p.poolCapacity[q], "pool counter drifted [this is a bug]")
        }
        let tolerance = 1e-6 * max(1, cpu, memory)
        precondition(abs(cpu - ledger.cpuUsed) <= tolerance && abs(memory - ledger.memoryUsed) <= tolerance * 1024,
                     "CPU/memory counters drifted [this is a bug]")
        precondition(cpu <= p.usableCPUCores + tolerance && memory <= p.usableMemoryMB + tolerance * 1024,
                     "CPU or memory over the usable capacity [this is a bug]")
        if let w = p.workers {
            let used = workers.freeSlots.reduce(0) { $0 + (w.tasksPerWorker - $1) }
            precondition(Int(used) == running.elements.filter { worker[Int($0)] >= 0 }.count && workers.freeSlots.allSatisfy { $0 >= 0 },
                         "worker slots drifted [this is a bug]")
        }
        precondition(buckets.count == state.lazy.filter { $0 == .ready || $0 == .paused }.count,
                     "ready set and task states disagree [this is a bug]")
    }
}
#endif
