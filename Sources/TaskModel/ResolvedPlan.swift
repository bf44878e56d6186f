/// A plan whose tasks have dense indices and whose durations are in hours: what the graph, the
/// schedulers and the Monte Carlo engine read.
///
/// Resolving checks the structure every later step relies on and throws one `TasksError` (exit 5)
/// naming the file and the task or edge: an empty plan, empty or duplicate ids, dependencies on
/// unknown tasks, confidences outside [0, 1], durations that are negative, not finite, or not
/// ordered `optimistic ≤ mostLikely ≤ pessimistic`. A degenerate estimate (a = m = b) is a fixed
/// duration, not an error. Tasks without an estimate get the median estimate of the others (a
/// warning says which); a plan where no task has one cannot be simulated and is rejected here.
public struct ResolvedPlan: Sendable {
    public let document: PlanDocument
    public let sourceName: String
    /// Task ids by dense index, in file order.
    public let ids: [String]
    public let indexByID: [String: Int]
    /// Durations in hours, by task index.
    public let durations: [ThreePointHours]
    /// Whether the task carried its own estimate (false: the median was filled in).
    public let hasEstimate: [Bool]
    /// Shared resources by name, sorted by name.
    public let resources: [ResourceDefinition]
    /// Non-fatal observations made while resolving.
    public let warnings: [String]

    public var taskCount: Int { ids.count }

    /// The most units of one pool a task may ask for; more is a typo, not a plan.
    public static let maxUnits = 1_000_000

    public init(_ document: PlanDocument, sourceName: String) throws(TasksError) {
        self.document = document
        self.sourceName = sourceName
        func fail(_ message: String) -> TasksError { TasksError(.invalidPlan, "\(sourceName): \(message)") }
        guard !document.tasks.isEmpty else { throw fail("the plan has no tasks") }

        var ids: [String] = []
        var index: [String: Int] = [:]
        ids.reserveCapacity(document.tasks.count)
        index.reserveCapacity(document.tasks.count)
        for (i, task) in document.tasks.enumerated() {
            guard !task.id.trimmingWhitespace.isEmpty else {
                throw fail("tasks[\(i)]: empty task id")
            }
            // Ids appear in one-line messages and in file names (logs/tasks/<id>.log).
            guard !task.id.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw fail("tasks[\(i)]: task id contains a control character")
            }
            guard index[task.id] == nil else { throw fail("duplicate task id \(task.id)") }
            index[task.id] = i
            ids.append(task.id)
        }
        for (k, edge) in document.dependencies.enumerated() {
            for end in [edge.from, edge.to] where index[end] == nil {
                throw fail("dependency \(edge.label) (dependencies[\(k)]) names unknown task \(end)")
            }
            guard edge.confidence.isFinite, (0...1).contains(edge.confidence) else {
                throw fail("dependency \(edge.label): confidence \(edge.confidence) is outside 0...1")
            }
        }

        for task in document.tasks {
            let demand = task.resourceRequirements?.estimated
            for (name, units) in demand?.sharedResources ?? [:] where units < 0 || units > ResolvedPlan.maxUnits {
                throw fail("task \(task.id): \(units) units of \(name) is outside 0...\(ResolvedPlan.maxUnits)")
            }
            for (name, value) in [("cpu_cores", demand?.cpuCores), ("memory_mb", demand?.memoryMB)] {
                if let v = value, !(v.isFinite && v >= 0) { throw fail("task \(task.id): \(name) \(v) must be a non-negative number") }
            }
        }

        let hoursPerDay = document.meta.workingHoursPerDay ?? 8
        guard hoursPerDay.isFinite, hoursPerDay > 0, hoursPerDay <= 24 else {
            throw fail("meta.working_hours_per_day must be in (0, 24], got \(hoursPerDay)")
        }
        var durations: [ThreePointHours?] = []
        durations.reserveCapacity(ids.count)
        for task in document.tasks {
            durations.append(try ResolvedPlan.hours(of: task, hoursPerDay: hoursPerDay, file: sourceName))
        }
        let estimated = durations.compactMap { $0 }
        guard !estimated.isEmpty else { throw fail("no task has a duration estimate") }
        var warnings: [String] = []
        let missing = ids.indices.filter { durations[$0] == nil }
        var filled = durations.map { $0 ?? estimated[0] }
        if !missing.isEmpty {
            let median = ThreePointHours.median(of: estimated)
            for i in missing { filled[i] = median }
            let named = missing.prefix(5).map { ids[$0] }.joined(separator: ", ")
            warnings.append("\(sourceName): \(missing.count) task(s) without a duration estimate use the median "
                + "estimate \(median.label) (\(named)\(missing.count > 5 ? ", …" : ""))")
        }

        var resources: [ResourceDefinition] = []
        for (name, def) in (document.meta.codebaseAnalysis?.sharedResources ?? [:]).sorted(by: { $0.key < $1.key }) {
            if def.type == .sharedLimited, let c = def.capacity, c < 1 {
                throw fail("shared resource \(name): capacity must be at least 1, got \(c)")
            }
            resources.append(ResourceDefinition(name: name, kind: def.type, capacity: def.effectiveCapacity))
        }

        self.ids = ids
        self.indexByID = index
        self.durations = filled
        self.hasEstimate = durations.map { $0 != nil }
        self.resources = resources
        self.warnings = warnings
    }

    /// The task at dense index `i`.
    public func task(_ i: Int) -> TaskSpec { document.tasks[i] }

    static func hours(of task: TaskSpec, hoursPerDay: Double, file: String) throws(TasksError) -> ThreePointHours? {
        guard let d = task.duration else { return nil }
        func fail(_ message: String) -> TasksError { TasksError(.invalidPlan, "\(file): task \(task.id): \(message)") }
        for (name, v) in [("optimistic", d.optimistic), ("mostLikely", d.mostLikely), ("pessimistic", d.pessimistic)] {
            guard v.isFinite else { throw fail("duration \(name) is not a finite number") }
            guard v >= 0 else { throw fail("duration \(name) is negative (\(v))") }
        }
        guard d.optimistic <= d.mostLikely else {
            throw fail("duration optimistic \(d.optimistic) > mostLikely \(d.mostLikely)")
        }
        guard d.mostLikely <= d.pessimistic else {
            throw fail("duration mostLikely \(d.mostLikely) > pessimistic \(d.pessimistic)")
        }
        let lambda = d.lambda ?? 4
        guard lambda.isFinite, lambda > 0 else { throw fail("duration lambda must be positive, got \(lambda)") }
        let unit = (task.durationUnits ?? .hours).hours(workingHoursPerDay: hoursPerDay)
        let a = d.optimistic * unit, m = d.mostLikely * unit, b = d.pessimistic * unit
        // One week of years is as long as any plan can meaningfully run; beyond it the sampler's
        // tables and the simulator's clock lose precision.
        guard b <= 1e7 else { throw fail("duration pessimistic \(d.pessimistic) \(task.durationUnits ?? .hours) is implausibly large") }
        let kind: DistributionKind = (a == b) ? .fixed : (d.distribution ?? .pert)
        return ThreePointHours(optimistic: a, mostLikely: m, pessimistic: b, distribution: kind, lambda: lambda)
    }
}

/// A three-point estimate in hours with its distribution.
public struct ThreePointHours: Sendable, Equatable {
    public var optimistic: Double
    public var mostLikely: Double
    public var pessimistic: Double
    public var distribution: DistributionKind
    public var lambda: Double

    public init(optimistic: Double, mostLikely: Double, pessimistic: Double, distribution: DistributionKind = .pert,
                lambda: Double = 4) {
        self.optimistic = optimistic
        self.mostLikely = mostLikely
        self.pessimistic = pessimistic
        self.distribution = optimistic == pessimistic ? .fixed : distribution
        self.lambda = lambda
    }

    /// The distribution's mean; for beta-PERT `(a + λm + b) / (λ + 2)`.
    public var mean: Double {
        let a = optimistic, m = mostLikely, b = pessimistic
        switch distribution {
        case .fixed: return m
        case .pert: return (a + lambda * m + b) / (lambda + 2)
        case .triangular: return (a + m + b) / 3
        case .uniform: return (a + b) / 2
        case .lognormal: return (a + lambda * m + b) / (lambda + 2)  // fitted to the PERT moments
        }
    }

    var label: String { "\(optimistic)/\(mostLikely)/\(pessimistic)h" }

    static func median(of estimates: [ThreePointHours]) -> ThreePointHours {
        func mid(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        let m = mid(estimates.map(\.mostLikely))
        let a = min(mid(estimates.map(\.optimistic)), m)
        let b = max(mid(estimates.map(\.pessimistic)), m)
        return ThreePointHours(optimistic: a, mostLikely: m, pessimistic: b)
    }
}

/// A shared resource resolved to a capacity: 1 for exclusive, the pool size for `shared_limited`.
public struct ResourceDefinition: Sendable, Equatable {
    public var name: String
    public var kind: ResourceKind
    public var capacity: Int

    public init(name: String, kind: ResourceKind, capacity: Int) {
        self.name = name
        self.kind = kind
        self.capacity = capacity
    }
}
