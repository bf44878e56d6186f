import Foundation
import Slurm
import TaskModel

/// Runs each attempt as a Slurm job of its own: a blocking `srun` started through a local
/// launcher, so exits, output files, checkpoints lines and timeouts work exactly as for local
/// processes, while the cluster decides the node. The executor's scheduling core still decides
/// what starts and when; dependencies never become `afterok` chains (a failed parent would leave
/// its dependents pending for ever).
///
/// Exclusive locks and pools become Slurm licenses when the cluster defines one of the same name
/// and enough units, so other users of the cluster are kept out too; the others are counted by the
/// executor alone. Signals go through `scancel`: signalling `srun` would SIGKILL the task with no
/// grace, and the task's processes are slurmd's children, not ours.
public final class SlurmLauncher: ProcessLauncher {
    let local: any ProcessLauncher
    let cluster: SlurmCluster
    /// License totals the cluster defines.
    public let licenses: [String: Int]
    let srun: String
    /// `SLURM_*` variables of our own environment that must not reach `srun` (see `SlurmEnvironment`).
    let unset: [String]
    let runID: String
    var jobOfTask: [Int32: String] = [:]

    /// - Parameters:
    ///   - local: starts the `srun` processes (a `PosixLauncher`).
    ///   - runID: makes job names unique on the cluster; `scancel --name` finds them by it.
    public init(local: any ProcessLauncher, cluster: SlurmCluster, runID: String,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.local = local
        self.cluster = cluster
        self.runID = runID
        licenses = cluster.licenses()
        srun = cluster.binDirectory + "/srun"
        let kept = SlurmEnvironment.forSubmission(environment)
        unset = environment.keys.filter { kept[$0] == nil }.sorted()
    }

    deinit {
        // Whatever is still known to run belongs to a run that is over: leave nothing in the queue.
        cluster.cancel(names: Array(jobOfTask.values))
    }

    /// Which of `resources` the cluster enforces as licenses, and which only the executor counts.
    public func split(_ resources: [String]) -> (licensed: [String], counted: [String]) {
        (resources.filter { licenses[$0] != nil }, resources.filter { licenses[$0] == nil })
    }

    public var runningCount: Int { local.runningCount }

    public func start(_ request: AttemptRequest) throws(TasksError) {
        let name = Self.jobName(runID: runID, task: request.id, attempt: request.attempt)
        var held: [String: Int] = [:]
        for r in request.resources where (licenses[r.name] ?? 0) >= Int(r.units) { held[r.name, default: 0] += Int(r.units) }
        let job = SlurmJob(name: name, cpus: Int(request.cpuCores.rounded(.up)), memoryMB: Int(request.memoryMB.rounded(.up)),
                           licenses: held, timeLimitSeconds: request.timeLimitSeconds, workingDirectory: request.directory,
                           command: ["/bin/sh", "-c", request.command])
        var words = unset.isEmpty ? [] : ["env"] + unset.flatMap { ["-u", $0] }
        words += [srun] + job.srunArguments
        var wrapped = request
        wrapped.command = "exec " + words.map(Self.quote).joined(separator: " ")
        try local.start(wrapped)
        jobOfTask[request.task] = name
    }

    public func wait(until deadline: Double) -> WakeUp {
        let wake = local.wait(until: deadline)
        for exit in wake.exits { jobOfTask[exit.task] = nil }
        return wake
    }

    public func signal(_ signal: AttemptSignal, task: Int32) {
        guard let name = jobOfTask[task] else { return }
        switch signal {
        case .terminate: cluster.cancel(names: [name])
        case .kill:
            cluster.signal("KILL", names: [name])
            cluster.cancel(names: [name])
            local.signal(.kill, task: task)
        case .pause: cluster.signal("STOP", names: [name])
        case .resume: cluster.signal("CONT", names: [name])
        }
    }

    /// Acceptance checks run here, on the executor's machine, where the plan's files are.
    public func check(command: String, directory: String, environment: [String: String], outputPath: String?) -> Int32 {
        local.check(command: command, directory: directory, environment: environment, outputPath: outputPath)
    }

    /// A job name Slurm accepts and `scancel --name=a,b` can list: no commas or spaces.
    static func jobName(runID: String, task: String, attempt: Int32) -> String {
        let safe = String(task.map { $0.isLetter || $0.isNumber || "._-".contains($0) ? $0 : "_" })
        return "tasks-\(runID)-\(safe)-a\(attempt)"
    }

    static func quote(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
