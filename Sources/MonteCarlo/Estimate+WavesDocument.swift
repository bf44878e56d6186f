import Foundation
import Scheduling
import TaskModel

extension MonteCarloEngine {
    /// `waves.json` for `estimate`: both models' plans with every figure taken from the estimate.
    ///
    /// Wave estimates are quantiles of each wave's own duration (release to barrier) and the
    /// totals are quantiles of the makespan, never sums of quantiles (NOTES.md).
    public func wavesDocument(_ estimate: Estimate, planHash: String, timestamp: String) throws(TasksError) -> WavesDocument {
        let settings = estimate.settings
        var waveBased: WavesDocument.WaveBased?
        if let wb = estimate.model(.waveBased) {
            waveBased = waveBasedSection(wb)
        }
        var frontier: WavesDocument.RollingFrontier?
        if let rf = estimate.model(.rollingFrontier) {
            frontier = try frontierSection(rf, waveBased: estimate.model(.waveBased), settings: settings)
        }
        return WavesDocument(planId: "PLAN-" + String(planHash.prefix(8)), generated: GeneratedInfo(timestamp: timestamp),
                             executionModels: .init(waveBased: waveBased, rollingFrontier: frontier))
    }

    func waveBasedSection(_ wb: ModelEstimate) -> WavesDocument.WaveBased {
        let partition = WavePolicy(problem, order: ReadyOrder(problem, rule: rule), configuration: waveConfiguration).partition
        let waveIDs: [[String]] = wb.waves.count == partition.count
            ? partition.ids(problem)
            : problem.graph.layers.map { $0.map { problem.ids[Int($0)] }.sorted() }
        let barrier = waveConfiguration.barrier.document
        var waves: [WavesDocument.Wave] = []
        for (w, summary) in wb.waves.enumerated() {
            var gate = barrier
            gate.gateId = "W\(w + 1)→W\(w + 2)"
            waves.append(WavesDocument.Wave(
                waveNumber: w + 1, tasks: waveIDs[w],
                estimates: .init(p50Hours: q(summary, 0.5), p80Hours: q(summary, 0.8), p95Hours: q(summary, 0.95)),
                resourceUsage: usage(of: waveIDs[w]), barrier: gate))
        }
        return WavesDocument.WaveBased(
            config: .init(maxWaveSize: waveConfiguration.maxWaveSize ?? problem.taskCount, barrier: barrier),
            waves: waves, totalWaves: waves.count,
            estimatedCompletion: .init(p50Hours: q(wb.makespan, 0.5), p80Hours: q(wb.makespan, 0.8),
                                       p95Hours: q(wb.makespan, 0.95)))
    }

    func frontierSection(_ rf: ModelEstimate, waveBased: ModelEstimate?, settings: EstimateSettings) throws(TasksError)
        -> WavesDocument.RollingFrontier
    {
        let roots = (0..<problem.taskCount).filter { problem.graph.predecessors.neighbours(of: $0).isEmpty }
        var snapshots: [String: WavesDocument.RollingFrontier.Snapshot] = [:]
        if !settings.ignoreResources {
            let median = try traced(.rollingFrontier, iteration: rf.medianIteration, settings: settings, snapshots: [])
            let times = RunTrace.quarterTimes(ofMakespan: median.makespanHours)
            let replay = try traced(.rollingFrontier, iteration: rf.medianIteration, settings: settings, snapshots: times)
            snapshots = replay.snapshots
        }
        let contentions = rf.contention.filter { $0.contentionPoints > 0 }.map {
            WavesDocument.RollingFrontier.Contention(
                resource: $0.resource, contentionPoints: roundHours($0.contentionPoints),
                estimatedWaitTimeHours: roundHours($0.waitHours),
                mitigation: $0.waitHours > 0
                    ? "tasks wait \(HoursFormat.text($0.waitHours)) per run on average; raise its capacity or shorten its holders"
                    : "contended without measurable wait")
        }
        return WavesDocument.RollingFrontier(
            initialFrontier: roots.map { problem.ids[$0] }.sorted(),
            config: .init(maxConcurrentTasks: problem.maxConcurrentTasks == Int32.max
                ? problem.taskCount : Int(problem.maxConcurrentTasks)),
            estimatedCompletionTime: .init(optimalHours: roundHours(rf.mostLikelyHours), p50Hours: q(rf.makespan, 0.5),
                                           p80Hours: q(rf.makespan, 0.8), p95Hours: q(rf.makespan, 0.95)),
            resourceUtilizationForecast: .init(
                averageCPUPercent: roundHours(rf.averageCPUPercent ?? 0), peakCPUPercent: roundHours(rf.peakCPUPercent ?? 0),
                averageMemoryPercent: roundHours(rf.averageMemoryPercent ?? 0),
                peakMemoryPercent: roundHours(rf.peakMemoryPercent ?? 0),
                averageConcurrency: roundHours(rf.averageConcurrency), maxConcurrency: rf.maxConcurrency),
            criticalResourceContentions: contentions,
            executionSimulation: snapshots,
            advantagesOverWaveBased: waveBased.map { Self.advantages(rf, over: $0) } ?? [])
    }

    /// Claims that the measured figures support, and only those.
    static func advantages(_ rf: ModelEstimate, over wb: ModelEstimate) -> [String] {
        var out: [String] = []
        for p in [0.5, 0.8, 0.95] {
            let f = rf.makespan.quantile(p)?.value ?? 0, w = wb.makespan.quantile(p)?.value ?? 0
            guard w > 0 else { continue }
            let gain = (w - f) / w * 100
            let label = "P\(Int(p * 100))"
            if gain > 0.05 {
                out.append(String(format: "%.1f%% faster completion at %@ (%@ vs %@)", gain, label,
                                  HoursFormat.text(f), HoursFormat.text(w)))
            } else if gain < -0.05 {
                out.append(String(format: "%.1f%% slower at %@ (%@ vs %@): the waves' ordering helps this plan", -gain,
                                  label, HoursFormat.text(f), HoursFormat.text(w)))
            } else {
                out.append("same completion at \(label) (\(HoursFormat.text(f)))")
            }
        }
        if let a = rf.averageCPUPercent, let b = wb.averageCPUPercent, a > b + 0.05 {
            out.append(String(format: "higher average CPU utilization (%.1f%% vs %.1f%%)", a, b))
        }
        if rf.averageConcurrency > wb.averageConcurrency + 0.005 {
            out.append(String(format: "more tasks in flight on average (%.2f vs %.2f)", rf.averageConcurrency,
                              wb.averageConcurrency))
        }
        return out
    }

    func usage(of ids: [String]) -> [String: Double] {
        var out: [String: Double] = [:]
        var cpu = 0.0, memory = 0.0
        for id in ids {
            guard let i = problem.graph.plan.indexByID[id] else { continue }
            let demand = problem.graph.plan.task(i).resourceRequirements?.estimated
            for name in demand?.exclusiveResources ?? [] { out[name, default: 0] += 1 }
            for (name, units) in demand?.sharedResources ?? [:] { out[name, default: 0] += Double(units) }
            cpu += problem.cpuCores[i]
            memory += problem.memoryMB[i]
        }
        out["estimated_cpu_cores"] = roundHours(cpu)
        out["estimated_memory_gb"] = roundHours(memory / 1024)
        return out
    }

    func q(_ s: DistributionSummary, _ p: Double) -> Double { roundHours(s.quantile(p)?.value ?? 0) }
}

/// Rounds to a millionth of an hour (3.6 ms): fine enough for a CI pipeline measured in seconds,
/// coarse enough that artifacts do not carry platforms' last-bit differences.
func roundHours(_ x: Double) -> Double { (x * 1_000_000).rounded() / 1_000_000 }
