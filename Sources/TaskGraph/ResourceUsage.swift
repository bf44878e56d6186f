import Foundation
import TaskModel

/// Static demand on each shared resource: who needs it, how many units, for how long (most
/// likely), and the lower bound on the makespan that demand implies.
///
/// A resource of capacity c carrying unit-hours D cannot finish its work in less than D / c hours,
/// whatever the scheduler does; when that bound approaches the critical path the resource, not
/// the dependencies, sets the pace. That comparison is what `resource_bottlenecks` reports.
public struct ResourceUsage: Sendable {
    /// Per resource (sorted by name): holders with their units.
    public let holders: [String: [(task: Int, units: Int)]]
    public let plan: ResolvedPlan

    public init(plan: ResolvedPlan) {
        self.plan = plan
        var holders: [String: [(task: Int, units: Int)]] = [:]
        for (i, task) in plan.document.tasks.enumerated() {
            let demand = task.resourceRequirements?.estimated
            for name in Set(demand?.exclusiveResources ?? []) { holders[name, default: []].append((i, 1)) }
            for (name, units) in demand?.sharedResources ?? [:] where units > 0 {
                holders[name, default: []].append((i, units))
            }
        }
        self.holders = holders
    }

    /// Tasks needing at least one shared resource.
    public var constrainedTaskCount: Int { Set(holders.values.flatMap { $0.map(\.task) }).count }

    public func capacity(of name: String) -> Int { plan.resources.first { $0.name == name }?.capacity ?? 1 }

    /// Unit-hours of most-likely work on `name` divided by its capacity: a makespan lower bound.
    public func boundHours(_ name: String) -> Double {
        let demand = (holders[name] ?? []).reduce(0.0) { $0 + Double($1.units) * plan.durations[$1.task].mostLikely }
        return demand / Double(max(capacity(of: name), 1))
    }

    func utilization(criticalPathHours: Double, waves: Int) -> [String: DagDocument.ResourceUtilization] {
        var out: [String: DagDocument.ResourceUtilization] = [:]
        for name in holders.keys.sorted() {
            let list = holders[name]!
            let cap = capacity(of: name)
            let units = list.reduce(0.0) { $0 + Double($1.units) }
            let wavesRequired = Int((units / Double(max(cap, 1))).rounded(.up))
            let bound = boundHours(name)
            let share = criticalPathHours > 0 ? bound / criticalPathHours : 0
            let kind = plan.resources.first { $0.name == name }?.kind ?? .exclusive
            let text = "\(HoursFormat.text(bound)) of serialised work per unit vs \(HoursFormat.text(criticalPathHours)) "
                + String(format: "critical path (%.0f%%)", share * 100)
            out[name] = DagDocument.ResourceUtilization(
                totalTasks: list.count, capacity: cap, wavesRequired: wavesRequired,
                serializationImpact: kind == .exclusive ? text : nil,
                utilization: kind == .sharedLimited ? text : nil)
        }
        return out
    }

    /// Resources whose lower bound reaches half the critical path, most binding first.
    func bottlenecks(criticalPathHours: Double) -> [DagDocument.ResourceBottleneck] {
        guard criticalPathHours > 0 else { return [] }
        var ranked: [(name: String, bound: Double)] = holders.keys.map { ($0, boundHours($0)) }
        ranked = ranked.filter { $0.bound >= 0.5 * criticalPathHours }
        ranked.sort { $0.bound != $1.bound ? $0.bound > $1.bound : $0.name < $1.name }
        return ranked.map { entry in bottleneck(entry.name, bound: entry.bound, criticalPathHours: criticalPathHours) }
    }

    private func bottleneck(_ name: String, bound: Double, criticalPathHours: Double) -> DagDocument.ResourceBottleneck {
        let kind = plan.resources.first { $0.name == name }?.kind ?? .exclusive
        let cap = capacity(of: name)
        let mitigation: String
        if kind == .exclusive {
            mitigation = "\(HoursFormat.text(bound)) of exclusive work; combine or shorten holders, or split the resource"
        } else {
            let withOneMore = bound * Double(cap) / Double(cap + 1)
            mitigation = "\(HoursFormat.text(bound)) at capacity \(cap); one more unit lowers the bound to "
                + HoursFormat.text(withOneMore)
        }
        let affected = holders[name, default: []].map { plan.ids[$0.task] }.sorted()
        return DagDocument.ResourceBottleneck(
            resource: name, impact: bound > criticalPathHours ? "critical_path_extension" : "throughput_limit",
            affectedTasks: affected, mitigation: mitigation)
    }
}
