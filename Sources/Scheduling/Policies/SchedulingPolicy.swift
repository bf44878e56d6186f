/// Decides *when* a task whose predecessors have all finished may enter the ready set; `Plan`
/// decides *whether* it fits. The rolling frontier admits at once; the wave model holds tasks
/// until their wave is released.
///
/// A policy is pure: it never reads a clock and learns the time only through `now` arguments.
/// Its timers (a barrier timeout) are reported through `nextTimerTime`, and the driver calls
/// `timersFired` when it gets there, so the same policy runs in virtual and in wall-clock time.
///
/// Task states as a policy sees them: waiting (predecessors running) → admitted (ready now) or
/// held (its wave is not released yet) → resolved (finished, failed for good, or blocked behind
/// a failure). Tasks released from hold are appended to the `released` buffer.
public protocol SchedulingPolicy: Sendable {
    /// The model's name in reports and JSON (`rolling_frontier`, `wave_based`).
    var modelName: String { get }

    /// Prepares for a run starting at `start`; called once per run before any other method.
    mutating func begin(_ problem: SchedulingProblem, at start: Double)

    /// Task `t` has no unfinished predecessor left. Returns true if it is ready now; otherwise
    /// the policy holds it and later hands it over through `released`.
    mutating func admit(_ t: Int32, at now: Double) -> Bool

    /// Task `t` will never run again (finished, failed for good, or blocked).
    mutating func resolved(_ t: Int32, at now: Double, released: inout ContiguousArray<Int32>)

    /// The earliest time the policy needs to be woken, or `+infinity`.
    var nextTimerTime: Double { get }

    /// Called once `now >= nextTimerTime`.
    mutating func timersFired(at now: Double, released: inout ContiguousArray<Int32>)

    /// Per-wave release and barrier times of the run so far (empty for models without waves).
    func waveTimeline(_ problem: SchedulingProblem) -> [RunTrace.Wave]

    /// The wave a task belongs to, if the model has waves.
    func wave(of t: Int32) -> Int32?

    /// When wave `w` was released in the run so far, or nil (never, or no such wave): what
    /// `waveTimeline` reports as `releasedAt`, without building the timeline.
    func releaseTime(ofWave w: Int) -> Double?
}

extension SchedulingPolicy {
    public func waveTimeline(_ problem: SchedulingProblem) -> [RunTrace.Wave] { [] }
    public func wave(of t: Int32) -> Int32? { nil }
    public func releaseTime(ofWave w: Int) -> Double? { nil }
}
