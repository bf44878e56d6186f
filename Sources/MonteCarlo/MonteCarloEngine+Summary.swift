import Sampling
import Scheduling
import Simulation
import TaskModel

extension MonteCarloEngine {
    func summarize(_ model: ExecutionModel, slot: Int, partials: [[ModelPartial]], total: Int,
                   settings: EstimateSettings) throws(TasksError) -> ModelEstimate {
        let parts = partials.map { $0[slot] }
        let makespans = parts.flatMap(\.makespans)
        var sorted = makespans
        let errors = QuantileErrorTable()
        let summary = try statistics(&sorted, settings.quantiles, errors)
        var waves: [DistributionSummary] = []
        if let first = parts.first, !first.waveDurations.isEmpty {
            for w in first.waveDurations.indices {
                var samples = parts.flatMap { $0.waveDurations[w] }
                waves.append(try statistics(&samples, settings.quantiles, errors))
            }
        }
        let p50 = summary.quantile(0.5)?.value ?? summary.mean
        let median = makespans.indices.min { abs(makespans[$0] - p50) < abs(makespans[$1] - p50) } ?? 0
        let count = Double(max(total, 1))
        let limited = !settings.ignoreResources
        var estimate = ModelEstimate(
            model: model, makespan: summary, mostLikelyHours: try mostLikely(model, settings),
            waves: waves,
            averageCPUPercent: limited && problem.machineCPUCores.isFinite ? parts.reduce(0) { $0 + $1.cpuPercentSum } / count : nil,
            peakCPUPercent: limited && problem.machineCPUCores.isFinite ? parts.map(\.peakCPU).max() : nil,
            averageMemoryPercent: limited && problem.machineMemoryMB.isFinite
                ? parts.reduce(0) { $0 + $1.memoryPercentSum } / count : nil,
            peakMemoryPercent: limited && problem.machineMemoryMB.isFinite ? parts.map(\.peakMemory).max() : nil,
            averageConcurrency: parts.reduce(0) { $0 + $1.concurrencySum } / count,
            maxConcurrency: Int(parts.map(\.peakConcurrency).max() ?? 0),
            contention: [], criticality: [], sensitivity: [], medianIteration: median,
            failedRunShare: Double(parts.reduce(0) { $0 + $1.failedRuns }) / count)
        if !settings.ignoreResources {
            try detail(&estimate, makespans: makespans, settings: settings)
        }
        return estimate
    }

    func statistics(_ samples: inout [Double], _ quantiles: [Double], _ errors: QuantileErrorTable) throws(TasksError)
        -> DistributionSummary
    {
        do { return try DistributionSummary(samples: &samples, quantiles: quantiles, errors: errors) } catch {
            throw TasksError(.invalidPlan, "\(problem.sourceName): statistics failed: \(error.message)")
        }
    }

    func mostLikely(_ model: ExecutionModel, _ settings: EstimateSettings) throws(TasksError) -> Double {
        let hours = problem.durations(.mostLikely)
        if settings.ignoreResources {
            var finish = [Double](repeating: 0, count: hours.count)
            var scratch = ModelPartial()
            scratch.waveDurations = Array(repeating: [], count: problem.graph.layers.count)
            return unconstrained(model, hours, &finish, &scratch)
        }
        switch model {
        case .rollingFrontier:
            var sim = frontierTemplate
            return try sim.makespan(durations: hours)
        case .waveBased:
            var sim = wavesTemplate
            return try sim.makespan(durations: hours)
        }
    }

    /// Pass 2: replays a systematic subsample of iterations with full traces.
    func detail(_ estimate: inout ModelEstimate, makespans: [Double], settings: EstimateSettings) throws(TasksError) {
        let n = problem.taskCount
        let runs = min(settings.detailedRuns, makespans.count)
        guard runs >= 3 else { return }
        let stride = Double(makespans.count) / Double(runs)
        let picked = (0..<runs).map { Int(Double($0) * stride) }
        let model = estimate.model
        // The traced replays are independent; chunks of them run on all threads and merge in
        // chunk order, so the sums below do not depend on the thread count.
        let chunks: [DetailPartial]
        do {
            chunks = try ChunkedParallel.run(iterations: 0..<runs, chunkSize: 16, threads: settings.threads) { range in
                try self.detailChunk(model, picked[range], settings: settings)
            }
        } catch let error as TasksError {
            throw error
        } catch {
            throw TasksError(.invalidPlan, "\(problem.sourceName): \(error)")
        }
        var critical = [Int](repeating: 0, count: n)
        var contentionPoints: [String: Double] = [:]
        var waitHours: [String: Double] = [:]
        var sampled = [[Double]](repeating: [], count: n)
        var outcome = [Double]()
        for chunk in chunks {
            for t in 0..<n {
                critical[t] += chunk.critical[t]
                sampled[t] += chunk.sampled[t]
            }
            for (name, points, hours) in chunk.contention {
                contentionPoints[name, default: 0] += points
                waitHours[name, default: 0] += hours
            }
            outcome += chunk.outcome
        }
        estimate.criticality = critical.map { Double($0) / Double(runs) }
        estimate.contention = contentionPoints.keys.sorted().map {
            ModelEstimate.ResourceContention(resource: $0, contentionPoints: contentionPoints[$0]! / Double(runs),
                                             waitHours: waitHours[$0]! / Double(runs))
        }
        // A constant series has no rank correlation; report 0 for it instead of asking GSL.
        @Sendable func varies(_ v: [Double]) -> Bool { v.contains { $0 != v.first } }
        let outcomeVaries = varies(outcome)
        // One coefficient per task, 3,000 on a large plan: the outcome is ranked once, and the tasks
        // are spread over the threads (each value is one task's own computation).
        let series = sampled, correlation = RankCorrelation(outcome: outcome)
        do {
            estimate.sensitivity = try ChunkedParallel.run(iterations: 0..<n, chunkSize: 64, threads: settings.threads) {
                range in
                range.map { t -> Double in
                    guard outcomeVaries, varies(series[t]) else { return 0 }
                    return (try? correlation.spearman(series[t])) ?? 0
                }
            }.flatMap { $0 }
        } catch {
            throw TasksError(.invalidPlan, "\(problem.sourceName): \(error)")
        }
    }

    /// What a chunk of traced replays contributes to criticality, contention and sensitivity.
    struct DetailPartial: Sendable {
        var critical: [Int]
        var sampled: [[Double]]
        /// Per replay and resource, in trace order: (resource, contention points, wait hours).
        var contention: [(String, Double, Double)] = []
        var outcome: [Double] = []
    }

    func detailChunk(_ model: ExecutionModel, _ iterations: ArraySlice<Int>, settings: EstimateSettings)
        throws(TasksError) -> DetailPartial
    {
        let n = problem.taskCount
        var part = DetailPartial(critical: [Int](repeating: 0, count: n), sampled: [[Double]](repeating: [], count: n))
        var durations = [Double](repeating: 0, count: n)
        var stream: RandomStream
        do { stream = try RandomStream(seed: settings.seed, stream: 0) } catch {
            throw TasksError(.invalidPlan, "GSL: \(error.message)")
        }
        // One simulator per chunk, reset by each run: a fresh copy of the template per replay
        // copied every buffer of the core on its first write.
        var frontier = frontierTemplate
        var waves = wavesTemplate
        for i in iterations {
            stream.reseed(seed: settings.seed, stream: StreamSeeds.durations(iteration: i))
            sampler.sample(into: &durations, stream: stream)
            var draws = try faultDraws(iteration: i, settings: settings)
            let trace = switch model {
            case .rollingFrontier: try frontier.digest(durations: durations, faults: &draws)
            case .waveBased: try waves.digest(durations: durations, faults: &draws)
            }
            for t in trace.criticalChain { part.critical[Int(t)] += 1 }
            for r in trace.resources { part.contention.append((r.name, Double(r.contentionCount), r.waitHours)) }
            for t in 0..<n { part.sampled[t].append(durations[t]) }
            part.outcome.append(trace.makespanHours)
        }
        return part
    }

    /// One iteration replayed with a full trace (the run behind `execution_simulation` and the
    /// report's Gantt chart).
    public func traced(_ model: ExecutionModel, iteration: Int, settings: EstimateSettings, snapshots: [Double])
        throws(TasksError) -> RunTrace
    {
        var durations = [Double](repeating: 0, count: problem.taskCount)
        do {
            let stream = try RandomStream(seed: settings.seed, stream: StreamSeeds.durations(iteration: iteration))
            sampler.sample(into: &durations, stream: stream)
        } catch {
            throw TasksError(.invalidPlan, "GSL: \(error.message)")
        }
        return try traced(model, durations, iteration: iteration, settings: settings, snapshots: snapshots)
    }

    func traced(_ model: ExecutionModel, _ durations: [Double], iteration: Int, settings: EstimateSettings,
                snapshots: [Double]) throws(TasksError) -> RunTrace {
        var draws = try faultDraws(iteration: iteration, settings: settings)
        switch model {
        case .rollingFrontier:
            var sim = frontierTemplate
            return try fullRun(&sim, durations, &draws, snapshots)
        case .waveBased:
            var sim = wavesTemplate
            return try fullRun(&sim, durations, &draws, snapshots)
        }
    }

    /// The failure draws of `iteration` (none without fault probabilities).
    func faultDraws(iteration: Int, settings: EstimateSettings) throws(TasksError) -> FaultDraws {
        var draws = FaultDraws(draws: [], taskCount: problem.taskCount)
        guard hasFaults else { return draws }
        do {
            let s = try RandomStream(seed: settings.seed, stream: StreamSeeds.faults(iteration: iteration))
            draws.draws = (0..<FaultDraws.count(taskCount: problem.taskCount, attempts: maxAttempts)).map { _ in s.uniform() }
        } catch {
            throw TasksError(.invalidPlan, "GSL: \(error.message)")
        }
        return draws
    }

    /// A fully traced run; without fault probabilities the (empty) draws never fail an attempt.
    func fullRun<P: SchedulingPolicy>(_ sim: inout Simulator<P>, _ durations: [Double], _ draws: inout FaultDraws,
                                      _ snapshots: [Double]) throws(TasksError) -> RunTrace {
        try sim.run(durations: durations, faults: &draws, trace: .full, snapshotTimes: snapshots).trace!
    }
}
