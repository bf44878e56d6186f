import Sampling
import Testing

/// Inputs at the edges must end in a thrown `SamplingError` or in sensible durations, never in
/// GSL's default handler aborting the process.
@Suite struct DegenerateInputTests {
    @Test(arguments: [
        (0.0, 1.0, 0.5, 4.0), (2, 1, 3, 4), (-1, 0, 1, 4), (.nan, 1, 2, 4), (0, 1, .infinity, 4),
        (0, 1, 2, 0), (0, 1, 2, -1), (0, 1, 2, .nan), (0, 1, 2, .infinity),
    ])
    func invalidEstimatesThrow(a: Double, m: Double, b: Double, lambda: Double) {
        for shape in DurationShape.allCases {
            #expect(throws: SamplingError.self) {
                try DurationModel(shape: shape, optimistic: a, mostLikely: m, pessimistic: b, lambda: lambda)
            }
        }
    }

    @Test(arguments: [
        (0.0, 0.0, 1.0, 4.0), (0, 1, 1, 4), (1, 1 + 1e-12, 1 + 2e-12, 4), (0, 1e-300, 2e-300, 4),
        (1, 1, 1.0.nextUp, 4), (0, 0, .leastNonzeroMagnitude, 4), (1e300, 1.5e300, 1e308, 4),
        (0, 1, .greatestFiniteMagnitude, 4), (0, 1, 2, 1e-9), (0, 0, 1, 1e3), (0, 1, 1, 1e3),
    ])
    func extremeEstimatesSampleInsideTheirRange(a: Double, m: Double, b: Double, lambda: Double) throws {
        for shape in DurationShape.allCases {
            let model = try DurationModel(shape: shape, optimistic: a, mostLikely: m, pessimistic: b, lambda: lambda)
            let sampler = try DurationSampler(models: [model])
            let upper = model.shape == .lognormal ? Double.infinity : b
            var durations: [Double] = []
            var stream = try RandomStream(seed: 2, stream: 0)
            for iteration: UInt64 in 0..<2000 {
                stream.reseed(seed: 2, stream: iteration)
                sampler.sample(into: &durations, stream: stream)
                #expect(durations[0] >= a && durations[0] <= upper, "\(model)")
                sampler.sampleExact(into: &durations, stream: stream)
                #expect(durations[0] >= a && durations[0] <= upper, "\(model) exact")
            }
            #expect(model.mean >= a && model.mean <= b, "\(model)")
            #expect(model.variance >= 0, "\(model)")
        }
    }

    /// A huge λ concentrates beta-PERT on `m`; GSL may fail to invert it. Either outcome is fine
    /// as long as it is a thrown error or durations inside the range.
    @Test(arguments: [1e6, 1e9, 1e12, 1e15])
    func hugeLambdaThrowsOrWorks(_ lambda: Double) throws {
        let model = try DurationModel(shape: .pert, optimistic: 0, mostLikely: 0.3, pessimistic: 1, lambda: lambda)
        do {
            let sampler = try DurationSampler(models: [model])
            var durations: [Double] = []
            sampler.sample(into: &durations, stream: try RandomStream(seed: 1, stream: 1))
            #expect((0...1).contains(durations[0]))
        } catch {
            #expect(!error.message.isEmpty)
        }
        _ = try? model.quantile(0.5)
    }

    @Test func quantileOutsideTheUnitIntervalThrows() throws {
        let model = try DurationModel(shape: .pert, optimistic: 0, mostLikely: 1, pessimistic: 2)
        for p in [-0.1, 1.1, .nan] {
            #expect(throws: SamplingError.self) { try model.quantile(p) }
        }
    }
}
