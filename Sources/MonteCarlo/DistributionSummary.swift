import Sampling

/// Quantiles, mean, spread, histogram and CDF of one sample (a model's makespans, a wave's
/// durations), each quantile with its Monte Carlo standard error.
public struct DistributionSummary: Sendable, Equatable, Codable {
    /// One estimated quantile.
    public struct Quantile: Sendable, Equatable, Codable {
        public var p: Double
        public var value: Double
        public var standardError: Double
    }

    /// One histogram bin `[lower, upper)` with its count.
    public struct Bin: Sendable, Equatable, Codable {
        public var lower: Double
        public var upper: Double
        public var count: Int
    }

    public var count: Int
    public var mean: Double
    public var standardDeviation: Double
    public var minimum: Double
    public var maximum: Double
    public var quantiles: [Quantile]
    public var histogram: [Bin]
    /// The empirical CDF at `cdfPoints` evenly spaced values from minimum to maximum.
    public var cdf: [[Double]]

    public static let histogramBins = 30
    public static let cdfPoints = 51

    /// Summarises `samples` (sorted in place). `errors` shares the standard-error weights among
    /// summaries of samples of one size.
    /// - Complexity: O(n log n)
    public init(samples: inout [Double], quantiles ps: [Double], errors: QuantileErrorTable = QuantileErrorTable())
        throws(SamplingError)
    {
        RadixSort.ascending(&samples)
        count = samples.count
        mean = try SampleStatistics.mean(samples)
        standardDeviation = samples.count > 1 ? try SampleStatistics.standardDeviation(samples) : 0
        minimum = samples.first ?? 0
        maximum = samples.last ?? 0
        var qs: [Quantile] = []
        for p in ps {
            let value = try SampleStatistics.quantile(sorted: samples, p)
            let se = samples.count > 2 && maximum > minimum
                ? try errors.standardError(sorted: samples, p: p) : 0
            qs.append(Quantile(p: p, value: value, standardError: se))
        }
        quantiles = qs
        histogram = DistributionSummary.bins(samples, minimum, maximum)
        cdf = DistributionSummary.cdfCurve(samples, minimum, maximum)
    }

    /// The estimate of quantile `p`, if it was computed.
    public func quantile(_ p: Double) -> Quantile? { quantiles.first { abs($0.p - p) < 1e-12 } }

    static func bins(_ sorted: [Double], _ lo: Double, _ hi: Double) -> [Bin] {
        guard !sorted.isEmpty else { return [] }
        guard hi > lo else { return [Bin(lower: lo, upper: hi, count: sorted.count)] }
        let width = (hi - lo) / Double(histogramBins)
        var counts = [Int](repeating: 0, count: histogramBins)
        for x in sorted { counts[min(Int((x - lo) / width), histogramBins - 1)] += 1 }
        return counts.enumerated().map {
            Bin(lower: lo + Double($0.offset) * width,
                upper: $0.offset == histogramBins - 1 ? hi : lo + Double($0.offset + 1) * width, count: $0.element)
        }
    }

    static func cdfCurve(_ sorted: [Double], _ lo: Double, _ hi: Double) -> [[Double]] {
        guard !sorted.isEmpty else { return [] }
        guard hi > lo else { return [[lo, 1]] }
        var out: [[Double]] = []
        var k = 0
        for i in 0..<cdfPoints {
            // The last point is the maximum itself: lo + (hi − lo) can round one ulp below it.
            let x = i == cdfPoints - 1 ? hi : lo + (hi - lo) * Double(i) / Double(cdfPoints - 1)
            while k < sorted.count && sorted[k] <= x { k += 1 }
            out.append([x, Double(k) / Double(sorted.count)])
        }
        return out
    }
}
