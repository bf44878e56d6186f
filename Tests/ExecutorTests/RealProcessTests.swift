import Executor
import Foundation
import Scheduling
import Simulation
import TaskGraph
import TaskModel
import TasksTestSupport
import Testing

/// Real processes (`sleep`, `sh`) under the executor: capacities, retries with backoff,
/// timeouts, checkpoints, acceptance checks and the exit-code table.
@Suite("Executor with real processes")
struct RealProcessTests {
    @Test("a pool of 2, an exclusive lock and -j 3 are never exceeded, and the pool binds")
    func capacities() throws {
        var b = ScheduleBuilder(maxConcurrent: 3).pool("gpu", capacity: 2).exclusive("db")
        var gpu: Set<String> = [], db: Set<String> = []
        for i in 0..<12 {
            let id = String(format: "T%02d", i)
            if i % 3 == 2 { db.insert(id); b = b.task(id, 1, exclusive: ["db"]) } else { gpu.insert(id); b = b.task(id, 1, shared: ["gpu": 1]) }
        }
        var plan = ShellPlan(b)
        for id in gpu.union(db) { plan.commands[id] = stamped("sleep 0.1") }
        let dir = try plan.write("exec-capacity")
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try plan.run(in: dir)
        #expect(result.status == .success, "\(result.message)")
        let trace = try intervals(dir.appendingPathComponent("trace"))
        #expect(trace.count == 12)
        #expect(peakOverlap(trace, among: gpu) == 2, "the gpu pool (2) must bind and never be exceeded")
        #expect(peakOverlap(trace, among: db) == 1)
        #expect(peakOverlap(trace, among: gpu.union(db)) <= 3)
        // Every task has its JSON event log with the spec's fields.
        let log = try String(contentsOf: dir.appendingPathComponent("logs/tasks/T00.log"), encoding: .utf8)
        let events = try log.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(events.map { $0["event"] as? String } == ["started", "completed"])
        for e in events { #expect(Set(e.keys) == ["task_id", "timestamp", "event", "metrics", "errors"]) }
    }

    @Test("a task that fails twice is retried after 0.2 s, then 0.4 s, and succeeds")
    func retriesWithBackoff() throws {
        var plan = ShellPlan(ScheduleBuilder().task("flaky", 1).task("after", 1, after: ["flaky"]))
        plan.coordinator = ShellPlan.quickRetries(maxRetries: 3, backoffSeconds: 0.2)
        plan.commands["flaky"] = "n=$(cat count 2>/dev/null || echo 0); n=$((n+1)); echo $n > count; [ $n -ge 3 ]"
        plan.commands["after"] = "true"
        let dir = try plan.write("exec-retry")
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try plan.run(in: dir, settings: SchedulingSettings(enforceWorkerPool: false, applyBackpressure: false))
        #expect(result.status == .success, "\(result.message)")
        let attempts = result.attempts.filter { $0.task == "flaky" }
        #expect(attempts.map(\.outcome) == [.failed, .failed, .completed])
        #expect(attempts.map(\.attempt) == [1, 2, 3])
        guard attempts.count == 3 else { return }
        let gap1 = (attempts[1].start - attempts[0].end) * 3600, gap2 = (attempts[2].start - attempts[1].end) * 3600
        #expect(gap1 >= 0.2 && gap1 < 0.35, "first backoff \(gap1) s")
        #expect(gap2 >= 0.4 && gap2 < 0.55, "second backoff \(gap2) s")
        #expect(attempts[0].errors == ["exit status 1"])
    }

    @Test("a checkpoint reported on stdout is saved and handed to the retry")
    func checkpoints() throws {
        var plan = ShellPlan(ScheduleBuilder().task("long", 1, checkpoint: true))
        plan.coordinator = ShellPlan.quickRetries(maxRetries: 1, backoffSeconds: 0)
        plan.commands["long"] = "echo \"from=${TASKS_CHECKPOINT_FROM:-none}\" >> seen; "
            + "if [ -z \"$TASKS_CHECKPOINT_FROM\" ]; then echo 'TASKS_CHECKPOINT 25'; echo 'TASKS_CHECKPOINT 50'; exit 3; fi"
        let dir = try plan.write("exec-checkpoint")
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try plan.run(in: dir, settings: SchedulingSettings(enforceWorkerPool: false, applyBackpressure: false))
        #expect(result.status == .success, "\(result.message)")
        #expect(try String(contentsOf: dir.appendingPathComponent("seen"), encoding: .utf8) == "from=none\nfrom=50\n")
        let saved = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("checkpoints/long.json"))) as? [String: Any]
        #expect(saved?["percent"] as? Double == 50)
    }

    @Test("a task that fails for good: exit 7 with a checkpoint saved, exit 8 without; its successors are blocked")
    func exitCodes() throws {
        for withCheckpoint in [true, false] {
            var plan = ShellPlan(ScheduleBuilder().task("bad", 1).task("next", 1, after: ["bad"]).task("other", 1))
            plan.coordinator = ShellPlan.quickRetries(maxRetries: 0, backoffSeconds: 0)
            plan.commands["bad"] = withCheckpoint ? "echo 'TASKS_CHECKPOINT 40'; exit 2" : "exit 2"
            plan.commands["next"] = "touch next.ran"
            plan.commands["other"] = "touch other.ran"
            let dir = try plan.write("exec-exit")
            defer { try? FileManager.default.removeItem(at: dir) }
            let result = try plan.run(in: dir, settings: SchedulingSettings(enforceWorkerPool: false, applyBackpressure: false))
            #expect(result.status == (withCheckpoint ? .failedWithCheckpoint : .failedWithoutCheckpoint))
            #expect(result.trace.outcome.failed == ["bad"])
            #expect(result.trace.outcome.blocked == ["next"])
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("next.ran").path))
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("other.ran").path))
        }
    }

    @Test("a timeout is enforced: SIGTERM to the task's process group, failure named")
    func timeout() throws {
        var plan = ShellPlan(ScheduleBuilder().task("slow", 1))
        plan.coordinator = ShellPlan.quickRetries(maxRetries: 0, backoffSeconds: 0)
        plan.commands["slow"] = "echo $$ > pid; sleep 30"
        plan.timeouts["slow"] = 0.3
        let dir = try plan.write("exec-timeout")
        defer { try? FileManager.default.removeItem(at: dir) }
        let started = Date()
        let result = try plan.run(in: dir, settings: SchedulingSettings(enforceWorkerPool: false, applyBackpressure: false))
        let elapsed = Date().timeIntervalSince(started)
        #expect(result.status == .failedWithoutCheckpoint)
        #expect(result.attempts.first?.errors == ["timed out after 0.3 s"])
        let seconds = (result.attempts.first.map { $0.end - $0.start } ?? 0) * 3600
        #expect(seconds >= 0.3 && seconds < 1.5, "attempt lasted \(seconds) s")
        #expect(elapsed < 5)
        let group = try #require(Int32(try String(contentsOf: dir.appendingPathComponent("pid"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(groupGone(group), "the task's process group outlived its timeout")
    }

    @Test("acceptance checks decide success: a missing artifact fails the task, a passing command check does not")
    func acceptanceChecks() throws {
        var plan = ShellPlan(ScheduleBuilder().task("makes", 1).task("forgets", 1))
        plan.coordinator = ShellPlan.quickRetries(maxRetries: 0, backoffSeconds: 0)
        plan.commands["makes"] = "touch made"
        plan.commands["forgets"] = "true"
        plan.checks["makes"] = [AcceptanceCheck(type: "command", cmd: "test -f made"), AcceptanceCheck(type: "artifact", path: "made")]
        plan.checks["forgets"] = [AcceptanceCheck(type: "artifact", path: "missing.txt")]
        let dir = try plan.write("exec-checks")
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try plan.run(in: dir, settings: SchedulingSettings(enforceWorkerPool: false, applyBackpressure: false))
        #expect(result.trace.outcome.failed == ["forgets"])
        #expect(result.attempts.first { $0.task == "forgets" }?.errors == ["acceptance check failed: artifact missing.txt is missing"])
        #expect(result.attempts.first { $0.task == "makes" }?.outcome == .completed)
    }

    @Test("tasks without a command run through --worker-cmd, or are refused with exit 5 naming them")
    func workerCommand() throws {
        var plan = ShellPlan(ScheduleBuilder().task("a", 1).task("b", 1))
        plan.commands["a"] = "true"
        let dir = try plan.write("exec-worker-cmd")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: TasksError.self) { try plan.run(in: dir) }
        do { _ = try plan.run(in: dir) } catch let e as TasksError {
            #expect(e.status == .invalidPlan)
            #expect(e.message.hasSuffix("1 task has no execution.command and no --worker-cmd was given: b"))
        }
        let result = try plan.run(in: dir, workerCommand: "grep -q '\"id\"' {task_json} && echo {id} > ran-{id}")
        #expect(result.status == .success, "\(result.message)")
        #expect(try String(contentsOf: dir.appendingPathComponent("ran-b"), encoding: .utf8) == "b\n")
    }

    @Test("the realized makespan of a scaled-down scenario is within 10% of the simulator's for the same durations")
    func makespanMatchesSimulation() throws {
        // Durations in seconds, run as `sleep`s; the simulator gets the same numbers in hours.
        var b = ScheduleBuilder(maxConcurrent: 3).pool("db", capacity: 2)
        let seconds = [0.4, 0.3, 0.5, 0.2, 0.4, 0.3, 0.6, 0.2, 0.3, 0.4, 0.5, 0.3]
        for (i, s) in seconds.enumerated() {
            let after = i >= 3 ? [String(format: "T%02d", i - 3)] + (i % 4 == 0 ? [String(format: "T%02d", i - 2)] : []) : []
            b = b.task(String(format: "T%02d", i), s / 3600, after: after, shared: i % 2 == 0 ? ["db": 1] : [:])
        }
        var plan = ShellPlan(b)
        for (i, s) in seconds.enumerated() { plan.commands[String(format: "T%02d", i)] = "sleep \(s)" }
        let dir = try plan.write("exec-makespan")
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try plan.run(in: dir)
        #expect(result.status == .success)
        let problem = try SchedulingProblem(graph: try b.graph())
        var sim = Simulator(rollingFrontier: problem)
        let simulated = try sim.makespan(durations: seconds.map { $0 / 3600 })
        let ratio = result.makespanHours / simulated
        #expect(ratio >= 1 && ratio <= 1.10, "realized \(result.makespanHours * 3600) s vs simulated \(simulated * 3600) s")
    }
}
