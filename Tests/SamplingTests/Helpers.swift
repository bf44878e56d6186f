import Sampling
import Testing

/// The shapes and estimates most tests run over: skewed both ways, symmetric, and both endpoints
/// as the most likely value (where beta-PERT's quantile function is steepest).
struct Estimate: Sendable, CustomStringConvertible {
    var shape: DurationShape
    var a: Double, m: Double, b: Double
    var lambda: Double = 4

    func model() throws -> DurationModel {
        try DurationModel(shape: shape, optimistic: a, mostLikely: m, pessimistic: b, lambda: lambda)
    }

    var description: String { "\(shape.rawValue) \(a)/\(m)/\(b) λ=\(lambda)" }

    static let pert: [Estimate] = [
        Estimate(shape: .pert, a: 2, m: 4, b: 12),
        Estimate(shape: .pert, a: 0, m: 0, b: 10),
        Estimate(shape: .pert, a: 3, m: 8, b: 8),
        Estimate(shape: .pert, a: 1, m: 5, b: 9),
        Estimate(shape: .pert, a: 0, m: 0.5, b: 40, lambda: 10),
        Estimate(shape: .pert, a: 0, m: 40, b: 40, lambda: 40),
    ]
    static let everyShape: [Estimate] = pert + [
        Estimate(shape: .triangular, a: 2, m: 4, b: 12),
        Estimate(shape: .triangular, a: 0, m: 0, b: 5),
        Estimate(shape: .triangular, a: 1, m: 6, b: 6),
        Estimate(shape: .uniform, a: 2, m: 3, b: 7),
        Estimate(shape: .lognormal, a: 2, m: 4, b: 12),
        Estimate(shape: .lognormal, a: 0, m: 0, b: 10),
        Estimate(shape: .lognormal, a: 3, m: 8, b: 8),
    ]
}

/// `count` draws of one model, taken the way the engine takes them: many tasks per iteration, one
/// reseeded stream per iteration.
func draws(_ model: DurationModel, count: Int, seed: UInt64, exact: Bool = false) throws -> [Double] {
    let perIteration = 1000
    let sampler = try DurationSampler(models: Array(repeating: model, count: perIteration))
    var stream = try RandomStream(seed: seed, stream: 0)
    var all: [Double] = []
    var durations: [Double] = []
    all.reserveCapacity(count)
    for iteration in 0..<(count + perIteration - 1) / perIteration {
        stream.reseed(seed: seed, stream: UInt64(iteration))
        if exact {
            sampler.sampleExact(into: &durations, stream: stream)
        } else {
            sampler.sample(into: &durations, stream: stream)
        }
        all += durations.prefix(count - all.count)
    }
    return all
}

/// Sample moments with the standard errors that size every statistical tolerance in these tests.
struct Moments {
    var count: Double
    var mean: Double
    var variance: Double
    /// Standard error of the sample variance, `√((m₄ − s⁴)/n)`, from the sample's fourth moment.
    var varianceStandardError: Double

    init(_ x: [Double]) {
        count = Double(x.count)
        mean = x.reduce(0, +) / count
        let mean = mean
        let centered = x.map { $0 - mean }
        variance = centered.reduce(0) { $0 + $1 * $1 } / (count - 1)
        let fourth = centered.reduce(0) { $0 + $1 * $1 * $1 * $1 } / count
        varianceStandardError = ((fourth - variance * variance) / count).squareRoot()
    }
}

/// The Kolmogorov–Smirnov distance between the sample's empirical CDF and `cdf`.
func kolmogorovSmirnov(_ x: [Double], _ cdf: (Double) -> Double) -> Double {
    let sorted = x.sorted()
    let n = Double(sorted.count)
    var distance = 0.0
    for (i, value) in sorted.enumerated() {
        let f = cdf(value)
        distance = max(distance, abs(f - Double(i) / n), abs(Double(i + 1) / n - f))
    }
    return distance
}

/// `√n·D` exceeds this with probability 0.001 under the null (the Kolmogorov distribution's 0.999
/// quantile), so a correct sampler fails one seeded run in a thousand.
let kolmogorov999 = 1.9495

/// `∫₀¹ q(p) dp`, by the midpoint rule on the same octave grid the table uses, 256 cells an octave
/// and 48 octaves deep on both sides, so it is exact on the table's piecewise-linear cells.
func integrateQuantile(_ q: (Double) throws -> Double) rethrows -> Double {
    var total = 0.0
    let cells = 256
    for octave in 1...48 {
        let low = Double(sign: .plus, exponent: -octave - 1, significand: 1)
        let width = low / Double(cells)
        for k in 0..<cells {
            let v = low + (Double(k) + 0.5) * width
            total += (try q(v) + q(1 - v)) * width
        }
    }
    return total
}
