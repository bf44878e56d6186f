import ArgumentParser
import Foundation
import Planning
import TaskModel

/// `tasks show-plan DIR`: a plan's summary without the full artifacts.
struct ShowPlan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show-plan", abstract: "Summarise a plan directory: source, size, model and P50/P80/P95.")

    @Argument(help: "Plan directory (default: TASKS_OUTPUT_DIR, else ./tasks_output).")
    var directory: String?

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() throws {
        try Terminal.guarding {
            let summary = try PlanCatalog.summary(of: directory ?? Environment.string("TASKS_OUTPUT_DIR") ?? "tasks_output")
            print(json ? try ArtifactWriter.jsonText(summary) : PlanCatalog.describe(summary), terminator: json ? "" : "\n")
        }
    }
}
