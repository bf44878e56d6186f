import TaskGraph
import TaskModel
import TasksTestSupport
import Testing

/// Cycle breaking: at most two rounds, the weakest non-mutex edge of each cycle, exit 3 beyond.
@Suite("Cycle breaking")
struct CycleBreakerTests {
    static func tasks(_ ids: String...) -> PlanBuilder {
        ids.reduce(PlanBuilder()) { $0.task($1, 1, 2, 3) }
    }

    @Test("a cycle is broken by its lowest-confidence edge, recorded in cycleBreaks and dag warnings")
    func weakestEdge() throws {
        let plan = Self.tasks("alpha", "beta", "gamma")
            .edge("alpha", "beta", confidence: 0.9)
            .edge("beta", "gamma", confidence: 0.75)
            .edge("gamma", "alpha", confidence: 0.8)
        let graph = try plan.graph()
        #expect(graph.cycleBreaks.count == 1)
        let only = try #require(graph.cycleBreaks.first)
        #expect(only.round == 1)
        #expect(only.removed.label == "beta -> gamma")
        #expect(Set(only.cycle) == ["alpha", "beta", "gamma"])
        #expect(graph.edges.map(\.label) == ["alpha -> beta", "gamma -> alpha"])
        #expect(graph.topologicalOrder.map { graph.plan.ids[Int($0)] } == ["gamma", "alpha", "beta"])

        let dag = DagReport.document(for: graph, timestamp: "t")
        #expect(dag.cycleBreakSuggestions == graph.cycleBreaks)
        let warning = try #require(dag.warnings.first { $0.hasPrefix("cycle ") })
        #expect(warning.contains("beta -> gamma"))
        #expect(warning.contains("round 1"))
        #expect(dag.metrics.keptByType == ["technical": 2])
    }

    @Test("equal confidences: the lexicographically last edge goes, whatever the file order")
    func tieBreak() throws {
        let forward = try Self.tasks("a", "b").edge("a", "b", confidence: 0.8).edge("b", "a", confidence: 0.8).graph()
        let backward = try Self.tasks("b", "a").edge("b", "a", confidence: 0.8).edge("a", "b", confidence: 0.8).graph()
        #expect(forward.cycleBreaks.map(\.removed.label) == ["b -> a"])
        #expect(backward.cycleBreaks.map(\.removed.label) == ["b -> a"])
    }

    @Test("a mutual_exclusion edge is never the one removed")
    func keepsMutex() throws {
        let graph = try Self.tasks("m1", "m2")
            .exclusiveResource("lock")
            .edge("m1", "m2", type: .mutualExclusion, resource: "lock")
            .edge("m2", "m1", confidence: 0.99)
            .graph()
        #expect(graph.cycleBreaks.map(\.removed.label) == ["m2 -> m1"])
        #expect(graph.edges.map(\.type) == [.mutualExclusion])
    }

    @Test("disjoint cycles are all broken in round 1")
    func disjoint() throws {
        let graph = try Self.tasks("a", "b", "c", "d")
            .edge("a", "b", confidence: 0.9).edge("b", "a", confidence: 0.8)
            .edge("c", "d", confidence: 0.7).edge("d", "c", confidence: 0.95)
            .graph()
        #expect(graph.cycleBreaks.map(\.round) == [1, 1])
        #expect(Set(graph.cycleBreaks.map(\.removed.label)) == ["b -> a", "c -> d"])
    }

    @Test("two interlocked cycles need two rounds")
    func twoRounds() throws {
        let graph = try Self.tasks("a", "b", "c")
            .edge("a", "b", confidence: 0.9).edge("b", "a", confidence: 0.8)
            .edge("b", "c", confidence: 0.9).edge("c", "b", confidence: 0.85)
            .graph()
        #expect(graph.cycleBreaks.map(\.round) == [1, 2])
        #expect(graph.cycleBreaks.map(\.removed.label) == ["b -> a", "c -> b"])
        #expect(graph.topologicalOrder.map { graph.plan.ids[Int($0)] } == ["a", "b", "c"])
        let dag = DagReport.document(for: graph, timestamp: "t")
        #expect(dag.warnings.filter { $0.hasPrefix("cycle ") }.count == 2)
    }

    @Test("a cycle that survives two rounds is exit 3 naming its tasks")
    func thirdRound() throws {
        // A complete digraph on three tasks: three edges must go, one per round.
        let plan = Self.tasks("red", "green", "blue")
            .edge("red", "green", confidence: 0.91).edge("green", "red", confidence: 0.92)
            .edge("green", "blue", confidence: 0.93).edge("blue", "green", confidence: 0.94)
            .edge("red", "blue", confidence: 0.95).edge("blue", "red", confidence: 0.96)
        let error = try #require(throws: TasksError.self) { try plan.graph(name: "cyclic.json") }
        #expect(error.status == .cyclicDependencies)
        #expect(error.message.hasPrefix("cyclic.json: "))
        #expect(error.message.contains("2 rounds"))
        let path = try #require(error.message.split(separator: ": ").last)
        #expect(path.contains(" -> "))
        #expect(!error.message.contains("\n"))
        // The remaining cycle is named task by task and closes on its first task.
        let named = path.components(separatedBy: " -> ")
        #expect(named.first == named.last)
        #expect(Set(named).isSubset(of: ["red", "green", "blue"]))
        #expect(Set(named).count >= 2)
    }

    @Test("a cycle of mutual_exclusion edges only cannot be broken: exit 3 with the ids")
    func unbreakable() throws {
        let plan = Self.tasks("migrate-users", "migrate-orders", "other")
            .exclusiveResource("db")
            .edge("migrate-users", "migrate-orders", type: .mutualExclusion, resource: "db")
            .edge("migrate-orders", "migrate-users", type: .mutualExclusion, resource: "db")
        let error = try #require(throws: TasksError.self) { try plan.graph(name: "mutex.json") }
        #expect(error.status == .cyclicDependencies)
        #expect(error.message.contains("migrate-users -> migrate-orders -> migrate-users"))
        #expect(!error.message.contains("other"))
    }

    @Test("a technical self-loop is broken; a mutual_exclusion self-loop is exit 3")
    func selfLoop() throws {
        let graph = try Self.tasks("solo", "next").edge("solo", "solo", confidence: 0.9).edge("solo", "next").graph()
        #expect(graph.cycleBreaks.count == 1)
        #expect(graph.cycleBreaks.first?.cycle == ["solo"])
        #expect(graph.cycleBreaks.first?.removed.label == "solo -> solo")
        #expect(graph.edges.map(\.label) == ["solo -> next"])

        let error = try #require(throws: TasksError.self) {
            try Self.tasks("solo").exclusiveResource("r").edge("solo", "solo", type: .mutualExclusion, resource: "r").graph()
        }
        #expect(error.status == .cyclicDependencies)
        #expect(error.message.contains("solo -> solo"))
    }

    @Test("a cycle through a below-threshold edge is no cycle at all")
    func filteredFirst() throws {
        let graph = try Self.tasks("a", "b").edge("a", "b").edge("b", "a", confidence: 0.5).graph()
        #expect(graph.cycleBreaks.isEmpty)
        #expect(graph.filter.lowConfidence.map(\.label) == ["b -> a"])
    }

    @Test("webapp has no cycles")
    func webappAcyclic() throws {
        let loaded = try Fixtures.webapp()
        let graph = try TaskGraph(ResolvedPlan(loaded.document, sourceName: loaded.sourceName), minConfidence: 0.7)
        #expect(graph.cycleBreaks.isEmpty)
    }
}
