import Foundation
import Scheduling
import Simulation
import TaskModel
import Testing

/// The scheduling core against the peer reference (`bench/peers/listsched.py`, run by
/// `rcsim_heapq`): same networks, same durations, same makespan to the last bit, for both models.
/// The expected values come from `scripts/peer-reference.py`; duration vector k is defined there
/// and in `vector(_:_:)` below, computed with the same operations in the same order.
@Suite("Agreement with the peer reference")
struct PeerAgreementTests {
    static let reference: [String: (rolling: [Double], waves: [Double])] = [
        "check-a-unconstrained.json": (rolling: [14.0, 18.554175279993274, 24.108350559986548, 21.66252583997982],
                                       waves: [16.0, 27.636214604986968, 30.272429209973936, 26.367624152464057]),
        "check-b-serial.json": (rolling: [38.0, 55.24301235496595, 61.4860247099319, 59.729037064897845],
                                waves: [38.0, 55.24301235496595, 61.4860247099319, 59.729037064897845]),
        "check-c-exclusive.json": (rolling: [27.0, 39.688837074972675, 40.37767414994535, 41.066511224918024],
                                   waves: [34.0, 50.88233257996805, 54.7646651599361, 50.64699773990415]),
        "check-d-pool.json": (rolling: [6.0, 6.0, 6.0, 6.0], waves: [6.0, 6.0, 6.0, 6.0]),
        "net-30.json": (rolling: [44.5, 67.4434522374275, 61.886904474854965, 70.1977543128195],
                        waves: [66.5, 77.64366556796216, 82.4073710385355, 91.8132427487187]),
        "net-300.json": (rolling: [220.5, 318.9921601981272, 307.5229062916484, 306.20522982283154],
                         waves: [309.0, 486.03976547224204, 492.45763777010677, 471.68529325326335]),
        "net-3000.json": (rolling: [1782.5, 2543.9420207163885, 2519.8598864768974, 2449.006111757238],
                          waves: [2250.5, 3161.5692220696596, 3172.889049750899, 3116.237582716286]),
    ]

    /// k = 0: most likely; k ≥ 1: a + (b − a) · frac((i + 1) · φ · k).
    static func vector(_ p: SchedulingProblem, _ k: Int) -> [Double] {
        if k == 0 { return p.durations(.mostLikely) }
        return (0..<p.taskCount).map { i in
            let d = p.graph.plan.durations[i]
            let u = (Double(i + 1) * 0.6180339887498949 * Double(k)).truncatingRemainder(dividingBy: 1)
            return d.optimistic + (d.pessimistic - d.optimistic) * u
        }
    }

    static var networks: URL? { sharedDirectory?.appendingPathComponent("bench/networks") }

    @Test("rolling frontier and waves match the peers run by run", arguments: reference.keys.sorted())
    func agreement(_ name: String) throws {
        guard let dir = Self.networks else {
            print("skipped: ../shared/bench/networks not found (the peer networks live beside the package)")
            return
        }
        let p = try loadProblem(dir.appendingPathComponent(name).path)
        let expected = try #require(Self.reference[name])
        var frontier = Simulator(rollingFrontier: p)
        var waves = Simulator(waves: p, configuration: .layersOnly)
        for k in 0..<4 {
            let d = Self.vector(p, k)
            #expect(try frontier.makespan(durations: d) == expected.rolling[k], "\(name) rolling, vector \(k)")
            #expect(try waves.makespan(durations: d) == expected.waves[k], "\(name) waves, vector \(k)")
        }
    }

    @Test("check-d: four 3 h tasks on a pool of 3 take exactly 6 h")
    func checkPool() throws {
        guard let dir = Self.networks else { return }
        let p = try loadProblem(dir.appendingPathComponent("check-d-pool.json").path)
        var sim = Simulator(rollingFrontier: p)
        #expect(try sim.makespan(durations: p.durations(.mostLikely)) == 6)
    }

    @Test("check-b: a serial plan takes the sum of its most likely durations")
    func checkSerial() throws {
        guard let dir = Self.networks else { return }
        let p = try loadProblem(dir.appendingPathComponent("check-b-serial.json").path)
        var sim = Simulator(rollingFrontier: p)
        let d = p.durations(.mostLikely)
        #expect(try sim.makespan(durations: d) == d.reduce(0, +))
    }

    /// The makespan-only path reuses every buffer: the same simulator gives the same answers in
    /// any order, and the same as a fresh one; a traced run agrees with an untraced one.
    @Test("a reused simulator is as good as a fresh one")
    func reuse() throws {
        guard let dir = Self.networks else { return }
        let p = try loadProblem(dir.appendingPathComponent("net-300.json").path)
        var reused = Simulator(rollingFrontier: p)
        let vectors = (0..<4).map { Self.vector(p, $0) }
        let first = try vectors.map { try reused.makespan(durations: $0) }
        let again = try vectors.reversed().map { try reused.makespan(durations: $0) }
        #expect(first == Array(again.reversed()))
        for (k, d) in vectors.enumerated() {
            var fresh = Simulator(rollingFrontier: p)
            let traced = try fresh.run(durations: d, trace: .full)
            #expect(traced.makespanHours == first[k])
            #expect(traced.outcome.succeeded)
        }
    }
}
