@testable import Scheduling
import Testing

/// `RankBits` against Swift's `Set` under random operations, at sizes that need one, two, three
/// and four summary levels.
@Suite("RankBits")
struct RankSetTests {
    @Test("insert, remove, min and popMin agree with a reference set", arguments: [1, 63, 64, 65, 3_000, 4_096, 4_097, 300_000])
    func agreesWithReference(capacity: Int) {
        var set = RankSet()
        set.reset(capacity: capacity)
        var reference = Set<Int>()
        var rng = SplitMix64(seed: UInt64(capacity))
        for step in 0..<20_000 {
            let x = Int(rng.next() % UInt64(capacity))
            switch rng.next() % 4 {
            case 0, 1:
                set.insert(x)
                reference.insert(x)
            case 2:
                if reference.contains(x) {
                    set.remove(x)
                    reference.remove(x)
                }
            default:
                #expect(set.popMin() == reference.min(), "step \(step)")
                if let m = reference.min() { reference.remove(m) }
            }
            #expect(set.min == reference.min(), "step \(step)")
            if set.min != reference.min() { return }
        }
        set.reset(capacity: capacity)
        #expect(set.min == nil)
    }
}

/// An owning set over `RankBits`, for the test.
struct RankSet {
    private var words: [UInt64] = []
    private var layout = RankBits.Layout(capacity: 0)

    mutating func reset(capacity: Int) {
        layout = RankBits.Layout(capacity: capacity)
        words = [UInt64](repeating: 0, count: layout.wordCount)
    }

    mutating func insert(_ x: Int) {
        let l = layout
        words.withUnsafeMutableBufferPointer { RankBits.insert(x, $0.baseAddress!, l) }
    }

    mutating func remove(_ x: Int) {
        let l = layout
        words.withUnsafeMutableBufferPointer { RankBits.remove(x, $0.baseAddress!, l) }
    }

    var min: Int? {
        let l = layout
        return words.withUnsafeBufferPointer { RankBits.min($0.baseAddress!, l) }
    }

    mutating func popMin() -> Int? {
        guard let m = min else { return nil }
        remove(m)
        return m
    }
}
