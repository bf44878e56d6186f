import Foundation
import MonteCarlo
import Testing
import TaskModel
import TasksTestSupport

/// Shards of an estimate cover every iteration once, in whole chunks, and merge — also after a
/// JSON round trip, as between processes — into exactly the unsplit estimate.
@Suite("Shard merge")
struct ShardMergeTests {
    @Test("shard ranges tile the iterations in whole chunks", arguments: [1, 2, 3, 7, 40])
    func ranges(_ count: Int) {
        for total in [2, 127, 128, 129, 1_000, 10_000] {
            let ranges = (0..<count).map { EstimateShard.iterations(shard: $0, of: count, total: total, chunkSize: 128) }
            #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == total, "\(total) over \(count)")
            for (a, b) in zip(ranges, ranges.dropFirst()) { #expect(a.upperBound == b.lowerBound) }
            for r in ranges.dropFirst() where !r.isEmpty { #expect(r.lowerBound % 128 == 0, "\(r) starts inside a chunk") }
            let sizes = ranges.map(\.count)
            #expect(sizes.max()! - sizes.min()! <= 128, "uneven split \(sizes)")
        }
    }

    @Test("merged shards equal the unsplit estimate bit for bit", arguments: [1, 3, 5])
    func merge(_ count: Int) throws {
        let mc = try engine(ReproducibilityTests.plan())
        let settings = EstimateSettings(iterations: 600, seed: 5, threads: 2)
        let whole = try mc.run(settings)
        let shards = try (0..<count).reversed().map { k in
            let shard = try mc.runShard(settings, index: k, of: count, planFingerprint: "p")
            return try JSONDecoder().decode(EstimateShard.self, from: JSONEncoder().encode(shard))
        }
        let merged = try mc.merge(shards, settings: settings, planFingerprint: "p")
        ReproducibilityTests.assertIdentical(whole, merged, "\(count) shards")
    }

    @Test("an incomplete or mismatched set of shards is refused with a reason")
    func refusals() throws {
        let mc = try engine(ReproducibilityTests.plan())
        let settings = EstimateSettings(iterations: 300, seed: 5, threads: 1)
        let a = try mc.runShard(settings, index: 0, of: 2, planFingerprint: "p")
        let b = try mc.runShard(settings, index: 1, of: 2, planFingerprint: "p")
        func reason(_ shards: [EstimateShard], seed: UInt64 = 5, plan: String = "p") -> String? {
            var s = settings
            s.seed = seed
            do { _ = try mc.merge(shards, settings: s, planFingerprint: plan); return nil } catch { return error.message }
        }
        #expect(reason([a, b]) == nil)
        #expect(reason([a])?.contains("complete") == true)
        #expect(reason([a, a])?.contains("complete") == true)
        #expect(reason([a, b], seed: 6)?.contains("seed") == true)
        #expect(reason([a, b], plan: "q")?.contains("another plan") == true)
        #expect(throws: TasksError.self) { try mc.runShard(settings, index: 2, of: 2, planFingerprint: "p") }
    }
}
