import Foundation
import Yams

/// The compact YAML scenario format for people: one file with limits, resources and tasks written
/// as `pert: [a, m, b]`, `after: [...]`, requirements and an optional command. It converts 1:1 to
/// a v3 `tasks.json`; each key maps to exactly one v3 field (README, "Scenario format").
public enum YAMLScenario {
    static func plan(from text: String, name: String) throws(TasksError) -> LoadedPlan {
        let scenario: Scenario
        do {
            scenario = try YAMLDecoder().decode(Scenario.self, from: text)
        } catch let error as DecodingError {
            throw TasksError(.invalidPlan, "\(name): \(DecodingErrorText.describe(error, format: "YAML"))")
        } catch {
            let line = DecodingErrorText.firstLine("\(error)")
            throw TasksError(.invalidPlan, "\(name): malformed YAML (\(line))")
        }
        let document = try scenario.document(name: name)
        return LoadedPlan(document: document, sourceName: name)
    }

    struct Scenario: Decodable {
        var name: String?
        var description: String?
        var units: DurationUnit?
        var executionModel: String?
        var minConfidence: Double?
        var limits: ResourceLimits?
        var resources: [String: SharedResource]?
        var tasks: [Task]

        enum CodingKeys: String, CodingKey {
            case name, description, units, limits, resources, tasks
            case executionModel = "execution_model"
            case minConfidence = "min_confidence"
        }

        func document(name file: String) throws(TasksError) -> PlanDocument {
            let meta = PlanMeta(executionModel: executionModel, minConfidence: minConfidence, resourceLimits: limits,
                                codebaseAnalysis: CodebaseAnalysis(existingAPIs: [], reusedComponents: [], extensionPoints: [],
                                                                   sharedResources: resources ?? [:]))
            var specs: [TaskSpec] = []
            var edges: [Dependency] = []
            for (i, task) in tasks.enumerated() {
                specs.append(try task.spec(defaultUnits: units, file: file, index: i))
                for ref in task.after ?? [] {
                    edges.append(Dependency(from: ref.task, to: task.id, type: ref.type ?? .technical, reason: ref.reason,
                                            confidence: ref.confidence ?? 1.0, isHard: ref.hard ?? true))
                }
            }
            return PlanDocument(meta: meta, tasks: specs, dependencies: edges)
        }
    }

    struct Task: Decodable {
        var id: String
        var title: String?
        var feature: String?
        var description: String?
        var pert: [Double]?
        var distribution: DistributionKind?
        var units: DurationUnit?
        var after: [AfterRef]?
        var cpu: Double?
        var memoryMB: Double?
        var exclusive: [String]?
        var shared: [String: Int]?
        var capabilities: [String]?
        var priority: TaskPriority?
        var command: String?
        var cwd: String?
        var env: [String: String]?
        var timeoutSeconds: Double?
        var maxRetries: Int?
        var checkpointCapable: Bool?
        var canPauseResume: Bool?
        var failureProbability: Double?
        var avoid: [String]?
        var complexity: String?
        var done: [String]?
        var scope: [String]?
        var checks: [String]?

        enum CodingKeys: String, CodingKey {
            case id, title, feature, description, pert, distribution, units, after, cpu, exclusive, shared, capabilities,
                 priority, command, cwd, env, avoid, complexity, done, scope, checks
            case memoryMB = "memory_mb"
            case timeoutSeconds = "timeout_seconds"
            case maxRetries = "max_retries"
            case checkpointCapable = "checkpoint_capable"
            case canPauseResume = "can_pause_resume"
            case failureProbability = "failure_probability"
        }

        func spec(defaultUnits: DurationUnit?, file: String, index: Int) throws(TasksError) -> TaskSpec {
            var spec = TaskSpec(id: id, title: title)
            spec.featureID = feature
            spec.description = description
            if let pert {
                switch pert.count {
                case 1: spec.duration = DurationEstimate(optimistic: pert[0], mostLikely: pert[0], pessimistic: pert[0],
                                                        distribution: distribution)
                case 3: spec.duration = DurationEstimate(optimistic: pert[0], mostLikely: pert[1], pessimistic: pert[2],
                                                        distribution: distribution)
                default:
                    throw TasksError(.invalidPlan, "\(file): task \(id): pert takes [a, m, b] or [fixed], got \(pert.count) numbers")
                }
                spec.durationUnits = units ?? defaultUnits ?? .hours
            }
            let demand = ResourceRequirements.Demand(cpuCores: cpu, memoryMB: memoryMB, exclusiveResources: exclusive,
                                                     sharedResources: shared)
            if cpu != nil || memoryMB != nil || exclusive != nil || shared != nil || capabilities != nil {
                spec.resourceRequirements = ResourceRequirements(estimated: demand, workerCapabilitiesRequired: capabilities)
            }
            if priority != nil || maxRetries != nil || checkpointCapable != nil || canPauseResume != nil || avoid != nil {
                var hints = SchedulingHints(priority: priority)
                hints.maxRetries = maxRetries
                hints.retryOnFailure = maxRetries.map { $0 > 0 }
                hints.checkpointCapable = checkpointCapable
                hints.canPauseResume = canPauseResume
                hints.avoidConcurrentWith = avoid
                spec.schedulingHints = hints
            }
            if command != nil || cwd != nil || env != nil || timeoutSeconds != nil {
                spec.execution = ExecutionSpec(command: command, cwd: cwd, env: env, timeoutSeconds: timeoutSeconds)
                // The executor writes these events itself (README, "Logs"); the guidance says so.
                spec.executionGuidance = ExecutionGuidance(logging: .init(
                    onStart: "tasks execute logs a start event to logs/tasks/\(id).log",
                    onProgress: "TASKS_CHECKPOINT lines on stdout are logged as checkpoint events",
                    onCompletion: "tasks execute logs the exit status and duration to logs/tasks/\(id).log",
                    logFormat: "JSON with fields: {task_id, timestamp, event, metrics, errors}"))
            }
            spec.failureProbability = failureProbability
            if complexity != nil || done != nil || scope != nil {
                spec.boundaries = Boundaries(
                    expectedComplexity: complexity.map { .init(value: $0) },
                    definitionOfDone: done.map { .init(criteria: $0) },
                    scope: scope.map { .init(includes: $0) })
            }
            if let checks {
                spec.acceptanceChecks = checks.map { AcceptanceCheck(type: "command", cmd: $0) }
            }
            return spec
        }
    }

    /// An `after:` entry: a bare task id, or `{task, type, confidence, hard, reason}`.
    struct AfterRef: Decodable {
        var task: String
        var type: DependencyType?
        var confidence: Double?
        var hard: Bool?
        var reason: String?

        enum CodingKeys: String, CodingKey { case task, type, confidence, hard, reason }

        init(from decoder: any Decoder) throws {
            if let id = try? decoder.singleValueContainer().decode(String.self) {
                task = id
                return
            }
            let c = try decoder.container(keyedBy: CodingKeys.self)
            task = try c.decode(String.self, forKey: .task)
            type = try c.decodeIfPresent(DependencyType.self, forKey: .type)
            confidence = try c.decodeIfPresent(Double.self, forKey: .confidence)
            hard = try c.decodeIfPresent(Bool.self, forKey: .hard)
            reason = try c.decodeIfPresent(String.self, forKey: .reason)
        }
    }
}

extension Boundaries.ExpectedComplexity {
    public init(value: String?) { self.value = value; self.breakdown = nil }
}

extension Boundaries.DefinitionOfDone {
    public init(criteria: [String]?) { self.criteria = criteria; self.stopWhen = nil }
}

extension Boundaries.Scope {
    public init(includes: [String]?) { self.includes = includes; self.excludes = nil; self.restrictions = nil }
}

extension ExecutionGuidance {
    public init(logging: Logging?) { self.logging = logging; self.checkpoints = nil; self.monitoring = nil }
}
