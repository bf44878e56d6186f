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
}
