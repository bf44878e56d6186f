import HeapModule

/// One entry of the event calendar: a payload due at `time`, with the sequence number that makes
/// the order total.
///
/// Two events at the same time pop in the order they were scheduled (SimPy's `(time, priority,
/// eid)`, NIO's `readyTime` then `insertOrder`): a heap alone leaves equal keys in an
/// unspecified and unstable order, and a simulator whose ties depend on heap layout is not
/// reproducible.
@frozen
public struct ScheduledEvent<Payload>: Comparable {
    public var time: Double
    public var seq: UInt64
    public var payload: Payload

    @inlinable
    public init(time: Double, seq: UInt64, payload: Payload) {
        self.time = time
        self.seq = seq
        self.payload = payload
    }

    @inlinable
    public static func < (a: Self, b: Self) -> Bool {
        a.time < b.time || (a.time == b.time && a.seq < b.seq)
    }

    @inlinable
    public static func == (a: Self, b: Self) -> Bool { a.time == b.time && a.seq == b.seq }
}

/// The event calendar of a discrete-event simulation, ordered by `(time, seq)`.
///
/// It knows nothing about tasks: payloads are opaque. It is built to be reused: `reset()` empties
/// the queue and rewinds the sequence counter but keeps the heap's storage, so a Monte Carlo
/// engine running thousands of replications allocates only while the first one warms up.
///
/// Events are never removed early. A caller that needs to cancel one (a paused task's completion)
/// marks it stale in its own state, the lazy-deletion idiom of most DES kernels.
@frozen
public struct EventQueue<Payload> {
    @usableFromInline
    internal var _heap: Heap<ScheduledEvent<Payload>>
    @usableFromInline
    internal var _seq: UInt64

    /// Creates an empty queue with room for `capacity` events.
    @inlinable
    public init(capacity: Int = 0) {
        _heap = Heap(minimumCapacity: capacity)
        _seq = 0
    }

    @inlinable
    public var isEmpty: Bool { _heap.isEmpty }

    @inlinable
    public var count: Int { _heap.count }

    /// The time of the earliest event, or `+infinity` when the queue is empty.
    /// - Complexity: O(1)
    @inlinable
    public var nextTime: Double { _heap.min?.time ?? .infinity }

    /// Schedules `payload` at `time`.
    /// - Precondition: `time` is not NaN.
    /// - Complexity: O(log `count`)
    @inlinable
    public mutating func schedule(at time: Double, _ payload: Payload) {
        precondition(!time.isNaN, "event time is NaN")
        _heap.insert(ScheduledEvent(time: time, seq: _seq, payload: payload))
        _seq &+= 1
    }

    /// Removes and returns the earliest event.
    /// - Complexity: O(log `count`)
    @inlinable
    public mutating func popNext() -> ScheduledEvent<Payload>? { _heap.popMin() }

    /// Removes and returns the earliest event if it is due exactly at `time`: the loop that
    /// drains every completion of one decision time.
    /// - Complexity: O(log `count`)
    @inlinable
    public mutating func popNext(at time: Double) -> ScheduledEvent<Payload>? {
        guard let head = _heap.min, head.time == time else { return nil }
        return _heap.popMin()
    }

    /// Empties the queue and rewinds the sequence counter, keeping the storage.
    /// - Complexity: O(`count`)
    @inlinable
    public mutating func reset() {
        _heap.removeAll(where: { _ in true })
        _seq = 0
    }
}

extension ScheduledEvent: Sendable where Payload: Sendable {}
extension EventQueue: Sendable where Payload: Sendable {}
