import Foundation
import Scheduling
import TaskModel

/// Runs a plan's tasks as real work under the one scheduling core (`Plan`), the way the simulator
/// runs them in virtual time: what `estimate` modelled is what runs.
///
/// The loop is ninja's `Builder::Build` with the simulator's semantics: block in the launcher
/// until an attempt ends or the next deadline (a plan timer such as a retry's backoff, a task's
/// timeout, a heartbeat) comes, report every end of that instant to the plan, let it decide once,
/// act on its decisions. An attempt's life here: started → ended (exit status, acceptance checks
/// and journal decide success) → reported; or timed out → SIGTERM → (grace) → SIGKILL → ended.
///
/// Interrupts (SIGINT/SIGTERM through the launcher) stop starting, send SIGTERM and, after the
/// grace period, SIGKILL to every running task's process group, and end the run once all have
/// exited. Completed attempts are in the journal before the plan acts on them, so a resumed run
/// (`ExecutorConfiguration.resume`) reports them as done at once instead of running them again.
public final class Executor<Policy: SchedulingPolicy> {
    var plan: Plan<Policy>
    public let problem: SchedulingProblem
    let commands: [TaskCommand]
    let configuration: ExecutorConfiguration
    let launcher: any ProcessLauncher
    let clock: any ExecutionClock
    /// Called for every start, end, retry, skip, pause and resume.
    public var onEvent: ((ExecutionEvent) -> Void)?
    /// Live figures for `--metrics-port`, updated on every start and end when set.
    public var metrics: ExecutionMetrics?
    /// When each task last finished (hours), for the wait-time metric.
    var endedAt: [Double]
    /// The machine's real load for the backpressure gates; nil keeps the modeled load.
    public var loadSource: (any LoadSource)?
    var nextLoadSample = Double.infinity
    /// When the adaptive pool changed size (hours from the start) and its new size.
    public private(set) var workerTimeline: [(hours: Double, workers: Int)] = []
    var lastLoad: (cpuPercent: Double?, memoryPercent: Double?) = (nil, nil)

    let journal: Journal
    let checkpoints: CheckpointStore
    let events: TaskEventLog
    let outputDirectory: String
    /// Each task's `logs/tasks/<id>.out`.
    let outputPaths: [String]
    /// The previous run's logs, moved aside and removed after this run (see `LogDirectory`).
    let previousLogs: String?
    var completedBefore: [Bool]
    var attempt: [Int32]
    var attemptStart: [Double]
    var deadline: [Double]
    var killAt: [Double]
    var timedOut: [Bool]
    var live = Set<Int32>()
    var records: [AttemptRecord] = []
    var skipped: [String] = []
    var startOrder: [String] = []
    var done = 0
    var startTime = 0.0
    var stopping = false
    var stoppedAt = 0.0
    var nextHeartbeat = Double.infinity

    /// - Parameters:
    ///   - commands: by task index, from `TaskCommand.resolve`.
    /// - Throws: `TasksError` exit 1 when the state directory cannot be prepared.
    public init(problem: SchedulingProblem, policy: Policy, order: ReadyOrder, commands: [TaskCommand],
                configuration: ExecutorConfiguration, launcher: any ProcessLauncher, clock: any ExecutionClock) throws(TasksError) {
        precondition(commands.count == problem.taskCount, "one command per task")
        plan = Plan(problem: problem, policy: policy, order: order)
        self.problem = problem
        self.commands = commands
        self.configuration = configuration
        self.launcher = launcher
        self.clock = clock
        let n = problem.taskCount
        let state = configuration.stateDirectory as NSString
        outputDirectory = state.appendingPathComponent("logs/tasks")
        previousLogs = try LogDirectory.prepare(outputDirectory, fresh: !configuration.resume)
        outputPaths = problem.ids.map { [outputDirectory] id in outputDirectory + "/" + id + ".out" }
        let journalPath = state.appendingPathComponent("journal.jsonl")
        let completed = configuration.resume ? Journal.completedTasks(at: journalPath) : []
        journal = try Journal(path: journalPath, resume: configuration.resume)
        journal.syncInterval = configuration.journalSyncSeconds / 3600
        checkpoints = try CheckpointStore(directory: state.appendingPathComponent("checkpoints"), ids: problem.ids,
                                          resume: configuration.resume)
        events = TaskEventLog(directory: outputDirectory, ids: problem.ids, truncate: !configuration.resume,
                              layout: configuration.taskLogs)
        completedBefore = problem.ids.map { completed.contains($0) }
        attempt = Array(repeating: 0, count: n)
        attemptStart = Array(repeating: 0, count: n)
        deadline = Array(repeating: .infinity, count: n)
        killAt = Array(repeating: .infinity, count: n)
        timedOut = Array(repeating: false, count: n)
        endedAt = Array(repeating: 0, count: n)
    }

    /// Every lock and pool with its capacity, in the problem's resource order (for metrics).
    public var resourceCapacities: [(name: String, capacity: Double)] {
        problem.resourceNames.enumerated().map { i, name in
            (name, i < problem.lockCount ? 1 : Double(problem.poolCapacity[i - problem.lockCount]))
        }
    }

    /// The resource indices and units `t` holds, for metrics.
    func heldResources(_ t: Int32) -> [(index: Int, units: Double)] {
        var out: [(index: Int, units: Double)] = []
        for k in problem.locks(of: t) { out.append((Int(problem.lockIDs[k]), 1)) }
        for k in problem.pools(of: t) { out.append((problem.lockCount + Int(problem.poolIDs[k]), Double(problem.poolAmounts[k]))) }
        return out
    }

    /// Runs the plan to its end (or to an interrupt).
    /// - Throws: `TasksError` exit 6 when an attempt cannot be started at all, exit 4 if the
    ///   scheduler gets stuck (a bug). Failed tasks are not errors: see `ExecutionResult.status`.
    public func run() throws(TasksError) -> ExecutionResult {
        startTime = clock.now
        var now = startTime
        plan.begin(at: now, trace: configuration.traceLevel)
        if let minimum = configuration.workerMin, problem.workers != nil {
            plan.setActiveWorkers(minimum)
            workerTimeline.append((0, plan.activeWorkers ?? minimum))
        }
        var line = JSONLine()
        line.string("event", "run")
        line.string("timestamp", JSONLine.timestamp())
        line.string("plan", problem.sourceName)
        line.int("tasks", problem.taskCount)
        line.bool("resume", configuration.resume)
        journal.append(line)
        if let hb = configuration.heartbeatSeconds { nextHeartbeat = now + hb / 3600 }
        if loadSource != nil && (problem.backpressure != nil || configuration.workerMin != nil) {
            nextLoadSample = now
            sampleLoad(now)
        }
        do throws(TasksError) {
            try decide(now)
            while stopping ? launcher.runningCount > 0 : !plan.isFinished {
                if !stopping && plan.isStuck && launcher.runningCount == 0 {
                    throw TasksError(.unresolvableResources, "\(problem.sourceName): \(plan.stuckDescription())")
                }
                // What has been recorded goes to the log writer when a batch is full or due.
                events.handOff(at: now)
                let wake = launcher.wait(until: min(nextDeadline(), events.handOffDue))
                now = clock.now
                if wake.interrupted { interrupt(now) }
                for e in wake.exits { ended(e, now) }
                journal.written(at: now)
                enforceDeadlines(now)
                if now >= nextHeartbeat { heartbeat(now) }
                let sampled = now >= nextLoadSample && sampleLoad(now)
                if !stopping && (!wake.exits.isEmpty || sampled || now >= plan.nextTimerTime) { try decide(now) }
            }
        } catch {
            // Leave nothing behind: whatever still runs is stopped before the error is reported.
            stopAll(now)
            journal.sync()
            events.flush()
            if let previousLogs { LogDirectory.remove(previousLogs) }
            throw error
        }
        journal.sync()
        events.flush()
        if let previousLogs { LogDirectory.remove(previousLogs) }
        return result(now)
    }

    // MARK: - Decisions

    /// Lets the plan decide at `now` and carries its decisions out. Starts of tasks completed in
    /// an earlier run are reported as finished at once, and the plan decides again.
    func decide(_ now: Double) throws(TasksError) {
        plan.step(at: now)
        while true {
            var skippedNow: [Int32] = []
            for a in plan.actions {
                switch a.kind {
                case .start:
                    if completedBefore[Int(a.task)] { skippedNow.append(a.task) } else { try launch(a, now) }
                case .pause:
                    launcher.signal(.pause, task: a.task)
                    events.record(a.task, "paused")
                    emit(.paused, a.task, now)
                case .resume:
                    launcher.signal(.resume, task: a.task)
                    events.record(a.task, "resumed")
                    emit(.resumed, a.task, now)
                }
            }
            guard !skippedNow.isEmpty else { return }
            for t in skippedNow {
                completedBefore[Int(t)] = false
                plan.taskSucceeded(t, at: now)
                done += 1
                skipped.append(problem.ids[Int(t)])
                endedAt[Int(t)] = now
                metrics?.taskSkipped()
                records.append(AttemptRecord(task: problem.ids[Int(t)], attempt: 1, start: now - startTime, end: now - startTime,
                                             status: 0, outcome: .skipped, errors: []))
                emit(.skipped, t, now)
            }
            plan.step(at: now)
        }
    }

    func launch(_ a: PlanAction, _ now: Double) throws(TasksError) {
        let t = a.task, i = Int(t)
        let id = problem.ids[i]
        let command = commands[i]
        var variables = [(name: "TASKS_TASK_ID", value: id), (name: "TASKS_ATTEMPT", value: String(a.attempt))]
        let from = checkpoints.percent[i]
        if let p = from { variables.append((name: "TASKS_CHECKPOINT_FROM", value: Self.percentText(p))) }
        let output = outputPaths[i]
        // A fresh run starts with an empty log directory (TaskEventLog), so nothing needs truncating.
        checkpoints.attemptStarted(t, outputPath: output, truncated: !configuration.resume && a.attempt == 1)
        try launcher.start(AttemptRequest(task: t, id: id, attempt: a.attempt, command: command.command,
                                          directory: command.directory, environment: command.environment,
                                          attemptVariables: variables, outputPath: output,
                                          truncateOutput: false, cpuCores: problem.cpuCores[i], memoryMB: problem.memoryMB[i],
                                          resources: resources(of: t), worker: a.worker, resumeFrom: a.resumeFrom,
                                          timeLimitSeconds: command.timeoutSeconds.isFinite ? command.timeoutSeconds : nil))
        attempt[i] = a.attempt
        attemptStart[i] = now
        deadline[i] = command.timeoutSeconds.isFinite ? now + command.timeoutSeconds / 3600 : .infinity
        killAt[i] = .infinity
        timedOut[i] = false
        live.insert(t)
        if a.attempt == 1 { startOrder.append(id) }
        if let metrics {
            var ready = startTime
            for k in problem.predecessors(of: t) { ready = max(ready, endedAt[Int(problem.predecessorTargets[k])]) }
            metrics.attemptStarted(waitSeconds: (now - ready) * 3600, resources: heldResources(t))
        }
        var metrics = JSONLine()
        metrics.int("attempt", Int(a.attempt))
        if let p = from { metrics.number("resume_from_percent", p) }
        if a.worker >= 0 { metrics.int("worker", Int(a.worker)) }
        events.record(t, "started", metrics: metrics)
        emit(.started, t, now)
    }

    /// The locks and pools `t` holds while it runs, by name.
    func resources(of t: Int32) -> [(name: String, units: Int32)] {
        var out: [(name: String, units: Int32)] = []
        for k in problem.locks(of: t) { out.append((problem.resourceNames[Int(problem.lockIDs[k])], 1)) }
        for k in problem.pools(of: t) {
            out.append((problem.resourceNames[problem.lockCount + Int(problem.poolIDs[k])], problem.poolAmounts[k]))
        }
        return out
    }

    // MARK: - Ends

    /// An attempt ended: decide whether it succeeded (exit status, timeout, acceptance checks),
    /// journal it, and report it to the plan.
    func ended(_ e: AttemptExit, _ now: Double) {
        let t = e.task, i = Int(t)
        live.remove(t)
        let id = problem.ids[i]
        let output = outputPaths[i]
        // The group's leader is gone; anything it left behind in the group goes with it.
        if timedOut[i] || stopping { launcher.signal(.kill, task: t) }
        if e.wroteOutput { checkpoints.scan(t, id: id, attempt: attempt[i], outputPath: output) }
        var errors: [String] = []
        var ok = e.succeeded
        if timedOut[i] {
            ok = false
            errors.append("timed out after \(Self.percentText(commands[i].timeoutSeconds)) s")
        } else if !e.succeeded {
            errors.append(e.signaled ? "killed by signal \(e.status - 128)" : "exit status \(e.status)")
        }
        if ok, let failure = failedCheck(i, output: output) {
            ok = false
            errors.append(failure)
        }
        var record = AttemptRecord(task: id, attempt: Int(attempt[i]), start: attemptStart[i] - startTime, end: now - startTime,
                                   status: e.status, outcome: ok ? .completed : .failed, errors: errors)
        var metrics = JSONLine()
        metrics.int("attempt", Int(attempt[i]))
        metrics.int("exit_status", Int(e.status))
        metrics.number("duration_seconds", (now - attemptStart[i]) * 3600)
        if let p = checkpoints.percent[i] { metrics.number("checkpoint_percent", p) }
        var line = JSONLine()
        line.string("task_id", id)
        line.int("attempt", Int(attempt[i]))
        line.number("start_hours", record.start)
        line.number("end_hours", record.end)
        line.int("exit_status", Int(e.status))
        if stopping && !ok {
            // Stopped by the interrupt: neither a success nor a failure of the task.
            record.outcome = .interrupted
            records.append(record)
            self.metrics?.attemptStopped(resources: heldResources(t))
            events.record(t, "interrupted", metrics: metrics, errors: errors)
            events.close(t)
            emit(.interrupted, t, now)
            return
        }
        records.append(record)
        endedAt[i] = now
        self.metrics?.attemptEnded(succeeded: ok, final: ok || attempt[i] > problem.maxRetries[i], resources: heldResources(t))
        if ok {
            line.string("event", "completed")
            journal.append(line)
            plan.taskSucceeded(t, at: now)
            done += 1
            events.record(t, "completed", metrics: metrics)
            events.close(t)
            emit(.completed, t, now)
        } else {
            let final = attempt[i] > problem.maxRetries[i]
            line.string("event", "failed")
            line.bool("final", final)
            line.strings("errors", errors)
            journal.append(line)
            let progress = e.progress ?? (checkpoints.percent[i] ?? 0) / 100
            plan.taskFailed(t, at: now, progress: progress)
            events.record(t, final ? "failed" : "retry_scheduled", metrics: metrics, errors: errors)
            if final {
                done += 1
                events.close(t)
            }
            emit(final ? .failed : .retrying, t, now)
        }
    }

    /// The first acceptance check of task `i` that does not pass, described; nil if all pass.
    func failedCheck(_ i: Int, output: String) -> String? {
        let command = commands[i]
        for check in command.checks {
            switch check.type {
            case "command":
                guard let cmd = check.cmd, !cmd.isEmpty else { continue }
                // A check may read the task's log (the planner's default is `test -s logs/tasks/<id>.log`).
                events.flush()
                let status = launcher.check(command: cmd, directory: command.directory, environment: command.environment,
                                            outputPath: output)
                if status != 0 { return "acceptance check failed (exit \(status)): \(cmd)" }
            case "artifact":
                guard let path = check.path, !path.isEmpty else { continue }
                let full = path.hasPrefix("/") ? path : (command.directory as NSString).appendingPathComponent(path)
                if !FileManager.default.fileExists(atPath: full) { return "acceptance check failed: artifact \(path) is missing" }
            default:
                continue
            }
        }
        return nil
    }

    // MARK: - Deadlines and stopping

    func nextDeadline() -> Double {
        var d = stopping ? Double.infinity : min(plan.nextTimerTime, nextHeartbeat, nextLoadSample)
        for t in live {
            let i = Int(t)
            d = min(d, killAt[i])
            if !timedOut[i] && !stopping { d = min(d, deadline[i]) }
        }
        return d
    }

    func enforceDeadlines(_ now: Double) {
        for t in live {
            let i = Int(t)
            if !timedOut[i] && !stopping && now >= deadline[i] {
                timedOut[i] = true
                killAt[i] = now + configuration.killGraceSeconds / 3600
                launcher.signal(.terminate, task: t)
                emit(.timedOut, t, now)
            } else if now >= killAt[i] {
                launcher.signal(.kill, task: t)
                killAt[i] = .infinity
            }
        }
    }

    /// The user asked to stop: start nothing more, terminate what runs; a second interrupt kills.
    func interrupt(_ now: Double) {
        if stopping {
            for t in live { launcher.signal(.kill, task: t) }
            return
        }
        stopping = true
        stoppedAt = now
        for t in live {
            launcher.signal(.terminate, task: t)
            killAt[Int(t)] = min(killAt[Int(t)], now + configuration.killGraceSeconds / 3600)
        }
        var line = JSONLine()
        line.string("event", "interrupted")
        line.string("timestamp", JSONLine.timestamp())
        line.int("running", live.count)
        journal.append(line)
        journal.sync()
    }

    /// Kills everything still running and reaps it (after an error).
    func stopAll(_ now: Double) {
        for t in live { launcher.signal(.kill, task: t) }
        while launcher.runningCount > 0 { _ = launcher.wait(until: .infinity) }
        live.removeAll()
    }

    /// Feeds the measured load to the plan; true if it changed (worth a new decision).
    @discardableResult
    func sampleLoad(_ now: Double) -> Bool {
        nextLoadSample = now + configuration.loadIntervalSeconds / 3600
        guard let load = loadSource?.sample() else { return false }
        let changed = load.cpuPercent != lastLoad.cpuPercent || load.memoryPercent != lastLoad.memoryPercent
        lastLoad = load
        plan.observeLoad(cpuPercent: load.cpuPercent, memoryPercent: load.memoryPercent)
        return growWorkers(now, load) || changed
    }

    /// The adaptive pool: twice the workers (up to the pool's size) when every active one is full
    /// and the machine has headroom. Returns true if it grew.
    func growWorkers(_ now: Double, _ load: (cpuPercent: Double?, memoryPercent: Double?)) -> Bool {
        guard configuration.workerMin != nil, let model = problem.workers, let active = plan.activeWorkers, active < model.count,
              live.count >= active * Int(model.tasksPerWorker) else { return false }
        let cpuLimit = problem.backpressure?.cpuThresholdPercent ?? 80
        let memoryLimit = problem.backpressure?.memoryThresholdPercent ?? 85
        guard (load.cpuPercent ?? 0) < cpuLimit, (load.memoryPercent ?? 0) < memoryLimit else { return false }
        plan.setActiveWorkers(2 * active)
        workerTimeline.append((now - startTime, plan.activeWorkers ?? 2 * active))
        return true
    }

    func heartbeat(_ now: Double) {
        for t in live {
            let i = Int(t)
            checkpoints.scan(t, id: problem.ids[i], attempt: attempt[i], outputPath: outputPaths[i])
            var metrics = JSONLine()
            metrics.int("attempt", Int(attempt[i]))
            metrics.number("elapsed_seconds", (now - attemptStart[i]) * 3600)
            if let p = checkpoints.percent[i] { metrics.number("checkpoint_percent", p) }
            events.record(t, "heartbeat", metrics: metrics)
        }
        if let hb = configuration.heartbeatSeconds { nextHeartbeat = now + hb / 3600 }
    }

    func emit(_ kind: ExecutionEvent.Kind, _ t: Int32, _ now: Double) {
        guard let onEvent else { return }
        onEvent(ExecutionEvent(kind: kind, task: problem.ids[Int(t)], attempt: Int(attempt[Int(t)]), hours: now - startTime,
                               done: done, total: problem.taskCount, running: live.count))
    }

    // MARK: - Result

    func result(_ now: Double) -> ExecutionResult {
        let trace = plan.trace()
        let outcome = plan.outcome
        let withCheckpoint = outcome.failed.filter { id in problem.index(of: id).map { checkpoints.percent[Int($0)] != nil } ?? false }
        let status: ExitStatus
        let message: String
        if stopping {
            status = .userAbort
            let completed = records.filter { $0.outcome == .completed || $0.outcome == .skipped }.count
            let stopped = records.filter { $0.outcome == .interrupted }.count
            message = "interrupted: \(completed) of \(problem.taskCount) tasks completed, \(stopped) stopped; "
                + "rerun with --resume-from-checkpoint to continue"
        } else if plan.succeeded {
            status = .success
            message = outcome.message
        } else {
            status = withCheckpoint.isEmpty ? .failedWithoutCheckpoint : .failedWithCheckpoint
            message = outcome.message
        }
        return ExecutionResult(trace: trace, makespanHours: stopping ? stoppedAt - startTime : plan.makespan,
                               attempts: records, skipped: skipped, interrupted: stopping, failedWithCheckpoint: withCheckpoint,
                               status: status, message: message, startOrder: startOrder)
    }

    static func percentText(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
    }
}

extension Executor where Policy == RollingFrontierPolicy {
    /// A rolling-frontier executor with the given priority rule.
    public convenience init(rollingFrontier problem: SchedulingProblem, rule: PriorityRule = .bottomLevel, commands: [TaskCommand],
                            configuration: ExecutorConfiguration, launcher: any ProcessLauncher,
                            clock: any ExecutionClock) throws(TasksError) {
        try self.init(problem: problem, policy: RollingFrontierPolicy(), order: ReadyOrder(problem, rule: rule), commands: commands,
                      configuration: configuration, launcher: launcher, clock: clock)
    }
}

extension Executor where Policy == WavePolicy {
    /// A wave-based executor: waves formed by `configuration`, dispatched by `rule` inside a wave.
    public convenience init(waves problem: SchedulingProblem, rule: PriorityRule = .bottomLevel,
                            waveConfiguration: WaveConfiguration = WaveConfiguration(), commands: [TaskCommand],
                            configuration: ExecutorConfiguration, launcher: any ProcessLauncher,
                            clock: any ExecutionClock) throws(TasksError) {
        let order = ReadyOrder(problem, rule: rule)
        try self.init(problem: problem, policy: WavePolicy(problem, order: order, configuration: waveConfiguration), order: order,
                      commands: commands, configuration: configuration, launcher: launcher, clock: clock)
    }
}
