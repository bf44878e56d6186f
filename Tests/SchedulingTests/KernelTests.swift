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
}
