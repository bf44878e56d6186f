import Foundation
import TaskModel
import TasksTestSupport
import Testing

/// Content hashes and timestamps: same value, same hash; SOURCE_DATE_EPOCH fixes the clock.
@Suite("ContentHash and ArtifactWriter")
struct ContentHashTests {
    @Test("the same value gives the same hash whatever the key order and white space")
    func keyOrder() throws {
        let a = try JSONValue(jsonText: #"{"tasks": [{"id": "a", "duration": {"optimistic": 1, "mostLikely": 2}}], "meta": {}}"#)
        let b = try JSONValue(jsonText: "{\n  \"meta\" : { },\n  \"tasks\" : [ { \"duration\" : { \"mostLikely\" : 2.0, \"optimistic\" : 1 }, \"id\" : \"a\" } ]\n}")
        #expect(ContentHash.of(a) == ContentHash.of(b))
        #expect(ContentHash.of(a).count == 64)
        #expect(ContentHash.of(a).allSatisfy { $0.isHexDigit && !$0.isUppercase })
    }

    @Test("hex digests match the FIPS 180-2 SHA-256 test vectors")
    func knownVectors() {
        #expect(ContentHash.of(text: "abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(ContentHash.of(text: "") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test("a different value gives a different hash")
    func sensitivity() throws {
        let a = try JSONValue(jsonText: #"{"tasks": [{"id": "a"}]}"#)
        let b = try JSONValue(jsonText: #"{"tasks": [{"id": "b"}]}"#)
        let c = try JSONValue(jsonText: #"{"tasks": [{"id": "a"}], "x": null}"#)
        #expect(Set([ContentHash.of(a), ContentHash.of(b), ContentHash.of(c)]).count == 3)
    }

    @Test("generated.contentHash and generated.timestamp are left out of the hash")
    func ignoredFields() throws {
        let a = try JSONValue(jsonText: #"{"generated": {"by": "T.A.S.K.S v3", "timestamp": "2024-01-01T00:00:00Z", "contentHash": "aaa"}, "ok": true}"#)
        let b = try JSONValue(jsonText: #"{"generated": {"by": "T.A.S.K.S v3", "timestamp": "2031-12-31T23:59:59Z", "contentHash": "bbb"}, "ok": true}"#)
        let c = try JSONValue(jsonText: #"{"generated": {"by": "T.A.S.K.S v3"}, "ok": true}"#)
        let d = try JSONValue(jsonText: #"{"generated": {"by": "someone else"}, "ok": true}"#)
        #expect(ContentHash.of(a) == ContentHash.of(b))
        #expect(ContentHash.of(a) == ContentHash.of(c))
        #expect(ContentHash.of(a) != ContentHash.of(d))
    }

    @Test("a task's own contentHash is left out of its hash (NOTES.md: 'the contentHash field itself')")
    func taskContentHashIgnored() throws {
        let bare = try JSONValue(jsonText: #"{"id": "a", "title": "Build a"}"#)
        let stamped = try JSONValue(jsonText: #"{"id": "a", "title": "Build a", "contentHash": "0123abcd"}"#)
        #expect(ContentHash.of(bare) == ContentHash.of(stamped))
        let plan = try JSONValue(jsonText: #"{"tasks": [{"id": "a"}]}"#)
        let stampedPlan = try JSONValue(jsonText: #"{"tasks": [{"id": "a", "contentHash": "ffff"}]}"#)
        #expect(ContentHash.of(plan) == ContentHash.of(stampedPlan))
    }

    @Test("the hash is SHA-256 of the canonical text")
    func sha256() throws {
        let value = try JSONValue(jsonText: #"{"b": 1, "a": "x"}"#)
        #expect(ContentHash.of(value) == ContentHash.of(text: #"{"a":"x","b":1}"#))
        // Known vector: SHA-256("abc").
        #expect(ContentHash.of(text: "abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    // MARK: - Timestamps

    @Test("SOURCE_DATE_EPOCH fixes the timestamp", arguments: [
        ("0", "1970-01-01T00:00:00Z"), ("1700000000", "2023-11-14T22:13:20Z"), ("946684799", "1999-12-31T23:59:59Z"),
    ])
    func sourceDateEpoch(_ epoch: String, _ expected: String) {
        let now = Date(timeIntervalSince1970: 1_234_567_890)
        #expect(ContentHash.timestamp(environment: ["SOURCE_DATE_EPOCH": epoch], now: now) == expected)
    }

    @Test("without SOURCE_DATE_EPOCH the timestamp is now, in UTC")
    func now() {
        let now = Date(timeIntervalSince1970: 1_234_567_890)
        #expect(ContentHash.timestamp(environment: [:], now: now) == "2009-02-13T23:31:30Z")
        #expect(ContentHash.timestamp(environment: ["SOURCE_DATE_EPOCH": "not a number"], now: now) == "2009-02-13T23:31:30Z")
    }

    // MARK: - ArtifactWriter

    struct Artifact: Codable, Equatable {
        var generated: GeneratedInfo
        var values: [String: Double]
        var names: [String]
    }

    @Test("hashedJSONText twice gives identical bytes, and the hash ignores the timestamp")
    func hashedTwice() throws {
        let artifact = Artifact(generated: GeneratedInfo(timestamp: "2024-05-01T00:00:00Z"),
                                values: ["z": 1, "a": 2.5, "m": 1e-3], names: ["b", "a"])
        let first = try ArtifactWriter.hashedJSONText(artifact)
        let second = try ArtifactWriter.hashedJSONText(artifact)
        #expect(first == second)
        #expect(first.hasSuffix("\n"))
        let decoded = try JSONDecoder().decode(Artifact.self, from: Data(first.utf8))
        #expect(decoded.values == artifact.values)
        #expect(decoded.names == artifact.names)
        #expect(decoded.generated.contentHash == ContentHash.of(try JSONValue(encoding: artifact)))
        #expect(decoded.generated.contentHash.count == 64)

        var later = artifact
        later.generated.timestamp = "2030-01-01T00:00:00Z"
        let other = try JSONDecoder().decode(Artifact.self, from: Data(try ArtifactWriter.hashedJSONText(later).utf8))
        #expect(other.generated.contentHash == decoded.generated.contentHash)

        var changed = artifact
        changed.names.append("c")
        let third = try JSONDecoder().decode(Artifact.self, from: Data(try ArtifactWriter.hashedJSONText(changed).utf8))
        #expect(third.generated.contentHash != decoded.generated.contentHash)
    }

    @Test("hashed JSON text has sorted keys and verifies against its own hash")
    func selfVerifying() throws {
        let text = try ArtifactWriter.hashedJSONText(Artifact(generated: GeneratedInfo(timestamp: "t"), values: ["b": 1, "a": 2], names: []))
        let a = try #require(text.range(of: "\"a\""))
        let b = try #require(text.range(of: "\"b\""))
        #expect(a.lowerBound < b.lowerBound)
        let tree = try JSONValue(jsonText: text)
        #expect(tree.value(at: [.key("generated"), .key("contentHash")])?.stringValue == ContentHash.of(tree))
    }

    @Test("an artifact without a generated object is written unhashed")
    func unhashed() throws {
        let text = try ArtifactWriter.hashedJSONText(["k": [1, 2]])
        #expect(try JSONValue(jsonText: text) == .object(["k": .array([.number(1), .number(2)])]))
    }

    @Test("write() creates parent directories and replaces the file")
    func write() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("nested/deeper/dag.json").path
        try ArtifactWriter.write("one\n", to: path)
        try ArtifactWriter.write("two\n", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "two\n")
        let error = try #require(throws: TasksError.self) { try ArtifactWriter.write("x", to: "/proc/definitely/not/writable.json") }
        #expect(error.status == .invalidArguments)
    }
}
