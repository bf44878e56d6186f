import TaskGraph
import TaskModel
import TasksTestSupport
import Testing

/// The spec's edge filter: hard edges at or above the threshold form the DAG; the rest are reported.
@Suite("EdgeFilter")
struct EdgeFilterTests {
    static let edges: [Dependency] = [
        Dependency(from: "a", to: "b", type: .technical, confidence: 0.9),
        Dependency(from: "a", to: "c", type: .knowledge, confidence: 0.95, isHard: false),
        Dependency(from: "b", to: "c", type: .sequential, confidence: 0.69),
        Dependency(from: "c", to: "d", type: .infrastructure, confidence: 0.7),
        Dependency(from: "b", to: "d", type: .mutualExclusion, confidence: 0.1, isHard: false, sharedResource: "lock"),
        Dependency(from: "a", to: "d", type: .technical, confidence: 0.2),
        Dependency(from: "c", to: "e", type: .resourceLimited, confidence: 1.0, isHard: true, sharedResource: "pool"),
    ]

    @Test("soft edges go to softDeps, hard ones below the threshold to lowConfidenceDeps")
    func partition() {
        let filter = EdgeFilter(Self.edges, minConfidence: 0.7)
        #expect(filter.kept.map(\.label) == ["a -> b", "c -> d", "b -> d", "c -> e"])
        #expect(filter.soft.map(\.label) == ["a -> c"])
        #expect(filter.lowConfidence.map(\.label) == ["b -> c", "a -> d"])
    }

    @Test("an edge of exactly the threshold is kept; just below is not", arguments: [0.7, 0.5, 0.95, 1.0, 0.0])
    func boundary(_ threshold: Double) {
        let at = Dependency(from: "x", to: "y", confidence: threshold)
        let below = Dependency(from: "y", to: "z", confidence: threshold.nextDown)
        let filter = EdgeFilter([at, below], minConfidence: threshold)
        #expect(filter.kept == [at])
        #expect(filter.lowConfidence == [below])
    }

    @Test("mutual_exclusion edges are kept whatever their confidence and hardness", arguments: [0.0, 0.99, 1.0])
    func mutualExclusion(_ threshold: Double) {
        let edge = Dependency(from: "m", to: "n", type: .mutualExclusion, confidence: 0, isHard: false, sharedResource: "lock")
        let filter = EdgeFilter([edge], minConfidence: threshold)
        #expect(filter.kept == [edge])
        #expect(filter.soft.isEmpty && filter.lowConfidence.isEmpty)
    }

    @Test("keptByType and droppedByType count by type name")
    func counts() {
        let filter = EdgeFilter(Self.edges, minConfidence: 0.7)
        #expect(filter.keptByType == ["technical": 1, "infrastructure": 1, "mutual_exclusion": 1, "resource_limited": 1])
        #expect(filter.droppedByType == ["knowledge": 1, "sequential": 1, "technical": 1])
    }

    @Test("the threshold is applied in the graph and reported in dag.json")
    func inTheGraph() throws {
        let plan = PlanBuilder()
            .task("a", 1, 2, 3).task("b", 1, 2, 3).task("c", 1, 2, 3)
            .edge("a", "b", confidence: 0.7).edge("b", "c", confidence: 0.6).edge("a", "c", type: .knowledge, isHard: false)
        let strict = try plan.dag(minConfidence: 0.7)
        #expect(strict.metrics.minConfidenceApplied == 0.7)
        #expect(strict.metrics.keptByType == ["technical": 1])
        #expect(strict.metrics.droppedByType == ["technical": 1, "knowledge": 1])
        #expect(strict.metrics.lowConfidenceEdgesExcluded == 1)
        #expect(strict.lowConfidenceDeps.map(\.label) == ["b -> c"])
        #expect(strict.softDeps.map(\.label) == ["a -> c"])
        #expect(strict.metrics.edges == 1)

        let lenient = try plan.dag(minConfidence: 0.5)
        #expect(lenient.metrics.keptByType == ["technical": 2])
        #expect(lenient.lowConfidenceDeps.isEmpty)
        #expect(lenient.metrics.edges == 2)
        #expect(lenient.topoOrder == ["a", "b", "c"])
    }

    @Test("webapp at the plan's 0.7: 43 kept, 3 soft, 3 below threshold")
    func webapp() throws {
        let loaded = try Fixtures.webapp()
        let filter = EdgeFilter(loaded.document.dependencies, minConfidence: 0.7)
        #expect(filter.kept.count == 43)
        #expect(filter.soft.count == 3)
        #expect(filter.lowConfidence.count == 3)
        #expect(filter.keptByType == ["infrastructure": 2, "mutual_exclusion": 5, "sequential": 9, "technical": 27])
        #expect(filter.droppedByType == ["knowledge": 3, "sequential": 1, "technical": 2])
    }
}
