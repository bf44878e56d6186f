import ArgumentParser
import Reports
import Scheduling
import TaskGraph
import TaskModel

/// The scheduler flags `simulate`, `estimate`, `sweep`, `check` and `report` share, with their
/// `TASKS_*` defaults, and the one place that turns them into a `SchedulingProblem` and a wave
/// configuration.
struct SchedulingOptions: ParsableArguments {
    @Option(help: "Dispatch order: bottom_level, lft, most_successors, hint or fifo.")
    var priority: PriorityRule = .bottomLevel

    @Option(name: [.customShort("w"), .long],
            help: "Maximum tasks per wave (default: waves.json's, else 30; env TASKS_MAX_WAVE_SIZE).")
    var maxWaveSize: Int?

    @Option(name: [.customShort("j", allowingJoined: true), .long],
            help: "Maximum concurrent tasks (default: the plan's, else 10; env TASKS_MAX_CONCURRENT).")
    var maxConcurrent: Int?

    /// `--max-concurrent`, else `TASKS_MAX_CONCURRENT`, else `nil` (the plan's limit applies).
    func effectiveMaxConcurrent() throws(TasksError) -> Int? {
        let concurrentFromEnvironment = try Environment.int("TASKS_MAX_CONCURRENT")
        let concurrent = maxConcurrent ?? concurrentFromEnvironment
        if let c = concurrent, c < 1 { throw TasksError(.invalidArguments, "--max-concurrent must be at least 1, got \(c)") }
        return concurrent
    }

    /// Compiles the plan for scheduling and forms its waves' configuration; `settings` carries
    /// what a command decides beyond these flags (`execute`'s worker pool and thresholds).
    func build(_ loaded: LoadedPlan, _ graph: TaskGraph, settings base: SchedulingSettings = SchedulingSettings())
        throws(TasksError) -> (SchedulingProblem, WaveConfiguration)
    {
        let (settings, waves) = try configuration(loaded, settings: base)
        let problem = try SchedulingProblem(graph: graph, coordinator: loaded.coordinator, settings: settings)
        return (problem, waves)
    }

    /// Everything `build` uses besides the graph, for commands that compile the plan several times
    /// (a sweep changes a capacity per point).
    func setup(_ loaded: LoadedPlan, minConfidence: Double) throws(TasksError) -> PlanSetup {
        let (settings, waves) = try configuration(loaded)
        return PlanSetup(loaded: loaded, minConfidence: minConfidence, scheduling: settings, waves: waves, rule: priority)
    }

    func configuration(_ loaded: LoadedPlan, settings base: SchedulingSettings = SchedulingSettings())
        throws(TasksError) -> (SchedulingSettings, WaveConfiguration)
    {
        let concurrent = try effectiveMaxConcurrent()
        let fromEnvironment = try Environment.int("TASKS_MAX_WAVE_SIZE")
        let waveSize = maxWaveSize ?? fromEnvironment
            ?? loaded.waves?.executionModels.waveBased?.config.maxWaveSize ?? WaveConfiguration.defaultMaxWaveSize
        guard waveSize >= 1 else { throw TasksError(.invalidArguments, "--max-wave-size must be at least 1, got \(waveSize)") }
        let barrier = try loaded.waves?.executionModels.waveBased.map { wb throws(TasksError) in
            try BarrierConfiguration(wb.config.barrier, file: loaded.sourceName)
        } ?? .full
        var settings = base
        settings.maxConcurrentTasks = concurrent
        return (settings, WaveConfiguration(maxWaveSize: waveSize, separateResources: true, barrier: barrier))
    }
}
