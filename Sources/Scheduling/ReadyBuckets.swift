import HeapModule

/// The ready set, bucketed by demand class, and the merge that walks it in priority order.
///
/// The reference semantics is a linear scan of the ready list in priority order, starting every
/// task that fits and skipping the rest. During one pass resources only shrink, so once a member
/// of a demand class does not fit, no later member of that class can: the scan's outcome is
/// unchanged if the whole class is skipped from then on. Each class is a min-heap of ready keys,
/// and a pass merges the class heads through a second heap, dropping a class at its first miss.
/// A pass costs O((starts + classes) · log classes) instead of O(ready), which is what keeps a
/// 3,000-task plan with hundreds of ready tasks behind a binding CPU limit fast.
///
/// States of a key: inserted (task ready) → candidate (its class head, during a pass) → taken
/// (started) | left in its bucket (class dropped or pass stopped) until a later pass.
struct ReadyBuckets: Sendable {
    var heaps: ContiguousArray<Heap<UInt64>> = []
    var merge = Heap<UInt64>()
    var count = 0

    mutating func reset(classes: Int) {
        if heaps.count != classes {
            heaps = ContiguousArray(repeating: Heap(), count: classes)
        }
        for c in heaps.indices where !heaps[c].isEmpty { heaps[c].removeAll(where: { _ in true }) }
        merge.removeAll(where: { _ in true })
        count = 0
    }

    var isEmpty: Bool { count == 0 }

    @inline(__always)
    mutating func insert(_ key: UInt64, class c: Int32) {
        heaps[Int(c)].insert(key)
        count += 1
    }

    /// Starts a pass: every non-empty class offers its best key.
    /// - Complexity: O(classes)
    mutating func beginPass() {
        merge.removeAll(where: { _ in true })
        for c in heaps.indices {
            if let head = heaps[c].min { merge.insert(head) }
        }
    }

    /// The best key among the classes still in the pass.
    @inline(__always)
    mutating func nextCandidate() -> UInt64? { merge.popMin() }

    /// The candidate started: remove it and let its class offer its next key.
    @inline(__always)
    mutating func take(_ key: UInt64, class c: Int32) {
        let k = heaps[Int(c)].popMin()
        assert(k == key, "candidate is not its class head [this is a bug]")
        count -= 1
        if let next = heaps[Int(c)].min { merge.insert(next) }
    }

    /// Removes every key of class `c` for which `drop` is true (tasks abandoned after a failure).
    mutating func removeAll(class c: Int32, where drop: (UInt64) -> Bool) {
        let before = heaps[Int(c)].count
        heaps[Int(c)].removeAll(where: drop)
        count -= before - heaps[Int(c)].count
    }
}
