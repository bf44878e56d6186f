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
/// a `RankBits` set instead, kept exact: a head that stops being one is removed at once, and a class
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
/// CPU groups (with parking): the exact heads are kept in one `RankBits` set per CPU group of classes
/// (`SchedulingProblem.cpuGroupFloor`), and a candidate is the best head among the groups whose
/// floor fits in the free CPU. A pass is "start the best task that fits, repeat": every check is
/// a demand against a free amount that only shrinks during the pass, so the best fitting task is
/// the one the priority-order scan would start next, and classes too big for the free CPU (most
/// misses on a CPU-bound plan) are never visited.
struct ReadyBuckets: @unchecked Sendable {  // pointers owned by `store`, copied on write
    var store = ReadyStorage(problem: nil)
    /// `store`'s buffers, held here so the hot paths never touch the class (no retain, release or
    /// exclusivity check per access).
    var heapStart: UnsafeMutablePointer<Int32>
    var heapCount: UnsafeMutablePointer<Int32>
    var heapSlots: UnsafeMutablePointer<UInt64>
    var rankWords: UnsafeMutablePointer<UInt64>
    var missedInPass: UnsafeMutablePointer<UInt32>
    var classGroup: UnsafeMutablePointer<Int32>
    var groupFloor: UnsafeMutablePointer<Double>
    var parkedOn: UnsafeMutablePointer<Int32>
    var parkNext: UnsafeMutablePointer<Int32>
    var parkHead: UnsafeMutablePointer<Int32>
    var layout: RankBits.Layout
    /// Class heads with FIFO keys (no `rankBound`), kept lazily.
    var heads = KeyHeap()
    var exactHeads = false
    /// Whether classes are parked and grouped by CPU this run (see above).
    var parking = false
    var deferred: ContiguousArray<UInt64> = []
    /// The CPU group of each deferred key (exact heads only).
    var deferredGroup: ContiguousArray<Int32> = []
    var pass: UInt32 = 0
    var count = 0
    /// CPU groups in use this run: all of the problem's when parking, else one holding every class.
    var groups = 1

    init() { (heapStart, heapCount, heapSlots, rankWords, missedInPass, classGroup, groupFloor, parkedOn, parkNext, parkHead,
              layout) = Self.views(store) }

    private mutating func bind() {
        (heapStart, heapCount, heapSlots, rankWords, missedInPass, classGroup, groupFloor, parkedOn, parkNext, parkHead,
         layout) = Self.views(store)
    }

    private static func views(_ s: ReadyStorage) -> (
        UnsafeMutablePointer<Int32>, UnsafeMutablePointer<Int32>, UnsafeMutablePointer<UInt64>, UnsafeMutablePointer<UInt64>,
        UnsafeMutablePointer<UInt32>, UnsafeMutablePointer<Int32>, UnsafeMutablePointer<Double>, UnsafeMutablePointer<Int32>,
        UnsafeMutablePointer<Int32>, UnsafeMutablePointer<Int32>, RankBits.Layout
    ) {
        (s.heapStart, s.heapCount, s.heapSlots, s.rankWords, s.missedInPass, s.classGroup, s.groupFloor, s.parkedOn,
         s.parkNext, s.parkHead, s.layout)
    }

    /// - Parameters:
    ///   - rankBound: every key is below it (a static priority rule), or nil (FIFO keys).
    ///   - parking: park classes that miss on a named resource, and group the heads by CPU (needs
    ///     `rankBound`).
    ///
    /// The owning core has made the storage unique before (`PlanCore.makeUnique`).
    mutating func reset(_ problem: SchedulingProblem, rankBound: Int?, parking: Bool) {
        if !store.isLaidOut(for: problem) {
            store = ReadyStorage(problem: problem)
            bind()
        }
        store.clear()
        heads.removeAll()
        exactHeads = rankBound != nil
        self.parking = parking && exactHeads
        groups = self.parking ? store.groupCount : 1
        deferred.removeAll(keepingCapacity: true)
        deferredGroup.removeAll(keepingCapacity: true)
        pass = 0
        count = 0
    }

    /// Gives this value its own copy of the storage (the owning core found it shared).
    mutating func copyStorage() {
        store = store.copy()
        bind()
    }

    var isEmpty: Bool { count == 0 }

    /// The CPU group that holds class `c`'s head in this run.
    @inline(__always)
    func group(_ c: Int) -> Int { parking ? Int(classGroup[c]) : 0 }

    /// - Complexity: O(log ready)
    @inline(__always)
    mutating func insert(_ key: UInt64, class c: Int32) {
        let ci = Int(c)
        let n = Int(heapCount[ci])
        let slots = heapSlots + Int(heapStart[ci])
        let old: UInt64? = n > 0 ? slots[0] : nil
        HeapBits.siftUp(key, slots, at: n)
        heapCount[ci] = Int32(n + 1)
        count += 1
        guard slots[0] == key else { return }
        if exactHeads {
            if parkedOn[ci] >= 0 { return }   // its head goes back when it is unparked
            let w = words(group(ci))
            if let old { RankBits.remove(Int(old), w, layout) }
            RankBits.insert(Int(key), w, layout)
        } else {
            heads.insert(key)
        }
    }

    /// The words of CPU group `g`'s set of heads.
    @inline(__always)
    func words(_ g: Int) -> UnsafeMutablePointer<UInt64> { rankWords + g &* layout.wordCount }

    /// The smallest key of class `c`, or nil.
    @inline(__always)
    func classMin(_ c: Int) -> UInt64? { heapCount[c] > 0 ? heapSlots[Int(heapStart[c])] : nil }

    /// Starts a pass.
    @inline(__always)
    mutating func beginPass() {
        pass &+= 1
        if pass == 0 {
            missedInPass.update(repeating: 0, count: store.classCount)
            pass = 1
        }
    }

    /// The best head among the CPU groups whose floor is at most `cpuFree`, taken out of its set,
    /// or nil (exact heads only).
    @inline(__always)
    mutating func nextExactCandidate(cpuFree: Double) -> UInt64? {
        var best = Int.max, bestGroup = -1
        var g = 0
        while g < groups && (!parking || groupFloor[g] <= cpuFree) {
            if let m = RankBits.min(words(g), layout), m < best {
                best = m
                bestGroup = g
            }
            g += 1
        }
        guard bestGroup >= 0 else { return nil }
        RankBits.remove(best, words(bestGroup), layout)
        return UInt64(best)
    }

    /// The best key of a class still in the pass, or nil (FIFO keys). Takes the problem and the
    /// order rather than a closure from the core: a closure over the core's method captured a copy
    /// of the whole core (a kilobyte and a retain of every buffer) per candidate.
    mutating func nextLazyCandidate(_ problem: SchedulingProblem, _ order: ReadyOrder) -> UInt64? {
        while let key = heads.popMin() {
            let c = Int(problem.demandClass[Int(order.task(forKey: key))])
            guard classMin(c) == key else { continue }       // stale: no longer its class's head
            guard missedInPass[c] != pass else {            // duplicate of a class that missed
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
        let ci = Int(c)
        let n = Int(heapCount[ci]) - 1
        let slots = heapSlots + Int(heapStart[ci])
        assert(n >= 0 && slots[0] == key, "candidate is not its class head [this is a bug]")
        heapCount[ci] = Int32(n)
        count -= 1
        guard n > 0 else { return }
        HeapBits.siftDown(slots[n], slots, count: n)
        let next = slots[0]
        if exactHeads { RankBits.insert(Int(next), words(group(ci)), layout) } else { heads.insert(next) }
    }

    /// The candidate did not fit: its class sits out the rest of the pass, or, parked on the named
    /// resource `resource` (-1: none), until that resource is released.
    @inline(__always)
    mutating func miss(_ key: UInt64, class c: Int32, resource: Int32 = -1) {
        let ci = Int(c)
        if parking && resource >= 0 {
            parkedOn[ci] = resource
            parkNext[ci] = parkHead[Int(resource)]
            parkHead[Int(resource)] = c
            return
        }
        missedInPass[ci] = pass
        deferred.append(key)
        if exactHeads { deferredGroup.append(Int32(group(ci))) }
    }

    /// `resource` was released: every class parked on it offers its head again.
    @inline(__always)
    mutating func unpark(_ resource: Int32) {
        var c = parkHead[Int(resource)]
        guard c >= 0 else { return }
        parkHead[Int(resource)] = -1
        while c >= 0 {
            let ci = Int(c)
            let next = parkNext[ci]
            parkedOn[ci] = -1
            if let key = classMin(ci) { RankBits.insert(Int(key), words(group(ci)), layout) }
            c = next
        }
    }

    /// Ends a pass: classes that missed offer their heads again for the next one.
    @inline(__always)
    mutating func endPass() {
        guard !deferred.isEmpty else { return }
        if exactHeads {
            for (key, g) in zip(deferred, deferredGroup) { RankBits.insert(Int(key), words(Int(g)), layout) }
            deferredGroup.removeAll(keepingCapacity: true)
        } else {
            for key in deferred { heads.insert(key) }
        }
        deferred.removeAll(keepingCapacity: true)
    }
}

/// The buffers of `ReadyBuckets`, laid out once per problem in one `Columns` allocation: each
/// class's heap has a fixed slice of `heapSlots` as large as the class (a task is in its class heap
/// at most once), each CPU group a `RankBits` set in `rankWords`.
final class ReadyStorage: @unchecked Sendable {
    /// The problem this layout is for (held, so its identity cannot be reused by another).
    let problem: SchedulingProblem?
    let classCount: Int
    let resourceCount: Int
    let groupCount: Int
    let layout: RankBits.Layout
    private let columns: Columns
    let heapStart: UnsafeMutablePointer<Int32>
    let heapCount: UnsafeMutablePointer<Int32>
    let heapSlots: UnsafeMutablePointer<UInt64>
    let rankWords: UnsafeMutablePointer<UInt64>
    let missedInPass: UnsafeMutablePointer<UInt32>
    let classGroup: UnsafeMutablePointer<Int32>
    let groupFloor: UnsafeMutablePointer<Double>
    /// Per class: the resource it is parked on, or -1; `parkNext` chains the classes parked on one
    /// resource, `parkHead` (per resource) starts the chain.
    let parkedOn: UnsafeMutablePointer<Int32>
    let parkNext: UnsafeMutablePointer<Int32>
    let parkHead: UnsafeMutablePointer<Int32>

    convenience init(problem: SchedulingProblem?) {
        let classes = problem?.classCount ?? 0
        let groups = max(1, problem?.cpuGroupFloor.count ?? 0)
        let layout = RankBits.Layout(capacity: problem?.taskCount ?? 0)
        let cols = Columns()
        _ = cols.add(Int32(0), count: classes + 1)
        _ = cols.add(Int32(0), count: classes)
        _ = cols.add(UInt64(0), count: problem?.taskCount ?? 0)
        _ = cols.add(UInt64(0), count: groups * layout.wordCount)
        _ = cols.add(UInt32(0), count: classes)
        _ = cols.add(Int32(0), count: classes)
        _ = cols.add(-Double.infinity, count: groups)
        _ = cols.add(Int32(-1), count: classes)
        _ = cols.add(Int32(-1), count: classes)
        _ = cols.add(Int32(-1), count: problem?.resourceCount ?? 0)
        self.init(problem: problem, groups: groups, layout: layout, columns: cols)
        var size = [Int32](repeating: 0, count: classes)
        problem?.demandClass.forEach { size[Int($0)] += 1 }
        for c in 0..<classes { heapStart[c + 1] = heapStart[c] + size[c] }
        if let problem {
            for c in 0..<classes { classGroup[c] = problem.classCPUGroup[c] }
            for (g, f) in problem.cpuGroupFloor.enumerated() { groupFloor[g] = f }
        }
    }

    private init(problem: SchedulingProblem?, groups: Int, layout: RankBits.Layout, columns c: Columns) {
        self.problem = problem
        classCount = problem?.classCount ?? 0
        resourceCount = problem?.resourceCount ?? 0
        groupCount = groups
        self.layout = layout
        columns = c
        func base<T>(_ k: Int, _ type: T.Type) -> UnsafeMutablePointer<T> { c.column(k, as: type).baseAddress! }
        heapStart = base(0, Int32.self)
        heapCount = base(1, Int32.self)
        heapSlots = base(2, UInt64.self)
        rankWords = base(3, UInt64.self)
        missedInPass = base(4, UInt32.self)
        classGroup = base(5, Int32.self)
        groupFloor = base(6, Double.self)
        parkedOn = base(7, Int32.self)
        parkNext = base(8, Int32.self)
        parkHead = base(9, Int32.self)
    }

    func copy() -> ReadyStorage { ReadyStorage(problem: problem, groups: groupCount, layout: layout, columns: columns.copy()) }

    func isLaidOut(for problem: SchedulingProblem) -> Bool { self.problem === problem }

    /// Empties every heap, set and parking list.
    func clear() {
        heapCount.update(repeating: 0, count: classCount)
        rankWords.update(repeating: 0, count: groupCount * layout.wordCount)
        missedInPass.update(repeating: 0, count: classCount)
        parkedOn.update(repeating: -1, count: classCount)
        parkHead.update(repeating: -1, count: resourceCount)
    }
}
