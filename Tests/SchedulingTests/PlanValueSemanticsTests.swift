import Scheduling
import Simulation
import TasksTestSupport
import Testing

/// `Plan` keeps its state in raw columns behind references (`Columns`, `ReadyStorage`), copied on
/// write at each mutating entry point. A copy must still behave as an independent value: driving
/// one copy must not move the other, whichever copy is driven first.
@Suite("Plan value semantics")
struct PlanValueSemanticsTests {
    /// A lock, a pool of 2 and a chain, so every column kind (tasks, classes, resources, parked
    /// classes) holds state at the moment of the copy.
    static func scenario() throws -> SchedulingProblem {
        try problem(ScheduleBuilder().exclusive("db").pool("env", capacity: 2)
            .task("m1", 2, exclusive: ["db"]).task("m2", 3, exclusive: ["db"])
            .task("e1", 1, shared: ["env": 1]).task("e2", 4, shared: ["env": 1]).task("e3", 2, shared: ["env": 1])
            .task("after", 1, after: ["m1", "e1"]))
    }

    /// Drives `plan` to the end, completing the earliest-ending running task each time; returns
    /// the (time, task) of every start.
    static func finish(_ plan: inout Plan<RollingFrontierPolicy>, durations: [Double], ends: [Int32: Double], now: Double)
        -> [String]
    {
        var ends = ends
        var starts: [String] = []
        var now = now
        while !plan.isFinished {
            guard let (t, at) = ends.min(by: { ($0.value, $0.key) < ($1.value, $1.key) }) else { break }
            ends[t] = nil
            now = at
            plan.taskSucceeded(t, at: now)
            plan.step(at: now)
            for a in plan.actions where a.kind == .start {
                starts.append("\(plan.problem.ids[Int(a.task)])@\(h(now))")
                ends[a.task] = now + durations[Int(a.task)]
            }
        }
        return starts
    }

    @Test("a copy taken mid-run is unaffected by driving the original, and finishes like it")
    func copiesAreIndependent() throws {
        let p = try Self.scenario()
        let durations = p.durations(.mostLikely)
        var plan = Plan(problem: p, policy: RollingFrontierPolicy(), order: ReadyOrder(p, rule: .bottomLevel))
        plan.begin(at: 0)
        plan.step(at: 0)
        var ends: [Int32: Double] = [:]
        for a in plan.actions where a.kind == .start { ends[a.task] = durations[Int(a.task)] }
        #expect(!ends.isEmpty)

        let copy = plan
        let runningBefore = Array(copy.running).sorted()
        var original = plan
        let originalStarts = Self.finish(&original, durations: durations, ends: ends, now: 0)
        #expect(original.isFinished && original.succeeded)
        // Driving the original to the end left the copy exactly where it was.
        #expect(Array(copy.running).sorted() == runningBefore)
        #expect(!copy.isFinished)

        var second = copy
        let copyStarts = Self.finish(&second, durations: durations, ends: ends, now: 0)
        #expect(second.succeeded)
        #expect(copyStarts == originalStarts)
        #expect(second.makespan == original.makespan)
        // And the simulator, which owns its own plan, agrees with both.
        var sim = Simulator(rollingFrontier: p)
        #expect(try sim.makespan(durations: durations) == original.makespan)
    }
}
