import Foundation
import MonteCarlo
import TaskModel

/// What `tasks check --update-baseline` records and `tasks check` compares against: the plan's
/// content hash, the seed, iteration count and version of the estimate, and per model the
/// makespan's P50/P80/P95 and each wave's, each with its Monte Carlo standard error.
public struct Baseline: Sendable, Codable, Equatable {
    public var format: Int
    public var version: String
    public var planHash: String
    public var seed: UInt64
    public var iterations: Int
    public var models: [String: Model]

    /// The format this build writes and reads.
    public static let currentFormat = 1

    /// One model's recorded figures.
    public struct Model: Sendable, Codable, Equatable {
        public var makespan: Quantiles
        /// Wave-based only: each wave's duration (release to barrier).
        public var waves: [Quantiles]
    }

    /// P50/P80/P95 in hours, each with its standard error.
    public struct Quantiles: Sendable, Codable, Equatable {
        public var p50: Figure
        public var p80: Figure
        public var p95: Figure

        init(_ d: DistributionSummary) {
            func f(_ p: Double) -> Figure {
                let q = d.quantile(p)
                return Figure(hours: q?.value ?? d.mean, standardError: q?.standardError ?? 0)
            }
            p50 = f(0.5)
            p80 = f(0.8)
            p95 = f(0.95)
        }

        /// `(name, figure)` in P50, P80, P95 order.
        var named: [(String, Figure)] { [("P50", p50), ("P80", p80), ("P95", p95)] }
    }

    /// One estimated quantile.
    public struct Figure: Sendable, Codable, Equatable {
        public var hours: Double
        public var standardError: Double

        enum CodingKeys: String, CodingKey {
            case hours
            case standardError = "standard_error"
        }
    }

    enum CodingKeys: String, CodingKey {
        case format, version, seed, iterations, models
        case planHash = "plan_hash"
    }

    /// The baseline of `estimate`.
    public init(_ estimate: Estimate, planHash: String, version: String) {
        format = Baseline.currentFormat
        self.version = version
        self.planHash = planHash
        seed = estimate.settings.seed
        iterations = estimate.iterations
        models = Dictionary(uniqueKeysWithValues: estimate.models.map {
            ($0.model.rawValue, Model(makespan: Quantiles($0.makespan), waves: $0.waves.map(Quantiles.init)))
        })
    }

    /// Reads a baseline file.
    /// - Throws: `TasksError` exit 1 when it is missing or not a baseline this build understands.
    public static func read(_ path: String) throws(TasksError) -> Baseline {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TasksError(.invalidArguments, "\(path): baseline not found (run tasks check --update-baseline to record one)")
        }
        let baseline: Baseline
        do { baseline = try JSONDecoder().decode(Baseline.self, from: data) } catch {
            throw TasksError(.invalidArguments, "\(path): not a tasks baseline (\(error))")
        }
        guard baseline.format == currentFormat else {
            throw TasksError(.invalidArguments, "\(path): baseline format \(baseline.format), this build reads \(currentFormat)")
        }
        return baseline
    }
}
