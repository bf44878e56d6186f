import ArgumentParser
import Executor
import Foundation
import MonteCarlo
import Scheduling
import Simulation
import Slurm
import TaskGraph
import TaskModel

/// `tasks execute PLAN`: runs every task's command under the scheduling core the simulator uses,
/// with the plan's model, limits, pools, retries and checkpoints; journals every end so a crashed
/// or interrupted run resumes without rerunning anything that completed.
struct Execute: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "execute", abstract: "Run a plan's commands with the same scheduler, pools, retries and checkpoints the estimate modelled.")

    @OptionGroup var options: PlanOptions
    @OptionGroup var scheduling: SchedulingOptions

    @Option(help: "wave_based or rolling_frontier (default: the plan's meta.execution_model; env TASKS_EXECUTION_MODEL).")
    var forceExecutionModel: ExecutionModel?

    @Option(help: "Command for tasks without execution.command; {id} and {task_json} (a JSON file of the task) are replaced.")
    var workerCmd: String?

    @Option(help: "Workers taking tasks at the start (default 2); the pool grows to --worker-max while the machine has headroom.")
    var workerMin: Int = 2

    @Option(help: "Maximum worker pool size (default: the coordinator's max_workers; env TASKS_WORKER_MAX).")
    var workerMax: Int?

    @Option(help: "CPU backpressure threshold in percent (default: the coordinator's, else 80).")
    var cpuThreshold: Double?

    @Option(help: "Memory backpressure threshold in percent (default: the coordinator's, else 85).")
    var memoryThreshold: Double?

    @Option(help: "Checkpoint interval in percent of a task's work (default: the coordinator's, else 25).")
    var checkpointInterval: Double?

    @Flag(name: [.customShort("r"), .customLong("resume-from-checkpoint"), .customLong("resume")],
          help: "Skip every task the journal records as completed and hand saved checkpoints to the rest.")
    var resume = false

    @Flag(name: [.customShort("d"), .long], help: "Validate and print the schedule (most-likely durations); run nothing.")
    var dryRun = false

    @Option(help: "Where journal.jsonl, checkpoints/ and logs/tasks/ go (default: the plan's directory, else ./tasks_output).")
    var stateDir: String?

    @Option(help: "Seconds between SIGTERM and SIGKILL on a timeout or an interrupt (default 5).")
    var killGrace: Double = 5

    @Option(help: "per-task (logs/tasks/<id>.log, default) or combined (every task's events in logs/tasks.jsonl).")
    var taskLogs: TaskLogLayout = .perTask

    @Option(help: "Seconds between fsyncs of the journal; 0 syncs after every batch of task ends (default 1).")
    var journalSync: Double = 1

    @Option(help: "Serve Prometheus metrics on 127.0.0.1:PORT while the run lasts (tasks by state, throughput, wait time, pool utilization, failure rate).")
    var metricsPort: UInt16?

    @Flag(name: [.customShort("q"), .long], help: "No per-task lines; only the summary.")
    var quiet = false

    @Flag(help: "Print the result (attempts, outcome, makespan) as JSON.")
    var json = false

    @Option(help: "local (default) or slurm: run each task here, or as a Slurm job of its own (env TASKS_BACKEND).")
    var backend: ShardOptions.Backend?

    func run() throws {
        try Terminal.guarding {
            let (loaded, graph) = try options.graph()
            let workers = try workerPoolSize()
            var settings = SchedulingSettings(maxWorkers: workers, cpuThresholdPercent: cpuThreshold,
                                              memoryThresholdPercent: memoryThreshold, checkpointIntervalPercent: checkpointInterval)
            settings.failureMode = .keepGoing
            // A threshold on the command line switches backpressure on even without a coordinator.
            if cpuThreshold != nil || memoryThreshold != nil { settings.applyBackpressure = true }
            let (problem, waveConfiguration) = try scheduling.build(loaded, graph, settings: settings)
            if options.isVerbose { problem.warnings.forEach(Terminal.warning) }
            let model = try executionModel(loaded)
            let (planDirectory, stateDirectory) = directories(loaded)
            let commands = try TaskCommand.resolve(problem, baseDirectory: planDirectory, workerCommand: workerCmd,
                                                   stateDirectory: stateDirectory)
            if dryRun {
                return try DryRun.print(problem, model: model, rule: scheduling.priority, waveConfiguration: waveConfiguration,
                                        commands: commands)
            }
            let heartbeat = loaded.coordinator?.workerPool.workerTemplate.executionProtocol.heartbeatInterval ?? 30
            let configuration = ExecutorConfiguration(stateDirectory: stateDirectory, resume: resume, killGraceSeconds: killGrace,
                                                      heartbeatSeconds: heartbeat > 0 ? heartbeat : nil,
                                                      journalSyncSeconds: max(0, journalSync), taskLogs: taskLogs,
                                                      workerMin: workerMin)
            let clock = WallClock()
            let launcher = try makeLauncher(clock: clock, problem: problem)
            let progress = ExecutionProgress(quiet: quiet || json)
            var metrics: ExecutionMetrics?
            var server: MetricsServer?
            let result: ExecutionResult
            switch model {
            case .rollingFrontier:
                let executor = try Executor(rollingFrontier: problem, rule: scheduling.priority, commands: commands,
                                            configuration: configuration, launcher: launcher, clock: clock)
                executor.onEvent = progress.show
                executor.loadSource = ProcLoad()
                (metrics, server) = try serveMetrics(executor.resourceCapacities, taskCount: problem.taskCount)
                executor.metrics = metrics
                result = try executor.run()
            case .waveBased:
                let executor = try Executor(waves: problem, rule: scheduling.priority, waveConfiguration: waveConfiguration,
                                            commands: commands, configuration: configuration, launcher: launcher, clock: clock)
                executor.onEvent = progress.show
                executor.loadSource = ProcLoad()
                (metrics, server) = try serveMetrics(executor.resourceCapacities, taskCount: problem.taskCount)
                executor.metrics = metrics
                result = try executor.run()
            }
            _ = server
            progress.finish()
            let simulated = try? DryRun.simulate(problem, model: model, rule: scheduling.priority,
                                                 waveConfiguration: waveConfiguration, trace: .none).makespanHours
            let summary = ExecutionSummary(result: result, model: model, problem: problem, waves: loaded.waves,
                                           stateDirectory: stateDirectory, simulatedHours: simulated)
            if json { try summary.printJSON() } else { summary.printText() }
            if result.status != .success {
                Terminal.error("\(problem.sourceName): \(result.message) (exit \(result.status.rawValue))")
                throw ExitCode(result.status.rawValue)
            }
        }
    }

    /// The local launcher, or a Slurm launcher over it; says on stderr which pools the cluster
    /// enforces as licenses and which only the executor counts.
    func makeLauncher(clock: WallClock, problem: SchedulingProblem) throws(TasksError) -> any ProcessLauncher {
        let local = try PosixLauncher(clock: clock, maxRunning: min(Int(problem.maxConcurrentTasks), problem.taskCount))
        let named = backend?.rawValue ?? Environment.string("TASKS_BACKEND") ?? "local"
        guard let chosen = ShardOptions.Backend(rawValue: named) else {
            throw TasksError(.invalidArguments, "TASKS_BACKEND must be local or slurm, got \(named)")
        }
        guard chosen == .slurm else { return local }
        let cluster = try SlurmCluster.connect()
        let runID = "\(getpid())-\(Int(Date().timeIntervalSince1970))"
        let slurm = SlurmLauncher(local: local, cluster: cluster, runID: runID)
        let (licensed, counted) = slurm.split(problem.resourceNames)
        if !quiet {
            Terminal.note("slurm backend: jobs tasks-\(runID)-*; licenses \(licensed.isEmpty ? "none" : licensed.joined(separator: ", "))"
                + (counted.isEmpty ? "" : "; counted by the executor only: \(counted.joined(separator: ", "))"))
        }
        return slurm
    }

    /// Starts the metrics endpoint when `--metrics-port` is given.
    func serveMetrics(_ resources: [(name: String, capacity: Double)], taskCount: Int) throws(TasksError)
        -> (ExecutionMetrics?, MetricsServer?)
    {
        guard let port = metricsPort else { return (nil, nil) }
        let metrics = ExecutionMetrics(taskCount: taskCount, resources: resources)
        let server = try MetricsServer(metrics: metrics, port: port)
        if !quiet { Terminal.note("metrics on http://127.0.0.1:\(server.port)/metrics") }
        return (metrics, server)
    }

    /// `--worker-max` (else `TASKS_WORKER_MAX`) bounds the pool the scheduler models; a pool that
    /// cannot exist is exit 6, the spec's "worker pool initialization failed".
    func workerPoolSize() throws(TasksError) -> Int? {
        let fromEnvironment = try Environment.int("TASKS_WORKER_MAX")
        let maximum = workerMax ?? fromEnvironment
        guard workerMin >= 1 else { throw TasksError(.workerPoolFailed, "--worker-min must be at least 1, got \(workerMin)") }
        if let m = maximum, m < workerMin {
            throw TasksError(.workerPoolFailed, "--worker-max \(m) is below --worker-min \(workerMin)")
        }
        return maximum
    }

    func executionModel(_ loaded: LoadedPlan) throws(TasksError) -> ExecutionModel {
        if let forceExecutionModel { return forceExecutionModel }
        let named = loaded.document.meta.executionModel ?? Environment.string("TASKS_EXECUTION_MODEL")
        guard let name = named else { return .rollingFrontier }
        guard let model = ExecutionModel(rawValue: name) else {
            throw TasksError(.invalidPlan, "\(loaded.sourceName): execution model \(name) is neither wave_based nor rolling_frontier")
        }
        return model
    }

    /// The plan's directory (tasks run there unless `execution.cwd` says otherwise) and the state
    /// directory (journal, checkpoints, logs).
    func directories(_ loaded: LoadedPlan) -> (plan: String, state: String) {
        let fm = FileManager.default
        let cwd = fm.currentDirectoryPath
        var planDirectory = cwd
        var fromFile = false
        if fm.fileExists(atPath: loaded.sourceName) {
            planDirectory = (loaded.sourceName as NSString).deletingLastPathComponent
            if planDirectory.isEmpty { planDirectory = "." }
            fromFile = true
        }
        planDirectory = URL(fileURLWithPath: planDirectory, relativeTo: URL(fileURLWithPath: cwd)).standardizedFileURL.path
        let state = stateDir ?? (fromFile ? planDirectory : (cwd as NSString).appendingPathComponent("tasks_output"))
        return (planDirectory, URL(fileURLWithPath: state, relativeTo: URL(fileURLWithPath: cwd)).standardizedFileURL.path)
    }
}

extension ExecutionModel: ExpressibleByArgument {}
extension TaskLogLayout: ExpressibleByArgument {}
