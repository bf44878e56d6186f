/// What the Monte Carlo engine's traced replays read from a run: its makespan, the tasks on its
/// critical chain and each resource's contention. A `RunTrace` holds the same figures among a
/// record of every task and segment, keyed by id strings, whose building took a fifth of each
/// replay on a 3,000-task plan.
public struct RunDigest: Sendable {
    public var makespanHours: Double
    /// Indices of the tasks on the critical chain, first link first (`RunTrace.criticalChain`).
    public var criticalChain: [Int32]
    /// Per named resource, then the global limits, as in `RunTrace.resources`.
    public var resources: [RunTrace.Resource]
}
