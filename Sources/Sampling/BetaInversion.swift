internal import CGSL
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Beta quantiles along a monotone run of tail probabilities, by Halley's method on GSL's CDF.
///
/// A table needs about a thousand beta quantiles and `gsl_cdf_beta_Pinv` costs 0.5–1.5 µs each,
/// which made 3,000 distinct PERT tasks take 1.4 s to tabulate — longer than 10,000 iterations take
/// to sample. Consecutive nodes are close, so each node starts from the previous one, stepped along
/// the quantile function's second-order Taylor expansion (`x' = ±1/f`, `x'' = −g/f²` with
/// `g = f'/f`, both in closed form for the beta density), and Halley's step on the CDF, cubically
/// convergent, then usually lands within double precision with a single `gsl_cdf_beta_P` call: the
/// CDF is what a node costs, and Newton from a first-order start needed two. The upper tail solves
/// `Q(x) = v` with `gsl_cdf_beta_Q`, which keeps full relative precision where `1 − F` would
/// cancel. Where an iterate strays out of (0, 1) or stalls, the node falls back to
/// `UnitDistribution.betaQuantile` (GSL's inverse, then bisection).
struct BetaInversion {
    let alpha: Double
    let beta: Double
    private let logBeta: Double

    init?(alpha: Double, beta: Double) {
        var result = gsl_sf_result()
        guard gsl_sf_lnbeta_e(alpha, beta, &result) == GSL_SUCCESS, result.val.isFinite else { return nil }
        self.alpha = alpha
        self.beta = beta
        logBeta = result.val
    }

    /// Quantiles at tail probabilities `v` (ascending): `F⁻¹(v)`, or `F⁻¹(1 − v)` for the upper tail.
    func quantiles(atTail v: [Double], upper: Bool) -> [Double] {
        var x: [Double] = []
        x.reserveCapacity(v.count)
        for (i, target) in v.enumerated() {
            var solved: Double?
            if i > 0 {
                let previous = x[i - 1], f = density(previous)
                if f.isFinite, f > 0 {
                    let dv = target - v[i - 1]
                    let slope = (upper ? -dv : dv) / f
                    let start = previous + slope - 0.5 * logSlope(previous) * slope * slope
                    solved = halley(from: start > 0 && start < 1 ? start : previous, target: target, upper: upper)
                }
            }
            x.append(solved ?? UnitDistribution.betaQuantile(upper ? 1 - target : target, alpha, beta))
        }
        return x
    }

    private func density(_ x: Double) -> Double {
        exp((alpha - 1) * log(x) + (beta - 1) * log1p(-x) - logBeta)
    }

    /// `g = f'/f`, the density's logarithmic derivative.
    private func logSlope(_ x: Double) -> Double {
        (alpha - 1) / x - (beta - 1) / (1 - x)
    }

    /// Stops once the error estimate of Halley's step, `(g²/12 − g'/6)·|δ|³` (its cubic term), is
    /// below 10⁻¹³ of `x`: far below the table's `Float` precision, and as tight as the two-call
    /// Newton it replaces (a last step below 10⁻⁶ of `x`, quadratic).
    private func halley(from start: Double, target: Double, upper: Bool) -> Double? {
        var x = start
        for _ in 0..<20 {
            let f = density(x)
            guard f.isFinite, f > 0 else { return nil }
            // h(x) = P(x) − v (lower) or Q(x) − v (upper); h' = ±f and h''/h' = g either way.
            let newton = upper ? (gsl_cdf_beta_Q(x, alpha, beta) - target) / f
                               : -(gsl_cdf_beta_P(x, alpha, beta) - target) / f
            let g = logSlope(x)
            let step = newton / (1 - 0.5 * newton * g)
            let next = x + step
            guard next > 0, next < 1 else { return nil }  // also rejects NaN
            let slopeOfG = -(alpha - 1) / (x * x) - (beta - 1) / ((1 - x) * (1 - x))
            let size = abs(step)
            if size <= 1e-3 * next && (g * g / 12 + abs(slopeOfG) / 6) * size * size * size <= 1e-13 * next { return next }
            x = next
        }
        return nil
    }
}
