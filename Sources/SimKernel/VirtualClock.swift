/// Virtual time for a simulation, in hours: it moves only when the driver says so, and never
/// backwards.
///
/// The scheduling core never reads a clock; it is handed `now`. The simulator takes `now` from
/// here, the executor from `ContinuousClock`, which is the only difference between the two
/// drivers (SimPy's `Environment` vs `RealtimeEnvironment`, NIO's `EmbeddedEventLoop.advanceTime`).
@frozen
public struct VirtualClock: Sendable {
    @usableFromInline internal var _now: Double

    @inlinable
    public var now: Double { _now }

    @inlinable
    public init(start: Double = 0) { _now = start }

    /// Moves the clock to `time`.
    /// - Precondition: `time >= now`; time travel is a bug in the driver.
    @inlinable
    public mutating func advance(to time: Double) {
        precondition(time >= _now, "virtual clock moved backwards from \(_now) to \(time) [this is a bug]")
        _now = time
    }

    @inlinable
    public mutating func reset(to start: Double = 0) { _now = start }
}

/// An event calendar and the clock it drives: `step` advances the clock to the next event time
/// and hands over every event due then, in `(time, seq)` order.
///
/// Handing over a whole decision time at once is what lets a scheduler "first process all
/// completions at t, then dispatch once", the semantics the reference peers implement.
@frozen
public struct SimKernel<Payload> {
    public var clock: VirtualClock
    public var queue: EventQueue<Payload>

    @inlinable
    public init(capacity: Int = 0) {
        clock = VirtualClock()
        queue = EventQueue(capacity: capacity)
    }

    @inlinable
    public var now: Double { clock.now }

    /// Schedules `payload` `delay` hours from now.
    @inlinable
    public mutating func schedule(after delay: Double, _ payload: Payload) {
        queue.schedule(at: clock.now + delay, payload)
    }

    /// Advances to the next event time (or `limit`, if earlier) and calls `body` for each event due
    /// then. Returns false when nothing is due before `limit`.
    @inlinable
    public mutating func step(until limit: Double = .infinity, _ body: (ScheduledEvent<Payload>) throws -> Void) rethrows -> Bool {
        let t = queue.nextTime
        guard t <= limit, t.isFinite else { return false }
        clock.advance(to: t)
        while let event = queue.popNext(at: t) { try body(event) }
        return true
    }

    /// Rewinds the clock and empties the queue, keeping storage for the next replication.
    @inlinable
    public mutating func reset() {
        clock.reset()
        queue.reset()
    }
}
extension SimKernel: Sendable where Payload: Sendable {}
