import TaskModel

extension TaskGraph {
    /// Longest path to a sink from each task, including the task's own weight: ninja's
    /// `ComputeCriticalPath`, and the default priority of the rolling frontier.
    /// - Complexity: O(n + m)
    public func bottomLevels(_ weight: (Int) -> Double) -> [Double] {
        var level = [Double](repeating: 0, count: nodeCount)
        for u in topologicalOrder.reversed() {
            var best = 0.0
            for v in successors.neighbours(of: Int(u)) { best = max(best, level[Int(v)]) }
            level[Int(u)] = best + weight(Int(u))
        }
        return level
    }

    /// Earliest finish of each task when nothing but the edges constrains it.
    /// - Complexity: O(n + m)
    public func earliestFinish(_ weight: (Int) -> Double) -> [Double] {
        var finish = [Double](repeating: 0, count: nodeCount)
        for u in topologicalOrder {
            var start = 0.0
            for p in predecessors.neighbours(of: Int(u)) { start = max(start, finish[Int(p)]) }
            finish[Int(u)] = start + weight(Int(u))
        }
        return finish
    }

    /// The critical path under `weight`: tasks in order and the path length. Ties go to the
    /// smaller task id, so the answer does not depend on the order of tasks in the file.
    public func criticalPath(_ weight: (Int) -> Double) -> (tasks: [Int], length: Double) {
        let finish = earliestFinish(weight)
        let rank = TaskGraph.idRanks(plan.ids)
        guard var cur = finish.indices.max(by: {
            finish[$0] < finish[$1] || (finish[$0] == finish[$1] && rank[$0] > rank[$1])
        }) else { return ([], 0) }
        let length = finish[cur]
        var path = [cur]
        while true {
            let start = finish[cur] - weight(cur)
            let preds = predecessors.neighbours(of: cur).map(Int.init)
            let tight = preds.filter { abs(finish[$0] - start) <= 1e-9 * max(1, start) }
            guard let p = tight.min(by: { rank[$0] < rank[$1] }) else { break }
            path.append(p)
            cur = p
        }
        return (path.reversed(), length)
    }

    /// The most-likely duration of each task, in hours.
    public var mostLikelyHours: [Double] { plan.durations.map(\.mostLikely) }
}
