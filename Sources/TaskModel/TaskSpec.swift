/// One task of a v3 plan (`tasks.json` → `tasks[]`).
public struct TaskSpec: Codable, Sendable, Equatable {
    public var id: String
    public var featureID: String?
    public var title: String?
    public var description: String?
    public var category: String?
    public var boundaries: Boundaries?
    public var executionGuidance: ExecutionGuidance?
    public var resourceRequirements: ResourceRequirements?
    public var schedulingHints: SchedulingHints?
    public var reusesExisting: ReusesExisting?
    public var skillsRequired: [String]?
    public var duration: DurationEstimate?
    public var durationUnits: DurationUnit?
    public var interfacesProduced: [String]?
    public var interfacesConsumed: [String]?
    public var acceptanceChecks: [AcceptanceCheck]?
    public var sourceEvidence: [SourceEvidence]?
    public var contentHash: String?
    /// Extension (NOTES.md): what `tasks execute` runs.
    public var execution: ExecutionSpec?
    /// Extension (NOTES.md): probability that one attempt fails, for simulated faults.
    public var failureProbability: Double?

    public init(id: String, title: String? = nil, duration: DurationEstimate? = nil,
                durationUnits: DurationUnit? = nil) {
        self.id = id
        self.title = title
        self.duration = duration
        self.durationUnits = durationUnits
    }

    enum CodingKeys: String, CodingKey {
        case id, title, description, category, boundaries, duration, durationUnits, skillsRequired, contentHash,
             execution
        case featureID = "feature_id"
        case executionGuidance = "execution_guidance"
        case resourceRequirements = "resource_requirements"
        case schedulingHints = "scheduling_hints"
        case reusesExisting = "reuses_existing"
        case interfacesProduced = "interfaces_produced"
        case interfacesConsumed = "interfaces_consumed"
        case acceptanceChecks = "acceptance_checks"
        case sourceEvidence = "source_evidence"
        case failureProbability = "failure_probability"
    }
}

/// Three-point estimate `optimistic ≤ mostLikely ≤ pessimistic`, in the task's `durationUnits`.
public struct DurationEstimate: Codable, Sendable, Equatable {
    public var optimistic: Double
    public var mostLikely: Double
    public var pessimistic: Double
    /// Extension: `pert` (default), `triangular`, `uniform`, `lognormal`, `fixed`.
    public var distribution: DistributionKind?
    /// Extension: beta-PERT shape λ (default 4).
    public var lambda: Double?

    public init(optimistic: Double, mostLikely: Double, pessimistic: Double, distribution: DistributionKind? = nil,
                lambda: Double? = nil) {
        self.optimistic = optimistic
        self.mostLikely = mostLikely
        self.pessimistic = pessimistic
        self.distribution = distribution
        self.lambda = lambda
    }
}

/// The duration distribution a task's three points describe.
public enum DistributionKind: String, Codable, Sendable, Equatable, CaseIterable {
    case pert, triangular, uniform, lognormal, fixed
}

/// The spec's duration units; `days` are working days (`meta.working_hours_per_day`, default 8).
public enum DurationUnit: String, Codable, Sendable, Equatable, CaseIterable {
    case seconds, minutes, hours, days

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        guard let unit = DurationUnit(spelling: raw) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "unknown duration unit '\(raw)' (seconds, minutes, hours, days)"))
        }
        self = unit
    }

    /// The unit a plan's `durationUnits` names, in any case and the usual abbreviations.
    init?(spelling raw: String) {
        switch raw.lowercased() {
        case "s", "sec", "secs", "second", "seconds": self = .seconds
        case "m", "min", "mins", "minute", "minutes": self = .minutes
        case "h", "hr", "hrs", "hour", "hours": self = .hours
        case "d", "day", "days": self = .days
        default: return nil
        }
    }

    /// Hours in one unit.
    public func hours(workingHoursPerDay: Double) -> Double {
        switch self {
        case .seconds: 1.0 / 3600
        case .minutes: 1.0 / 60
        case .hours: 1
        case .days: workingHoursPerDay
        }
    }
}

/// `boundaries`: complexity, definition of done and scope.
public struct Boundaries: Codable, Sendable, Equatable {
    public var expectedComplexity: ExpectedComplexity?
    public var definitionOfDone: DefinitionOfDone?
    public var scope: Scope?

    public init(expectedComplexity: ExpectedComplexity? = nil, definitionOfDone: DefinitionOfDone? = nil, scope: Scope? = nil) {
        self.expectedComplexity = expectedComplexity
        self.definitionOfDone = definitionOfDone
        self.scope = scope
    }

    enum CodingKeys: String, CodingKey {
        case scope
        case expectedComplexity = "expected_complexity"
        case definitionOfDone = "definition_of_done"
    }

    /// `expected_complexity`: an estimate of the work and its breakdown.
    public struct ExpectedComplexity: Codable, Sendable, Equatable {
        public var value: String?
        public var breakdown: String?
        public init(value: String?, breakdown: String? = nil) {
            self.value = value
            self.breakdown = breakdown
        }
    }

    /// `definition_of_done`: the criteria, and when to stop.
    public struct DefinitionOfDone: Codable, Sendable, Equatable {
        public var criteria: [String]?
        public var stopWhen: String?
        public init(criteria: [String]?, stopWhen: String? = nil) {
            self.criteria = criteria
            self.stopWhen = stopWhen
        }
        enum CodingKeys: String, CodingKey {
            case criteria
            case stopWhen = "stop_when"
        }
    }

    /// `scope`: what the task includes and excludes, and its restrictions.
    public struct Scope: Codable, Sendable, Equatable {
        public var includes: [String]?
        public var excludes: [String]?
        public var restrictions: String?
        public init(includes: [String]?, excludes: [String]? = nil, restrictions: String? = nil) {
            self.includes = includes
            self.excludes = excludes
            self.restrictions = restrictions
        }
    }
}

/// `execution_guidance`: logging, checkpoints and monitoring instructions.
public struct ExecutionGuidance: Codable, Sendable, Equatable {
    public var logging: Logging?
    public var checkpoints: [String]?
    public var monitoring: Monitoring?

    public init(logging: Logging?, checkpoints: [String]? = nil, monitoring: Monitoring? = nil) {
        self.logging = logging
        self.checkpoints = checkpoints
        self.monitoring = monitoring
    }

    /// `logging`: what the task logs on start, progress and completion, and in which format.
    public struct Logging: Codable, Sendable, Equatable {
        public var onStart: String?
        public var onProgress: String?
        public var onCompletion: String?
        public var logFormat: String?
        public init(onStart: String?, onProgress: String?, onCompletion: String?, logFormat: String?) {
            self.onStart = onStart
            self.onProgress = onProgress
            self.onCompletion = onCompletion
            self.logFormat = logFormat
        }
        enum CodingKeys: String, CodingKey {
            case onStart = "on_start"
            case onProgress = "on_progress"
            case onCompletion = "on_completion"
            case logFormat = "log_format"
        }
    }

    /// `monitoring`: heartbeats, progress and resource reporting, and checkpoint events.
    public struct Monitoring: Codable, Sendable, Equatable {
        public var heartbeatIntervalSeconds: Double?
        public var progressReporting: String?
        public var resourceUsageReporting: Bool?
        public var checkpointEvents: [CheckpointEvent]?
        enum CodingKeys: String, CodingKey {
            case heartbeatIntervalSeconds = "heartbeat_interval_seconds"
            case progressReporting = "progress_reporting"
            case resourceUsageReporting = "resource_usage_reporting"
            case checkpointEvents = "checkpoint_events"
        }
    }

    /// One checkpoint event: where it falls, its name, whether it can be rolled back to.
    public struct CheckpointEvent: Codable, Sendable, Equatable {
        public var at: String?
        public var name: String?
        public var rollbackCapable: Bool?
        enum CodingKeys: String, CodingKey {
            case at, name
            case rollbackCapable = "rollback_capable"
        }
    }
}

/// `resource_requirements`: estimated and peak demand, and the worker capabilities needed.
public struct ResourceRequirements: Codable, Sendable, Equatable {
    public var estimated: Demand?
    public var peak: Demand?
    public var workerCapabilitiesRequired: [String]?

    public init(estimated: Demand? = nil, peak: Demand? = nil, workerCapabilitiesRequired: [String]? = nil) {
        self.estimated = estimated
        self.peak = peak
        self.workerCapabilitiesRequired = workerCapabilitiesRequired
    }

    enum CodingKeys: String, CodingKey {
        case estimated, peak
        case workerCapabilitiesRequired = "worker_capabilities_required"
    }

    /// One demand profile (`estimated` or `peak`).
    public struct Demand: Codable, Sendable, Equatable {
        public var cpuCores: Double?
        public var memoryMB: Double?
        public var diskIOMbps: Double?
        public var exclusiveResources: [String]?
        public var sharedResources: [String: Int]?
        public var durationSeconds: Double?
        public var during: String?

        public init(cpuCores: Double? = nil, memoryMB: Double? = nil, exclusiveResources: [String]? = nil,
                    sharedResources: [String: Int]? = nil) {
            self.cpuCores = cpuCores
            self.memoryMB = memoryMB
            self.exclusiveResources = exclusiveResources
            self.sharedResources = sharedResources
        }

        enum CodingKeys: String, CodingKey {
            case during
            case cpuCores = "cpu_cores"
            case memoryMB = "memory_mb"
            case diskIOMbps = "disk_io_mbps"
            case exclusiveResources = "exclusive_resources"
            case sharedResources = "shared_resources"
            case durationSeconds = "duration_seconds"
        }
    }
}

/// `scheduling_hints`: priority, retries, pausing and concurrency preferences.
public struct SchedulingHints: Codable, Sendable, Equatable {
    public var priority: TaskPriority?
    public var preemptible: Bool?
    public var retryOnFailure: Bool?
    public var maxRetries: Int?
    public var preferredTimeWindow: String?
    public var avoidConcurrentWith: [String]?
    public var canPauseResume: Bool?
    public var checkpointCapable: Bool?

    public init(priority: TaskPriority? = nil) { self.priority = priority }

    enum CodingKeys: String, CodingKey {
        case priority, preemptible
        case retryOnFailure = "retry_on_failure"
        case maxRetries = "max_retries"
        case preferredTimeWindow = "preferred_time_window"
        case avoidConcurrentWith = "avoid_concurrent_with"
        case canPauseResume = "can_pause_resume"
        case checkpointCapable = "checkpoint_capable"
    }
}

/// The spec's four priority levels, ordered `low < medium < high < critical`.
public enum TaskPriority: String, Codable, Sendable, Equatable, Comparable, CaseIterable {
    case low, medium, high, critical

    public var rank: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .high: 2
        case .critical: 3
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
}

/// `reuses_existing`: the existing components a task extends or imports.
public struct ReusesExisting: Codable, Sendable, Equatable {
    public var extends: [String]?
    public var imports: [String]?
    public var rationale: String?
}

/// One machine-verifiable acceptance check (`command`, `artifact` or `metric`).
public struct AcceptanceCheck: Codable, Sendable, Equatable {
    public var type: String
    public var cmd: String?
    public var path: String?
    public var name: String?
    public var expect: JSONValue?

    public init(type: String, cmd: String? = nil, path: String? = nil, name: String? = nil, expect: JSONValue? = nil) {
        self.type = type
        self.cmd = cmd
        self.path = path
        self.name = name
        self.expect = expect
    }

    /// True when a machine can decide it: a command to run, a path to test, or a named metric with a bound.
    public var isMachineVerifiable: Bool {
        switch type {
        case "command": !(cmd ?? "").trimmingCharacters(in: .whitespaces).isEmpty
        case "artifact": !(path ?? "").trimmingCharacters(in: .whitespaces).isEmpty
        case "metric": !(name ?? "").isEmpty && expect != nil
        default: false
        }
    }
}

/// A quote from the planning document that justifies a feature, task or dependency.
public struct SourceEvidence: Codable, Sendable, Equatable {
    public var quote: String
    public var loc: Location?
    public var section: String?
    public var startLine: Int?
    public var endLine: Int?

    public init(quote: String, loc: Location? = nil, section: String? = nil, startLine: Int? = nil, endLine: Int? = nil) {
        self.quote = quote
        self.loc = loc
        self.section = section
        self.startLine = startLine
        self.endLine = endLine
    }

    /// Character offsets `[start, end)` of the quote in the document.
    public struct Location: Codable, Sendable, Equatable {
        public var start: Int
        public var end: Int
        public init(start: Int, end: Int) {
            self.start = start
            self.end = end
        }
    }
}

/// Extension (NOTES.md): the command `tasks execute` runs for a task.
public struct ExecutionSpec: Codable, Sendable, Equatable {
    public var command: String?
    public var cwd: String?
    public var env: [String: String]?
    public var timeoutSeconds: Double?

    public init(command: String? = nil, cwd: String? = nil, env: [String: String]? = nil, timeoutSeconds: Double? = nil) {
        self.command = command
        self.cwd = cwd
        self.env = env
        self.timeoutSeconds = timeoutSeconds
    }

    enum CodingKeys: String, CodingKey {
        case command, cwd, env
        case timeoutSeconds = "timeout_seconds"
    }
}
