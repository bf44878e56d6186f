/// Transitive reduction of a DAG: an edge u → v is redundant iff v is a strict descendant of
/// another successor of u.
///
/// Descendant sets are bitsets built in reverse topological order. To keep memory bounded on
/// very large plans they are built one block of target columns at a time (`blockWords` 64-bit
/// words per node), so memory is O(n · blockWords) whatever n is.
enum TransitiveReduction {
    static let blockWords = 512

    /// - Complexity: O(m · n / 64) word operations.
    static func reduce(_ graph: Adjacency, order: [Int32]) -> Adjacency {
        let n = graph.nodeCount
        guard graph.edgeCount > 0 else { return graph }
        var redundant = [Bool](repeating: false, count: graph.edgeCount)
        let totalWords = (n + 63) / 64
        var firstWord = 0
        while firstWord < totalWords {
            let words = min(blockWords, totalWords - firstWord)
            let lo = firstWord * 64
            // reach[u]: strict descendants of u whose index falls in [lo, lo + 64 * words).
            var reach = [UInt64](repeating: 0, count: n * words)
            var union = [UInt64](repeating: 0, count: words)
            reach.withUnsafeMutableBufferPointer { reach in
                for u in order.reversed() {
                    let base = Int(u) * words
                    for v in graph.neighbours(of: Int(u)) {
                        let vb = Int(v) * words
                        for w in 0..<words { reach[base + w] |= reach[vb + w] }
                        let bit = Int(v) - lo
                        if bit >= 0 && bit < words * 64 { reach[base + bit >> 6] |= 1 << UInt64(bit & 63) }
                    }
                }
                for u in 0..<n {
                    let row = Int(graph.offsets[u])..<Int(graph.offsets[u + 1])
                    guard row.count > 1 else { continue }
                    for w in 0..<words { union[w] = 0 }
                    for k in row {
                        let vb = Int(graph.targets[k]) * words
                        for w in 0..<words { union[w] |= reach[vb + w] }
                    }
                    for k in row {
                        let bit = Int(graph.targets[k]) - lo
                        if bit >= 0 && bit < words * 64 && union[bit >> 6] & (1 << UInt64(bit & 63)) != 0 {
                            redundant[k] = true
                        }
                    }
                }
            }
            firstWord += words
        }
        var pairs: [(Int32, Int32)] = []
        pairs.reserveCapacity(graph.edgeCount)
        for u in 0..<n {
            for k in Int(graph.offsets[u])..<Int(graph.offsets[u + 1]) where !redundant[k] {
                pairs.append((Int32(u), graph.targets[k]))
            }
        }
        return Adjacency(nodeCount: n, edges: pairs)
    }
}
