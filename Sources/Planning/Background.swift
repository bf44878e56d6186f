import Foundation
import Synchronization

/// A value computed on another thread while the caller goes on; `wait` blocks until it is there.
final class Background<Value: Sendable>: Sendable {
    private let value = Mutex<Value?>(nil)
    private let ready = DispatchSemaphore(value: 0)

    init(_ body: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async { [self] in
            value.withLock { $0 = body() }
            ready.signal()
        }
    }

    func wait() -> Value {
        ready.wait()
        return value.withLock { $0! }
    }
}
