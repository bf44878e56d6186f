/// The rolling frontier (`resource_aware_greedy`, `frontier_update_policy: immediate`): a task is
/// ready the moment its last predecessor finishes, and starts in the next dispatch pass if
/// everything it needs is free.
///
/// With fixed durations this is the parallel schedule-generation scheme of Kolisch (1996); with
/// sampled durations it is the resource-based policy of stochastic RCPSP. Task states: waiting →
/// ready → running → finished | failed (→ backoff → ready) | paused (→ ready); nothing is held.
public struct RollingFrontierPolicy: SchedulingPolicy {
    public init() {}

    public var modelName: String { "rolling_frontier" }

    @inlinable
    public mutating func begin(_ problem: SchedulingProblem, at start: Double) {}

    @inlinable
    public mutating func admit(_ t: Int32, at now: Double) -> Bool { true }

    @inlinable
    public mutating func resolved(_ t: Int32, at now: Double, released: inout ContiguousArray<Int32>) {}

    @inlinable
    public var nextTimerTime: Double { .infinity }

    @inlinable
    public mutating func timersFired(at now: Double, released: inout ContiguousArray<Int32>) {}
}
