/// Whether one attempt of a task succeeds, and if not, how far it gets.
public enum AttemptOutcome: Sendable, Equatable {
    case succeeds
    /// Fails after doing `fraction` (0..<1) of the work the attempt set out to do.
    case fails(atFraction: Double)
}

/// Where a run's simulated failures come from. The simulator asks once per attempt; the answer
/// must depend only on what the source was given for this run, so a run is reproducible and the
/// scheduling core stays free of random number generators (the Monte Carlo engine fills a
/// `FaultDraws` from its own per-iteration stream).
public protocol FaultSource {
    mutating func outcome(task: Int32, attempt: Int32, failureProbability: Double) -> AttemptOutcome
}

/// Every attempt succeeds: the makespan-only path.
public struct NoFaults: FaultSource {
    @inlinable public init() {}

    @inlinable
    public mutating func outcome(task: Int32, attempt: Int32, failureProbability: Double) -> AttemptOutcome { .succeeds }
}

/// Failures decided by uniforms in [0, 1) supplied per run, two per (task, attempt): attempt `a`
/// (1-based) of task `t` reads `draws[2·((a−1)·taskCount + t)]` = u and the next value = v. It
/// fails iff `u < failure_probability`, after doing `v` of its work. Attempts beyond the supplied
/// draws succeed.
///
/// Indexing by (task, attempt) rather than consuming a stream makes each task's fate independent
/// of the order in which the schedule happens to start tasks, which keeps common random numbers
/// meaningful when two policies are compared.
public struct FaultDraws: FaultSource {
    public var draws: [Double]
    public let taskCount: Int

    public init(draws: [Double], taskCount: Int) {
        self.draws = draws
        self.taskCount = taskCount
    }

    /// How many uniforms cover `attempts` attempts of every task.
    public static func count(taskCount: Int, attempts: Int) -> Int { 2 * taskCount * attempts }

    @inlinable
    public mutating func outcome(task: Int32, attempt: Int32, failureProbability: Double) -> AttemptOutcome {
        let i = 2 * ((Int(attempt) - 1) * taskCount + Int(task))
        guard failureProbability > 0, i + 1 < draws.count, draws[i] < failureProbability else { return .succeeds }
        return .fails(atFraction: min(max(draws[i + 1], 0), 1))
    }
}

/// Failures scripted by a closure: for tests and what-if runs ("T3 fails its first attempt
/// halfway").
public struct ScriptedFaults: FaultSource {
    public var script: (_ task: Int32, _ attempt: Int32) -> AttemptOutcome

    public init(_ script: @escaping (_ task: Int32, _ attempt: Int32) -> AttemptOutcome) {
        self.script = script
    }

    public mutating func outcome(task: Int32, attempt: Int32, failureProbability: Double) -> AttemptOutcome {
        script(task, attempt)
    }
}
