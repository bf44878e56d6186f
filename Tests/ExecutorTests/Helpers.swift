import Executor
import Foundation
import Scheduling
import TaskGraph
import TaskModel
import TasksTestSupport

/// A plan whose tasks run shell commands, in a fresh directory that is also the run's state
/// directory (journal, checkpoints, logs).
struct ShellPlan {
    var builder: ScheduleBuilder
    var commands: [String: String] = [:]
    var timeouts: [String: Double] = [:]
    var checks: [String: [AcceptanceCheck]] = [:]
    var coordinator: CoordinatorDocument?

    init(_ builder: ScheduleBuilder) { self.builder = builder }

    /// The standard coordinator with quick retries and no throttling (so a failure does not open
    /// the circuit breaker for the standard 30 s).
    static func quickRetries(maxRetries: Int, backoffSeconds: Double) -> CoordinatorDocument {
        var c = CoordinatorDocument.standard
        c.coordinator.policies.failureHandling.maxRetries = maxRetries
        c.coordinator.policies.failureHandling.backoffBaseSeconds = backoffSeconds
        c.coordinator.policies.backpressure.triggers[2].threshold = 100
        return c
    }

    var document: PlanDocument {
        var d = builder.document
        for i in d.tasks.indices {
            let id = d.tasks[i].id
            if let c = commands[id] { d.tasks[i].execution = ExecutionSpec(command: c, timeoutSeconds: timeouts[id]) }
            if let c = checks[id] { d.tasks[i].acceptanceChecks = c }
        }
        return d
    }

    /// Writes `tasks.json` (and `coordinator.json`) into a new directory.
    func write(_ label: String) throws -> URL {
        let dir = try Fixtures.temporaryDirectory(label)
        try ArtifactWriter.write(try ArtifactWriter.jsonText(document), to: dir.appendingPathComponent("tasks.json").path)
        if let coordinator {
            try ArtifactWriter.write(try ArtifactWriter.jsonText(coordinator), to: dir.appendingPathComponent("coordinator.json").path)
        }
        return dir
    }

    /// Runs the plan in `dir` with real processes, rolling frontier.
    func run(in dir: URL, settings: SchedulingSettings = SchedulingSettings(applyBackpressure: false), resume: Bool = false,
             workerCommand: String? = nil) throws -> ExecutionResult {
        let resolved = try ResolvedPlan(document, sourceName: dir.appendingPathComponent("tasks.json").path)
        let problem = try SchedulingProblem(graph: try TaskGraph(resolved, minConfidence: 0.7), coordinator: coordinator,
                                            settings: settings)
        let commands = try TaskCommand.resolve(problem, baseDirectory: dir.path, workerCommand: workerCommand, stateDirectory: dir.path)
        let clock = WallClock()
        let executor = try Executor(rollingFrontier: problem, commands: commands,
                                    configuration: ExecutorConfiguration(stateDirectory: dir.path, resume: resume, killGraceSeconds: 1,
                                                                         heartbeatSeconds: 0.2),
                                    launcher: try PosixLauncher(clock: clock), clock: clock)
        return try executor.run()
    }
}

/// Intervals from a trace file of `<id> start|end <ns>` lines, in seconds.
func intervals(_ file: URL) throws -> [String: [(start: Double, end: Double)]] {
    let text = try String(contentsOf: file, encoding: .utf8)
    var open: [String: Double] = [:]
    var out: [String: [(start: Double, end: Double)]] = [:]
    for line in text.split(separator: "\n") {
        let f = line.split(separator: " ")
        guard f.count == 3, let ns = Double(f[2]) else { continue }
        let id = String(f[0])
        if f[1] == "start" { open[id] = ns / 1e9 } else if let s = open.removeValue(forKey: id) { out[id, default: []].append((s, ns / 1e9)) }
    }
    return out
}

/// The most intervals of `tasks` open at once (ends before starts at equal times).
func peakOverlap(_ all: [String: [(start: Double, end: Double)]], among tasks: Set<String>) -> Int {
    var events: [(Double, Int)] = []
    for (id, list) in all where tasks.contains(id) {
        for i in list { events += [(i.start, 1), (i.end, -1)] }
    }
    events.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
    var now = 0, peak = 0
    for e in events {
        now += e.1
        peak = max(peak, now)
    }
    return peak
}

/// A shell fragment appending `<id> start|end <ns>` to `trace` around `body`.
func stamped(_ body: String) -> String {
    "echo \"$TASKS_TASK_ID start $(date +%s%N)\" >> trace; \(body); rc=$?; echo \"$TASKS_TASK_ID end $(date +%s%N)\" >> trace; exit $rc"
}

/// Whether any process of group `pgid` is still alive (zombies waiting for a reaper do not count).
func groupAlive(_ pgid: Int32) -> Bool {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    for e in entries where Int32(e) != nil {
        guard let stat = try? String(contentsOfFile: "/proc/\(e)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { continue }
        // Fields after "(comm)": state, ppid, pgrp, …
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        if fields.count > 2, fields[0] != "Z", Int32(fields[2]) == pgid { return true }
    }
    return false
}

/// Waits up to `seconds` for group `pgid` to be gone.
func groupGone(_ pgid: Int32, within seconds: Double = 2) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while groupAlive(pgid) {
        if Date() > deadline { return false }
        Thread.sleep(forTimeInterval: 0.02)
    }
    return true
}
