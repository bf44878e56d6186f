import Foundation
import TaskModel

/// `archive-plan DIR --tag T`: a gzip-compressed tar of the plan directory in the archive root,
/// plus an entry in the root's `index.json` (written temp-then-rename, like every artifact).
public struct PlanArchive {
    public let root: String
    public static let indexName = "index.json"

    public init(root: String) { self.root = root }

    /// One archived plan.
    public struct Entry: Codable, Sendable, Equatable {
        public var tag: String
        public var file: String
        public var sourceDirectory: String
        public var archivedAt: String
        public var sha256: String
        public var summary: PlanCatalog.Summary

        enum CodingKeys: String, CodingKey {
            case tag, file, summary, sha256
            case sourceDirectory = "source_directory"
            case archivedAt = "archived_at"
        }
    }

    /// `index.json`.
    public struct Index: Codable, Sendable, Equatable {
        public var archives: [Entry]
    }

    public var indexPath: String { (root as NSString).appendingPathComponent(Self.indexName) }

    public func index() throws(TasksError) -> Index {
        guard let data = FileManager.default.contents(atPath: indexPath) else { return Index(archives: []) }
        return try PlanLoader.decodeJSON(Index.self, data, name: indexPath)
    }

    /// A tag as a file name: letters, digits, `.`, `_`, `-`.
    static func fileName(for tag: String) -> String {
        tag.replacingOccurrences(of: #"[^A-Za-z0-9._-]"#, with: "_", options: .regularExpression) + ".tar.gz"
    }

    /// Archives `directory` under `tag`.
    /// - Throws: `TasksError` exit 1 when the directory holds no plan, the tag is taken, or tar fails.
    public func archive(_ directory: String, tag: String, timestamp: String) throws(TasksError) -> Entry {
        guard !tag.trimmingCharacters(in: .whitespaces).isEmpty else { throw TasksError(.invalidArguments, "--tag must not be empty") }
        let summary = try PlanCatalog.summary(of: directory)
        var index = try index()
        guard !index.archives.contains(where: { $0.tag == tag }) else {
            throw TasksError(.invalidArguments, "\(indexPath): tag \(tag) is already archived")
        }
        let file = Self.fileName(for: tag)
        let target = (root as NSString).appendingPathComponent(file)
        do { try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true) } catch {
            throw TasksError(.invalidArguments, "\(root): cannot create the archive root")
        }
        let temporary = target + ".tmp"
        try Self.tar(["czf", temporary, "--exclude", "./checkpoints", "-C", directory, "."])
        do {
            if FileManager.default.fileExists(atPath: target) { try FileManager.default.removeItem(atPath: target) }
            try FileManager.default.moveItem(atPath: temporary, toPath: target)
        } catch {
            throw TasksError(.invalidArguments, "\(target): cannot write (\(error.localizedDescription))")
        }
        guard let bytes = FileManager.default.contents(atPath: target) else {
            throw TasksError(.invalidArguments, "\(target): cannot read back the archive")
        }
        var archived = summary
        archived.archived = true
        archived.tag = tag
        archived.path = target
        let entry = Entry(tag: tag, file: file, sourceDirectory: directory, archivedAt: timestamp,
                          sha256: ContentHash.of(data: bytes), summary: archived)
        index.archives.append(entry)
        try ArtifactWriter.write(try ArtifactWriter.jsonText(index), to: indexPath)
        return entry
    }

    /// Unpacks the archive of `tag` into `directory` (for `diff-plan` and `show-plan` on archives).
    public func extract(tag: String, into directory: String) throws(TasksError) {
        guard let entry = try index().archives.first(where: { $0.tag == tag }) else {
            throw TasksError(.invalidArguments, "\(indexPath): no archive tagged \(tag)")
        }
        do { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
            throw TasksError(.invalidArguments, "\(directory): cannot create")
        }
        try Self.tar(["xzf", (root as NSString).appendingPathComponent(entry.file), "-C", directory])
    }

    static func tar(_ arguments: [String]) throws(TasksError) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tar"] + arguments
        let errors = Pipe()
        process.standardError = errors
        do { try process.run() } catch { throw TasksError(.invalidArguments, "cannot run tar: \(error.localizedDescription)") }
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TasksError(.invalidArguments, "tar \(arguments.joined(separator: " ")) failed: "
                + (message.split(separator: "\n").first.map(String.init) ?? "status \(process.terminationStatus)"))
        }
    }
}
