import ArgumentParser
import Foundation
import Planning
import TaskGraph
import TaskModel

/// `tasks plan --interactive`: shows the plan's summary on stderr and asks
/// approve/edit/regenerate/abort on stdin. Edit opens `$VISUAL`/`$EDITOR` (else `vi`) on
/// `tasks.json` and re-validates the result; abort is exit 9; end of input counts as abort.
struct PlanReview {
    enum Action { case edit, regenerate }

    let directory: String
    var tasksPath: String { (directory as NSString).appendingPathComponent("tasks.json") }

    /// The next action, or `nil` once the plan is approved.
    mutating func ask() throws(TasksError) -> Action? {
        if let summary = try? PlanCatalog.summary(of: directory) { Terminal.note(PlanCatalog.describe(summary)) }
        while true {
            FileHandle.standardError.write(Data("Review plan? [approve/edit/regenerate/abort] ".utf8))
            guard let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() else {
                throw TasksError(.userAbort, "plan review ended without an answer; \(directory) is left as written")
            }
            switch answer {
            case "approve", "a", "y", "yes": return nil
            case "edit", "e": return .edit
            case "regenerate", "r": return .regenerate
            case "abort", "q", "quit": throw TasksError(.userAbort, "plan aborted by the user; \(directory) is left as written")
            default: Terminal.note("please answer approve, edit, regenerate or abort")
            }
        }
    }

    /// Opens the editor on `tasks.json`, then reloads and validates it; returns the edited draft.
    /// Hard fails are printed and the edit is still taken, so the next review shows the result.
    func editTasks() throws(TasksError) -> LoadedPlan {
        let environment = ProcessInfo.processInfo.environment
        let editor = environment["VISUAL"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["EDITOR"].flatMap { $0.isEmpty ? nil : $0 } ?? "vi"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\(editor) \"$1\"", "editor", tasksPath]
        do {
            try process.run()
            process.waitUntilExit()
        } catch {
            throw TasksError(.invalidArguments, "cannot start editor '\(editor)': \(error.localizedDescription)")
        }
        guard process.terminationStatus == 0 else {
            throw TasksError(.invalidArguments, "editor '\(editor)' exited with status \(process.terminationStatus)")
        }
        let loaded = try PlanLoader.load(path: tasksPath)
        let report = try PlanValidator.validate(loaded, minConfidence: loaded.document.meta.minConfidence ?? 0.7,
                                                timestamp: ContentHash.timestamp())
        for finding in report.hardFails { Terminal.error("\(finding.message) (exit \(finding.exitCode))") }
        Terminal.note(ValidatePlan.summary(report))
        return loaded
    }
}
