import Foundation
import MonteCarlo
import Scheduling
import Testing
import TasksTestSupport

/// What an estimate reports beyond the makespan: precision-driven stopping, criticality and
/// sensitivity, wave summaries, the bounded detailed subsample.
@Suite("Estimate reports")
struct EstimateReportTests {
    /// check-a's shape, built in code: S → C1 → C2 → C3 → F and S → P1..P4 → F.
    static func checkA() -> ScheduleBuilder {
        ScheduleBuilder()
            .task("S", 2)
            .task("C1", pert: (2, 4, 12), after: ["S"])
            .task("C2", pert: (3, 5, 7), after: ["C1"])
            .task("C3", pert: (1, 2, 9), after: ["C2"])
            .task("P1", pert: (4, 6, 14), after: ["S"])
            .task("P2", pert: (4, 6, 14), after: ["S"])
            .task("P3", pert: (4, 6, 14), after: ["S"])
            .task("P4", pert: (4, 6, 14), after: ["S"])
            .task("F", 1, after: ["C3", "P1", "P2", "P3", "P4"])
    }

    /// 1.96·SE(P80) ≤ precision% · P80: the engine's stopping rule, from the reported SE.
    static func isPrecise(_ m: DistributionSummary, percent: Double) -> Bool {
        1.96 * m.q(0.8).standardError <= percent / 100 * m.q(0.8).value
    }

    @Test("precision 1 %: stops once the P80 half-width is ≤ 1 % of P80, after doubling past the start count")
    func precisionMode() throws {
        let mc = try engine(Self.checkA())
        let start = 200
        let estimate = try mc.run(settings(iterations: start, precisionPercent: 1))
        #expect(estimate.iterations > start, "200 iterations cannot pin P80 to 1 %; the engine should have run more")
        // Doubling: start · 2^k.
        let k = log2(Double(estimate.iterations) / Double(start))
        #expect(k == k.rounded(), "\(estimate.iterations) is not 200·2^k")
        for model in estimate.models {
            #expect(model.makespan.count == estimate.iterations)
            let m = model.makespan
            #expect(Self.isPrecise(m, percent: 1),
                    "\(model.model): 1.96·SE(P80) = \(f4(1.96 * m.q(0.8).standardError)) > 1 % of \(f4(m.q(0.8).value))")
        }
        // It stopped at the first sufficient count: iteration i always draws stream i, so a plain run
        // of half as many iterations is exactly what the engine saw before its last doubling.
        let before = try mc.run(settings(iterations: estimate.iterations / 2))
        #expect(!before.models.allSatisfy { Self.isPrecise($0.makespan, percent: 1) },
                "\(estimate.iterations / 2) iterations were already precise enough; the engine ran too many")
    }

    @Test("precision mode does not add iterations when the start count suffices, and respects maxIterations")
    func precisionLimits() throws {
        let fixed = try engine(ScheduleBuilder().task("a", 2).task("b", 3, after: ["a"]))
        #expect(try fixed.run(settings(iterations: 100, precisionPercent: 1)).iterations == 100)
        let noisy = try engine(Self.checkA())
        let capped = try noisy.run(settings(iterations: 100, precisionPercent: 0.01, maxIterations: 700))
        #expect(capped.iterations == 700, "doubling 100 → 200 → 400 → 700 (capped)")
        #expect(capped.models.allSatisfy { $0.makespan.count == 700 })
    }

    /// A chain of three tasks of ≥ 10 h each beside one task of ≤ 3 h: the chain is always
    /// critical, the short task never. The middle link is much wider than the others, so it drives
    /// the makespan's variation.
    static func chainAndShort() -> ScheduleBuilder {
        ScheduleBuilder()
            .task("A", pert: (10, 11, 13))
            .task("B", pert: (10, 15, 40), after: ["A"])
            .task("C", pert: (10, 11, 12), after: ["B"])
            .task("short", pert: (1, 2, 3))
    }

    @Test("criticality: the long chain ≈ 1, the short task ≈ 0; the widest chain task is the most sensitive")
    func criticalityAndSensitivity() throws {
        let mc = try engine(Self.chainAndShort())
        let runs = 300
        let estimate = try mc.run(settings(iterations: 1_000, detailedRuns: runs))
        let ids = estimate.taskIDs
        let index = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        let (a, b, c, short) = (index["A"]!, index["B"]!, index["C"]!, index["short"]!)
        for model in estimate.models {
            let crit = model.criticality, sens = model.sensitivity
            #expect(crit.count == ids.count && sens.count == ids.count, "\(model.model)")
            guard crit.count == ids.count, sens.count == ids.count else { continue }
            // The supports do not overlap (chain ≥ 30 h, short ≤ 3 h), so these are exact.
            for t in [a, b, c] { #expect(crit[t] == 1, "\(model.model) \(ids[t]): \(crit[t])") }
            #expect(crit[short] == 0, "\(model.model) short: \(crit[short])")
            // Spearman's ρ of an independent series has SE ≈ 1/√(runs − 1).
            let rhoSE = 1 / Double(runs - 1).squareRoot()
            #expect(sens[b] > z * rhoSE, "\(model.model): sensitivity of B \(f4(sens[b]))")
            for t in [a, c, short] { #expect(sens[t] < sens[b], "\(model.model) \(ids[t]) \(f4(sens[t])) vs B \(f4(sens[b]))") }
            #expect(abs(sens[short]) <= z * rhoSE, "\(model.model): short \(f4(sens[short]))")
        }
    }

    /// Three layers of four tasks under full barriers (`layersOnly`): every iteration's makespan is
    /// the sum of its wave durations.
    static func threeWaves(fixed: Bool) -> ScheduleBuilder {
        var b = ScheduleBuilder()
        let shapes: [(Double, Double, Double)] = [(2, 4, 12), (3, 5, 7), (1, 2, 9), (4, 6, 14)]
        for w in 0..<3 {
            for i in 0..<4 {
                let (lo, m, hi) = shapes[(i + w) % 4]
                b = b.task("w\(w)t\(i)", pert: fixed ? (m, m, m) : (lo, m, hi), after: w == 0 ? [] : (0..<4).map { "w\(w - 1)t\($0)" })
            }
        }
        return b
    }

    @Test("wave summaries: each wave's P50 ≤ the total's; total quantiles are not sums of wave quantiles unless deterministic",
          arguments: [false, true])
    func waveSummaries(ignoreResources: Bool) throws {
        let ps = [0.05, 0.5, 0.8, 0.95]
        let estimate = try engine(Self.threeWaves(fixed: false))
            .run(settings(iterations: 2_000, models: [.waveBased], quantiles: ps, ignoreResources: ignoreResources))
        let model = try #require(estimate.model(.waveBased))
        let total = model.makespan
        #expect(model.waves.count == 3)
        for (w, wave) in model.waves.enumerated() {
            #expect(wave.count == total.count, "wave \(w)")
            #expect(wave.q(0.5).value <= total.q(0.5).value, "wave \(w) P50 \(f4(wave.q(0.5).value)) > total \(f4(total.q(0.5).value))")
            #expect(wave.maximum <= total.maximum && wave.standardDeviation > 0, "wave \(w)")
        }
        // Means add exactly (makespan = Σ wave durations in every iteration); quantiles do not: the
        // waves are independent, so the upper tail of the sum is thinner than the sum of the tails
        // and the lower tail fatter.
        let waveMeans = model.waves.map(\.mean).reduce(0, +)
        #expect(abs(total.mean - waveMeans) <= 1e-12 * total.mean * Double(total.count), "mean \(total.mean) vs Σ \(waveMeans)")
        for (p, upper) in [(0.95, true), (0.05, false)] {
            let sum = model.waves.map { $0.q(p).value }.reduce(0, +)
            let se = (model.waves.map { $0.q(p).standardError * $0.q(p).standardError }.reduce(0, +)
                + total.q(p).standardError * total.q(p).standardError).squareRoot()
            let gap = upper ? sum - total.q(p).value : total.q(p).value - sum
            #expect(gap > z * se, "P\(Int(p * 100)): total \(f4(total.q(p).value)) vs Σ waves \(f4(sum)), 4 SE \(f4(z * se))")
        }

        let deterministic = try engine(Self.threeWaves(fixed: true))
            .run(settings(iterations: 50, models: [.waveBased], quantiles: ps, ignoreResources: ignoreResources))
        let d = try #require(deterministic.model(.waveBased))
        for p in ps {
            #expect(d.makespan.q(p).value == d.waves.map { $0.q(p).value }.reduce(0, +), "fixed plan P\(Int(p * 100))")
        }
    }

    /// The detail pass replays a fixed number of runs whatever the iteration count, so memory for
    /// traces stays flat as iterations grow. Measuring RSS in-process is too noisy at test sizes
    /// (10⁴ makespans are 80 KB), so this checks the bound itself: criticality is a count over
    /// exactly `detailedRuns` replays.
    @Test("the detailed subsample is exactly detailedRuns replays, however many iterations ran")
    func detailedRunsBound() throws {
        let mc = try engine(Self.checkA())
        let runs = 40
        for iterations in [100, 3_000] {
            let estimate = try mc.run(settings(iterations: iterations, detailedRuns: runs))
            for model in estimate.models {
                for c in model.criticality {
                    let count = c * Double(runs)
                    #expect(abs(count - count.rounded()) < 1e-9, "\(model.model): criticality \(c) is not k/\(runs)")
                }
                #expect(model.criticality.contains { $0 > 0 && $0 < 1 }, "\(model.model): checkA's C chain and P tasks trade places")
            }
        }
        // Fewer than 3 detailed runs: no detail at all, rather than a meaningless correlation.
        let none = try mc.run(settings(iterations: 100, detailedRuns: 0))
        #expect(none.models.allSatisfy { $0.criticality.isEmpty && $0.sensitivity.isEmpty })
    }
}
