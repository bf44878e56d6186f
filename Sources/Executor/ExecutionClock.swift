#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The executor's notion of time: hours since the start of the run, the unit `Plan` works in.
///
/// Two implementations: `WallClock` for real runs, and `ManualClock`, which only moves when a fake
/// launcher moves it, so an execution can be replayed in virtual time (NIO's `EmbeddedEventLoop`,
/// SimPy's `Environment` versus `RealtimeEnvironment`).
public protocol ExecutionClock: AnyObject {
    /// Hours since the run started; never decreases.
    var now: Double { get }
}

/// The monotonic clock (`CLOCK_MONOTONIC`), zero when created.
public final class WallClock: ExecutionClock {
    let origin: Double

    public init() { origin = Self.monotonicSeconds() }

    public var now: Double { (Self.monotonicSeconds() - origin) / 3600 }

    /// Seconds on the monotonic clock (arbitrary origin).
    public static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}

/// A clock that stands still until told to move: the virtual time of a fake launcher.
public final class ManualClock: ExecutionClock {
    public private(set) var now: Double

    public init(start: Double = 0) { now = start }

    /// Moves the clock forward to `time` (never back).
    public func advance(to time: Double) {
        precondition(time >= now, "manual clock moved backwards from \(now) to \(time)")
        now = time
    }
}
