import Foundation
import Scheduling
import TaskModel

/// What the executor runs for one task: its resolved command line, directory, extra environment,
/// timeout and acceptance checks.
public struct TaskCommand: Sendable {
    public var command: String
    public var directory: String
    public var environment: [String: String]
    /// `+infinity` without `execution.timeout_seconds`.
    public var timeoutSeconds: Double
    public var checks: [AcceptanceCheck]

    public init(command: String, directory: String, environment: [String: String] = [:],
                timeoutSeconds: Double = .infinity, checks: [AcceptanceCheck] = []) {
        self.command = command
        self.directory = directory
        self.environment = environment
        self.timeoutSeconds = timeoutSeconds
        self.checks = checks
    }

    /// Each task's command: its `execution.command`, else the `workerCommand` template with
    /// `{id}` and `{task_json}` (the path of a JSON file holding the task, written under
    /// `stateDirectory/tasks/`) replaced, shell-quoted. A relative `execution.cwd` is taken from
    /// `baseDirectory`, the plan's directory.
    /// - Throws: `TasksError` exit 5 naming the tasks that have no command when there is no template,
    ///   and tasks with a bad timeout.
    public static func resolve(_ problem: SchedulingProblem, baseDirectory: String, workerCommand: String?,
                               stateDirectory: String) throws(TasksError) -> [TaskCommand] {
        let plan = problem.graph.plan
        var missing: [String] = []
        var out: [TaskCommand] = []
        out.reserveCapacity(problem.taskCount)
        for i in 0..<problem.taskCount {
            let task = plan.task(i)
            let spec = task.execution
            var directory = baseDirectory
            if let cwd = spec?.cwd, !cwd.isEmpty {
                directory = cwd.hasPrefix("/") ? cwd : (baseDirectory as NSString).appendingPathComponent(cwd)
            }
            let timeout = spec?.timeoutSeconds ?? .infinity
            guard timeout > 0, !timeout.isNaN else {
                throw TasksError(.invalidPlan, "\(problem.sourceName): task \(task.id): execution.timeout_seconds must be positive, got \(timeout)")
            }
            var command = spec?.command?.trimmingWhitespace ?? ""
            if command.isEmpty {
                guard let template = workerCommand else { missing.append(task.id); continue }
                command = template.replacingOccurrences(of: "{id}", with: shellQuoted(task.id))
                if template.contains("{task_json}") {
                    let path = ((stateDirectory as NSString).appendingPathComponent("tasks") as NSString)
                        .appendingPathComponent("\(task.id).json")
                    try ArtifactWriter.write(try ArtifactWriter.jsonText(task), to: path)
                    command = command.replacingOccurrences(of: "{task_json}", with: shellQuoted(path))
                }
            }
            out.append(TaskCommand(command: command, directory: directory, environment: spec?.env ?? [:],
                                   timeoutSeconds: timeout,
                                   checks: (task.acceptanceChecks ?? []).filter { $0.type == "command" || $0.type == "artifact" }))
        }
        if !missing.isEmpty {
            let names = missing.prefix(10).joined(separator: ", ") + (missing.count > 10 ? ", … (\(missing.count) in all)" : "")
            throw TasksError(.invalidPlan, "\(problem.sourceName): \(missing.count) task\(missing.count == 1 ? " has" : "s have") "
                + "no execution.command and no --worker-cmd was given: \(names)")
        }
        return out
    }

    static func shellQuoted(_ s: String) -> String {
        s.allSatisfy { $0.isLetter || $0.isNumber || "._-/:".contains($0) } ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
