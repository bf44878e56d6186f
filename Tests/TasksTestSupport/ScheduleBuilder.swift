import Foundation
import TaskGraph
import TaskModel

/// Builds small plans for scheduling tests: tasks with durations, demands and hints, edges,
/// resources and machine limits, in a few lines per scenario.
///
///     let graph = try ScheduleBuilder(maxConcurrent: 2)
///         .pool("db", capacity: 3)
///         .task("a", 2, shared: ["db": 1])
///         .task("b", 1, after: ["a"])
///         .graph()
///
/// Every method returns a modified copy, so a base scenario can be varied per test.
public struct ScheduleBuilder: Sendable {
    public var meta: PlanMeta
    public var tasks: [TaskSpec] = []
    public var dependencies: [Dependency] = []

    public init(maxConcurrent: Int? = nil, cpuCores: Double? = nil, memoryGB: Double? = nil, minConfidence: Double = 0.7) {
        meta = PlanMeta(minConfidence: minConfidence,
                        resourceLimits: ResourceLimits(maxConcurrentTasks: maxConcurrent ?? 1_000_000, maxMemoryGB: memoryGB,
                                                       maxCPUCores: cpuCores),
                        codebaseAnalysis: CodebaseAnalysis(sharedResources: [:]))
    }

    /// A task with a fixed duration of `hours`.
    public func task(_ id: String, _ hours: Double, after: [String] = [], cpu: Double? = nil, memoryMB: Double? = nil,
                     exclusive: [String] = [], shared: [String: Int] = [:], priority: TaskPriority? = nil,
                     maxRetries: Int? = nil, failureProbability: Double? = nil, pausable: Bool = false,
                     checkpoint: Bool = false, avoid: [String] = [], capabilities: [String] = []) -> ScheduleBuilder {
        task(id, pert: (hours, hours, hours), after: after, cpu: cpu, memoryMB: memoryMB, exclusive: exclusive,
             shared: shared, priority: priority, maxRetries: maxRetries, failureProbability: failureProbability,
             pausable: pausable, checkpoint: checkpoint, avoid: avoid, capabilities: capabilities)
    }

    /// A task with a three-point estimate in hours.
    public func task(_ id: String, pert: (Double, Double, Double), after: [String] = [], cpu: Double? = nil,
                     memoryMB: Double? = nil, exclusive: [String] = [], shared: [String: Int] = [:],
                     priority: TaskPriority? = nil, maxRetries: Int? = nil, failureProbability: Double? = nil,
                     pausable: Bool = false, checkpoint: Bool = false, avoid: [String] = [],
                     capabilities: [String] = []) -> ScheduleBuilder {
        var spec = TaskSpec(id: id, duration: DurationEstimate(optimistic: pert.0, mostLikely: pert.1, pessimistic: pert.2),
                            durationUnits: .hours)
        if cpu != nil || memoryMB != nil || !exclusive.isEmpty || !shared.isEmpty || !capabilities.isEmpty {
            spec.resourceRequirements = ResourceRequirements(
                estimated: .init(cpuCores: cpu, memoryMB: memoryMB, exclusiveResources: exclusive.isEmpty ? nil : exclusive,
                                 sharedResources: shared.isEmpty ? nil : shared),
                workerCapabilitiesRequired: capabilities.isEmpty ? nil : capabilities)
        }
        if priority != nil || maxRetries != nil || pausable || checkpoint || !avoid.isEmpty {
            var hints = SchedulingHints(priority: priority)
            hints.maxRetries = maxRetries
            hints.canPauseResume = pausable ? true : nil
            hints.checkpointCapable = checkpoint ? true : nil
            hints.avoidConcurrentWith = avoid.isEmpty ? nil : avoid
            spec.schedulingHints = hints
        }
        spec.failureProbability = failureProbability
        var copy = self
        copy.tasks.append(spec)
        for p in after { copy.dependencies.append(Dependency(from: p, to: id)) }
        return copy
    }

    /// The edge `from -> to` with the given confidence and hardness.
    public func edge(_ from: String, _ to: String, confidence: Double = 1, isHard: Bool = true) -> ScheduleBuilder {
        var copy = self
        copy.dependencies.append(Dependency(from: from, to: to, confidence: confidence, isHard: isHard))
        return copy
    }

    public func exclusive(_ name: String) -> ScheduleBuilder {
        declare(name, SharedResource(type: .exclusive))
    }

    public func pool(_ name: String, capacity: Int) -> ScheduleBuilder {
        declare(name, SharedResource(type: .sharedLimited, capacity: capacity))
    }

    /// Sets the plan-wide default `failure_probability`.
    public func failureProbability(_ p: Double) -> ScheduleBuilder {
        var copy = self
        copy.meta.failureProbability = p
        return copy
    }

    private func declare(_ name: String, _ resource: SharedResource) -> ScheduleBuilder {
        var copy = self
        copy.meta.codebaseAnalysis?.sharedResources?[name] = resource
        return copy
    }

    public var document: PlanDocument { PlanDocument(meta: meta, tasks: tasks, dependencies: dependencies) }

    public func graph(name: String = "test/tasks.json") throws(TasksError) -> TaskGraph {
        try TaskGraph(try ResolvedPlan(document, sourceName: name), minConfidence: meta.minConfidence ?? 0.7)
    }
}
