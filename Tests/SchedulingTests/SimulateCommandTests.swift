import Foundation
import TaskModel
import TasksTestSupport
import Testing

/// `tasks simulate` end to end, through the built executable.
@Suite("tasks simulate")
struct SimulateCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var executable: URL? {
        let candidates = [ProcessInfo.processInfo.environment["TASKS_BIN"].map { URL(fileURLWithPath: $0) },
                          root.appendingPathComponent(".build/debug/tasks")].compactMap { $0 }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, stdout: Data, stderr: String) {
        let exe = try #require(executable, "build the tasks executable first (swift build)")
        let process = Process()
        process.executableURL = exe
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("TASKS_") }.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, stdout, stderr)
    }

    static func planFile(_ b: ScheduleBuilder) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tasks-simulate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent("tasks.json")
        try JSONEncoder().encode(b.document).write(to: url)
        return url
    }

    @Test("--json prints one object keyed by model, each with makespan_hours and the trace")
    func json() throws {
        guard Self.executable != nil else { print("skipped: tasks executable not built"); return }
        let plan = try Self.planFile(ScheduleBuilder()
            .task("a1", 1).task("a2", 4, after: ["a1"]).task("b1", 4).task("b2", 1, after: ["b1"]))
        let r = try Self.run(["simulate", plan.path, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any])
        #expect(Set(object.keys) == ["rolling_frontier", "wave_based"])
        let frontier = try #require(object["rolling_frontier"] as? [String: Any])
        #expect(frontier["makespan_hours"] as? Double == 5)
        let trace = try #require(frontier["trace"] as? [String: Any])
        #expect((trace["tasks"] as? [Any])?.count == 4)
        #expect((trace["snapshots"] as? [String: Any])?["time_0h"] != nil)
        let waves = try #require(object["wave_based"] as? [String: Any])
        #expect(waves["makespan_hours"] as? Double == 8)

        let one = try Self.run(["simulate", plan.path, "--model", "rolling_frontier", "--json", "--durations", "pessimistic"])
        let only = try #require(try JSONSerialization.jsonObject(with: one.stdout) as? [String: Any])
        #expect(Set(only.keys) == ["rolling_frontier"])
    }

    @Test("text output names the makespan per model; limits come from flags and TASKS_* variables")
    func text() throws {
        guard Self.executable != nil else { return }
        let plan = try Self.planFile(ScheduleBuilder().task("a", 1).task("b", 1).task("c", 1))
        let r = try Self.run(["simulate", plan.path, "-m", "rolling_frontier", "--max-concurrent", "1"])
        #expect(r.status == 0)
        #expect(String(decoding: r.stdout, as: UTF8.self).hasPrefix("rolling_frontier: makespan 3 h"))
        let env = try Self.run(["simulate", plan.path, "-m", "wave_based"], environment: ["TASKS_MAX_WAVE_SIZE": "2"])
        let text = String(decoding: env.stdout, as: UTF8.self)
        #expect(text.contains("2 waves:"), "\(text)")
    }

    @Test("an impossible demand is one line on stderr and exit 4")
    func unresolvable() throws {
        guard Self.executable != nil else { return }
        let plan = try Self.planFile(ScheduleBuilder().pool("test_db_pool", capacity: 3).task("X", 1, shared: ["test_db_pool": 5]))
        let r = try Self.run(["simulate", plan.path])
        #expect(r.status == 4)
        #expect(r.stderr.contains("task X needs 5 units of test_db_pool, capacity 3"))
        #expect(r.stderr.split(separator: "\n").count == 1)
    }
}
