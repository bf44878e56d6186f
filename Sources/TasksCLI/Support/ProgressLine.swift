import Foundation
import Synchronization

/// A progress line on stderr for runs longer than a second, only when stderr is a terminal, so
/// logs and pipes stay clean.
final class ProgressLine: Sendable {
    let label: String
    let started = Date()
    let enabled: Bool
    let shown = Atomic<Bool>(false)
    /// Milliseconds since `started` of the last redraw: workers report every chunk, the terminal
    /// needs a line ten times a second at most.
    let lastDraw = Atomic<Int>(-1_000)

    /// - Parameter quiet: `--quiet`; `TASKS_QUIET` in the environment has the same effect.
    init(label: String, quiet: Bool = false) {
        self.label = label
        enabled = !quiet && isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["TASKS_QUIET"] == nil
    }

    @Sendable func update(_ done: Int, _ total: Int) {
        let elapsed = Date().timeIntervalSince(started)
        guard enabled, elapsed > 1, total > 0 else { return }
        let ms = Int(elapsed * 1_000), last = lastDraw.load(ordering: .relaxed)
        guard ms - last >= 100 || done >= total,
              lastDraw.compareExchange(expected: last, desired: ms, ordering: .relaxed).exchanged else { return }
        shown.store(true, ordering: .relaxed)
        let width = 30
        let filled = min(width, done * width / total)
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(done)/\(total)".utf8))
    }

    func finish() {
        if shown.load(ordering: .relaxed) { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
