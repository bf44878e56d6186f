import Foundation
import TaskModel
import TasksTestSupport
import Testing

/// The shared helpers behave as the other test targets assume.
@Suite("Test support")
struct TestSupportTests {
    @Test("SeededGenerator is SplitMix64")
    func splitMix64() {
        var zero = SeededGenerator(seed: 0)
        #expect([zero.next(), zero.next(), zero.next()] == [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F])
        var other = SeededGenerator(seed: 1_234_567)
        #expect([other.next(), other.next(), other.next()]
            == [6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423])
    }

    @Test("the same seed replays the same shuffles")
    func replay() {
        var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42)
        #expect(Array(0..<50).shuffled(using: &a) == Array(0..<50).shuffled(using: &b))
        #expect(a.pick(["x", "y", "z"]) == b.pick(["x", "y", "z"]))
    }

    @Test("Fixtures find the package root and its scenarios")
    func paths() {
        #expect(FileManager.default.fileExists(atPath: Fixtures.packageRoot.appendingPathComponent("Package.swift").path))
        #expect(FileManager.default.fileExists(atPath: Fixtures.webappTasksPath))
        #expect(FileManager.default.fileExists(atPath: Fixtures.scenario("small/diamond.yaml")))
        if let shared = Fixtures.shared {
            #expect(FileManager.default.fileExists(atPath: shared.path))
        }
    }

    @Test("a PlanBuilder plan survives tasks.json text and PlanLoader unchanged")
    func builderRoundTrip() throws {
        let builder = PlanBuilder(complete: true, minConfidence: 0.8)
            .pool("runners", capacity: 2).exclusiveResource("lock")
            .task("a", 1, 2, 3, units: .days, distribution: .triangular, shared: ["runners": 1])
            .task("b", fixed: 4, exclusive: ["lock"])
            .unestimated("c")
            .edge("a", "b", type: .sequential, confidence: 0.9).edge("b", "c", type: .knowledge, isHard: false)
            .conflict("lock", tasks: ["b"])
        let loaded = try PlanLoader.parse(text: try builder.jsonText(), name: "b.json", hint: "json")
        #expect(loaded.document == builder.document)
        #expect(builder.document.meta.minConfidence == 0.8)
        #expect(builder.document.tasks.allSatisfy { $0.sourceEvidence?.isEmpty == false })
        #expect(builder.document.dependencies.allSatisfy { $0.evidence?.isEmpty == false })
    }

    @Test("JSONValue paths: read, set, remove")
    func jsonPaths() throws {
        let value = try JSONValue(jsonText: #"{"a": [{"b": 1}, {"b": 2}], "c": "x"}"#)
        #expect(value.value(at: [.key("a"), .index(1), .key("b")]) == .number(2))
        #expect(value.setting([.key("a"), .index(0), .key("b")], to: .string("y")).value(at: [.key("a"), .index(0), .key("b")]) == .string("y"))
        #expect(value.setting([.key("a"), .index(0)], to: nil)["a"]?.arrayValue?.count == 1)
        #expect(value.setting([.key("c")], to: nil)["c"] == nil)
        #expect(value.allPaths().count == 6)
    }
}
