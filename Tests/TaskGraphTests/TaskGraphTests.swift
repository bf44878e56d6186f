import TaskGraph
import TaskModel
import TasksTestSupport
import Testing

/// The reduced DAG: transitive reduction, Kahn order with id ties, layers, critical path.
@Suite("TaskGraph")
struct TaskGraphTests {
    static func ids(_ graph: TaskGraph, _ nodes: some Sequence<Int32>) -> [String] {
        nodes.map { graph.plan.ids[Int($0)] }
    }

    static func reducedEdges(_ graph: TaskGraph) -> Set<[String]> {
        var out = Set<[String]>()
        for u in 0..<graph.nodeCount {
            for v in graph.successors.neighbours(of: u) { out.insert([graph.plan.ids[u], graph.plan.ids[Int(v)]]) }
        }
        return out
    }

    // MARK: - Transitive reduction

    @Test("a -> b -> c plus a -> c drops a -> c")
    func triangle() throws {
        let graph = try PlanBuilder().task("a", 1, 2, 3).task("b", 1, 2, 3).task("c", 1, 2, 3)
            .chain("a", "b", "c").edge("a", "c").graph()
        #expect(Self.reducedEdges(graph) == [["a", "b"], ["b", "c"]])
        #expect(graph.transitiveEdgesRemoved == 1)
        #expect(graph.edges.count == 3)
        #expect(graph.predecessors == graph.successors.transposed())
    }

    @Test("duplicate edges count once")
    func duplicates() throws {
        let graph = try PlanBuilder().task("a", 1, 2, 3).task("b", 1, 2, 3)
            .edge("a", "b").edge("a", "b", type: .sequential, confidence: 0.8).graph()
        #expect(graph.successors.edgeCount == 1)
        #expect(graph.edges.count == 2)
        #expect(graph.successors.neighbours(of: 0) == [1])
    }

    /// A random DAG over ids in random file order: edge i -> j only when rank(i) < rank(j).
    static func randomDAG(seed: UInt64) -> PlanBuilder {
        var rng = SeededGenerator(seed: seed)
        let n = Int.random(in: 1...28, using: &rng)
        let density = Double.random(in: 0.02...0.6, using: &rng)
        let names = (0..<n).map { "t\(String(format: "%02d", $0))" }.shuffled(using: &rng)
        var plan = PlanBuilder()
        for name in names.shuffled(using: &rng) { plan = plan.task(name, 1, 2, 3) }
        for i in 0..<n {
            for j in (i + 1)..<max(n, i + 1) where rng.chance(density) {
                plan = plan.edge(names[i], names[j], confidence: rng.chance(0.5) ? 1 : 0.8)
            }
        }
        return plan
    }

    /// Brute force: u -> v is kept iff no other successor w of u reaches v.
    static func bruteForceReduction(_ plan: PlanBuilder) -> Set<[String]> {
        var successors: [String: Set<String>] = [:]
        for e in plan.dependencies { successors[e.from, default: []].insert(e.to) }
        func reaches(_ from: String, _ to: String) -> Bool {
            var stack = [from], seen: Set<String> = [from]
            while let x = stack.popLast() {
                if x == to { return true }
                for y in successors[x] ?? [] where seen.insert(y).inserted { stack.append(y) }
            }
            return false
        }
        var kept = Set<[String]>()
        for (u, vs) in successors {
            for v in vs where !vs.contains(where: { $0 != v && reaches($0, v) }) { kept.insert([u, v]) }
        }
        return kept
    }

    @Test("transitive reduction matches brute-force reachability on seeded random DAGs", arguments: 0..<120)
    func reductionMatchesBruteForce(_ seed: Int) throws {
        let plan = Self.randomDAG(seed: UInt64(seed) &* 7919 &+ 17)
        let graph = try plan.graph()
        let expected = Self.bruteForceReduction(plan)
        #expect(Self.reducedEdges(graph) == expected, "seed \(seed)")
        let distinct = Set(plan.dependencies.map { [$0.from, $0.to] }).count
        #expect(graph.transitiveEdgesRemoved == distinct - expected.count, "seed \(seed)")
        #expect(graph.predecessors == graph.successors.transposed())

        // Kahn order: a permutation in which every kept edge points forward.
        let order = graph.topologicalOrder.map(Int.init)
        #expect(order.sorted() == Array(0..<graph.nodeCount))
        var position = [Int](repeating: 0, count: graph.nodeCount)
        for (p, v) in order.enumerated() { position[v] = p }
        for e in graph.edges {
            #expect(position[graph.plan.indexByID[e.from]!] < position[graph.plan.indexByID[e.to]!], "seed \(seed)")
        }
        // Layers: one more than the deepest predecessor; every layer non-empty and in id order.
        for u in 0..<graph.nodeCount {
            let preds = graph.predecessors.neighbours(of: u)
            let expectedLayer = preds.map { graph.layer[Int($0)] + 1 }.max() ?? 0
            #expect(graph.layer[u] == expectedLayer, "seed \(seed)")
        }
        #expect(graph.layers.allSatisfy { !$0.isEmpty })
        for layer in graph.layers {
            let names = Self.ids(graph, layer)
            #expect(names == names.sorted())
        }
    }

    // MARK: - Order and layers

    @Test("Kahn layers, width and longest path of the diamond")
    func diamondLayers() throws {
        let loaded = try PlanLoader.load(path: Fixtures.scenario("small/diamond.yaml"))
        let graph = try TaskGraph(ResolvedPlan(loaded.document, sourceName: loaded.sourceName), minConfidence: 0.7)
        #expect(graph.layers.map { Self.ids(graph, $0) } == [["design"], ["api", "ui"], ["release"]])
        #expect(Self.ids(graph, graph.topologicalOrder) == ["design", "api", "ui", "release"])
        let dag = DagReport.document(for: graph, timestamp: "t")
        #expect(dag.metrics.widthApprox == 2)
        #expect(dag.metrics.widthMethod == "kahn_layer_max")
        #expect(dag.metrics.longestPath == 3)
        #expect(dag.metrics.nodes == 4)
        #expect(dag.metrics.edges == 4)
    }

    @Test("independent tasks come out in id order, whatever the file order")
    func idTies() throws {
        let graph = try PlanBuilder().task("zeta", 1, 2, 3).task("alpha", 1, 2, 3).task("mu", 1, 2, 3).task("beta", 1, 2, 3)
            .edge("zeta", "beta").graph()
        #expect(Self.ids(graph, graph.topologicalOrder) == ["alpha", "mu", "zeta", "beta"])
        #expect(graph.layers.map { Self.ids(graph, $0) } == [["alpha", "mu", "zeta"], ["beta"]])
    }

    static func webappDag(shuffledWith seed: UInt64?) throws -> DagDocument {
        var document = try Fixtures.webapp().document
        if let seed {
            var rng = SeededGenerator(seed: seed)
            let before = document.tasks.map(\.id)
            repeat { document.tasks.shuffle(using: &rng) } while document.tasks.map(\.id) == before
        }
        return DagReport.document(for: try TaskGraph(ResolvedPlan(document, sourceName: "w"), minConfidence: 0.7), timestamp: "t")
    }

    @Test("shuffling the task order in the file gives the same topo_order and layers", arguments: 1...6)
    func shuffledWebappOrder(_ seed: Int) throws {
        let reference = try Self.webappDag(shuffledWith: nil)
        let dag = try Self.webappDag(shuffledWith: UInt64(seed))
        #expect(dag.topoOrder == reference.topoOrder)
        #expect(dag.metrics.longestPath == reference.metrics.longestPath)
        #expect(dag.metrics.widthApprox == reference.metrics.widthApprox)
        #expect(dag.metrics.edges == reference.metrics.edges)
        #expect(dag.metrics.criticalPathHours == reference.metrics.criticalPathHours)
        #expect(dag.metrics.resourceUtilization == reference.metrics.resourceUtilization)
        #expect(dag.resourceBottlenecks == reference.resourceBottlenecks)
    }

    @Test("shuffling the task order in the file changes nothing in dag.json: critical path, edge sample", arguments: 1...3)
    func shuffledWebappDocument(_ seed: Int) throws {
        let reference = try Self.webappDag(shuffledWith: nil)
        let dag = try Self.webappDag(shuffledWith: UInt64(seed))
        // webapp has two most-likely critical paths of 36.5h (via T018-T020-T022 and via T019-T021-T025).
        #expect(dag.metrics.criticalPath == reference.metrics.criticalPath)
        #expect(dag.reducedEdgesSample == reference.reducedEdgesSample)
        #expect(try ArtifactWriter.hashedJSONText(dag) == ArtifactWriter.hashedJSONText(reference))
    }

    @Test("webapp: 27 nodes, 39 reduced edges, 10 layers, a valid topological order")
    func webapp() throws {
        let loaded = try Fixtures.webapp()
        let graph = try TaskGraph(ResolvedPlan(loaded.document, sourceName: loaded.sourceName), minConfidence: 0.7)
        #expect(graph.nodeCount == 27)
        #expect(graph.successors.edgeCount == 39)
        #expect(graph.transitiveEdgesRemoved == 4)
        #expect(graph.layers.count == 10)
        #expect(graph.layers.map(\.count).reduce(0, +) == 27)
    }

    // MARK: - Critical path

    @Test("the critical path follows most-likely durations, not means")
    func criticalByMostLikely() throws {
        // By mean, slow-tail (1, 2, 20) ≈ 4.83h beats steady (1, 5, 6) = 4.5h; by most likely, steady wins.
        let dag = try PlanBuilder()
            .task("start", 1, 1, 1).task("steady", 1, 5, 6).task("slow-tail", 1, 2, 20).task("finish", 2, 3, 4)
            .edge("start", "steady").edge("start", "slow-tail").edge("steady", "finish").edge("slow-tail", "finish")
            .dag()
        #expect(dag.metrics.criticalPath == ["start", "steady", "finish"])
        #expect(dag.metrics.criticalPathHours == 9)
    }

    @Test("the critical path and its length for the webapp")
    func webappCriticalPath() throws {
        let loaded = try Fixtures.webapp()
        let graph = try TaskGraph(ResolvedPlan(loaded.document, sourceName: loaded.sourceName), minConfidence: 0.7)
        let (tasks, length) = graph.criticalPath { graph.plan.durations[$0].mostLikely }
        #expect(length == 36.5)
        #expect(tasks.map { graph.plan.ids[$0] }.first == "P1.T003")
        #expect(tasks.map { graph.plan.ids[$0] }.last == "P1.T027")
        // Consecutive tasks are joined by reduced edges, and the durations add up to the length.
        for (u, v) in zip(tasks, tasks.dropFirst()) { #expect(graph.successors.neighbours(of: u).contains(Int32(v))) }
        #expect(tasks.map { graph.plan.durations[$0].mostLikely }.reduce(0, +) == length)
        // No task finishes later than the critical path.
        #expect(graph.earliestFinish { graph.plan.durations[$0].mostLikely }.max() == length)
        #expect(graph.bottomLevels { graph.plan.durations[$0].mostLikely }.max() == length)
    }

    @Test("a tie between two critical paths is decided by id, not by file order")
    func criticalTie() throws {
        func dag(_ order: [String]) throws -> DagDocument {
            var plan = PlanBuilder()
            for id in order { plan = plan.task(id, fixed: 2) }
            return try plan.edge("a1", "a2").edge("b1", "b2").dag()
        }
        let one = try dag(["a1", "a2", "b1", "b2"])
        let two = try dag(["b1", "b2", "a1", "a2"])
        #expect(one.metrics.criticalPathHours == 4)
        #expect(one.metrics.criticalPath == two.metrics.criticalPath)
        #expect(one.metrics.criticalPath == ["a1", "a2"])
    }
}
