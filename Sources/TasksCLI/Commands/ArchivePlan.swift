import ArgumentParser
import Foundation
import Planning
import TaskModel

/// `tasks archive-plan DIR --tag T`: `<archive root>/<T>.tar.gz` plus an entry in its `index.json`.
struct ArchivePlan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive-plan", abstract: "Archive a plan directory as <tag>.tar.gz with an index entry.")

    @Argument(help: "Plan directory to archive.")
    var directory: String

    @Option(help: "Name of the archive (unique in the archive root).")
    var tag: String

    @Option(help: "Where archives and index.json live (default: TASKS_ARCHIVE_DIR, else ./tasks_archive).")
    var archiveRoot: String?

    func run() throws {
        try Terminal.guarding {
            let archive = PlanArchive(root: archiveRoot ?? Environment.string("TASKS_ARCHIVE_DIR") ?? "tasks_archive")
            let entry = try archive.archive(directory, tag: tag, timestamp: ContentHash.timestamp())
            print((archive.root as NSString).appendingPathComponent(entry.file))
        }
    }
}
