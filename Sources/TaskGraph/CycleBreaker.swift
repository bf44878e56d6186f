import TaskModel

/// Finds the cycles of the filtered edge set and breaks them as the spec allows: at most two
/// rounds, each removing the weakest edge (lowest confidence, then the lexicographically last
/// `from -> to`, so the choice is deterministic) of one cycle in every strongly connected
/// component. `mutual_exclusion` edges are never removed: they encode an exclusive resource.
///
/// A cycle that survives both rounds, or one made only of `mutual_exclusion` edges, is exit 3 with
/// the whole cycle path in the message (`a -> b -> c -> a`, as ninja prints them).
enum CycleBreaker {
    static let maxRounds = 2

    static func breakCycles(_ edges: [Dependency], plan: ResolvedPlan) throws(TasksError)
        -> (edges: [Dependency], breaks: [DagDocument.CycleBreak])
    {
        var edges = edges
        var breaks: [DagDocument.CycleBreak] = []
        for round in 1...(maxRounds + 1) {
            let cycles = findCycles(edges, plan: plan)
            guard !cycles.isEmpty else { return (edges, breaks) }
            var removed = Set<Int>()
            for cycle in cycles {
                let path = pathText(cycle.nodes, plan: plan)
                let candidates = cycle.edgeIndices.filter { edges[$0].type != .mutualExclusion }
                guard round <= maxRounds else {
                    throw TasksError(.cyclicDependencies,
                        "\(plan.sourceName): dependency cycle remains after \(maxRounds) rounds of breaking: \(path)")
                }
                guard let weakest = candidates.min(by: { weaker(edges[$0], than: edges[$1]) }) else {
                    throw TasksError(.cyclicDependencies,
                        "\(plan.sourceName): dependency cycle of mutual_exclusion edges cannot be broken: \(path)")
                }
                removed.insert(weakest)
                let edge = edges[weakest]
                breaks.append(DagDocument.CycleBreak(
                    round: round, cycle: cycle.nodes.map { plan.ids[$0] }, removed: edge,
                    reason: "weakest edge of the cycle (\(edge.type.rawValue), confidence \(edge.confidence))"))
            }
            edges = edges.enumerated().filter { !removed.contains($0.offset) }.map(\.element)
        }
        return (edges, breaks)
    }

    /// The weaker of two edges: lower confidence, then the later `from -> to` label.
    static func weaker(_ a: Dependency, than b: Dependency) -> Bool {
        if a.confidence != b.confidence { return a.confidence < b.confidence }
        return a.label > b.label
    }

    static func pathText(_ nodes: [Int], plan: ResolvedPlan) -> String {
        (nodes + [nodes[0]]).map { plan.ids[$0] }.joined(separator: " -> ")
    }

    struct Cycle {
        var nodes: [Int]
        var edgeIndices: [Int]
    }

    /// One cycle per non-trivial strongly connected component (Tarjan, iterative), in order of the
    /// component's smallest task index.
    /// - Complexity: O(n + m)
    static func findCycles(_ edges: [Dependency], plan: ResolvedPlan) -> [Cycle] {
        let n = plan.taskCount
        var out = [[(to: Int, edge: Int)]](repeating: [], count: n)
        for (k, e) in edges.enumerated() {
            out[plan.indexByID[e.from]!].append((plan.indexByID[e.to]!, k))
        }
        let components = stronglyConnectedComponents(n: n, out: out)
        var cycles: [Cycle] = []
        for component in components {
            let members = Set(component)
            let start = component.min()!
            if component.count == 1 {
                guard let selfLoop = out[start].first(where: { $0.to == start }) else { continue }
                cycles.append(Cycle(nodes: [start], edgeIndices: [selfLoop.edge]))
                continue
            }
            cycles.append(cycleThrough(start, within: members, out: out))
        }
        return cycles.sorted { $0.nodes.min()! < $1.nodes.min()! }
    }

    /// A simple cycle through `start` inside one strongly connected component: a breadth-first
    /// search from `start` back to itself, so the reported cycle is a shortest one.
    static func cycleThrough(_ start: Int, within members: Set<Int>, out: [[(to: Int, edge: Int)]]) -> Cycle {
        var parent: [Int: (node: Int, edge: Int)] = [:]
        var queue = [start]
        var head = 0
        var closing: (node: Int, edge: Int)?
        search: while head < queue.count {
            let u = queue[head]
            head += 1
            for (v, k) in out[u] where members.contains(v) {
                if v == start {
                    closing = (u, k)
                    break search
                }
                if parent[v] == nil {
                    parent[v] = (u, k)
                    queue.append(v)
                }
            }
        }
        guard let (last, lastEdge) = closing else { return Cycle(nodes: [start], edgeIndices: []) }
        var nodes = [last]
        var edgeIndices = [lastEdge]
        var cur = last
        while cur != start, let p = parent[cur] {
            edgeIndices.append(p.edge)
            nodes.append(p.node)
            cur = p.node
        }
        return Cycle(nodes: nodes.reversed(), edgeIndices: edgeIndices.reversed())
    }

    static func stronglyConnectedComponents(n: Int, out: [[(to: Int, edge: Int)]]) -> [[Int]] {
        var index = [Int](repeating: -1, count: n)
        var low = [Int](repeating: 0, count: n)
        var onStack = [Bool](repeating: false, count: n)
        var stack: [Int] = []
        var components: [[Int]] = []
        var counter = 0
        for root in 0..<n where index[root] < 0 {
            var work: [(node: Int, next: Int)] = [(root, 0)]
            index[root] = counter; low[root] = counter; counter += 1
            stack.append(root); onStack[root] = true
            while var frame = work.popLast() {
                let u = frame.node
                if frame.next < out[u].count {
                    let v = out[u][frame.next].to
                    frame.next += 1
                    work.append(frame)
                    if index[v] < 0 {
                        index[v] = counter; low[v] = counter; counter += 1
                        stack.append(v); onStack[v] = true
                        work.append((v, 0))
                    } else if onStack[v] {
                        low[u] = min(low[u], index[v])
                    }
                    continue
                }
                if let parent = work.last { low[parent.node] = min(low[parent.node], low[u]) }
                if low[u] == index[u] {
                    var component: [Int] = []
                    while let w = stack.popLast() {
                        onStack[w] = false
                        component.append(w)
                        if w == u { break }
                    }
                    components.append(component)
                }
            }
        }
        return components
    }
}
