import Foundation
import TaskModel

/// `diff-plan A B`: what changed between two plans — tasks and edges added, removed or changed
/// (with the fields that differ), and the estimate deltas of each model.
public struct PlanDiff: Codable, Sendable, Equatable {
    public var tasksAdded: [String]
    public var tasksRemoved: [String]
    /// Task id → the `tasks.json` fields that differ (`contentHash` ignored).
    public var tasksChanged: [String: [String]]
    public var edgesAdded: [String]
    public var edgesRemoved: [String]
    /// `from -> to` → what changed (`type`, `confidence 0.9 -> 0.5`, `isHard`).
    public var edgesChanged: [String: [String]]
    /// Model → quantile → [A, B] hours.
    public var estimates: [String: [String: [Double]]]

    enum CodingKeys: String, CodingKey {
        case estimates
        case tasksAdded = "tasks_added"
        case tasksRemoved = "tasks_removed"
        case tasksChanged = "tasks_changed"
        case edgesAdded = "edges_added"
        case edgesRemoved = "edges_removed"
        case edgesChanged = "edges_changed"
    }

    /// Whether the plans differ in any task, edge or estimate.
    public var differs: Bool {
        !(tasksAdded.isEmpty && tasksRemoved.isEmpty && tasksChanged.isEmpty && edgesAdded.isEmpty && edgesRemoved.isEmpty
            && edgesChanged.isEmpty) || estimates.values.contains { $0.values.contains { $0.count == 2 && $0[0] != $0[1] } }
    }

    public init(_ a: LoadedPlan, _ b: LoadedPlan) throws(TasksError) {
        func tasks(_ p: LoadedPlan) throws(TasksError) -> [String: [String: JSONValue]] {
            var out: [String: [String: JSONValue]] = [:]
            for t in p.document.tasks {
                var spec = t
                spec.contentHash = nil
                guard case .object(let fields)? = try? JSONValue(encoding: spec) else {
                    throw TasksError(.invalidPlan, "\(p.sourceName): task \(t.id) cannot be encoded")
                }
                out[t.id] = fields
            }
            return out
        }
        let ta = try tasks(a), tb = try tasks(b)
        tasksAdded = tb.keys.filter { ta[$0] == nil }.sorted()
        tasksRemoved = ta.keys.filter { tb[$0] == nil }.sorted()
        var changed: [String: [String]] = [:]
        for (id, fa) in ta {
            guard let fb = tb[id] else { continue }
            let keys = Set(fa.keys).union(fb.keys).filter { fa[$0] != fb[$0] }.sorted()
            if !keys.isEmpty { changed[id] = keys }
        }
        tasksChanged = changed

        func edges(_ p: LoadedPlan) -> [String: Dependency] {
            Dictionary(p.document.dependencies.map { ($0.label, $0) }, uniquingKeysWith: { x, _ in x })
        }
        let ea = edges(a), eb = edges(b)
        edgesAdded = eb.keys.filter { ea[$0] == nil }.sorted()
        edgesRemoved = ea.keys.filter { eb[$0] == nil }.sorted()
        var edgeChanges: [String: [String]] = [:]
        for (label, x) in ea {
            guard let y = eb[label] else { continue }
            var what: [String] = []
            if x.type != y.type { what.append("type \(x.type.rawValue) -> \(y.type.rawValue)") }
            if x.confidence != y.confidence { what.append("confidence \(x.confidence) -> \(y.confidence)") }
            if x.isHard != y.isHard { what.append("isHard \(x.isHard) -> \(y.isHard)") }
            if x.sharedResource != y.sharedResource { what.append("shared_resource \(x.sharedResource ?? "none") -> \(y.sharedResource ?? "none")") }
            if !what.isEmpty { edgeChanges[label] = what }
        }
        edgesChanged = edgeChanges

        let fa = PlanCatalog.estimates(a.waves), fb = PlanCatalog.estimates(b.waves)
        var estimates: [String: [String: [Double]]] = [:]
        for model in Set(fa.keys).intersection(fb.keys) {
            for (q, x) in fa[model]! { if let y = fb[model]![q] { estimates[model, default: [:]][q] = [x, y] } }
        }
        self.estimates = estimates
    }

    /// The diff as text, `diff`-style: `+` added, `-` removed, `~` changed.
    public func text(_ a: String, _ b: String) -> String {
        var lines = ["--- \(a)", "+++ \(b)"]
        lines += tasksRemoved.map { "- task \($0)" }
        lines += tasksAdded.map { "+ task \($0)" }
        lines += tasksChanged.sorted { $0.key < $1.key }.map { "~ task \($0.key): \($0.value.joined(separator: ", "))" }
        lines += edgesRemoved.map { "- edge \($0)" }
        lines += edgesAdded.map { "+ edge \($0)" }
        lines += edgesChanged.sorted { $0.key < $1.key }.map { "~ edge \($0.key): \($0.value.joined(separator: "; "))" }
        for (model, qs) in estimates.sorted(by: { $0.key < $1.key }) {
            for (q, v) in qs.sorted(by: { $0.key < $1.key }) where v[0] != v[1] {
                let delta = v[1] - v[0]
                let percent = v[0] > 0 ? String(format: " (%+.1f%%)", delta / v[0] * 100) : ""
                lines.append("~ estimate \(model) \(q.replacingOccurrences(of: "_hours", with: "").uppercased()): "
                    + "\(HoursFormat.text(v[0])) -> \(HoursFormat.text(v[1]))\(percent)")
            }
        }
        lines.append("tasks: +\(tasksAdded.count) -\(tasksRemoved.count) ~\(tasksChanged.count); edges: +\(edgesAdded.count) "
            + "-\(edgesRemoved.count) ~\(edgesChanged.count)")
        return lines.joined(separator: "\n")
    }
}
