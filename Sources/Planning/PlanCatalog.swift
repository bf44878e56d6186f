import Foundation
import TaskModel

/// Plan directories and archives: what `list-plans`, `show-plan` and `archive-plan` read and write.
///
/// A plan directory is any directory holding a `tasks.json`; its summary comes from
/// `.tasks-meta.json` when `tasks plan` wrote one, else from `tasks.json` and `waves.json`.
/// An archive root holds `<tag>.tar.gz` files and `index.json`, one entry per archive.
public enum PlanCatalog {
    /// One plan, live or archived.
    public struct Summary: Codable, Sendable, Equatable {
        public var path: String
        public var archived: Bool
        public var tag: String?
        public var timestamp: String?
        public var source: PlanSource?
        public var features: Int?
        public var tasks: Int
        public var dependencies: Int
        /// Model → P50/P80/P95 hours, when the plan was estimated.
        public var estimates: [String: [String: Double]]
        public var executionModel: String?

        enum CodingKeys: String, CodingKey {
            case path, archived, tag, timestamp, source, features, tasks, dependencies, estimates
            case executionModel = "execution_model"
        }
    }

    /// The summary of the plan in `directory`.
    /// - Throws: `TasksError` exit 1 when there is no `tasks.json`, exit 5 when it does not decode.
    public static func summary(of directory: String) throws(TasksError) -> Summary {
        if let meta = PlanMetaFile.read(directory: directory) {
            return Summary(path: directory, archived: false, tag: meta.tag, timestamp: meta.timestamp, source: meta.source,
                           features: meta.summary.features, tasks: meta.summary.tasks, dependencies: meta.summary.dependencies,
                           estimates: meta.summary.estimates, executionModel: meta.settings.executionModel)
        }
        let loaded = try PlanLoader.load(path: directory)
        return Summary(path: directory, archived: false, tag: nil, timestamp: loaded.document.generated?.timestamp, source: nil,
                       features: loaded.features?.features.count, tasks: loaded.document.tasks.count,
                       dependencies: loaded.document.dependencies.count, estimates: estimates(loaded.waves),
                       executionModel: loaded.document.meta.executionModel)
    }

    /// Model → `p50_hours`/`p80_hours`/`p95_hours` of the makespan, from `waves.json`.
    public static func estimates(_ waves: WavesDocument?) -> [String: [String: Double]] {
        var out: [String: [String: Double]] = [:]
        if let c = waves?.executionModels.waveBased?.estimatedCompletion {
            out["wave_based"] = ["p50_hours": c.p50Hours, "p80_hours": c.p80Hours, "p95_hours": c.p95Hours]
        }
        if let c = waves?.executionModels.rollingFrontier?.estimatedCompletionTime {
            out["rolling_frontier"] = ["p50_hours": c.p50Hours, "p80_hours": c.p80Hours ?? c.p50Hours, "p95_hours": c.p95Hours]
        }
        return out
    }

    /// A few lines for a terminal: what `show-plan` prints and `--interactive` shows.
    public static func describe(_ s: Summary) -> String {
        var lines = ["plan: \(s.path)\(s.tag.map { " (tag \($0))" } ?? "")"]
        if let t = s.timestamp { lines.append("generated: \(t)") }
        if let src = s.source { lines.append("source: \(src.kind) \(src.name)") }
        lines.append("tasks: \(s.tasks), dependencies: \(s.dependencies)" + (s.features.map { ", features: \($0)" } ?? ""))
        if let m = s.executionModel { lines.append("execution model: \(m)") }
        for (model, e) in s.estimates.sorted(by: { $0.key < $1.key }) {
            lines.append("\(model): P50 \(hours(e["p50_hours"])), P80 \(hours(e["p80_hours"])), P95 \(hours(e["p95_hours"]))")
        }
        if s.estimates.isEmpty { lines.append("not estimated (no waves.json)") }
        return lines.joined(separator: "\n")
    }

    static func hours(_ x: Double?) -> String { x.map(HoursFormat.text) ?? "—" }

    /// Plan directories under `root` (itself included), at most `depth` levels down, sorted by path.
    public static func livePlans(under root: String, depth: Int = 4) -> [Summary] {
        var out: [Summary] = []
        func visit(_ dir: String, _ level: Int) {
            if FileManager.default.fileExists(atPath: (dir as NSString).appendingPathComponent("tasks.json")),
               let s = try? summary(of: dir) {
                out.append(s)
            }
            guard level < depth, let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return }
            for name in names.sorted() where !name.hasPrefix(".") && name != "checkpoints" {
                let path = (dir as NSString).appendingPathComponent(name)
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { visit(path, level + 1) }
            }
        }
        visit(root, 0)
        return out
    }
}
