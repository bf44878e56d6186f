import ArgumentParser
import Foundation
import Planning
import TaskModel

/// `tasks list-plans [ROOT…]`: live plan directories under the output roots and the archived
/// plans of the archive root, with date, task count and P50 of each model.
struct ListPlans: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list-plans", abstract: "List plan directories and archived plans with their date, size and P50s.")

    @Argument(help: "Roots to search (default: TASKS_OUTPUT_DIR, else ./tasks_output).")
    var roots: [String] = []

    @Option(help: "Archive root whose index.json lists archived plans (default: TASKS_ARCHIVE_DIR, else ./tasks_archive).")
    var archiveRoot: String?

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() throws {
        try Terminal.guarding {
            let searched = roots.isEmpty ? [Environment.string("TASKS_OUTPUT_DIR") ?? "tasks_output"] : roots
            var plans = searched.flatMap { PlanCatalog.livePlans(under: $0) }
            let archive = PlanArchive(root: archiveRoot ?? Environment.string("TASKS_ARCHIVE_DIR") ?? "tasks_archive")
            plans += try archive.index().archives.map(\.summary)
            if json {
                print(try ArtifactWriter.jsonText(plans), terminator: "")
                return
            }
            guard !plans.isEmpty else {
                Terminal.note("no plans under \(searched.joined(separator: ", ")) and no archives in \(archive.root)")
                return
            }
            func p50(_ s: PlanCatalog.Summary, _ model: String) -> String {
                s.estimates[model]?["p50_hours"].map(HoursFormat.text) ?? "—"
            }
            var rows = [["kind", "plan", "date", "tasks", "P50 wave", "P50 frontier"]]
            for s in plans {
                rows.append([s.archived ? "archived" : "live", s.archived ? "\(s.tag ?? "") (\(s.path))" : s.path,
                             s.timestamp ?? "—", "\(s.tasks)", p50(s, "wave_based"), p50(s, "rolling_frontier")])
            }
            let widths = (0..<rows[0].count).map { c in rows.map { $0[c].count }.max()! }
            for row in rows {
                print(row.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }
                    .joined(separator: "  ").trimmingCharacters(in: .whitespaces))
            }
        }
    }
}
