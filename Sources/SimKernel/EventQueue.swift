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
/// the queue and rewinds the sequence counter but keeps the storage, so a Monte Carlo engine
/// running thousands of replications allocates only while the first one warms up.
///
/// One array, in one of two layouts. Up to `sortedLimit` events it is kept sorted latest-first:
/// pop-min is `removeLast` and an insert shifts the few later events, which beats a heap's
/// unpredictable branches on the calendars of a Monte Carlo run (as many events as tasks running,
/// 10 on net-3000). Beyond that it becomes a binary min-heap (reversed, a sorted array is one),
/// which does insert and pop-min with half the comparisons of HeapModule's min-max heap (its
/// `trickleDownMin` was 4 % of a resource-constrained Monte Carlo run), and it turns back into a
/// sorted array once few events are left. `(time, seq)` is a total order, so the pop order does not
/// depend on the layout.
///
/// Events are never removed early. A caller that needs to cancel one (a paused task's completion)
/// marks it stale in its own state, the lazy-deletion idiom of most DES kernels.
@frozen
public struct EventQueue<Payload> {
    @usableFromInline
    internal var _events: ContiguousArray<ScheduledEvent<Payload>>
    @usableFromInline
    internal var _seq: UInt64
    /// Whether `_events` is sorted latest-first rather than a binary min-heap (see above).
    @usableFromInline
    internal var _sorted: Bool

    /// The most events kept as a sorted array; a heap below `sortedAgain` events sorts itself again.
    @usableFromInline
    static var sortedLimit: Int { 32 }
    @usableFromInline
    static var sortedAgain: Int { 8 }

    /// Creates an empty queue with room for `capacity` events.
    @inlinable
    public init(capacity: Int = 0) {
        _events = []
        _events.reserveCapacity(capacity)
        _seq = 0
        _sorted = true
    }

    @inlinable
    public var isEmpty: Bool { _events.isEmpty }

    @inlinable
    public var count: Int { _events.count }

    /// The time of the earliest event, or `+infinity` when the queue is empty.
    /// - Complexity: O(1)
    @inlinable
    public var nextTime: Double { (_sorted ? _events.last : _events.first)?.time ?? .infinity }

    /// Schedules `payload` at `time`.
    /// - Precondition: `time` is not NaN.
    /// - Complexity: O(log `count`); O(`sortedLimit`) while the queue is a sorted array
    @inlinable
    public mutating func schedule(at time: Double, _ payload: Payload) {
        precondition(!time.isNaN, "event time is NaN")
        let event = ScheduledEvent(time: time, seq: _seq, payload: payload)
        _seq &+= 1
        if _sorted {
            if _events.count < Self.sortedLimit {
                _events.append(event)
                _events.withUnsafeMutableBufferPointer { a in
                    var i = a.count - 1
                    while i > 0 && a[i &- 1] < event {
                        a[i] = a[i &- 1]
                        i &-= 1
                    }
                    a[i] = event
                }
                return
            }
            _events.reverse()
            _sorted = false
        }
        _events.append(event)
        _events.withUnsafeMutableBufferPointer { a in
            var i = a.count - 1
            while i > 0 {
                let parent = (i &- 1) >> 1
                guard event < a[parent] else { break }
                a[i] = a[parent]
                i = parent
            }
            a[i] = event
        }
    }

    /// Removes and returns the earliest event.
    /// - Complexity: O(log `count`)
    @inlinable
    public mutating func popNext() -> ScheduledEvent<Payload>? {
        if _sorted { return _events.popLast() }
        guard let top = _events.first else { return nil }
        let last = _events.removeLast()
        guard !_events.isEmpty else {
            _sorted = true
            return top
        }
        _events.withUnsafeMutableBufferPointer { a in
            let n = a.count
            var i = 0
            while true {
                var child = 2 &* i &+ 1
                if child >= n { break }
                if child &+ 1 < n && a[child &+ 1] < a[child] { child &+= 1 }
                guard a[child] < last else { break }
                a[i] = a[child]
                i = child
            }
            a[i] = last
        }
        if _events.count < Self.sortedAgain {
            _events.sort(by: >)
            _sorted = true
        }
        return top
    }

    /// Removes and returns the earliest event if it is due exactly at `time`: the loop that
    /// drains every completion of one decision time.
    /// - Complexity: O(log `count`)
    @inlinable
    public mutating func popNext(at time: Double) -> ScheduledEvent<Payload>? {
        guard nextTime == time else { return nil }
        return popNext()
    }

    /// Empties the queue and rewinds the sequence counter, keeping the storage.
    /// - Complexity: O(1)
    @inlinable
    public mutating func reset() {
        _events.removeAll(keepingCapacity: true)
        _seq = 0
        _sorted = true
    }
}

extension ScheduledEvent: Sendable where Payload: Sendable {}
extension EventQueue: Sendable where Payload: Sendable {}
