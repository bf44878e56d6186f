/// The `tasks.json` document of a T.A.S.K.S v3 plan: meta, tasks and dependencies.
///
/// Field names follow the spec exactly (it mixes `snake_case` and `camelCase`). Everything the spec
/// shows is modelled; optional fields stay optional so that plans written by hand, by LLMs or by the
/// benchmark generators (which use a subset) all decode. Defaults are applied when a plan is
/// resolved (`ResolvedPlan`), not here, so that writing a plan back changes nothing it did not say.
public struct PlanDocument: Codable, Sendable, Equatable {
    public var meta: PlanMeta
    public var generated: GeneratedInfo?
    public var tasks: [TaskSpec]
    public var dependencies: [Dependency]
    public var resourceConflicts: [String: ResourceConflict]?

    public init(meta: PlanMeta = PlanMeta(), generated: GeneratedInfo? = nil, tasks: [TaskSpec],
                dependencies: [Dependency], resourceConflicts: [String: ResourceConflict]? = nil) {
        self.meta = meta
        self.generated = generated
        self.tasks = tasks
        self.dependencies = dependencies
        self.resourceConflicts = resourceConflicts
    }

    enum CodingKeys: String, CodingKey {
        case meta, generated, tasks, dependencies
        case resourceConflicts = "resource_conflicts"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        meta = try c.decodeIfPresent(PlanMeta.self, forKey: .meta) ?? PlanMeta()
        generated = try c.decodeIfPresent(GeneratedInfo.self, forKey: .generated)
        tasks = try c.decode([TaskSpec].self, forKey: .tasks)
        dependencies = try c.decodeIfPresent([Dependency].self, forKey: .dependencies) ?? []
        resourceConflicts = try c.decodeIfPresent([String: ResourceConflict].self, forKey: .resourceConflicts)
    }
}

/// The `generated` stamp every artifact carries.
public struct GeneratedInfo: Codable, Sendable, Equatable {
    public var by: String
    public var timestamp: String
    public var contentHash: String

    public init(by: String = GeneratedInfo.generator, timestamp: String, contentHash: String = "") {
        self.by = by
        self.timestamp = timestamp
        self.contentHash = contentHash
    }

    /// What `tasks` writes into `generated.by`.
    public static let generator = "T.A.S.K.S v3"
}

/// `tasks.json` → `meta`: plan-wide settings, limits and the codebase analysis.
public struct PlanMeta: Codable, Sendable, Equatable {
    public var executionModel: String?
    public var minConfidence: Double?
    public var resourceLimits: ResourceLimits?
    public var codebaseAnalysis: CodebaseAnalysis?
    public var autonormalization: Autonormalization?
    /// Extension: hours in a working day, for `durationUnits: days` (default 8).
    public var workingHoursPerDay: Double?
    /// Extension: default `failure_probability` for tasks that give none (default 0).
    public var failureProbability: Double?

    public init(executionModel: String? = nil, minConfidence: Double? = nil, resourceLimits: ResourceLimits? = nil,
                codebaseAnalysis: CodebaseAnalysis? = nil, autonormalization: Autonormalization? = nil,
                workingHoursPerDay: Double? = nil, failureProbability: Double? = nil) {
        self.executionModel = executionModel
        self.minConfidence = minConfidence
        self.resourceLimits = resourceLimits
        self.codebaseAnalysis = codebaseAnalysis
        self.autonormalization = autonormalization
        self.workingHoursPerDay = workingHoursPerDay
        self.failureProbability = failureProbability
    }

    enum CodingKeys: String, CodingKey {
        case executionModel = "execution_model"
        case minConfidence = "min_confidence"
        case resourceLimits = "resource_limits"
        case codebaseAnalysis = "codebase_analysis"
        case autonormalization
        case workingHoursPerDay = "working_hours_per_day"
        case failureProbability = "failure_probability"
    }
}

/// `meta.resource_limits`: what the whole run may use at once.
public struct ResourceLimits: Codable, Sendable, Equatable {
    public var maxConcurrentTasks: Int?
    public var maxMemoryGB: Double?
    public var maxCPUCores: Double?
    public var maxDiskIOMbps: Double?

    public init(maxConcurrentTasks: Int? = nil, maxMemoryGB: Double? = nil, maxCPUCores: Double? = nil,
                maxDiskIOMbps: Double? = nil) {
        self.maxConcurrentTasks = maxConcurrentTasks
        self.maxMemoryGB = maxMemoryGB
        self.maxCPUCores = maxCPUCores
        self.maxDiskIOMbps = maxDiskIOMbps
    }

    enum CodingKeys: String, CodingKey {
        case maxConcurrentTasks = "max_concurrent_tasks"
        case maxMemoryGB = "max_memory_gb"
        case maxCPUCores = "max_cpu_cores"
        case maxDiskIOMbps = "max_disk_io_mbps"
    }
}

/// `meta.codebase_analysis`: what planning found in the code, including the shared resources.
public struct CodebaseAnalysis: Codable, Sendable, Equatable {
    public var existingAPIs: [String]?
    public var reusedComponents: [String]?
    public var extensionPoints: [String]?
    public var sharedResources: [String: SharedResource]?
    /// Extension: the per-language inventory `tasks plan` scanned (`CodebaseInventory`).
    public var inventory: CodebaseInventory?

    public init(existingAPIs: [String]? = nil, reusedComponents: [String]? = nil, extensionPoints: [String]? = nil,
                sharedResources: [String: SharedResource]? = nil, inventory: CodebaseInventory? = nil) {
        self.existingAPIs = existingAPIs
        self.reusedComponents = reusedComponents
        self.extensionPoints = extensionPoints
        self.sharedResources = sharedResources
        self.inventory = inventory
    }

    enum CodingKeys: String, CodingKey {
        case existingAPIs = "existing_apis"
        case reusedComponents = "reused_components"
        case extensionPoints = "extension_points"
        case sharedResources = "shared_resources"
        case inventory
    }
}

/// A shared resource: `exclusive` (one holder) or `shared_limited` (a pool of `capacity` units).
public struct SharedResource: Codable, Sendable, Equatable {
    public var type: ResourceKind
    public var capacity: Int?
    public var location: String?
    public var constraint: String?
    public var reason: String?

    public init(type: ResourceKind, capacity: Int? = nil, location: String? = nil, constraint: String? = nil,
                reason: String? = nil) {
        self.type = type
        self.capacity = capacity
        self.location = location
        self.constraint = constraint
        self.reason = reason
    }

    /// Units available at once: 1 for an exclusive resource, `capacity` (default 1) for a pool.
    public var effectiveCapacity: Int { type == .exclusive ? 1 : max(capacity ?? 1, 0) }
}

/// The two kinds of shared resource the spec defines.
public enum ResourceKind: String, Codable, Sendable, Equatable {
    case exclusive
    case sharedLimited = "shared_limited"
}

/// `meta.autonormalization`: splits and merges applied by the planner.
public struct Autonormalization: Codable, Sendable, Equatable {
    public var split: [String]
    public var merged: [String]

    public init(split: [String] = [], merged: [String] = []) {
        self.split = split
        self.merged = merged
    }
}

/// `resource_conflicts[name]`: how a plan resolves contention on one shared resource.
public struct ResourceConflict: Codable, Sendable, Equatable {
    public var tasks: [String]
    public var resolution: String
    public var suggestedOrder: [String]?
    public var rationale: String?

    public init(tasks: [String], resolution: String, suggestedOrder: [String]? = nil, rationale: String? = nil) {
        self.tasks = tasks
        self.resolution = resolution
        self.suggestedOrder = suggestedOrder
        self.rationale = rationale
    }

    enum CodingKeys: String, CodingKey {
        case tasks, resolution, rationale
        case suggestedOrder = "suggested_order"
    }
}
