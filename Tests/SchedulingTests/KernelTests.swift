import SimKernel
import Testing

@Suite("SimKernel")
struct KernelTests {
    @Test("events at equal times pop in scheduling order")
    func totalOrder() {
        var q = EventQueue<String>()
        q.schedule(at: 2, "c")
        q.schedule(at: 1, "a")
        q.schedule(at: 2, "d")
        q.schedule(at: 1, "b")
        var log: [String] = []
        while let e = q.popNext() { log.append(e.payload) }
        #expect(log == ["a", "b", "c", "d"])
    }

    @Test("pops in (time, seq) order while the calendar grows past the sorted array's limit and shrinks back")
    func layouts() {
        var q = EventQueue<Int>()
        var pending: [(time: Double, seq: Int)] = []
        var rng = SplitMix64(seed: 8)
        var seq = 0, now = 0.0, popped = 0
        // Waves of growth (to 100 events, a heap) and decay (to a few, a sorted array again), with
        // ties on coarse times, checked against a sort of everything still pending.
        for round in 0..<20 {
            let target = round.isMultiple(of: 2) ? Int.random(in: 40...100, using: &rng) : Int.random(in: 0...5, using: &rng)
            while pending.count != target {
                if pending.count < target {
                    let t = now + Double(Int.random(in: 0...6, using: &rng))
                    q.schedule(at: t, seq)
                    pending.append((t, seq))
                    seq += 1
                } else {
                    let e = q.popNext()
                    let expected = pending.min { $0.time < $1.time || ($0.time == $1.time && $0.seq < $1.seq) }!
                    #expect(e?.time == expected.time && e?.payload == expected.seq, "round \(round)")
                    pending.removeAll { $0.seq == expected.seq }
                    now = expected.time
                    popped += 1
                }
                #expect(q.count == pending.count && q.nextTime == (pending.map(\.time).min() ?? .infinity))
            }
        }
        #expect(popped > 200)
    }

    @Test("reset empties the queue and restarts the sequence, so a second run orders ties the same way")
    func reuse() {
        var q = EventQueue<Int>(capacity: 4)
        for run in 0..<3 {
            for i in 0..<100 { q.schedule(at: Double(i % 7), i) }
            var last = (-1.0, -1)
            while let e = q.popNext() {
                #expect((e.time, e.payload) > last, "run \(run)")
                if e.time == last.0 { #expect(e.payload > last.1) }
                last = (e.time, e.payload)
            }
            q.schedule(at: 1, -1)
            q.reset()
            #expect(q.isEmpty && q.nextTime == .infinity)
        }
    }

    @Test("the kernel hands over every event of one instant, then advances the clock")
    func kernelStep() {
        var k = SimKernel<String>()
        k.schedule(after: 2, "late")
        k.schedule(after: 1, "x")
        k.schedule(after: 1, "y")
        var batches: [[String]] = []
        while true {
            var batch: [String] = []
            guard k.step({ batch.append($0.payload) }) else { break }
            batches.append(batch + ["@\(k.now)"])
        }
        #expect(batches == [["x", "y", "@1.0"], ["late", "@2.0"]])
        k.reset()
        #expect(k.now == 0 && k.queue.isEmpty)
    }
}
