import Scheduling
import TaskModel

/// How a run is carried out beyond what the plan and the scheduler decide.
public struct ExecutorConfiguration: Sendable {
    /// Holds `journal.jsonl`, `checkpoints/` and `logs/tasks/`.
    public var stateDirectory: String
    /// Skip every task the journal records as completed, and hand saved checkpoints to the tasks.
    public var resume: Bool
    /// Seconds between SIGTERM and SIGKILL when a task times out or the run is interrupted.
    public var killGraceSeconds: Double
    /// Seconds between heartbeats (checkpoint scans and a `heartbeat` event per running task);
    /// nil for none.
    public var heartbeatSeconds: Double?
    /// Seconds between load samples fed to the backpressure gates (only with a `LoadSource` and
    /// a plan whose backpressure binds).
    public var loadIntervalSeconds: Double
    /// Seconds between `fsync`s of the journal (0: after every batch of ends). Lines are written
    /// before the scheduler acts on them either way, so a crash of the executor loses nothing;
    /// the interval only bounds what a crash of the machine can lose.
    public var journalSyncSeconds: Double
    public var taskLogs: TaskLogLayout
    /// How much of the run the scheduler records for `ExecutionResult.trace` (`.full` adds load
    /// series and the critical chain, which cost time on large plans).
    public var traceLevel: TraceLevel
    /// The adaptive worker pool's starting size (`--worker-min`): the plan's pool starts with this
    /// many workers taking tasks and doubles at a load sample while it is full and the
    /// machine's measured CPU and memory are below the backpressure thresholds (80 % and 85 % by
    /// default). nil: the whole pool from the start, as in simulation.
    public var workerMin: Int?

    public init(stateDirectory: String, resume: Bool = false, killGraceSeconds: Double = 5, heartbeatSeconds: Double? = 30,
                loadIntervalSeconds: Double = 1, journalSyncSeconds: Double = 1, taskLogs: TaskLogLayout = .perTask,
                traceLevel: TraceLevel = .summary, workerMin: Int? = nil) {
        self.stateDirectory = stateDirectory
        self.resume = resume
        self.killGraceSeconds = killGraceSeconds
        self.heartbeatSeconds = heartbeatSeconds
        self.loadIntervalSeconds = loadIntervalSeconds
        self.journalSyncSeconds = journalSyncSeconds
        self.taskLogs = taskLogs
        self.traceLevel = traceLevel
        self.workerMin = workerMin
    }
}

/// Where the per-task JSON events go: `logs/tasks/<id>.log` (the spec's layout), or all in
/// `logs/tasks.jsonl` (no file created per task; the same lines).
public enum TaskLogLayout: String, Sendable, CaseIterable {
    case perTask = "per-task"
    case combined
}

/// One attempt as it happened, in wall-clock (or manual-clock) hours from the start of the run.
public struct AttemptRecord: Sendable, Equatable {
    public enum Outcome: String, Sendable {
        case completed, failed
        /// Already completed in an earlier run (journal); nothing was started.
        case skipped
        /// Stopped by an interrupt.
        case interrupted
    }

    public var task: String
    public var attempt: Int
    public var start: Double
    public var end: Double
    public var status: Int32
    public var outcome: Outcome
    public var errors: [String]
}

/// What the executor reports as it goes (for progress lines); `done` counts resolved tasks.
public struct ExecutionEvent: Sendable {
    public enum Kind: String, Sendable {
        case started, completed, failed, retrying, skipped, paused, resumed, timedOut = "timed_out", interrupted
    }

    public var kind: Kind
    public var task: String
    public var attempt: Int
    public var hours: Double
    public var done: Int
    public var total: Int
    public var running: Int
}
