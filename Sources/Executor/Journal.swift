import Foundation
import TaskModel

/// The run's append-only journal (`journal.jsonl`): one JSON line per attempt that ended, written
/// (one `write`) before the scheduler acts on it, so after a crash of the executor itself (kill -9)
/// `--resume-from-checkpoint` knows every task that completed: the kernel keeps what was written
/// when the process dies. `fsync`, which only matters if the machine itself goes down, happens
/// after each batch of ends when `syncInterval` is 0, else at most once per `syncInterval`, and
/// always at the end. A torn last line (a crash mid-write) is skipped when reading.
///
/// Lines: `{"event":"run",…}` at each start, `{"event":"completed","task_id":…}`,
/// `{"event":"failed","task_id":…,"final":…}`, `{"event":"interrupted",…}`.
final class Journal {
    let path: String
    let fd: Int32
    var dirty = false
    /// Hours between `fsync`s (0: after every batch).
    var syncInterval: Double = 0
    var lastSync = -Double.infinity

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
        var text = line.line
        text.withUTF8 { p in _ = write(fd, p.baseAddress, p.count) }
        dirty = true
    }

    /// A batch of lines has been appended at `now` (hours): sync if the interval has passed.
    func written(at now: Double) {
        guard dirty, now - lastSync >= syncInterval else { return }
        sync()
        lastSync = now
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
