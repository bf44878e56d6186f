import Foundation
import TaskModel
import TasksTestSupport
import Testing

/// `ResolvedPlan`: durations in hours and the structural checks every later step relies on.
@Suite("ResolvedPlan")
struct ResolvedPlanTests {
    // MARK: - Units

    @Test("duration units are normalised to hours", arguments: [
        (DurationUnit.seconds, 3600.0, 1.0),
        (.minutes, 90, 1.5),
        (.hours, 2, 2),
        (.days, 1, 8),
    ])
    func units(_ unit: DurationUnit, _ value: Double, _ hours: Double) throws {
        let plan = try PlanBuilder().task("t", value, value * 2, value * 3, units: unit).resolved()
        #expect(plan.durations[0].optimistic == hours)
        #expect(plan.durations[0].mostLikely == hours * 2)
        #expect(plan.durations[0].pessimistic == hours * 3)
    }

    @Test("days use meta.working_hours_per_day")
    func workingDays() throws {
        let plan = try PlanBuilder().workingHoursPerDay(6).task("t", 1, 2, 3, units: .days).task("h", 1, 2, 3).resolved()
        #expect(plan.durations[0] == ThreePointHours(optimistic: 6, mostLikely: 12, pessimistic: 18))
        #expect(plan.durations[1] == ThreePointHours(optimistic: 1, mostLikely: 2, pessimistic: 3))
    }

    static let spellings: [(String, Double)] = [
        ("s", 1.0 / 3600), ("sec", 1.0 / 3600), ("Minutes", 1.0 / 60), ("min", 1.0 / 60), ("h", 1), ("hrs", 1),
        ("d", 8), ("DAYS", 8),
    ]

    @Test("unit spellings in tasks.json", arguments: spellings)
    func unitSpellings(_ spelling: String, _ hours: Double) throws {
        let text = #"{"tasks": [{"id": "t", "duration": {"optimistic": 1, "mostLikely": 1, "pessimistic": 1}, "durationUnits": "\#(spelling)"}]}"#
        let loaded = try PlanLoader.parse(text: text, name: "u.json", hint: "json")
        let plan = try ResolvedPlan(loaded.document, sourceName: loaded.sourceName)
        #expect(plan.durations[0].mostLikely == hours)
    }

    @Test("an unknown unit is exit 5 naming the JSON path")
    func unknownUnit() throws {
        let text = #"{"tasks": [{"id": "t", "durationUnits": "weeks"}]}"#
        let error = try #require(throws: TasksError.self) { try PlanLoader.parse(text: text, name: "u.json", hint: "json") }
        #expect(error.status == .invalidPlan)
        #expect(error.message.hasPrefix("u.json: tasks[0].durationUnits: "))
        #expect(error.message.contains("weeks"))
    }

    @Test("working_hours_per_day outside (0, 24] is exit 5", arguments: [0.0, -1, 25, .infinity])
    func badWorkingDay(_ hours: Double) throws {
        let error = try #require(throws: TasksError.self) {
            try PlanBuilder().workingHoursPerDay(hours).task("t", 1, 2, 3, units: .days).resolved()
        }
        #expect(error.status == .invalidPlan)
        #expect(error.message.contains("working_hours_per_day"))
    }

    // MARK: - Estimates

    @Test("a = m = b is a fixed duration, not an error", arguments: [DistributionKind.pert, .triangular, .uniform, .lognormal, .fixed])
    func degenerate(_ kind: DistributionKind) throws {
        let plan = try PlanBuilder().task("t", 3, 3, 3, distribution: kind).task("z", 0, 0, 0).resolved()
        #expect(plan.durations[0].distribution == .fixed)
        #expect(plan.durations[0].mean == 3)
        #expect(plan.durations[1].distribution == .fixed)
        #expect(plan.durations[1].mean == 0)
    }

    @Test("beta-PERT mean (a + 4m + b) / 6 and the other distributions' means")
    func means() throws {
        let plan = try PlanBuilder()
            .task("p", 1, 2, 4).task("t", 1, 2, 6, distribution: .triangular).task("u", 1, 2, 5, distribution: .uniform)
            .resolved()
        #expect(abs(plan.durations[0].mean - 13.0 / 6) < 1e-12)
        #expect(abs(plan.durations[1].mean - 3) < 1e-12)
        #expect(abs(plan.durations[2].mean - 3) < 1e-12)
    }

    @Test("a > m is exit 5 naming the task")
    func optimisticAboveMostLikely() throws {
        let error = try #require(throws: TasksError.self) {
            try PlanBuilder().task("ok", 1, 2, 3).task("inverted-a", 5, 2, 9).resolved(name: "plan.json")
        }
        #expect(error.status == .invalidPlan)
        #expect(error.message.hasPrefix("plan.json: task inverted-a: "))
        #expect(error.message.contains("optimistic"))
    }

    @Test("m > b is exit 5 naming the task")
    func mostLikelyAbovePessimistic() throws {
        let error = try #require(throws: TasksError.self) {
            try PlanBuilder().task("inverted-b", 1, 7, 3).resolved(name: "plan.json")
        }
        #expect(error.status == .invalidPlan)
        #expect(error.message.hasPrefix("plan.json: task inverted-b: "))
        #expect(error.message.contains("pessimistic"))
    }

    @Test("negative and non-finite estimates are exit 5 naming the task", arguments: [
        (-1.0, 1.0, 2.0), (0, 1, .infinity), (.nan, 1, 2), (-3, -2, -1),
    ])
    func invalidNumbers(_ a: Double, _ m: Double, _ b: Double) throws {
        let error = try #require(throws: TasksError.self) { try PlanBuilder().task("bad", a, m, b).resolved() }
        #expect(error.status == .invalidPlan)
        #expect(error.message.contains("task bad"))
        #expect(!error.message.contains("\n"))
    }

    @Test("huge estimates: up to 10^7 hours resolve, beyond that exit 5 naming the task")
    func huge() throws {
        let edge = try PlanBuilder().task("big", 1, 2, 1e7).resolved()
        #expect(edge.durations[0].pessimistic == 1e7)
        let days = try PlanBuilder().task("days", 1, 2, 1e6, units: .days).resolved()
        #expect(days.durations[0].pessimistic == 8e6)
        for (b, unit) in [(1.000_001e7, DurationUnit.hours), (2e6, .days), (1e300, .hours), (Double.greatestFiniteMagnitude, .seconds)] {
            let error = try #require(throws: TasksError.self) { try PlanBuilder().task("huge", 1, 2, b, units: unit).resolved() }
            #expect(error.status == .invalidPlan)
            #expect(error.message.contains("task huge"))
        }
    }

    @Test("a bad lambda is exit 5", arguments: [0.0, -4, .nan])
    func badLambda(_ lambda: Double) throws {
        var builder = PlanBuilder().task("l", 1, 2, 3)
        builder.tasks[0].duration?.lambda = lambda
        let error = try #require(throws: TasksError.self) { try builder.resolved() }
        #expect(error.message.contains("task l"))
        #expect(error.message.contains("lambda"))
    }

    @Test("no estimate on any task is exit 5")
    func noEstimates() throws {
        let error = try #require(throws: TasksError.self) { try PlanBuilder().unestimated("a").unestimated("b").resolved() }
        #expect(error.status == .invalidPlan)
        #expect(error.message.contains("no task has a duration estimate"))
    }

    // MARK: - Structure

    @Test("an empty plan is exit 5")
    func empty() throws {
        let error = try #require(throws: TasksError.self) { try PlanBuilder().resolved(name: "e.json") }
        #expect(error == TasksError(.invalidPlan, "e.json: the plan has no tasks"))
    }

    @Test("a duplicate id is exit 5 naming the id")
    func duplicateID() throws {
        let error = try #require(throws: TasksError.self) {
            try PlanBuilder().task("x", 1, 2, 3).task("twice", 1, 2, 3).task("twice", 1, 2, 3).resolved(name: "d.json")
        }
        #expect(error.status == .invalidPlan)
        #expect(error.message.hasPrefix("d.json: "))
        #expect(error.message.contains("duplicate task id twice"))
    }

    @Test("an empty or blank id is exit 5 naming its index", arguments: ["", "   ", "\t"])
    func emptyID(_ id: String) throws {
        let error = try #require(throws: TasksError.self) {
            try PlanBuilder().task("first", 1, 2, 3).task(id, 1, 2, 3).resolved(name: "d.json")
        }
        #expect(error.status == .invalidPlan)
        #expect(error.message.contains("tasks[1]"))
        #expect(error.message.contains("empty task id"))
    }

    @Test("a dependency on an unknown task is exit 5 naming the id and the edge", arguments: [true, false])
    func unknownDependency(_ unknownIsSource: Bool) throws {
        let base = PlanBuilder().task("known", 1, 2, 3)
        let builder = unknownIsSource ? base.edge("ghost-task", "known") : base.edge("known", "ghost-task")
        let error = try #require(throws: TasksError.self) { try builder.resolved(name: "d.json") }
        #expect(error.status == .invalidPlan)
        #expect(error.message.contains("unknown task ghost-task"))
        #expect(error.message.contains("dependencies[0]"))
    }

    @Test("a confidence outside 0...1 is exit 5 naming the edge", arguments: [-0.1, 1.5, .nan])
    func badConfidence(_ confidence: Double) throws {
        let error = try #require(throws: TasksError.self) {
            try PlanBuilder().task("a", 1, 2, 3).task("b", 1, 2, 3).edge("a", "b", confidence: confidence).resolved()
        }
        #expect(error.status == .invalidPlan)
        #expect(error.message.contains("a -> b"))
        #expect(error.message.contains("confidence"))
    }

    @Test("a shared_limited pool below capacity 1 is exit 5 naming it")
    func badPool() throws {
        let error = try #require(throws: TasksError.self) {
            try PlanBuilder().pool("runners", capacity: 0).task("a", 1, 2, 3).resolved()
        }
        #expect(error.status == .invalidPlan)
        #expect(error.message.contains("runners"))
    }

    @Test("resources are sorted by name with their capacities")
    func resources() throws {
        let plan = try PlanBuilder().pool("zpool", capacity: 3).exclusiveResource("alock").task("a", 1, 2, 3).resolved()
        #expect(plan.resources == [ResourceDefinition(name: "alock", kind: .exclusive, capacity: 1),
                                   ResourceDefinition(name: "zpool", kind: .sharedLimited, capacity: 3)])
        #expect(plan.indexByID == ["a": 0])
    }

    @Test("an id with a line break still gives a one-line message")
    func controlCharacterID() throws {
        let error = try #require(throws: TasksError.self) {
            try PlanBuilder().task("line\nbreak", 1, 2, 3).task("line\nbreak", 1, 2, 3).resolved()
        }
        #expect(error.status == .invalidPlan)
        #expect(!error.message.contains("\n"), "message: \(error.message.debugDescription)")
    }
}
