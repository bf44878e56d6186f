internal import CGSL

/// Draws every task's duration for one Monte Carlo iteration, fast enough for the engine's budget.
///
/// `gsl_ran_beta` costs ≈27 ns a draw, more than the engine's whole budget of ≈18 ns per task and
/// iteration. So GSL's inverse CDFs run once, here, into one table per distinct unit distribution
/// (see `QuantileGrid`), and a draw is one GSL uniform, a bit-level cell lookup and a linear
/// interpolation. Fixed durations have no table and draw nothing.
///
/// Common random numbers: `sample(into:stream:)` uses exactly one uniform per non-fixed task, in
/// task order, and maps it through that task's quantile function. The k-th non-fixed task always
/// gets the k-th uniform of its iteration's stream and its duration grows with that uniform, so two
/// variants of a plan sampled with the same `(seed, iteration)` see the same luck task by task and
/// their difference has far less variance than two independent runs. Making a task fixed (or not)
/// shifts the uniforms of the non-fixed tasks after it.
public struct DurationSampler: Sendable {
    /// The models the sampler was built from, by task index.
    public let models: [DurationModel]
    let grid: QuantileGrid
    /// Every distinct distribution's table, back to back, so a draw touches one flat array.
    let tables: [Float]
    let units: [UnitDistribution]
    /// The non-fixed tasks in task order. Kept as one array of structs because the draw loop reads
    /// all of a task's fields together, in order: one sequential stream the prefetcher follows.
    private let slots: [Slot]
    private let fixed: [FixedTask]

    struct Slot: Sendable {
        var task: Int
        /// Offset of the lower-tail half of this task's table in `tables`.
        var table: Int
        var unit: Int
        var location: Double
        var scale: Double
        var upperBound: Double
    }

    struct FixedTask: Sendable {
        var task: Int
        var hours: Double
    }

    /// Builds the tables. `resolution` is the number of interpolation intervals per table, split
    /// evenly over 2 × 16 octaves of tail probability, so it must be 32 times a power of two. The
    /// default 512 (16 cells per octave) keeps quantiles within 6·10⁻⁵·(b − a) of GSL's exact beta
    /// inverse, and a table at 2 KB, so even 3,000 distinct distributions stay in the L3 cache.
    public init(models: [DurationModel], resolution: Int = 512) throws(SamplingError) {
        GSL.prepare()
        let grid = try QuantileGrid(resolution: resolution)
        var tableOfUnit: [UnitDistribution: Int] = [:]
        var units: [UnitDistribution] = []
        var tables: [Float] = []
        var slots: [Slot] = []
        var fixed: [FixedTask] = []
        for (task, model) in models.enumerated() {
            guard let unit = model.unit else {
                fixed.append(FixedTask(task: task, hours: model.mostLikely))
                continue
            }
            let index: Int
            if let known = tableOfUnit[unit] {
                index = known
            } else {
                do throws(SamplingError) {
                    tables += try QuantileTable.build(unit, grid: grid)
                } catch {
                    throw SamplingError("task \(task) (\(model)): \(error.message)")
                }
                index = units.count
                units.append(unit)
                tableOfUnit[unit] = index
            }
            slots.append(Slot(task: task, table: index * grid.tableLength, unit: index, location: model.optimistic,
                              scale: model.scale, upperBound: model.upperBound))
        }
        self.models = models
        self.grid = grid
        self.tables = tables
        self.units = units
        self.slots = slots
        self.fixed = fixed
    }

    public var taskCount: Int { models.count }
    /// Uniforms one `sample(into:stream:)` consumes: one per non-fixed task.
    public var drawsPerSample: Int { slots.count }
    /// Distinct tables built; tasks equal up to location and scale share one.
    public var tableCount: Int { units.count }

    /// Writes one duration per task into `out` (which must hold `taskCount` values), in task order.
    public func sample(into out: UnsafeMutableBufferPointer<Double>, stream: borrowing RandomStream) {
        precondition(out.count == models.count, "sample(into:) needs room for \(models.count) durations, got \(out.count)")
        for task in fixed {
            out[task.task] = task.hours
        }
        let generator = stream.generator
        tables.withUnsafeBufferPointer { table in
            slots.withUnsafeBufferPointer { slots in
                // Two passes, with `out` holding the uniforms in between: the generator is an opaque
                // call that clobbers every floating-point register, so interleaving it with the
                // lookups spilled each task's fields around every call.
                for slot in slots {
                    out[slot.task] = cgsl_rng_uniform(generator)
                }
                if tables.count > Self.cachedTableFloats {
                    lookUp(slots, table, out, prefetching: true)
                } else {
                    lookUp(slots, table, out, prefetching: false)
                }
            }
        }
    }

    /// `sample(into:stream:)` into an array, resized to `taskCount` if it is not already.
    public func sample(into out: inout [Double], stream: borrowing RandomStream) {
        if out.count != models.count { out = [Double](repeating: 0, count: models.count) }
        out.withUnsafeMutableBufferPointer { sample(into: $0, stream: stream) }
    }

    /// Draws with GSL's own samplers (`gsl_ran_beta`, `gsl_ran_lognormal`, `gsl_ran_flat`; inversion
    /// for the triangular, which GSL lacks): 5–7× slower, and the number of uniforms per task varies,
    /// so it is no use for common random numbers — it is the independent reference for the table.
    public func sampleExact(into out: UnsafeMutableBufferPointer<Double>, stream: borrowing RandomStream) {
        precondition(out.count == models.count, "sampleExact(into:) needs room for \(models.count) durations, got \(out.count)")
        for (task, model) in models.enumerated() {
            out[task] = model.drawExact(stream.generator)
        }
    }

    public func sampleExact(into out: inout [Double], stream: borrowing RandomStream) {
        if out.count != models.count { out = [Double](repeating: 0, count: models.count) }
        out.withUnsafeMutableBufferPointer { sampleExact(into: $0, stream: stream) }
    }

    /// The duration `sample(into:)` writes for `task` when that task's uniform is `p`: the table's
    /// quantile function, for checking it against the exact `DurationModel.quantile`.
    public func tableQuantile(task: Int, _ p: Double) -> Double {
        precondition(models.indices.contains(task), "no task \(task)")
        precondition((0...1).contains(p), "probability \(p) is outside 0...1")
        guard let slot = slot(of: task) else { return models[task].mostLikely }
        let x = tables.withUnsafeBufferPointer { unitValue(slot, p, $0, grid) }
        return Self.duration(slot, x)
    }

    private func slot(of task: Int) -> Slot? {
        var low = 0, high = slots.count
        while low < high {
            let mid = (low + high) / 2
            if slots[mid].task < task { low = mid + 1 } else { high = mid }
        }
        return low < slots.count && slots[low].task == task ? slots[low] : nil
    }
}
