/// Records a run as it happens, at the chosen `TraceLevel`. Every hook starts with a level check,
/// so with `.none` recording costs one predictable branch per event and touches no memory.
struct TraceRecorder: Sendable {
    struct SegmentRecord: Sendable {
        var task: Int32
        var attempt: Int32
        var worker: Int32
        var start: Double
        var end: Double
        var ending: RunTrace.Ending
    }

    struct LoadSample: Sendable {
        var time: Double
        var running: Int32
        var cpu: Double
        var memory: Double
    }

    private(set) var level = TraceLevel.none
    var isOn: Bool { level != .none }

    var predecessorsDoneAt: ContiguousArray<Double> = []
    var readyAt: ContiguousArray<Double> = []
    var enqueuedAt: ContiguousArray<Double> = []
    var firstStart: ContiguousArray<Double> = []
    var endAt: ContiguousArray<Double> = []
    var attempts: ContiguousArray<Int32> = []
    var waitHours: ContiguousArray<Double> = []
    var longestWait: ContiguousArray<Double> = []
    var waitedFor: ContiguousArray<BlockReason> = []
    /// Indexed by `slot(of:)`: named resources, then the global limits.
    var contention: ContiguousArray<Int32> = []
    var contentionHours: ContiguousArray<Double> = []
    var segments: ContiguousArray<SegmentRecord> = []
    /// Each segment's end as it happens: in time order, since events arrive in time order, so the
    /// critical chain finds the tasks finishing at an instant without sorting every segment.
    var endings: ContiguousArray<(time: Double, task: Int32)> = []
    var openSegment: ContiguousArray<Int32> = []
    var samples: ContiguousArray<LoadSample> = []
    var resourceCount = 0

    static let globalReasons: [BlockReason] = [.slots, .cpu, .memory, .worker, .cpuBackpressure, .memoryBackpressure,
                                               .circuitBreaker, .stopped]

    mutating func reset(level: TraceLevel, problem: SchedulingProblem) {
        self.level = level
        guard level != .none else { return }
        let n = problem.taskCount
        resourceCount = problem.resourceCount
        func fill<T>(_ a: inout ContiguousArray<T>, _ v: T, _ count: Int) {
            if a.count != count { a = ContiguousArray(repeating: v, count: count) } else { for i in a.indices { a[i] = v } }
        }
        fill(&predecessorsDoneAt, .nan, n)
        fill(&readyAt, .nan, n)
        fill(&enqueuedAt, .nan, n)
        fill(&firstStart, .nan, n)
        fill(&endAt, .nan, n)
        fill(&attempts, 0, n)
        fill(&waitHours, 0, n)
        fill(&longestWait, 0, n)
        fill(&waitedFor, .none, n)
        fill(&contention, 0, resourceCount + Self.globalReasons.count)
        fill(&contentionHours, 0, resourceCount + Self.globalReasons.count)
        fill(&openSegment, -1, n)
        segments.removeAll(keepingCapacity: true)
        endings.removeAll(keepingCapacity: true)
        samples.removeAll(keepingCapacity: true)
    }

    func slot(of reason: BlockReason) -> Int? {
        if let r = reason.resourceIndex { return Int(r) }
        return Self.globalReasons.firstIndex(of: reason).map { resourceCount + $0 }
    }

    @inline(__always)
    mutating func predecessorsDone(_ t: Int32, at now: Double) {
        guard level != .none else { return }
        predecessorsDoneAt[Int(t)] = now
    }

    @inline(__always)
    mutating func enqueued(_ t: Int32, at now: Double) {
        guard level != .none else { return }
        if readyAt[Int(t)].isNaN { readyAt[Int(t)] = now }
        enqueuedAt[Int(t)] = now
    }

    @inline(__always)
    mutating func started(_ t: Int32, at now: Double, attempt: Int32, worker: Int32, waitedFor reason: BlockReason) {
        guard level != .none else { return }
        let i = Int(t)
        if firstStart[i].isNaN { firstStart[i] = now }
        attempts[i] = attempt
        let wait = now - enqueuedAt[i]
        if wait > 0 {
            waitHours[i] += wait
            if let s = slot(of: reason) {
                contention[s] += 1
                contentionHours[s] += wait
            }
            if wait > longestWait[i] {
                longestWait[i] = wait
                waitedFor[i] = reason
            }
        }
        guard level == .full else { return }
        openSegment[i] = Int32(segments.count)
        segments.append(SegmentRecord(task: t, attempt: attempt, worker: worker, start: now, end: .nan, ending: .completed))
    }

    @inline(__always)
    mutating func segmentEnded(_ t: Int32, at now: Double, ending: RunTrace.Ending) {
        guard level != .none else { return }
        endAt[Int(t)] = now
        guard level == .full, openSegment[Int(t)] >= 0 else { return }
        let s = Int(openSegment[Int(t)])
        segments[s].end = now
        segments[s].ending = ending
        openSegment[Int(t)] = -1
        endings.append((now, t))
    }

    /// One point of the load step series, coalescing points of the same instant and unchanged load.
    @inline(__always)
    mutating func sample(at now: Double, running: Int32, cpuUsed: Double, memoryUsed: Double, _ p: SchedulingProblem) {
        guard level == .full else { return }
        let point = LoadSample(time: now, running: running, cpu: cpuUsed, memory: memoryUsed)
        if let last = samples.last {
            if last.time == now {
                samples[samples.count - 1] = point
                if samples.count >= 2, let prev = Optional(samples[samples.count - 2]),
                   prev.running == running && prev.cpu == cpuUsed && prev.memory == memoryUsed {
                    samples.removeLast()
                }
                return
            }
            if last.running == running && last.cpu == cpuUsed && last.memory == memoryUsed { return }
        }
        samples.append(point)
    }
}
