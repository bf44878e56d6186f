import Foundation
import TaskModel
import TasksTestSupport
import Testing

/// `JSONValue.parse` must build exactly the tree `JSONDecoder` builds (content hashes depend on
/// it) and refuse what the decoder refuses, so that `rawJSON()`'s fallback decides those.
@Suite("JSONValue.parse")
struct JSONParseTests {
    static func decoded(_ text: String) throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) }

    @Test("every JSON file among the bundled scenarios and example reports parses to the decoder's tree")
    func bundledFiles() throws {
        var files: [URL] = []
        for dir in [Fixtures.scenarios, Fixtures.packageRoot.appendingPathComponent("reports")] {
            let names = try FileManager.default.subpathsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".json") }
            files += names.map { dir.appendingPathComponent($0) }
        }
        // Plans, waves, coordinators, dag and features documents, sweep results.
        #expect(files.count >= 20, "expected the bundled JSON files, found \(files.count)")
        for file in files {
            let data = try Data(contentsOf: file)
            #expect(try JSONValue.parse(data) == JSONDecoder().decode(JSONValue.self, from: data), "\(file.path)")
        }
    }

    @Test("escapes, unicode, numbers and nesting match the decoder")
    func tricky() throws {
        let text = #"""
            {"s": "q\"b\\s\/n\nt\tr\rb\bf\f", "u": "\u00e9\u4e2d\ud83d\ude00 é中😀", "e": "",
             "n": [0, -0, 1, -1, 1.5, -2.25e-3, 1E10, 1e+2, 0.1, 123456789012345678901234567890, 5e-324, 1.7976931348623157e308],
             "k": [true, false, null, [], {}, [[{"a": [1]}]]], "sp" : [ 1 , 2 ] }
            """#
        #expect(try JSONValue.parse(Data(text.utf8)) == Self.decoded(text))
    }

    @Test("malformed or ambiguous input is refused", arguments: [
        "", "{", "[1,]", "{\"a\":1,}", "01", "1.", ".5", "+1", "1e", "-", "tru", "nul", "[1 2]", "{\"a\" 1}",
        "\"a", "\"\\x\"", "\"\\ud800\"", "\"\\udc00x\"", "\"a\u{01}b\"", "1e999", "{} x", "{\"a\": 1, \"a\": 2}", "NaN",
    ])
    func refused(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(Data(text.utf8)) }
    }

    @Test("rawJSON falls back to the decoder for what the parser refuses")
    func fallback() throws {
        // A duplicate key: the parser refuses it; the decoder keeps one of them, as before.
        let text = #"{"tasks": [], "dependencies": [], "meta": {}, "x": 1, "x": 2}"#
        let loaded = try PlanLoader.parse(text: text, name: "dup.json", hint: "json")
        #expect(try loaded.rawJSON() == Self.decoded(text))
    }

    @Test("the tree decoder builds the same typed plan as JSONDecoder for every bundled plan")
    func typedPlansAgree() throws {
        var files = try FileManager.default.subpathsOfDirectory(atPath: Fixtures.scenarios.path)
            .filter { $0.hasSuffix(".json") }.map { Fixtures.scenarios.appendingPathComponent($0) }
        let reports = Fixtures.packageRoot.appendingPathComponent("reports")
        files += try FileManager.default.subpathsOfDirectory(atPath: reports.path)
            .filter { $0.hasSuffix("/tasks.json") }.map { reports.appendingPathComponent($0) }
        #expect(files.count >= 5, "expected bundled plans, found \(files.count)")
        for file in files {
            let data = try Data(contentsOf: file)
            let tree = try JSONValue.parse(data)
            #expect(try JSONTreeDecoder().decode(PlanDocument.self, from: tree) == JSONDecoder().decode(PlanDocument.self, from: data),
                    "\(file.path)")
        }
    }

    struct Numbers: Decodable, Equatable {
        var i: Int
        var d: Double
        var b: Bool
        var s: String
        var o: Int?
    }

    @Test("the tree decoder converts like JSONDecoder where it accepts, and refuses the rest", arguments: [
        #"{"i": 2, "d": 1, "b": true, "s": "x"}"#, #"{"i": 2.0, "d": 1e2, "b": false, "s": "", "o": null}"#,
        #"{"i": 1e2, "d": -0.5, "b": true, "s": "é", "o": 3}"#,
        #"{"i": 2.5, "d": 1, "b": true, "s": "x"}"#, #"{"i": 9007199254740993, "d": 1, "b": true, "s": "x"}"#,
        #"{"i": 1, "d": "1", "b": true, "s": "x"}"#, #"{"i": 1, "d": 1, "b": 1, "s": "x"}"#,
        #"{"i": 1, "d": 1, "b": true, "s": 1}"#, #"{"i": 1, "d": 1, "b": true}"#, #"{"i": null, "d": 1, "b": true, "s": "x"}"#,
    ])
    func conversions(_ text: String) throws {
        let data = Data(text.utf8)
        let tree = try JSONValue.parse(data)
        let fast = try? JSONTreeDecoder().decode(Numbers.self, from: tree)
        let reference = try? JSONDecoder().decode(Numbers.self, from: data)
        if let fast {
            // Never laxer than JSONDecoder, and the same values where both accept.
            #expect(fast == reference)
        } else {
            // Refusals are either JSONDecoder's too, or the exactness limit (it then decides).
            #expect(reference == nil || text.contains("9007199254740993"))
        }
    }
}

