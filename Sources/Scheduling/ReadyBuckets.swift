/// The ready set, bucketed by demand class, and the merge that walks it in priority order.
///
/// The reference semantics is a linear scan of the ready list in priority order, starting every
/// task that fits and skipping the rest. During one pass resources only shrink, so once a member
/// of a demand class does not fit, no later member of that class can: the scan's outcome is
/// unchanged if the whole class is skipped from then on. Each class is a min-heap of ready keys;
/// a second heap, `heads`, holds each non-empty class's best key, so a pass visits classes in
/// priority order and drops a class at its first miss. A pass costs O((starts + classes missed)
/// · log) instead of O(ready): a 3,000-task plan with hundreds of ready tasks behind a binding
/// CPU or slot limit stays fast, and a pass that starts one task after a slot frees touches one
/// class.
///
/// `heads` is maintained lazily: a key is pushed when it becomes its class's head and may linger
/// after it stops being one; such stale entries are recognised (the class's head differs) and
/// dropped when they surface. With a static rule (keys are ranks below the task count) `heads` is
/// a `RankSet` instead, kept exact: a head that stops being one is removed at once, and a class
/// that misses leaves it until the pass ends. States of a key: inserted (task ready) → head of its
/// class → candidate (popped in a pass) → taken (task started) | deferred (class missed; back into
/// `heads` when the pass ends) | parked.
///
/// Parking (exact heads, untraced runs): a class that misses on a named resource (a lock, or a
/// pool without enough units) leaves the heads until that resource is released. Until then the
/// resource can only get busier, so the class would miss on every pass; where a pool binds, those
/// misses were most of a pass. Traced runs keep visiting such classes, because each miss refreshes
/// the wait attribution a trace reports.
///
/// CPU groups (with parking): the exact heads are kept in one `RankSet` per CPU group of classes
/// (`SchedulingProblem.cpuGroupFloor`), and a candidate is the best head among the groups whose
/// floor fits in the free CPU. A pass is "start the best task that fits, repeat": every check is
/// a demand against a free amount that only shrinks during the pass, so the best fitting task is
/// the one the priority-order scan would start next, and classes too big for the free CPU (most
/// misses on a CPU-bound plan) are never visited.
struct ReadyBuckets: Sendable {
    var heaps: ContiguousArray<KeyHeap> = []
    var heads = KeyHeap()
    /// The exact heads when keys are ranks (`exactHeads`), in place of `heads`, per CPU group
    /// (one group holding every class unless `parking`).
    var groupHeads: ContiguousArray<RankSet> = []
    var groupFloor: ContiguousArray<Double> = []
    var classGroup: ContiguousArray<Int32> = []
    var exactHeads = false
    /// Pass number in which each class last missed.
    var missedInPass: ContiguousArray<UInt32> = []
    var deferred: ContiguousArray<UInt64> = []
    /// The CPU group of each deferred key (exact heads only).
    var deferredGroup: ContiguousArray<Int32> = []
    var pass: UInt32 = 0
    var count = 0
    /// Whether classes are parked this run (see above).
    var parking = false
    /// Per class: the resource it is parked on, or -1; `parkNext` chains the classes parked on one
    /// resource, `parkHead` (per resource) starts the chain.
    var parkedOn: ContiguousArray<Int32> = []
    var parkNext: ContiguousArray<Int32> = []
    var parkHead: ContiguousArray<Int32> = []

    /// - Parameters:
    ///   - rankBound: every key is below it (a static priority rule), or nil (FIFO keys).
    ///   - resources: named resources classes may be parked on.
    ///   - parking: park classes that miss on a named resource (needs `rankBound`).
    ///   - cpuGroups: each class's CPU group and each group's floor (used when parking).
    mutating func reset(classes: Int, rankBound: Int?, resources: Int, parking: Bool,
                        cpuGroups: (ofClass: ContiguousArray<Int32>, floor: ContiguousArray<Double>)) {
        if heaps.count != classes {
            heaps = ContiguousArray(repeating: KeyHeap(), count: classes)
            missedInPass = ContiguousArray(repeating: 0, count: classes)
        }
        for c in heaps.indices {
            if !heaps[c].isEmpty { heaps[c].removeAll() }
            missedInPass[c] = 0
        }
        heads.removeAll()
        exactHeads = rankBound != nil
        self.parking = parking && exactHeads
        if self.parking && !cpuGroups.floor.isEmpty {
            classGroup = cpuGroups.ofClass
            groupFloor = cpuGroups.floor
        } else {
            if classGroup.count != classes { classGroup = ContiguousArray(repeating: 0, count: classes) }
            for c in classGroup.indices { classGroup[c] = 0 }
            groupFloor = [-.infinity]
        }
        if let rankBound {
            if groupHeads.count != groupFloor.count { groupHeads = ContiguousArray(repeating: RankSet(), count: groupFloor.count) }
            for g in groupHeads.indices { groupHeads[g].reset(capacity: rankBound) }
        }
        if parkedOn.count != classes { parkedOn = ContiguousArray(repeating: -1, count: classes) }
        if parkNext.count != classes { parkNext = ContiguousArray(repeating: -1, count: classes) }
        if parkHead.count != resources { parkHead = ContiguousArray(repeating: -1, count: resources) }
        for c in parkedOn.indices { parkedOn[c] = -1 }
        for r in parkHead.indices { parkHead[r] = -1 }
        deferred.removeAll(keepingCapacity: true)
        deferredGroup.removeAll(keepingCapacity: true)
        pass = 0
        count = 0
    }

    var isEmpty: Bool { count == 0 }

    /// - Complexity: O(log ready)
    @inline(__always)
    mutating func insert(_ key: UInt64, class c: Int32) {
        let old = heaps[Int(c)].min
        heaps[Int(c)].insert(key)
        count += 1
        guard heaps[Int(c)].min == key else { return }
        if exactHeads {
            if parkedOn[Int(c)] >= 0 { return }   // its head goes back when it is unparked
            let g = Int(classGroup[Int(c)])
            if let old { groupHeads[g].remove(Int(old)) }
            groupHeads[g].insert(Int(key))
        } else {
            heads.insert(key)
        }
    }

    /// Starts a pass.
    @inline(__always)
    mutating func beginPass() {
        pass &+= 1
        if pass == 0 {
            for c in missedInPass.indices { missedInPass[c] = 0 }
            pass = 1
        }
    }

    /// The best key of a class still in the pass (with exact heads: among the CPU groups whose
    /// floor is at most `cpuFree`), or nil. `classOf` maps a key to its class.
    @inline(__always)
    mutating func nextCandidate(cpuFree: Double, _ classOf: (UInt64) -> Int32) -> UInt64? {
        if exactHeads {
            var best = Int.max, bestGroup = -1
            var g = 0
            while g < groupFloor.count && groupFloor[g] <= cpuFree {
                if let m = groupHeads[g].min, m < best {
                    best = m
                    bestGroup = g
                }
                g += 1
            }
            guard bestGroup >= 0 else { return nil }
            groupHeads[bestGroup].remove(best)
            return UInt64(best)
        }
        while let key = heads.popMin() {
            let c = Int(classOf(key))
            guard heaps[c].min == key else { continue }       // stale: no longer its class's head
            guard missedInPass[c] != pass else {               // duplicate of a class that missed
                deferred.append(key)
                continue
            }
            return key
        }
        return nil
    }

    /// The candidate started: remove it; its class's next key becomes a head.
    @inline(__always)
    mutating func take(_ key: UInt64, class c: Int32) {
        let k = heaps[Int(c)].popMin()
        assert(k == key, "candidate is not its class head [this is a bug]")
        count -= 1
        guard let next = heaps[Int(c)].min else { return }
        if exactHeads { groupHeads[Int(classGroup[Int(c)])].insert(Int(next)) } else { heads.insert(next) }
    }

    /// The candidate did not fit: its class sits out the rest of the pass, or, parked on the named
    /// resource `resource` (-1: none), until that resource is released.
    @inline(__always)
    mutating func miss(_ key: UInt64, class c: Int32, resource: Int32 = -1) {
        if parking && resource >= 0 {
            parkedOn[Int(c)] = resource
            parkNext[Int(c)] = parkHead[Int(resource)]
            parkHead[Int(resource)] = c
            return
        }
        missedInPass[Int(c)] = pass
        deferred.append(key)
        if exactHeads { deferredGroup.append(classGroup[Int(c)]) }
    }

    /// `resource` was released: every class parked on it offers its head again.
    @inline(__always)
    mutating func unpark(_ resource: Int32) {
        var c = parkHead[Int(resource)]
        guard c >= 0 else { return }
        parkHead[Int(resource)] = -1
        while c >= 0 {
            let next = parkNext[Int(c)]
            parkedOn[Int(c)] = -1
            if let key = heaps[Int(c)].min { groupHeads[Int(classGroup[Int(c)])].insert(Int(key)) }
            c = next
        }
    }

    /// Ends a pass: classes that missed offer their heads again for the next one.
    @inline(__always)
    mutating func endPass() {
        if exactHeads {
            for (key, g) in zip(deferred, deferredGroup) { groupHeads[Int(g)].insert(Int(key)) }
            deferredGroup.removeAll(keepingCapacity: true)
        } else {
            for key in deferred { heads.insert(key) }
        }
        deferred.removeAll(keepingCapacity: true)
    }
}
