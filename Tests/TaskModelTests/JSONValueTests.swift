import Foundation
import TaskModel
import TasksTestSupport
import Testing

/// The open schema: unknown fields survive a rewrite, and canonical text is byte-stable.
@Suite("JSONValue")
struct JSONValueTests {
    static let withExtras = """
        {"x_top": {"owner": "platform"},
         "meta": {"min_confidence": 0.8, "x_meta": [1, 2, 3]},
         "tasks": [{"id": "a", "title": "Build a", "x_task": "kept",
                    "duration": {"optimistic": 1, "mostLikely": 2, "pessimistic": 3, "x_dist": true}},
                   {"id": "b", "x_task": {"nested": null}}],
         "dependencies": [{"from": "a", "to": "b", "x_edge": 0.5}]}
        """

    @Test("unknown fields at every level survive merging(unknownFrom:)")
    func unknownFieldsSurvive() throws {
        let loaded = try PlanLoader.parse(text: Self.withExtras, name: "x.json", hint: "json")
        var document = loaded.document
        document.tasks[0].title = "Build a better a"
        document.meta.minConfidence = 0.9
        let written = try JSONValue(encoding: document).merging(unknownFrom: loaded.rawJSON())
        #expect(written["x_top"] == .object(["owner": .string("platform")]))
        #expect(written.value(at: [.key("meta"), .key("x_meta")]) == .array([.number(1), .number(2), .number(3)]))
        #expect(written.value(at: [.key("tasks"), .index(0), .key("x_task")]) == .string("kept"))
        #expect(written.value(at: [.key("tasks"), .index(0), .key("duration"), .key("x_dist")]) == .bool(true))
        #expect(written.value(at: [.key("tasks"), .index(1), .key("x_task")]) == .object(["nested": .null]))
        #expect(written.value(at: [.key("dependencies"), .index(0), .key("x_edge")]) == .number(0.5))
        // Known fields keep the new values.
        #expect(written.value(at: [.key("tasks"), .index(0), .key("title")]) == .string("Build a better a"))
        #expect(written.value(at: [.key("meta"), .key("min_confidence")]) == .number(0.9))
        // And the merged document still decodes to the edited plan.
        let again = try PlanLoader.parse(text: written.jsonText, name: "x.json", hint: "json")
        #expect(again.document == document)
    }

    @Test("webapp survives decode, encode and merge without losing a member")
    func webappRoundTrip() throws {
        let loaded = try Fixtures.webapp()
        let raw = try loaded.rawJSON()
        let written = try JSONValue(encoding: loaded.document).merging(unknownFrom: raw)
        let originalPaths = Set(raw.allPaths().map { $0.description })
        let writtenPaths = Set(written.allPaths().map { $0.description })
        #expect(originalPaths.subtracting(writtenPaths).isEmpty)
        #expect(written == raw)
    }

    @Test("arrays of a different length are not merged element-wise: the new list wins")
    func arrayLengthChange() {
        let original: JSONValue = .array([.object(["id": .string("a"), "x": .number(1)]), .object(["id": .string("b")])])
        let mine: JSONValue = .array([.object(["id": .string("b")])])
        #expect(mine.merging(unknownFrom: original) == mine)
        let sameLength: JSONValue = .array([.object(["id": .string("a")]), .object(["id": .string("b")])])
        #expect(sameLength.merging(unknownFrom: original).value(at: [.index(0), .key("x")]) == .number(1))
    }

    @Test("removing(path:) removes one member and leaves the rest")
    func removing() {
        let value: JSONValue = .object(["generated": .object(["timestamp": .string("t"), "by": .string("me")]), "k": .null])
        #expect(value.removing(path: ["generated", "timestamp"]) == .object(["generated": .object(["by": .string("me")]), "k": .null]))
        #expect(value.removing(path: ["absent", "x"]) == value)
        #expect(JSONValue.array([]).removing(path: ["a"]) == .array([]))
    }

    // MARK: - Canonical text

    @Test("canonical text: sorted keys by UTF-8 bytes, no white space")
    func canonicalKeys() throws {
        let value = try JSONValue(jsonText: #"{ "b": 1, "a": {"z": [true, false, null], "B": "x", "é": 2, "a": {}} }"#)
        #expect(value.canonicalText == #"{"a":{"B":"x","a":{},"z":[true,false,null],"é":2},"b":1}"#)
    }

    @Test("canonical numbers: integral without a fraction, others shortest round-trip", arguments: [
        (1.0, "1"), (-0.0, "0"), (2.5, "2.5"), (0.1, "0.1"), (-17.0, "-17"), (1e15, "1000000000000000"), (1e-7, "1e-07"),
    ])
    func canonicalNumbers(_ value: Double, _ text: String) {
        #expect(JSONValue.number(value).canonicalText == text)
        if value.isFinite { #expect(Double(JSONValue.number(value).canonicalText) == value) }
    }

    @Test("equal numbers written differently give the same canonical text")
    func canonicalNumberSpellings() throws {
        let a = try JSONValue(jsonText: #"{"n": 1.0, "m": 2.50, "k": 1e2}"#)
        let b = try JSONValue(jsonText: #"{"k": 100, "m": 2.5, "n": 1}"#)
        #expect(a.canonicalText == b.canonicalText)
        #expect(a.canonicalText == #"{"k":100,"m":2.5,"n":1}"#)
    }

    @Test("canonical strings escape quotes, backslashes and control characters")
    func canonicalStrings() throws {
        let value = JSONValue.string("q\"b\\n\nt\tc\u{01}é🚀/")
        #expect(value.canonicalText == #""q\"b\\n\nt\tc\u0001é🚀/""#)
        // The canonical text is itself valid JSON for the same value.
        #expect(try JSONValue(jsonText: value.canonicalText) == value)
    }

    @Test("canonical text parses back to the same value for the webapp plan")
    func canonicalRoundTrip() throws {
        let raw = try Fixtures.webapp().rawJSON()
        let text = raw.canonicalText
        #expect(!text.contains("\n"))
        #expect(try JSONValue(jsonText: text) == raw)
        #expect(try JSONValue(jsonText: text).canonicalText == text)
    }
}
