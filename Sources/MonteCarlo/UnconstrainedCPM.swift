import TaskGraph

/// The makespan of one sample when nothing but the edges constrains the schedule: a forward pass
/// over the topological order (classic PERT/CPM Monte Carlo).
///
/// This is what `--resources ignore` estimates, and it is exact for plans that declare no limits:
/// every task starts when its last predecessor ends. The predecessor lists are laid out in
/// topological order so the pass reads memory front to back.
struct UnconstrainedCPM: Sendable {
    let order: [Int32]
    /// Predecessors of `order[k]` as positions in `order`, CSR by position.
    let predecessorOffsets: [Int32]
    let predecessorPositions: [Int32]

    init(graph: TaskGraph) {
        order = graph.topologicalOrder
        var position = [Int32](repeating: 0, count: order.count)
        for (k, t) in order.enumerated() { position[Int(t)] = Int32(k) }
        var offsets: [Int32] = [0]
        var preds: [Int32] = []
        for t in order {
            for p in graph.predecessors.neighbours(of: Int(t)) { preds.append(position[Int(p)]) }
            offsets.append(Int32(preds.count))
        }
        predecessorOffsets = offsets
        predecessorPositions = preds
    }

    /// The makespan for `durations` (by task index); `finish` is scratch space of `order.count`.
    /// - Complexity: O(n + m)
    func makespan(durations: UnsafeBufferPointer<Double>, finish: UnsafeMutableBufferPointer<Double>) -> Double {
        var best = 0.0
        order.withUnsafeBufferPointer { order in
            predecessorOffsets.withUnsafeBufferPointer { offsets in
                predecessorPositions.withUnsafeBufferPointer { preds in
                    // `a > b ? a : b`, not `max`: the stdlib's `y >= x ? y : x` orders -0 and +0 and
                    // NaN in a way x86's `maxsd` does not, so it compiled to a four-instruction blend
                    // on the loop's critical path. Finish times are never NaN and start at +0.
                    for k in 0..<order.count {
                        var start = 0.0
                        for j in Int(offsets[k])..<Int(offsets[k + 1]) {
                            let f = finish[Int(preds[j])]
                            start = f > start ? f : start
                        }
                        let end = start + durations[Int(order[k])]
                        finish[k] = end
                        best = end > best ? end : best
                    }
                }
            }
        }
        return best
    }

    /// Marks the tasks of one critical path of the last `makespan` call (ties to the earlier
    /// position), adding 1 to `counts[task]`.
    func countCritical(durations: UnsafeBufferPointer<Double>, finish: UnsafeBufferPointer<Double>,
                       into counts: inout [Int]) {
        guard var k = (0..<order.count).max(by: { finish[$0] < finish[$1] }) else { return }
        while true {
            counts[Int(order[k])] += 1
            let start = finish[k] - durations[Int(order[k])]
            var next: Int?
            for j in Int(predecessorOffsets[k])..<Int(predecessorOffsets[k + 1]) {
                let p = Int(predecessorPositions[j])
                if finish[p] >= start - 1e-12 * max(1, start), next.map({ p < $0 }) ?? true { next = p }
            }
            guard let n = next else { return }
            k = n
        }
    }
}
