import Foundation

/// Structured task logs: one JSON object per line with the spec's fields `task_id`, `timestamp`,
/// `event`, `metrics` and `errors`.
///
/// Two layouts: `perTask` writes `logs/tasks/<id>.log`, the spec's layout (a task's file stays open
/// from its first attempt until it is resolved, so an event costs one `write`); `combined` writes
/// every task's events to `logs/tasks.jsonl`, which costs no file creation per task (on ext4 a
/// create costs more than running a trivial task: see README "Executor overhead").
final class TaskEventLog {
    let directory: String
    let ids: [String]
    let layout: TaskLogLayout
    var fds: [Int32]
    var combinedFD: Int32 = -1

    /// A fresh run (`truncate`) starts from an empty log directory; files are then only ever
    /// appended to (ext4 flushes a file truncated by `O_TRUNC` when it is closed, which would
    /// cost a disk write per task).
    init(directory: String, ids: [String], truncate: Bool, layout: TaskLogLayout) {
        if truncate, let old = try? FileManager.default.contentsOfDirectory(atPath: directory) {
            for f in old where f.hasSuffix(".log") || f.hasSuffix(".out") { unlink(directory + "/" + f) }
        }
        self.directory = directory
        self.ids = ids
        self.layout = layout
        fds = Array(repeating: -1, count: ids.count)
        if layout == .combined {
            let path = (directory as NSString).deletingLastPathComponent + "/tasks.jsonl"
            if truncate { unlink(path) }
            combinedFD = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        }
    }

    deinit {
        for fd in fds where fd >= 0 { Foundation.close(fd) }
        if combinedFD >= 0 { Foundation.close(combinedFD) }
    }

    func path(_ t: Int32) -> String { directory + "/" + ids[Int(t)] + ".log" }

    func record(_ t: Int32, _ event: String, metrics: JSONLine = JSONLine(), errors: [String] = []) {
        var fd = combinedFD
        if layout == .perTask {
            if fds[Int(t)] < 0 { fds[Int(t)] = open(path(t), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644) }
            fd = fds[Int(t)]
        }
        guard fd >= 0 else { return }
        var line = JSONLine()
        line.string("task_id", ids[Int(t)])
        line.string("timestamp", JSONLine.timestamp())
        line.string("event", event)
        line.object("metrics", metrics)
        line.strings("errors", errors)
        let text = line.line
        text.utf8CString.withUnsafeBufferPointer { p in _ = write(fd, p.baseAddress, p.count - 1) }
    }

    /// The task will log nothing more.
    func close(_ t: Int32) {
        guard fds[Int(t)] >= 0 else { return }
        Foundation.close(fds[Int(t)])
        fds[Int(t)] = -1
    }
}
