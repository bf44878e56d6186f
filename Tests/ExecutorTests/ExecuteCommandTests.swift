import Foundation
import TaskModel
import TasksTestSupport
import Testing

/// `tasks execute` as a user runs it: crash and resume, Ctrl-C, stdin, dry run.
@Suite("tasks execute (CLI)", .serialized)
struct ExecuteCommandTests {
    /// Starts the built `tasks` (or `executable`, a wrapper that runs it) with `arguments`; nil
    /// (and the test skips) when it is not built.
    func launch(_ arguments: [String], directory: URL, stdin: String? = nil, executable: URL? = nil) throws -> Process? {
        guard let executable = executable ?? Fixtures.tasksExecutable else {
            Issue.record("the tasks executable was not found; run `swift build` first or set TASKS_BIN")
            return nil
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("TASKS_") }
        process.standardOutput = try FileHandle(forWritingTo: touch(directory.appendingPathComponent("cli.stdout")))
        process.standardError = try FileHandle(forWritingTo: touch(directory.appendingPathComponent("cli.stderr")))
        if let stdin {
            let url = directory.appendingPathComponent("cli.stdin")
            try stdin.write(to: url, atomically: true, encoding: .utf8)
            process.standardInput = try FileHandle(forReadingFrom: url)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        return process
    }

    func touch(_ url: URL) -> URL {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        return url
    }

    func finish(_ process: Process, within seconds: Double = 30) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning { process.terminate(); return nil }
        process.waitUntilExit()
        return process.terminationStatus
    }

    func waitFor(_ seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !condition() {
            if Date() > deadline { return false }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return true
    }

    func lines(_ url: URL) -> [String] {
        ((try? String(contentsOf: url, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    func completedInJournal(_ dir: URL) -> [String] {
        lines(dir.appendingPathComponent("journal.jsonl")).compactMap { line in
            guard let o = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  o["event"] as? String == "completed" else { return nil }
            return o["task_id"] as? String
        }
    }

    @Test("kill -9 of the executor mid-run, then --resume-from-checkpoint: every task completes, none completed is rerun")
    func crashAndResume() throws {
        var b = ScheduleBuilder(maxConcurrent: 2)
        for i in 0..<10 { b = b.task("T\(i)", 1, after: i >= 2 ? ["T\(i - 2)"] : []) }
        var plan = ShellPlan(b)
        for i in 0..<10 { plan.commands["T\(i)"] = "echo $TASKS_TASK_ID >> ran; sleep 0.15" }
        let dir = try plan.write("exec-crash")
        defer { try? FileManager.default.removeItem(at: dir) }
        guard let first = try launch(["execute", ".", "-q"], directory: dir) else { return }
        #expect(waitFor(20) { completedInJournal(dir).count >= 4 })
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        let before = Set(completedInJournal(dir))
        #expect(before.count >= 4 && before.count < 10, "completed before the crash: \(before.sorted())")
        Thread.sleep(forTimeInterval: 0.4)  // orphans of the killed run finish their sleep
        guard let second = try launch(["execute", ".", "--resume-from-checkpoint", "-q"], directory: dir) else { return }
        #expect(finish(second) == 0, "\(lines(dir.appendingPathComponent("cli.stderr")))")
        let ran = lines(dir.appendingPathComponent("ran"))
        for id in before { #expect(ran.filter { $0 == id }.count == 1, "\(id) completed before the crash and ran again") }
        #expect(Set(ran) == Set((0..<10).map { "T\($0)" }))
        #expect(Set(completedInJournal(dir)) == Set((0..<10).map { "T\($0)" }))
        let summary = lines(dir.appendingPathComponent("cli.stdout")).joined(separator: "\n")
        #expect(summary.contains("(\(before.count) skipped, completed before)"), "\(summary)")
    }

    @Test("SIGINT: exit 9, running tasks' process groups terminated, no orphans, journal says interrupted")
    func interrupt() throws {
        var plan = ShellPlan(ScheduleBuilder(maxConcurrent: 2).task("a", 1).task("b", 1).task("c", 1, after: ["a"]))
        for id in ["a", "b", "c"] { plan.commands[id] = "echo $$ >> pids; sleep 30 & wait" }
        let dir = try plan.write("exec-sigint")
        defer { try? FileManager.default.removeItem(at: dir) }
        guard let process = try launch(["execute", ".", "-q", "--kill-grace", "1"], directory: dir) else { return }
        #expect(waitFor(20) { lines(dir.appendingPathComponent("pids")).count >= 2 })
        let started = Date()
        kill(process.processIdentifier, SIGINT)
        #expect(finish(process) == 9)
        #expect(Date().timeIntervalSince(started) < 5)
        let groups = lines(dir.appendingPathComponent("pids")).compactMap { Int32($0) }
        #expect(groups.count == 2, "c must never start")
        for g in groups { #expect(groupGone(g), "process group \(g) outlived the interrupt") }
        let journal = lines(dir.appendingPathComponent("journal.jsonl")).joined()
        #expect(journal.contains("\"interrupted\""))
        #expect(lines(dir.appendingPathComponent("cli.stderr")).contains { $0.contains("interrupted") && $0.hasSuffix("(exit 9)") })
    }

    @Test("execute - reads a plan directory's path from stdin; --dry-run runs nothing")
    func stdinAndDryRun() throws {
        var plan = ShellPlan(ScheduleBuilder().task("a", 1).task("b", 2, after: ["a"]))
        plan.commands["a"] = "touch a.ran"
        plan.commands["b"] = "touch b.ran"
        let dir = try plan.write("exec-stdin")
        defer { try? FileManager.default.removeItem(at: dir) }
        guard let dry = try launch(["execute", dir.path, "--dry-run"], directory: dir) else { return }
        #expect(finish(dry) == 0)
        let out = lines(dir.appendingPathComponent("cli.stdout"))
        #expect(out.first?.hasPrefix("dry run:") == true)
        #expect(out.contains { $0.hasSuffix("b  $ touch b.ran") })
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("a.ran").path))
        guard let run = try launch(["execute", "-", "-q"], directory: dir, stdin: dir.path + "\n") else { return }
        #expect(finish(run) == 0)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("b.ran").path))
    }

    @Test("a low open-file limit: the soft limit is raised to fit -j; a hard limit too low is exit 6, not a hang")
    func openFileLimit() throws {
        var builder = ScheduleBuilder()
        for i in 0..<48 { builder = builder.task(String(format: "t%02d", i), 0.1) }
        var plan = ShellPlan(builder)
        for i in 0..<48 { plan.commands[String(format: "t%02d", i)] = "sleep 0.5" }
        let dir = try plan.write("exec-fd-limit")
        defer { try? FileManager.default.removeItem(at: dir) }
        guard let executable = Fixtures.tasksExecutable else {
            Issue.record("the tasks executable was not found; run `swift build` first or set TASKS_BIN")
            return
        }
        // 48 tasks at once hold about 150 descriptors: far over either limit below.
        for (limit, expected) in [("-S -n 40", Int32(0)), ("-n 24", Int32(6))] {
            let state = dir.appendingPathComponent("state-\(expected)").path
            let shell = ["-c", "ulimit \(limit) && exec \"$0\" \"$@\"", executable.path]
            guard let run = try launch(shell + ["execute", ".", "-j", "48", "-q", "--state-dir", state], directory: dir,
                                       executable: URL(fileURLWithPath: "/bin/sh")) else { return }
            #expect(finish(run) == expected, "ulimit \(limit)")
            if expected == 0 {
                #expect(completedInJournal(URL(fileURLWithPath: state)).count == 48)
            } else {
                #expect(lines(dir.appendingPathComponent("cli.stderr")).last?.contains("Too many open files") == true)
            }
        }
    }

    @Test("bad input: no command and no --worker-cmd is exit 5; --worker-max below --worker-min is exit 6")
    func badInput() throws {
        let dir = try ShellPlan(ScheduleBuilder().task("lonely", 1)).write("exec-bad")
        defer { try? FileManager.default.removeItem(at: dir) }
        guard let p5 = try launch(["execute", "."], directory: dir) else { return }
        #expect(finish(p5) == 5)
        #expect(lines(dir.appendingPathComponent("cli.stderr")).last?.contains("lonely") == true)
        guard let p6 = try launch(["execute", ".", "--worker-min", "4", "--worker-max", "2"], directory: dir) else { return }
        #expect(finish(p6) == 6)
    }
}
