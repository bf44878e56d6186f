import Foundation

/// Live figures of a run for `--metrics-port`: updated by the executor's loop, read by the
/// metrics server's thread, so every access takes the lock. Updates are a few additions per task
/// event; the Prometheus text is built only when someone asks.
public final class ExecutionMetrics: @unchecked Sendable {
    let lock = NSLock()
    let total: Int
    let resourceNames: [String]
    let resourceCapacity: [Double]
    var running = 0
    var completed = 0
    var skipped = 0
    var failedTasks = 0
    var startedAttempts = 0
    var failedAttempts = 0
    var endedAttempts = 0
    var waitSecondsSum = 0.0
    var inUse: [Double]
    let started = WallClock.monotonicSeconds()

    /// - Parameters:
    ///   - resources: every lock and pool with its capacity (1 for a lock).
    public init(taskCount: Int, resources: [(name: String, capacity: Double)]) {
        total = taskCount
        resourceNames = resources.map(\.name)
        resourceCapacity = resources.map(\.capacity)
        inUse = Array(repeating: 0, count: resources.count)
    }

    func attemptStarted(waitSeconds: Double, resources: [(index: Int, units: Double)]) {
        lock.lock()
        defer { lock.unlock() }
        running += 1
        startedAttempts += 1
        waitSecondsSum += max(0, waitSeconds)
        for r in resources { inUse[r.index] += r.units }
    }

    func attemptEnded(succeeded: Bool, final: Bool, resources: [(index: Int, units: Double)]) {
        lock.lock()
        defer { lock.unlock() }
        running -= 1
        endedAttempts += 1
        for r in resources { inUse[r.index] -= r.units }
        if succeeded { completed += 1 } else {
            failedAttempts += 1
            if final { failedTasks += 1 }
        }
    }

    /// An attempt stopped by an interrupt: neither a success nor a failure.
    func attemptStopped(resources: [(index: Int, units: Double)]) {
        lock.lock()
        defer { lock.unlock() }
        running -= 1
        for r in resources { inUse[r.index] -= r.units }
    }

    func taskSkipped() {
        lock.lock()
        skipped += 1
        lock.unlock()
    }

    /// The Prometheus text exposition of the current state.
    public func prometheusText() -> String {
        lock.lock()
        defer { lock.unlock() }
        let elapsed = max(WallClock.monotonicSeconds() - started, 1e-9)
        let pending = max(0, total - running - completed - skipped - failedTasks)
        var out = "# HELP tasks_tasks Tasks by state.\n# TYPE tasks_tasks gauge\n"
        for (state, n) in [("pending", pending), ("running", running), ("completed", completed), ("skipped", skipped),
                           ("failed", failedTasks)] {
            out += "tasks_tasks{state=\"\(state)\"} \(n)\n"
        }
        out += "# HELP tasks_attempts_started_total Attempts started.\n# TYPE tasks_attempts_started_total counter\n"
        out += "tasks_attempts_started_total \(startedAttempts)\n"
        out += "# HELP tasks_attempts_failed_total Attempts that failed.\n# TYPE tasks_attempts_failed_total counter\n"
        out += "tasks_attempts_failed_total \(failedAttempts)\n"
        out += "# HELP tasks_failure_rate Failed attempts among ended attempts.\n# TYPE tasks_failure_rate gauge\n"
        out += "tasks_failure_rate \(endedAttempts > 0 ? Double(failedAttempts) / Double(endedAttempts) : 0)\n"
        out += "# HELP tasks_throughput_per_second Tasks completed per second since the start.\n"
        out += "# TYPE tasks_throughput_per_second gauge\ntasks_throughput_per_second \(Double(completed) / elapsed)\n"
        out += "# HELP tasks_wait_seconds Time from a task's predecessors being done to its start.\n"
        out += "# TYPE tasks_wait_seconds summary\ntasks_wait_seconds_sum \(waitSecondsSum)\ntasks_wait_seconds_count \(startedAttempts)\n"
        out += "# HELP tasks_resource_utilization Units in use over capacity, per lock and pool.\n"
        out += "# TYPE tasks_resource_utilization gauge\n"
        for (i, name) in resourceNames.enumerated() {
            let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            out += "tasks_resource_utilization{resource=\"\(escaped)\"} \(resourceCapacity[i] > 0 ? inUse[i] / resourceCapacity[i] : 0)\n"
        }
        return out
    }
}
