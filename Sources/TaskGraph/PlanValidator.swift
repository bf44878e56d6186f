import TaskModel

/// The spec's validation rules: eight hard fails and the quality-metric warnings.
///
/// `validate` never throws for a rule; it reports every finding, so one run shows a plan's author
/// all that is wrong. Structural errors that stop analysis (unreadable file, unknown task ids,
/// bad durations) are thrown earlier by `PlanLoader`/`ResolvedPlan`; a remaining cycle is reported
/// here as hard fail 1 with exit 3. The exit code of a report is 3 when a cycle is among the hard
/// fails, else 5 when any hard fail exists, else 0.
public enum PlanValidator {
    /// One finding: the rule, a one-line message naming the file and the task or edge, its exit code.
    public struct Finding: Codable, Sendable, Equatable {
        public var rule: String
        public var message: String
        public var exitCode: Int32

        public init(rule: String, message: String, exitCode: Int32) {
            self.rule = rule
            self.message = message
            self.exitCode = exitCode
        }
    }

    /// All findings for one plan.
    public struct Report: Codable, Sendable, Equatable {
        public var file: String
        public var ok: Bool
        public var exitCode: Int32
        public var hardFails: [Finding]
        public var warnings: [Finding]
        public var metrics: DagDocument.Metrics?
    }

    /// Quality thresholds from the spec.
    public static let edgeDensityRange = 0.05...0.5
    public static let verbFirstMinimum = 0.8
    public static let evidenceCoverageMinimum = 0.95

    public static func validate(_ loaded: LoadedPlan, minConfidence: Double, timestamp: String) throws(TasksError) -> Report {
        let file = loaded.sourceName
        let plan = try ResolvedPlan(loaded.document, sourceName: file)
        var hard: [Finding] = []
        var warnings: [Finding] = plan.warnings.map { Finding(rule: "durations", message: $0, exitCode: 0) }
        func fail(_ rule: String, _ message: String, _ code: ExitStatus = .invalidPlan) {
            hard.append(Finding(rule: rule, message: "\(file): \(message)", exitCode: code.rawValue))
        }
        func warn(_ rule: String, _ message: String) {
            warnings.append(Finding(rule: rule, message: "\(file): \(message)", exitCode: 0))
        }

        var metrics: DagDocument.Metrics?
        var graph: TaskGraph?
        do {
            let g = try TaskGraph(plan, minConfidence: minConfidence)
            graph = g
            let dag = DagReport.document(for: g, timestamp: timestamp)
            metrics = dag.metrics
            for w in dag.warnings where w.hasPrefix("cycle ") { warn("cycle_broken", w) }
        } catch {
            hard.append(Finding(rule: "cycles", message: error.message, exitCode: error.status.rawValue))
        }

        let tasks = loaded.document.tasks
        let deps = loaded.document.dependencies
        let resources = loaded.document.meta.codebaseAnalysis?.sharedResources ?? [:]

        // 2. Resource edges without mutex type.
        for edge in deps {
            if let name = edge.sharedResource, edge.type != .mutualExclusion, edge.type != .resourceLimited {
                fail("resource_edge_type", "edge \(edge.label) names shared resource \(name) but has type "
                    + "\(edge.type.rawValue), not mutual_exclusion or resource_limited")
            }
            if edge.type == .mutualExclusion, loaded.document.meta.codebaseAnalysis != nil {
                if let name = edge.sharedResource, resources[name] == nil {
                    fail("resource_edge_type", "mutual_exclusion edge \(edge.label) names undeclared resource \(name)")
                } else if edge.sharedResource == nil {
                    fail("resource_edge_type", "mutual_exclusion edge \(edge.label) names no shared_resource")
                }
            }
        }
        // 3. Task boundaries.
        for task in tasks {
            let missing = missingBoundaries(task)
            if !missing.isEmpty {
                fail("boundaries", "task \(task.id) lacks boundaries: \(missing.joined(separator: ", "))")
            }
        }
        // 4. Duration estimates on at least half the tasks.
        let estimated = tasks.filter { $0.duration != nil }.count
        if Double(estimated) < 0.5 * Double(tasks.count) {
            fail("durations", "only \(estimated) of \(tasks.count) tasks have duration estimates (at least 50% required)")
        }
        // 5. Evidence: a plan without any evidence on its tasks or its dependencies.
        let tasksWithEvidence = tasks.filter { !($0.sourceEvidence ?? []).isEmpty }
        let depsWithEvidence = deps.filter { !($0.evidence ?? []).isEmpty }
        if tasksWithEvidence.isEmpty {
            fail("evidence", "no task carries source_evidence (e.g. task \(tasks[0].id))")
        }
        if !deps.isEmpty && depsWithEvidence.isEmpty {
            fail("evidence", "no dependency carries evidence (e.g. edge \(deps[0].label))")
        }
        // 6. Machine-verifiable acceptance checks.
        for task in tasks where !(task.acceptanceChecks ?? []).contains(where: \.isMachineVerifiable) {
            fail("acceptance_checks", "task \(task.id) has no machine-verifiable acceptance check")
        }
        // 7. Secrets in evidence quotes.
        for task in tasks {
            for quote in (task.sourceEvidence ?? []).map(\.quote) {
                if let finding = SecretScanner.findings(in: quote).first {
                    fail("secrets", "task \(task.id): evidence quote exposes a \(finding.kind)")
                }
            }
        }
        for edge in deps {
            for text in (edge.evidence ?? []).compactMap({ $0.quote ?? $0.reason }) {
                if let finding = SecretScanner.findings(in: text).first {
                    fail("secrets", "edge \(edge.label): evidence exposes a \(finding.kind)")
                }
            }
        }
        for feature in loaded.features?.features ?? [] {
            for quote in (feature.sourceEvidence ?? []).map(\.quote) where !SecretScanner.findings(in: quote).isEmpty {
                fail("secrets", "feature \(feature.id): evidence quote exposes a secret")
            }
        }
        // 8. Codebase analysis.
        if loaded.document.meta.codebaseAnalysis == nil {
            fail("codebase_analysis", "meta.codebase_analysis is missing")
        }

        // Quality metrics.
        if let m = metrics {
            if m.nodes > 1 && !edgeDensityRange.contains(m.edgeDensity) {
                warn("edge_density", "edge density \(m.edgeDensity) is outside \(edgeDensityRange.lowerBound)-\(edgeDensityRange.upperBound)")
            }
            if m.verbFirstPct < verbFirstMinimum {
                let offenders = tasks.filter { TitleAnalysis.verbFirstFraction([$0.title ?? ""]) == 0 }.prefix(3).map(\.id)
                warn("verb_first", "verb-first titles \(percent(m.verbFirstPct)) < 80% "
                    + "(e.g. \(offenders.joined(separator: ", ")))")
            }
        }
        let evidenced = tasksWithEvidence.count + depsWithEvidence.count
        let total = tasks.count + deps.count
        if total > 0 && Double(evidenced) < evidenceCoverageMinimum * Double(total) {
            let lacking = (tasks.filter { ($0.sourceEvidence ?? []).isEmpty }.map { "task \($0.id)" }
                + deps.filter { ($0.evidence ?? []).isEmpty }.map { "edge \($0.label)" }).prefix(3)
            warn("evidence_coverage", "evidence coverage \(percent(Double(evidenced) / Double(total))) "
                + "< 95% (e.g. \(lacking.joined(separator: ", ")))")
        }
        if let graph {
            for message in unresolvedConflicts(loaded.document, graph: graph) { warn("resource_conflicts", message) }
        }

        let code: Int32 = hard.contains { $0.exitCode == ExitStatus.cyclicDependencies.rawValue }
            ? ExitStatus.cyclicDependencies.rawValue : (hard.isEmpty ? 0 : ExitStatus.invalidPlan.rawValue)
        return Report(file: file, ok: hard.isEmpty, exitCode: code, hardFails: hard, warnings: warnings, metrics: metrics)
    }

    /// A share as a percentage with one decimal, rounded down so a value below a threshold never
    /// prints as the threshold itself.
    static func percent(_ share: Double) -> String {
        let tenths = (share * 1000).rounded(.down) / 10
        return tenths == tenths.rounded() ? "\(Int(tenths))%" : "\(tenths)%"
    }

    static func missingBoundaries(_ task: TaskSpec) -> [String] {
        var missing: [String] = []
        if (task.boundaries?.expectedComplexity?.value ?? "").isEmpty { missing.append("expected_complexity") }
        if (task.boundaries?.definitionOfDone?.criteria ?? []).isEmpty { missing.append("definition_of_done") }
        let scope = task.boundaries?.scope
        if (scope?.includes ?? []).isEmpty && (scope?.excludes ?? []).isEmpty && (scope?.restrictions ?? "").isEmpty {
            missing.append("scope")
        }
        let logging = task.executionGuidance?.logging
        if logging == nil || [logging?.onStart, logging?.onProgress, logging?.onCompletion].allSatisfy({ ($0 ?? "").isEmpty }) {
            missing.append("logging")
        }
        return missing
    }

    /// Exclusive resources held by several tasks that are neither ordered by the DAG nor named in
    /// `resource_conflicts`: the spec asks for a resolution strategy for each.
    static func unresolvedConflicts(_ document: PlanDocument, graph: TaskGraph) -> [String] {
        let usage = ResourceUsage(plan: graph.plan)
        var messages: [String] = []
        for resource in graph.plan.resources where resource.kind == .exclusive {
            let holders = (usage.holders[resource.name] ?? []).map(\.task)
            guard holders.count > 1, document.resourceConflicts?[resource.name] == nil else { continue }
            let ordered = Set(graph.edges.filter { $0.type == .mutualExclusion && $0.sharedResource == resource.name }
                .flatMap { [$0.from, $0.to] })
            let unordered = holders.map { graph.plan.ids[$0] }.filter { !ordered.contains($0) }
            if unordered.count > 1 || (unordered.count == 1 && !ordered.isEmpty) {
                messages.append("exclusive resource \(resource.name) is shared by \(holders.count) tasks with no "
                    + "resolution (no resource_conflicts entry, no mutual_exclusion ordering for "
                    + "\(unordered.prefix(3).joined(separator: ", ")))")
            }
        }
        return messages
    }
}
