/// What the driver must do after a decision: start an attempt, resume a paused task, or pause one.
public struct PlanAction: Sendable, Equatable, BitwiseCopyable {
    /// What the driver must do.
    public enum Kind: UInt8, Sendable, BitwiseCopyable {
        /// Run attempt `attempt` of `task` from `resumeFrom` (the fraction of its work saved by
        /// checkpoints; 0 for a fresh start).
        case start
        /// Continue a paused task where it stopped.
        case resume
        /// Suspend `task` now; it keeps its progress and will be resumed by a later `.resume`.
        case pause
    }

    public var kind: Kind
    public var task: Int32
    /// 1-based attempt number.
    public var attempt: Int32
    /// The worker assigned, or -1 when no worker pool binds.
    public var worker: Int32
    public var resumeFrom: Double

    public init(kind: Kind, task: Int32, attempt: Int32, worker: Int32, resumeFrom: Double) {
        self.kind = kind
        self.task = task
        self.attempt = attempt
        self.worker = worker
        self.resumeFrom = resumeFrom
    }
}

/// The scheduling core: which task starts when, given what has finished. One `Plan` serves the
/// discrete-event simulator (virtual time) and the process executor (wall clock) alike: it never
/// reads a clock, performs no I/O and draws no random numbers — time arrives as `now` (hours), and
/// outcomes arrive as calls (ninja's `Plan`, with `Pool`s as counters re-checked on every finish).
///
/// Task states and transitions:
/// ```
/// waiting ──(last predecessor finished)──▶ held ──(wave released)──▶ ready
///    │                                        (rolling frontier: straight to ready)
///    └──(an ancestor failed for good)──▶ blocked
/// ready ──(fits: slot, CPU, memory, locks, pools, worker, gates)──▶ running (admitted)
/// running ──taskSucceeded──▶ finished
/// running ──taskFailed──▶ backoff ──(timer)──▶ ready      while retries remain
///                      └─▶ failed                          otherwise (descendants → blocked)
/// running ──(CPU backpressure)──▶ paused ──(fits again)──▶ running (resume)
/// ```
///
/// A driver's loop, in the style of ninja's `Builder::Build`:
/// ```
/// plan.begin(at: 0)
/// plan.step(at: 0)                      // act on plan.actions: start / resume / pause
/// while !plan.isFinished {
///     now = min(next completion, plan.nextTimerTime)
///     for each completion at now: plan.taskSucceeded(t, at: now) or plan.taskFailed(t, at: now, progress:)
///     plan.step(at: now)                // then act on plan.actions
/// }
/// ```
/// Completions at one instant are all reported before the single `step` of that instant, the
/// semantics of the reference peers. If nothing runs, no timer is pending and the plan is not
/// finished, `isStuck` is true: that is a bug, and drivers fail loudly with `stuckDescription`.
public struct Plan<Policy: SchedulingPolicy>: Sendable {
    @usableFromInline var core: PlanCore
    @usableFromInline var _policy: Policy

    /// The policy, with the state of the last run (a `WavePolicy`'s release times, say).
    public var policy: Policy { _policy }

    public init(problem: SchedulingProblem, policy: Policy, order: ReadyOrder) {
        precondition(order.rank.count == problem.taskCount, "ReadyOrder built for another problem")
        core = PlanCore(problem: problem, order: order)
        self._policy = policy
    }

    public var problem: SchedulingProblem { core.problem }
    public var order: ReadyOrder { core.order }

    /// Resets the plan for a run starting at `start` and makes the sources ready. Buffers are
    /// reused from the previous run.
    @inlinable
    public mutating func begin(at start: Double = 0, trace: TraceLevel = .none) {
        _policy.begin(core.problem, at: start)
        core.makeUnique()
        core.begin(at: start, trace: trace)
        route()
        core.refreshTimerWake()
    }

    /// The current attempt of `t` finished successfully at `now`.
    @inlinable
    public mutating func taskSucceeded(_ t: Int32, at now: Double) {
        core.makeUnique()
        if now != core.now { core.advance(to: now) }
        core.finish(t)
        route()
        if core.hasTimers { core.refreshTimerWake() }
    }

    /// The current attempt of `t` failed at `now`, with `progress` (0...1) of the task's work done
    /// in total; checkpoint-capable tasks keep the last checkpoint at or below it.
    @inlinable
    public mutating func taskFailed(_ t: Int32, at now: Double, progress: Double) {
        core.makeUnique()
        if now != core.now { core.advance(to: now) }
        core.fail(t, progress: progress)
        route()
        core.refreshTimerWake()
    }

    /// Makes the decision of time `now`: expired timers first, then the greedy pass(es). The
    /// resulting starts, resumes and pauses are in `actions` until the next call.
    @inlinable
    public mutating func step(at now: Double) {
        core.makeUnique()
        if now != core.now { core.advance(to: now) }
        if core.hasTimers { core.fireTimers() }
        if _policy.nextTimerTime <= now {
            _policy.timersFired(at: now, released: &core.released)
            route()
        }
        core.dispatch()
        if core.hasTimers { core.refreshTimerWake() }
    }

    /// The machine's measured CPU and memory load in percent (the executor reads `/proc`), used by
    /// the backpressure gates instead of the load the plan models until the next call; nil keeps
    /// the modeled figure. Takes effect at the next `step`.
    @inlinable
    public mutating func observeLoad(cpuPercent: Double?, memoryPercent: Double?) {
        core.measuredCPUPercent = cpuPercent
        core.measuredMemoryPercent = memoryPercent
    }

    /// How many workers of the pool take new tasks (clamped to 1 ... the modelled count); tasks
    /// already running on others finish there. The executor's adaptive pool grows it while the
    /// machine has headroom; simulation always uses the whole pool. Takes effect at the next `step`.
    public mutating func setActiveWorkers(_ n: Int) {
        guard let m = core.problem.workers else { return }
        core.workers.active = min(max(n, 1), m.count)
    }

    /// Workers taking new tasks, or nil without a worker pool.
    public var activeWorkers: Int? { core.problem.workers == nil ? nil : core.workers.active }

    /// The decisions of the last `step`.
    public var actions: ContiguousArray<PlanAction> { core.actions.elements }

    /// How many decisions the last `step` made; with `action(_:)`, the simulator's way through
    /// them without copying them out.
    @inlinable
    public var actionCount: Int { core.actions.count }

    /// Decision `i` (`0 ..< actionCount`) of the last `step`.
    @inlinable
    public func action(_ i: Int) -> PlanAction {
        precondition(i >= 0 && i < core.actions.count, "action index \(i) out of range")
        return core.actions[i]
    }

    /// When the plan next needs to be woken even if nothing finishes (backoff expiry, breaker,
    /// barrier timeout), or `+infinity`.
    @inlinable
    public var nextTimerTime: Double { min(core.nextTimerTime, _policy.nextTimerTime) }

    /// Every task is resolved (finished, failed, blocked), or the run stopped after a failure and
    /// nothing runs any more.
    @inlinable
    public var isFinished: Bool { core.isFinished }

    /// Nothing runs, nothing is due, yet the plan is not finished: a bug in the core.
    @inlinable
    public var isStuck: Bool { !core.isFinished && core.running.isEmpty && nextTimerTime == .infinity }

    public func stuckDescription() -> String { core.stuckDescription() }

    /// Time from the start of the run to its last resolution.
    public var makespan: Double { core.metrics.makespan }

    /// Whether every task finished.
    public var succeeded: Bool { core.failedCount == 0 && core.unresolved == 0 }

    /// Cheap per-run figures (load integrals and peaks), available at every trace level.
    public var metrics: RunMetrics { core.metrics }

    /// Whether backpressure can ever pause a running task in this problem (a low-priority
    /// `can_pause_resume` task under a CPU threshold). Drivers skip pause bookkeeping otherwise.
    public var mayPause: Bool { core.hasPausable }

    /// Tasks running now.
    public var running: ContiguousArray<Int32> { core.running.elements }

    /// Hands tasks whose predecessors are done to the policy, then tells it which tasks resolved,
    /// and enqueues whatever it releases.
    @inlinable
    mutating func route() {
        let now = core.now
        if !core.newlyReady.isEmpty {
            for i in 0..<core.newlyReady.count {
                let t = core.newlyReady[i]
                if _policy.admit(t, at: now) { core.enqueue(t) } else { core.hold(t) }
            }
            core.newlyReady.removeAll()
        }
        if !core.newlyResolved.isEmpty {
            for i in 0..<core.newlyResolved.count {
                _policy.resolved(core.newlyResolved[i], at: now, released: &core.released)
            }
            core.newlyResolved.removeAll()
        }
        if !core.released.isEmpty {
            for i in core.released.indices { core.enqueue(core.released[i]) }
            core.released.removeAll(keepingCapacity: true)
        }
    }
}
