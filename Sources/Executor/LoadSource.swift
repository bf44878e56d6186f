import Foundation

/// Where the executor learns the machine's real load, fed to the scheduler's backpressure gates
/// (`Plan.observeLoad`) in place of the load the plan models.
public protocol LoadSource: AnyObject {
    /// CPU busy percent since the previous sample and memory in use, in percent (nil if unknown).
    func sample() -> (cpuPercent: Double?, memoryPercent: Double?)
}

/// Linux `/proc`: CPU from the `cpu` line of `/proc/stat` (busy = all jiffies but idle and
/// iowait, over the interval since the previous sample), memory from `/proc/meminfo`
/// (1 − MemAvailable / MemTotal).
public final class ProcLoad: LoadSource {
    var last: (busy: Double, total: Double)?

    public init() { last = Self.cpuTimes() }

    public func sample() -> (cpuPercent: Double?, memoryPercent: Double?) {
        var cpu: Double?
        if let now = Self.cpuTimes() {
            if let last, now.total > last.total { cpu = (now.busy - last.busy) * 100 / (now.total - last.total) }
            last = now
        }
        return (cpu, Self.memoryPercent())
    }

    static func cpuTimes() -> (busy: Double, total: Double)? {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("cpu ") }) else { return nil }
        let values = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard values.count >= 4 else { return nil }
        let total = values.reduce(0, +)
        let idle = values[3] + (values.count > 4 ? values[4] : 0)
        return (total - idle, total)
    }

    static func memoryPercent() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) else { return nil }
        var total: Double?, available: Double?
        for line in text.split(separator: "\n") {
            let f = line.split(separator: " ", omittingEmptySubsequences: true)
            guard f.count >= 2 else { continue }
            if f[0] == "MemTotal:" { total = Double(f[1]) } else if f[0] == "MemAvailable:" { available = Double(f[1]) }
        }
        guard let total, let available, total > 0 else { return nil }
        return (1 - available / total) * 100
    }
}

/// A load given by a function, for tests (of the time on a manual clock, say).
public final class ScriptedLoad: LoadSource {
    let script: () -> (cpuPercent: Double?, memoryPercent: Double?)

    public init(_ script: @escaping () -> (cpuPercent: Double?, memoryPercent: Double?)) { self.script = script }

    public func sample() -> (cpuPercent: Double?, memoryPercent: Double?) { script() }
}
