import Foundation
import MonteCarlo
import TaskModel

/// The choices a `tasks plan` run applies to a draft, each already resolved from its flag,
/// `TASKS_*` variable or default by the CLI.
public struct PlanningChoices: Sendable {
    public var minConfidence: Double
    /// The execution model asked for; `nil` lets the measured estimate decide.
    public var executionModel: ExecutionModel?
    /// Who asked for `executionModel` (`--execution-model`, `TASKS_EXECUTION_MODEL`, the draft).
    public var executionModelOrigin: String?
    /// `--max-concurrent`, when given: written to `meta.resource_limits.max_concurrent_tasks`.
    public var maxConcurrent: Int?

    public init(minConfidence: Double, executionModel: ExecutionModel?, executionModelOrigin: String? = nil, maxConcurrent: Int?) {
        self.minConfidence = minConfidence
        self.executionModel = executionModel
        self.executionModelOrigin = executionModelOrigin
        self.maxConcurrent = maxConcurrent
    }
}

/// Where a draft came from, for `.tasks-meta.json`, Plan.md and Decisions.md.
public struct PlanSource: Codable, Sendable, Equatable {
    /// `plan-doc`, `from`, or `planner-cmd`.
    public var kind: String
    /// The path as given (`-` for stdin), or the description for a planner command.
    public var name: String
    /// SHA-256 of the input text.
    public var sha256: String

    public init(kind: String, name: String, sha256: String) {
        self.kind = kind
        self.name = name
        self.sha256 = sha256
    }
}

/// A draft after normalisation and codebase analysis: the plan `tasks plan` schedules and writes.
public struct PreparedPlan: Sendable {
    public var loaded: LoadedPlan
    public var features: FeaturesDocument
    public var normalization: Normalizer.Result
    public var source: PlanSource
    public var choices: PlanningChoices
    /// The draft's `tasks.json` as read, when it was JSON: fields `tasks` does not model are copied
    /// from it into the written plan (NOTES.md: unknown fields pass through).
    public var draftJSON: JSONValue?

    /// Normalises `draft`, merges the codebase analysis into `meta.codebase_analysis` (the
    /// draft's own entries win), and applies the choices to `meta`.
    public init(draft: LoadedPlan, analysis: CodebaseAnalysis, source: PlanSource, choices: PlanningChoices) {
        let result = Normalizer.normalize(draft.document, features: draft.features)
        var document = result.document
        document.meta.minConfidence = choices.minConfidence
        if let model = choices.executionModel { document.meta.executionModel = model.rawValue }
        if let concurrent = choices.maxConcurrent {
            var limits = document.meta.resourceLimits ?? ResourceLimits()
            limits.maxConcurrentTasks = concurrent
            document.meta.resourceLimits = limits
        }
        document.meta.codebaseAnalysis = Self.merged(document.meta.codebaseAnalysis, analysis)
        var loaded = draft
        loaded.document = document
        draftJSON = draft.rawText == nil ? nil : try? draft.rawJSON()
        loaded.rawText = nil
        self.loaded = loaded
        self.features = result.features ?? Self.features(of: document)
        self.normalization = result
        self.source = source
        self.choices = choices
    }

    static func merged(_ own: CodebaseAnalysis?, _ scanned: CodebaseAnalysis) -> CodebaseAnalysis {
        guard var out = own else { return scanned }
        func union(_ a: [String]?, _ b: [String]?) -> [String]? {
            let all = (a ?? []) + (b ?? []).filter { !(a ?? []).contains($0) }
            return all.isEmpty ? nil : all
        }
        out.existingAPIs = union(out.existingAPIs, scanned.existingAPIs)
        out.reusedComponents = union(out.reusedComponents, scanned.reusedComponents)
        out.extensionPoints = union(out.extensionPoints, scanned.extensionPoints)
        var resources = out.sharedResources ?? [:]
        for (name, r) in scanned.sharedResources ?? [:] where resources[name] == nil { resources[name] = r }
        out.sharedResources = resources
        out.inventory = scanned.inventory
        return out
    }

    /// Features for a draft that brought none: one per `feature_id`, titled from it, with the
    /// evidence of its first task.
    static func features(of document: PlanDocument) -> FeaturesDocument {
        var order: [String] = []
        var byID: [String: [TaskSpec]] = [:]
        for task in document.tasks {
            let id = task.featureID ?? "F001"
            if byID[id] == nil { order.append(id) }
            byID[id, default: []].append(task)
        }
        return FeaturesDocument(features: order.map { id in
            let tasks = byID[id]!
            return FeaturesDocument.Feature(
                id: id, title: tasks.count == 1 ? (tasks[0].title ?? id) : "\(id): \(tasks[0].title ?? id) and \(tasks.count - 1) more",
                description: "Tasks \(tasks.map(\.id).prefix(5).joined(separator: ", "))\(tasks.count > 5 ? ", …" : "")",
                priority: tasks.compactMap { $0.schedulingHints?.priority }.max(),
                sourceEvidence: tasks.first { $0.sourceEvidence != nil }?.sourceEvidence.map { Array($0.prefix(1)) })
        })
    }
}
