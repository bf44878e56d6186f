internal import CGSL

/// A non-fixed duration with its location and scale divided out: `duration = location + scale·x`.
///
/// The quantile table depends only on this, so tasks whose estimates differ by location and scale
/// alone (2/4/8 h and 4/8/16 h under PERT) share one table: a plan of round-number estimates needs
/// a handful of tables however many tasks it has, and the sampler's working set stays in cache.
enum UnitDistribution: Hashable, Sendable {
    /// Beta-PERT on [0, 1].
    case beta(alpha: Double, beta: Double)
    /// Triangular on [0, 1] with its mode at `mode`.
    case triangular(mode: Double)
    case uniform
    /// `exp(σZ)`: median 1, multiplied by the fit's median.
    case lognormal(sigma: Double)

    /// The inverse CDF, NaN where GSL fails; callers decide whether that is an error.
    func quantile(_ p: Double) -> Double {
        switch self {
        case let .beta(alpha, beta): return Self.betaQuantile(p, alpha, beta)
        case let .triangular(c):
            // The exact inverse of the two quadratic pieces, split at F(mode) = mode.
            return p < c ? (p * c).squareRoot() : 1 - ((1 - p) * (1 - c)).squareRoot()
        case .uniform: return p
        case let .lognormal(sigma): return gsl_cdf_lognormal_Pinv(p, 0, sigma)
        }
    }

    /// Quantiles at tail probabilities `v` (ascending) of the lower tail, `Q(v)`, or the upper,
    /// `Q(1 − v)`: the table's nodes, in the order that lets beta quantiles continue from the last.
    func quantiles(atTail v: [Double], upper: Bool) -> [Double] {
        if case let .beta(alpha, beta) = self, let inversion = BetaInversion(alpha: alpha, beta: beta) {
            return inversion.quantiles(atTail: v, upper: upper)
        }
        return v.map { quantile(upper ? 1 - $0 : $0) }
    }

    func cdf(_ x: Double) -> Double {
        switch self {
        case let .beta(alpha, beta): return gsl_cdf_beta_P(min(max(x, 0), 1), alpha, beta)
        case let .triangular(c):
            if x <= 0 { return 0 }
            if x >= 1 { return 1 }
            return x < c ? x * x / c : 1 - (1 - x) * (1 - x) / (1 - c)
        case .uniform: return gsl_cdf_flat_P(x, 0, 1)
        case let .lognormal(sigma): return x <= 0 ? 0 : gsl_cdf_lognormal_P(x, 0, sigma)
        }
    }

    /// `gsl_cdf_beta_Pinv`, falling back to bisection on `gsl_cdf_beta_P` where GSL's Newton
    /// iteration gives up: it does for λ ≳ 200 (a few tenths of a percent of p), and a plan may
    /// legitimately say λ = 500 for a task it is sure of. Bisection is slow (≈100 CDF calls) but
    /// only ever runs while building tables or in the exact tail path, and it is monotone in `p`.
    static func betaQuantile(_ p: Double, _ alpha: Double, _ beta: Double) -> Double {
        let x = gsl_cdf_beta_Pinv(p, alpha, beta)
        guard x.isNaN, p > 0, p < 1 else { return x }
        var low = 0.0, high = 1.0
        while true {
            let mid = (low + high) / 2
            if mid <= low || mid >= high { return mid }
            let f = gsl_cdf_beta_P(mid, alpha, beta)
            if f.isNaN { return .nan }
            if f < p { low = mid } else { high = mid }
        }
    }
}
