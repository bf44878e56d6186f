import Scheduling
import SimKernel
import TaskModel

/// The completion (or failure) of one attempt segment, as the event calendar carries it.
@frozen
public struct AttemptEvent: Sendable {
    public var task: Int32
    /// Bumped when the segment is paused, so its pending event is recognised as stale.
    public var generation: UInt32
    public var fails: Bool

    @inlinable
    public init(task: Int32, generation: UInt32, fails: Bool) {
        self.task = task
        self.generation = generation
        self.fails = fails
    }
}

/// The result of one replication.
public struct SimulationResult: Sendable {
    @inlinable
    public init(makespanHours: Double, outcome: RunOutcome, metrics: RunMetrics, trace: RunTrace?) {
        self.makespanHours = makespanHours
        self.outcome = outcome
        self.metrics = metrics
        self.trace = trace
    }

    public var makespanHours: Double
    public var outcome: RunOutcome
    public var metrics: RunMetrics
    /// Present unless the run used `TraceLevel.none`.
    public var trace: RunTrace?
}

/// One replication of a plan in virtual time: the scheduling core (`Plan`) driven by an event
/// calendar instead of processes. Durations come in per run (hours, by task index), failures from
/// a `FaultSource`, so the Monte Carlo engine can feed sampled values and nothing in here draws a
/// random number.
///
/// The loop is ninja's `Builder::Build` with the clock made virtual: take every event of the next
/// instant, report each to the plan, let the plan decide once, schedule what it started. An
/// attempt's state: scheduled (event pending) → done (event delivered) | paused (event stale,
/// remaining time kept) → scheduled again on resume.
///
/// A simulator is reusable: `makespan` and `run` reset it in place, and with `TraceLevel.none`
/// and `NoFaults` a run allocates nothing after the first.
public struct Simulator<Policy: SchedulingPolicy>: Sendable {
    @usableFromInline var _plan: Plan<Policy>
    @usableFromInline var queue: EventQueue<AttemptEvent>
    @usableFromInline var clock = VirtualClock()
    @usableFromInline var generation: ContiguousArray<UInt32>
    @usableFromInline var segmentStart: ContiguousArray<Double>
    @usableFromInline var segmentEnd: ContiguousArray<Double>
    @usableFromInline var workDone: ContiguousArray<Double>
    @usableFromInline var failing: ContiguousArray<Bool>
    @usableFromInline var remaining: ContiguousArray<Double>
    /// Whether a running task can be paused (then segments are tracked even without faults).
    @usableFromInline let mayPause: Bool

    public init(problem: SchedulingProblem, policy: Policy, order: ReadyOrder) {
        _plan = Plan(problem: problem, policy: policy, order: order)
        let n = problem.taskCount
        queue = EventQueue(capacity: n)
        generation = ContiguousArray(repeating: 0, count: n)
        segmentStart = ContiguousArray(repeating: 0, count: n)
        segmentEnd = ContiguousArray(repeating: 0, count: n)
        workDone = ContiguousArray(repeating: 0, count: n)
        failing = ContiguousArray(repeating: false, count: n)
        remaining = ContiguousArray(repeating: 0, count: n)
        mayPause = _plan.mayPause
    }

    public var problem: SchedulingProblem { _plan.problem }

    /// The plan, with the state of the last run.
    public var plan: Plan<Policy> { _plan }

    /// The makespan of one run with every attempt succeeding, recording nothing: the Monte Carlo
    /// hot path.
    /// - Throws: `TasksError` exit 4 if the run gets stuck (a bug).
    @inlinable
    public mutating func makespan(durations: [Double]) throws(TasksError) -> Double {
        var faults = NoFaults()
        try simulate(durations: durations, faults: &faults, trace: .none)
        return _plan.makespan
    }

    /// One full run.
    /// - Parameters:
    ///   - durations: hours by task index (a sample, or one of the plan's three points).
    ///   - faults: decides each attempt's fate; `NoFaults()` for none.
    ///   - trace: how much to record.
    ///   - snapshotTimes: hours at which to take `execution_simulation` snapshots (`.full` only).
    @inlinable
    public mutating func run<F: FaultSource>(durations: [Double], faults: inout F, trace: TraceLevel = .full,
                                             snapshotTimes: [Double] = []) throws(TasksError) -> SimulationResult {
        try simulate(durations: durations, faults: &faults, trace: trace)
        return SimulationResult(makespanHours: _plan.makespan, outcome: _plan.outcome, metrics: _plan.metrics,
                                trace: trace == .none ? nil : _plan.trace(snapshotTimes: snapshotTimes))
    }

    /// Runs with a full trace and returns its digest: the critical chain and contention without
    /// the `RunTrace` that `run` builds.
    @inlinable
    public mutating func digest<F: FaultSource>(durations: [Double], faults: inout F) throws(TasksError) -> RunDigest {
        try simulate(durations: durations, faults: &faults, trace: .full)
        return _plan.digest()
    }

    /// Convenience for runs without failures.
    public mutating func run(durations: [Double], trace: TraceLevel = .full, snapshotTimes: [Double] = [])
        throws(TasksError) -> SimulationResult
    {
        var faults = NoFaults()
        return try run(durations: durations, faults: &faults, trace: trace, snapshotTimes: snapshotTimes)
    }

    @inlinable
    mutating func simulate<F: FaultSource>(durations: [Double], faults: inout F, trace: TraceLevel) throws(TasksError) {
        let n = _plan.problem.taskCount
        precondition(durations.count == n, "durations has \(durations.count) entries for \(n) tasks")
        queue.reset()
        clock.reset()
        for i in 0..<n { generation[i] = 0 }
        _plan.begin(at: 0, trace: trace)
        _plan.step(at: 0)
        apply(durations: durations, faults: &faults, now: 0)
        // A generous bound on decision instants: every event, timer and breaker interval of a sane
        // run fits many times over, so reaching it means the core is spinning.
        let limit = 1_000_000 + 64 * n * (Int(_plan.problem.failurePolicy.maxRetries) + 2)
        var steps = 0
        while !_plan.isFinished {
            let now = min(queue.nextTime, _plan.nextTimerTime)
            guard now.isFinite, steps < limit else {
                throw TasksError(.unresolvableResources, "\(_plan.problem.sourceName): \(_plan.stuckDescription())")
            }
            steps += 1
            clock.advance(to: now)
            while let event = queue.popNext(at: now) {
                let e = event.payload
                guard e.generation == generation[Int(e.task)] else { continue }
                if e.fails {
                    let d = durations[Int(e.task)]
                    let done = workDone[Int(e.task)] + (now - segmentStart[Int(e.task)])
                    _plan.taskFailed(e.task, at: now, progress: d > 0 ? done / d : 0)
                } else {
                    _plan.taskSucceeded(e.task, at: now)
                }
            }
            _plan.step(at: now)
            apply(durations: durations, faults: &faults, now: now)
        }
    }

    /// Schedules what the plan decided: an attempt runs `(1 − resumeFrom) · d` hours, or the
    /// fraction of that its fault source says it gets through before failing.
    @inlinable
    mutating func apply<F: FaultSource>(durations: [Double], faults: inout F, now: Double) {
        for i in 0..<_plan.actionCount {
            let a = _plan.action(i)
            let t = Int(a.task)
            switch a.kind {
            case .start:
                let d = durations[t]
                let work = a.resumeFrom == 0 ? d : d * (1 - a.resumeFrom)
                if F.self == NoFaults.self && !mayPause {
                    // Nothing can fail or pause: the completion is all that needs remembering.
                    queue.schedule(at: now + work, AttemptEvent(task: a.task, generation: generation[t], fails: false))
                    continue
                }
                workDone[t] = d - work
                var length = work
                var fails = false
                if case .fails(let f) = faults.outcome(task: a.task, attempt: a.attempt,
                                                       failureProbability: _plan.problem.failureProbability[t]) {
                    length = f * work
                    fails = true
                }
                schedule(t, end: now + length, fails: fails, now: now)
            case .resume:
                schedule(t, end: now + remaining[t], fails: failing[t], now: now)
            case .pause:
                remaining[t] = max(0, segmentEnd[t] - now)
                workDone[t] += now - segmentStart[t]
                generation[t] &+= 1
            }
        }
    }

    @inlinable
    mutating func schedule(_ t: Int, end: Double, fails: Bool, now: Double) {
        segmentStart[t] = now
        segmentEnd[t] = end
        failing[t] = fails
        queue.schedule(at: end, AttemptEvent(task: Int32(t), generation: generation[t], fails: fails))
    }
}

extension Simulator where Policy == RollingFrontierPolicy {
    /// A rolling-frontier simulator with the given priority rule.
    public init(rollingFrontier problem: SchedulingProblem, rule: PriorityRule = .bottomLevel) {
        self.init(problem: problem, policy: RollingFrontierPolicy(), order: ReadyOrder(problem, rule: rule))
    }
}

extension Simulator where Policy == WavePolicy {
    /// A wave-based simulator: waves formed by `configuration`, dispatched by `rule` inside a wave.
    public init(waves problem: SchedulingProblem, rule: PriorityRule = .bottomLevel,
                configuration: WaveConfiguration = WaveConfiguration()) {
        let order = ReadyOrder(problem, rule: rule)
        self.init(problem: problem, policy: WavePolicy(problem, order: order, configuration: configuration), order: order)
    }
}
