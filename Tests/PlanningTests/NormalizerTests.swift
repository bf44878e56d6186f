import Foundation
import Planning
import TaskGraph
import TaskModel
import Testing
import TasksTestSupport

/// Auto-normalisation: splits over 16 h, merges under 0.5 h, redaction, each recorded.
@Suite("Normalizer")
struct NormalizerTests {
    @Test("a 40h task becomes three chained parts that take its edges; the plan stays acyclic")
    func split() throws {
        let plan = PlanBuilder(complete: true).task("a", 2, 3, 4).task("big", 30, 40, 60).task("c", 1, 2, 3)
            .edge("a", "big").edge("big", "c").document
        let result = Normalizer.normalize(plan, features: nil)
        #expect(result.splits.map(\.parts) == [["biga", "bigb", "bigc"]])
        let ids = result.document.tasks.map(\.id)
        #expect(ids == ["a", "biga", "bigb", "bigc", "c"])
        let labels = Set(result.document.dependencies.map(\.label))
        #expect(labels == ["a -> biga", "bigc -> c", "biga -> bigb", "bigb -> bigc"])
        let part = try #require(result.document.tasks.first { $0.id == "bigb" }?.duration)
        #expect(abs(part.mostLikely - 40.0 / 3) < 1e-9 && abs(part.pessimistic - 20) < 1e-9)
        #expect(result.document.meta.autonormalization?.split.first?.hasPrefix("big->biga,bigb,bigc") == true)
        _ = try TaskGraph(try ResolvedPlan(result.document, sourceName: "t"), minConfidence: 0.7)
    }

    @Test("a 3-day task (24h) splits in two; a 16h task does not")
    func splitThreshold() {
        let plan = PlanBuilder().task("d", 2, 3, 4, units: .days).task("h", 16, 16, 16).document
        let result = Normalizer.normalize(plan, features: nil)
        #expect(result.splits.map(\.task) == ["d"])
        #expect(result.document.tasks.map(\.id) == ["da", "db", "h"])
    }

    @Test("adjacent tiny tasks merge until 0.5h; edges are rewired and de-duplicated")
    func merge() {
        let plan = PlanBuilder().task("x", 1, 2, 3).task("t1", 0.1, 0.2, 0.3).task("t2", 0.1, 0.2, 0.3).task("t3", 0.1, 0.2, 0.3)
            .task("t4", 0.1, 0.2, 0.3).task("y", 1, 2, 3)
            .edge("x", "t1").edge("x", "t2").edge("t1", "t2").edge("t3", "y").document
        let result = Normalizer.normalize(plan, features: nil)
        #expect(result.merges.map(\.tasks) == [["t1", "t2", "t3"]])
        #expect(result.document.tasks.map(\.id) == ["x", "t1", "t4", "y"])
        #expect(Set(result.document.dependencies.map(\.label)) == ["x -> t1", "t1 -> y"])
        let merged = result.document.tasks[1].duration!
        #expect(abs(merged.mostLikely - 0.6) < 1e-9 && abs(merged.optimistic - 0.3) < 1e-9)
    }

    @Test("tiny tasks joined through a third task are not merged (that would make a cycle)")
    func mergeKeepsAcyclic() {
        let plan = PlanBuilder().task("t1", 0.1, 0.2, 0.3).task("t2", 0.1, 0.2, 0.3).task("z", 1, 2, 3)
            .edge("t1", "z").edge("z", "t2").document
        let result = Normalizer.normalize(plan, features: nil)
        #expect(result.merges.isEmpty)
        #expect(result.document.tasks.count == 3)
    }

    @Test("a token in an evidence quote is redacted and the redaction recorded")
    func redaction() {
        let token = "ghp_" + String(repeating: "a1B2", count: 9)
        let plan = PlanBuilder(complete: true).task("a", 1, 2, 3).modifyingTask("a") {
            $0.sourceEvidence = [SourceEvidence(quote: "deploy with \(token) now")]
        }.document
        let result = Normalizer.normalize(plan, features: nil)
        #expect(result.document.tasks[0].sourceEvidence?[0].quote == "deploy with [REDACTED] now")
        #expect(result.redactions == ["task a"])
    }
}
