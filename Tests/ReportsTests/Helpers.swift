import Foundation
import MonteCarlo
import Reports
import TaskModel
import TasksTestSupport

/// The setup `tasks` builds for a plan file: its own min confidence, default scheduler settings.
func setup(path: String) throws -> PlanSetup {
    let loaded = try PlanLoader.load(path: path)
    return PlanSetup(loaded: loaded, minConfidence: loaded.document.meta.minConfidence ?? 0.7)
}

/// `setup` with every duration fixed at its most likely value: the deterministic case.
func deterministic(_ s: PlanSetup) -> PlanSetup {
    var out = s
    for i in out.loaded.document.tasks.indices {
        guard let d = out.loaded.document.tasks[i].duration else { continue }
        out.loaded.document.tasks[i].duration = DurationEstimate(optimistic: d.mostLikely, mostLikely: d.mostLikely,
                                                                 pessimistic: d.mostLikely)
    }
    out.loaded.rawText = nil
    return out
}

/// Few iterations and one thread: tests measure logic, not Monte Carlo accuracy.
func quick(_ iterations: Int = 300, seed: UInt64 = 1) -> EstimateSettings {
    EstimateSettings(iterations: iterations, seed: seed, detailedRuns: 100)
}

/// Every scenario in `scenarios/` but the 3,000-task one (tested for speed elsewhere).
func bundledScenarios() -> [String] {
    var out = ["webapp", "ci-pipeline.yaml"]
    let small = (try? FileManager.default.contentsOfDirectory(atPath: Fixtures.scenario("small"))) ?? []
    out += small.filter { $0.hasSuffix(".yaml") }.sorted().map { "small/\($0)" }
    return out
}
