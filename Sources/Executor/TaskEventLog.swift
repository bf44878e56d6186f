import Dispatch
import Foundation

/// Structured task logs: one JSON object per line with the spec's fields `task_id`, `timestamp`,
/// `event`, `metrics` and `errors`.
///
/// Two layouts: `perTask` writes `logs/tasks/<id>.log`, the spec's layout; `combined` writes every
/// task's events to `logs/tasks.jsonl`, which costs no file creation per task (see README
/// "Executor overhead"). Lines are collected by the executor's loop and handed in batches to a
/// writer thread, so the loop never waits for the file system: a batch goes when it holds
/// `batchLines` lines or when its first line has waited `maxDelay` hours (the executor wakes for
/// `handOffDue`). Waking the writer for every loop turn cost more CPU than the lines themselves.
/// `flush` waits for the writer. The journal, not these logs, is what a resumed run relies on.
final class TaskEventLog {
    static let batchLines = 256
    /// A tenth of a second.
    static let maxDelay = 0.1 / 3600

    let ids: [String]
    let layout: TaskLogLayout
    let writer: Writer
    let queue = DispatchQueue(label: "tasks.event-log")
    var pending: [(task: Int32, line: String)] = []
    var stamps = Timestamps()
    /// When the pending lines must go to the writer (hours on the executor's clock), or infinity.
    private(set) var handOffDue = Double.infinity

    /// Owns the files; touched only on `queue`.
    final class Writer: @unchecked Sendable {
        let directory: String
        let ids: [String]
        let layout: TaskLogLayout
        /// `directory`, opened once: each task's file is created relative to it (`openat`), no
        /// path walk per file.
        let directoryFD: Int32
        var fds: [Int32]
        var combinedFD: Int32 = -1
        var bytes: [UInt8] = []
        /// A batch's lines gathered by task (`perTask`): the index in `groups` of each task that has
        /// lines in the batch being written, else -1.
        var group: [Int32]
        var groups: [(task: Int32, text: String, closes: Bool)] = []

        init(directory: String, ids: [String], layout: TaskLogLayout, truncate: Bool) {
            self.directory = directory
            self.ids = ids
            self.layout = layout
            fds = Array(repeating: -1, count: ids.count)
            group = Array(repeating: -1, count: layout == .perTask ? ids.count : 0)
            directoryFD = layout == .perTask ? open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1
            if layout == .combined {
                let path = (directory as NSString).deletingLastPathComponent + "/tasks.jsonl"
                if truncate { unlink(path) }
                combinedFD = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
            }
        }

        /// Writes a batch in order; an empty line closes its task's file. Per task, the batch's
        /// lines go in one `write` (a trivial task's `started` and `completed` come in the same
        /// batch: one open, one write, one close).
        func write(_ batch: [(task: Int32, line: String)]) {
            guard layout == .perTask else {
                // One write for the whole batch.
                bytes.removeAll(keepingCapacity: true)
                for (_, line) in batch { bytes.append(contentsOf: line.utf8) }
                if combinedFD >= 0 { bytes.withUnsafeBufferPointer { p in _ = Foundation.write(combinedFD, p.baseAddress, p.count) } }
                return
            }
            groups.removeAll(keepingCapacity: true)
            for (t, line) in batch {
                var g = Int(group[Int(t)])
                if g < 0 {
                    g = groups.count
                    group[Int(t)] = Int32(g)
                    groups.append((t, "", false))
                }
                if line.isEmpty { groups[g].closes = true } else { groups[g].text += line }
            }
            for g in groups.indices {
                let t = groups[g].task, i = Int(t)
                group[i] = -1
                if !groups[g].text.isEmpty {
                    if fds[i] < 0 { fds[i] = openFile(i) }
                    if fds[i] >= 0 { groups[g].text.withUTF8 { p in _ = Foundation.write(fds[i], p.baseAddress, p.count) } }
                }
                if groups[g].closes { close(t) }
            }
        }

        func openFile(_ i: Int) -> Int32 {
            let flags = O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC
            if directoryFD >= 0 { return openat(directoryFD, ids[i] + ".log", flags, 0o644) }
            return open(directory + "/" + ids[i] + ".log", flags, 0o644)
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

        deinit {
            if directoryFD >= 0 { Foundation.close(directoryFD) }
        }
    }

    /// A fresh run (`truncate`) starts from an empty log directory; files are then only ever
    /// appended to (ext4 flushes a file truncated by `O_TRUNC` when it is closed, which would
    /// cost a disk write per task). The caller empties the directory (`LogDirectory`).
    init(directory: String, ids: [String], truncate: Bool, layout: TaskLogLayout) {
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
        line.string("timestamp", stamps.now())
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

    /// The executor's loop is about to block at `now`: hands the pending lines to the writer
    /// thread if the batch is full or due, else sets when it will be due.
    func handOff(at now: Double) {
        guard !pending.isEmpty else { return }
        if pending.count >= Self.batchLines || now >= handOffDue {
            handOff()
        } else if !handOffDue.isFinite {
            handOffDue = now + Self.maxDelay
        }
    }

    /// Hands what was recorded since the last hand-off to the writer thread.
    func handOff() {
        handOffDue = .infinity
        guard !pending.isEmpty else { return }
        let batch = pending
        pending.removeAll(keepingCapacity: true)
        let writer = self.writer
        queue.async { writer.write(batch) }
    }

    /// Hands off and waits until everything recorded is written.
    func flush() {
        handOff()
        queue.sync {}
    }
}
