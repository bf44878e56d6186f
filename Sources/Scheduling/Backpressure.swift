import DequeModule
import TaskModel

/// The coordinator's backpressure triggers and recovery, applied to the load the scheduler itself
/// models (the executor feeds the same policy the machine's real load later).
///
/// - `cpu_usage` (CPU% = running tasks' `cpu_cores` / `max_cpu_cores`): a low-priority task
///   (`scheduling_hints.priority: low`) starts or resumes only if CPU% *including it* stays at or
///   below the threshold; when higher-priority starts push CPU% above it, running low-priority
///   `can_pause_resume` tasks are paused (least important first, never one started at this very
///   instant) until CPU% is back under it. A paused task keeps its progress and resumes later.
/// - `memory_usage` (memory% likewise): a memory-intensive task — one that needs at least
///   `memoryIntensiveFraction` (25%) of the machine's memory — starts only if memory% including it
///   stays at or below the threshold.
/// - Both gates are waived while nothing runs: load only falls when something finishes, so a gate
///   that held then would hold forever.
/// - `error_rate` (failed attempts among the last `errorWindow` attempts that ended, in percent):
///   above the threshold the circuit breaker opens — see `CircuitBreaker`.
public struct BackpressureModel: Sendable, Equatable {
    public var cpuThresholdPercent: Double?
    public var memoryThresholdPercent: Double?
    public var errorRateThresholdPercent: Double?
    public var coolDownHours: Double
    public var gradualResume: Bool
    /// Starts allowed per cool-down interval while the breaker is half-open (at least 1).
    public var resumeRate: Int32
    public var errorWindow: Int

    public init(cpuThresholdPercent: Double? = 80, memoryThresholdPercent: Double? = 85,
                errorRateThresholdPercent: Double? = 5, coolDownHours: Double = 30.0 / 3600, gradualResume: Bool = true,
                resumeRate: Int32 = 1, errorWindow: Int = 20) {
        self.cpuThresholdPercent = cpuThresholdPercent
        self.memoryThresholdPercent = memoryThresholdPercent
        self.errorRateThresholdPercent = errorRateThresholdPercent
        self.coolDownHours = coolDownHours
        self.gradualResume = gradualResume
        self.resumeRate = max(1, resumeRate)
        self.errorWindow = max(1, errorWindow)
    }

    init(_ policy: CoordinatorDocument.Backpressure, settings: SchedulingSettings, file: String) throws(TasksError) {
        func percent(_ v: Double?, _ name: String) throws(TasksError) -> Double? {
            guard let v else { return nil }
            guard v.isFinite, v >= 0 else { throw TasksError(.invalidPlan, "\(file): \(name) threshold must be a non-negative percentage") }
            return v
        }
        let cool = policy.recovery.coolDownSeconds
        guard cool.isFinite, cool >= 0 else { throw TasksError(.invalidPlan, "\(file): cool_down_seconds must not be negative") }
        self.init(cpuThresholdPercent: try percent(settings.cpuThresholdPercent ?? policy.threshold("cpu_usage"), "cpu_usage"),
                  memoryThresholdPercent: try percent(settings.memoryThresholdPercent ?? policy.threshold("memory_usage"), "memory_usage"),
                  errorRateThresholdPercent: try percent(policy.threshold("error_rate"), "error_rate"),
                  coolDownHours: cool / 3600, gradualResume: policy.recovery.gradualResume,
                  resumeRate: Int32(clamping: Int(policy.recovery.resumeRate.isFinite ? policy.recovery.resumeRate.rounded(.down) : 1)))
    }
}

/// The error-rate circuit breaker.
///
/// States: closed → (error rate above threshold) → open: nothing starts, not even retries or
/// resumes → (after `cool_down_seconds`) → half-open: at most `resume_rate` starts per cool-down
/// interval → closed as soon as an attempt started while half-open succeeds, or open again if any
/// attempt fails. Without `gradual_resume` the breaker closes directly after the cool-down.
/// Closing clears the error window, so an old failure cannot trip it again at once.
struct CircuitBreaker: Sendable {
    enum State: UInt8 { case closed, open, halfOpen }
    var state: State = .closed
    var quota: Int32 = 0
    /// When the current open or half-open interval ends (`+infinity` when closed).
    var deadline = Double.infinity
    var window = Deque<Bool>()
    var failuresInWindow = 0
    var trips: Int32 = 0

    mutating func reset(window capacity: Int) {
        state = .closed
        quota = 0
        deadline = .infinity
        window.removeAll(keepingCapacity: true)
        window.reserveCapacity(capacity)
        failuresInWindow = 0
        trips = 0
    }

    /// Whether one more start is allowed now.
    @inline(__always)
    var admits: Bool { state == .closed || (state == .halfOpen && quota > 0) }

    @inline(__always)
    mutating func noteStart() -> Bool {
        guard state == .halfOpen else { return false }
        quota -= 1
        return true
    }

    /// Records the outcome of an attempt; returns true if the breaker opened.
    mutating func record(failed: Bool, startedHalfOpen: Bool, model: BackpressureModel, now: Double) -> Bool {
        if window.count == model.errorWindow, let oldest = window.popFirst(), oldest { failuresInWindow -= 1 }
        window.append(failed)
        if failed { failuresInWindow += 1 }
        switch state {
        case .halfOpen:
            if failed { open(now, model); return true }
            if startedHalfOpen { close() }
        case .closed:
            if failed, let threshold = model.errorRateThresholdPercent,
               Double(failuresInWindow) * 100 / Double(window.count) > threshold {
                open(now, model)
                return true
            }
        case .open:
            break
        }
        return false
    }

    mutating func open(_ now: Double, _ model: BackpressureModel) {
        state = .open
        quota = 0
        deadline = now + model.coolDownHours
        trips += 1
    }

    mutating func close() {
        state = .closed
        deadline = .infinity
        window.removeAll(keepingCapacity: true)
        failuresInWindow = 0
    }

    /// Moves on when `deadline` has passed: open → half-open (or closed), half-open → a fresh
    /// quota. Half-open intervals stay anchored at the moment the cool-down ended.
    mutating func advance(to now: Double, _ model: BackpressureModel) {
        let cool = model.coolDownHours
        while deadline <= now {
            switch state {
            case .open:
                guard model.gradualResume, cool > 0 else { close(); continue }
                state = .halfOpen
                quota = model.resumeRate
                deadline += cool
            case .halfOpen:
                quota = model.resumeRate
                deadline += cool
            case .closed:
                deadline = .infinity
            }
            if deadline <= now, state == .halfOpen {
                deadline += ((now - deadline) / cool).rounded(.down) * cool
                if deadline <= now { deadline += cool }
            }
        }
    }

    /// When the breaker next needs the clock: while open, or half-open with the quota used up.
    var wakeTime: Double {
        switch state {
        case .open: deadline
        case .halfOpen: quota > 0 ? .infinity : deadline
        case .closed: .infinity
        }
    }
}
