import Benchmark
import Foundation
import TaskGraph
import TaskModel

/// `tasks graph` on the 3,000-task scenario, against decoding alone as the in-run baseline: the
/// ratio says how much the graph analysis adds to the unavoidable cost of reading the plan.
let benchmarks: @Sendable () -> Void = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let path = root.appendingPathComponent("scenarios/large-3000.json").path
    let data = FileManager.default.contents(atPath: path) ?? Data()
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .cpuTotal, .mallocCountTotal], maxDuration: .seconds(5))

    Benchmark("baseline: decode large-3000") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try PlanLoader.parse(text: String(decoding: data, as: UTF8.self), name: path, hint: "json"))
        }
    }

    Benchmark("graph: decode + analyse + dag.json large-3000") { benchmark in
        for _ in benchmark.scaledIterations {
            let loaded = try PlanLoader.parse(text: String(decoding: data, as: UTF8.self), name: path, hint: "json")
            let plan = try ResolvedPlan(loaded.document, sourceName: path)
            let graph = try TaskGraph(plan, minConfidence: 0.7)
            blackHole(DagReport.document(for: graph, timestamp: "1970-01-01T00:00:00Z"))
        }
    }

    let loaded = try? PlanLoader.parse(text: String(decoding: data, as: UTF8.self), name: path, hint: "json")
    let plan = try? loaded.map { try ResolvedPlan($0.document, sourceName: path) }
    Benchmark("graph: analyse only large-3000") { benchmark in
        guard let plan else { return }
        for _ in benchmark.scaledIterations {
            blackHole(try TaskGraph(plan, minConfidence: 0.7))
        }
    }
}
