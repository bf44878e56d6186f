import TaskModel

/// Retries, backoff and checkpoints: the coordinator's `failure_handling`, as pure arithmetic so
/// the simulator and the executor apply the same rules.
///
/// A failed attempt is retried while the task has retries left (`scheduling_hints.max_retries`
/// overrides the coordinator's `max_retries`; `retry_on_failure: false` means none). Retry k
/// (k = 1, 2, …) becomes ready `backoff_base_seconds · 2^(k-1)` after the failure. A
/// checkpoint-capable task (`checkpoint_capable`, with `checkpoint_recovery` on) saves its work
/// every `checkpoint_interval_percent` of it and resumes from the last checkpoint it passed; any
/// other task starts over.
public struct FailurePolicy: Sendable, Equatable {
    public var maxRetries: Int
    public var backoffBaseHours: Double
    /// Fraction of a task's work between checkpoints (0.25 by default).
    public var checkpointInterval: Double
    public var checkpointRecovery: Bool

    public init(maxRetries: Int = 3, backoffBaseHours: Double = 30.0 / 3600, checkpointInterval: Double = 0.25,
                checkpointRecovery: Bool = true) {
        self.maxRetries = maxRetries
        self.backoffBaseHours = backoffBaseHours
        self.checkpointInterval = checkpointInterval
        self.checkpointRecovery = checkpointRecovery
    }

    init(_ handling: CoordinatorDocument.FailureHandling, settings: SchedulingSettings, file: String) throws(TasksError) {
        let base = handling.backoffBaseSeconds ?? 30
        guard base.isFinite, base >= 0 else {
            throw TasksError(.invalidPlan, "\(file): backoff_base_seconds must be a non-negative number, got \(base)")
        }
        let interval = settings.checkpointIntervalPercent ?? handling.checkpointIntervalPercent ?? 25
        guard interval.isFinite, interval > 0, interval <= 100 else {
            throw TasksError(settings.checkpointIntervalPercent != nil ? .invalidArguments : .invalidPlan,
                             "\(file): checkpoint interval must be in (0, 100] percent, got \(interval)")
        }
        guard handling.maxRetries >= 0 else {
            throw TasksError(.invalidPlan, "\(file): failure_handling.max_retries must not be negative")
        }
        self.init(maxRetries: handling.maxRetries, backoffBaseHours: base / 3600, checkpointInterval: interval / 100,
                  checkpointRecovery: handling.checkpointRecovery)
    }

    /// Hours between the failure of attempt `attempt` (1-based) and the retry becoming ready.
    @inlinable
    public func backoffHours(afterAttempt attempt: Int32) -> Double {
        backoffBaseHours * Double(sign: .plus, exponent: Int(max(attempt, 1) - 1), significand: 1)
    }

    /// The last checkpoint at or below `progress` (fraction of the task's work done when it failed).
    @inlinable
    public func checkpoint(atProgress progress: Double) -> Double {
        guard progress > 0, checkpointInterval > 0 else { return 0 }
        let c = (progress / checkpointInterval).rounded(.down) * checkpointInterval
        return min(max(c, 0), progress)
    }
}
