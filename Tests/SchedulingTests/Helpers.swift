import Foundation
import Scheduling
import Simulation
import TaskGraph
import TaskModel
import TasksTestSupport

/// Compiles a scenario with the reference semantics unless told otherwise.
func problem(_ b: ScheduleBuilder, coordinator: CoordinatorDocument? = nil,
             settings: SchedulingSettings = SchedulingSettings()) throws -> SchedulingProblem {
    try SchedulingProblem(graph: try b.graph(), coordinator: coordinator, settings: settings)
}

/// The standard coordinator with a one-hour backoff base and cool-down, so retries and the
/// breaker show up on an hours-scale timeline.
func hourlyCoordinator(maxRetries: Int = 3, checkpointPercent: Double = 25) -> CoordinatorDocument {
    var c = CoordinatorDocument.standard
    c.coordinator.policies.failureHandling.backoffBaseSeconds = 3600
    c.coordinator.policies.failureHandling.maxRetries = maxRetries
    c.coordinator.policies.failureHandling.checkpointIntervalPercent = checkpointPercent
    c.coordinator.policies.backpressure.recovery.coolDownSeconds = 3600
    return c
}

/// Settings that keep the coordinator's throttles off even when a coordinator is passed.
let onlyFailureHandling = SchedulingSettings(enforceWorkerPool: false, applyBackpressure: false)

/// Hours as a short string: `2`, `2.5`, `3.4`.
func h(_ x: Double) -> String {
    let r = (x * 1000).rounded() / 1000
    if r == r.rounded() { return String(Int64(r)) }
    var s = String(format: "%.3f", r)
    while s.hasSuffix("0") { s.removeLast() }
    return s
}

/// The SimPy-style log of a run: one line per run segment, `task start-end [ending]`, in order of
/// start time, then task id.
func log(_ trace: RunTrace) -> [String] {
    trace.segments.sorted { ($0.start, $0.task, $0.end) < ($1.start, $1.task, $1.end) }.map { s in
        "\(s.task) \(h(s.start))-\(h(s.end))" + (s.ending == .completed ? "" : " \(s.ending.rawValue)")
    }
}

/// One rolling-frontier run with fixed durations (the plan's most likely).
func frontier(_ p: SchedulingProblem, rule: PriorityRule = .bottomLevel, faults: ScriptedFaults? = nil) throws -> SimulationResult {
    var sim = Simulator(rollingFrontier: p, rule: rule)
    return try runFull(&sim, p, faults)
}

/// One wave-based run with fixed durations.
func waves(_ p: SchedulingProblem, _ config: WaveConfiguration = WaveConfiguration(), faults: ScriptedFaults? = nil) throws
    -> SimulationResult
{
    var sim = Simulator(waves: p, configuration: config)
    return try runFull(&sim, p, faults)
}

func runFull<P: SchedulingPolicy>(_ sim: inout Simulator<P>, _ p: SchedulingProblem, _ faults: ScriptedFaults?) throws
    -> SimulationResult
{
    let d = p.durations(.mostLikely)
    if var f = faults { return try sim.run(durations: d, faults: &f, trace: .full) }
    return try sim.run(durations: d, trace: .full)
}

/// Scripted faults: `task` fails attempt `attempt` at `fraction` of its work.
func failing(_ p: SchedulingProblem, _ script: [String: [Int32: Double]]) -> ScriptedFaults {
    let byIndex = Dictionary(uniqueKeysWithValues: script.map { (p.index(of: $0.key)!, $0.value) })
    return ScriptedFaults { task, attempt in
        if let f = byIndex[task]?[attempt] { return .fails(atFraction: f) }
        return .succeeds
    }
}

/// `../shared` beside the package (how CI lays it out), else `/work/shared`; nil when absent.
let sharedDirectory: URL? = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    for candidate in [root.deletingLastPathComponent().appendingPathComponent("shared"), URL(fileURLWithPath: "/work/shared")]
    where FileManager.default.fileExists(atPath: candidate.appendingPathComponent("bench").path) {
        return candidate
    }
    return nil
}()

/// Loads a plan file from disk the way the CLI does.
func loadProblem(_ path: String, settings: SchedulingSettings = SchedulingSettings()) throws -> SchedulingProblem {
    let loaded = try PlanLoader.load(path: path)
    let resolved = try ResolvedPlan(loaded.document, sourceName: loaded.sourceName)
    let graph = try TaskGraph(resolved, minConfidence: loaded.document.meta.minConfidence ?? 0.7)
    return try SchedulingProblem(graph: graph, coordinator: loaded.coordinator, settings: settings)
}

/// SplitMix64, for the seeded sweeps (every failure names its seed, and replays from it).
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }
}
