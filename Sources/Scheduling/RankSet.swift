/// A set of integers in `0..<capacity` as a hierarchy of 64-bit words (a van Emde Boas-style
/// summary tree of fan-out 64): insert, remove and min touch one word per level, two levels up to
/// 4,096 ranks and three up to 262,144.
///
/// The ready buckets keep their class heads here when keys are static ranks: unlike a heap it can
/// drop a head that is no longer one, so a dispatch pass never wades through stale entries (which
/// were most of a pass's time on a 3,000-task plan).
struct RankSet: Sendable {
    /// Level 0 (one bit per rank) first, then each summary level; the last level is one word.
    private var words: ContiguousArray<UInt64> = []
    private var levelStart: ContiguousArray<Int> = []
    private(set) var capacity = 0

    /// Empties the set and sizes it for `0..<capacity`.
    mutating func reset(capacity: Int) {
        if capacity != self.capacity || words.isEmpty {
            self.capacity = capacity
            var starts = ContiguousArray<Int>()
            var total = 0, width = Swift.max(1, (capacity + 63) >> 6)
            while true {
                starts.append(total)
                total += width
                if width == 1 { break }
                width = (width + 63) >> 6
            }
            levelStart = starts
            words = ContiguousArray(repeating: 0, count: total)
        } else {
            for i in words.indices { words[i] = 0 }
        }
    }

    @inline(__always)
    mutating func insert(_ x: Int) {
        let starts = levelStart
        words.withUnsafeMutableBufferPointer { w in
            var i = x
            for start in starts {
                let k = start &+ (i &>> 6)
                let was = w[k]
                w[k] = was | (1 &<< UInt64(i & 63))
                if was != 0 { return }
                i &>>= 6
            }
        }
    }

    @inline(__always)
    mutating func remove(_ x: Int) {
        let starts = levelStart
        words.withUnsafeMutableBufferPointer { w in
            var i = x
            for start in starts {
                let k = start &+ (i &>> 6)
                let now = w[k] & ~(1 &<< UInt64(i & 63))
                w[k] = now
                if now != 0 { return }
                i &>>= 6
            }
        }
    }

    /// The smallest member, or nil when empty.
    @inline(__always)
    var min: Int? {
        words.withUnsafeBufferPointer { w in
            var i = 0
            var level = levelStart.count - 1
            while level >= 0 {
                let word = w[levelStart[level] &+ i]
                if word == 0 { return nil }   // only the top word can be zero on the way down
                i = (i &<< 6) | word.trailingZeroBitCount
                level -= 1
            }
            return i
        }
    }

    @inline(__always)
    mutating func popMin() -> Int? {
        guard let m = min else { return nil }
        remove(m)
        return m
    }
}
