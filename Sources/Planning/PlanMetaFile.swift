import Foundation
import MonteCarlo
import TaskModel

/// `.tasks-meta.json`: what made a plan directory (source, settings, version), a summary for
/// `list-plans` and `show-plan`, and the SHA-256 of every other file, so a changed or truncated
/// artifact is detected without re-planning.
public struct PlanMetaFile: Codable, Sendable, Equatable {
    public static let fileName = ".tasks-meta.json"

    public var generator: String
    public var version: String
    public var timestamp: String
    public var source: PlanSource
    public var settings: Settings
    public var summary: Summary
    /// File name → SHA-256 of its bytes.
    public var files: [String: String]
    /// Set by `archive-plan` in the archived copy's index entry; `nil` in a live plan.
    public var tag: String?

    /// How the plan was computed.
    public struct Settings: Codable, Sendable, Equatable {
        public var iterations: Int
        public var seed: UInt64
        public var minConfidence: Double
        public var maxWaveSize: Int
        public var maxConcurrentTasks: Int
        public var executionModel: String
        public var codebaseAnalyzer: String?

        enum CodingKeys: String, CodingKey {
            case iterations, seed
            case minConfidence = "min_confidence"
            case maxWaveSize = "max_wave_size"
            case maxConcurrentTasks = "max_concurrent_tasks"
            case executionModel = "execution_model"
            case codebaseAnalyzer = "codebase_analyzer"
        }
    }

    /// The figures `list-plans` shows.
    public struct Summary: Codable, Sendable, Equatable {
        public var features: Int
        public var tasks: Int
        public var dependencies: Int
        public var waves: Int
        public var criticalPathHours: Double
        /// Model → P50/P80/P95 of the makespan, hours.
        public var estimates: [String: [String: Double]]

        enum CodingKeys: String, CodingKey {
            case features, tasks, dependencies, waves, estimates
            case criticalPathHours = "critical_path_hours"
        }
    }

    enum CodingKeys: String, CodingKey {
        case generator, version, timestamp, source, settings, summary, files, tag
    }

    /// The version `tasks` stamps into `.tasks-meta.json`.
    public static let toolVersion = "0.1.0"

    init(artifacts a: PlanArtifacts, files: [(name: String, text: String)]) {
        generator = GeneratedInfo.generator
        version = Self.toolVersion
        timestamp = a.timestamp
        source = a.prepared.source
        let wb = a.waves.executionModels.waveBased
        settings = Settings(
            iterations: a.estimate.iterations, seed: a.estimate.settings.seed, minConfidence: a.graph.minConfidence,
            maxWaveSize: wb?.config.maxWaveSize ?? 0,
            maxConcurrentTasks: a.waves.executionModels.rollingFrontier?.config.maxConcurrentTasks ?? 0,
            executionModel: a.decision.chosen.rawValue,
            codebaseAnalyzer: a.document.meta.codebaseAnalysis?.inventory?.analyzer)
        summary = Summary(features: a.prepared.features.features.count, tasks: a.document.tasks.count,
                          dependencies: a.document.dependencies.count, waves: wb?.totalWaves ?? 0,
                          criticalPathHours: a.dag.metrics.criticalPathHours,
                          estimates: PlanCatalog.estimates(a.waves))
        self.files = Dictionary(uniqueKeysWithValues: files.map { ($0.name, ContentHash.of(text: $0.text)) })
        tag = nil
    }

    /// Reads `.tasks-meta.json` from a plan directory; `nil` when absent or unreadable.
    public static func read(directory: String) -> PlanMetaFile? {
        let path = (directory as NSString).appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode(PlanMetaFile.self, from: data)
    }
}
