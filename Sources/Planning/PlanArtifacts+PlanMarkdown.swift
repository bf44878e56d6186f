import Foundation
import MonteCarlo
import TaskGraph
import TaskModel

extension PlanArtifacts {
    /// How many task ids a list in the Markdown shows before "and N more".
    static let listLimit = 12

    static func list(_ ids: [String]) -> String {
        guard !ids.isEmpty else { return "none" }
        let shown = ids.prefix(listLimit).joined(separator: ", ")
        return ids.count > listLimit ? "\(shown) and \(ids.count - listLimit) more" : shown
    }

    static func h(_ x: Double) -> String { HoursFormat.text(x) }

    static func modelName(_ m: ExecutionModel) -> String { m == .waveBased ? "Wave-Based" : "Rolling Frontier" }

    /// `Plan.md`: the spec's sections, every figure taken from the graph and the estimate.
    public func planMarkdown() -> String {
        var md: [String] = []
        let rf = waves.executionModels.rollingFrontier
        let wb = waves.executionModels.waveBased
        let metrics = dag.metrics
        md.append("# Execution Plan\n")
        md.append("Source: \(prepared.source.kind) `\(prepared.source.name)` · \(document.tasks.count) tasks · "
            + "Monte Carlo: \(estimate.iterations) iterations, seed \(estimate.settings.seed) · generated \(timestamp)\n")
        // The charts are a separate command (they replay runs with traces); the link is valid once
        // it has been run, which `scripts/regen-reports.sh` does for the bundled examples.
        md.append("Charts: [report.html](report.html) (makespan histograms and S-curves, the Gantt chart of the run "
            + "closest to P50, utilization over time, criticality and sensitivity), written by "
            + "`tasks report <this directory> -o <this directory>/report.html`.\n")

        md.append("## Execution Strategy Recommendation: \(Self.modelName(decision.chosen))\n")
        md.append("### Why \(Self.modelName(decision.chosen))?")
        md += decision.reasons.map { "- \($0)" }
        if decision.chosen == .rollingFrontier, let rf {
            // The P50 comparison is already the first reason.
            md += rf.advantagesOverWaveBased.filter { !$0.contains("at P50") }.map { "- \($0)" }
        }
        md.append("")
        md.append("### System Resource Requirements")
        if let f = rf?.resourceUtilizationForecast {
            let limits = document.meta.resourceLimits
            if estimate.model(.rollingFrontier)?.averageCPUPercent == nil && estimate.model(.rollingFrontier)?.averageMemoryPercent == nil {
                // Without a CPU or memory capacity there is no percentage to report, only concurrency.
                md.append("- **Peak**: \(f.maxConcurrency) tasks at once (the plan sets no CPU or memory limit)")
                md.append(String(format: "- **Average**: %.2f tasks at once", f.averageConcurrency))
            } else {
                md.append(String(format: "- **Peak**: %.1f%% CPU, %.1f%% memory, %d tasks at once", f.peakCPUPercent,
                                 f.peakMemoryPercent, f.maxConcurrency)
                    + (limits?.maxCPUCores.map { String(format: " (of %g cores", $0) + (limits?.maxMemoryGB.map { String(format: ", %g GB)", $0) } ?? ")") } ?? ""))
                md.append(String(format: "- **Average**: %.1f%% CPU, %.1f%% memory, %.2f tasks at once", f.averageCPUPercent,
                                 f.averageMemoryPercent, f.averageConcurrency))
            }
        }
        let pool = coordinator.workerPool
        md.append("- **Worker Pool**: \(pool.minWorkers)-\(pool.maxWorkers) workers"
            + (pool.workerTemplate.capabilities.isEmpty ? "" : " with capabilities \(pool.workerTemplate.capabilities.joined(separator: ", "))"))
        md.append("")

        md += codebaseSection()
        md += metricsSection(metrics)

        md.append("## Wave-Based Execution Plan\n")
        if let wb {
            let capacities = Dictionary(uniqueKeysWithValues: graph.plan.resources.map { ($0.name, $0.capacity) })
            for wave in wb.waves {
                md.append("### Wave \(wave.waveNumber) (P50: \(Self.h(wave.estimates.p50Hours)), P80: \(Self.h(wave.estimates.p80Hours)), "
                    + "P95: \(Self.h(wave.estimates.p95Hours)))")
                md.append("**Tasks** (\(wave.tasks.count)): \(Self.list(wave.tasks))")
                md.append("**Resource Usage**:")
                for (name, used) in wave.resourceUsage.sorted(by: { $0.key < $1.key })
                where name != "estimated_cpu_cores" && name != "estimated_memory_gb" {
                    md.append(String(format: "- %@: %g/%d", name, used, capacities[name] ?? 1))
                }
                md.append(String(format: "- CPU: %g cores, Memory: %gGB", wave.resourceUsage["estimated_cpu_cores"] ?? 0,
                                 wave.resourceUsage["estimated_memory_gb"] ?? 0))
                md.append("**Quality Gate**: \(wave.barrier.kind) barrier\(wave.barrier.quorum.map { String(format: ", quorum %g", $0) } ?? "")"
                    + " — every task's acceptance checks pass before wave \(wave.waveNumber + 1) starts\n")
            }
            let c = wb.estimatedCompletion
            md.append("### Total Wave-Based Timeline")
            md.append("- **P50**: \(Self.days(c.p50Hours))")
            md.append("- **P80**: \(Self.days(c.p80Hours))")
            md.append("- **P95**: \(Self.days(c.p95Hours))\n")
        }

        md.append("## Rolling Frontier Execution Plan\n")
        if let rf {
            md.append("### Initial Frontier (Time 0h)")
            md.append("**Ready to Execute** (\(rf.initialFrontier.count)): \(Self.list(rf.initialFrontier))")
            md.append("**Max concurrent tasks**: \(rf.config.maxConcurrentTasks)\n")
            let t = rf.estimatedCompletionTime
            md.append("### Completion")
            md.append("- With most-likely durations: \(Self.h(t.optimalHours))")
            md.append("- **P50**: \(Self.days(t.p50Hours)); **P80**: \(Self.days(t.p80Hours ?? t.p50Hours)); **P95**: \(Self.days(t.p95Hours))\n")
            md.append("### Execution Timeline Simulation (the run closest to P50)\n")
            let snapshots = rf.executionSimulation.sorted { Self.snapshotHours($0.key) < Self.snapshotHours($1.key) }
            for (key, s) in snapshots {
                md.append("#### Time \(Self.h(Self.snapshotHours(key)))")
                md.append("**Running** (\(s.running.count)): \(Self.list(s.running))")
                md.append("**Ready, waiting** (\(s.ready.count)): \(Self.list(s.ready))")
                md.append("**Blocked by dependencies**: \(s.blocked.count) · **Completed**: \((s.completed ?? []).count)")
                let held = s.resourceUsage.filter { $0.value > 0 }.sorted { $0.key < $1.key }.map { String(format: "%@ %g", $0.key, $0.value) }
                if !held.isEmpty { md.append("**Resources in use**: \(held.joined(separator: ", "))") }
                md.append("")
            }
            md.append("### Rolling Frontier Advantages")
            md += (rf.advantagesOverWaveBased.isEmpty ? ["no wave-based estimate to compare with"] : rf.advantagesOverWaveBased)
                .enumerated().map { "\($0.offset + 1). \($0.element)" }
            md.append("")
        }
        md += riskSection()
        md += bottleneckSection()
        md += normalizationSection()
        md += successSection(metrics)
        return md.joined(separator: "\n") + "\n"
    }

    static func days(_ hours: Double) -> String {
        String(format: "%@ (%.2f working days of 8h)", HoursFormat.text(hours), hours / 8)
    }

    static func snapshotHours(_ key: String) -> Double {
        Double(key.replacingOccurrences(of: "time_", with: "").replacingOccurrences(of: "h", with: "")) ?? 0
    }

    func codebaseSection() -> [String] {
        var md = ["## Codebase Analysis Results\n"]
        let analysis = document.meta.codebaseAnalysis
        let tasks = document.tasks
        let reusing = tasks.filter { !(($0.reusesExisting?.extends ?? []) + ($0.reusesExisting?.imports ?? [])).isEmpty }
        md.append(String(format: "### Existing Components Leveraged (%.0f%% of tasks reuse existing code)",
                         tasks.isEmpty ? 0 : Double(reusing.count) / Double(tasks.count) * 100))
        let apis = analysis?.existingAPIs ?? []
        if apis.isEmpty { md.append("- none found") }
        for api in apis.prefix(15) {
            let users = tasks.filter { t in
                (t.reusesExisting?.extends ?? []).contains(api) || (t.reusesExisting?.imports ?? []).contains(api)
                    || (t.interfacesConsumed ?? []).contains { $0.hasPrefix(api) }
            }
            md.append("- **\(api)**" + (users.isEmpty ? "" : ": used by \(Self.list(users.map(\.id)))"))
        }
        if apis.count > 15 { md.append("- … and \(apis.count - 15) more in tasks.json meta.codebase_analysis") }
        md.append("")
        md.append("### Extension Points")
        md += (analysis?.extensionPoints ?? []).prefix(15).map { "- **\($0)**" }
        if (analysis?.extensionPoints ?? []).isEmpty { md.append("- none found") }
        md.append("")
        let produced = Set(tasks.flatMap { $0.interfacesProduced ?? [] })
        md.append("### New Interfaces Required")
        md += produced.sorted().prefix(15).map { "- **\($0)**" }
        if produced.isEmpty { md.append("- none declared") }
        md.append("")
        if let inventory = analysis?.inventory {
            md.append("### Inventory (\(inventory.analyzer) scanner, \(inventory.filesScanned) files)")
            md.append("| language | files | types | interfaces | extension points |")
            md.append("|---|---|---|---|---|")
            for (name, l) in inventory.languages.sorted(by: { $0.key < $1.key }) {
                md.append("| \(name) | \(l.files) | \(l.types.count) | \(l.interfaces.count) | \(l.extensionPoints.count) |")
            }
            if !inventory.environmentVariables.isEmpty {
                md.append("\nEnvironment variables read: \(Self.list(inventory.environmentVariables))")
            }
            md.append("")
        }
        md.append("### Shared Resources Creating Constraints")
        let usage = ResourceUsage(plan: graph.plan)
        for resource in graph.plan.resources {
            let holders = (usage.holders[resource.name] ?? []).map { graph.plan.ids[$0.task] }
            let declared = analysis?.sharedResources?[resource.name]
            let u = dag.metrics.resourceUtilization[resource.name]
            md.append("- **\(resource.name)** (\(resource.kind.rawValue), capacity \(resource.capacity)"
                + (declared?.location.map { ", \($0)" } ?? "") + "): \(holders.count) task(s)"
                + (u?.serializationImpact.map { "; \($0)" } ?? u?.utilization.map { "; \($0)" } ?? ""))
        }
        if graph.plan.resources.isEmpty { md.append("- none") }
        md.append("")
        return md
    }

    func metricsSection(_ m: DagDocument.Metrics) -> [String] {
        let checks = document.tasks.filter { ($0.acceptanceChecks ?? []).contains(where: \.isMachineVerifiable) }.count
        let rows: [(String, String, String)] = [
            ("Total Tasks", "\(m.nodes)", "\(prepared.features.features.count) features"),
            ("Total Dependencies", "\(document.dependencies.count)",
             "\(m.keptByType.values.reduce(0, +)) in the DAG (\(m.mutualExclusionEdges) mutual exclusions), \(m.edges) after transitive reduction"),
            ("Edge Density", String(format: "%.3f", m.edgeDensity),
             (0.05...0.5).contains(m.edgeDensity) ? "within 0.05-0.5" : "outside 0.05-0.5"),
            ("Critical Path", "\(m.longestPath) stages", "\(Self.h(m.criticalPathHours)) with most-likely durations over \(m.criticalPath.count) tasks"),
            ("Max Parallelization", "\(m.widthApprox) tasks", "widest Kahn layer"),
            ("Verb-First Compliance", String(format: "%.0f%%", m.verbFirstPct * 100), m.verbFirstPct >= 0.8 ? "meets 80%" : "below 80%"),
            ("Acceptance Checks", "\(checks)/\(m.nodes) tasks", "machine-verifiable"),
            ("Resource Conflicts", "\(m.resourceConstrainedTasks) tasks", "need a shared resource"),
        ]
        var md = ["## Execution Metrics\n", "| Metric | Value | Impact |", "|--------|-------|--------|"]
        md += rows.map { "| \($0.0) | \($0.1) | \($0.2) |" }
        md.append("")
        return md
    }

    func riskSection() -> [String] {
        var md = ["## Risk Analysis\n"]
        if let rf = estimate.model(.rollingFrontier) {
            let ranked = rf.criticality.indices.sorted {
                (rf.criticality[$0], rf.sensitivity[$0], estimate.taskIDs[$1]) > (rf.criticality[$1], rf.sensitivity[$1], estimate.taskIDs[$0])
            }.prefix(5).filter { rf.criticality[$0] > 0 }
            md.append("### Tasks Most Often on the Critical Chain")
            md += ranked.map {
                String(format: "- %@: on the critical chain in %.0f%% of runs, rank correlation with the makespan %.2f",
                       estimate.taskIDs[$0], rf.criticality[$0] * 100, rf.sensitivity[$0])
            }
            if ranked.isEmpty { md.append("- none measured") }
            md.append("")
        }
        md.append("### Low-Confidence Dependencies (require validation)")
        md += dag.lowConfidenceDeps.prefix(20).map {
            "- \($0.label) (\($0.type.rawValue), confidence \($0.confidence)\($0.reason.map { ": \($0)" } ?? ""))"
        }
        if dag.lowConfidenceDeps.isEmpty { md.append("- none below \(dag.metrics.minConfidenceApplied)") }
        md.append("")
        md.append("### Soft Dependencies (parallelizable)")
        md += dag.softDeps.prefix(20).map { "- \($0.label) (\($0.type.rawValue)\($0.reason.map { ": \($0)" } ?? ""))" }
        if dag.softDeps.isEmpty { md.append("- none") }
        md.append("")
        if !dag.cycleBreakSuggestions.isEmpty {
            md.append("### Cycles Broken")
            md += dag.cycleBreakSuggestions.map {
                "- \(($0.cycle + [$0.cycle[0]]).joined(separator: " -> ")): dropped \($0.removed.label) in round \($0.round) (\($0.reason))"
            }
            md.append("")
        }
        return md
    }

    func bottleneckSection() -> [String] {
        var md = ["## Resource Bottleneck Analysis\n"]
        let contentions = waves.executionModels.rollingFrontier?.criticalResourceContentions ?? []
        for b in dag.resourceBottlenecks {
            md.append("### \(b.resource)")
            md.append("- **Impact**: \(b.impact)")
            md.append("- **Affected Tasks**: \(Self.list(b.affectedTasks))")
            md.append("- **Mitigation**: \(b.mitigation)\n")
        }
        for c in contentions where !dag.resourceBottlenecks.contains(where: { $0.resource == c.resource }) {
            md.append("### \(c.resource)")
            md.append(String(format: "- **Contention**: %.2f contention points per run, %@ mean wait", c.contentionPoints,
                             HoursFormat.text(c.estimatedWaitTimeHours)))
            md.append("- **Mitigation**: \(c.mitigation)\n")
        }
        if dag.resourceBottlenecks.isEmpty && contentions.isEmpty { md.append("No shared resource extends the schedule measurably.\n") }
        return md
    }

    func normalizationSection() -> [String] {
        let n = prepared.normalization
        var md = ["## Auto-Normalization Actions Taken\n", "### Task Splits (Exceeded 16h limit)"]
        md += n.splits.map { "- \($0.task) (\(Self.h($0.mostLikelyHours))) → \($0.parts.joined(separator: " + ")), "
            + "\(Self.h($0.mostLikelyHours / Double($0.parts.count))) each" }
        if n.splits.isEmpty { md.append("- none") }
        md.append("\n### Task Merges (Under 0.5h threshold)")
        md += n.merges.map { "- \($0.tasks.joined(separator: " + ")) → \($0.into) (\(Self.h($0.mostLikelyHours)))" }
        if n.merges.isEmpty { md.append("- none") }
        md.append("\n### Secrets Redacted")
        md.append(n.redactions.isEmpty ? "- none found" : "- [REDACTED] in evidence of \(Self.list(n.redactions))")
        md.append("")
        return md
    }

    func successSection(_ m: DagDocument.Metrics) -> [String] {
        func mark(_ ok: Bool) -> String { ok ? "✅" : "❌" }
        let tasks = document.tasks
        let bounded = tasks.filter {
            !($0.boundaries?.expectedComplexity?.value ?? "").isEmpty && !($0.boundaries?.definitionOfDone?.criteria ?? []).isEmpty
        }.count
        let checked = tasks.filter { ($0.acceptanceChecks ?? []).contains(where: \.isMachineVerifiable) }.count
        let evidenced = tasks.filter { !($0.sourceEvidence ?? []).isEmpty }.count
        return [
            "## Success Metrics\n",
            "- \(mark(bounded == tasks.count)) \(bounded)/\(tasks.count) tasks have a complexity estimate and completion criteria",
            String(format: "- %@ %.0f%% verb-first task naming", mark(m.verbFirstPct >= 0.8), m.verbFirstPct * 100),
            "- \(mark(checked == tasks.count)) \(checked)/\(tasks.count) tasks have machine-verifiable acceptance checks",
            "- \(mark(evidenced == tasks.count)) \(evidenced)/\(tasks.count) tasks quote their source",
            "- \(mark(dag.cycleBreakSuggestions.isEmpty)) \(dag.cycleBreakSuggestions.count) cycle(s) had to be broken",
            "- \(mark(waves.executionModels.waveBased != nil && waves.executionModels.rollingFrontier != nil)) both execution models estimated",
        ]
    }
}
