/// Compressed sparse row adjacency over dense task indices: the successors of `v` are
/// `targets[offsets[v] ..< offsets[v + 1]]`, sorted ascending, without duplicates.
///
/// One flat array keeps the hot loops of the schedulers cache-friendly (ninja's dense ids).
public struct Adjacency: Sendable, Equatable {
    public let offsets: [Int32]
    public let targets: [Int32]

    /// Builds from `(from, to)` pairs over `nodeCount` nodes; duplicate pairs are merged.
    /// - Complexity: O(n + m log m)
    public init(nodeCount: Int, edges: [(Int32, Int32)]) {
        var degree = [Int32](repeating: 0, count: nodeCount + 1)
        for (u, _) in edges { degree[Int(u) + 1] += 1 }
        for i in 0..<nodeCount { degree[i + 1] += degree[i] }
        var fill = degree
        var raw = [Int32](repeating: 0, count: edges.count)
        for (u, v) in edges {
            raw[Int(fill[Int(u)])] = v
            fill[Int(u)] += 1
        }
        var offsets = [Int32](repeating: 0, count: nodeCount + 1)
        var targets: [Int32] = []
        targets.reserveCapacity(edges.count)
        for u in 0..<nodeCount {
            var row = Array(raw[Int(degree[u])..<Int(degree[u + 1])])
            row.sort()
            var last: Int32 = -1
            for v in row where v != last {
                targets.append(v)
                last = v
            }
            offsets[u + 1] = Int32(targets.count)
        }
        self.offsets = offsets
        self.targets = targets
    }

    public var nodeCount: Int { offsets.count - 1 }
    public var edgeCount: Int { targets.count }

    /// The neighbours of `v`.
    @inlinable
    public func neighbours(of v: Int) -> ArraySlice<Int32> { targets[Int(offsets[v])..<Int(offsets[v + 1])] }

    /// The same edges reversed.
    public func transposed() -> Adjacency {
        var pairs: [(Int32, Int32)] = []
        pairs.reserveCapacity(edgeCount)
        for u in 0..<nodeCount {
            for v in neighbours(of: u) { pairs.append((v, Int32(u))) }
        }
        return Adjacency(nodeCount: nodeCount, edges: pairs)
    }
}
