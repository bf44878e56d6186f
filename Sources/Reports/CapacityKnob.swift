import Scheduling
import TaskModel

/// A capacity a sweep can vary: a `shared_limited` resource's pool size, the run's slot limit,
/// the worker pool's size, or the machine's CPU cores.
public enum CapacityKnob: Hashable, Sendable {
    case pool(String)
    case maxConcurrentTasks
    case workers
    case cpuCores

    /// The name `--vary` takes and outputs show.
    public var name: String {
        switch self {
        case .pool(let name): name
        case .maxConcurrentTasks: "max_concurrent_tasks"
        case .workers: "workers"
        case .cpuCores: "cpu_cores"
        }
    }

    /// Every knob `setup`'s plan offers, pools first (sorted), then the global limits.
    public static func available(in setup: PlanSetup) -> [CapacityKnob] {
        let pools = (setup.loaded.document.meta.codebaseAnalysis?.sharedResources ?? [:])
            .filter { $0.value.type == .sharedLimited }.keys.sorted().map(CapacityKnob.pool)
        return pools + [.maxConcurrentTasks, .workers, .cpuCores]
    }

    /// The knob called `name` in `setup`'s plan.
    /// - Throws: `TasksError` exit 1 naming the valid names, when the plan has no such capacity
    ///   (an exclusive resource is named as such: it has one holder by definition).
    public init(named name: String, in setup: PlanSetup) throws(TasksError) {
        let known = CapacityKnob.available(in: setup)
        if let knob = known.first(where: { $0.name == name }) {
            self = knob
            return
        }
        let exclusive = setup.loaded.document.meta.codebaseAnalysis?.sharedResources?[name]?.type == .exclusive
        throw TasksError(.invalidArguments, "--vary \(name): "
            + (exclusive ? "\(name) is an exclusive resource (one holder); " : "unknown capacity; ")
            + "valid names: \(known.map(\.name).joined(separator: ", "))")
    }

    /// The capacity `setup` has now, if the plan sets one.
    public func current(in setup: PlanSetup) -> Int? {
        let meta = setup.loaded.document.meta
        switch self {
        case .pool(let name): return meta.codebaseAnalysis?.sharedResources?[name]?.effectiveCapacity
        case .maxConcurrentTasks:
            return setup.scheduling.maxConcurrentTasks ?? meta.resourceLimits?.maxConcurrentTasks
                ?? SchedulingSettings.defaultMaxConcurrentTasks
        case .workers: return setup.scheduling.maxWorkers ?? setup.loaded.coordinator?.workerPool.maxWorkers
        case .cpuCores: return meta.resourceLimits?.maxCPUCores.map { Int($0) }
        }
    }

    /// `setup` with this capacity set to `value`. Varying the workers makes the worker pool bind
    /// even for a plan without `coordinator.json` (the standard template: any worker runs any task).
    public func applied(_ value: Int, to setup: PlanSetup) -> PlanSetup {
        var s = setup
        switch self {
        case .pool(let name):
            s.loaded.document.meta.codebaseAnalysis?.sharedResources?[name]?.capacity = value
        case .maxConcurrentTasks:
            s.scheduling.maxConcurrentTasks = value
        case .workers:
            s.scheduling.maxWorkers = value
            s.scheduling.enforceWorkerPool = true
        case .cpuCores:
            var limits = s.loaded.document.meta.resourceLimits ?? ResourceLimits()
            limits.maxCPUCores = Double(value)
            s.loaded.document.meta.resourceLimits = limits
        }
        // The raw text no longer matches the document; nothing downstream may hash the old one.
        s.loaded.rawText = nil
        return s
    }

    /// The name this capacity has among a run trace's resources (workers have none: they are
    /// measured from the run's segments).
    var traceName: String? {
        switch self {
        case .pool(let name): name
        case .maxConcurrentTasks: "concurrency"
        case .cpuCores: "cpu_cores"
        case .workers: nil
        }
    }
}

/// One `--vary NAME=LO..HI[:STEP]`: a knob and the values it takes, ascending.
public struct SweepAxis: Sendable, Equatable {
    public var knob: CapacityKnob
    public var values: [Int]

    public init(knob: CapacityKnob, values: [Int]) {
        self.knob = knob
        self.values = values
    }

    /// Parses `NAME=LO..HI[:STEP]` (also `NAME=V` for one value) against `setup`'s plan.
    /// - Throws: `TasksError` exit 1 naming the bad part.
    public static func parse(_ text: String, in setup: PlanSetup) throws(TasksError) -> SweepAxis {
        func bad(_ why: String) -> TasksError {
            TasksError(.invalidArguments, "--vary \(text): \(why) (expected NAME=LO..HI[:STEP], e.g. test_db_pool=1..8)")
        }
        guard let eq = text.firstIndex(of: "=") else { throw bad("missing '='") }
        let name = String(text[..<eq]).trimmingCharacters(in: .whitespaces)
        let knob = try CapacityKnob(named: name, in: setup)
        var range = String(text[text.index(after: eq)...]).trimmingCharacters(in: .whitespaces)
        var step = 1
        if let colon = range.firstIndex(of: ":") {
            guard let s = Int(range[range.index(after: colon)...]), s >= 1 else { throw bad("STEP must be a whole number ≥ 1") }
            step = s
            range = String(range[..<colon])
        }
        let bounds = range.components(separatedBy: "..")
        guard (1...2).contains(bounds.count), let lo = Int(bounds[0]), let hi = Int(bounds.last!) else {
            throw bad("LO and HI must be whole numbers")
        }
        guard lo >= 1 else { throw bad("capacities start at 1") }
        guard hi >= lo else { throw bad("HI \(hi) is below LO \(lo)") }
        let values = Array(stride(from: lo, through: hi, by: step))
        guard values.count <= 1_000 else { throw bad("\(values.count) points; at most 1000") }
        return SweepAxis(knob: knob, values: values)
    }
}
