import Sampling
import Testing

@Suite struct SampleStatisticsTests {
    @Test func meanAndStandardDeviationOfAKnownSample() throws {
        let x: [Double] = [2, 4, 4, 4, 5, 5, 7, 9]
        #expect(try SampleStatistics.mean(x) == 5)
        // Σ(x − 5)² = 32 over n − 1 = 7.
        #expect(abs(try SampleStatistics.standardDeviation(x) - (32.0 / 7).squareRoot()) <= 4 * Double.ulpOfOne * 3)
    }

    /// Type 7: position h = (n − 1)p, linear between the order statistics either side (numpy's default).
    @Test func quantileIsType7() throws {
        let x: [Double] = [1, 3, 4, 10]
        let expected: [(Double, Double)] = [(0, 1), (0.25, 2.5), (0.5, 3.5), (0.9, 8.2), (1, 10)]
        for (p, value) in expected {
            #expect(abs(try SampleStatistics.quantile(sorted: x, p) - value) <= 16 * Double.ulpOfOne, "p = \(p)")
        }
    }

    @Test func spearmanOfKnownSeries() throws {
        let x: [Double] = [1, 2, 3, 4, 5]
        // A correlation of ranks computed in floating point: exact up to a few ulps.
        #expect(abs(try SampleStatistics.spearman(x, x.map { $0 * $0 * $0 }) - 1) <= 16 * Double.ulpOfOne)
        #expect(abs(try SampleStatistics.spearman(x, x.map { -$0 }) + 1) <= 16 * Double.ulpOfOne)
        // Ties take their average rank: y's ranks are 1, 2, 3.5, 5, 3.5, so ρ = 8/√95.
        let rho = try SampleStatistics.spearman(x, [5, 6, 7, 8, 7])
        #expect(abs(rho - 8 / 95.0.squareRoot()) <= 16 * Double.ulpOfOne)
    }

    @Test func invalidInputsThrow() {
        #expect(throws: SamplingError.self) { try SampleStatistics.mean([]) }
        #expect(throws: SamplingError.self) { try SampleStatistics.standardDeviation([1]) }
        #expect(throws: SamplingError.self) { try SampleStatistics.quantile(sorted: [], 0.5) }
        #expect(throws: SamplingError.self) { try SampleStatistics.quantile(sorted: [1, 2], 1.5) }
        #expect(throws: SamplingError.self) { try SampleStatistics.quantileStandardError(sorted: [1, 2], p: 0.5) }
        #expect(throws: SamplingError.self) { try SampleStatistics.spearman([1, 2], [1, 2, 3]) }
        #expect(throws: SamplingError.self) { try SampleStatistics.spearman([1, 2, 3], [4, 4, 4]) }
    }

    /// If the Maritz–Jarrett standard error is right, `q̂ ± 1.96·SE` covers the true quantile in 95%
    /// of samples; over R replications the coverage has standard error √(0.95·0.05/R).
    @Test(arguments: [0.5, 0.9, 0.05])
    func maritzJarrettIntervalsHaveNominalCoverage(_ p: Double) throws {
        let replications = 400, n = 1001
        var covered = 0
        var stream = try RandomStream(seed: 21, stream: 0)
        for r in 0..<replications {
            stream.reseed(seed: 21, stream: UInt64(r))
            let sorted = (0..<n).map { _ in stream.uniform() }.sorted()  // U(0, 1): the p-quantile is p
            let estimate = try SampleStatistics.quantile(sorted: sorted, p)
            let standardError = try SampleStatistics.quantileStandardError(sorted: sorted, p: p)
            if abs(estimate - p) <= 1.96 * standardError { covered += 1 }
        }
        let coverage = Double(covered) / Double(replications)
        #expect(abs(coverage - 0.95) <= 4 * (0.95 * 0.05 / Double(replications)).squareRoot())
    }
}

@Suite struct QuantileErrorWeightsTests {
    /// The memo table returns exactly what the direct computation does, for every size and p it
    /// has seen, in any order (a wrong key would hand one sample another's weights).
    @Test func tableEqualsDirectComputation() throws {
        let table = QuantileErrorTable()
        for n in [3, 10, 500, 10_000, 500, 10] {
            let sorted = (0..<n).map { Double($0) * Double($0) / 7 }
            for p in [0.5, 0.8, 0.95, 0.8] {
                let direct = try SampleStatistics.quantileStandardError(sorted: sorted, p: p)
                #expect(try table.standardError(sorted: sorted, p: p) == direct, "n = \(n), p = \(p)")
                #expect(direct > 0)
            }
        }
        #expect(throws: SamplingError.self) { try QuantileErrorWeights(count: 10, p: 0.5).standardError(sorted: [1, 2, 3]) }
    }
}
