import Sampling
import Testing

/// The table against GSL's exact inverse CDFs, deterministically: no sampling noise here.
@Suite struct QuantileTableTests {
    /// Probabilities dense through the middle and out to 10⁻¹² in both tails, past the table's
    /// last node (2⁻¹⁷) into the exact tail path.
    static let probabilities: [Double] = {
        var p = stride(from: 0.0, through: 1.0, by: 1.0 / 4999).map { $0 }
        var decade = 1.0
        for _ in 1...12 {
            decade /= 10
            for scale in [1.0, 2.5, 5.0] { p += [scale * decade, 1 - scale * decade] }
        }
        return p + [0x1p-17, 0x1p-17.nextDown, 1 - 0x1p-17, 0.5, 0.5.nextDown]
    }()

    /// The accuracy target: every quantile within 10⁻³ of the range (b − a). Past `b`, where the
    /// unbounded lognormal goes on growing, the yardstick is the quantile's own distance from `a`.
    @Test(arguments: Estimate.everyShape)
    func tableQuantilesMatchGSLInverse(_ estimate: Estimate) throws {
        let model = try estimate.model()
        let sampler = try DurationSampler(models: [model])
        for p in Self.probabilities {
            let exact = try model.quantile(p), table = sampler.tableQuantile(task: 0, p)
            guard exact.isFinite else {  // the lognormal at p = 1
                #expect(table == exact)
                continue
            }
            let yardstick = max(estimate.b - estimate.a, exact - estimate.a)
            #expect(abs(table - exact) <= 1e-3 * yardstick, "p = \(p)")
        }
    }

    /// The accuracy target for the mean: within 10⁻³ of the exact mean, relatively.
    @Test(arguments: Estimate.everyShape)
    func tableMeanMatchesExactMean(_ estimate: Estimate) throws {
        let model = try estimate.model()
        let sampler = try DurationSampler(models: [model])
        let tableMean = integrateQuantile { sampler.tableQuantile(task: 0, $0) }
        #expect(abs(tableMean - model.mean) <= 1e-3 * model.mean)
    }

    @Test(arguments: [64, 256, 2048])
    func everyResolutionMeetsTheTarget(_ resolution: Int) throws {
        let model = try DurationModel(shape: .pert, optimistic: 0, mostLikely: 0, pessimistic: 1)
        let sampler = try DurationSampler(models: [model], resolution: resolution)
        let worst = try Self.probabilities.map { abs(sampler.tableQuantile(task: 0, $0) - (try model.quantile($0))) }.max()!
        // 64 intervals (2 per octave) is below the target; it is allowed for callers who trade accuracy for cache.
        if resolution >= 256 { #expect(worst <= 1e-3) }
        #expect(worst <= 1e-2)
    }

    @Test(arguments: [0, 31, 48, 500, 4096 * 32 * 2])
    func resolutionMustBe32TimesAPowerOfTwo(_ resolution: Int) throws {
        let model = try DurationModel(shape: .pert, optimistic: 0, mostLikely: 1, pessimistic: 2)
        #expect(throws: SamplingError.self) { try DurationSampler(models: [model], resolution: resolution) }
    }

    @Test func tasksEqualUpToLocationAndScaleShareATable() throws {
        let models = try [
            DurationModel(shape: .pert, optimistic: 2, mostLikely: 4, pessimistic: 10),
            DurationModel(shape: .pert, optimistic: 4, mostLikely: 8, pessimistic: 20),
            DurationModel(shape: .pert, optimistic: 0, mostLikely: 2, pessimistic: 8),
            DurationModel(shape: .pert, optimistic: 0, mostLikely: 2, pessimistic: 8, lambda: 3),
            DurationModel(shape: .lognormal, optimistic: 2, mostLikely: 4, pessimistic: 10),
            DurationModel(shape: .lognormal, optimistic: 1, mostLikely: 5, pessimistic: 17),
            DurationModel(shape: .uniform, optimistic: 1, mostLikely: 2, pessimistic: 3),
            DurationModel(shape: .uniform, optimistic: 5, mostLikely: 9, pessimistic: 30),
            DurationModel.fixed(3),
        ]
        let sampler = try DurationSampler(models: models)
        #expect(sampler.tableCount == 4)  // PERT λ=4 at 1/4, PERT λ=3, lognormal, uniform
        #expect(sampler.drawsPerSample == 8)
    }
}
