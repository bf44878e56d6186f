import Benchmark
import Foundation
import MonteCarlo
import Sampling
import Scheduling
import TaskGraph
import TaskModel

/// The Monte Carlo engine on `net-3000` (3,000 tasks, 10 slots, 16 cores, 32 GB, an exclusive lock
/// and a pool of 3), the network the Python peers were timed on (`../shared/bench/peers/`):
///
/// - unconstrained: 1,000 iterations of classic PERT/CPM (`ignoreResources`), rolling frontier
///   only — compare `cpm_numpy.py -k 10000`;
/// - resource-constrained: 200 iterations of the rolling frontier — compare `rcsim_heapq.py -k 200`;
/// - sampling only: 1,000 iterations of drawing every duration (the engine's reseed + table lookup),
///   the floor under both.
///
/// One thread and no detailed replays, so `cpuTotal` is the single-core cost of the same work the
/// peers do (they are single-threaded); task-samples per CPU-second = 3,000 × iterations / cpuTotal.
let benchmarks: @Sendable () -> Void = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let candidates = [root.deletingLastPathComponent().appendingPathComponent("shared/bench/networks/net-3000.json").path,
                      "/work/shared/bench/networks/net-3000.json"]
    guard let path = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
        print("MonteCarloBenchmarks: net-3000.json not found in \(candidates); nothing to measure")
        return
    }
    let engine: MonteCarloEngine
    let sampler: DurationSampler
    do {
        let loaded = try PlanLoader.load(path: path)
        let plan = try ResolvedPlan(loaded.document, sourceName: path)
        let graph = try TaskGraph(plan, minConfidence: loaded.document.meta.minConfidence ?? 0.7)
        let problem = try SchedulingProblem(graph: graph, coordinator: loaded.coordinator)
        engine = try MonteCarloEngine(problem: problem, waveConfiguration: .layersOnly)
        sampler = try DurationSampler(models: plan.durations.map { d in
            try DurationModel(shape: DurationShape(rawValue: d.distribution.rawValue) ?? .pert, optimistic: d.optimistic,
                              mostLikely: d.mostLikely, pessimistic: d.pessimistic, lambda: d.lambda)
        })
    } catch {
        fatalError("cannot load \(path): \(error)")
    }
    let tasks = engine.problem.taskCount

    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .throughput, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 1, maxDuration: .seconds(10), maxIterations: 25)

    let unconstrained = EstimateSettings(iterations: 1_000, seed: 1, models: [.rollingFrontier], threads: 1,
                                         detailedRuns: 0, ignoreResources: true)
    Benchmark("MonteCarlo: 1,000 iterations unconstrained (CPM) net-3000") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try engine.run(unconstrained))
        }
    }

    let constrained = EstimateSettings(iterations: 200, seed: 1, models: [.rollingFrontier], threads: 1, detailedRuns: 0)
    Benchmark("MonteCarlo: 200 iterations resource-constrained rolling frontier net-3000") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try engine.run(constrained))
        }
    }

    Benchmark("MonteCarlo: sampling only, 1,000 iterations net-3000 (baseline)") { benchmark in
        var durations = [Double](repeating: 0, count: tasks)
        var stream = try RandomStream(seed: 1, stream: 0)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            var checksum = 0.0
            for i in 0..<1_000 {
                stream.reseed(seed: 1, stream: StreamSeeds.durations(iteration: i))
                sampler.sample(into: &durations, stream: stream)
                checksum += durations[i % tasks]
            }
            blackHole(checksum)
        }
    }
}
