import Foundation
import TaskGraph
import TaskModel

/// Builds small plans in code: tasks with three-point estimates, edges with a type, confidence
/// and hardness, shared resources and resolutions.
///
/// Every method returns a modified copy, so a base plan can be extended in several directions:
///
///     let base = PlanBuilder().task("a", 1, 2, 3).task("b", 2, 3, 5).edge("a", "b")
///     let graph = try base.edge("b", "a", confidence: 0.75).graph()
///
/// With `complete: true` every task and edge also carries what the spec's validation rules ask
/// for (boundaries, logging, a machine-verifiable check, source evidence, edge evidence, a
/// codebase analysis), so one rule at a time can be broken on purpose.
public struct PlanBuilder: Sendable {
    public var meta: PlanMeta
    public var tasks: [TaskSpec] = []
    public var dependencies: [Dependency] = []
    public var resourceConflicts: [String: ResourceConflict]?
    public var complete: Bool

    public init(complete: Bool = false, minConfidence: Double? = nil) {
        self.complete = complete
        self.meta = PlanMeta(minConfidence: minConfidence)
        if complete {
            meta.codebaseAnalysis = CodebaseAnalysis(existingAPIs: ["ExistingService"], reusedComponents: ["Logger"],
                                                     extensionPoints: [], sharedResources: [:])
        }
    }

    // MARK: - Tasks

    /// A task with the estimate `(a, m, b)` in `units` (hours when nil).
    public func task(_ id: String, _ a: Double, _ m: Double, _ b: Double, title: String? = nil,
                     units: DurationUnit? = nil, distribution: DistributionKind? = nil,
                     exclusive: [String]? = nil, shared: [String: Int]? = nil) -> PlanBuilder {
        var spec = TaskSpec(id: id, title: title ?? (complete ? "Implement \(id)" : nil),
                            duration: DurationEstimate(optimistic: a, mostLikely: m, pessimistic: b,
                                                       distribution: distribution),
                            durationUnits: units)
        if exclusive != nil || shared != nil {
            spec.resourceRequirements = ResourceRequirements(
                estimated: .init(exclusiveResources: exclusive, sharedResources: shared))
        }
        if complete { PlanBuilder.makeComplete(&spec) }
        var copy = self
        copy.tasks.append(spec)
        return copy
    }

    /// A task with a fixed duration of `hours`.
    public func task(_ id: String, fixed hours: Double, title: String? = nil, exclusive: [String]? = nil,
                     shared: [String: Int]? = nil) -> PlanBuilder {
        task(id, hours, hours, hours, title: title, exclusive: exclusive, shared: shared)
    }

    /// A task without a duration estimate.
    public func unestimated(_ id: String, title: String? = nil) -> PlanBuilder {
        var spec = TaskSpec(id: id, title: title ?? (complete ? "Implement \(id)" : nil))
        if complete { PlanBuilder.makeComplete(&spec) }
        var copy = self
        copy.tasks.append(spec)
        return copy
    }

    /// Applies `change` to the task `id` (which must exist).
    public func modifyingTask(_ id: String, _ change: (inout TaskSpec) -> Void) -> PlanBuilder {
        var copy = self
        guard let i = copy.tasks.firstIndex(where: { $0.id == id }) else { preconditionFailure("no task \(id)") }
        change(&copy.tasks[i])
        return copy
    }

    // MARK: - Edges

    /// The edge `from -> to`.
    public func edge(_ from: String, _ to: String, type: DependencyType = .technical, confidence: Double = 1,
                     isHard: Bool = true, resource: String? = nil) -> PlanBuilder {
        var edge = Dependency(from: from, to: to, type: type, confidence: confidence, isHard: isHard,
                              sharedResource: resource)
        if complete {
            edge.reason = "\(to) builds on \(from)"
            edge.evidence = [DependencyEvidence(type: "doc", reason: "the spec orders \(from) before \(to)",
                                                confidence: confidence)]
        }
        var copy = self
        copy.dependencies.append(edge)
        return copy
    }

    /// Edges `ids[0] -> ids[1] -> …`.
    public func chain(_ ids: String..., type: DependencyType = .technical, confidence: Double = 1) -> PlanBuilder {
        var copy = self
        for (a, b) in zip(ids, ids.dropFirst()) { copy = copy.edge(a, b, type: type, confidence: confidence) }
        return copy
    }

    // MARK: - Resources and meta

    /// Declares an exclusive shared resource.
    public func exclusiveResource(_ name: String) -> PlanBuilder {
        declaring(name, SharedResource(type: .exclusive, reason: "test resource"))
    }

    /// Declares a `shared_limited` pool of `capacity` units.
    public func pool(_ name: String, capacity: Int) -> PlanBuilder {
        declaring(name, SharedResource(type: .sharedLimited, capacity: capacity, reason: "test pool"))
    }

    private func declaring(_ name: String, _ resource: SharedResource) -> PlanBuilder {
        var copy = self
        var analysis = copy.meta.codebaseAnalysis ?? CodebaseAnalysis(sharedResources: [:])
        analysis.sharedResources = (analysis.sharedResources ?? [:]).merging([name: resource]) { $1 }
        copy.meta.codebaseAnalysis = analysis
        return copy
    }

    /// Records a resolution for contention on `resource`.
    public func conflict(_ resource: String, tasks: [String], resolution: String = "sequential_ordering") -> PlanBuilder {
        var copy = self
        copy.resourceConflicts = (copy.resourceConflicts ?? [:]).merging(
            [resource: ResourceConflict(tasks: tasks, resolution: resolution, suggestedOrder: tasks)]) { $1 }
        return copy
    }

    /// Sets `meta.working_hours_per_day`.
    public func workingHoursPerDay(_ hours: Double) -> PlanBuilder {
        var copy = self
        copy.meta.workingHoursPerDay = hours
        return copy
    }

    // MARK: - Products

    public var document: PlanDocument {
        PlanDocument(meta: meta, tasks: tasks, dependencies: dependencies, resourceConflicts: resourceConflicts)
    }

    /// The plan as `PlanLoader` would return it for a file called `name`.
    public func loaded(name: String = "builder/tasks.json") -> LoadedPlan {
        LoadedPlan(document: document, sourceName: name)
    }

    public func resolved(name: String = "builder/tasks.json") throws(TasksError) -> ResolvedPlan {
        try ResolvedPlan(document, sourceName: name)
    }

    public func graph(minConfidence: Double = 0.7, name: String = "builder/tasks.json") throws(TasksError) -> TaskGraph {
        try TaskGraph(try resolved(name: name), minConfidence: minConfidence)
    }

    public func dag(minConfidence: Double = 0.7, timestamp: String = "2024-01-01T00:00:00Z") throws(TasksError)
        -> DagDocument
    {
        DagReport.document(for: try graph(minConfidence: minConfidence), timestamp: timestamp)
    }

    public func validate(minConfidence: Double = 0.7) throws(TasksError) -> PlanValidator.Report {
        try PlanValidator.validate(loaded(), minConfidence: minConfidence, timestamp: "2024-01-01T00:00:00Z")
    }

    /// The plan as `tasks.json` text.
    public func jsonText() throws(TasksError) -> String { try ArtifactWriter.jsonText(document) }

    // MARK: - Helpers

    static func makeComplete(_ spec: inout TaskSpec) {
        let id = spec.id
        spec.boundaries = Boundaries(
            expectedComplexity: .init(value: "~50 LoC"),
            definitionOfDone: .init(criteria: ["\(id) is done"]),
            scope: .init(includes: ["src/\(id)/**"]))
        spec.executionGuidance = ExecutionGuidance(logging: .init(
            onStart: "log start of \(id)", onProgress: "log progress of \(id)",
            onCompletion: "log completion of \(id)", logFormat: "JSON"))
        spec.acceptanceChecks = [AcceptanceCheck(type: "command", cmd: "test -f out/\(id)")]
        spec.sourceEvidence = [SourceEvidence(quote: "The team needs \(id).", section: "Overview")]
    }
}
