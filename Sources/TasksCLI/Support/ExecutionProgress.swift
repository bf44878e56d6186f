import Executor
import Foundation

/// What a run shows while it goes: on a terminal one progress line rewritten in place, otherwise
/// one plain line per task end (ninja's two modes), on stderr so stdout keeps the summary.
final class ExecutionProgress {
    let quiet: Bool
    let terminal = isatty(STDERR_FILENO) == 1
    var shown = false

    init(quiet: Bool) { self.quiet = quiet }

    func show(_ e: ExecutionEvent) {
        if terminal {
            guard !quiet || e.kind == .failed else { return }
            let line = "[\(e.done)/\(e.total)] \(e.running) running, last: \(e.task) \(e.kind.rawValue)"
            Self.write("\r\u{1B}[K" + line)
            shown = true
            return
        }
        guard !quiet, e.kind != .started, e.kind != .paused, e.kind != .resumed else { return }
        let attempt = e.attempt > 1 ? " (attempt \(e.attempt))" : ""
        Self.write("[\(e.done)/\(e.total)] \(e.task) \(e.kind.rawValue)\(attempt) at \(Self.seconds(e.hours * 3600))\n")
    }

    func finish() {
        if shown { Self.write("\r\u{1B}[K") }
    }

    static func write(_ text: String) {
        text.utf8CString.withUnsafeBufferPointer { p in _ = Foundation.write(STDERR_FILENO, p.baseAddress, p.count - 1) }
    }

    static func seconds(_ s: Double) -> String {
        s < 60 ? String(format: "%.2f s", s) : s < 3600 ? String(format: "%.1f min", s / 60) : String(format: "%.2f h", s / 3600)
    }
}
