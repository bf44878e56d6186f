import Benchmark
import Foundation
import Scheduling
import Simulation
import TaskGraph
import TaskModel

/// One deterministic run of each scheduler on the 3,000-task scenario. Every run handles two
/// events per task (ready, finish), so runs per second × 6,000 is the kernel's events per second;
/// the CPM forward pass over the same graph is the in-run baseline for the ratio.
let benchmarks: @Sendable () -> Void = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let path = root.appendingPathComponent("scenarios/large-3000.json").path
    guard let loaded = try? PlanLoader.load(path: path),
          let plan = try? ResolvedPlan(loaded.document, sourceName: path),
          let graph = try? TaskGraph(plan, minConfidence: 0.7),
          let problem = try? SchedulingProblem(graph: graph, coordinator: nil, settings: SchedulingSettings())
    else { fatalError("cannot load \(path)") }
    let hours = problem.durations(.mostLikely)
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .cpuTotal, .throughput, .mallocCountTotal],
                                           maxDuration: .seconds(5))

    Benchmark("baseline: CPM forward pass large-3000") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(graph.earliestFinish { hours[$0] }.max())
        }
    }

    Benchmark("scheduling: rolling frontier run large-3000") { benchmark in
        var frontier = Simulator(rollingFrontier: problem)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try frontier.makespan(durations: hours))
        }
    }

    Benchmark("scheduling: wave-based run large-3000") { benchmark in
        var waves = Simulator(waves: problem)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try waves.makespan(durations: hours))
        }
    }
}
