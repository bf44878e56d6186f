import Foundation
import MonteCarlo
import Testing

/// The summary every model and wave is reported with.
@Suite("DistributionSummary")
struct DistributionSummaryTests {
    /// The empirical CDF at the sample maximum is 1 by definition. The grid's last point is computed
    /// as `lo + (hi − lo)·50/50`, which for about 1 % of (lo, hi) pairs rounds one ulp below `hi`
    /// (these two do), and the maximum then drops out of the count.
    @Test("the CDF curve ends at (maximum, 1) and starts at (minimum, share of the minimum)",
          arguments: [(8.851152038855528, 30.018860311630405), (26.07289375081012, 52.40787371131008), (1.0, 2.0)])
    func cdfEndsAtOne(_ lo: Double, _ hi: Double) throws {
        var samples = [hi, lo, (lo + hi) / 2, lo + (hi - lo) / 4]
        let s = try DistributionSummary(samples: &samples, quantiles: [0.5])
        let last = try #require(s.cdf.last)
        #expect(last[1] == 1, "CDF at the maximum \(hi) is \(last[1]) (grid point \(last[0]))")
        #expect(last[0] == s.maximum, "the last grid point \(last[0]) is not the maximum \(s.maximum)")
        #expect(s.cdf.first == [lo, 0.25])
        #expect(s.histogram.map(\.count).reduce(0, +) == 4)
        #expect(s.cdf.count == DistributionSummary.cdfPoints)
        // Non-decreasing in both coordinates.
        #expect(zip(s.cdf, s.cdf.dropFirst()).allSatisfy { $0[0] <= $1[0] && $0[1] <= $1[1] })
    }

    @Test("type-7 quantiles and the n − 1 standard deviation, as numpy computes them")
    func numpyConventions() throws {
        var samples = [4.0, 1, 3, 2, 10]
        let s = try DistributionSummary(samples: &samples, quantiles: [0.5, 0.8, 0.95])
        // numpy.percentile([1, 2, 3, 4, 10], [50, 80, 95]) = 3, 5.2, 8.8; std(ddof=1) = √12.5.
        #expect(s.q(0.5).value == 3)
        #expect(abs(s.q(0.8).value - 5.2) <= 4 * Double.ulpOfOne * 5.2)
        #expect(abs(s.q(0.95).value - 8.8) <= 4 * Double.ulpOfOne * 8.8)
        #expect(abs(s.standardDeviation - 12.5.squareRoot()) <= 4 * Double.ulpOfOne * 4)
        #expect(s.mean == 4 && s.minimum == 1 && s.maximum == 10 && s.count == 5)
    }
}
