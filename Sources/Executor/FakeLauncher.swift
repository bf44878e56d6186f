import HeapModule
import TaskModel

/// A launcher that runs nothing: each attempt of task `t` takes `durations[t]` hours of a
/// `ManualClock`, and `wait` moves that clock to the next end. With the simulator's durations
/// (and its fault script) an execution is replayed exactly as the simulator computes it —
/// the differential test's half of "one scheduler, two drivers" (ninja's `FakeCommandRunner`).
///
/// Ends at one instant are reported together, in the order their attempts were scheduled, as
/// the simulator's event calendar orders them.
public final class FakeLauncher: ProcessLauncher {
    public let clock: ManualClock
    let durations: [Double]
    /// `failures[task][attempt]`: the fraction of the attempt's work done when it fails.
    public var failures: [Int32: [Int32: Double]]
    /// Exit status of acceptance-check commands, by command text (0 when absent).
    public var checkStatus: [String: Int32] = [:]
    /// Every request started, in order.
    public private(set) var started: [AttemptRequest] = []

    struct Pending: Comparable {
        var time: Double
        var seq: UInt64
        var task: Int32
        var generation: UInt32
        static func < (a: Self, b: Self) -> Bool { a.time < b.time || (a.time == b.time && a.seq < b.seq) }
        static func == (a: Self, b: Self) -> Bool { a.time == b.time && a.seq == b.seq }
    }

    struct Attempt {
        var generation: UInt32 = 0
        var live = false
        var failing = false
        var killed = false
        var work = 0.0
        var workDone = 0.0
        var segmentStart = 0.0
        var segmentEnd = 0.0
    }

    var pending = Heap<Pending>()
    var seq: UInt64 = 0
    var attempts: [Attempt]
    var live = 0

    public init(clock: ManualClock, durations: [Double], failures: [Int32: [Int32: Double]] = [:]) {
        self.clock = clock
        self.durations = durations
        self.failures = failures
        attempts = Array(repeating: Attempt(), count: durations.count)
    }

    public var runningCount: Int { live }

    public func start(_ request: AttemptRequest) throws(TasksError) {
        let t = Int(request.task)
        let d = durations[t]
        let work = request.resumeFrom == 0 ? d : d * (1 - request.resumeFrom)
        var length = work
        var failing = false
        if let f = failures[request.task]?[request.attempt] {
            length = f * work
            failing = true
        }
        attempts[t].workDone = d - work
        attempts[t].live = true
        attempts[t].killed = false
        live += 1
        started.append(request)
        schedule(t, end: clock.now + length, failing: failing)
    }

    func schedule(_ t: Int, end: Double, failing: Bool) {
        attempts[t].segmentStart = clock.now
        attempts[t].segmentEnd = end
        attempts[t].failing = failing
        pending.insert(Pending(time: end, seq: seq, task: Int32(t), generation: attempts[t].generation))
        seq &+= 1
    }

    public func wait(until deadline: Double) -> WakeUp {
        var wake = WakeUp()
        while let next = pending.min, next.generation != attempts[Int(next.task)].generation { _ = pending.popMin() }
        guard let next = pending.min, next.time <= deadline else {
            if deadline.isFinite, deadline > clock.now { clock.advance(to: deadline) }
            return wake
        }
        let now = next.time
        clock.advance(to: now)
        while let e = pending.min, e.time == now {
            _ = pending.popMin()
            let t = Int(e.task)
            guard e.generation == attempts[t].generation, attempts[t].live else { continue }
            attempts[t].live = false
            live -= 1
            if attempts[t].killed {
                wake.exits.append(AttemptExit(task: e.task, status: 128 + 15, signaled: true))
            } else if attempts[t].failing {
                let d = durations[t]
                let done = attempts[t].workDone + (now - attempts[t].segmentStart)
                wake.exits.append(AttemptExit(task: e.task, status: 1, progress: d > 0 ? done / d : 0))
            } else {
                wake.exits.append(AttemptExit(task: e.task, status: 0))
            }
        }
        return wake
    }

    public func signal(_ signal: AttemptSignal, task: Int32) {
        let t = Int(task)
        guard attempts[t].live else { return }
        let now = clock.now
        switch signal {
        case .pause:
            attempts[t].work = max(0, attempts[t].segmentEnd - now)
            attempts[t].workDone += now - attempts[t].segmentStart
            attempts[t].generation &+= 1
        case .resume:
            schedule(t, end: now + attempts[t].work, failing: attempts[t].failing)
        case .terminate, .kill:
            guard !attempts[t].killed else { return }
            attempts[t].generation &+= 1
            attempts[t].killed = true
            schedule(t, end: now, failing: false)
        }
    }

    public func check(command: String, directory: String, environment: [String: String], outputPath: String?) -> Int32 {
        checkStatus[command] ?? 0
    }
}
