import ArgumentParser
import Foundation
import Planning
import TaskModel

/// `tasks diff-plan A B`: tasks and edges added, removed or changed, and the estimate deltas.
/// Exit 0 when the plans are the same, 1 when they differ (like `diff`).
struct DiffPlan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff-plan", abstract: "Compare two plans: tasks, edges and estimates; exit 1 when they differ.")

    @Argument(help: "The old plan (directory, tasks.json or file-fence text).")
    var old: String

    @Argument(help: "The new plan.")
    var new: String

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() throws {
        try Terminal.guarding {
            let diff = try PlanDiff(try PlanLoader.load(path: old), try PlanLoader.load(path: new))
            print(json ? try ArtifactWriter.jsonText(diff) : diff.text(old, new), terminator: json ? "" : "\n")
            if diff.differs { throw ExitCode(1) }
        }
    }
}
