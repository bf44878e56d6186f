/// Ascending sort of doubles by their bit patterns: a least-significant-digit radix sort.
///
/// Every estimate sorts each model's makespans and every wave's durations, 10,000 values apiece;
/// the standard library's comparison sort spent ~55 ns per value there (8 % of an unconstrained
/// 10,000-iteration estimate of a 3,000-task plan). Here each value is mapped to a key that orders
/// as the value does (flip every bit of a negative, the sign bit of a positive), the keys are
/// counted once for all eight byte digits, and one stable scatter pass runs per digit in which
/// the values differ — two or three for durations that share sign and exponent.
///
/// The order is the standard library's for every value except `-0.0`, which comes before `0.0`
/// instead of beside it, and NaNs, which go to the ends instead of anywhere.
public enum RadixSort {
    /// Below this many values the comparison sort is faster.
    static let threshold = 512

    public static func ascending(_ values: inout [Double]) {
        let n = values.count
        guard n >= threshold else { return values.sort() }
        var keys = values.map { d -> UInt64 in
            let b = d.bitPattern
            return b >> 63 == 1 ? ~b : b | (1 << 63)
        }
        var counts = [Int](repeating: 0, count: 8 * 256)
        for k in keys {
            for digit in 0..<8 { counts[digit << 8 | Int(truncatingIfNeeded: k >> (8 * UInt64(digit))) & 0xFF] += 1 }
        }
        var scratch = [UInt64](repeating: 0, count: n)
        for digit in 0..<8 {
            let base = digit << 8
            // A digit every key shares moves nothing.
            if counts[base + Int(truncatingIfNeeded: keys[0] >> (8 * UInt64(digit))) & 0xFF] == n { continue }
            var offset = 0
            for b in 0..<256 {
                let c = counts[base + b]
                counts[base + b] = offset
                offset += c
            }
            let shift = 8 * UInt64(digit)
            keys.withUnsafeBufferPointer { from in
                scratch.withUnsafeMutableBufferPointer { to in
                    counts.withUnsafeMutableBufferPointer { next in
                        for k in from {
                            let slot = base + Int(truncatingIfNeeded: k >> shift) & 0xFF
                            to[next[slot]] = k
                            next[slot] += 1
                        }
                    }
                }
            }
            swap(&keys, &scratch)
        }
        for i in 0..<n {
            let k = keys[i]
            values[i] = Double(bitPattern: k >> 63 == 1 ? k & ~(1 << 63) : ~k)
        }
    }
}
