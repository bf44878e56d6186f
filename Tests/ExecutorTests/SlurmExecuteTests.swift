import Foundation
import TaskModel
import TasksTestSupport
import Testing

/// `tasks execute --backend slurm` against the local cluster (`scripts/slurm-local.sh start`):
/// each attempt a job of its own, pools and locks as licenses, retries resubmitted, Ctrl-C
/// cancelling every job of the run, resume after a crash. Skips when no cluster answers.
@Suite("tasks execute --backend slurm", .serialized)
struct SlurmExecuteTests {
    let cli = ExecuteCommandTests()

    /// The cluster's configuration in our environment, so the `tasks` we start finds it; nil
    /// (and the test skips) without a cluster.
    func cluster() -> String? {
        guard let conf = SlurmFixture.configuration else {
            print("skipped: \(SlurmFixture.skipReason)")
            return nil
        }
        setenv("SLURM_CONF", conf, 1)
        return conf
    }

    /// Names of the jobs the controller still knows (pending, running or completing).
    func queue() -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["squeue", "--noheader", "--format=%j"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return [] }
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return out.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// The run's job-name prefix, from the backend's note on stderr.
    func jobPrefix(_ dir: URL) -> String? {
        for line in cli.lines(dir.appendingPathComponent("cli.stderr")) {
            guard let r = line.range(of: "jobs ") else { continue }
            return line[r.upperBound...].split(separator: "*").first.map(String.init)
        }
        return nil
    }

    @Test("a lock (license of 1) and a pool of 3 (license of 3) are never exceeded; a failing task is resubmitted")
    func limitsAndRetry() throws {
        guard cluster() != nil else { return }
        var b = ScheduleBuilder(maxConcurrent: 6).pool("test_db_pool", capacity: 3).exclusive("migration_lock")
        var pool: Set<String> = [], lock: Set<String> = []
        for i in 0..<9 {
            let id = String(format: "S%02d", i)
            if i % 3 == 0 { lock.insert(id); b = b.task(id, 1, exclusive: ["migration_lock"]) } else {
                pool.insert(id); b = b.task(id, 1, shared: ["test_db_pool": 1])
            }
        }
        b = b.task("flaky", 1, maxRetries: 2)
        var plan = ShellPlan(b)
        plan.coordinator = ShellPlan.quickRetries(maxRetries: 2, backoffSeconds: 0.1)
        for id in pool.union(lock) { plan.commands[id] = stamped("sleep 1") }
        plan.commands["flaky"] = "echo attempt >> flaky.attempts; [ -f flaky.once ] || { touch flaky.once; exit 1; }"
        let dir = try plan.write("slurm-limits")
        defer { try? FileManager.default.removeItem(at: dir) }
        guard let run = try cli.launch(["execute", ".", "--backend", "slurm"], directory: dir) else { return }
        #expect(cli.finish(run, within: 120) == 0, "\(cli.lines(dir.appendingPathComponent("cli.stderr")))")
        let note = cli.lines(dir.appendingPathComponent("cli.stderr")).joined(separator: "\n")
        #expect(note.contains("licenses migration_lock, test_db_pool"), "\(note)")
        let trace = try intervals(dir.appendingPathComponent("trace"))
        #expect(trace.count == 9)
        #expect(peakOverlap(trace, among: lock) == 1)
        #expect(peakOverlap(trace, among: pool) <= 3)
        #expect(cli.lines(dir.appendingPathComponent("flaky.attempts")).count == 2, "the failed attempt was not resubmitted once")
        if let prefix = jobPrefix(dir) { #expect(!queue().contains { $0.hasPrefix(prefix) }) }
    }

    @Test("SIGINT: exit 9 and no job of the run is left in squeue")
    func cancelLeavesNoJob() throws {
        guard cluster() != nil else { return }
        var plan = ShellPlan(ScheduleBuilder(maxConcurrent: 3).task("a", 1).task("b", 1).task("c", 1).task("d", 1, after: ["a"]))
        for id in ["a", "b", "c", "d"] { plan.commands[id] = "echo $TASKS_TASK_ID >> started; sleep 60" }
        let dir = try plan.write("slurm-cancel")
        defer { try? FileManager.default.removeItem(at: dir) }
        guard let run = try cli.launch(["execute", ".", "--backend", "slurm", "--kill-grace", "2"], directory: dir) else { return }
        #expect(cli.waitFor(30) { cli.lines(dir.appendingPathComponent("started")).count >= 3 })
        let prefix = try #require(jobPrefix(dir))
        #expect(queue().filter { $0.hasPrefix(prefix) }.count == 3)
        kill(run.processIdentifier, SIGINT)
        #expect(cli.finish(run, within: 30) == 9)
        // scancel gives the tasks SIGTERM, then SIGKILL after the cluster's KillWait.
        #expect(cli.waitFor(20) { !queue().contains { $0.hasPrefix(prefix) } }, "left in squeue: \(queue())")
        #expect(!cli.lines(dir.appendingPathComponent("started")).contains("d"))
    }

    @Test("kill -9 of the executor, then --resume-from-checkpoint on Slurm: the rest completes, nothing completed reruns")
    func crashAndResume() throws {
        guard cluster() != nil else { return }
        var b = ScheduleBuilder(maxConcurrent: 2)
        for i in 0..<8 { b = b.task("R\(i)", 1, after: i >= 2 ? ["R\(i - 2)"] : []) }
        var plan = ShellPlan(b)
        for i in 0..<8 { plan.commands["R\(i)"] = "echo $TASKS_TASK_ID >> ran; sleep 0.3" }
        let dir = try plan.write("slurm-resume")
        defer { try? FileManager.default.removeItem(at: dir) }
        guard let first = try cli.launch(["execute", ".", "--backend", "slurm", "-q"], directory: dir) else { return }
        #expect(cli.waitFor(60) { cli.completedInJournal(dir).count >= 3 })
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        let before = Set(cli.completedInJournal(dir))
        #expect(before.count >= 3 && before.count < 8, "completed before the crash: \(before.sorted())")
        // The crashed run's jobs finish on the cluster; wait for them before resuming.
        _ = cli.waitFor(20) { !queue().contains { $0.hasPrefix("tasks-") && $0.contains("-R") } }
        guard let second = try cli.launch(["execute", ".", "--backend", "slurm", "--resume-from-checkpoint", "-q"],
                                          directory: dir) else { return }
        #expect(cli.finish(second, within: 120) == 0, "\(cli.lines(dir.appendingPathComponent("cli.stderr")))")
        let ran = cli.lines(dir.appendingPathComponent("ran"))
        for id in before { #expect(ran.filter { $0 == id }.count == 1, "\(id) completed before the crash and ran again") }
        #expect(Set(cli.completedInJournal(dir)) == Set((0..<8).map { "R\($0)" }))
    }
}
