import Foundation
import MonteCarlo
import TaskGraph
import TaskModel

extension PlanArtifacts {
    /// `Decisions.md`: the choices this run actually made — execution model (with the measured
    /// alternative), the handling of each shared resource, cycle breaks, normalisation, and the
    /// thresholds applied — each with the alternatives and the figures behind it.
    public func decisionsMarkdown() -> String {
        var md = ["# Design Decisions Log\n"]
        var number = 0
        func record(_ title: String, context: String, options: [(String, String, Bool)], rationale: [String]) {
            number += 1
            md.append("## Decision \(number): \(title)\n")
            md.append("### Context")
            md.append(context + "\n")
            md.append("### Options Considered\n")
            for (k, option) in options.enumerated() {
                let letter = String(UnicodeScalar(UInt8(65 + k)))
                md.append("#### Option \(letter): \(option.0)\(option.2 ? " (SELECTED)" : "")")
                md.append(option.1 + "\n")
            }
            md.append("### Rationale")
            md += rationale.map { "- \($0)" }
            md.append("")
        }

        // 1. Execution model.
        func figures(_ m: ExecutionModel) -> String {
            guard let e = estimate.model(m) else { return "not estimated" }
            let q = { (p: Double) in HoursFormat.text(e.makespan.quantile(p)?.value ?? 0) }
            return "P50 \(q(0.5)), P80 \(q(0.8)), P95 \(q(0.95)); \(String(format: "%.2f", e.averageConcurrency)) tasks in flight on average"
                + (e.averageCPUPercent.map { String(format: ", %.1f%% average CPU", $0) } ?? "")
        }
        record("Execution Model Selection",
                 context: "\(document.tasks.count) tasks, \(dag.metrics.longestPath) dependency stages, widest stage "
                    + "\(dag.metrics.widthApprox) tasks. Both models were simulated on the same \(estimate.iterations) sampled "
                    + "duration sets (seed \(estimate.settings.seed)).",
                 options: [
                    ("Wave-Based Execution", figures(.waveBased), decision.chosen == .waveBased),
                    ("Rolling Frontier", figures(.rollingFrontier), decision.chosen == .rollingFrontier),
                 ],
                 rationale: decision.reasons + (decision.wasAsked ? [] : [
                    "without a request, rolling frontier is kept unless wave-based is more than 1% faster at P50"]))

        // 2. Shared resources, one decision each.
        let usage = ResourceUsage(plan: graph.plan)
        for resource in graph.plan.resources {
            let holders = (usage.holders[resource.name] ?? []).map { graph.plan.ids[$0.task] }
            guard !holders.isEmpty else { continue }
            let mutexEdges = graph.edges.filter { $0.type == .mutualExclusion && $0.sharedResource == resource.name }
            let conflict = document.resourceConflicts?[resource.name]
            let contention = waves.executionModels.rollingFrontier?.criticalResourceContentions.first { $0.resource == resource.name }
            let util = dag.metrics.resourceUtilization[resource.name]
            let ordered = !mutexEdges.isEmpty || conflict?.resolution == "sequential_ordering"
            let context = "\(resource.name) is \(resource.kind == .exclusive ? "exclusive" : "a pool of \(resource.capacity)"); "
                + "\(holders.count) task(s) need it (\(Self.list(holders)))."
                + (util.map { " At least \($0.wavesRequired) wave(s) are needed to serve them." } ?? "")
                + (contention.map { String(format: " Simulated contention: %.2f points per run, mean wait %@.", $0.contentionPoints,
                                           HoursFormat.text($0.estimatedWaitTimeHours)) } ?? " The simulation measured no wait on it.")
            record("\(resource.name) Handling", context: context, options: [
                ("Sequential ordering by mutual_exclusion edges",
                 mutexEdges.isEmpty ? "The plan has no such edges for it." : "\(mutexEdges.count) edge(s) fix the order: "
                    + mutexEdges.prefix(6).map(\.label).joined(separator: ", "), ordered && resource.kind == .exclusive),
                ("Scheduler admission (capacity \(resource.capacity))",
                 "Tasks start only when a unit is free, in priority order (bottom level); waves keep at most "
                    + "\(resource.capacity) holder(s) per wave.", !ordered || resource.kind != .exclusive),
             ], rationale: [
                conflict.map { "resource_conflicts names \($0.resolution)" + ($0.rationale.map { ": \($0)" } ?? "") }
                    ?? "no resource_conflicts entry: the schedulers enforce the capacity with or without edges",
                ordered ? "the edges make the order explicit for reviewers; the capacity is enforced anyway"
                    : "no fixed order is needed: admission lets whichever holder is ready first take it",
             ])
        }

        // 3. Cycle breaks.
        if !dag.cycleBreakSuggestions.isEmpty {
            record("Dependency Cycle Resolution",
                     context: "\(dag.cycleBreakSuggestions.count) cycle(s) in the dependencies kept at confidence ≥ "
                        + "\(dag.metrics.minConfidenceApplied).",
                     options: [
                        ("Reject the plan (exit 3)", "Nothing is scheduled until the input is fixed.", false),
                        ("Drop the weakest edge of each cycle (at most two rounds)",
                         dag.cycleBreakSuggestions.map { "Round \($0.round): dropped \($0.removed.label) from "
                            + ($0.cycle + [$0.cycle[0]]).joined(separator: " -> ") + " (\($0.reason))." }.joined(separator: " "), true),
                     ],
                     rationale: ["the dropped edges had the lowest confidence in their cycle; they stay in tasks.json "
                        + "and are listed in dag.json cycle_break_suggestions for review"])
        }

        // 4. Normalisation.
        let n = prepared.normalization
        if !n.splits.isEmpty || !n.merges.isEmpty || !n.redactions.isEmpty {
            var taken: [String] = []
            taken += n.splits.map { "split \($0.task) (\(HoursFormat.text($0.mostLikelyHours))) into \($0.parts.joined(separator: ", "))" }
            taken += n.merges.map { "merged \($0.tasks.joined(separator: ", ")) into \($0.into) (\(HoursFormat.text($0.mostLikelyHours)))" }
            if !n.redactions.isEmpty { taken.append("replaced secrets by [REDACTED] in the evidence of \(Self.list(n.redactions))") }
            record("Auto-Normalization", context: "The spec targets 2-8h tasks, 16h at most, and no secrets in evidence.",
                     options: [
                        ("Keep the draft as written", "Long tasks hide progress; tiny ones add scheduling overhead.", false),
                        ("Normalise", taken.joined(separator: "; ") + ".", true),
                     ],
                     rationale: ["splits keep the task's resources on every part and chain the parts with sequential edges; "
                        + "merges sum the durations and never join tasks a dependency path runs between"])
        }

        // 5. Thresholds.
        record("Thresholds Applied",
                 context: "MIN_CONFIDENCE \(dag.metrics.minConfidenceApplied), MAX_WAVE_SIZE "
                    + "\(waves.executionModels.waveBased?.config.maxWaveSize ?? 0), MAX_CONCURRENT "
                    + "\(waves.executionModels.rollingFrontier?.config.maxConcurrentTasks ?? 0).",
                 options: [
                    ("Keep every edge", "All \(document.dependencies.count) dependencies would constrain the schedule.", false),
                    ("Filter by hardness and confidence",
                     "\(dag.softDeps.count) soft and \(dag.lowConfidenceDeps.count) low-confidence edge(s) left out of the DAG.", true),
                 ],
                 rationale: ["the DAG holds hard edges at or above the threshold; the rest are listed in Plan.md's risk analysis"])
        return md.joined(separator: "\n") + "\n"
    }
}
