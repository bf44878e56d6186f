import TaskModel

/// The spec's auto-normalisation of a draft plan: tasks longer than 16 h are split into parts
/// `a`, `b`, … chained in order, runs of adjacent tiny tasks (under 0.5 h) of one feature are
/// merged, and secrets in evidence quotes become `[REDACTED]`. Every action is recorded, in
/// `meta.autonormalization` and in `actions` for Plan.md and Decisions.md.
///
/// Durations are compared in hours (most likely, `days` at `meta.working_hours_per_day`).
public enum Normalizer {
    public static let splitAboveHours = 16.0
    public static let mergeBelowHours = 0.5

    /// What normalisation did.
    public struct Result: Sendable {
        public var document: PlanDocument
        public var features: FeaturesDocument?
        public var splits: [Split]
        public var merges: [Merge]
        /// Evidence quotes or reasons in which a secret was replaced: "task P1.T003", "edge A -> B".
        public var redactions: [String]
    }

    /// One task split into consecutive parts.
    public struct Split: Sendable, Equatable {
        public var task: String
        public var parts: [String]
        public var mostLikelyHours: Double
    }

    /// Tiny tasks merged into the first of them.
    public struct Merge: Sendable, Equatable {
        public var tasks: [String]
        public var into: String
        public var mostLikelyHours: Double
    }

    public static func normalize(_ document: PlanDocument, features: FeaturesDocument?) -> Result {
        var doc = document
        var redactions: [String] = []
        redactSecrets(&doc, features: features, log: &redactions)
        var features = features
        if var f = features {
            for i in f.features.indices {
                let before = f.features[i].sourceEvidence
                f.features[i].sourceEvidence = before.map(redacted)
                if f.features[i].sourceEvidence != before { redactions.append("feature \(f.features[i].id)") }
            }
            features = f
        }
        let hoursPerDay = doc.meta.workingHoursPerDay ?? 8
        let splits = split(&doc, hoursPerDay: hoursPerDay)
        let merges = merge(&doc, hoursPerDay: hoursPerDay)
        var record = doc.meta.autonormalization ?? Autonormalization()
        record.split += splits.map { "\($0.task)->\($0.parts.joined(separator: ",")) (>16h: \(hoursText($0.mostLikelyHours)))" }
        record.merged += merges.map { "\($0.tasks.joined(separator: ",")) (<0.5h each, \(hoursText($0.mostLikelyHours)) combined)" }
        doc.meta.autonormalization = record
        return Result(document: doc, features: features, splits: splits, merges: merges, redactions: redactions)
    }

    static func hoursText(_ h: Double) -> String { HoursFormat.text(h) }

    // MARK: - Secrets

    static func redacted(_ evidence: [SourceEvidence]) -> [SourceEvidence] {
        evidence.map { var e = $0; e.quote = SecretScanner.redacted(e.quote); return e }
    }

    static func redactSecrets(_ doc: inout PlanDocument, features: FeaturesDocument?, log: inout [String]) {
        for i in doc.tasks.indices {
            let before = doc.tasks[i].sourceEvidence
            doc.tasks[i].sourceEvidence = before.map(redacted)
            if doc.tasks[i].sourceEvidence != before { log.append("task \(doc.tasks[i].id)") }
        }
        for k in doc.dependencies.indices {
            let before = doc.dependencies[k].evidence
            doc.dependencies[k].evidence = before?.map {
                var e = $0
                e.quote = e.quote.map(SecretScanner.redacted)
                e.reason = e.reason.map(SecretScanner.redacted)
                return e
            }
            doc.dependencies[k].reason = doc.dependencies[k].reason.map(SecretScanner.redacted)
            if doc.dependencies[k].evidence != before { log.append("edge \(doc.dependencies[k].label)") }
        }
    }

    // MARK: - Splits

    static func hours(_ task: TaskSpec, _ hoursPerDay: Double) -> Double? {
        guard let d = task.duration else { return nil }
        return d.mostLikely * (task.durationUnits ?? .hours).hours(workingHoursPerDay: hoursPerDay)
    }

    /// Splits each task whose most likely duration exceeds 16 h into ⌈m / 16⌉ equal parts; the
    /// first part takes the incoming edges, the last the outgoing ones, and `sequential` edges of
    /// confidence 1 chain the parts. Every part keeps the task's resources, boundaries and checks.
    static func split(_ doc: inout PlanDocument, hoursPerDay: Double) -> [Split] {
        var splits: [Split] = []
        var tasks: [TaskSpec] = []
        var chain: [Dependency] = []
        var first: [String: String] = [:], last: [String: String] = [:]
        let taken = Set(doc.tasks.map(\.id))
        for task in doc.tasks {
            guard let h = hours(task, hoursPerDay), h > splitAboveHours, let d = task.duration else {
                tasks.append(task)
                continue
            }
            let count = min(Int((h / splitAboveHours).rounded(.up)), 26)
            var ids = (0..<count).map { task.id + String(UnicodeScalar(UInt8(97 + $0))) }
            if ids.contains(where: taken.contains) { ids = (0..<count).map { "\(task.id).part\($0 + 1)" } }
            for (k, id) in ids.enumerated() {
                var part = task
                part.id = id
                part.title = task.title.map { "\($0) (part \(k + 1) of \(count))" }
                part.duration = DurationEstimate(optimistic: d.optimistic / Double(count), mostLikely: d.mostLikely / Double(count),
                                                 pessimistic: d.pessimistic / Double(count), distribution: d.distribution,
                                                 lambda: d.lambda)
                part.contentHash = nil
                tasks.append(part)
                if k > 0 {
                    chain.append(Dependency(from: ids[k - 1], to: id, type: .sequential,
                        reason: "auto-normalisation: \(task.id) split at \(HoursFormat.text(splitAboveHours)); parts run in order",
                        evidence: [DependencyEvidence(type: "normalization", reason: "split of \(task.id)", confidence: 1)],
                        confidence: 1, isHard: true))
                }
            }
            first[task.id] = ids[0]
            last[task.id] = ids[count - 1]
            splits.append(Split(task: task.id, parts: ids, mostLikelyHours: h))
        }
        guard !splits.isEmpty else { return [] }
        doc.tasks = tasks
        doc.dependencies = doc.dependencies.map { edge in
            var e = edge
            e.from = last[edge.from] ?? edge.from
            e.to = first[edge.to] ?? edge.to
            return e
        } + chain
        rename(&doc, using: { last[$0] ?? $0 })
        return splits
    }

    /// Rewrites task ids named in `resource_conflicts` and `avoid_concurrent_with`.
    static func rename(_ doc: inout PlanDocument, using map: (String) -> String) {
        if var conflicts = doc.resourceConflicts {
            for key in conflicts.keys {
                conflicts[key]!.tasks = unique(conflicts[key]!.tasks.map(map))
                conflicts[key]!.suggestedOrder = conflicts[key]!.suggestedOrder.map { unique($0.map(map)) }
            }
            doc.resourceConflicts = conflicts
        }
        for i in doc.tasks.indices {
            let own = doc.tasks[i].id
            let avoid = doc.tasks[i].schedulingHints?.avoidConcurrentWith
            doc.tasks[i].schedulingHints?.avoidConcurrentWith = avoid.map { unique($0.map(map)).filter { $0 != own } }
        }
    }

    static func unique(_ xs: [String]) -> [String] {
        var seen = Set<String>()
        return xs.filter { seen.insert($0).inserted }
    }
}
