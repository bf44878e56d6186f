import ArgumentParser
import Foundation
import TaskGraph
import TaskModel

/// `tasks graph PLAN [-o DIR]`: analyse the dependency graph, print its metrics, write `dag.json`.
struct Graph: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph", abstract: "Analyse the dependency graph and write dag.json.")

    @OptionGroup var options: PlanOptions

    @Option(name: [.customShort("o"), .customLong("output-dir")],
            help: "Directory to write dag.json into (env TASKS_OUTPUT_DIR); without it nothing is written.")
    var outputDir: String?

    @Flag(help: "Print dag.json on stdout instead of the summary.")
    var json = false

    func run() throws {
        try Terminal.guarding {
            let (_, graph) = try options.graph()
            let dag = DagReport.document(for: graph, timestamp: ContentHash.timestamp())
            let text = try ArtifactWriter.hashedJSONText(dag)
            if let dir = outputDir ?? Environment.string("TASKS_OUTPUT_DIR") {
                let path = (dir as NSString).appendingPathComponent("dag.json")
                try ArtifactWriter.write(text, to: path)
                Terminal.note("wrote \(path)")
            }
            if json {
                print(text, terminator: "")
            } else {
                print(Self.summary(dag, source: graph.plan.sourceName))
                dag.warnings.forEach(Terminal.warning)
            }
        }
    }

    static func summary(_ dag: DagDocument, source: String) -> String {
        var rows = [("plan", source)] + metricRows(dag.metrics)
        rows.append(("dropped", "\(dag.softDeps.count) soft, \(dag.lowConfidenceDeps.count) below min confidence "
            + "\(dag.metrics.minConfidenceApplied)"))
        for b in dag.resourceBottlenecks {
            rows.append(("bottleneck", "\(b.resource): \(b.impact)"))
        }
        for c in dag.cycleBreakSuggestions {
            rows.append(("cycle broken", "\(c.removed.label) (round \(c.round))"))
        }
        return table(rows)
    }

    /// The graph metrics as an aligned two-column table.
    static func metricsTable(_ m: DagDocument.Metrics) -> String { table(metricRows(m)) }

    static func metricRows(_ m: DagDocument.Metrics) -> [(String, String)] {
        var rows: [(String, String)] = [
            ("tasks", "\(m.nodes)"),
            ("edges (reduced)", "\(m.edges) (\(m.transitiveEdgesRemoved) transitive removed)"),
            ("kept by type", m.keptByType.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")),
            ("edge density", String(format: "%.4f", m.edgeDensity)),
            ("layers (longest path)", "\(m.longestPath)"),
            ("width (kahn_layer_max)", "\(m.widthApprox)"),
            ("isolated tasks", "\(m.isolatedTasks)"),
            ("critical path", "\(HoursFormat.text(m.criticalPathHours)) over \(m.criticalPath.count) tasks"),
            ("verb-first titles", String(format: "%.0f%%", m.verbFirstPct * 100)),
            ("resource-constrained tasks", "\(m.resourceConstrainedTasks)"),
        ]
        for (name, u) in m.resourceUtilization.sorted(by: { $0.key < $1.key }) {
            rows.append(("resource \(name)", "\(u.totalTasks) tasks, capacity \(u.capacity), ≥\(u.wavesRequired) waves; "
                + (u.serializationImpact ?? u.utilization ?? "")))
        }
        return rows
    }

    static func table(_ rows: [(String, String)]) -> String {
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }.joined(separator: "\n")
    }
}
