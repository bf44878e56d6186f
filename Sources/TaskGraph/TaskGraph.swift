import HeapModule
import TaskModel

/// The dependency DAG of a plan: the spec's filter applied, cycles broken (or rejected), and the
/// transitive reduction taken, over dense task indices.
///
/// Everything downstream — the schedulers, the simulator, the Monte Carlo engine, the executor —
/// reads this one immutable value. `successors`/`predecessors` hold the *reduced* edges: the
/// reduction keeps reachability, so any schedule that honours them honours every kept edge, and the
/// hot loops touch fewer edges.
public struct TaskGraph: Sendable {
    public let plan: ResolvedPlan
    public let minConfidence: Double
    public let filter: EdgeFilter
    /// Kept edges after cycle breaking, before the reduction.
    public let edges: [Dependency]
    public let cycleBreaks: [DagDocument.CycleBreak]
    public let successors: Adjacency
    public let predecessors: Adjacency
    /// Edges removed by the transitive reduction.
    public let transitiveEdgesRemoved: Int
    /// Kahn's order with ties broken by task id: deterministic for a given plan.
    public let topologicalOrder: [Int32]
    /// Kahn layer of each task (0-based): one more than the deepest predecessor.
    public let layer: [Int32]
    /// Tasks by layer, each layer in id order.
    public let layers: [[Int32]]

    /// - Throws: `TasksError` exit 3 when a cycle remains after breaking.
    /// - Complexity: O(n + m log m) plus the reduction, O(m · n / 64).
    public init(_ plan: ResolvedPlan, minConfidence: Double) throws(TasksError) {
        self.plan = plan
        self.minConfidence = minConfidence
        let filter = EdgeFilter(plan.document.dependencies, minConfidence: minConfidence)
        self.filter = filter
        let (edges, breaks) = try CycleBreaker.breakCycles(filter.kept, plan: plan)
        self.edges = edges
        self.cycleBreaks = breaks

        let n = plan.taskCount
        let pairs = edges.map { (Int32(plan.indexByID[$0.from]!), Int32(plan.indexByID[$0.to]!)) }
        let full = Adjacency(nodeCount: n, edges: pairs)
        let rank = TaskGraph.idRanks(plan.ids)
        let order = TaskGraph.kahnOrder(full, rank: rank)
        precondition(order.count == n, "cycle left after CycleBreaker [this is a bug]")
        let reduced = TransitiveReduction.reduce(full, order: order)
        self.successors = reduced
        self.predecessors = reduced.transposed()
        self.transitiveEdgesRemoved = full.edgeCount - reduced.edgeCount
        self.topologicalOrder = order

        var layer = [Int32](repeating: 0, count: n)
        for u in order {
            for v in reduced.neighbours(of: Int(u)) where layer[Int(v)] <= layer[Int(u)] {
                layer[Int(v)] = layer[Int(u)] + 1
            }
        }
        self.layer = layer
        var layers = [[Int32]](repeating: [], count: Int(layer.max() ?? 0) + 1)
        for u in order { layers[Int(layer[Int(u)])].append(u) }
        for i in layers.indices { layers[i].sort { rank[Int($0)] < rank[Int($1)] } }
        self.layers = layers
    }

    public var nodeCount: Int { plan.taskCount }

    /// Rank of each task's id in sorted id order: the tie-break every queue in `tasks` uses.
    public static func idRanks(_ ids: [String]) -> [Int32] {
        var rank = [Int32](repeating: 0, count: ids.count)
        for (r, i) in ids.indices.sorted(by: { ids[$0] < ids[$1] }).enumerated() { rank[i] = Int32(r) }
        return rank
    }

    /// Kahn's algorithm with a min-heap on id rank; fewer than n entries means a cycle.
    /// - Complexity: O((n + m) log n)
    static func kahnOrder(_ adjacency: Adjacency, rank: [Int32]) -> [Int32] {
        let n = adjacency.nodeCount
        var indegree = [Int32](repeating: 0, count: n)
        for v in adjacency.targets { indegree[Int(v)] += 1 }
        struct Ready: Comparable {
            var rank: Int32
            var node: Int32
            static func < (a: Ready, b: Ready) -> Bool { a.rank < b.rank }
        }
        var heap = Heap<Ready>()
        for v in 0..<n where indegree[v] == 0 { heap.insert(Ready(rank: rank[v], node: Int32(v))) }
        var order: [Int32] = []
        order.reserveCapacity(n)
        while let next = heap.popMin() {
            order.append(next.node)
            for v in adjacency.neighbours(of: Int(next.node)) {
                indegree[Int(v)] -= 1
                if indegree[Int(v)] == 0 { heap.insert(Ready(rank: rank[Int(v)], node: v)) }
            }
        }
        return order
    }
}
