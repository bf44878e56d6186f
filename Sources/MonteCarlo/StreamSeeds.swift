/// The random streams of a Monte Carlo run: iteration `i` of model-independent sampling draws
/// from stream `i` of the run's seed, so any iteration can be replayed alone (the run closest to
/// P50 is re-simulated with a full trace) and results do not depend on the thread count.
///
/// Durations use streams `0 ..< iterations`; failure draws use a disjoint block of streams, so
/// turning faults on does not change the sampled durations (common random numbers).
public enum StreamSeeds {
    public static func durations(iteration: Int) -> UInt64 { UInt64(iteration) }
    public static func faults(iteration: Int) -> UInt64 { (1 << 62) | UInt64(iteration) }
}
