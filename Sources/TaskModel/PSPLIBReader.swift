import Foundation

/// Reads PSPLIB single-mode RCPSP instances (`.sm`) as plans, so the scheduler-quality figures of
/// the literature can be reproduced with `tasks simulate`.
///
/// Jobs become tasks `J002`…`J(n-1)` (zero-padded so that id order is job order, the tie-break the
/// reference heuristics use); the dummy source and sink are dropped. Durations are fixed and
/// unit-free, read as hours. The renewable resources `R1`…`R4` become `shared_limited` pools with
/// the instance's availabilities.
public enum PSPLIBReader {
    static func plan(from text: String, name: String) throws(TasksError) -> LoadedPlan {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func fail(_ message: String) -> TasksError { TasksError(.invalidPlan, "\(name): \(message)") }
        func section(_ header: String) -> [[Int]]? {
            guard let start = lines.firstIndex(where: { $0.hasPrefix(header) }) else { return nil }
            var rows: [[Int]] = []
            for line in lines[(start + 1)...] {
                if line.hasPrefix("*") { break }
                let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
                let numbers = fields.compactMap { Int($0) }
                if !numbers.isEmpty, numbers.count == fields.count { rows.append(numbers) }
            }
            return rows
        }
        guard let precedence = section("PRECEDENCE RELATIONS:"),
              let requests = section("REQUESTS/DURATIONS:"),
              let availability = section("RESOURCEAVAILABILITIES:")?.first,
              !precedence.isEmpty, precedence.count == requests.count
        else { throw fail("not a PSPLIB single-mode .sm instance") }

        let jobCount = precedence.count
        func taskID(_ job: Int) -> String { "J" + String(repeating: "0", count: max(0, 3 - String(job).count)) + String(job) }
        func isDummy(_ job: Int) -> Bool { job == 1 || job == jobCount }
        let resourceNames = (1...availability.count).map { "R\($0)" }

        var tasks: [TaskSpec] = []
        for row in requests where row.count >= 3 + availability.count && !isDummy(row[0]) {
            let d = Double(row[2])
            var task = TaskSpec(id: taskID(row[0]), title: "Run job \(row[0])",
                                duration: DurationEstimate(optimistic: d, mostLikely: d, pessimistic: d, distribution: .fixed),
                                durationUnits: .hours)
            var shared: [String: Int] = [:]
            for (k, r) in resourceNames.enumerated() where row[3 + k] > 0 { shared[r] = row[3 + k] }
            task.resourceRequirements = .init(estimated: .init(sharedResources: shared.isEmpty ? nil : shared))
            tasks.append(task)
        }
        var dependencies: [Dependency] = []
        for row in precedence where row.count >= 3 && !isDummy(row[0]) {
            for successor in row.dropFirst(3) where !isDummy(successor) {
                dependencies.append(Dependency(from: taskID(row[0]), to: taskID(successor), type: .technical))
            }
        }
        var pools: [String: SharedResource] = [:]
        for (k, r) in resourceNames.enumerated() {
            pools[r] = SharedResource(type: .sharedLimited, capacity: availability[k], reason: "PSPLIB renewable resource")
        }
        let meta = PlanMeta(executionModel: "rolling_frontier", minConfidence: 0.7,
                            resourceLimits: ResourceLimits(maxConcurrentTasks: max(1, tasks.count)),
                            codebaseAnalysis: CodebaseAnalysis(sharedResources: pools))
        let document = PlanDocument(meta: meta, tasks: tasks, dependencies: dependencies)
        return LoadedPlan(document: document, sourceName: name)
    }
}
