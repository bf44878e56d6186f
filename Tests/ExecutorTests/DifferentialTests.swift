import Executor
import Foundation
import Scheduling
import Simulation
import TaskGraph
import TaskModel
import TasksTestSupport
import Testing

/// One scheduler, two drivers: the executor with a fake launcher on a manual clock and the
/// simulator, given the same durations (and the same scripted failures), must produce the same
/// run — start order, every segment, every wait — because both only carry out `Plan`'s decisions.
@Suite("Executor vs simulator")
struct DifferentialTests {
    struct Case {
        var builder: ScheduleBuilder
        var coordinator: CoordinatorDocument?
        var settings: SchedulingSettings
        var rule: PriorityRule
        var durations: [Double]
        var failures: [Int32: [Int32: Double]]
    }

    static func makeCase(seed: UInt64) -> Case {
        var rng = SeededGenerator(seed: seed)
        let n = Int.random(in: 1...30, using: &rng)
        let throttled = rng.chance(0.5)
        // Backpressure pauses need a known machine size.
        let cpu: Double? = throttled || rng.chance(0.3) ? Double(Int.random(in: 2...8, using: &rng)) : nil
        var b = ScheduleBuilder(maxConcurrent: rng.chance(0.7) ? Int.random(in: 1...5, using: &rng) : nil, cpuCores: cpu)
        let locks = (0..<Int.random(in: 0...2, using: &rng)).map { "lock\($0)" }
        let pools = (0..<Int.random(in: 0...2, using: &rng)).map { ("pool\($0)", Int.random(in: 1...3, using: &rng)) }
        for l in locks { b = b.exclusive(l) }
        for (name, cap) in pools { b = b.pool(name, capacity: cap) }
        let ids = (0..<n).map { String(format: "T%02d", $0) }
        var durations: [Double] = []
        var failures: [Int32: [Int32: Double]] = [:]
        for i in 0..<n {
            // Whole and half hours make simultaneous ends common: the hard case for "one decision per instant".
            let d = rng.chance(0.1) ? 0 : Double(Int.random(in: 1...8, using: &rng)) / 2
            durations.append(d)
            let after = (0..<i).filter { _ in rng.chance(0.2) }.map { ids[$0] }
            var shared: [String: Int] = [:]
            for (name, cap) in pools where rng.chance(0.35) { shared[name] = Int.random(in: 1...cap, using: &rng) }
            let priority: TaskPriority? = rng.chance(0.5) ? [.low, .medium, .high, .critical][Int.random(in: 0...3, using: &rng)] : nil
            b = b.task(ids[i], d, after: after, cpu: cpu.map { Double(Int.random(in: 0...Int($0), using: &rng)) },
                       exclusive: locks.filter { _ in rng.chance(0.25) }, shared: shared, priority: priority,
                       pausable: rng.chance(0.5), checkpoint: rng.chance(0.4))
            for attempt in Int32(1)...3 where rng.chance(0.15) {
                failures[Int32(i), default: [:]][attempt] = Double(Int.random(in: 0...4, using: &rng)) / 4
            }
        }
        var coordinator: CoordinatorDocument?
        var settings = SchedulingSettings()
        if throttled {
            var c = CoordinatorDocument.standard
            c.coordinator.policies.failureHandling.backoffBaseSeconds = 1800
            c.coordinator.policies.failureHandling.maxRetries = Int.random(in: 0...2, using: &rng)
            c.workerPool.maxWorkers = Int.random(in: 1...4, using: &rng)
            c.workerPool.workerTemplate.resourceCapacity.cpuCores = 16
            c.coordinator.policies.backpressure.triggers[0].threshold = Double(Int.random(in: 40...90, using: &rng))
            c.coordinator.policies.backpressure.recovery.coolDownSeconds = 3600
            coordinator = c
            settings.applyBackpressure = rng.chance(0.7)
        }
        let rule = PriorityRule.allCases[Int.random(in: 0..<PriorityRule.allCases.count, using: &rng)]
        return Case(builder: b, coordinator: coordinator, settings: settings, rule: rule, durations: durations, failures: failures)
    }

    func execute<P: SchedulingPolicy>(_ problem: SchedulingProblem, policy: P, order: ReadyOrder, _ c: Case,
                                      state: URL) throws -> (ExecutionResult, FakeLauncher) {
        let clock = ManualClock()
        let launcher = FakeLauncher(clock: clock, durations: c.durations, failures: c.failures)
        let commands = problem.ids.map { TaskCommand(command: "run \($0)", directory: state.path) }
        let executor = try Executor(problem: problem, policy: policy, order: order, commands: commands,
                                    configuration: ExecutorConfiguration(stateDirectory: state.path, heartbeatSeconds: nil, traceLevel: .full),
                                    launcher: launcher, clock: clock)
        return (try executor.run(), launcher)
    }

    @Test("random plans with pools, locks, retries and backpressure: identical traces, both models")
    func sweep() throws {
        let state = try Fixtures.temporaryDirectory("executor-differential")
        defer { try? FileManager.default.removeItem(at: state) }
        var compared = 0, withRetries = 0, withPauses = 0
        for seed in UInt64(1)...100 {
            let c = Self.makeCase(seed: seed)
            let problem: SchedulingProblem
            do { problem = try SchedulingProblem(graph: try c.builder.graph(), coordinator: c.coordinator, settings: c.settings) } catch {
                continue
            }
            let failures = c.failures
            let script = ScriptedFaults { t, a in failures[t]?[a].map { .fails(atFraction: $0) } ?? .succeeds }
            let order = ReadyOrder(problem, rule: c.rule)
            for wave in [false, true] {
                var faults = script
                let simulated: SimulationResult
                let executed: ExecutionResult
                if wave {
                    let policy = WavePolicy(problem, order: order, configuration: WaveConfiguration())
                    var sim = Simulator(problem: problem, policy: policy, order: order)
                    simulated = try sim.run(durations: c.durations, faults: &faults, trace: .full)
                    executed = try execute(problem, policy: policy, order: order, c, state: state).0
                } else {
                    var sim = Simulator(problem: problem, policy: RollingFrontierPolicy(), order: order)
                    simulated = try sim.run(durations: c.durations, faults: &faults, trace: .full)
                    executed = try execute(problem, policy: RollingFrontierPolicy(), order: order, c, state: state).0
                }
                let trace = try #require(simulated.trace)
                #expect(executed.trace == trace, "seed \(seed) waves=\(wave): the executor's run differs from the simulator's")
                let simulatedStarts = trace.tasks.compactMap { t in t.firstStartAt.map { "\($0) \(t.id)" } }.sorted()
                let executedStarts = executed.attempts.filter { $0.attempt == 1 }.map { "\($0.start) \($0.task)" }.sorted()
                #expect(executedStarts == simulatedStarts, "seed \(seed) waves=\(wave): start times differ")
                #expect(abs(executed.makespanHours - simulated.makespanHours) < 1e-12, "seed \(seed)")
                compared += 1
                if executed.attempts.contains(where: { $0.attempt > 1 }) { withRetries += 1 }
                if trace.segments.contains(where: { $0.ending == .paused }) { withPauses += 1 }
            }
        }
        // The sweep must exercise what it claims to.
        #expect(compared > 150)
        #expect(withRetries > 10)
        #expect(withPauses > 0)
    }

    @Test("a tiny named scenario: the executor's log is the simulator's")
    func tiny() throws {
        let state = try Fixtures.temporaryDirectory("executor-tiny")
        defer { try? FileManager.default.removeItem(at: state) }
        let b = ScheduleBuilder(maxConcurrent: 2).exclusive("db")
            .task("a", 2, exclusive: ["db"]).task("b", 1, exclusive: ["db"]).task("c", 3).task("d", 1, after: ["a", "c"])
        let problem = try SchedulingProblem(graph: try b.graph())
        let c = Case(builder: b, coordinator: nil, settings: SchedulingSettings(), rule: .bottomLevel,
                     durations: [2, 1, 3, 1], failures: [:])
        let (result, launcher) = try execute(problem, policy: RollingFrontierPolicy(), order: ReadyOrder(problem, rule: .bottomLevel),
                                             c, state: state)
        let log = result.attempts.map { "\($0.task) \($0.start)-\($0.end)" }
        // a and c start at 0 (a holds db); b waits for db; d waits for a and c.
        #expect(log.sorted() == ["a 0.0-2.0", "b 2.0-3.0", "c 0.0-3.0", "d 3.0-4.0"])
        #expect(launcher.started.map(\.id) == ["c", "a", "b", "d"] || launcher.started.map(\.id) == ["a", "c", "b", "d"])
        #expect(launcher.started.first { $0.id == "a" }?.resources.map(\.name) == ["db"])
        #expect(result.status == .success)
    }
}
