import Benchmark
import Foundation
import MonteCarlo
import Reports
import TaskModel

/// The capacity sweep of issue 7's acceptance: 8 points of `test_db_pool` on the bundled web
/// application at 10,000 iterations each, both models, next to one plain 10,000-iteration estimate
/// of the same plan in the same run (the baseline: a sweep point costs one estimate plus its traced
/// replays, so the ratio should stay near 8–9×). All threads, as `tasks sweep` runs.
let benchmarks: @Sendable () -> Void = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let path = root.appendingPathComponent("scenarios/webapp").path
    let setup: PlanSetup
    let axis: SweepAxis
    do {
        let loaded = try PlanLoader.load(path: path)
        setup = PlanSetup(loaded: loaded, minConfidence: loaded.document.meta.minConfidence ?? 0.7)
        axis = try SweepAxis.parse("test_db_pool=1..8", in: setup)
    } catch {
        fatalError("cannot load \(path): \(error)")
    }
    let settings = EstimateSettings(iterations: 10_000, seed: 1)

    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident], warmupIterations: 1, maxDuration: .seconds(20),
        maxIterations: 5)

    Benchmark("Reports: estimate, 10,000 iterations, webapp (baseline)") { benchmark in
        let engine = try setup.engine()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(try engine.run(settings)) }
    }

    Benchmark("Reports: sweep test_db_pool=1..8, 10,000 iterations a point, webapp") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try Sweep.run(setup, axes: [axis], settings: settings, tolerance: 0.05))
        }
    }
}
