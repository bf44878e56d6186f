import Sampling
import Testing

/// `RankCorrelation` ranks the shared outcome once; every coefficient must still be the very
/// double `gsl_stats_spearman` returns, since the sensitivity figures in `waves.json` are compared
/// byte for byte across versions and thread counts.
@Suite struct RankCorrelationTests {
    /// Series of `n` uniforms, rounded to `grid` steps when given so that ties occur.
    static func series(_ stream: borrowing RandomStream, _ n: Int, grid: Double? = nil) -> [Double] {
        (0..<n).map { _ in
            let u = stream.uniform()
            return grid.map { (u * $0).rounded() } ?? u
        }
    }

    @Test("equals gsl_stats_spearman bit for bit, with and without ties in the series")
    func matchesGSL() throws {
        let stream = try RandomStream(seed: 11, stream: 0)
        for n in [2, 3, 17, 500] {
            let outcome = Self.series(stream, n)
            let correlation = RankCorrelation(outcome: outcome)
            for grid: Double? in [nil, 4, 40] {
                var x = Self.series(stream, n, grid: grid)
                if Set(x).count == 1 { x[0] += 1 }
                // Correlated with the outcome too, so the coefficients are not all near 0.
                let mixed = zip(x, outcome).map { $0 + $1 }
                for s in [x, mixed] {
                    let fast = try correlation.spearman(s)
                    let gsl = try SampleStatistics.spearman(s, outcome)
                    #expect(fast.bitPattern == gsl.bitPattern, "n \(n), grid \(String(describing: grid)): \(fast) vs \(gsl)")
                }
            }
        }
    }

    @Test("an outcome with ties goes to GSL for each series, and a constant series still throws")
    func tiedOutcome() throws {
        let stream = try RandomStream(seed: 12, stream: 0)
        let outcome = Self.series(stream, 300, grid: 10)
        let correlation = RankCorrelation(outcome: outcome)
        let x = Self.series(stream, 300)
        #expect(try correlation.spearman(x).bitPattern == SampleStatistics.spearman(x, outcome).bitPattern)
        #expect(throws: SamplingError.self) { try correlation.spearman([Double](repeating: 2, count: 300)) }
        #expect(throws: SamplingError.self) { try RankCorrelation(outcome: [1, 2, 3]).spearman([5, 5, 5]) }
        #expect(throws: SamplingError.self) { try RankCorrelation(outcome: [1, 2, 3]).spearman([1, 2]) }
    }
}
