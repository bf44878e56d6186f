/// The wave-based model: only tasks of released waves may start; wave k+1 is released when the
/// barrier after wave k opens. Inside the released waves, dispatch is the same greedy pass as the
/// rolling frontier (priority order, `max_concurrent_tasks`, CPU, memory, resources).
///
/// Wave states: pending → released (its tasks may start once their predecessors are done) →
/// barrier open (the next wave is released; unfinished members carry over). Task states: waiting
/// → held (wave not released) → ready → running → finished | failed | paused, as in `Plan`.
///
/// With `WaveConfiguration.layersOnly` this is the peers' barrier model exactly (wave = longest-
/// path depth, full barrier), so results can be compared with them run by run.
public struct WavePolicy: SchedulingPolicy {
    public let partition: WavePartition
    public var barrier: BarrierConfiguration { partition.configuration.barrier }

    /// The latest released wave.
    var current: Int32 = 0
    var resolvedCount: ContiguousArray<Int32> = []
    var size: ContiguousArray<Int32> = []
    var releasedAt: ContiguousArray<Double> = []
    var openedAt: ContiguousArray<Double> = []
    var lastResolvedAt: ContiguousArray<Double> = []
    var carried: ContiguousArray<Int32> = []
    var timedOut: ContiguousArray<Bool> = []
    var heldHead: ContiguousArray<Int32> = []
    var heldNext: ContiguousArray<Int32> = []

    public init(partition: WavePartition) {
        self.partition = partition
    }

    public init(_ problem: SchedulingProblem, order: ReadyOrder, configuration: WaveConfiguration = WaveConfiguration()) {
        self.init(partition: WavePartition(problem, order: order, configuration: configuration))
    }

    public var modelName: String { "wave_based" }

    public mutating func begin(_ problem: SchedulingProblem, at start: Double) {
        let w = partition.count
        if size.count != w {
            size = ContiguousArray(partition.waves.map { Int32($0.count) })
            resolvedCount = ContiguousArray(repeating: 0, count: w)
            releasedAt = ContiguousArray(repeating: 0, count: w)
            openedAt = ContiguousArray(repeating: 0, count: w)
            lastResolvedAt = ContiguousArray(repeating: 0, count: w)
            carried = ContiguousArray(repeating: 0, count: w)
            timedOut = ContiguousArray(repeating: false, count: w)
            heldHead = ContiguousArray(repeating: -1, count: w)
            heldNext = ContiguousArray(repeating: -1, count: problem.taskCount)
        }
        for i in 0..<w {
            resolvedCount[i] = 0
            releasedAt[i] = .infinity
            openedAt[i] = .infinity
            lastResolvedAt[i] = .infinity
            carried[i] = 0
            timedOut[i] = false
            heldHead[i] = -1
        }
        current = 0
        if w > 0 { releasedAt[0] = start }
    }

    public mutating func admit(_ t: Int32, at now: Double) -> Bool {
        let w = partition.waveOf[Int(t)]
        if w <= current { return true }
        heldNext[Int(t)] = heldHead[Int(w)]
        heldHead[Int(w)] = t
        return false
    }

    public mutating func resolved(_ t: Int32, at now: Double, released: inout ContiguousArray<Int32>) {
        let w = Int(partition.waveOf[Int(t)])
        resolvedCount[w] += 1
        lastResolvedAt[w] = now
        openBarriers(at: now, force: false, released: &released)
    }

    public var nextTimerTime: Double {
        guard let timeout = barrier.timeoutHours, Int(current) < partition.count else { return .infinity }
        let c = Int(current)
        return openedAt[c].isFinite || timedOut[c] ? .infinity : releasedAt[c] + timeout
    }

    public mutating func timersFired(at now: Double, released: inout ContiguousArray<Int32>) {
        guard now >= nextTimerTime else { return }
        timedOut[Int(current)] = true
        openBarriers(at: now, force: barrier.deferOptional, released: &released)
    }

    /// Opens the current wave's barrier while its condition holds (or once, if forced by a
    /// timeout), releasing the next wave each time. Several can open at one instant when a wave
    /// consists only of tasks blocked behind a failure.
    mutating func openBarriers(at now: Double, force: Bool, released: inout ContiguousArray<Int32>) {
        var force = force
        while Int(current) < partition.count {
            let c = Int(current)
            guard openedAt[c] == .infinity else { return }
            guard force || resolvedCount[c] >= barrier.needed(ofSize: size[c]) else { return }
            force = false
            openedAt[c] = now
            carried[c] = size[c] - resolvedCount[c]
            guard c + 1 < partition.count else { return }
            current += 1
            releasedAt[c + 1] = now
            var t = heldHead[c + 1]
            heldHead[c + 1] = -1
            while t >= 0 {
                released.append(t)
                t = heldNext[Int(t)]
            }
        }
    }

    public func wave(of t: Int32) -> Int32? { partition.waveOf[Int(t)] }

    public func releaseTime(ofWave w: Int) -> Double? {
        releasedAt.indices.contains(w) && releasedAt[w].isFinite ? releasedAt[w] : nil
    }

    /// Release time of each wave in the last run (`+infinity` if never released).
    public var releaseTimes: ContiguousArray<Double> { releasedAt }
    /// Barrier opening time of each wave in the last run (`+infinity` if it never opened).
    public var barrierTimes: ContiguousArray<Double> { openedAt }

    public func waveTimeline(_ problem: SchedulingProblem) -> [RunTrace.Wave] {
        partition.waves.indices.map { w in
            RunTrace.Wave(index: w, layer: Int(partition.layerOfWave[w]),
                          tasks: partition.waves[w].map { problem.ids[Int($0)] },
                          releasedAt: releaseTime(ofWave: w),
                          barrierOpenedAt: openedAt[w].isFinite ? openedAt[w] : nil,
                          lastFinishedAt: resolvedCount[w] == size[w] && lastResolvedAt[w].isFinite ? lastResolvedAt[w] : nil,
                          timedOut: timedOut[w], carriedOver: Int(carried[w]))
        }
    }
}
