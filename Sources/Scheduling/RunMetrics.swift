/// The figures every run keeps, whatever its trace level: load integrals, peaks and counts.
///
/// They are what Monte Carlo averages over iterations (utilisation forecasts are time-weighted
/// over the makespan, NOTES.md), so they are maintained with a few flops per event instead of
/// being recomputed from a trace. Reading them allocates nothing.
public struct RunMetrics: Sendable, Equatable {
    public var start = 0.0
    /// Hours from the start of the run to its last resolution.
    public var makespan = 0.0
    /// ∫ running tasks dt (task-hours).
    public var taskHours = 0.0
    /// ∫ running tasks' CPU cores dt.
    public var cpuCoreHours = 0.0
    /// ∫ running tasks' memory (MB) dt.
    public var memoryMBHours = 0.0
    public var peakConcurrency: Int32 = 0
    public var peakCPUCores = 0.0
    public var peakMemoryMB = 0.0
    public var attempts: Int32 = 0
    public var failedAttempts: Int32 = 0
    public var retries: Int32 = 0
    public var pauses: Int32 = 0
    public var breakerTrips: Int32 = 0

    public init() {}

    mutating func reset(resources: Int, start: Double) {
        self = RunMetrics()
        self.start = start
    }

    @inline(__always)
    mutating func notePeaks(running: Int32, cpu: Double, memory: Double) {
        if running > peakConcurrency { peakConcurrency = running }
        if cpu > peakCPUCores { peakCPUCores = cpu }
        if memory > peakMemoryMB { peakMemoryMB = memory }
    }

    /// Mean number of running tasks over the makespan.
    public var averageConcurrency: Double { makespan > 0 ? taskHours / makespan : 0 }

    /// Mean CPU% over the makespan against `machineCPUCores`, or nil when the plan sets no limit.
    public func averageCPUPercent(_ p: SchedulingProblem) -> Double? {
        guard p.machineCPUCores.isFinite, makespan > 0 else { return nil }
        return cpuCoreHours / makespan / p.machineCPUCores * 100
    }

    public func peakCPUPercent(_ p: SchedulingProblem) -> Double? {
        p.machineCPUCores.isFinite ? peakCPUCores / p.machineCPUCores * 100 : nil
    }

    public func averageMemoryPercent(_ p: SchedulingProblem) -> Double? {
        guard p.machineMemoryMB.isFinite, makespan > 0 else { return nil }
        return memoryMBHours / makespan / p.machineMemoryMB * 100
    }

    public func peakMemoryPercent(_ p: SchedulingProblem) -> Double? {
        p.machineMemoryMB.isFinite ? peakMemoryMB / p.machineMemoryMB * 100 : nil
    }
}
