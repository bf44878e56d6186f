import Scheduling
import TaskModel

/// The end of a run: the scheduler's trace of it (the same type the simulator produces), every
/// attempt, and the exit status the spec's table gives it.
public struct ExecutionResult: Sendable {
    public var trace: RunTrace
    /// Hours from the start to the last resolution (to the stop, when interrupted).
    public var makespanHours: Double
    public var attempts: [AttemptRecord]
    /// Tasks completed in an earlier run and skipped on resume.
    public var skipped: [String]
    public var interrupted: Bool
    /// Failed tasks that left a checkpoint.
    public var failedWithCheckpoint: [String]
    public var status: ExitStatus
    public var message: String
    /// Tasks in the order their first attempts were started.
    public var startOrder: [String]
}
