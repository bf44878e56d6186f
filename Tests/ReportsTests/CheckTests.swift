import Foundation
import MonteCarlo
import Reports
import TaskModel
import Testing
import TasksTestSupport

@Suite("baseline check")
struct CheckTests {
    static let ci = Fixtures.scenario("ci-pipeline.yaml")

    func baseline(_ s: PlanSetup, _ settings: EstimateSettings) throws -> Baseline {
        Baseline(try s.engine().run(settings), planHash: try s.planHash(), version: "test")
    }

    @Test("a plan whose one task is made longer fails, naming the metric")
    func longerTaskFails() throws {
        let s = try setup(path: Self.ci)
        let base = try baseline(s, quick())
        var longer = s
        let i = try #require(longer.loaded.document.tasks.firstIndex { $0.id == "package" })
        var d = try #require(longer.loaded.document.tasks[i].duration)
        d.optimistic *= 4; d.mostLikely *= 4; d.pessimistic *= 4
        longer.loaded.document.tasks[i].duration = d
        longer.loaded.rawText = nil
        let result = CheckResult(baseline: base, current: try longer.engine().run(quick()), planHash: try longer.planHash(),
                                 plan: "ci", tolerance: 0.05)
        #expect(!result.passed)
        let regressed = result.verdicts.filter { $0.status == .regressed }.map(\.metric)
        #expect(regressed.contains("rolling_frontier P80"), "\(regressed)")
        #expect(result.text().contains("REGRESSED rolling_frontier P80:"))
        #expect(result.notes.contains { $0.contains("plan changed") })
    }

    @Test("the unchanged plan passes 50 times in a row: other seeds, tolerances near the noise floor")
    func unchangedPlanNeverFlakes() throws {
        let s = try setup(path: Self.ci)
        let base = try baseline(s, quick(400, seed: 1))
        let engine = try s.engine()
        let hash = try s.planHash()
        // The relative standard error of the rolling frontier's P80 is the noise floor.
        let p80 = try #require(base.models["rolling_frontier"]?.makespan.p80)
        let floor = p80.standardError / p80.hours
        for run in 0..<50 {
            let tolerance = floor * Double(run % 10 + 1) / 5   // 0.2 … 2 × the floor
            let current = try engine.run(quick(400, seed: UInt64(100 + run)))
            let result = CheckResult(baseline: base, current: current, planHash: hash, plan: "ci", tolerance: tolerance)
            #expect(result.passed, "run \(run), tolerance \(tolerance): \(result.text())")
            #expect(result.verdicts.count == 3 * (2 + base.models["wave_based"]!.waves.count))
        }
        // The baseline's own seed reproduces every figure exactly.
        let same = CheckResult(baseline: base, current: try engine.run(quick(400, seed: 1)), planHash: hash, plan: "ci", tolerance: 0)
        #expect(same.verdicts.allSatisfy { $0.currentHours == $0.baselineHours && $0.status == .ok })
    }

    @Test("a baseline round-trips through its JSON file; a missing or foreign file is exit 1")
    func baselineFile() throws {
        let s = try setup(path: Fixtures.scenario("small/diamond.yaml"))
        let base = try baseline(s, quick(50))
        let dir = try Fixtures.temporaryDirectory("baseline")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("b.json").path
        try ArtifactWriter.write(try ArtifactWriter.jsonText(base), to: path)
        #expect(try Baseline.read(path) == base)
        let hash = try s.planHash()
        #expect(base.seed == 1 && base.iterations == 50 && base.planHash == hash)
        let missing = #expect(throws: TasksError.self) { try Baseline.read(dir.appendingPathComponent("none.json").path) }
        #expect(missing?.status == .invalidArguments)
        try ArtifactWriter.write("{\"x\": 1}", to: path)
        #expect(throws: TasksError.self) { try Baseline.read(path) }
    }
}
