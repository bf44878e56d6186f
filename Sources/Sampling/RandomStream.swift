internal import CGSL

/// One reproducible stream of uniforms from GSL's `taus2`, keyed by `(seed, stream)`.
///
/// The Monte Carlo engine keys a stream by `(seed, iteration)`, so an iteration draws the same
/// durations whichever thread runs it, and results do not depend on the thread count. Each thread
/// allocates one generator and `reseed`s it per iteration: reseeding is a few dozen ns, an
/// allocation per iteration is not. `taus2` because it is GSL's fastest generator of good quality
/// (≈3 ns a draw, period 2⁸⁸). The type is non-copyable because it owns the `gsl_rng` it frees,
/// and deliberately not `Sendable`: a stream belongs to the thread that draws from it.
public struct RandomStream: ~Copyable {
    let generator: UnsafeMutablePointer<gsl_rng>

    public init(seed: UInt64, stream: UInt64) throws(SamplingError) {
        GSL.prepare()
        guard let generator = gsl_rng_alloc(cgsl_rng_type_taus2()) else {
            throw SamplingError("GSL could not allocate a taus2 generator")
        }
        self.generator = generator
        gsl_rng_set(generator, Self.gslSeed(seed: seed, stream: stream))
    }

    deinit {
        gsl_rng_free(generator)
    }

    /// Restarts the generator as `init(seed:stream:)` would, without allocating.
    public mutating func reseed(seed: UInt64, stream: UInt64) {
        gsl_rng_set(generator, Self.gslSeed(seed: seed, stream: stream))
    }

    /// A uniform in [0, 1) with 32 random bits (multiples of 2⁻³²). It may be 0.
    @inline(__always)
    public func uniform() -> Double {
        cgsl_rng_uniform(generator)
    }

    /// A uniform in (0, 1), for transforms that take a logarithm; zeros are redrawn.
    public func uniformPositive() -> Double {
        cgsl_rng_uniform_pos(generator)
    }

    /// The GSL seed for a stream: SplitMix64's finaliser applied to the seed, then to the stream
    /// mixed in, so neighbouring seeds or streams give unrelated generators.
    ///
    /// `taus2` reads only the low 32 bits of its seed (and treats 0 as 1), so both halves of the hash
    /// are folded in and there are about 2³² distinct streams. Among 10⁵ iterations about one pair
    /// coincides (n²/2³³): one duplicated iteration, statistically invisible and still reproducible,
    /// which is why this is not worth bypassing `gsl_rng_set` to write taus2's state directly.
    static func gslSeed(seed: UInt64, stream: UInt64) -> UInt {
        let h = splitMix64(splitMix64(seed) ^ stream)
        return UInt(truncatingIfNeeded: (h ^ (h >> 32)) & 0xFFFF_FFFF)
    }

    static func splitMix64(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
