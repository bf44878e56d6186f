/// Fixed-size columns of trivial values in one allocation behind one reference, for the
/// scheduling core's per-task and per-resource state.
///
/// Writing an element of a `ContiguousArray` held in a struct costs a copy-on-write check (a
/// runtime call on Linux) each time the optimiser cannot prove the buffer unique, which in the
/// dispatch loop was every write. Here the owner checks once, with `makeUnique`, at each entry
/// point that mutates, and the loop indexes raw memory. Owners keep each column as a stored
/// `UnsafeMutableBufferPointer` (bounds-checked in debug builds only) and take them again from
/// `column(_:as:)` after `copy()`.
@usableFromInline
final class Columns: @unchecked Sendable {
    /// Byte offset and element count of each column, in declaration order.
    private(set) var layout: [(offset: Int, count: Int)] = []
    private(set) var byteCount = 0
    private(set) var base: UnsafeMutableRawPointer
    private var binders: [(UnsafeMutableRawPointer) -> Void] = []

    init() { base = UnsafeMutableRawPointer.allocate(byteCount: 0, alignment: 16) }

    deinit { base.deallocate() }

    /// Adds a column of `count` values of `T` set to `value`; returns its index. Only while
    /// building (before any copy).
    func add<T: BitwiseCopyable>(_ value: T, count: Int) -> Int {
        let align = max(MemoryLayout<T>.alignment, 8)
        let offset = (byteCount + align - 1) / align * align
        let newCount = offset + MemoryLayout<T>.stride * count
        let grown = UnsafeMutableRawPointer.allocate(byteCount: newCount, alignment: 16)
        grown.copyMemory(from: base, byteCount: byteCount)
        base.deallocate()
        base = grown
        byteCount = newCount
        layout.append((offset, count))
        binders.append { raw in (raw + offset).bindMemory(to: T.self, capacity: count) }
        for bind in binders { bind(base) }
        (base + offset).bindMemory(to: T.self, capacity: count).initialize(repeating: value, count: count)
        return layout.count - 1
    }

    /// Column `k` typed as `T` (the type it was added with).
    func column<T>(_ k: Int, as: T.Type) -> UnsafeMutableBufferPointer<T> {
        let c = layout[k]
        return UnsafeMutableBufferPointer(start: (base + c.offset).assumingMemoryBound(to: T.self), count: c.count)
    }

    /// An independent copy with the same contents.
    func copy() -> Columns {
        let c = Columns()
        c.base.deallocate()
        c.base = UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: 16)
        c.base.copyMemory(from: base, byteCount: byteCount)
        c.layout = layout
        c.byteCount = byteCount
        c.binders = binders
        for bind in binders { bind(c.base) }
        return c
    }
}

/// A stack on a column, cleared in O(1) and written without copy-on-write checks: the core's
/// hand-over lists between a mutation and `Plan.route` (task indices), its running list, and the
/// decisions of a step (`PlanAction`s), filled and drained around every event. Capacity: the
/// column's length.
@usableFromInline
struct ColumnStack<Element: BitwiseCopyable> {
    @usableFromInline var base: UnsafeMutablePointer<Element>
    @usableFromInline var count = 0
    let capacity: Int

    init(_ column: UnsafeMutableBufferPointer<Element>) {
        base = column.baseAddress!   // never nil: a column starts inside the allocation
        capacity = column.count
    }

    @inlinable var isEmpty: Bool { count == 0 }

    @inlinable subscript(i: Int) -> Element {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }

    @inline(__always)
    mutating func append(_ x: Element) {
        precondition(count < capacity, "column stack overflow [this is a bug]")
        base[count] = x
        count += 1
    }

    @inlinable mutating func removeAll() { count = 0 }

    @inline(__always)
    mutating func removeLast() -> Element {
        precondition(count > 0, "column stack underflow [this is a bug]")
        count -= 1
        return base[count]
    }

    /// The elements, copied out.
    var elements: ContiguousArray<Element> { ContiguousArray(UnsafeBufferPointer(start: base, count: count)) }

    /// The same stack on `column`, a copy of this one's column.
    func rebased(_ column: UnsafeMutableBufferPointer<Element>) -> ColumnStack {
        var s = ColumnStack(column)
        s.count = count
        return s
    }
}
