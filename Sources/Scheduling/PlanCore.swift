import HeapModule

/// Where a task is in its life. `Plan` documents the transitions.
@usableFromInline
enum TaskState: UInt8, Sendable, BitwiseCopyable {
    case waiting, held, ready, running, paused, backoff, finished, failed, blocked
}

/// A retry's backoff expiry, ordered by `(time, seq)`.
struct BackoffTimer: Comparable, Sendable {
    var time: Double
    var seq: UInt64
    var task: Int32
    static func < (a: Self, b: Self) -> Bool { a.time < b.time || (a.time == b.time && a.seq < b.seq) }
    static func == (a: Self, b: Self) -> Bool { a.time == b.time && a.seq == b.seq }
}

/// The bookkeeping of `Plan`, kept free of the policy's type parameter so it is compiled (and
/// optimised) once, in this module. `Plan<Policy>` is a thin inlinable layer that routes tasks
/// between this core and the policy.
///
/// Every buffer is sized when the core is made and reused by every run: `begin` rewrites contents in
/// place, so a run with `TraceLevel.none` allocates nothing once warmed up.
///
/// `@unchecked Sendable`: the column pointers belong to `columns` (and `buckets`, `ledger` to
/// theirs), which `makeUnique` copies before any write while another value shares them — the
/// copy-on-write contract of `Array`, so values may cross threads like arrays do.
@usableFromInline
struct PlanCore: @unchecked Sendable {
    @usableFromInline let problem: SchedulingProblem
    @usableFromInline let order: ReadyOrder
    let failureMode: FailureMode

    /// Owns the per-task and per-class columns below (see `Columns`).
    @usableFromInline var columns: Columns
    var state: UnsafeMutableBufferPointer<TaskState>
    var predsLeft: UnsafeMutableBufferPointer<Int32>
    var attempts: UnsafeMutableBufferPointer<Int32>
    var checkpoint: UnsafeMutableBufferPointer<Double>
    var worker: UnsafeMutableBufferPointer<Int32>
    var segmentStart: UnsafeMutableBufferPointer<Double>
    var runSlot: UnsafeMutableBufferPointer<Int32>
    var startedHalfOpen: UnsafeMutableBufferPointer<Bool>
    /// Running tasks in no particular order (`runSlot` is each one's position).
    @usableFromInline var running: ColumnStack<Int32>
    var buckets = ReadyBuckets()
    var ledger: ResourceLedger
    var workers: WorkerSlots
    var breaker = CircuitBreaker()
    var backoff = Heap<BackoffTimer>()
    var backoffSeq: UInt64 = 0
    /// The earliest backoff expiry or breaker transition, kept current by `refreshTimerWake` so
    /// the drivers' per-event queries (`nextTimerTime`, `isFinished`) are field reads: a call
    /// into this large struct copies all of it (a kilobyte) to the stack each time.
    @usableFromInline var timerWake = Double.infinity
    @usableFromInline var backoffCount = 0
    @usableFromInline let hasBreaker: Bool
    var classBlock: UnsafeMutableBufferPointer<BlockReason>
    var classBlockTime: UnsafeMutableBufferPointer<Double>
    var passBlock = BlockReason.none
    var passBlockTime = -Double.infinity
    var stack: ContiguousArray<Int32> = []
    /// Whether any task could ever be paused (saves the scan when none can).
    let hasPausable: Bool

    /// The decisions of the last step: at most two per task (a pause, then a resume in a later
    /// pass of the same step).
    @usableFromInline var actions: ColumnStack<PlanAction>
    @usableFromInline var newlyReady: ColumnStack<Int32>
    @usableFromInline var newlyResolved: ColumnStack<Int32>
    @usableFromInline var released: ContiguousArray<Int32> = []

    @usableFromInline var now = 0.0
    var lastIntegrated = 0.0
    var epoch: UInt64 = 0
    @usableFromInline var unresolved = 0
    var failedCount = 0
    var blockedCount = 0
    @usableFromInline var stopped = false
    var endedAt = 0.0
    var metrics = RunMetrics()
    var recorder = TraceRecorder()
    /// The machine's load as the executor measures it (percent); nil: the modeled load decides.
    @usableFromInline var measuredCPUPercent: Double?
    @usableFromInline var measuredMemoryPercent: Double?

    @usableFromInline
    init(problem: SchedulingProblem, order: ReadyOrder) {
        self.problem = problem
        self.order = order
        self.failureMode = problem.settings.failureMode
        self.workers = WorkerSlots(problem.workers)
        self.hasBreaker = problem.backpressure != nil
        self.ledger = ResourceLedger(problem)
        let n = problem.taskCount, classes = problem.classCount
        let c = Columns()
        _ = c.add(TaskState.waiting, count: n)
        _ = c.add(Int32(0), count: n)
        _ = c.add(Int32(0), count: n)
        _ = c.add(0.0, count: n)
        _ = c.add(Int32(-1), count: n)
        _ = c.add(0.0, count: n)
        _ = c.add(Int32(-1), count: n)
        _ = c.add(false, count: n)
        _ = c.add(BlockReason.none, count: classes)
        _ = c.add(-Double.infinity, count: classes)
        _ = c.add(Int32(0), count: n)
        _ = c.add(Int32(0), count: n)
        _ = c.add(PlanAction(kind: .start, task: -1, attempt: 0, worker: -1, resumeFrom: 0), count: 2 * n + 1)
        _ = c.add(Int32(0), count: n)
        columns = c
        (state, predsLeft, attempts, checkpoint, worker, segmentStart, runSlot, startedHalfOpen, classBlock, classBlockTime)
            = Self.views(c)
        newlyReady = ColumnStack(c.column(10, as: Int32.self))
        newlyResolved = ColumnStack(c.column(11, as: Int32.self))
        actions = ColumnStack(c.column(12, as: PlanAction.self))
        running = ColumnStack(c.column(13, as: Int32.self))
        released.reserveCapacity(n)
        stack.reserveCapacity(n)
        backoff.reserveCapacity(n)
        self.hasPausable = problem.backpressure?.cpuThresholdPercent != nil && problem.machineCPUCores.isFinite
            && problem.taskCount > 0 && (0..<problem.taskCount).contains { problem.canPauseResume[$0] && problem.isLowPriority[$0] }
    }

    // MARK: - Run lifecycle

    /// The columns of `c` in the order `init` added them.
    static func views(_ c: Columns) -> (UnsafeMutableBufferPointer<TaskState>, UnsafeMutableBufferPointer<Int32>,
                                        UnsafeMutableBufferPointer<Int32>, UnsafeMutableBufferPointer<Double>,
                                        UnsafeMutableBufferPointer<Int32>, UnsafeMutableBufferPointer<Double>,
                                        UnsafeMutableBufferPointer<Int32>, UnsafeMutableBufferPointer<Bool>,
                                        UnsafeMutableBufferPointer<BlockReason>, UnsafeMutableBufferPointer<Double>) {
        (c.column(0, as: TaskState.self), c.column(1, as: Int32.self), c.column(2, as: Int32.self),
         c.column(3, as: Double.self), c.column(4, as: Int32.self), c.column(5, as: Double.self),
         c.column(6, as: Int32.self), c.column(7, as: Bool.self), c.column(8, as: BlockReason.self),
         c.column(9, as: Double.self))
    }

    /// Resets every buffer for a new run starting at `start`; the sources land in `newlyReady`.
    @usableFromInline
    mutating func begin(at start: Double, trace level: TraceLevel) {
        let n = problem.taskCount
        for t in 0..<n {
            state[t] = .waiting
            predsLeft[t] = problem.predecessorOffsets[t + 1] - problem.predecessorOffsets[t]
            attempts[t] = 0
            checkpoint[t] = 0
            worker[t] = -1
            runSlot[t] = -1
            startedHalfOpen[t] = false
        }
        classBlock.update(repeating: .none)
        classBlockTime.update(repeating: -.infinity)
        running.removeAll()
        buckets.reset(problem, rankBound: order.rule == .fifo ? nil : problem.taskCount, parking: level == .none)
        ledger.reset(problem)
        workers.reset()
        breaker.reset(window: problem.backpressure?.errorWindow ?? 0)
        backoff.removeAll(where: { _ in true })
        backoffCount = 0
        backoffSeq = 0
        passBlock = .none
        passBlockTime = -.infinity
        actions.removeAll()
        newlyReady.removeAll()
        newlyResolved.removeAll()
        released.removeAll(keepingCapacity: true)
        now = start
        lastIntegrated = start
        epoch = 0
        unresolved = n
        failedCount = 0
        blockedCount = 0
        stopped = false
        measuredCPUPercent = nil
        measuredMemoryPercent = nil
        endedAt = start
        metrics.reset(resources: problem.resourceCount, start: start)
        recorder.reset(level: level, problem: problem)
        for t in 0..<n where predsLeft[t] == 0 {
            newlyReady.append(Int32(t))
            recorder.predecessorsDone(Int32(t), at: start)
        }
    }

    /// Copies the buffers held by reference if this value shares them with a copy; every entry
    /// point that mutates calls it first.
    ///
    /// One check covers all three owners (`columns`, the buckets' and the ledger's storage): they
    /// are made together and reachable only through a core, so a copy of the core shares all of
    /// them or none. That is one runtime call per entry point instead of three, twice per event.
    @usableFromInline
    mutating func makeUnique() {
        guard !isKnownUniquelyReferenced(&columns) else { return }
        columns = columns.copy()
        (state, predsLeft, attempts, checkpoint, worker, segmentStart, runSlot, startedHalfOpen, classBlock, classBlockTime)
            = Self.views(columns)
        newlyReady = newlyReady.rebased(columns.column(10, as: Int32.self))
        newlyResolved = newlyResolved.rebased(columns.column(11, as: Int32.self))
        actions = actions.rebased(columns.column(12, as: PlanAction.self))
        running = running.rebased(columns.column(13, as: Int32.self))
        buckets.copyStorage()
        ledger.copyColumns()
    }

    @inlinable
    var isFinished: Bool { unresolved == 0 || (stopped && running.isEmpty) }

    /// Moves the core's notion of time to `now`, integrating the load over the elapsed interval.
    @usableFromInline
    mutating func advance(to time: Double) {
        precondition(time >= now, "plan time moved backwards from \(now) to \(time) [this is a bug]")
        guard time > now else { return }
        let dt = time - lastIntegrated
        metrics.taskHours += Double(ledger.running) * dt
        metrics.cpuCoreHours += ledger.cpuUsed * dt
        metrics.memoryMBHours += ledger.memoryUsed * dt
        lastIntegrated = time
        now = time
        epoch &+= 1
    }

    // MARK: - Outcomes reported by the driver

    /// Task `t` finished successfully at `now`: free what it held, resolve it, and collect the
    /// successors it was the last predecessor of.
    @usableFromInline
    mutating func finish(_ t: Int32) {
        precondition(state[Int(t)] == .running, "task \(problem.ids[Int(t)]) finished but is not running [this is a bug]")
        stopRunning(t, ending: .completed)
        state[Int(t)] = .finished
        if let model = problem.backpressure {
            _ = breaker.record(failed: false, startedHalfOpen: startedHalfOpen[Int(t)], model: model, now: now)
        }
        resolve(t)
        for k in problem.successors(of: t) {
            let s = problem.successorTargets[k]
            predsLeft[Int(s)] -= 1
            if predsLeft[Int(s)] == 0 && state[Int(s)] == .waiting {
                newlyReady.append(s)
                recorder.predecessorsDone(s, at: now)
            }
        }
        settleIfFinished()
    }

    /// Attempt `attempts[t]` of task `t` failed at `now` after doing `progress` (0...1) of the
    /// task's work. It is retried after its backoff, from its last checkpoint, while it has
    /// retries left; otherwise it fails for good and its descendants are blocked.
    @usableFromInline
    mutating func fail(_ t: Int32, progress: Double) {
        precondition(state[Int(t)] == .running, "task \(problem.ids[Int(t)]) failed but is not running [this is a bug]")
        stopRunning(t, ending: .failed)
        metrics.failedAttempts += 1
        if let model = problem.backpressure,
           breaker.record(failed: true, startedHalfOpen: startedHalfOpen[Int(t)], model: model, now: now) {
            metrics.breakerTrips += 1
        }
        let policy = problem.failurePolicy
        if attempts[Int(t)] <= problem.maxRetries[Int(t)] {
            if problem.checkpointCapable[Int(t)] {
                checkpoint[Int(t)] = max(checkpoint[Int(t)], policy.checkpoint(atProgress: min(max(progress, 0), 1)))
            } else {
                checkpoint[Int(t)] = 0
            }
            state[Int(t)] = .backoff
            backoff.insert(BackoffTimer(time: now + policy.backoffHours(afterAttempt: attempts[Int(t)]), seq: backoffSeq, task: t))
            backoffCount += 1
            backoffSeq &+= 1
            metrics.retries += 1
        } else {
            state[Int(t)] = .failed
            failedCount += 1
            resolve(t)
            blockDescendants(of: t)
            if failureMode == .stopStarting { stopped = true }
        }
        settleIfFinished()
    }

    /// Marks every not-yet-ready descendant of a task that failed for good as blocked. They are
    /// all still waiting: each has an unfinished ancestor.
    mutating func blockDescendants(of t: Int32) {
        stack.removeAll(keepingCapacity: true)
        stack.append(t)
        while let u = stack.popLast() {
            for k in problem.successors(of: u) {
                let s = problem.successorTargets[k]
                guard state[Int(s)] == .waiting else { continue }
                state[Int(s)] = .blocked
                blockedCount += 1
                resolve(s)
                stack.append(s)
            }
        }
    }

    @inline(__always)
    mutating func resolve(_ t: Int32) {
        unresolved -= 1
        newlyResolved.append(t)
        if now > endedAt { endedAt = now }
    }

    mutating func settleIfFinished() {
        guard isFinished else { return }
        ledger.settle(at: now)
        metrics.makespan = endedAt - metrics.start
    }

    /// Frees everything `t` holds and takes it off the running list.
    mutating func stopRunning(_ t: Int32, ending: RunTrace.Ending) {
        ledger.release(t, problem, at: now)
        if buckets.parking {
            for k in problem.locks(of: t) { buckets.unpark(problem.lockIDs[k]) }
            for k in problem.pools(of: t) { buckets.unpark(Int32(problem.lockCount) + problem.poolIDs[k]) }
        }
        let w = worker[Int(t)]
        if w >= 0 { workers.release(w, cpu: problem.cpuCores[Int(t)], memory: problem.memoryMB[Int(t)]) }
        let slot = Int(runSlot[Int(t)])
        let last = running.removeLast()
        if last != t {
            running[slot] = last
            runSlot[Int(last)] = Int32(slot)
        }
        runSlot[Int(t)] = -1
        // A run that stops after a failure ends with its last activity, which may be a failed attempt.
        if now > endedAt { endedAt = now }
        recorder.segmentEnded(t, at: now, ending: ending)
    }

    // MARK: - Entering the ready set

    /// `t` enters the ready set (admitted by the policy, released from hold, or out of backoff).
    @usableFromInline
    mutating func enqueue(_ t: Int32) {
        if state[Int(t)] != .paused { state[Int(t)] = .ready }
        buckets.insert(order.key(t, epoch: epoch), class: problem.demandClass[Int(t)])
        recorder.enqueued(t, at: now)
    }

    @usableFromInline
    mutating func hold(_ t: Int32) { state[Int(t)] = .held }

    // MARK: - Timers

    /// The earliest backoff expiry or breaker transition, or `+infinity`.
    @inlinable
    var nextTimerTime: Double { timerWake }

    /// Whether a backoff or the breaker can be due: without either, `fireTimers` has nothing to
    /// fire and `refreshTimerWake` nothing to recompute, and `Plan` skips both calls (two per event
    /// of a Monte Carlo run otherwise).
    @inlinable
    var hasTimers: Bool { backoffCount > 0 || hasBreaker || timerWake != .infinity }

    /// Recomputes `timerWake`; `Plan` calls it at the end of every entry point that mutates.
    @usableFromInline
    mutating func refreshTimerWake() {
        timerWake = backoffCount == 0 && !hasBreaker
            ? .infinity : min(backoff.min?.time ?? .infinity, problem.backpressure == nil ? .infinity : breaker.wakeTime)
    }

    /// Retries whose backoff has expired become ready; the breaker moves on.
    @usableFromInline
    mutating func fireTimers() {
        while let b = backoff.min, b.time <= now {
            _ = backoff.popMin()
            backoffCount -= 1
            if state[Int(b.task)] == .backoff { enqueue(b.task) }
        }
        if let model = problem.backpressure { breaker.advance(to: now, model) }
    }
}
