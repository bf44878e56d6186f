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
        var out = ""
        func family(_ name: String, _ type: String, _ help: String, _ samples: [(labels: String, value: String)]) {
            out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
            for s in samples { out += name + s.labels + " " + s.value + "\n" }
        }
        family("tasks_tasks", "gauge", "Tasks by state.",
               [("pending", pending), ("running", running), ("completed", completed), ("skipped", skipped), ("failed", failedTasks)]
                   .map { ("{state=\"\($0.0)\"}", String($0.1)) })
        family("tasks_attempts_started_total", "counter", "Attempts started.", [("", String(startedAttempts))])
        family("tasks_attempts_failed_total", "counter", "Attempts that failed.", [("", String(failedAttempts))])
        family("tasks_failure_rate", "gauge", "Failed attempts among ended attempts.",
               [("", "\(endedAttempts > 0 ? Double(failedAttempts) / Double(endedAttempts) : 0)")])
        family("tasks_throughput_per_second", "gauge", "Tasks completed per second since the start.",
               [("", "\(Double(completed) / elapsed)")])
        family("tasks_wait_seconds", "summary", "Time from a task's predecessors being done to its start.",
               [("_sum", "\(waitSecondsSum)"), ("_count", String(startedAttempts))])
        family("tasks_resource_utilization", "gauge", "Units in use over capacity, per lock and pool.",
               resourceNames.indices.map { i in
                   let name = resourceNames[i].replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                   return ("{resource=\"\(name)\"}", "\(resourceCapacity[i] > 0 ? inUse[i] / resourceCapacity[i] : 0)")
               })
        return out
    }
}
