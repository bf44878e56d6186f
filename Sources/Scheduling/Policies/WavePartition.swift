import TaskModel

/// How the wave model forms and separates its waves.
public struct WaveConfiguration: Sendable, Equatable {
    /// `MAX_WAVE_SIZE`; `nil` leaves Kahn layers unsplit.
    public var maxWaveSize: Int?
    /// One holder of each exclusive resource (and each `avoid_concurrent_with` pair) per wave, and
    /// at most a pool's capacity per wave; the overflow moves to a following sub-wave.
    public var separateResources: Bool
    public var barrier: BarrierConfiguration

    public init(maxWaveSize: Int? = WaveConfiguration.defaultMaxWaveSize, separateResources: Bool = true,
                barrier: BarrierConfiguration = .full) {
        self.maxWaveSize = maxWaveSize
        self.separateResources = separateResources
        self.barrier = barrier
    }

    /// The spec's `MAX_WAVE_SIZE` default.
    public static let defaultMaxWaveSize = 30

    /// The peers' barrier model: unsplit Kahn layers (longest-path depth), full barriers.
    public static let layersOnly = WaveConfiguration(maxWaveSize: nil, separateResources: false, barrier: .full)
}

/// When the wave after a barrier is released.
///
/// `full`: every task of the wave has finished. `quorum(q)`: at least ⌈q·size⌉ of them have; the
/// rest carry over. `timeoutHours` counts from the wave's release: if the barrier has not opened
/// by then and the fallback is `deferOptional`, it opens anyway and the unfinished tasks carry
/// over; without that fallback the timeout is only recorded. Carried-over tasks keep running (or
/// stay ready) without blocking the next wave; their successors still wait for them. A task that
/// failed for good, or is blocked behind one, counts as done for its barrier.
public struct BarrierConfiguration: Sendable, Equatable {
    /// Why a wave was cut where it was.
    public enum Kind: Sendable, Equatable {
        case full
        case quorum(Double)
    }

    public var kind: Kind
    public var timeoutHours: Double?
    public var deferOptional: Bool

    public init(kind: Kind = .full, timeoutHours: Double? = nil, deferOptional: Bool = false) {
        self.kind = kind
        self.timeoutHours = timeoutHours
        self.deferOptional = deferOptional
    }

    public static let full = BarrierConfiguration()

    /// Reads a `waves.json` barrier (`{"kind": "quorum", "quorum": 0.95, "timeoutMinutes": 120,
    /// "fallback": "deferOptional"}`).
    public init(_ barrier: WavesDocument.Barrier, file: String) throws(TasksError) {
        func fail(_ message: String) -> TasksError { TasksError(.invalidPlan, "\(file): barrier: \(message)") }
        switch barrier.kind.lowercased() {
        case "full":
            kind = .full
        case "quorum":
            let q = barrier.quorum ?? 1
            guard q.isFinite, q > 0, q <= 1 else { throw fail("quorum must be in (0, 1], got \(q)") }
            kind = .quorum(q)
        default:
            throw fail("unknown kind \(barrier.kind) (full, quorum)")
        }
        if let m = barrier.timeoutMinutes {
            guard m.isFinite, m >= 0 else { throw fail("timeoutMinutes must not be negative, got \(m)") }
            timeoutHours = m / 60
        } else {
            timeoutHours = nil
        }
        deferOptional = barrier.fallback?.lowercased() == "deferoptional"
    }

    /// The barrier as `waves.json` writes it.
    public var document: WavesDocument.Barrier {
        switch kind {
        case .full:
            return WavesDocument.Barrier(kind: "full", timeoutMinutes: timeoutHours.map { $0 * 60 },
                                         fallback: deferOptional ? "deferOptional" : nil)
        case .quorum(let q):
            return WavesDocument.Barrier(kind: "quorum", quorum: q, timeoutMinutes: timeoutHours.map { $0 * 60 },
                                         fallback: deferOptional ? "deferOptional" : nil)
        }
    }

    /// Finished members needed to open the barrier of a wave of `size` tasks.
    @inlinable
    public func needed(ofSize size: Int32) -> Int32 {
        switch kind {
        case .full: return size
        case .quorum(let q): return min(size, max(1, Int32((q * Double(size) - 1e-9).rounded(.up))))
        }
    }
}

/// The waves of a plan: Kahn layers of the filtered DAG (TaskGraph.layers), each split into
/// sub-waves by first fit in priority order — a task goes to the first sub-wave of its layer that
/// has room (`maxWaveSize`) and, with resource separation, no holder of its exclusive resources and
/// enough left of its pools. Sub-waves of one layer run one after another.
///
/// This is what `waves.json` lists; membership is fixed before any run, so every Monte Carlo
/// iteration uses the same waves.
public struct WavePartition: Sendable {
    /// Members of each wave, in priority order.
    public let waves: [[Int32]]
    /// The Kahn layer each wave came from.
    public let layerOfWave: [Int32]
    /// Task → wave.
    public let waveOf: ContiguousArray<Int32>
    public let configuration: WaveConfiguration

    public init(_ problem: SchedulingProblem, order: ReadyOrder, configuration: WaveConfiguration) {
        self.configuration = configuration
        let limit = configuration.maxWaveSize.map { max(1, $0) } ?? Int.max
        var waves: [[Int32]] = []
        var layerOfWave: [Int32] = []
        var waveOf = ContiguousArray<Int32>(repeating: 0, count: problem.taskCount)
        for (layerIndex, layer) in problem.graph.layers.enumerated() {
            let members = layer.sorted { order.rank[Int($0)] < order.rank[Int($1)] }
            var subwaves: [[Int32]] = []
            var lockTaken: [Set<Int32>] = []
            var poolUsed: [[Int32]] = []
            for t in members {
                var placed = -1
                search: for s in subwaves.indices where subwaves[s].count < limit {
                    if configuration.separateResources {
                        for k in problem.locks(of: t) where lockTaken[s].contains(problem.lockIDs[k]) { continue search }
                        for k in problem.pools(of: t) {
                            let p = Int(problem.poolIDs[k])
                            if poolUsed[s][p] + problem.poolAmounts[k] > problem.poolCapacity[p] { continue search }
                        }
                    }
                    placed = s
                    break
                }
                if placed < 0 {
                    placed = subwaves.count
                    subwaves.append([])
                    lockTaken.append([])
                    poolUsed.append([Int32](repeating: 0, count: problem.poolCount))
                }
                subwaves[placed].append(t)
                for k in problem.locks(of: t) { lockTaken[placed].insert(problem.lockIDs[k]) }
                for k in problem.pools(of: t) { poolUsed[placed][Int(problem.poolIDs[k])] += problem.poolAmounts[k] }
            }
            for s in subwaves {
                for t in s { waveOf[Int(t)] = Int32(waves.count) }
                waves.append(s)
                layerOfWave.append(Int32(layerIndex))
            }
        }
        self.waves = waves
        self.layerOfWave = layerOfWave
        self.waveOf = waveOf
    }

    public var count: Int { waves.count }

    /// Task ids of each wave, as `waves.json` lists them.
    public func ids(_ problem: SchedulingProblem) -> [[String]] {
        waves.map { $0.map { problem.ids[Int($0)] } }
    }
}
