/// The family a three-point estimate is read as.
///
/// The raw values are `TaskModel.DistributionKind`'s, so the Monte Carlo engine converts with
/// `DurationShape(rawValue:)` and Sampling stays free of any dependency on the plan model.
public enum DurationShape: String, Sendable, CaseIterable {
    case pert, triangular, uniform, lognormal, fixed
}

/// One task's duration distribution in hours: a validated three-point estimate and its shape.
///
/// The derived parameters (beta-PERT's α and β, the lognormal's μ and σ) are computed once here
/// rather than per draw, and the exact moments, CDF and quantile live next to them so the table
/// sampler and the tests check against one definition. An estimate with `optimistic ==
/// pessimistic` is a fixed duration whatever its shape, as in `ResolvedPlan`.
///
/// - Beta-PERT: `a + (b − a)·Beta(α, β)` with `α = 1 + λ(m − a)/(b − a)`, `β = 1 + λ(b − m)/(b − a)`.
/// - Triangular on `[a, b]` with mode `m`; uniform on `[a, b]`.
/// - Lognormal: see `LognormalFit` (shifted to start at `a`, same mean and variance as beta-PERT).
public struct DurationModel: Sendable, Equatable {
    public let shape: DurationShape
    public let optimistic: Double
    public let mostLikely: Double
    public let pessimistic: Double
    /// Beta-PERT's weight on the most likely value; the lognormal fit inherits it through the PERT moments.
    public let lambda: Double

    /// Beta parameters of the PERT reading of the estimate, kept for every non-fixed shape because
    /// the lognormal fit is defined from them.
    let alpha: Double
    let beta: Double
    let lognormal: LognormalFit

    /// Rejects what no shape can represent: non-finite or negative hours, points out of order, or a
    /// non-positive λ. Hours are non-negative so that every sampled duration is too.
    public init(
        shape: DurationShape, optimistic: Double, mostLikely: Double, pessimistic: Double, lambda: Double = 4
    ) throws(SamplingError) {
        GSL.prepare()
        let points = "\(optimistic)/\(mostLikely)/\(pessimistic)"
        guard optimistic.isFinite, mostLikely.isFinite, pessimistic.isFinite else {
            throw SamplingError("duration \(points): hours must be finite")
        }
        guard optimistic >= 0 else { throw SamplingError("duration \(points): hours must not be negative") }
        guard optimistic <= mostLikely, mostLikely <= pessimistic else {
            throw SamplingError("duration \(points): needs optimistic ≤ mostLikely ≤ pessimistic")
        }
        guard lambda.isFinite, lambda > 0 else { throw SamplingError("duration \(points): lambda must be positive, got \(lambda)") }
        self.shape = optimistic == pessimistic ? .fixed : shape
        self.optimistic = optimistic
        self.mostLikely = mostLikely
        self.pessimistic = pessimistic
        self.lambda = lambda
        if self.shape == .fixed {
            (alpha, beta, lognormal) = (1, 1, LognormalFit(mu: 0, sigma: 0))
        } else {
            let width = pessimistic - optimistic
            alpha = 1 + lambda * ((mostLikely - optimistic) / width)
            beta = 1 + lambda * ((pessimistic - mostLikely) / width)
            lognormal = LognormalFit(width: width, alpha: alpha, beta: beta)
        }
    }

    /// A duration that never varies: it draws no random number and costs the sampler nothing.
    public static func fixed(_ hours: Double) throws(SamplingError) -> DurationModel {
        try DurationModel(shape: .fixed, optimistic: hours, mostLikely: hours, pessimistic: hours)
    }

    var width: Double { pessimistic - optimistic }

    /// The exact mean; for beta-PERT `(a + λm + b)/(λ + 2)`, the textbook `(a + 4m + b)/6` at λ = 4.
    public var mean: Double {
        let a = optimistic, w = width
        switch shape {
        case .fixed: return mostLikely
        case .pert: return a + w * (alpha / (alpha + beta))
        case .triangular: return a + w * (1 + mode) / 3
        case .uniform: return a + w / 2
        case .lognormal: return a + lognormal.mean
        }
    }

    /// The exact variance, written in terms of the width so that no intermediate squares a large
    /// endpoint (`a² + b² − ab …` cancels catastrophically); it is +∞ only when the true value is.
    public var variance: Double {
        let w = width
        switch shape {
        case .fixed: return 0
        case .pert:
            let s = alpha + beta
            return w * w * (alpha * beta / (s * s * (s + 1)))
        case .triangular: return w * w * (1 - mode + mode * mode) / 18
        case .uniform: return w * w / 12
        case .lognormal: return lognormal.variance
        }
    }

    /// Where `m` sits in `[a, b]`, as a fraction: the triangular distribution's shape parameter.
    var mode: Double { (mostLikely - optimistic) / width }
}
