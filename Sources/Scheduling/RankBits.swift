/// A set of integers in `0..<capacity` as a hierarchy of 64-bit words (a van Emde Boas-style
/// summary tree of fan-out 64), operated on raw words so that several sets can sit side by side
/// in one buffer: insert, remove and min touch one word per level, two levels up to 4,096 ranks
/// and three up to 262,144.
///
/// The ready buckets keep their class heads in such sets when keys are static ranks: unlike a heap
/// a set can drop a head that is no longer one, so a dispatch pass never wades through stale
/// entries (which were most of a pass's time on a 3,000-task plan).
enum RankBits {
    /// Where each level starts: level 0 (one bit per rank) first, then each summary level; the
    /// last level is one word. At most 4 levels (2²⁴ ranks), so it fits in a value.
    struct Layout: Sendable {
        let capacity: Int
        let levels: Int
        let start: (Int, Int, Int, Int)
        let wordCount: Int

        init(capacity: Int) {
            precondition(capacity <= 1 << 24, "more than 2^24 ranks [this is a bug]")
            self.capacity = capacity
            var starts = [0, 0, 0, 0]
            var total = 0, width = Swift.max(1, (capacity + 63) >> 6), level = 0
            while true {
                starts[level] = total
                total += width
                level += 1
                if width == 1 { break }
                width = (width + 63) >> 6
            }
            levels = level
            start = (starts[0], starts[1], starts[2], starts[3])
            wordCount = total
        }

        @inline(__always)
        func start(_ level: Int) -> Int {
            switch level {
            case 0: return start.0
            case 1: return start.1
            case 2: return start.2
            default: return start.3
            }
        }
    }

    // Two levels (65 ... 4,096 ranks) is every plan between a hundred and a few thousand tasks;
    // insert, remove and min take a straight path for it, without the per-level start lookup.

    @inline(__always)
    static func insert(_ x: Int, _ w: UnsafeMutablePointer<UInt64>, _ layout: Layout) {
        if layout.levels == 2 {
            let k = x &>> 6
            let was = w[k]
            w[k] = was | (1 &<< UInt64(x & 63))
            if was == 0 { w[layout.start.1] |= 1 &<< UInt64(k) }
            return
        }
        var i = x
        for level in 0..<layout.levels {
            let k = layout.start(level) &+ (i &>> 6)
            let was = w[k]
            w[k] = was | (1 &<< UInt64(i & 63))
            if was != 0 { return }
            i &>>= 6
        }
    }

    @inline(__always)
    static func remove(_ x: Int, _ w: UnsafeMutablePointer<UInt64>, _ layout: Layout) {
        if layout.levels == 2 {
            let k = x &>> 6
            let now = w[k] & ~(1 &<< UInt64(x & 63))
            w[k] = now
            if now == 0 { w[layout.start.1] &= ~(1 &<< UInt64(k)) }
            return
        }
        var i = x
        for level in 0..<layout.levels {
            let k = layout.start(level) &+ (i &>> 6)
            let now = w[k] & ~(1 &<< UInt64(i & 63))
            w[k] = now
            if now != 0 { return }
            i &>>= 6
        }
    }

    @inline(__always)
    static func min(_ w: UnsafePointer<UInt64>, _ layout: Layout) -> Int? {
        if layout.levels == 2 {
            let top = w[layout.start.1]
            if top == 0 { return nil }
            let k = top.trailingZeroBitCount
            return (k &<< 6) | w[k].trailingZeroBitCount
        }
        var i = 0
        var level = layout.levels - 1
        while level >= 0 {
            let word = w[layout.start(level) &+ i]
            if word == 0 { return nil }   // only the top word can be zero on the way down
            i = (i &<< 6) | word.trailingZeroBitCount
            level -= 1
        }
        return i
    }
}
