/// Why a ready task did not start: a named resource (lock or pool, by resource index) or one of
/// the global limits. Recorded per demand class and per pass, so a task's wait can be attributed
/// to what held it back without checking every task on every pass.
public struct BlockReason: RawRepresentable, Hashable, Sendable, Codable, BitwiseCopyable {
    public var rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let none = BlockReason(rawValue: -100)
    public static let slots = BlockReason(rawValue: -1)
    public static let cpu = BlockReason(rawValue: -2)
    public static let memory = BlockReason(rawValue: -3)
    public static let worker = BlockReason(rawValue: -4)
    public static let cpuBackpressure = BlockReason(rawValue: -5)
    public static let memoryBackpressure = BlockReason(rawValue: -6)
    public static let circuitBreaker = BlockReason(rawValue: -7)
    public static let stopped = BlockReason(rawValue: -8)
    public static func resource(_ index: Int32) -> BlockReason { BlockReason(rawValue: index) }

    public var resourceIndex: Int32? { rawValue >= 0 ? rawValue : nil }

    /// The name a trace shows: the resource's name, or the limit's.
    public func name(in problem: SchedulingProblem) -> String {
        if let r = resourceIndex { return problem.resourceNames[Int(r)] }
        switch self {
        case .slots: return "max_concurrent_tasks"
        case .cpu: return "cpu_cores"
        case .memory: return "memory_mb"
        case .worker: return "worker_pool"
        case .cpuBackpressure: return "backpressure:cpu_usage"
        case .memoryBackpressure: return "backpressure:memory_usage"
        case .circuitBreaker: return "circuit_breaker"
        case .stopped: return "stopped_after_failure"
        default: return "none"
        }
    }
}

/// The counters behind admission: concurrency slots, CPU cores, memory, exclusive locks and
/// shared pools. ninja's `Pool` is a counter plus a delayed set; the delayed set lives in
/// `ReadyBuckets`, re-examined on every pass.
///
/// Free capacity is tracked as `capacity - Σ held`, updated by the same additions and
/// subtractions, in the same order, as the reference peers (`listsched.Shadow`), so fit decisions
/// agree with them bit for bit. Time-weighted use of each named resource is integrated as it
/// changes; that is a handful of flops per start and finish, cheap enough to do on every run.
struct ResourceLedger: @unchecked Sendable {  // pointers owned by `columns`, copied on write
    var slotsFree: Int32 = 0
    var running: Int32 = 0
    var cpuFree = 0.0
    var memoryFree = 0.0
    var cpuUsed = 0.0
    var memoryUsed = 0.0
    /// Owns the per-resource columns below (see `Columns`).
    var columns: Columns
    /// Holder of each exclusive lock, -1 when free.
    var lockHolder: UnsafeMutableBufferPointer<Int32>
    var poolFree: UnsafeMutableBufferPointer<Int32>
    /// Units in use, the time of the last change, the busy integral and the peak, per named resource.
    var used: UnsafeMutableBufferPointer<Int32>
    var lastChange: UnsafeMutableBufferPointer<Double>
    var busy: UnsafeMutableBufferPointer<Double>
    var peak: UnsafeMutableBufferPointer<Int32>

    init(_ p: SchedulingProblem) {
        let c = Columns()
        _ = c.add(Int32(-1), count: p.lockCount)
        _ = c.add(Int32(0), count: p.poolCount)
        _ = c.add(Int32(0), count: p.resourceCount)
        _ = c.add(0.0, count: p.resourceCount)
        _ = c.add(0.0, count: p.resourceCount)
        _ = c.add(Int32(0), count: p.resourceCount)
        columns = c
        (lockHolder, poolFree, used, lastChange, busy, peak) = Self.views(c)
    }

    static func views(_ c: Columns) -> (UnsafeMutableBufferPointer<Int32>, UnsafeMutableBufferPointer<Int32>,
                                        UnsafeMutableBufferPointer<Int32>, UnsafeMutableBufferPointer<Double>,
                                        UnsafeMutableBufferPointer<Double>, UnsafeMutableBufferPointer<Int32>) {
        (c.column(0, as: Int32.self), c.column(1, as: Int32.self), c.column(2, as: Int32.self),
         c.column(3, as: Double.self), c.column(4, as: Double.self), c.column(5, as: Int32.self))
    }

    /// Gives this value its own copy of the columns (the owning core found them shared).
    mutating func copyColumns() {
        columns = columns.copy()
        (lockHolder, poolFree, used, lastChange, busy, peak) = Self.views(columns)
    }

    mutating func reset(_ p: SchedulingProblem) {
        slotsFree = p.maxConcurrentTasks
        running = 0
        cpuFree = p.usableCPUCores
        memoryFree = p.usableMemoryMB
        cpuUsed = 0
        memoryUsed = 0
        lockHolder.update(repeating: -1)
        for i in poolFree.indices { poolFree[i] = p.poolCapacity[i] }
        used.update(repeating: 0)
        lastChange.update(repeating: 0)
        busy.update(repeating: 0)
        peak.update(repeating: 0)
    }

    /// The first named resource or limit that keeps `t` from starting now, or `.none`.
    /// Named resources are checked first because they make the most useful wait attribution.
    @inline(__always)
    func block(_ t: Int32, _ p: SchedulingProblem) -> BlockReason {
        for k in p.locks(of: t) where lockHolder[Int(p.lockIDs[k])] >= 0 {
            return .resource(p.lockIDs[k])
        }
        for k in p.pools(of: t) where p.poolAmounts[k] > poolFree[Int(p.poolIDs[k])] {
            return .resource(Int32(p.lockCount) + p.poolIDs[k])
        }
        if p.cpuCores[Int(t)] > cpuFree { return .cpu }
        if p.memoryMB[Int(t)] > memoryFree { return .memory }
        return .none
    }

    @inline(__always)
    mutating func acquire(_ t: Int32, _ p: SchedulingProblem, at now: Double) {
        slotsFree -= 1
        running += 1
        let c = p.cpuCores[Int(t)], m = p.memoryMB[Int(t)]
        cpuFree -= c
        memoryFree -= m
        cpuUsed += c
        memoryUsed += m
        for k in p.locks(of: t) {
            let l = p.lockIDs[k]
            lockHolder[Int(l)] = t
            change(Int(l), by: 1, at: now)
        }
        for k in p.pools(of: t) {
            let q = p.poolIDs[k], a = p.poolAmounts[k]
            poolFree[Int(q)] -= a
            change(p.lockCount + Int(q), by: a, at: now)
        }
    }

    @inline(__always)
    mutating func release(_ t: Int32, _ p: SchedulingProblem, at now: Double) {
        slotsFree += 1
        running -= 1
        let c = p.cpuCores[Int(t)], m = p.memoryMB[Int(t)]
        cpuFree += c
        memoryFree += m
        cpuUsed -= c
        memoryUsed -= m
        if running == 0 {
            // Nothing runs: snap the float sums back so rounding cannot accumulate across a run.
            cpuUsed = 0
            memoryUsed = 0
        }
        for k in p.locks(of: t) {
            let l = p.lockIDs[k]
            lockHolder[Int(l)] = -1
            change(Int(l), by: -1, at: now)
        }
        for k in p.pools(of: t) {
            let q = p.poolIDs[k], a = p.poolAmounts[k]
            poolFree[Int(q)] += a
            change(p.lockCount + Int(q), by: -a, at: now)
        }
    }

    @inline(__always)
    mutating func change(_ r: Int, by delta: Int32, at now: Double) {
        busy[r] += Double(used[r]) * (now - lastChange[r])
        lastChange[r] = now
        used[r] += delta
        if used[r] > peak[r] { peak[r] = used[r] }
    }

    /// Closes every busy integral at `end`.
    mutating func settle(at end: Double) {
        for r in used.indices { change(r, by: 0, at: end) }
    }
}
