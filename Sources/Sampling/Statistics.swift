internal import CGSL

/// Summaries of Monte Carlo output, computed by GSL so they agree with the estimators users
/// cross-check against (numpy's and R's defaults).
///
/// Empty or too-short input throws rather than returning NaN: a report with a NaN percentile is
/// worse than an error naming the problem.
public enum SampleStatistics {
    /// The arithmetic mean (`gsl_stats_mean`).
    public static func mean(_ values: [Double]) throws(SamplingError) -> Double {
        GSL.prepare()
        guard !values.isEmpty else { throw SamplingError("the mean of no values is undefined") }
        return values.withUnsafeBufferPointer { gsl_stats_mean($0.baseAddress, 1, $0.count) }
    }

    /// The sample standard deviation with the n − 1 denominator (`gsl_stats_sd`), the unbiased-
    /// variance estimate that standard errors of Monte Carlo means are built from.
    public static func standardDeviation(_ values: [Double]) throws(SamplingError) -> Double {
        GSL.prepare()
        guard values.count >= 2 else { throw SamplingError("a standard deviation needs at least 2 values, got \(values.count)") }
        return values.withUnsafeBufferPointer { gsl_stats_sd($0.baseAddress, 1, $0.count) }
    }

    /// The `p`-quantile of ascending `sorted`, interpolating linearly between order statistics at
    /// position `(n − 1)p` (Hyndman–Fan type 7: numpy's and R's default, and GSL's
    /// `gsl_stats_quantile_from_sorted_data`). Sorting is the caller's, since one sort serves every
    /// percentile of a report.
    public static func quantile(sorted: [Double], _ p: Double) throws(SamplingError) -> Double {
        GSL.prepare()
        try checkQuantileArguments(sorted, p)
        return sorted.withUnsafeBufferPointer { gsl_stats_quantile_from_sorted_data($0.baseAddress, 1, $0.count, p) }
    }

    /// The Maritz–Jarrett estimate of the standard error of the `p`-quantile of `sorted`.
    ///
    /// It weights the order statistics by the exact distribution of the `M`-th of `n` uniforms,
    /// `M = ⌊pn + ½⌋`: `Wᵢ = I(i/n; M − 1, n − M) − I((i − 1)/n; M − 1, n − M)` with `I` the
    /// regularised incomplete beta (`gsl_cdf_beta_P`), and returns `√(Σ Wᵢ (X₍ᵢ₎ − Σ Wⱼ X₍ⱼ₎)²)`.
    /// Unlike the asymptotic `√(p(1 − p)/n)/f(x_p)` it needs no density estimate, which for schedule
    /// makespans (skewed, often multimodal) is the weak step. `M` is kept in `2...n − 1` so both beta
    /// parameters are positive: at the outermost order statistics the estimate is that of the
    /// neighbouring one. Only the order statistics where the weights exceed 10⁻¹⁵ are visited, so
    /// the cost is about `√n` incomplete-beta evaluations, not `n`.
    public static func quantileStandardError(sorted: [Double], p: Double) throws(SamplingError) -> Double {
        try checkQuantileArguments(sorted, p)
        return try QuantileErrorWeights(count: sorted.count, p: p).standardError(sorted: sorted)
    }

    /// Spearman's rank correlation (`gsl_stats_spearman`, ties ranked by their average): how
    /// strongly a task's duration drives the makespan, robust to the skew a Pearson coefficient
    /// is sensitive to. Throws when either series is constant, since then it is undefined.
    public static func spearman(_ x: [Double], _ y: [Double]) throws(SamplingError) -> Double {
        GSL.prepare()
        guard x.count == y.count else { throw SamplingError("spearman needs series of equal length, got \(x.count) and \(y.count)") }
        guard x.count >= 2 else { throw SamplingError("spearman needs at least 2 pairs, got \(x.count)") }
        var work = [Double](repeating: 0, count: 2 * x.count)
        let r = x.withUnsafeBufferPointer { x in
            y.withUnsafeBufferPointer { y in
                work.withUnsafeMutableBufferPointer { gsl_stats_spearman(x.baseAddress, 1, y.baseAddress, 1, x.count, $0.baseAddress) }
            }
        }
        return try GSL.checked(r, "a Spearman correlation (is one series constant?)")
    }

    private static func checkQuantileArguments(_ sorted: [Double], _ p: Double) throws(SamplingError) {
        guard !sorted.isEmpty else { throw SamplingError("the quantile of no values is undefined") }
        guard (0...1).contains(p) else { throw SamplingError("quantile probability \(p) is outside 0...1") }
        #if TASKS_INTERNAL_CHECKS
        precondition(zip(sorted, sorted.dropFirst()).allSatisfy { $0 <= $1 }, "quantile(sorted:) got unsorted values")
        #endif
    }
}
