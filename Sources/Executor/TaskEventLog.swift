import Foundation

/// Per-task structured logs, `logs/tasks/<id>.log`: one JSON object per line with the spec's
/// fields `task_id`, `timestamp`, `event`, `metrics` and `errors`. A task's file stays open from
/// its first attempt until it is resolved, so an event costs one `write`.
final class TaskEventLog {
    let directory: String
    let ids: [String]
    let truncate: Bool
    var fds: [Int32]

    init(directory: String, ids: [String], truncate: Bool) {
        self.directory = directory
        self.ids = ids
        self.truncate = truncate
        fds = Array(repeating: -1, count: ids.count)
    }

    deinit { for fd in fds where fd >= 0 { close(fd) } }

    func path(_ t: Int32) -> String { directory + "/" + ids[Int(t)] + ".log" }

    func record(_ t: Int32, _ event: String, metrics: JSONLine = JSONLine(), errors: [String] = []) {
        if fds[Int(t)] < 0 {
            fds[Int(t)] = open(path(t), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | (truncate ? O_TRUNC : 0), 0o644)
            guard fds[Int(t)] >= 0 else { return }
        }
        var line = JSONLine()
        line.string("task_id", ids[Int(t)])
        line.string("timestamp", JSONLine.timestamp())
        line.string("event", event)
        line.object("metrics", metrics)
        line.strings("errors", errors)
        let text = line.line
        text.utf8CString.withUnsafeBufferPointer { p in _ = write(fds[Int(t)], p.baseAddress, p.count - 1) }
    }

    /// The task will log nothing more.
    func close(_ t: Int32) {
        guard fds[Int(t)] >= 0 else { return }
        Foundation.close(fds[Int(t)])
        fds[Int(t)] = -1
    }
}
