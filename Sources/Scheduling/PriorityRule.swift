import TaskGraph

/// The order in which a dispatch pass considers ready tasks. Every rule is a total order: its
/// ties are broken so that two runs of the same plan can never differ.
public enum PriorityRule: String, Sendable, CaseIterable, Codable {
    /// Longest remaining path by PERT mean (bottom level) first; ties by hint (critical > high >
    /// medium > low), then file order. Exactly the peer simulators' order (`listsched.Static`).
    case bottomLevel = "bottom_level"
    /// Smallest latest finish time first (backward CPM pass from the critical-path length, PERT
    /// means); ties by id. With fixed durations this is Kolisch's LFT rule as
    /// `bench/rcpsp/priority_rules.py` implements it.
    case lft
    /// Most transitive successors first; ties by id.
    case mostSuccessors = "most_successors"
    /// Priority hint first (critical > high > medium > low); ties by id.
    case hint
    /// First ready, first considered; tasks that became ready at the same time by id.
    case fifo
}

/// A priority rule compiled for one problem: the rank of every task, and the task at every rank.
///
/// Ready tasks are kept as 64-bit keys: the low 32 bits are the task's rank, the high 32 bits are
/// zero for static rules and the ready epoch (a counter of decision times) for FIFO. Smaller keys
/// go first, and a key maps back to its task through `taskAt`.
public struct ReadyOrder: Sendable {
    public let rule: PriorityRule
    /// Task → rank (0 = considered first).
    public let rank: ContiguousArray<UInt32>
    /// Rank → task.
    public let taskAt: ContiguousArray<Int32>

    public init(_ problem: SchedulingProblem, rule: PriorityRule = .bottomLevel) {
        self.rule = rule
        let n = problem.taskCount
        let g = problem.graph
        let idRank = TaskGraph.idRanks(problem.ids)
        let sorted: [Int]
        switch rule {
        case .bottomLevel:
            let bl = g.bottomLevels { problem.meanHours[$0] }
            sorted = (0..<n).sorted {
                (-bl[$0], problem.hintRank[$0], $0) < (-bl[$1], problem.hintRank[$1], $1)
            }
        case .lft:
            let lf = ReadyOrder.latestFinish(problem)
            sorted = (0..<n).sorted { (lf[$0], idRank[$0]) < (lf[$1], idRank[$1]) }
        case .mostSuccessors:
            let count = ReadyOrder.transitiveSuccessorCounts(problem)
            sorted = (0..<n).sorted { (-count[$0], idRank[$0]) < (-count[$1], idRank[$1]) }
        case .hint:
            sorted = (0..<n).sorted { (problem.hintRank[$0], idRank[$0]) < (problem.hintRank[$1], idRank[$1]) }
        case .fifo:
            sorted = (0..<n).sorted { idRank[$0] < idRank[$1] }
        }
        var rank = ContiguousArray<UInt32>(repeating: 0, count: n)
        var taskAt = ContiguousArray<Int32>(repeating: 0, count: n)
        for (r, t) in sorted.enumerated() {
            rank[t] = UInt32(r)
            taskAt[r] = Int32(t)
        }
        self.rank = rank
        self.taskAt = taskAt
    }

    /// The key of task `t` becoming ready in `epoch`.
    @inlinable
    public func key(_ t: Int32, epoch: UInt64) -> UInt64 {
        let r = UInt64(rank[Int(t)])
        return rule == .fifo ? (epoch << 32) | r : r
    }

    @inlinable
    public func task(forKey key: UInt64) -> Int32 { taskAt[Int(truncatingIfNeeded: key & 0xFFFF_FFFF)] }

    /// Latest finish times: a backward pass from the critical-path length T, `lf(j) = min over
    /// successors s of lf(s) - d(s)`, T for tasks without successors (priority_rules.py's
    /// `latest_finishes`, with PERT means as durations).
    public static func latestFinish(_ p: SchedulingProblem) -> [Double] {
        let g = p.graph
        let finish = g.earliestFinish { p.meanHours[$0] }
        let horizon = finish.max() ?? 0
        var lf = [Double](repeating: horizon, count: p.taskCount)
        for u in g.topologicalOrder.reversed() {
            for k in p.successors(of: u) {
                let s = Int(p.successorTargets[k])
                let v = lf[s] - p.meanHours[s]
                if v < lf[Int(u)] { lf[Int(u)] = v }
            }
        }
        return lf
    }

    /// Number of transitive successors of each task, by bitsets in reverse topological order.
    /// - Complexity: O(n · (n + m) / 64)
    public static func transitiveSuccessorCounts(_ p: SchedulingProblem) -> [Int] {
        let n = p.taskCount
        let words = (n + 63) / 64
        var reach = [UInt64](repeating: 0, count: n * words)
        var count = [Int](repeating: 0, count: n)
        for u in p.graph.topologicalOrder.reversed() {
            let base = Int(u) * words
            for k in p.successors(of: u) {
                let v = Int(p.successorTargets[k])
                for w in 0..<words { reach[base + w] |= reach[v * words + w] }
                reach[base + v >> 6] |= 1 << UInt64(v & 63)
            }
            var c = 0
            for w in 0..<words { c += reach[base + w].nonzeroBitCount }
            count[Int(u)] = c
        }
        return count
    }
}
