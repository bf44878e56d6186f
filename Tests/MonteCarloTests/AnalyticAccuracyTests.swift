import CGSL
import Foundation
import MonteCarlo
import Scheduling
import Simulation
import Testing
import TasksTestSupport

/// The engine against answers known in closed form (`research/peers.md` §6): chains add means,
/// maxima of iid tasks invert `F(x)ⁿ`, fixed plans have no spread.
@Suite("Monte Carlo estimates against closed forms")
struct AnalyticAccuracyTests {
    /// Skewed both ways, symmetric, and one with its mode on a bound (α = 1).
    static let chain = [Pert(2, 4, 12), Pert(3, 5, 7), Pert(1, 2, 9), Pert(6, 6, 10), Pert(0.5, 3, 4)]

    static func chainPlan() -> ScheduleBuilder {
        var b = ScheduleBuilder()
        for (i, d) in chain.enumerated() {
            b = b.task("c\(i)", pert: (d.a, d.m, d.b), after: i == 0 ? [] : ["c\(i - 1)"])
        }
        return b
    }

    @Test("a chain's mean makespan is the sum of the beta-PERT means, within 4 SE", arguments: [false, true])
    func chainMean(ignoreResources: Bool) throws {
        let n = 4_000
        let estimate = try engine(Self.chainPlan()).run(settings(iterations: n, ignoreResources: ignoreResources))
        let expectedMean = Self.chain.map(\.mean).reduce(0, +)
        let expectedSD = Self.chain.map(\.variance).reduce(0, +).squareRoot()
        for model in estimate.models {
            let m = model.makespan
            #expect(m.count == n)
            // Every layer of a chain holds one task, so the wave model must agree with the frontier.
            #expect(abs(m.mean - expectedMean) <= z * m.meanStandardError,
                    "\(model.model): mean \(f4(m.mean)) vs Σ(a+4m+b)/6 = \(f4(expectedMean)), SE \(f4(m.meanStandardError))")
            // The SE of a sample SD is ≈ σ·√((κ − 1)/(4N)); for these near-normal sums κ ≈ 3,
            // so σ/√(2N) is the scale.
            let sdError = expectedSD / (2 * Double(n)).squareRoot()
            #expect(abs(m.standardDeviation - expectedSD) <= z * sdError,
                    "\(model.model): sd \(f4(m.standardDeviation)) vs √Σvar = \(f4(expectedSD))")
        }
    }

    /// n iid tasks in parallel, nothing shared: `P(T ≤ x) = F(x)ⁿ`, so `q_p = F⁻¹(p^{1/n})`.
    @Test("n parallel iid tasks: quantiles match F⁻¹(q^{1/n}) from gsl_cdf_beta_Pinv within 4 SE",
          arguments: [(4, Pert(4, 6, 14)), (9, Pert(1, 2, 9)), (1, Pert(3, 5, 7))])
    func parallelMaximum(_ n: Int, _ d: Pert) throws {
        var b = ScheduleBuilder()
        for i in 0..<n { b = b.task("p\(i)", pert: (d.a, d.m, d.b)) }
        let iterations = 4_000
        let ps = [0.05, 0.2, 0.5, 0.8, 0.95]
        for ignore in [false, true] {
            let estimate = try engine(b).run(settings(iterations: iterations, quantiles: ps, ignoreResources: ignore))
            for model in estimate.models {
                for p in ps {
                    let q = model.makespan.q(p)
                    let u = pow(p, 1 / Double(n))
                    let exact = d.quantile(u)
                    #expect(q.standardError > 0)
                    #expect(abs(q.value - exact) <= z * q.standardError,
                            "\(model.model) ignore=\(ignore) n=\(n) P\(Int(p * 100)): \(f4(q.value)) vs F⁻¹(\(f4(u))) = \(f4(exact)), SE \(f4(q.standardError))")
                    // The tolerance is only as good as the reported SE: check it against the
                    // asymptotic √(p(1 − p)/N)/g(q) with g = n·Fⁿ⁻¹·f the density of the maximum.
                    // The Maritz–Jarrett estimate is itself noisy, so allow it a factor of 1.5 either
                    // way; an SE that is wrong by construction (√N off, a missing density) is not.
                    let g = Double(n) * pow(d.cdf(exact), Double(n - 1)) * d.density(exact)
                    let asymptotic = (p * (1 - p) / Double(iterations)).squareRoot() / g
                    #expect(q.standardError / asymptotic > 1 / 1.5 && q.standardError / asymptotic < 1.5,
                            "\(model.model) n=\(n) P\(Int(p * 100)): reported SE \(f4(q.standardError)) vs asymptotic \(f4(asymptotic))")
                }
            }
        }
    }

    static func fixedPlan() -> ScheduleBuilder {
        ScheduleBuilder(maxConcurrent: 2, cpuCores: 4)
            .pool("db", capacity: 1)
            .task("a", 3, cpu: 1)
            .task("b", 2, cpu: 2, shared: ["db": 1])
            .task("c", 4, cpu: 1, shared: ["db": 1])
            .task("d", 1.5, after: ["a"], cpu: 1)
            .task("e", 2.5, after: ["b", "d"], cpu: 1)
            .task("f", 1, after: ["c"], cpu: 3)
    }

    @Test("a fixed-duration plan has no spread and the most-likely makespan, in both models")
    func fixedDurations() throws {
        let mc = try engine(Self.fixedPlan())
        let estimate = try mc.run(settings(iterations: 300, quantiles: [0.05, 0.5, 0.8, 0.95, 0.99], detailedRuns: 20))
        let hours = mc.problem.durations(.mostLikely)
        var frontier = Simulator(rollingFrontier: mc.problem)
        var waves = Simulator(waves: mc.problem, configuration: .layersOnly)
        let deterministic: [ExecutionModel: Double] = [
            .rollingFrontier: try frontier.makespan(durations: hours), .waveBased: try waves.makespan(durations: hours),
        ]
        for model in estimate.models {
            let m = model.makespan
            let expected = try #require(deterministic[model.model])
            #expect(model.mostLikelyHours == expected, "\(model.model)")
            #expect(m.standardDeviation == 0, "\(model.model)")
            #expect(m.minimum == expected && m.maximum == expected && m.mean == expected, "\(model.model)")
            for q in m.quantiles {
                #expect(q.value == expected && q.standardError == 0, "\(model.model) P\(q.p)")
            }
            for (w, wave) in model.waves.enumerated() {
                #expect(wave.standardDeviation == 0 && wave.minimum == wave.maximum, "\(model.model) wave \(w)")
            }
            // Durations never vary, so neither does anything they would correlate with.
            #expect(model.sensitivity.allSatisfy { $0 == 0 }, "\(model.model)")
        }
    }

    @Test("mostLikelyHours is the simulation with most-likely durations, also for a PERT plan")
    func mostLikelyMatchesSimulation() throws {
        let mc = try engine(Self.chainPlan().task("x", pert: (1, 9, 20)).task("y", pert: (2, 3, 4), after: ["x", "c1"]))
        let estimate = try mc.run(settings(iterations: 50))
        let hours = mc.problem.durations(.mostLikely)
        var frontier = Simulator(rollingFrontier: mc.problem)
        var waves = Simulator(waves: mc.problem, configuration: .layersOnly)
        #expect(estimate.model(.rollingFrontier)?.mostLikelyHours == (try frontier.makespan(durations: hours)))
        #expect(estimate.model(.waveBased)?.mostLikelyHours == (try waves.makespan(durations: hours)))
    }
}
