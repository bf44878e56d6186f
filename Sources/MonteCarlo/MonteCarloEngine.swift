import Sampling
import Scheduling
import Simulation
import TaskGraph
import TaskModel

/// Monte Carlo estimation of both execution models: every iteration samples all task durations
/// once (GSL, stream `(seed, iteration)`) and runs each model's simulator on the same sample, so
/// the models are compared under common random numbers.
///
/// Two passes keep the hot loop lean and memory flat: pass 1 runs every iteration recording only
/// the makespan, wave times and running integrals; pass 2 replays a fixed-size systematic
/// subsample with full traces for contention, the critical chain and rank correlations.
public struct MonteCarloEngine: Sendable {
    public let problem: SchedulingProblem
    public let waveConfiguration: WaveConfiguration
    public let rule: PriorityRule
    let sampler: DurationSampler
    let cpm: UnconstrainedCPM
    let maxAttempts: Int
    let hasFaults: Bool
    /// Built once and copied wherever a run needs a simulator: the priority order and the wave
    /// partition sort every task, which per chunk and per traced replay added up.
    let frontierTemplate: Simulator<RollingFrontierPolicy>
    let wavesTemplate: Simulator<WavePolicy>

    public init(problem: SchedulingProblem, waveConfiguration: WaveConfiguration, rule: PriorityRule = .bottomLevel)
        throws(TasksError)
    {
        self.problem = problem
        self.waveConfiguration = waveConfiguration
        self.rule = rule
        let plan = problem.graph.plan
        var models: [DurationModel] = []
        models.reserveCapacity(plan.taskCount)
        for (i, d) in plan.durations.enumerated() {
            do {
                models.append(try DurationModel(shape: DurationShape(rawValue: d.distribution.rawValue) ?? .pert,
                                                optimistic: d.optimistic, mostLikely: d.mostLikely,
                                                pessimistic: d.pessimistic, lambda: d.lambda))
            } catch {
                throw TasksError(.invalidPlan, "\(plan.sourceName): task \(plan.ids[i]): \(error.message)")
            }
        }
        do { sampler = try DurationSampler(models: models) } catch {
            throw TasksError(.invalidPlan, "\(plan.sourceName): cannot build duration tables: \(error.message)")
        }
        cpm = UnconstrainedCPM(graph: problem.graph)
        maxAttempts = Int(problem.maxRetries.max() ?? 0) + 1
        hasFaults = problem.failureProbability.contains { $0 > 0 }
        frontierTemplate = Simulator(rollingFrontier: problem, rule: rule)
        wavesTemplate = Simulator(waves: problem, rule: rule, configuration: waveConfiguration)
    }

    /// Runs the estimate.
    /// - Throws: `TasksError` when a simulation gets stuck or the GSL set-up fails.
    public func run(_ settings: EstimateSettings, progress: (@Sendable (Int, Int) -> Void)? = nil) throws(TasksError)
        -> Estimate
    {
        guard settings.iterations >= 2 else {
            throw TasksError(.invalidArguments, "--iterations must be at least 2, got \(settings.iterations)")
        }
        var total = settings.iterations
        let counter = IterationCounter(target: total, report: progress)
        let cpuAtStart = ProcessCPUClock.seconds()
        var partials = try pass(0..<total, settings, counter: counter)
        if let precision = settings.precisionPercent {
            while total < settings.maxIterations, !precise(partials, precision, settings) {
                let more = min(total, settings.maxIterations - total)
                counter.target = total + more
                partials += try pass(total..<(total + more), settings, counter: counter)
                total += more
            }
        }
        let engineCPU = ProcessCPUClock.seconds() - cpuAtStart
        var models: [ModelEstimate] = []
        for (k, model) in settings.models.enumerated() {
            models.append(try summarize(model, slot: k, partials: partials, total: total, settings: settings))
        }
        var estimate = Estimate(settings: settings, iterations: total, models: models, taskIDs: problem.ids)
        estimate.engineCPUSeconds = engineCPU
        return estimate
    }

    // MARK: - Pass 1

    struct ModelPartial: Sendable, Codable {
        var makespans: [Double] = []
        var waveDurations: [[Double]] = []
        var cpuPercentSum = 0.0
        var memoryPercentSum = 0.0
        var concurrencySum = 0.0
        var peakCPU = 0.0
        var peakMemory = 0.0
        var peakConcurrency: Int32 = 0
        var failedRuns = 0
    }

    func pass(_ range: Range<Int>, _ settings: EstimateSettings, counter: IterationCounter? = nil)
        throws(TasksError) -> [[ModelPartial]]
    {
        do {
            return try ChunkedParallel.run(iterations: range, chunkSize: settings.chunkSize, threads: settings.threads) {
                chunk in
                let partial = try self.runChunk(chunk, settings)
                counter?.add(chunk.count)
                return partial
            }
        } catch let error as TasksError {
            throw error
        } catch {
            throw TasksError(.invalidPlan, "\(problem.sourceName): Monte Carlo failed: \(error)")
        }
    }

    func runChunk(_ chunk: Range<Int>, _ settings: EstimateSettings) throws -> [ModelPartial] {
        let n = problem.taskCount
        var stream = try RandomStream(seed: settings.seed, stream: 0)
        var faultStream = try RandomStream(seed: settings.seed, stream: StreamSeeds.faults(iteration: 0))
        var durations = [Double](repeating: 0, count: n)
        var finish = [Double](repeating: 0, count: n)
        var draws = [Double](repeating: 0, count: hasFaults ? FaultDraws.count(taskCount: n, attempts: maxAttempts) : 0)
        var frontier = frontierTemplate
        var waves = wavesTemplate
        let waveCount = waves.plan.policy.partition.waves.count
        var partials = settings.models.map { model in
            var p = ModelPartial()
            p.makespans.reserveCapacity(chunk.count)
            if model == .waveBased {
                p.waveDurations = Array(repeating: [], count: settings.ignoreResources ? problem.graph.layers.count : waveCount)
            }
            return p
        }
        for i in chunk {
            stream.reseed(seed: settings.seed, stream: StreamSeeds.durations(iteration: i))
            sampler.sample(into: &durations, stream: stream)
            if hasFaults {
                faultStream.reseed(seed: settings.seed, stream: StreamSeeds.faults(iteration: i))
                for k in draws.indices { draws[k] = faultStream.uniform() }
            }
            for (slot, model) in settings.models.enumerated() {
                if settings.ignoreResources {
                    partials[slot].makespans.append(unconstrained(model, durations, &finish, &partials[slot]))
                    continue
                }
                switch model {
                case .rollingFrontier:
                    try record(&frontier, durations, draws, &partials[slot])
                case .waveBased:
                    try record(&waves, durations, draws, &partials[slot])
                    let policy = waves.plan.policy
                    for w in 0..<waveCount {
                        partials[slot].waveDurations[w].append(max(0, policy.barrierTimes[w] - policy.releaseTimes[w]))
                    }
                }
            }
        }
        return partials
    }

    func record<P: SchedulingPolicy>(_ sim: inout Simulator<P>, _ durations: [Double], _ draws: [Double],
                                     _ partial: inout ModelPartial) throws(TasksError) {
        let makespan: Double
        if hasFaults {
            var faults = FaultDraws(draws: draws, taskCount: problem.taskCount)
            let result = try sim.run(durations: durations, faults: &faults, trace: .none)
            makespan = result.makespanHours
            if !sim.plan.succeeded { partial.failedRuns += 1 }
        } else {
            makespan = try sim.makespan(durations: durations)
        }
        let metrics = sim.plan.metrics
        partial.makespans.append(makespan)
        partial.cpuPercentSum += metrics.averageCPUPercent(problem) ?? 0
        partial.memoryPercentSum += metrics.averageMemoryPercent(problem) ?? 0
        partial.concurrencySum += metrics.averageConcurrency
        partial.peakCPU = max(partial.peakCPU, metrics.peakCPUPercent(problem) ?? 0)
        partial.peakMemory = max(partial.peakMemory, metrics.peakMemoryPercent(problem) ?? 0)
        partial.peakConcurrency = max(partial.peakConcurrency, metrics.peakConcurrency)
    }

    /// Classic PERT: the frontier is the longest path; waves are Kahn layers with full barriers.
    func unconstrained(_ model: ExecutionModel, _ durations: [Double], _ finish: inout [Double],
                       _ partial: inout ModelPartial) -> Double {
        switch model {
        case .rollingFrontier:
            return durations.withUnsafeBufferPointer { d in
                finish.withUnsafeMutableBufferPointer { f in cpm.makespan(durations: d, finish: f) }
            }
        case .waveBased:
            var total = 0.0
            for (w, layer) in problem.graph.layers.enumerated() {
                var longest = 0.0
                for t in layer {
                    let d = durations[Int(t)]
                    longest = d > longest ? d : longest  // `maxsd`; see `UnconstrainedCPM.makespan`
                }
                partial.waveDurations[w].append(longest)
                total += longest
            }
            return total
        }
    }

    /// Whether every model's P80 is known to within `precision` percent (95 % half-width).
    func precise(_ partials: [[ModelPartial]], _ precision: Double, _ settings: EstimateSettings) -> Bool {
        for slot in settings.models.indices {
            var samples = partials.flatMap { $0[slot].makespans }
            RadixSort.ascending(&samples)
            guard let p80 = try? SampleStatistics.quantile(sorted: samples, 0.8), p80 > 0 else { continue }
            let se = (try? SampleStatistics.quantileStandardError(sorted: samples, p: 0.8)) ?? 0
            if 1.96 * se > precision / 100 * p80 { return false }
        }
        return true
    }
}
