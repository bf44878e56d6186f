import Executor
import Foundation
import Scheduling
import TaskModel
import TasksTestSupport
import Testing

/// `--metrics-port`: the executor's live figures as Prometheus text over HTTP on loopback.
@Suite("Executor metrics")
struct MetricsTests {
    /// GET / from 127.0.0.1:`port` with a plain socket.
    func fetch(port: UInt16) throws -> String {
        let s = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(s) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = port.bigEndian
        inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr)
        let connected = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(s, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(connected == 0)
        let request = "GET /metrics HTTP/1.0\r\n\r\n"
        _ = request.withCString { write(s, $0, strlen($0)) }
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(s, &buffer, buffer.count)
            if n <= 0 { break }
            data += buffer[0..<n]
        }
        return String(decoding: data, as: UTF8.self)
    }

    @Test("after a run with one retry: tasks by state, attempts, failure rate and pools, served on loopback")
    func served() throws {
        let b = ScheduleBuilder(maxConcurrent: 2).pool("db", capacity: 2)
            .task("a", 1, shared: ["db": 1]).task("b", 2, shared: ["db": 1]).task("c", 1, after: ["a"])
        var c = CoordinatorDocument.standard
        c.coordinator.policies.failureHandling.backoffBaseSeconds = 0
        let problem = try SchedulingProblem(graph: try b.graph(), coordinator: c,
                                            settings: SchedulingSettings(enforceWorkerPool: false, applyBackpressure: false))
        let state = try Fixtures.temporaryDirectory("exec-metrics")
        defer { try? FileManager.default.removeItem(at: state) }
        let clock = ManualClock()
        let launcher = FakeLauncher(clock: clock, durations: [1, 2, 1], failures: [0: [1: 0.5]])
        let executor = try Executor(rollingFrontier: problem, commands: problem.ids.map { TaskCommand(command: $0, directory: state.path) },
                                    configuration: ExecutorConfiguration(stateDirectory: state.path, heartbeatSeconds: nil),
                                    launcher: launcher, clock: clock)
        let metrics = ExecutionMetrics(taskCount: problem.taskCount, resources: executor.resourceCapacities)
        executor.metrics = metrics
        let result = try executor.run()
        #expect(result.status == .success)
        let server = try MetricsServer(metrics: metrics, port: 0)
        let text = try fetch(port: server.port)
        #expect(text.hasPrefix("HTTP/1.0 200 OK"))
        for line in ["tasks_tasks{state=\"completed\"} 3", "tasks_tasks{state=\"running\"} 0", "tasks_tasks{state=\"pending\"} 0",
                     "tasks_attempts_started_total 4", "tasks_attempts_failed_total 1", "tasks_failure_rate 0.25",
                     "tasks_resource_utilization{resource=\"db\"} 0.0"] {
            #expect(text.contains(line + "\n"), "missing: \(line)")
        }
    }
}
