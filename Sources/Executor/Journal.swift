import Foundation
import TaskModel

/// The run's append-only journal (`journal.jsonl`): one JSON line per attempt that ended, written
/// before the scheduler acts on it and `fsync`ed once per batch of ends, so after a crash of the
/// executor itself (kill -9) `--resume-from-checkpoint` knows every task that completed. A torn
/// last line (a crash mid-write) is skipped when reading.
///
/// Lines: `{"event":"run",…}` at each start, `{"event":"completed","task_id":…}`,
/// `{"event":"failed","task_id":…,"final":…}`, `{"event":"interrupted",…}`.
final class Journal {
    let path: String
    let fd: Int32
    var dirty = false

    /// Opens the journal; a fresh run starts it over, a resumed run appends.
    init(path: String, resume: Bool) throws(TasksError) {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | (resume ? 0 : O_TRUNC), 0o644)
        guard fd >= 0 else {
            throw TasksError(.invalidArguments, "\(path): cannot open the journal: \(String(cString: strerror(errno)))")
        }
    }

    deinit {
        sync()
        close(fd)
    }

    func append(_ line: JSONLine) {
        let text = line.line
        text.utf8CString.withUnsafeBufferPointer { p in
            _ = write(fd, p.baseAddress, p.count - 1)
        }
        dirty = true
    }

    /// Makes every appended line durable.
    func sync() {
        guard dirty else { return }
        fsync(fd)
        dirty = false
    }

    /// Ids of the tasks the journal at `path` records as completed (none if there is no journal).
    static func completedTasks(at path: String) -> Set<String> {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        var done = Set<String>()
        for line in data.split(separator: UInt8(ascii: "\n")) {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                  object["event"] as? String == "completed", let id = object["task_id"] as? String else { continue }
            done.insert(id)
        }
        return done
    }
}
