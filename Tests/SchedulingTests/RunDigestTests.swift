import Scheduling
import Simulation
import TaskModel
import TasksTestSupport
import Testing

/// Monte Carlo's traced replays read a `RunDigest` instead of building a `RunTrace`; the two must
/// tell the same story, or criticality and contention would change with the shortcut.
@Suite struct RunDigestTests {
    /// Durations scaled at random and rounded to half hours, so that many tasks finish at the same
    /// instant and the chain has ties to resolve.
    static func durations(_ p: SchedulingProblem, _ rng: inout SplitMix64) -> [Double] {
        p.durations(.mostLikely).map { ($0 * Double.random(in: 0.5...1.5, using: &rng) * 2).rounded() / 2 + 0.5 }
    }

    static func check<P: SchedulingPolicy>(_ sim: inout Simulator<P>, _ p: SchedulingProblem, _ d: [Double],
                                           _ label: String) throws {
        var faults = NoFaults()
        let digest = try sim.digest(durations: d, faults: &faults)
        let trace = try #require(try sim.run(durations: d).trace)
        #expect(!digest.criticalChain.isEmpty, "\(label)")
        #expect(digest.criticalChain.map { p.ids[Int($0)] } == trace.criticalChain.map(\.task), "\(label)")
        #expect(digest.resources == trace.resources, "\(label)")
        #expect(digest.makespanHours == trace.makespanHours, "\(label)")
    }

    @Test("a run's digest has its trace's critical chain, contention and makespan, in both models",
          arguments: ["webapp/tasks.json", "ci-pipeline.yaml"])
    func matchesTrace(_ scenario: String) throws {
        let p = try loadProblem(Fixtures.scenarios.appendingPathComponent(scenario).path)
        var rng = SplitMix64(seed: 21)
        for i in 0..<25 {
            let d = Self.durations(p, &rng)
            var frontier = Simulator(rollingFrontier: p)
            try Self.check(&frontier, p, d, "\(scenario) rolling frontier, run \(i)")
            var waves = Simulator(waves: p)
            try Self.check(&waves, p, d, "\(scenario) waves, run \(i)")
        }
    }
}
