import Sampling
import Testing

/// The sampler's draws against the exact distributions. Every tolerance is four standard errors
/// of the statistic tested (or the Kolmogorov distribution's 0.999 quantile), all runs seeded.
@Suite struct DurationSamplerTests {
    static let drawCount = 200_000

    @Test(arguments: Estimate.pert)
    func pertMeanIsTheTextbookMean(_ estimate: Estimate) throws {
        let model = try estimate.model()
        let (a, m, b, lambda) = (estimate.a, estimate.m, estimate.b, estimate.lambda)
        let textbook = (a + lambda * m + b) / (lambda + 2)
        let standardError = (model.variance / Double(Self.drawCount)).squareRoot()
        for exact in [false, true] {
            let sample = Moments(try draws(model, count: Self.drawCount, seed: 11, exact: exact))
            #expect(abs(sample.mean - textbook) <= 4 * standardError, "exact sampler: \(exact)")
        }
    }

    @Test(arguments: Estimate.everyShape)
    func everyShapeMatchesItsExactMeanAndVariance(_ estimate: Estimate) throws {
        let model = try estimate.model()
        for exact in [false, true] {
            let sample = Moments(try draws(model, count: Self.drawCount, seed: 12, exact: exact))
            #expect(abs(sample.mean - model.mean) <= 4 * (model.variance / sample.count).squareRoot(), "exact: \(exact)")
            #expect(abs(sample.variance - model.variance) <= 4 * sample.varianceStandardError, "exact: \(exact)")
        }
    }

    @Test(arguments: Estimate.everyShape)
    func tableDrawsPassKolmogorovSmirnov(_ estimate: Estimate) throws {
        let model = try estimate.model()
        let sample = try draws(model, count: 20_000, seed: 13)
        let distance = kolmogorovSmirnov(sample, model.cdf)
        #expect(distance * Double(sample.count).squareRoot() <= kolmogorov999)
    }

    @Test(arguments: Estimate.everyShape)
    func drawsStayInTheirRange(_ estimate: Estimate) throws {
        let model = try estimate.model()
        let upper = estimate.shape == .lognormal ? Double.infinity : estimate.b
        for exact in [false, true] {
            let sample = try draws(model, count: 20_000, seed: 14, exact: exact)
            #expect(sample.allSatisfy { $0 >= estimate.a && $0 <= upper })
        }
    }

    @Test func fixedTasksHaveNoSpreadAndDrawNothing() throws {
        let models = try [DurationModel.fixed(5), Estimate.pert[0].model(), DurationModel.fixed(0)]
        let sampler = try DurationSampler(models: models)
        #expect(sampler.drawsPerSample == 1)
        var stream = try RandomStream(seed: 1, stream: 0)
        var durations: [Double] = []
        var fixedValues: Set<Double> = []
        for iteration: UInt64 in 0..<1000 {
            stream.reseed(seed: 1, stream: iteration)
            sampler.sample(into: &durations, stream: stream)
            fixedValues.insert(durations[0])
            fixedValues.insert(durations[2])
        }
        #expect(fixedValues == [5, 0])
    }

    /// The common-random-numbers contract: the k-th non-fixed task gets the k-th uniform of the
    /// stream, mapped through its quantile function, and nothing else is drawn.
    @Test func oneUniformPerNonFixedTaskInTaskOrder() throws {
        let models = try [DurationModel.fixed(2)] + Estimate.everyShape.map { try $0.model() } + [DurationModel.fixed(1)]
        let sampler = try DurationSampler(models: models)
        let sampled = try RandomStream(seed: 77, stream: 3)
        let reference = try RandomStream(seed: 77, stream: 3)
        var durations: [Double] = []
        sampler.sample(into: &durations, stream: sampled)
        for task in 1..<models.count - 1 {
            #expect(durations[task] == sampler.tableQuantile(task: task, reference.uniform()), "task \(task)")
        }
        #expect(durations.first == 2 && durations.last == 1)
        #expect(sampled.uniform() == reference.uniform())
    }

    @Test func sameStreamGivesSameDurations() throws {
        let sampler = try DurationSampler(models: Estimate.everyShape.map { try $0.model() })
        var first: [Double] = [], second: [Double] = []
        sampler.sample(into: &first, stream: try RandomStream(seed: 5, stream: 9))
        sampler.sample(into: &second, stream: try RandomStream(seed: 5, stream: 9))
        #expect(first == second)
        sampler.sample(into: &second, stream: try RandomStream(seed: 5, stream: 10))
        #expect(first != second)
    }

    @Test func bufferAndArrayEntryPointsAgree() throws {
        let sampler = try DurationSampler(models: Estimate.everyShape.map { try $0.model() })
        var array: [Double] = []
        sampler.sample(into: &array, stream: try RandomStream(seed: 8, stream: 8))
        var buffer = [Double](repeating: .nan, count: sampler.taskCount)
        let stream = try RandomStream(seed: 8, stream: 8)
        buffer.withUnsafeMutableBufferPointer { sampler.sample(into: $0, stream: stream) }
        #expect(array == buffer)
    }
}
