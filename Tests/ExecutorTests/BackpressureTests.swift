import Executor
import Foundation
import Scheduling
import TaskModel
import TasksTestSupport
import Testing

/// The machine's measured load, not the modeled one, drives the backpressure gates when the
/// executor has a load source.
@Suite("Executor backpressure from measured load")
struct BackpressureTests {
    func run(load: ((ManualClock) -> any LoadSource)?) throws -> (ExecutionResult, FakeLauncher) {
        let b = ScheduleBuilder(maxConcurrent: 4, cpuCores: 4)
            .task("hi", 1, cpu: 1, priority: .high).task("lo", 1, cpu: 1, priority: .low)
        var c = CoordinatorDocument.standard
        c.coordinator.policies.backpressure.triggers[0].threshold = 50
        let problem = try SchedulingProblem(graph: try b.graph(), coordinator: c, settings: SchedulingSettings(enforceWorkerPool: false))
        let state = try Fixtures.temporaryDirectory("exec-load")
        defer { try? FileManager.default.removeItem(at: state) }
        let clock = ManualClock()
        let launcher = FakeLauncher(clock: clock, durations: [1, 1])
        let executor = try Executor(rollingFrontier: problem, commands: problem.ids.map { TaskCommand(command: $0, directory: state.path) },
                                    configuration: ExecutorConfiguration(stateDirectory: state.path, heartbeatSeconds: nil,
                                                                         loadIntervalSeconds: 60),
                                    launcher: launcher, clock: clock)
        executor.loadSource = load?(clock)
        return (try executor.run(), launcher)
    }

    @Test("a low-priority start waits while the measured CPU is above the threshold, then starts at the next sample")
    func measuredCPUDefersLowPriority() throws {
        let (modeled, _) = try run(load: nil)
        // Modeled: hi + lo = 2 of 4 cores = 50%, not above the threshold: both start at once.
        #expect(modeled.attempts.map(\.start) == [0, 0])
        let (measured, _) = try run(load: { clock in ScriptedLoad { (clock.now < 0.5 ? 90 : 10, nil) } })
        let lo = try #require(measured.attempts.first { $0.task == "lo" })
        #expect(lo.start >= 0.5 && lo.start < 0.5 + 61.0 / 3600, "lo started at \(lo.start) h")
        #expect(measured.status == .success)
    }

    func adaptive(cpu: Double) throws -> (ExecutionResult, [(hours: Double, workers: Int)]) {
        var b = ScheduleBuilder()
        for i in 0..<8 { b = b.task("T\(i)", 1) }
        var c = CoordinatorDocument.standard
        c.workerPool.minWorkers = 1
        c.workerPool.maxWorkers = 4
        let problem = try SchedulingProblem(graph: try b.graph(), coordinator: c, settings: SchedulingSettings(applyBackpressure: false))
        let state = try Fixtures.temporaryDirectory("exec-adaptive")
        defer { try? FileManager.default.removeItem(at: state) }
        let clock = ManualClock()
        let executor = try Executor(rollingFrontier: problem, commands: problem.ids.map { TaskCommand(command: $0, directory: state.path) },
                                    configuration: ExecutorConfiguration(stateDirectory: state.path, heartbeatSeconds: nil,
                                                                         loadIntervalSeconds: 60, workerMin: 1),
                                    launcher: FakeLauncher(clock: clock, durations: Array(repeating: 1, count: 8)), clock: clock)
        executor.loadSource = ScriptedLoad { (cpu, 20) }
        let result = try executor.run()
        return (result, executor.workerTimeline)
    }

    @Test("the adaptive worker pool starts at --worker-min and doubles while full and the machine has headroom")
    func adaptivePool() throws {
        let (calm, grew) = try adaptive(cpu: 10)
        #expect(grew.map(\.workers) == [1, 2, 4])
        #expect(grew.map { ($0.hours * 3600).rounded() } == [0, 60, 120])
        #expect(calm.status == .success)
        // Never more than the workers active at the time: two starts by 60 s, four by 120 s.
        #expect(calm.attempts.filter { $0.start < 59.0 / 3600 }.count == 1)
        let (busy, stayed) = try adaptive(cpu: 95)
        #expect(stayed.map(\.workers) == [1], "no headroom, no growth")
        #expect(abs(busy.makespanHours - 8) < 1e-9, "one worker runs the eight one-hour tasks in turn")
    }
}
