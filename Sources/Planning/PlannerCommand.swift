import Foundation
import TaskModel

/// An external planner (`--planner-cmd CMD` / `TASKS_PLANNER_CMD`, e.g. an LLM CLI): run with
/// `/bin/sh -c CMD`, it receives the spec's system prompt, the settings and the description on
/// stdin and must answer in the spec's file-fence format (`---file:tasks.json` …).
public struct PlannerCommand {
    public let command: String

    public init(command: String) { self.command = command }

    /// The spec's system prompt, verbatim.
    public static let systemPrompt = """
        You are T.A.S.K.S v3, a comprehensive planning engine supporting both wave-based and rolling frontier execution models.

        CRITICAL REQUIREMENTS:
        1. Research existing codebase with ast-grep BEFORE planning
        2. Define boundaries for EVERY task: complexity, done criteria, scope, logging
        3. Identify shared resources creating mutual exclusions
        4. Generate BOTH execution models (waves and rolling frontier)
        5. Document all design decisions with alternatives

        TASK BOUNDARIES MUST INCLUDE:
        - expected_complexity: Quantifiable (LoC, functions, endpoints)
        - definition_of_done: Clear stop criteria with "stop_when"
        - scope: Explicit includes/excludes paths
        - execution_guidance: Detailed logging instructions

        RESOURCE HANDLING:
        - Identify exclusive resources (migrations, deployments)
        - Model as mutual_exclusion dependencies
        - Document resolution strategies
        - Calculate serialization impact

        OUTPUT EXACTLY THESE FILES:
        1. features.json
        2. tasks.json (with boundaries and resources)
        3. dag.json (with resource metrics)
        4. waves.json (both execution models)
        5. coordinator.json (rolling frontier config)
        6. Plan.md (with codebase analysis)
        7. Decisions.md (with alternatives)

        Use content hashing for deterministic output.
        Redact secrets with [REDACTED].
        Target 2-8h tasks (16h max).
        Apply MIN_CONFIDENCE threshold.
        """

    /// The planner's stdin: the system prompt, the settings, the codebase summary, the description.
    public static func input(description: String, minConfidence: Double, codebase: CodebaseAnalysis) -> String {
        var lines = [systemPrompt, "", "PLAN_DOC:", description, "", "MIN_CONFIDENCE: \(minConfidence)"]
        if let apis = codebase.existingAPIs, !apis.isEmpty { lines.append("EXISTING_APIS: \(apis.prefix(50).joined(separator: ", "))") }
        if let resources = codebase.sharedResources, !resources.isEmpty {
            lines.append("SHARED_RESOURCES: \(resources.keys.sorted().joined(separator: ", "))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Runs the planner and returns its stdout.
    /// - Throws: `TasksError` exit 1 when it cannot start or exits non-zero (its stderr's last line is quoted).
    public func run(input: String) throws(TasksError) -> String {
        // A planner that exits without reading all of its input must not kill `tasks` with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        do { try process.run() } catch {
            throw TasksError(.invalidArguments, "planner command '\(command)' cannot start: \(error.localizedDescription)")
        }
        // Write and read concurrently so a planner that answers before reading all its input cannot deadlock.
        let writer = Thread {
            try? stdin.fileHandleForWriting.write(contentsOf: Data(input.utf8))
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let box = ErrorBox()
        let stderrRead = DispatchSemaphore(value: 0)
        let errThread = Thread {
            box.data = stderr.fileHandleForReading.readDataToEndOfFile()
            stderrRead.signal()
        }
        errThread.start()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        stderrRead.wait()
        guard process.terminationStatus == 0 else {
            let last = String(decoding: box.data ?? Data(), as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
            throw TasksError(.invalidArguments, "planner command '\(command)' exited with status \(process.terminationStatus)"
                + (last.isEmpty ? "" : ": \(last)"))
        }
        return String(decoding: output, as: UTF8.self)
    }

    final class ErrorBox: @unchecked Sendable {
        private let lock = NSLock()
        private var value: Data?
        var data: Data? {
            get { lock.withLock { value } }
            set { lock.withLock { value = newValue } }
        }
    }
}
