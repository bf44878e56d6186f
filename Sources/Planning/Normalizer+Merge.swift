import TaskModel

extension Normalizer {
    /// Merges runs of adjacent tasks (file order) of one feature that each take under 0.5 h,
    /// until the run reaches 0.5 h. A task joins a run only when no dependency path leaves the run
    /// and comes back through another task, so merging never creates a cycle.
    static func merge(_ doc: inout PlanDocument, hoursPerDay: Double) -> [Merge] {
        let tasks = doc.tasks
        func tiny(_ t: TaskSpec) -> Double? {
            guard let h = hours(t, hoursPerDay), h < mergeBelowHours else { return nil }
            return h
        }
        var successors: [String: [String]] = [:]
        for e in doc.dependencies { successors[e.from, default: []].append(e.to) }

        var groups: [[Int]] = []
        var i = 0
        while i < tasks.count {
            guard var total = tiny(tasks[i]) else { i += 1; continue }
            var group = [i]
            var j = i + 1
            while j < tasks.count, total < mergeBelowHours, let h = tiny(tasks[j]),
                  tasks[j].featureID == tasks[i].featureID,
                  !leavesAndReturns(Set((group + [j]).map { tasks[$0].id }), successors) {
                group.append(j)
                total += h
                j += 1
            }
            if group.count > 1 { groups.append(group) }
            i = group.last! + 1
        }
        guard !groups.isEmpty else { return [] }

        var into: [String: String] = [:]
        var merged: [Int: TaskSpec] = [:]
        var dropped = Set<Int>()
        var merges: [Merge] = []
        for group in groups {
            let parts = group.map { tasks[$0] }
            let combined = combine(parts, hoursPerDay: hoursPerDay)
            merged[group[0]] = combined
            for k in group.dropFirst() { dropped.insert(k) }
            for p in parts { into[p.id] = combined.id }
            merges.append(Merge(tasks: parts.map(\.id), into: combined.id,
                                mostLikelyHours: combined.duration?.mostLikely ?? 0))
        }
        doc.tasks = tasks.indices.filter { !dropped.contains($0) }.map { merged[$0] ?? tasks[$0] }
        var byKey: [String: Int] = [:]
        var edges: [Dependency] = []
        for edge in doc.dependencies {
            var e = edge
            e.from = into[edge.from] ?? edge.from
            e.to = into[edge.to] ?? edge.to
            guard e.from != e.to else { continue }
            let key = "\(e.from)\u{0}\(e.to)\u{0}\(e.type.rawValue)"
            if let k = byKey[key] {
                if e.confidence > edges[k].confidence { edges[k] = e }
            } else {
                byKey[key] = edges.count
                edges.append(e)
            }
        }
        doc.dependencies = edges
        rename(&doc, using: { into[$0] ?? $0 })
        return merges
    }

    /// Whether some path starts in `group`, passes through a task outside it and re-enters it.
    static func leavesAndReturns(_ group: Set<String>, _ successors: [String: [String]]) -> Bool {
        var stack = group.flatMap { successors[$0] ?? [] }.filter { !group.contains($0) }
        var seen = Set(stack)
        while let u = stack.popLast() {
            for v in successors[u] ?? [] {
                if group.contains(v) { return true }
                if seen.insert(v).inserted { stack.append(v) }
            }
        }
        return false
    }

    /// One task doing the work of `parts`: durations summed (in hours), lists concatenated,
    /// resources the union (pools and cores at their maximum).
    static func combine(_ parts: [TaskSpec], hoursPerDay: Double) -> TaskSpec {
        var t = parts[0]
        func inHours(_ p: TaskSpec) -> DurationEstimate {
            let d = p.duration!
            let f = (p.durationUnits ?? .hours).hours(workingHoursPerDay: hoursPerDay)
            return DurationEstimate(optimistic: d.optimistic * f, mostLikely: d.mostLikely * f, pessimistic: d.pessimistic * f)
        }
        let ds = parts.map(inHours)
        t.duration = DurationEstimate(optimistic: ds.map(\.optimistic).reduce(0, +), mostLikely: ds.map(\.mostLikely).reduce(0, +),
                                      pessimistic: ds.map(\.pessimistic).reduce(0, +))
        t.durationUnits = .hours
        t.title = parts.compactMap(\.title).joined(separator: "; ")
        t.description = parts.compactMap(\.description).joined(separator: " ")
        t.contentHash = nil
        func union<T: Equatable>(_ key: (TaskSpec) -> [T]?) -> [T]? {
            var out: [T] = []
            for p in parts { for x in key(p) ?? [] where !out.contains(x) { out.append(x) } }
            return out.isEmpty ? nil : out
        }
        t.sourceEvidence = union(\.sourceEvidence)
        t.acceptanceChecks = union(\.acceptanceChecks)
        t.interfacesProduced = union(\.interfacesProduced)
        t.interfacesConsumed = union(\.interfacesConsumed)
        t.skillsRequired = union(\.skillsRequired)
        t.boundaries?.definitionOfDone?.criteria = union { $0.boundaries?.definitionOfDone?.criteria }
        t.boundaries?.scope?.includes = union { $0.boundaries?.scope?.includes }
        t.boundaries?.scope?.excludes = union { $0.boundaries?.scope?.excludes }
        t.boundaries?.expectedComplexity?.value = parts.compactMap { $0.boundaries?.expectedComplexity?.value }
            .joined(separator: " + ")
        let demands = parts.compactMap { $0.resourceRequirements?.estimated }
        if !demands.isEmpty {
            var d = ResourceRequirements.Demand(
                cpuCores: demands.compactMap(\.cpuCores).max(), memoryMB: demands.compactMap(\.memoryMB).max(),
                exclusiveResources: union { $0.resourceRequirements?.estimated?.exclusiveResources })
            var pools: [String: Int] = [:]
            for demand in demands { for (k, v) in demand.sharedResources ?? [:] { pools[k] = max(pools[k] ?? 0, v) } }
            d.sharedResources = pools.isEmpty ? nil : pools
            if t.resourceRequirements == nil { t.resourceRequirements = ResourceRequirements() }
            t.resourceRequirements?.estimated = d
            t.resourceRequirements?.workerCapabilitiesRequired = union { $0.resourceRequirements?.workerCapabilitiesRequired }
        }
        if let top = parts.compactMap({ $0.schedulingHints?.priority }).max() {
            if t.schedulingHints == nil { t.schedulingHints = SchedulingHints() }
            t.schedulingHints?.priority = top
        }
        return t
    }
}
