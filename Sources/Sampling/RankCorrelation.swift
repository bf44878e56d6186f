internal import CGSL

/// Spearman coefficients of many series against one shared outcome, each equal bit for bit to
/// `SampleStatistics.spearman(x, outcome)`.
///
/// `gsl_stats_spearman` sorts the pairs by x, ranks x, sorts them again by the outcome, ranks the
/// outcome, and returns the Pearson correlation (`gsl_stats_correlation`) of the two rank vectors
/// in that last order. When the outcome has no ties, that order is the outcome's unique ascending
/// order and its ranks are 1...n, whatever x is, so the outcome is sorted once here and each call
/// only ranks x: the sensitivity analysis asks for one coefficient per task, 3,000 of them on a
/// large plan, and GSL's two heapsorts per call were most of their cost. With ties in the outcome,
/// GSL's order within a tie depends on its heapsort, so every call goes to GSL itself.
public struct RankCorrelation: Sendable {
    let outcome: [Double]
    /// Indices of `outcome` in ascending order, or nil when it has ties.
    let order: [Int]?
    let outcomeRanks: [Double]

    public init(outcome: [Double]) {
        self.outcome = outcome
        let sorted = outcome.indices.sorted { outcome[$0] < outcome[$1] }
        let tied = zip(sorted, sorted.dropFirst()).contains { !(outcome[$0.0] < outcome[$0.1]) }
        order = tied ? nil : sorted
        outcomeRanks = outcome.indices.map { Double($0) + 1 }
    }

    /// Spearman's rank correlation of `x` with the outcome.
    /// - Throws: when the lengths differ, when there are fewer than 2 pairs, or when a series is
    ///   constant, as `SampleStatistics.spearman` does.
    public func spearman(_ x: [Double]) throws(SamplingError) -> Double {
        guard let order, x.count == outcome.count, x.count >= 2, !x.contains(where: \.isNaN) else {
            return try SampleStatistics.spearman(x, outcome)
        }
        GSL.prepare()
        let n = x.count
        var pairs = x.enumerated().map { (value: $0.element, index: $0.offset) }
        pairs.sort { $0.value < $1.value }
        // `compute_rank`'s ranks: position + 1, ties sharing the mean of their positions + 1, summed
        // the way GSL sums them so the shared rank has the same bits.
        var rank = [Double](repeating: 0, count: n)
        var i = 0
        while i < n {
            var j = i + 1
            while j < n && pairs[j].value == pairs[i].value { j += 1 }
            var shared = 0.0
            if j - i > 1 {
                for k in i..<j { shared += Double(k) + 1 }
                shared /= Double(j - i)
            } else {
                shared = Double(i) + 1
            }
            for k in i..<j { rank[pairs[k].index] = shared }
            i = j
        }
        let paired = order.map { rank[$0] }
        let r = paired.withUnsafeBufferPointer { a in
            outcomeRanks.withUnsafeBufferPointer { b in gsl_stats_correlation(a.baseAddress, 1, b.baseAddress, 1, n) }
        }
        return try GSL.checked(r, "a Spearman correlation (is one series constant?)")
    }
}
