import Dispatch
import Synchronization

/// Runs iterations in fixed chunks spread over threads, and returns the chunks' results in chunk
/// order.
///
/// Chunk boundaries depend only on the iteration count and `chunkSize`, never on the thread count,
/// and each chunk's result lands in its own slot. Every floating-point sum is then formed in the
/// same order whatever the machine, which is what makes `waves.json` byte-identical with 1 or 2
/// threads.
public enum ChunkedParallel {
    public static func run<Partial: Sendable>(
        iterations: Range<Int>, chunkSize: Int, threads: Int,
        _ body: @Sendable (Range<Int>) throws -> Partial
    ) throws -> [Partial] {
        precondition(chunkSize > 0)
        let chunkCount = (iterations.count + chunkSize - 1) / chunkSize
        let results = Mutex<[Partial?]>(Array(repeating: nil, count: chunkCount))
        let next = Atomic<Int>(0)
        let failure = Mutex<(any Error)?>(nil)
        let workers = max(1, min(threads, chunkCount))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let chunk = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard chunk < chunkCount, failure.withLock({ $0 == nil }) else { return }
                let lo = iterations.lowerBound + chunk * chunkSize
                let range = lo..<min(lo + chunkSize, iterations.upperBound)
                do {
                    let partial = try body(range)
                    results.withLock { $0[chunk] = partial }
                } catch {
                    failure.withLock { if $0 == nil { $0 = error } }
                    return
                }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        return results.withLock { $0.map { $0! } }
    }
}

/// Counts finished iterations across worker threads and reports (done, target) after each chunk,
/// so a progress display moves while a pass runs rather than only when it ends.
final class IterationCounter: Sendable {
    private let done = Atomic<Int>(0)
    private let _target: Atomic<Int>
    private let report: (@Sendable (Int, Int) -> Void)?

    init(target: Int, report: (@Sendable (Int, Int) -> Void)?) {
        _target = Atomic(target)
        self.report = report
    }

    /// The iteration count the run is now heading for (`--precision` raises it).
    var target: Int {
        get { _target.load(ordering: .relaxed) }
        set { _target.store(newValue, ordering: .relaxed) }
    }

    func add(_ n: Int) {
        let now = done.wrappingAdd(n, ordering: .relaxed).newValue
        report?(now, target)
    }
}
