/// Where the quantile table's nodes sit in probability, and how a uniform finds its cell.
///
/// Quantile functions are steep at the ends (beta-PERT's grows like p^(1/α) from 0), so an even
/// grid in p wastes nodes in the middle and is still far too coarse in the tails. This grid folds
/// `u` to `v = min(u, 1 − u)` and puts the same number of evenly spaced cells in every octave
/// `[2⁻ᵏ⁻¹, 2⁻ᵏ)` of `v`, 16 octaves deep; so the spacing shrinks with `v` and the interpolation
/// error of a power law stays below `1/(32·K²)` of its value, K being the cells per octave. Cells
/// evenly spaced within an octave make the lookup free: a uniform's cell is the top bits of its
/// IEEE-754 exponent and mantissa, its position in the cell the remaining mantissa bits — no log,
/// no division, no search. Below `v = 2⁻¹⁷` (probability 1.5·10⁻⁵ per draw) the sampler calls the
/// exact GSL inverse instead, which keeps the extreme tails, and hence the mean, exact.
struct QuantileGrid: Sendable, Equatable {
    static let octaves = 16
    /// The smallest `v` the table covers, `2^-(octaves + 1)`; the grid ends at `v = 0.5`.
    static let floor = 0x1p-17

    let cellsPerOctaveLog2: Int
    /// Mantissa bits below the cell index: they are the position within the cell.
    private let shift: UInt64
    /// The index `v.bitPattern >> shift` has at `v = floor`.
    private let firstIndex: Int
    private let fractionScale: Double

    /// `resolution` counts table intervals over both tails: 2 · octaves · cells per octave.
    init(resolution: Int) throws(SamplingError) {
        let perOctave = resolution / (2 * Self.octaves)
        guard (1...4096).contains(perOctave), perOctave * 2 * Self.octaves == resolution,
              perOctave & (perOctave - 1) == 0 else {
            throw SamplingError("table resolution must be \(2 * Self.octaves) times a power of two up to 4096, got \(resolution)")
        }
        cellsPerOctaveLog2 = perOctave.trailingZeroBitCount
        shift = UInt64(52 - cellsPerOctaveLog2)
        firstIndex = (1023 - Self.octaves - 1) << cellsPerOctaveLog2
        fractionScale = Double(sign: .plus, exponent: -Int(shift), significand: 1)
    }

    var cellsPerSide: Int { Self.octaves << cellsPerOctaveLog2 }
    /// Nodes `0...cellsPerSide`, then a copy of the last so that `v = 0.5` exactly (cell
    /// `cellsPerSide`, fraction 0) reads a right neighbour without a branch.
    var sideLength: Int { cellsPerSide + 2 }
    var tableLength: Int { 2 * sideLength }

    /// The `v` of node `i`; exact, so `1 − v` is exact too.
    func node(_ i: Int) -> Double {
        Double(bitPattern: UInt64(firstIndex + i) << shift)
    }

    /// The cell holding `v` in `[floor, 0.5]`, and where in it `v` lies, in [0, 1).
    @inline(__always)
    func locate(_ v: Double) -> (cell: Int, fraction: Double) {
        let bits = v.bitPattern
        let cell = Int(truncatingIfNeeded: bits &>> shift) &- firstIndex
        let fraction = Double(bits & ((1 &<< shift) &- 1)) * fractionScale
        return (cell, fraction)
    }
}

/// The unit quantiles of one `UnitDistribution` at the grid's nodes: lower tail `Q(v)`, then upper
/// tail `Q(1 − v)`, as `Float`.
///
/// `Float` halves the cache footprint and its 6·10⁻⁸ relative precision is far below the
/// interpolation error. Building checks what GSL returns, because its inverse CDFs report failure
/// only as NaN: every node must be finite and the quantiles monotone, and the exact inverse the tail
/// path will call must work at the extremes, so that sampling itself can never fail.
enum QuantileTable {
    static func build(_ unit: UnitDistribution, grid: QuantileGrid) throws(SamplingError) -> [Float] {
        let n = grid.cellsPerSide
        let v = (0...n).map(grid.node)
        var table: [Float] = []
        table.reserveCapacity(grid.tableLength)
        for upper in [false, true] {
            let x = unit.quantiles(atTail: v, upper: upper)
            for (i, value) in x.enumerated() where !value.isFinite {
                throw SamplingError("GSL failed to compute the \(unit) quantile at p = \(upper ? 1 - v[i] : v[i])")
            }
            table += x.map(Float.init)
            table.append(table[table.count - 1])
        }
        for i in 0..<n where table[i + 1] < table[i] || table[grid.sideLength + i + 1] > table[grid.sideLength + i] {
            throw SamplingError("GSL's \(unit) quantiles are not monotone near p = \(grid.node(i))")
        }
        // The tail path draws u in multiples of 2⁻³², u = 0 included.
        for p in [0, 0x1p-32, QuantileGrid.floor, 1 - QuantileGrid.floor, 1 - 0x1p-32] where !unit.quantile(p).isFinite {
            throw SamplingError("GSL failed to compute the \(unit) quantile at p = \(p)")
        }
        return table
    }
}
