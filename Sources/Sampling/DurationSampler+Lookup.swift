internal import CGSL
#if canImport(Glibc)
import Glibc
#endif

// The draw loop: everything `sample(into:stream:)` runs per task, tuned because it is the engine's
// innermost loop.
extension DurationSampler {
    /// Tables that fit in three quarters of the L2 cache stay there next to the simulation's own
    /// state, and prefetching them only costs time: net-3000's 308 tables (620 KB, in a 1 MB L2)
    /// took 8 % less CPU for the whole unconstrained run without it. Beyond, every lookup would
    /// miss to L3; prefetching 32 tasks ahead cut a 3,000-table draw from 8 to 5.5 ns. Where the
    /// L2 size is unknown, 256 KB, the smallest in current x86 and ARM cores.
    static let cachedTableFloats: Int = {
        #if canImport(Glibc)
        let l2 = sysconf(Int32(_SC_LEVEL2_CACHE_SIZE))
        #else
        let l2 = -1
        #endif
        return (l2 > 0 ? l2 * 3 / 4 : 256 * 1024) / MemoryLayout<Float>.stride
    }()
    static let lookahead = 32

    /// Replaces each task's uniform in `out` by its duration. `prefetching` is a constant at both
    /// call sites, so each gets its own loop without a test inside.
    @inline(__always)
    func lookUp(
        _ slots: UnsafeBufferPointer<Slot>, _ table: UnsafeBufferPointer<Float>, _ out: UnsafeMutableBufferPointer<Double>,
        prefetching: Bool
    ) {
        let grid = grid  // a local, so its fields stay in registers across the stores to `out`
        for k in slots.indices {
            if prefetching, k &+ Self.lookahead < slots.count {
                let ahead = slots[k &+ Self.lookahead]
                cgsl_prefetch(table.baseAddress! + cellIndex(ahead, out[ahead.task], grid))
            }
            let slot = slots[k]
            let x = unitValue(slot, out[slot.task], table, grid)
            out[slot.task] = Self.duration(slot, x)
        }
    }

    /// `x` scaled into the task's range, clamped to it. `y > lo ? y : lo` rather than `max(y, lo)`:
    /// the stdlib's `max` orders NaN and signed zeros in a way x86's `maxsd` does not, so it compiled
    /// to a four-instruction blend in the draw loop. The tables hold finite values only.
    @inline(__always)
    static func duration(_ slot: Slot, _ x: Double) -> Double {
        let y = slot.location + slot.scale * x
        return min(y > slot.location ? y : slot.location, slot.upperBound)
    }

    /// The unit quantile at `u`: interpolated in the table, or exact beyond its last node.
    ///
    /// Branch-free apart from the rare tail: which half of the table to read is half the time one
    /// and half the other, so a branch there would be mispredicted on every other draw.
    @inline(__always)
    func unitValue(_ slot: Slot, _ u: Double, _ table: UnsafeBufferPointer<Float>, _ grid: QuantileGrid) -> Double {
        let v = min(u, 1 - u)  // 1 − u is exact for u ≥ 0.5 (Sterbenz)
        guard v >= QuantileGrid.floor else { return tail(unit: slot.unit, table: slot.table, u, table) }
        let upperHalf = Int(truncatingIfNeeded: (0.5 - u).bitPattern) &>> 63  // all ones when u > 0.5
        let (cell, fraction) = grid.locate(v)
        let i = slot.table &+ (upperHalf & grid.sideLength) &+ cell
        let left = Double(table[i]), right = Double(table[i &+ 1])
        return left + fraction * (right - left)
    }

    /// Where `unitValue` will read for `u`, clamped into the table: only a prefetch address.
    @inline(__always)
    func cellIndex(_ slot: Slot, _ u: Double, _ grid: QuantileGrid) -> Int {
        let v = max(min(u, 1 - u), QuantileGrid.floor)
        let upperHalf = Int(truncatingIfNeeded: (0.5 - u).bitPattern) &>> 63
        return slot.table &+ (upperHalf & grid.sideLength) &+ grid.locate(v).cell
    }

    /// GSL's exact inverse for the outermost 2⁻¹⁷ of each tail, where interpolation would be poor.
    /// The table's build checked that GSL succeeds out there; should it still return NaN, the
    /// nearest table node stands in, since sampling has no way to report an error.
    @inline(never)
    func tail(unit: Int, table offset: Int, _ u: Double, _ table: UnsafeBufferPointer<Float>) -> Double {
        let x = units[unit].quantile(u)
        guard x.isNaN else { return x }
        return Double(table[offset + (u < 0.5 ? 0 : grid.sideLength)])
    }
}
