internal import CGSL

/// The Maritz–Jarrett weights of the `p`-quantile of `count` values (see
/// `SampleStatistics.quantileStandardError`). They depend on `count` and `p` only, not on the
/// values, so one set serves every sample of that size: a report summarises a makespan and every
/// wave's duration over the same iterations, and the incomplete-beta evaluations were most of
/// that summary's cost.
public struct QuantileErrorWeights: Sendable {
    public let count: Int
    public let p: Double
    /// The 1-based order statistic the first weight belongs to.
    let first: Int
    let weights: [Double]

    public init(count n: Int, p: Double) throws(SamplingError) {
        GSL.prepare()
        guard n >= 3 else { throw SamplingError("a quantile standard error needs at least 3 values, got \(n)") }
        guard p >= 0 && p <= 1 else { throw SamplingError("quantile probability \(p) is outside 0...1") }
        self.count = n
        self.p = p
        let m = min(max(Int((p * Double(n) + 0.5).rounded(.down)), 2), n - 1)
        let a = Double(m - 1), b = Double(n - m)
        let total = Double(n)
        var first = 1, last = n
        let low = gsl_cdf_beta_Pinv(1e-15, a, b), high = gsl_cdf_beta_Qinv(1e-15, a, b)
        if low.isFinite, high.isFinite {  // else GSL failed to invert: visit everything
            first = max(1, Int((low * total).rounded(.down)))
            last = min(n, Int((high * total).rounded(.up)) + 1)
        }
        var weights: [Double] = []
        weights.reserveCapacity(last - first + 1)
        var below = gsl_cdf_beta_P(Double(first - 1) / total, a, b)
        for i in first...last {
            let upTo = gsl_cdf_beta_P(Double(i) / total, a, b)
            weights.append(upTo - below)
            below = upTo
        }
        self.first = first
        self.weights = weights
    }

    /// The standard error of the quantile of ascending `sorted` (`count` values).
    public func standardError(sorted: [Double]) throws(SamplingError) -> Double {
        guard sorted.count == count else {
            throw SamplingError("quantile weights for \(count) values applied to \(sorted.count) [this is a bug]")
        }
        var center = 0.0
        for (k, w) in weights.enumerated() { center += w * sorted[first - 1 + k] }
        // Centred second pass: C₂ − C₁² would cancel catastrophically for durations far from zero.
        var variance = 0.0
        for (k, w) in weights.enumerated() {
            let d = sorted[first - 1 + k] - center
            variance += w * d * d
        }
        return try GSL.checked(variance, "the Maritz–Jarrett variance").squareRoot()
    }
}

/// Memoised `QuantileErrorWeights` by sample size and probability, for summarising many samples
/// of one size. Not thread-safe: one table per summarising thread.
public final class QuantileErrorTable {
    private struct Key: Hashable {
        var count: Int
        var p: UInt64
    }
    private var table: [Key: QuantileErrorWeights] = [:]

    public init() {}

    /// `SampleStatistics.quantileStandardError(sorted:p:)`, reusing the weights of earlier calls.
    public func standardError(sorted: [Double], p: Double) throws(SamplingError) -> Double {
        let key = Key(count: sorted.count, p: p.bitPattern)
        if let weights = table[key] { return try weights.standardError(sorted: sorted) }
        let weights = try QuantileErrorWeights(count: sorted.count, p: p)
        table[key] = weights
        return try weights.standardError(sorted: sorted)
    }
}
