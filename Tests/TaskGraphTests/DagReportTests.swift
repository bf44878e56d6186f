import Foundation
@testable import TaskGraph
import TaskModel
import TasksTestSupport
import Testing

/// `dag.json` metrics, each computed from the plan.
@Suite("DagReport metrics")
struct DagReportTests {
    @Test("edgeDensity is reduced edges / (N (N - 1))", arguments: [
        (2, [(0, 1)], 0.5),
        (4, [(0, 1), (1, 2), (2, 3)], 0.25),
        (4, [(0, 1), (1, 2), (2, 3), (0, 3), (0, 2)], 0.25),     // transitive edges do not count
        (5, [(0, 1), (0, 2), (0, 3), (0, 4)], 0.2),
        (7, [(0, 1)], 0.0238),
        (1, [], 0.0),
    ])
    func edgeDensity(_ n: Int, _ edges: [(Int, Int)], _ density: Double) throws {
        var plan = PlanBuilder()
        for i in 0..<n { plan = plan.task("t\(i)", 1, 2, 3) }
        for (a, b) in edges { plan = plan.edge("t\(a)", "t\(b)") }
        let dag = try plan.dag()
        #expect(dag.metrics.edgeDensity == density)
        if n > 1 {
            #expect(abs(dag.metrics.edgeDensity - Double(dag.metrics.edges) / Double(n * (n - 1))) < 5e-5)
        }
    }

    @Test("isolatedTasks counts tasks without any kept edge")
    func isolated() throws {
        let dag = try PlanBuilder()
            .task("a", 1, 2, 3).task("b", 1, 2, 3).task("lonely", 1, 2, 3).task("soft-only", 1, 2, 3).task("weak-only", 1, 2, 3)
            .edge("a", "b")
            .edge("a", "soft-only", type: .knowledge, isHard: false)
            .edge("weak-only", "b", confidence: 0.3)
            .dag()
        #expect(dag.metrics.isolatedTasks == 3)
        #expect(dag.metrics.nodes == 5)
        #expect(dag.metrics.widthApprox == 4)
        #expect(dag.metrics.longestPath == 2)
    }

    @Test("verbFirstPct is the share of titles opening with an imperative verb")
    func verbFirst() throws {
        let dag = try PlanBuilder()
            .task("a", 1, 2, 3, title: "Implement the login handler")
            .task("b", 1, 2, 3, title: "login handler tests")
            .task("c", 1, 2, 3, title: "  Fix: flaky upload")
            .unestimated("d")
            .task("e", 1, 2, 3, title: "Refactor the session cache")
            .task("f", 1, 2, 3, title: "Implementation of the thing")
            .task("g", 1, 2, 3, title: "DEPLOY to staging")
            .task("h", 1, 2, 3, title: "")
            .dag()
        #expect(dag.metrics.verbFirstPct == 0.5)
        #expect(TitleAnalysis.verbFirstFraction([]) == 0)
        #expect(TitleAnalysis.verbFirstFraction(["Write docs", "Writes docs", "write-up the report"]) == 2.0 / 3)
    }

    @Test("title keys read ASCII bytes exactly as Character's letter and number properties do")
    func asciiTitleKeys() {
        // Every printable ASCII character and the line breaks (CR LF is one Character), at random.
        let alphabet = Array(" \t\r\n" + (0x21...0x7E).map { String(UnicodeScalar(UInt8($0))) }.joined())
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2_000 {
            var title = ""
            for _ in 0..<Int(state % 24) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                title.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let word = title.split(whereSeparator: { !$0.isLetter }).first.map { $0.lowercased() } ?? ""
            #expect(TitleAnalysis.firstWord(title) == word, "\(title.debugDescription)")
            let key = String(title.lowercased().filter { $0.isLetter || $0.isNumber })
            #expect(TitleAnalysis.asciiKey(title, digits: true, firstRunOnly: false) == key, "\(title.debugDescription)")
        }
        #expect(TitleAnalysis.asciiKey("Écrire la doc", digits: false, firstRunOnly: true) == nil)
        #expect(TitleAnalysis.firstWord("Écrire la doc") == "écrire")
        #expect(TitleAnalysis.verbFirstFraction(["Ünify the caches", "Ship it"]) == 0.5)
    }

    @Test("meceOverlapSuspects counts tasks whose normalised titles collide")
    func mece() throws {
        let dag = try PlanBuilder()
            .task("a", 1, 2, 3, title: "Build the API").task("b", 1, 2, 3, title: "build the api!")
            .task("c", 1, 2, 3, title: "Build-the-API").task("d", 1, 2, 3, title: "Test the API")
            .dag()
        #expect(dag.metrics.meceOverlapSuspects == 3)
    }

    @Test("resource utilization: waves_required = ceil(units / capacity)", arguments: [
        (3, [1, 1, 1, 1, 1, 1, 1], 3),
        (3, [1, 1, 1], 1),
        (2, [2, 2, 1], 3),
        (4, [3], 1),
        (1, [1, 1, 1, 1], 4),
    ])
    func wavesRequired(_ capacity: Int, _ units: [Int], _ waves: Int) throws {
        var plan = PlanBuilder().pool("pool", capacity: capacity)
        for (i, u) in units.enumerated() { plan = plan.task("t\(i)", 1, 2, 3, shared: ["pool": u]) }
        let dag = try plan.dag()
        let usage = try #require(dag.metrics.resourceUtilization["pool"])
        #expect(usage.wavesRequired == waves)
        #expect(usage.capacity == capacity)
        #expect(usage.totalTasks == units.count)
        #expect(usage.utilization != nil)
        #expect(usage.serializationImpact == nil)
        #expect(dag.metrics.resourceConstrainedTasks == units.count)
    }

    @Test("an exclusive resource needs one wave per holder and reports its serialization impact")
    func exclusive() throws {
        let loaded = try PlanLoader.load(path: Fixtures.scenario("small/exclusive-lock.yaml"))
        let dag = DagReport.document(
            for: try TaskGraph(ResolvedPlan(loaded.document, sourceName: loaded.sourceName), minConfidence: 0.7),
            timestamp: "t")
        let usage = try #require(dag.metrics.resourceUtilization["migration_lock"])
        #expect(usage.wavesRequired == 3)
        #expect(usage.capacity == 1)
        #expect(usage.totalTasks == 3)
        #expect(usage.serializationImpact?.hasPrefix("6.0h of serialised work") == true)
        // 6h of exclusive work against a 3h critical path: the lock, not the graph, sets the pace.
        #expect(dag.metrics.criticalPathHours == 3)
        let bottleneck = try #require(dag.resourceBottlenecks.first)
        #expect(bottleneck.resource == "migration_lock")
        #expect(bottleneck.impact == "critical_path_extension")
        #expect(bottleneck.affectedTasks == ["migrate-accounts", "migrate-audit", "migrate-orders"])
    }

    @Test("pool-of-3: nine one-unit holders of a capacity-3 pool need three waves")
    func poolOf3() throws {
        let loaded = try PlanLoader.load(path: Fixtures.scenario("small/pool-of-3.yaml"))
        let dag = DagReport.document(
            for: try TaskGraph(ResolvedPlan(loaded.document, sourceName: loaded.sourceName), minConfidence: 0.7),
            timestamp: "t")
        #expect(dag.metrics.resourceUtilization["test_db_pool"]?.wavesRequired == 3)
        #expect(dag.metrics.isolatedTasks == 9)
        #expect(dag.metrics.widthApprox == 9)
        #expect(dag.metrics.edgeDensity == 0)
    }

    @Test("webapp metrics")
    func webapp() throws {
        let loaded = try Fixtures.webapp()
        let dag = DagReport.document(
            for: try TaskGraph(ResolvedPlan(loaded.document, sourceName: loaded.sourceName), minConfidence: 0.7),
            timestamp: "2024-01-01T00:00:00Z")
        let m = dag.metrics
        #expect(m.nodes == 27)
        #expect(m.edges == 39)
        #expect(m.edgeDensity == 0.0556)
        #expect(m.longestPath == 10)
        #expect(m.widthApprox == 5)
        #expect(m.isolatedTasks == 0)
        #expect(m.verbFirstPct == 1)
        #expect(m.mutualExclusionEdges == 5)
        #expect(m.resourceConstrainedTasks == 20)
        #expect(m.criticalPathHours == 36.5)
        #expect(m.resourceUtilization["database_migrations"]?.wavesRequired == 6)
        #expect(m.resourceUtilization["deployment_pipeline"]?.wavesRequired == 4)
        #expect(m.resourceUtilization["test_db_pool"]?.wavesRequired == 4)
        #expect(dag.topoOrder.count == 27)
        #expect(dag.reducedEdgesSample.count == DagReport.sampleSize)
        #expect(dag.softDeps.count == 3)
        #expect(dag.lowConfidenceDeps.count == 3)
        #expect(dag.cycleBreakSuggestions.isEmpty)
        #expect(dag.ok)
        #expect(dag.errors.isEmpty)
        #expect(dag.generated?.timestamp == "2024-01-01T00:00:00Z")
        #expect(dag.generated?.by == GeneratedInfo.generator)
    }

    @Test("reduced_edges_sample lists reduced edges in topological order")
    func sample() throws {
        let loaded = try Fixtures.webapp()
        let graph = try TaskGraph(ResolvedPlan(loaded.document, sourceName: loaded.sourceName), minConfidence: 0.7)
        let dag = DagReport.document(for: graph, timestamp: "t")
        let position = Dictionary(uniqueKeysWithValues: dag.topoOrder.enumerated().map { ($1, $0) })
        for pair in dag.reducedEdgesSample {
            #expect(pair.count == 2)
            let u = try #require(graph.plan.indexByID[pair[0]]), v = try #require(graph.plan.indexByID[pair[1]])
            #expect(graph.successors.neighbours(of: u).contains(Int32(v)))
        }
        let sources = dag.reducedEdgesSample.map { position[$0[0]]! }
        #expect(sources == sources.sorted())
    }

    static let psplibInstances = ["psplib/j30/j3010_1.sm", "psplib/j60/j6010_1.sm", "psplib/j90/j9010_1.sm",
                                  "psplib/j120/j12010_1.sm"]

    @Test("on PSPLIB instances the critical path equals the instance's MPM time",
          .enabled(if: Fixtures.sharedFile("psplib/j30/j3010_1.sm") != nil,
                   "needs ../shared/psplib beside the package (or /work/shared); skipped"),
          arguments: psplibInstances)
    func psplibCriticalPath(_ relative: String) throws {
        guard let path = Fixtures.sharedFile(relative) else {
            print("skipping \(relative): not in the shared directory")
            return
        }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        let header = try #require(lines.firstIndex { $0.hasPrefix("pronr.") })
        let mpm = try #require(lines[header + 1].split(separator: " ").last.flatMap { Double($0) })
        let loaded = try PlanLoader.load(path: path)
        let dag = DagReport.document(
            for: try TaskGraph(ResolvedPlan(loaded.document, sourceName: loaded.sourceName), minConfidence: 0.7),
            timestamp: "t")
        #expect(dag.metrics.criticalPathHours == mpm, "\(relative)")
        #expect(dag.cycleBreakSuggestions.isEmpty)
        #expect(dag.metrics.nodes == loaded.document.tasks.count)
    }

    @Test("dag.json round-trips through its Codable form with the spec's keys")
    func codable() throws {
        let loaded = try Fixtures.webapp()
        let dag = DagReport.document(
            for: try TaskGraph(ResolvedPlan(loaded.document, sourceName: loaded.sourceName), minConfidence: 0.7),
            timestamp: "t")
        let text = try ArtifactWriter.hashedJSONText(dag)
        let back = try JSONDecoder().decode(DagDocument.self, from: Data(text.utf8))
        #expect(back.metrics == dag.metrics)
        #expect(back.topoOrder == dag.topoOrder)
        let tree = try JSONValue(jsonText: text)
        for key in ["topo_order", "reduced_edges_sample", "resource_bottlenecks", "cycle_break_suggestions", "softDeps",
                    "lowConfidenceDeps", "metrics", "generated"] {
            #expect(tree[key] != nil, "missing \(key)")
        }
        #expect(tree.value(at: [.key("metrics"), .key("resourceUtilization"), .key("test_db_pool"), .key("waves_required")]) == .number(4))
        #expect(tree.value(at: [.key("generated"), .key("contentHash")])?.stringValue == ContentHash.of(tree))
    }
}
