import Foundation
import TaskModel

/// One shard's share of a Monte Carlo estimate: the first-pass results of a contiguous run of
/// whole chunks, so shards computed anywhere (other processes, Slurm jobs) merge into exactly the
/// estimate a single run gives — the same chunks in the same order, hence the same sums.
///
/// Shards carry what they were computed with; `merge` refuses shards of another plan, seed,
/// iteration count, chunk size or model set rather than averaging incomparable figures.
public struct EstimateShard: Codable, Sendable {
    public static let formatVersion = 1

    public var formatVersion: Int
    public var index: Int
    public var count: Int
    /// A fingerprint of the plan the shard ran on, chosen by the caller (the plan's content hash).
    public var planFingerprint: String
    public var iterations: Int
    public var seed: UInt64
    public var chunkSize: Int
    public var models: [ExecutionModel]
    public var ignoreResources: Bool
    var chunks: [[MonteCarloEngine.ModelPartial]]

    /// The iterations shard `index` of `count` runs: whole chunks, split as evenly as chunks allow.
    public static func iterations(shard index: Int, of count: Int, total: Int, chunkSize: Int) -> Range<Int> {
        let chunkCount = (total + chunkSize - 1) / chunkSize
        let lo = chunkCount * index / count * chunkSize
        let hi = chunkCount * (index + 1) / count * chunkSize
        return min(lo, total)..<min(hi, total)
    }
}

extension MonteCarloEngine {
    /// Runs shard `index` of `count` of the estimate `settings` describes (first pass only).
    /// - Throws: `TasksError` for a bad shard request or a failed simulation.
    public func runShard(_ settings: EstimateSettings, index: Int, of count: Int, planFingerprint: String)
        throws(TasksError) -> EstimateShard
    {
        guard count >= 1, (0..<count).contains(index) else {
            throw TasksError(.invalidArguments, "shard \(index) of \(count) does not exist")
        }
        guard settings.precisionPercent == nil else {
            throw TasksError(.invalidArguments, "--precision cannot be split into shards: it decides the iterations as it goes")
        }
        let range = EstimateShard.iterations(shard: index, of: count, total: settings.iterations,
                                             chunkSize: settings.chunkSize)
        let chunks = range.isEmpty ? [] : try pass(range, settings)
        return EstimateShard(formatVersion: EstimateShard.formatVersion, index: index, count: count,
                             planFingerprint: planFingerprint, iterations: settings.iterations, seed: settings.seed,
                             chunkSize: settings.chunkSize, models: settings.models,
                             ignoreResources: settings.ignoreResources, chunks: chunks)
    }

    /// Merges every shard of one estimate into the estimate a single `run(settings)` gives.
    /// - Throws: `TasksError` when a shard is missing, repeated, or was computed differently.
    public func merge(_ shards: [EstimateShard], settings: EstimateSettings, planFingerprint: String)
        throws(TasksError) -> Estimate
    {
        let ordered = shards.sorted { $0.index < $1.index }
        guard let count = ordered.first?.count, ordered.map(\.index) == Array(0..<count) else {
            throw TasksError(.invalidArguments, "shards \(ordered.map(\.index)) do not form one complete set")
        }
        for shard in ordered {
            let mismatch: String? =
                shard.formatVersion != EstimateShard.formatVersion ? "format version \(shard.formatVersion)"
                : shard.count != count ? "shard count \(shard.count)"
                : shard.planFingerprint != planFingerprint ? "another plan"
                : shard.iterations != settings.iterations ? "\(shard.iterations) iterations"
                : shard.seed != settings.seed ? "seed \(shard.seed)"
                : shard.chunkSize != settings.chunkSize ? "chunk size \(shard.chunkSize)"
                : shard.models != settings.models ? "models \(shard.models.map(\.rawValue))"
                : shard.ignoreResources != settings.ignoreResources ? "another resource mode" : nil
            if let mismatch {
                throw TasksError(.invalidArguments, "shard \(shard.index) of \(count) was computed with \(mismatch)")
            }
        }
        let partials = ordered.flatMap(\.chunks)
        var models: [ModelEstimate] = []
        for (k, model) in settings.models.enumerated() {
            models.append(try summarize(model, slot: k, partials: partials, total: settings.iterations, settings: settings))
        }
        return Estimate(settings: settings, iterations: settings.iterations, models: models, taskIDs: problem.ids)
    }
}
