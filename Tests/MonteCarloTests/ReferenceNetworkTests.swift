import Foundation
import MonteCarlo
import Testing
import TasksTestSupport

/// The quasi-exact answers of `bench/README.md` for `bench/networks/check-*.json` (numerical
/// convolution, error < 0.002 h): S (fixed 2 h) → C1 → C2 → C3 → F (fixed 1 h) and S → P1..P4 → F,
/// with three noise edges the confidence filter must drop.
@Suite("Reference networks (bench/README.md)")
struct ReferenceNetworkTests {
    struct Reference: Sendable, CustomStringConvertible {
        var file: String
        var mean, sd, p50, p80, p95: Double
        /// The README's ±4·SE at 10,000 iterations: mean / P50 / P80 / P95.
        var bound: (mean: Double, p50: Double, p80: Double, p95: Double)
        var description: String { file }
    }

    static let references = [
        Reference(file: "check-a-unconstrained.json", mean: 16.054, sd: 2.233, p50: 15.834, p80: 17.938, p95: 20.060,
                  bound: (0.09, 0.12, 0.15, 0.23)),
        Reference(file: "check-b-serial.json", mean: 44.000, sd: 4.158, p50: 43.833, p80: 47.482, p95: 51.121,
                  bound: (0.17, 0.21, 0.25, 0.39)),
        Reference(file: "check-c-exclusive.json", mean: 31.000, sd: 3.464, p50: 30.824, p80: 33.907, p95: 36.995,
                  bound: (0.14, 0.18, 0.22, 0.33)),
    ]
    /// The README's reference values are rounded to 0.001 h and good to 0.002 h.
    static let referenceError = 0.002

    @Test("rolling frontier at 10,000 iterations: mean/P50/P80/P95 within ±4·SE", arguments: references)
    func rollingFrontier(_ ref: Reference) throws {
        guard let path = benchNetwork(ref.file) else { return skipping(ref.file) }
        let n = 10_000
        let estimate = try engine(path: path).run(settings(iterations: n, models: [.rollingFrontier]))
        let m = try #require(estimate.model(.rollingFrontier)).makespan
        #expect(m.count == n)
        let rows: [(String, Double, Double, Double, Double)] = [
            ("mean", m.mean, m.meanStandardError, ref.mean, ref.bound.mean),
            ("P50", m.q(0.5).value, m.q(0.5).standardError, ref.p50, ref.bound.p50),
            ("P80", m.q(0.8).value, m.q(0.8).standardError, ref.p80, ref.bound.p80),
            ("P95", m.q(0.95).value, m.q(0.95).standardError, ref.p95, ref.bound.p95),
        ]
        for (name, ours, se, exact, readmeBound) in rows {
            let diff = abs(ours - exact)
            print("\(ref.file) \(name): ours \(f4(ours)) ± \(f4(z * se)) (4 SE) vs exact \(exact) ± \(readmeBound)")
            // Both yardsticks: the engine's own SE, and the README's independently computed bound.
            #expect(diff <= z * se + Self.referenceError, "\(ref.file) \(name): \(f4(ours)) vs \(exact), 4 SE = \(f4(z * se))")
            #expect(diff <= readmeBound + Self.referenceError, "\(ref.file) \(name): \(f4(ours)) vs \(exact) ± \(readmeBound)")
        }
        // The engine's SD estimate: SE(s) ≈ σ/√(2N) for these near-normal makespans.
        #expect(abs(m.standardDeviation - ref.sd) <= z * ref.sd / (2 * Double(n)).squareRoot() + Self.referenceError,
                "\(ref.file) sd \(f4(m.standardDeviation)) vs \(ref.sd)")
    }

    @Test("check-d: four fixed 3 h tasks on a pool of 3 take exactly 6 h in every iteration, both models")
    func checkPool() throws {
        guard let path = benchNetwork("check-d-pool.json") else { return skipping("check-d-pool.json") }
        let estimate = try engine(path: path).run(settings(iterations: 10_000, detailedRuns: 50))
        for model in estimate.models {
            let m = model.makespan
            #expect(m.minimum == 6 && m.maximum == 6 && m.mean == 6 && m.standardDeviation == 0, "\(model.model)")
            #expect(m.quantiles.allSatisfy { $0.value == 6 && $0.standardError == 0 }, "\(model.model)")
            #expect(model.mostLikelyHours == 6, "\(model.model)")
        }
    }

    /// check-a declares limits (10 slots, 16 cores, 32 GB) that never bind for its 9 one-core tasks,
    /// so ignoring them changes nothing; check-c's lock serialises P1..P4, so ignoring it must
    /// shorten the plan far beyond Monte Carlo error.
    @Test("ignoreResources: equal on check-a (nothing binds), lower on check-c (the lock binds)")
    func ignoreResources() throws {
        guard let a = benchNetwork("check-a-unconstrained.json"), let c = benchNetwork("check-c-exclusive.json") else {
            return skipping("check-a/check-c")
        }
        let n = 4_000
        for (path, binds) in [(a, false), (c, true)] {
            let mc = try engine(path: path)
            let limited = try #require(try mc.run(settings(iterations: n, models: [.rollingFrontier])).model(.rollingFrontier))
            let free = try #require(try mc.run(settings(iterations: n, models: [.rollingFrontier], ignoreResources: true))
                .model(.rollingFrontier))
            let name = URL(fileURLWithPath: path).lastPathComponent
            // Independent-sample SE of a difference (conservative: the runs share random numbers).
            func se(_ x: Double, _ y: Double) -> Double { (x * x + y * y).squareRoot() }
            let pairs: [(String, Double, Double, Double)] = [
                ("mean", limited.makespan.mean, free.makespan.mean,
                 se(limited.makespan.meanStandardError, free.makespan.meanStandardError)),
            ] + [0.5, 0.8, 0.95].map { p in
                ("P\(Int(p * 100))", limited.makespan.q(p).value, free.makespan.q(p).value,
                 se(limited.makespan.q(p).standardError, free.makespan.q(p).standardError))
            }
            for (what, x, y, s) in pairs {
                if binds {
                    #expect(x - y > z * s, "\(name) \(what): constrained \(f4(x)) should exceed unconstrained \(f4(y)) by > 4 SE (\(f4(z * s)))")
                } else {
                    #expect(abs(x - y) <= z * s, "\(name) \(what): constrained \(f4(x)) vs unconstrained \(f4(y)), 4 SE \(f4(z * s))")
                }
            }
            #expect(free.mostLikelyHours <= limited.mostLikelyHours, "\(name)")
            if !binds {
                // With common random numbers and nothing binding, the two are the same schedule.
                #expect(free.makespan.quantiles == limited.makespan.quantiles, "\(name): CRN makes these identical")
            }
        }
    }
}
