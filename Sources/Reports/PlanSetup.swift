import MonteCarlo
import Scheduling
import TaskGraph
import TaskModel

/// Everything needed to turn a loaded plan into a Monte Carlo engine: the plan, the edge
/// threshold and the scheduler's settings. Sweeps derive one setup per capacity point from it, so
/// every point is compiled exactly as `estimate` would compile the changed plan.
public struct PlanSetup: Sendable {
    public var loaded: LoadedPlan
    public var minConfidence: Double
    public var scheduling: SchedulingSettings
    public var waves: WaveConfiguration
    public var rule: PriorityRule

    public init(loaded: LoadedPlan, minConfidence: Double, scheduling: SchedulingSettings = SchedulingSettings(),
                waves: WaveConfiguration = WaveConfiguration(), rule: PriorityRule = .bottomLevel) {
        self.loaded = loaded
        self.minConfidence = minConfidence
        self.scheduling = scheduling
        self.waves = waves
        self.rule = rule
    }

    /// The plan resolved and analysed.
    public func graph() throws(TasksError) -> TaskGraph {
        try TaskGraph(try ResolvedPlan(loaded.document, sourceName: loaded.sourceName), minConfidence: minConfidence)
    }

    /// The plan compiled for scheduling.
    /// - Throws: `TasksError` exit 4 when a demand exceeds a (swept-down) capacity, exit 5 for a bad plan.
    public func problem() throws(TasksError) -> SchedulingProblem {
        try SchedulingProblem(graph: try graph(), coordinator: loaded.coordinator, settings: scheduling)
    }

    /// The Monte Carlo engine for this setup.
    public func engine() throws(TasksError) -> MonteCarloEngine {
        try MonteCarloEngine(problem: try problem(), waveConfiguration: waves, rule: rule)
    }

    /// The content hash of the plan's `tasks.json`, which baselines record.
    public func planHash() throws(TasksError) -> String { ContentHash.of(try loaded.rawJSON()) }
}
