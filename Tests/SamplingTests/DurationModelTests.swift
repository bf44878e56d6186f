import Sampling
import Testing

@Suite struct DurationModelTests {
    @Test func pertMomentsAreTheClosedForms() throws {
        let model = try DurationModel(shape: .pert, optimistic: 2, mostLikely: 4, pessimistic: 12)
        let (a, m, b) = (2.0, 4.0, 12.0)
        let alpha = 1 + 4 * (m - a) / (b - a), beta = 1 + 4 * (b - m) / (b - a)
        // Rounding only: the formulas are algebraically equal, evaluated in different orders.
        let rounding = 8 * Double.ulpOfOne
        #expect(abs(model.mean - (a + 4 * m + b) / 6) <= rounding * model.mean)
        let variance = (b - a) * (b - a) * alpha * beta / ((alpha + beta) * (alpha + beta) * (alpha + beta + 1))
        #expect(abs(model.variance - variance) <= rounding * variance)
    }

    @Test func lambdaWeighsTheMostLikelyValue() throws {
        let model = try DurationModel(shape: .pert, optimistic: 0, mostLikely: 1, pessimistic: 10, lambda: 8)
        #expect(abs(model.mean - (0 + 8 * 1 + 10) / 10.0) <= 4 * Double.ulpOfOne * model.mean)
    }

    /// The documented fit: the lognormal starts at `a` and has beta-PERT's mean and variance.
    @Test(arguments: [(2.0, 4.0, 12.0, 4.0), (0, 0, 10, 4), (3, 8, 8, 4), (0, 1, 100, 10), (5, 5.5, 6, 0.5)])
    func lognormalFitHasPertMomentsAndStartsAtOptimistic(a: Double, m: Double, b: Double, lambda: Double) throws {
        let lognormal = try DurationModel(shape: .lognormal, optimistic: a, mostLikely: m, pessimistic: b, lambda: lambda)
        let pert = try DurationModel(shape: .pert, optimistic: a, mostLikely: m, pessimistic: b, lambda: lambda)
        // exp/log round trips lose a few ulps of the log, amplified by the log's magnitude.
        let rounding = 64 * Double.ulpOfOne
        #expect(abs(lognormal.mean - pert.mean) <= rounding * pert.mean)
        #expect(abs(lognormal.variance - pert.variance) <= rounding * pert.variance)
        #expect(try lognormal.quantile(0) == a)
        #expect(lognormal.cdf(a) == 0)
        #expect(try lognormal.quantile(1) == .infinity)
    }

    @Test(arguments: Estimate.everyShape)
    func cdfInvertsQuantile(_ estimate: Estimate) throws {
        let model = try estimate.model()
        for p in stride(from: 0.01, through: 0.99, by: 0.01) {
            // GSL's beta inverse converges to about 1e-10 absolute in p; the rest is exact.
            #expect(abs(model.cdf(try model.quantile(p)) - p) <= 1e-9, "p = \(p)")
        }
        #expect(model.cdf(estimate.a - 1) == 0)
    }

    @Test func degenerateEstimateIsFixed() throws {
        let model = try DurationModel(shape: .lognormal, optimistic: 3, mostLikely: 3, pessimistic: 3)
        #expect(model.shape == .fixed)
        #expect(model.mean == 3 && model.variance == 0)
        #expect(try model.quantile(0.3) == 3)
        #expect(model.cdf(2.999) == 0 && model.cdf(3) == 1)
        #expect(try DurationModel.fixed(7).mean == 7)
    }

    @Test func triangularQuantileIsTheExactInverse() throws {
        let model = try DurationModel(shape: .triangular, optimistic: 0, mostLikely: 2, pessimistic: 10)
        // F(m) = (m − a)/(b − a) = 0.2; below it F(x) = x²/((b − a)(m − a)) = x²/20.
        #expect(abs(try model.quantile(0.2) - 2) <= 4 * Double.ulpOfOne * 2)
        #expect(abs(try model.quantile(0.05) - 1) <= 4 * Double.ulpOfOne)
        #expect(abs(model.cdf(1) - 0.05) <= 4 * Double.ulpOfOne)
    }
}
