import Foundation
import TaskModel
import Testing
import TasksTestSupport

/// `tasks estimate` on every bundled scenario: the artifacts decode with the spec's schema and
/// every estimate the spec asks for is filled.
@Suite("tasks estimate on the bundled scenarios")
struct EstimateCommandTests {
    static let scenarioPaths = ["webapp", "ci-pipeline.yaml", "small/two-chains.yaml", "small/exclusive-lock.yaml",
                                "small/pool-of-3.yaml", "small/diamond.yaml", "large-3000.json"]

    @Test("waves.json, coordinator.json and dag.json decode and carry every estimate", arguments: scenarioPaths)
    func artifacts(_ scenario: String) throws {
        let dir = try Fixtures.temporaryDirectory("estimate")
        let iterations = scenario.hasPrefix("large") ? "12" : "300"
        // The debug build re-checks the core's invariants at every decision (O(tasks) each), so
        // 3,000 tasks take minutes when the test suite shares the machine's two cores.
        let result = try CLI.run(["estimate", Fixtures.scenario(scenario), "-n", iterations, "-o", dir.path],
                                 environment: ["SOURCE_DATE_EPOCH": "0"], timeout: scenario.hasPrefix("large") ? 900 : 120)
        #expect(result.status == 0, "\(result)")
        func data(_ name: String) throws -> Data { try Data(contentsOf: dir.appendingPathComponent(name)) }
        let waves = try JSONDecoder().decode(WavesDocument.self, from: try data("waves.json"))
        _ = try JSONDecoder().decode(CoordinatorDocument.self, from: try data("coordinator.json"))
        _ = try JSONDecoder().decode(DagDocument.self, from: try data("dag.json"))

        let wb = try #require(waves.executionModels.waveBased)
        #expect(wb.totalWaves == wb.waves.count && !wb.waves.isEmpty)
        for wave in wb.waves {
            #expect(wave.estimates.p50Hours > 0 && wave.estimates.p50Hours <= wave.estimates.p80Hours
                && wave.estimates.p80Hours <= wave.estimates.p95Hours, "wave \(wave.waveNumber)")
            #expect(!wave.tasks.isEmpty)
        }
        let rf = try #require(waves.executionModels.rollingFrontier)
        let t = rf.estimatedCompletionTime
        #expect(t.optimalHours > 0 && t.p50Hours > 0 && t.p50Hours <= t.p95Hours)
        #expect(!rf.initialFrontier.isEmpty)
        #expect(!rf.executionSimulation.isEmpty)
        #expect(!rf.advantagesOverWaveBased.isEmpty)
        #expect(wb.estimatedCompletion.p50Hours >= wb.waves.map(\.estimates.p50Hours).max()!)
        #expect(waves.generated?.contentHash.count == 64)
    }

    @Test("the same seed gives byte-identical waves.json with 1 or 2 threads")
    func threadInvariance() throws {
        var texts: [Data] = []
        for threads in ["1", "2"] {
            let dir = try Fixtures.temporaryDirectory("estimate-threads")
            let result = try CLI.run(["estimate", Fixtures.scenario("webapp"), "-n", "500", "--threads", threads,
                                      "-o", dir.path], environment: ["SOURCE_DATE_EPOCH": "0"])
            #expect(result.status == 0, "\(result)")
            texts.append(try Data(contentsOf: dir.appendingPathComponent("waves.json")))
        }
        #expect(texts[0] == texts[1])
    }

    @Test("bad Monte Carlo arguments are exit 1 with one line", arguments: [
        ["-n", "1"], ["--precision", "0"], ["--threads", "0"], ["--quantiles", "abc"], ["--quantiles", "150"], ["--quantiles", "0"],
    ])
    func badArguments(_ extra: [String]) throws {
        let result = try CLI.run(["estimate", Fixtures.scenario("small/diamond.yaml")] + extra)
        #expect(result.status == 1, "\(result)")
        #expect(result.stderrLines.count == 1)
    }
}
