import Foundation
import TaskModel

/// The checkpoint protocol. A task reports progress by printing a line `TASKS_CHECKPOINT <percent>`
/// (0–100) on stdout; the executor reads the task's output file when an attempt ends and at each
/// heartbeat, and saves the last value to `checkpoints/<id>.json` (temp file + rename). A retried
/// attempt, or the first attempt of a resumed run, gets `TASKS_CHECKPOINT_FROM=<percent>` in its
/// environment and is expected to continue from there.
final class CheckpointStore {
    static let marker = "TASKS_CHECKPOINT "

    let directory: String
    /// Last saved percent by task index.
    private(set) var percent: [Double?]
    /// Where the current attempt's output starts in the task's output file.
    var offset: [UInt64]

    init(directory: String, ids: [String], resume: Bool) throws(TasksError) {
        self.directory = directory
        percent = Array(repeating: nil, count: ids.count)
        offset = Array(repeating: 0, count: ids.count)
        let fm = FileManager.default
        if !resume, let old = try? fm.contentsOfDirectory(atPath: directory) {
            for f in old where f.hasSuffix(".json") { try? fm.removeItem(atPath: (directory as NSString).appendingPathComponent(f)) }
        }
        do { try fm.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
            throw TasksError(.invalidArguments, "\(directory): cannot create the checkpoint directory")
        }
        guard resume else { return }
        for (i, id) in ids.enumerated() {
            guard let data = fm.contents(atPath: path(id)),
                  let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let p = object["percent"] as? Double else { continue }
            percent[i] = p
        }
    }

    func path(_ id: String) -> String { (directory as NSString).appendingPathComponent("\(id).json") }

    /// Remembers where the new attempt's output begins in `outputPath`.
    func attemptStarted(_ t: Int32, outputPath: String?, truncated: Bool) {
        guard let outputPath, !truncated else { offset[Int(t)] = 0; return }
        var st = stat()
        offset[Int(t)] = stat(outputPath, &st) == 0 ? UInt64(st.st_size) : 0
    }

    /// Reads the output written since the last scan; returns the new checkpoint if the task
    /// reported one, after saving it.
    @discardableResult
    func scan(_ t: Int32, id: String, attempt: Int32, outputPath: String?) -> Double? {
        guard let outputPath else { return nil }
        var st = stat()
        guard stat(outputPath, &st) == 0, UInt64(st.st_size) > offset[Int(t)] else { return nil }
        guard let handle = FileHandle(forReadingAtPath: outputPath) else { return nil }
        defer { try? handle.close() }
        try? handle.seek(toOffset: offset[Int(t)])
        guard let data = try? handle.readToEnd(), let lastNewline = data.lastIndex(of: UInt8(ascii: "\n")) else { return nil }
        // Only whole lines count; a line still being written is read at the next scan.
        offset[Int(t)] += UInt64(lastNewline - data.startIndex + 1)
        var found: Double?
        for line in data[data.startIndex...lastNewline].split(separator: UInt8(ascii: "\n")) {
            guard line.starts(with: Self.marker.utf8) else { continue }
            let text = String(decoding: line.dropFirst(Self.marker.utf8.count), as: UTF8.self)
                .trimmingCharacters(in: .whitespaces)
            if let p = Double(text.hasSuffix("%") ? String(text.dropLast()) : text), p.isFinite, (0...100).contains(p) {
                found = p
            }
        }
        guard let p = found else { return nil }
        percent[Int(t)] = p
        var line = JSONLine()
        line.string("task_id", id)
        line.number("percent", p)
        line.int("attempt", Int(attempt))
        line.string("timestamp", JSONLine.timestamp())
        try? ArtifactWriter.write(line.line, to: path(id))
        return p
    }
}
