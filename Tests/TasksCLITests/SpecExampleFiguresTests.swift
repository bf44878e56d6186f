import Foundation
import TaskModel
import Testing
import TasksTestSupport

/// Every figure in an estimate is computed: on no bundled scenario does `waves.json` repeat the
/// spec's example value at the same place (54 h, 35 h, 65 % …), nor its example prose.
@Suite("no figure copied from the spec's examples")
struct SpecExampleFiguresTests {
    /// The spec's `waves.json` example, or nil when ../shared is absent.
    static let example: JSONValue? = {
        guard let path = Fixtures.sharedFile("spec/tasks-v3-spec.md"),
              let text = try? String(contentsOfFile: path, encoding: .utf8),
              let heading = text.range(of: "### waves.json"),
              let open = text.range(of: "```json\n", range: heading.upperBound..<text.endIndex),
              let close = text.range(of: "\n```", range: open.upperBound..<text.endIndex) else { return nil }
        return try? JSONDecoder().decode(JSONValue.self, from: Data(text[open.upperBound..<close.lowerBound].utf8))
    }()

    /// Numeric leaves of estimated quantities, keyed by their path with array indices dropped.
    static func figures(_ json: JSONValue, _ path: String = "") -> [String: Set<Double>] {
        var out: [String: Set<Double>] = [:]
        switch json {
        case .object(let object):
            for (key, value) in object where key != "config" && key != "barrier" && key != "max_concurrency" {
                out.merge(figures(value, path + "." + (key.hasPrefix("time_") ? "time_*" : key))) { $0.union($1) }
            }
        case .array(let array):
            for value in array { out.merge(figures(value, path + "[]")) { $0.union($1) } }
        case .number(let number):
            out[path, default: []].insert(number)
        default:
            break
        }
        return out
    }

    static func strings(_ json: JSONValue) -> [String] {
        json["execution_models"]?["rolling_frontier"]?["advantages_over_wave_based"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    @Test("waves.json shares no estimate figure or sentence with the spec's example",
          .enabled(if: example != nil, "needs ../shared/spec/tasks-v3-spec.md beside the package; skipped"),
          arguments: EstimateCommandTests.scenarioPaths.filter { !$0.hasPrefix("large") })
    func noExampleFigures(_ scenario: String) throws {
        let example = try #require(Self.example)
        let expected = Self.figures(example)
        #expect(expected.count > 10, "the example's figures were not found")
        let dir = try Fixtures.temporaryDirectory("spec-figures")
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try CLI.run(["estimate", Fixtures.scenario(scenario), "-n", "300", "-o", dir.path])
        #expect(result.status == 0, "\(result)")
        let ours = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: dir.appendingPathComponent("waves.json")))
        let hoursOrPercent = ["hours", "Hours", "percent", "concurrency", "contention_points"]
        for (path, values) in Self.figures(ours) where hoursOrPercent.contains(where: path.hasSuffix) {
            // Small whole numbers are what the hand-made scenarios are designed to give (pool-of-3
            // really has 6 contention points); a coincidence there proves nothing.
            let copied = values.intersection(expected[path] ?? []).filter { $0 >= 10 || $0 != $0.rounded() }
            #expect(copied.isEmpty, "\(scenario): \(path) = \(copied.sorted()) is the spec's example value")
        }
        let prose = Set(Self.strings(example))
        #expect(!prose.isEmpty)
        for line in Self.strings(ours) { #expect(!prose.contains(line), "\(scenario): '\(line)' is the spec's sentence") }
    }
}
