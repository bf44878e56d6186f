import Foundation
import Testing
import TasksTestSupport

/// The progress bar: drawn on a terminal only, and moving while the run goes rather than jumping
/// from nothing to done.
@Suite("Progress line")
struct ProgressLineTests {
    /// `script` gives the child a pseudo-terminal as stderr, the situation of a user at a shell.
    static let script = URL(fileURLWithPath: "/usr/bin/script")

    @Test("on a terminal the bar shows intermediate counts that grow")
    func terminalShowsIntermediateCounts() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.script.path) else {
            print("skipped: /usr/bin/script (util-linux) is not installed, no pseudo-terminal to test with")
            return
        }
        guard let tasks = Fixtures.tasksExecutable else { throw CLIError(description: "tasks executable not built") }
        let output = try Fixtures.temporaryDirectory("progress-out")
        defer { try? FileManager.default.removeItem(at: output) }
        let command = "\(tasks.path) estimate scenarios/webapp -n 2000 --threads 1 -o \(output.path) >/dev/null"
        let process = Process()
        process.executableURL = Self.script
        process.arguments = ["-qec", command, "/dev/null"]
        process.currentDirectoryURL = Fixtures.packageRoot
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("TASKS_") }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let text = String(decoding: data, as: UTF8.self)
        let counts = text.split(separator: "\r").compactMap { frame -> Int? in
            guard let slash = frame.range(of: "/2000") else { return nil }
            return Int(frame[..<slash.lowerBound].split(separator: " ").last ?? "")
        }
        // A debug run of 2,000 iterations on one thread takes seconds, far past the 1 s before the
        // bar appears; were it faster, no frame at all is the correct behaviour.
        guard !counts.isEmpty else {
            print("skipped: the run finished within a second, so no bar was due")
            return
        }
        #expect(counts == counts.sorted(), "counts go backwards: \(counts)")
        #expect(counts.contains { $0 > 0 && $0 < 2000 }, "no intermediate count in \(counts)")
        #expect(text.contains("\u{1B}[K"), "the bar is not cleared before the summary")
    }

    @Test("without a terminal nothing but the summary reaches stderr")
    func pipeShowsNoBar() throws {
        let output = try Fixtures.temporaryDirectory("progress-pipe")
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try CLI.run(["estimate", "scenarios/webapp", "-n", "2000", "--threads", "1", "-o", output.path])
        #expect(result.status == 0, "\(result)")
        #expect(!result.stderr.contains("\r") && !result.stderr.contains("[###"), "\(result)")
    }
}
