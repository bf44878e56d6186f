import TaskModel

/// One attempt of one task, as the executor hands it to a launcher: what to run and everything
/// the scheduler reserved for it, so a launcher that sizes jobs (a batch system's `srun`) can ask
/// for exactly that.
public struct AttemptRequest: Sendable {
    /// Dense task index (the problem's).
    public var task: Int32
    public var id: String
    /// 1-based.
    public var attempt: Int32
    /// Run with `/bin/sh -c`.
    public var command: String
    /// Working directory (absolute).
    public var directory: String
    /// Variables added to the executor's own environment (the task's `execution.env`).
    public var environment: [String: String]
    /// The attempt's own variables (`TASKS_TASK_ID`, `TASKS_ATTEMPT`, `TASKS_CHECKPOINT_FROM`), added
    /// after `environment`: kept apart so the task's part is the same dictionary for every attempt.
    public var attemptVariables: [(name: String, value: String)]
    /// Where stdout and stderr go (appended), or nil to discard them.
    public var outputPath: String?
    /// Truncate `outputPath` first (the first attempt of a fresh run).
    public var truncateOutput: Bool
    public var cpuCores: Double
    public var memoryMB: Double
    /// Exclusive locks and pools held, with the units taken (1 for a lock).
    public var resources: [(name: String, units: Int32)]
    /// The worker slot the scheduler assigned, or -1.
    public var worker: Int32
    /// The fraction of the task's work the scheduler credits from checkpoints (0: from scratch).
    public var resumeFrom: Double
    /// The task's timeout (the executor enforces it exactly; a batch system may use it as a
    /// backstop), or nil.
    public var timeLimitSeconds: Double?

    public init(task: Int32, id: String, attempt: Int32, command: String, directory: String,
                environment: [String: String], attemptVariables: [(name: String, value: String)] = [], outputPath: String?,
                truncateOutput: Bool, cpuCores: Double, memoryMB: Double, resources: [(name: String, units: Int32)], worker: Int32,
                resumeFrom: Double = 0, timeLimitSeconds: Double? = nil) {
        self.task = task
        self.id = id
        self.attempt = attempt
        self.command = command
        self.directory = directory
        self.environment = environment
        self.attemptVariables = attemptVariables
        self.outputPath = outputPath
        self.truncateOutput = truncateOutput
        self.cpuCores = cpuCores
        self.memoryMB = memoryMB
        self.resources = resources
        self.worker = worker
        self.resumeFrom = resumeFrom
        self.timeLimitSeconds = timeLimitSeconds
    }
}

/// How an attempt's process ended. A non-zero exit is a value, never a thrown error.
public struct AttemptExit: Sendable, Equatable {
    public var task: Int32
    /// The exit status, or 128 + the signal number when `signaled`.
    public var status: Int32
    public var signaled: Bool
    /// The fraction of the task's work done, when the launcher knows it (a fake launcher's
    /// scripted failure); real launchers leave it nil and the executor reads the task's checkpoints.
    public var progress: Double?
    /// False when the launcher knows the attempt wrote no output (nothing to scan for checkpoints).
    public var wroteOutput: Bool

    public init(task: Int32, status: Int32, signaled: Bool = false, progress: Double? = nil, wroteOutput: Bool = true) {
        self.task = task
        self.status = status
        self.signaled = signaled
        self.progress = progress
        self.wroteOutput = wroteOutput
    }

    public var succeeded: Bool { status == 0 && !signaled }
}

/// Signals the executor sends to a running attempt (to its whole process group).
public enum AttemptSignal: Sendable {
    /// Ask to stop (SIGTERM).
    case terminate
    /// Stop now (SIGKILL).
    case kill
    /// Suspend (SIGSTOP), for backpressure on `can_pause_resume` tasks.
    case pause
    /// Continue after `pause` (SIGCONT).
    case resume
}

/// What woke the executor: attempts that ended, and whether the user asked to stop.
public struct WakeUp: Sendable {
    public var exits: [AttemptExit] = []
    public var interrupted = false
    public init() {}
}

/// Starts task attempts and reports their ends: ninja's `CommandRunner`. The executor decides
/// what runs and when; a launcher only runs it — as local processes (`PosixLauncher`), scripted
/// in virtual time (`FakeLauncher`), or as Slurm jobs (`SlurmLauncher`).
///
/// At most one attempt per task runs at a time, so attempts are keyed by task index.
public protocol ProcessLauncher: AnyObject {
    /// Starts `request`. Its end is reported by a later `wait`.
    /// - Throws: `TasksError` exit 6 when the attempt cannot be started at all (no shell, no
    ///   processes left); a command that fails is an `AttemptExit`, not an error.
    func start(_ request: AttemptRequest) throws(TasksError)

    /// Blocks until at least one attempt has ended, an interrupt arrived, or `clock.now` reaches
    /// `deadline` (hours; `+infinity` waits for an end or an interrupt).
    func wait(until deadline: Double) -> WakeUp

    /// Sends `signal` to the attempt of `task` (ignored if it has already ended).
    func signal(_ signal: AttemptSignal, task: Int32)

    /// Runs an acceptance-check command to completion and returns its exit status.
    func check(command: String, directory: String, environment: [String: String], outputPath: String?) -> Int32

    /// Attempts started and not yet reported by `wait`.
    var runningCount: Int { get }
}
