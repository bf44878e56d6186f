import Foundation
import TaskModel

/// Builds `dag.json` from a `TaskGraph`: every metric computed from the plan, none assumed.
public enum DagReport {
    /// How many reduced edges `reduced_edges_sample` lists.
    public static let sampleSize = 20

    public static func document(for graph: TaskGraph, timestamp: String) -> DagDocument {
        let plan = graph.plan
        let n = graph.nodeCount
        let reducedEdges = graph.successors.edgeCount
        let critical = graph.criticalPath { plan.durations[$0].mostLikely }
        var touched = [Bool](repeating: false, count: n)
        for u in 0..<n where !graph.successors.neighbours(of: u).isEmpty {
            touched[u] = true
            for v in graph.successors.neighbours(of: u) { touched[Int(v)] = true }
        }
        let usage = ResourceUsage(plan: plan)
        let utilization = usage.utilization(criticalPathHours: critical.length, waves: graph.layers.count)
        var warnings = plan.warnings
        warnings += graph.cycleBreaks.map {
            "cycle \(($0.cycle + [$0.cycle[0]]).joined(separator: " -> ")) broken in round \($0.round) by dropping "
                + "\($0.removed.label) (\($0.removed.type.rawValue), confidence \($0.removed.confidence))"
        }
        let metrics = DagDocument.Metrics(
            minConfidenceApplied: graph.minConfidence,
            keptByType: EdgeFilter.count(graph.edges),
            droppedByType: graph.filter.droppedByType,
            nodes: n,
            edges: reducedEdges,
            edgeDensity: n > 1 ? rounded(Double(reducedEdges) / Double(n * (n - 1)), 4) : 0,
            widthApprox: graph.layers.map(\.count).max() ?? 0,
            widthMethod: "kahn_layer_max",
            longestPath: graph.layers.count,
            isolatedTasks: touched.lazy.filter { !$0 }.count,
            lowConfidenceEdgesExcluded: graph.filter.lowConfidence.count,
            verbFirstPct: rounded(TitleAnalysis.verbFirstFraction(plan.document.tasks.map { $0.title ?? "" }), 4),
            meceOverlapSuspects: TitleAnalysis.overlapSuspects(plan.document.tasks),
            mutualExclusionEdges: graph.edges.lazy.filter { $0.type == .mutualExclusion }.count,
            resourceConstrainedTasks: usage.constrainedTaskCount,
            resourceUtilization: utilization,
            criticalPath: critical.tasks.map { plan.ids[$0] },
            criticalPathHours: critical.length,
            transitiveEdgesRemoved: graph.transitiveEdgesRemoved)
        var sample: [[String]] = []
        outer: for u in graph.topologicalOrder {
            for v in graph.successors.neighbours(of: Int(u)).sorted(by: { plan.ids[Int($0)] < plan.ids[Int($1)] }) {
                sample.append([plan.ids[Int(u)], plan.ids[Int(v)]])
                if sample.count == sampleSize { break outer }
            }
        }
        return DagDocument(
            ok: true, errors: [], warnings: warnings,
            generated: GeneratedInfo(timestamp: timestamp),
            metrics: metrics,
            topoOrder: graph.topologicalOrder.map { plan.ids[Int($0)] },
            reducedEdgesSample: sample,
            resourceBottlenecks: usage.bottlenecks(criticalPathHours: critical.length),
            softDeps: graph.filter.soft,
            lowConfidenceDeps: graph.filter.lowConfidence,
            cycleBreakSuggestions: graph.cycleBreaks)
    }

    static func rounded(_ x: Double, _ digits: Int) -> Double {
        let scale = pow(10, Double(digits))
        return (x * scale).rounded() / scale
    }
}
