/// A binary min-heap of 64-bit ready keys in one flat array.
///
/// The ready buckets only ever need `insert`, `min` and `popMin` on plain integers, and they do it
/// on every start and finish; a classic binary heap does that with half the comparisons of
/// HeapModule's min-max heap (measured: `trickleDownMin` was a sixth of a 3,000-task run). The
/// storage is kept across runs; `removeAll` keeps capacity. `HeapBits` holds the sifting, which
/// the ready buckets also run on the per-class heaps they keep side by side in one buffer.
struct KeyHeap: Sendable {
    private(set) var storage: ContiguousArray<UInt64> = []

    var isEmpty: Bool { storage.isEmpty }
    var count: Int { storage.count }

    @inline(__always)
    var min: UInt64? { storage.first }

    /// - Complexity: O(log count)
    @inline(__always)
    mutating func insert(_ key: UInt64) {
        storage.append(key)
        storage.withUnsafeMutableBufferPointer { HeapBits.siftUp(key, $0.baseAddress!, at: $0.count - 1) }
    }

    /// - Complexity: O(log count)
    @inline(__always)
    mutating func popMin() -> UInt64? {
        guard let top = storage.first else { return nil }
        let last = storage.removeLast()
        guard !storage.isEmpty else { return top }
        storage.withUnsafeMutableBufferPointer { HeapBits.siftDown(last, $0.baseAddress!, count: $0.count) }
        return top
    }

    mutating func removeAll() { storage.removeAll(keepingCapacity: true) }
}

/// Binary min-heap sifting on raw keys.
enum HeapBits {
    /// Places `key` at index `i` (the new last slot) and moves it up.
    @inline(__always)
    static func siftUp(_ key: UInt64, _ a: UnsafeMutablePointer<UInt64>, at i: Int) {
        var i = i
        while i > 0 {
            let parent = (i &- 1) >> 1
            guard key < a[parent] else { break }
            a[i] = a[parent]
            i = parent
        }
        a[i] = key
    }

    /// Places `key` (the old last element) at the root of a heap of `count` slots and moves it down.
    @inline(__always)
    static func siftDown(_ key: UInt64, _ a: UnsafeMutablePointer<UInt64>, count n: Int) {
        var i = 0
        while true {
            var child = 2 &* i &+ 1
            if child >= n { break }
            if child &+ 1 < n && a[child &+ 1] < a[child] { child &+= 1 }
            guard a[child] < key else { break }
            a[i] = a[child]
            i = child
        }
        a[i] = key
    }
}
