import Foundation
import MonteCarlo
import Scheduling
import Testing
import TasksTestSupport

/// net-300 (300 tasks, 621 kept edges, 10 slots, 16 cores, 32 GB, a lock and a pool of 3) against
/// the Python peers on independent random streams: our estimate and theirs must agree within
/// 4 standard errors of the difference, √(SE_ours² + SE_peer²).
///
/// Peer figures: `python3 bench/peers/rcsim_heapq.py bench/networks/net-300.json -k 10000 --seed 1
/// [--scheduler waves]` and `python3 bench/peers/cpm_numpy.py … [--model waves]` (resources
/// ignored), with `--dump`; their quantile SEs are the Maritz–Jarrett estimates of those dumps
/// (the estimator the engine reports), their mean SEs s/√10000. The waves are the peers' barrier
/// model, `WaveConfiguration.layersOnly`.
///
/// The default run uses 2,000 iterations unconstrained and 400 constrained, to stay cheap in a debug
/// build (the bounds widen accordingly, to about 1 % of the makespan); set
/// `TASKS_MC_PEER_ITERATIONS=10000` for the full-size comparison (the figures are printed).
@Suite("Cross-check with the Python peers on net-300")
struct PeerCrossCheckTests {
    struct Peer: Sendable, CustomStringConvertible {
        var name: String
        var model: ExecutionModel
        var ignoreResources: Bool
        /// (value, SE) for the mean, P50, P80, P95.
        var mean, p50, p80, p95: (Double, Double)
        var description: String { name }
    }

    static let peers = [
        Peer(name: "heapq rolling", model: .rollingFrontier, ignoreResources: false,
             mean: (251.6578, 0.0963), p50: (251.0480, 0.1058), p80: (259.5887, 0.1567), p95: (268.4579, 0.2539)),
        Peer(name: "heapq waves", model: .waveBased, ignoreResources: false,
             mean: (368.5245, 0.1359), p50: (367.9925, 0.1960), p80: (379.9561, 0.2056), p95: (391.6952, 0.2858)),
        Peer(name: "numpy cpm", model: .rollingFrontier, ignoreResources: true,
             mean: (186.9888, 0.1004), p50: (186.3961, 0.1241), p80: (195.2787, 0.1613), p95: (204.4074, 0.2397)),
        Peer(name: "numpy waves", model: .waveBased, ignoreResources: true,
             mean: (308.7361, 0.1494), p50: (308.2599, 0.1693), p80: (321.3154, 0.2678), p95: (334.2958, 0.3772)),
    ]

    /// Resource-constrained simulation is the expensive part in a debug build (its invariant
    /// checks are on), so by default it runs fewer iterations than the unconstrained forward pass.
    static func iterations(ignoreResources: Bool) -> Int {
        ProcessInfo.processInfo.environment["TASKS_MC_PEER_ITERATIONS"].flatMap(Int.init) ?? (ignoreResources ? 2_000 : 400)
    }

    @Test("net-300: P50/P80/P95 and mean of both models agree with the peers within 4 SE of the difference",
          arguments: [false, true])
    func net300(ignoreResources: Bool) throws {
        guard let path = benchNetwork("net-300.json") else { return skipping("net-300.json") }
        let mc = try engine(path: path, waves: .layersOnly)
        let n = Self.iterations(ignoreResources: ignoreResources)
        let estimate = try mc.run(settings(iterations: n, ignoreResources: ignoreResources))
        for peer in Self.peers where peer.ignoreResources == ignoreResources {
            let m = try #require(estimate.model(peer.model)).makespan
            let rows: [(String, Double, Double, (Double, Double))] = [
                ("mean", m.mean, m.meanStandardError, peer.mean),
                ("P50", m.q(0.5).value, m.q(0.5).standardError, peer.p50),
                ("P80", m.q(0.8).value, m.q(0.8).standardError, peer.p80),
                ("P95", m.q(0.95).value, m.q(0.95).standardError, peer.p95),
            ]
            for (what, ours, se, (theirs, theirSE)) in rows {
                let bound = z * (se * se + theirSE * theirSE).squareRoot()
                print("net-300 \(peer.model.rawValue)\(ignoreResources ? " (resources ignored)" : "") \(what): ours \(f4(ours)) ± \(f4(se)) [N=\(n)] vs \(peer.name) \(f4(theirs)) ± \(f4(theirSE)); |Δ| = \(f4(abs(ours - theirs))) ≤ \(f4(bound))?")
                #expect(abs(ours - theirs) <= bound,
                        "\(peer.name) \(what): ours \(f4(ours)) vs \(f4(theirs)), 4 SE of the difference \(f4(bound))")
            }
        }
    }
}
