#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How a lognormal is fitted to a three-point estimate: location `a`, and beta-PERT's mean and
/// variance for the same `(a, m, b, λ)`.
///
/// Three points do not pin down a lognormal by themselves, and the obvious fits break on real
/// estimates: a median or mode at `m` needs `ln(m − a)`, undefined when `m = a`, and an unshifted fit
/// needs `ln a`, undefined when `a = 0`. So the duration is `a + X` with `X` lognormal — nothing is
/// faster than the optimistic estimate — and `X` has the PERT mean and variance. Choosing
/// lognormal over PERT then changes only the tail (unbounded, so overruns past `b` keep some
/// probability), never the expected duration or its spread, and the mean agrees with
/// `ThreePointHours.mean`'s `(a + 4m + b)/6` at λ = 4. With the unit PERT mean `μ₁ = α/(α + β)` and
/// variance `v₁`, `σ² = ln(1 + v₁/μ₁²) = ln(1 + β/(α(α + β + 1)))`, at most `ln 2` so the tail is never
/// extreme, and the median `e^μ = (b − a)·μ₁·e^(−σ²/2)`. This is defined for every `b > a`.
struct LognormalFit: Sendable, Equatable {
    /// Mean and standard deviation of `ln X`, as GSL's lognormal functions take them.
    let mu: Double
    let sigma: Double

    init(mu: Double, sigma: Double) {
        self.mu = mu
        self.sigma = sigma
    }

    init(width: Double, alpha: Double, beta: Double) {
        let s = alpha + beta
        let sigmaSquared = log1p(beta / (alpha * (s + 1)))
        // Logs of the factors rather than the log of their product, so a width near the largest
        // Double cannot overflow on the way.
        mu = log(width) + log(alpha / s) - sigmaSquared / 2
        sigma = sigmaSquared.squareRoot()
    }

    /// `e^μ`: the lognormal's natural scale, the factor the unit quantile table is multiplied by.
    var median: Double { exp(mu) }
    var mean: Double { exp(mu + sigma * sigma / 2) }
    var variance: Double { expm1(sigma * sigma) * exp(2 * mu + sigma * sigma) }
}
