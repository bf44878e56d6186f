import Dispatch
import Foundation

/// Structured task logs: one JSON object per line with the spec's fields `task_id`, `timestamp`,
/// `event`, `metrics` and `errors`.
///
/// Two layouts: `perTask` writes `logs/tasks/<id>.log`, the spec's layout; `combined` writes every
/// task's events to `logs/tasks.jsonl`, which costs no file creation per task (on ext4 a create
/// costs more than running a trivial task: see README "Executor overhead"). Lines are collected by
/// the executor's loop and handed, one batch per loop turn, to a writer thread, so the loop never
/// waits for the file system; `flush` waits for the writer. The journal, not these logs, is what a
/// resumed run relies on.
final class TaskEventLog {
    let ids: [String]
    let layout: TaskLogLayout
    let writer: Writer
    let queue = DispatchQueue(label: "tasks.event-log")
    var pending: [(task: Int32, line: String)] = []

    /// Owns the files; touched only on `queue`.
    final class Writer: @unchecked Sendable {
        let directory: String
        let ids: [String]
        let layout: TaskLogLayout
        var fds: [Int32]
        var combinedFD: Int32 = -1

        init(directory: String, ids: [String], layout: TaskLogLayout, truncate: Bool) {
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

        func write(_ batch: [(task: Int32, line: String)]) {
            for (t, line) in batch {
                var fd = combinedFD
                if layout == .perTask {
                    if fds[Int(t)] < 0 {
                        fds[Int(t)] = open(directory + "/" + ids[Int(t)] + ".log", O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
                    }
                    fd = fds[Int(t)]
                }
                guard fd >= 0 else { continue }
                line.utf8CString.withUnsafeBufferPointer { p in _ = Foundation.write(fd, p.baseAddress, p.count - 1) }
            }
        }

        func close(_ t: Int32) {
            guard fds[Int(t)] >= 0 else { return }
            Foundation.close(fds[Int(t)])
            fds[Int(t)] = -1
        }

        func closeAll() {
            for fd in fds where fd >= 0 { Foundation.close(fd) }
            fds = Array(repeating: -1, count: fds.count)
            if combinedFD >= 0 { Foundation.close(combinedFD) }
            combinedFD = -1
        }
    }

    /// A fresh run (`truncate`) starts from an empty log directory; files are then only ever
    /// appended to (ext4 flushes a file truncated by `O_TRUNC` when it is closed, which would
    /// cost a disk write per task).
    init(directory: String, ids: [String], truncate: Bool, layout: TaskLogLayout) {
        if truncate, let old = try? FileManager.default.contentsOfDirectory(atPath: directory) {
            for f in old where f.hasSuffix(".log") || f.hasSuffix(".out") { unlink(directory + "/" + f) }
        }
        self.ids = ids
        self.layout = layout
        writer = Writer(directory: directory, ids: ids, layout: layout, truncate: truncate)
    }

    deinit {
        flush()
        let writer = self.writer
        queue.sync { writer.closeAll() }
    }

    func path(_ t: Int32) -> String { writer.directory + "/" + ids[Int(t)] + ".log" }

    func record(_ t: Int32, _ event: String, metrics: JSONLine = JSONLine(), errors: [String] = []) {
        var line = JSONLine()
        line.string("task_id", ids[Int(t)])
        line.string("timestamp", JSONLine.timestamp())
        line.string("event", event)
        line.object("metrics", metrics)
        line.strings("errors", errors)
        pending.append((t, line.line))
    }

    /// The task will log nothing more: its file is closed after its last line is written.
    func close(_ t: Int32) {
        guard layout == .perTask else { return }
        pending.append((t, ""))
    }

    /// Hands what was recorded since the last call to the writer thread.
    func handOff() {
        guard !pending.isEmpty else { return }
        let batch = pending
        pending.removeAll(keepingCapacity: true)
        let writer = self.writer
        queue.async {
            var lines: [(task: Int32, line: String)] = []
            lines.reserveCapacity(batch.count)
            for entry in batch {
                if entry.line.isEmpty {
                    writer.write(lines)
                    lines.removeAll(keepingCapacity: true)
                    writer.close(entry.task)
                } else {
                    lines.append(entry)
                }
            }
            writer.write(lines)
        }
    }

    /// Hands off and waits until everything recorded is written.
    func flush() {
        handOff()
        queue.sync {}
    }
}
