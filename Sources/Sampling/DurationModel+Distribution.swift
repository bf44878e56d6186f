internal import CGSL

// The exact distribution: what the quantile table is built from and what the tests check it against.
extension DurationModel {
    /// The location-scale-free part of the distribution; nil for a fixed duration, which has none.
    var unit: UnitDistribution? {
        switch shape {
        case .fixed: return nil
        case .pert: return .beta(alpha: alpha, beta: beta)
        case .triangular: return .triangular(mode: mode)
        case .uniform: return .uniform
        case .lognormal: return .lognormal(sigma: lognormal.sigma)
        }
    }

    var scale: Double { shape == .lognormal ? lognormal.median : width }

    /// Durations never exceed `b` except under the unbounded lognormal; clamping to this removes
    /// the last-ulp overshoot of `a + (b − a)·x` without a branch.
    var upperBound: Double { shape == .lognormal ? .infinity : pessimistic }

    /// `P(duration ≤ x)`, from GSL's CDFs where GSL has one (the triangular CDF is closed-form).
    public func cdf(_ x: Double) -> Double {
        GSL.prepare()
        guard let unit else { return x < mostLikely ? 0 : 1 }
        return unit.cdf((x - optimistic) / scale)
    }

    /// The duration with probability `p` of not being exceeded, from GSL's inverse CDFs.
    ///
    /// Throws for `p` outside [0, 1] and when GSL's iterative inverse (beta) fails to converge,
    /// which extreme λ can provoke. `quantile(1)` of the lognormal is +∞.
    public func quantile(_ p: Double) throws(SamplingError) -> Double {
        GSL.prepare()
        guard (0...1).contains(p) else { throw SamplingError("quantile probability \(p) is outside 0...1") }
        guard let unit else { return mostLikely }
        let x = try GSL.checked(unit.quantile(p), "the \(shape.rawValue) quantile at p = \(p) for \(self)")
        return min(max(optimistic + scale * x, optimistic), upperBound)
    }

    /// One draw straight from GSL's samplers, for checking the table against an independent method.
    /// It consumes a shape-dependent number of uniforms, so it does not align streams across tasks.
    func drawExact(_ rng: UnsafeMutablePointer<gsl_rng>) -> Double {
        let a = optimistic
        let d: Double
        switch shape {
        case .fixed: return mostLikely
        case .pert: d = a + width * gsl_ran_beta(rng, alpha, beta)
        // GSL has no triangular sampler; inversion is exact for it.
        case .triangular: d = a + width * UnitDistribution.triangular(mode: mode).quantile(cgsl_rng_uniform(rng))
        case .uniform: d = gsl_ran_flat(rng, a, pessimistic)
        case .lognormal: d = a + gsl_ran_lognormal(rng, lognormal.mu, lognormal.sigma)
        }
        return min(max(d, a), upperBound)
    }
}

extension DurationModel: CustomStringConvertible {
    public var description: String {
        shape == .fixed ? "fixed \(mostLikely)h" : "\(shape.rawValue) \(optimistic)/\(mostLikely)/\(pessimistic)h λ=\(lambda)"
    }
}
