import Foundation
import TaskModel
import TasksTestSupport
import Testing

/// What goes wrong reading a plan: exit 1 for paths, exit 5 for contents, always one line naming
/// the file and, where there is one, the JSON path of the offending value.
@Suite("Plan loading errors")
struct LoadErrorTests {
    @Test("a missing file is exit 1 naming the path")
    func missingFile() throws {
        let path = "/nonexistent/dir/tasks.json"
        let error = try #require(throws: TasksError.self) { try PlanLoader.load(path: path) }
        #expect(error.status == .invalidArguments)
        #expect(error.message.hasPrefix(path))
        #expect(error.description.hasSuffix("(exit 1)"))
    }

    static let wrongTypeCases: [(json: String, path: String)] = [
        (#"{"tasks": 5}"#, "tasks"),
        (#"{"tasks": [{"id": 5}]}"#, "tasks[0].id"),
        (#"{"tasks": [{"title": "no id"}]}"#, "tasks[0].id"),
        (#"{"tasks": [{"id": "a", "duration": {"optimistic": "1", "mostLikely": 2, "pessimistic": 3}}]}"#,
         "tasks[0].duration.optimistic"),
        (#"{"tasks": [{"id": "a", "duration": {"optimistic": 1, "pessimistic": 3}}]}"#, "tasks[0].duration.mostLikely"),
        (#"{"tasks": [{"id": "a"}], "dependencies": {}}"#, "dependencies"),
        (#"{"tasks": [{"id": "a"}], "dependencies": [{"from": "a", "to": "a", "confidence": "high"}]}"#,
         "dependencies[0].confidence"),
        (#"{"tasks": [{"id": "a"}], "dependencies": [{"from": "a", "to": "a", "type": "blocking"}]}"#,
         "dependencies[0].type"),
        (#"{"tasks": [{"id": "a"}], "dependencies": [{"from": "a", "to": "a", "isHard": "yes"}]}"#,
         "dependencies[0].isHard"),
        (#"{"meta": {"codebase_analysis": {"shared_resources": {"db": {"type": "global"}}}}, "tasks": [{"id": "a"}]}"#,
         "meta.codebase_analysis.shared_resources.db.type"),
        (#"{"meta": [], "tasks": [{"id": "a"}]}"#, "meta"),
        (#"{"tasks": [{"id": "a", "scheduling_hints": {"priority": "urgent"}}]}"#, "tasks[0].scheduling_hints.priority"),
        (#"{"tasks": [{"id": "a", "duration": null}, {"id": "b", "duration": {"optimistic": null, "mostLikely": 1, "pessimistic": 2}}]}"#,
         "tasks[1].duration.optimistic"),
        ("[1, 2]", "document"),
    ]

    @Test("wrong types give one line naming the file and the JSON path, exit 5", arguments: wrongTypeCases)
    func wrongTypes(_ json: String, _ path: String) throws {
        let error = try #require(throws: TasksError.self) { try PlanLoader.parse(text: json, name: "bad.json", hint: "json") }
        #expect(error.status == .invalidPlan)
        #expect(error.message.hasPrefix("bad.json: \(path): "), "message: \(error.message)")
        #expect(!error.message.contains("\n"))
    }

    @Test("a fraction where a whole number is expected names the JSON path, not 'malformed JSON'", arguments: [
        (#"{"tasks": [{"id": "a", "resource_requirements": {"estimated": {"shared_resources": {"pool": 1.5}}}}]}"#,
         "tasks[0].resource_requirements.estimated.shared_resources.pool"),
        (#"{"meta": {"resource_limits": {"max_concurrent_tasks": 2.5}}, "tasks": [{"id": "a"}]}"#,
         "meta.resource_limits.max_concurrent_tasks"),
    ])
    func fractionForInteger(_ json: String, _ path: String) throws {
        let error = try #require(throws: TasksError.self) { try PlanLoader.parse(text: json, name: "bad.json", hint: "json") }
        #expect(error.status == .invalidPlan)
        #expect(!error.message.contains("malformed JSON"), "the text is valid JSON: \(error.message)")
        #expect(error.message.hasPrefix("bad.json: \(path): "), "message: \(error.message)")
    }

    @Test("the type named in a mismatch is the expected one", arguments: [
        (#"{"tasks": 5}"#, "an array"),
        (#"{"tasks": [{"id": 5}]}"#, "a string"),
        (#"{"tasks": [{"id": "a", "duration": {"optimistic": "1", "mostLikely": 2, "pessimistic": 3}}]}"#, "a number"),
        (#"{"tasks": [{"id": "a"}], "dependencies": [{"from": "a", "to": "a", "isHard": "yes"}]}"#, "true or false"),
        (#"{"meta": [], "tasks": [{"id": "a"}]}"#, "an object"),
    ])
    func expectedTypeNames(_ json: String, _ expected: String) throws {
        let error = try #require(throws: TasksError.self) { try PlanLoader.parse(text: json, name: "bad.json", hint: "json") }
        #expect(error.message.contains("expected \(expected)"), "message: \(error.message)")
    }

    @Test("malformed JSON is exit 5, one line naming the file", arguments: [
        #"{"tasks": ["#, #"{"tasks": [{"id": "a",}]"#, "{", #"{"tasks": [{"id": "a"}]} trailing"#,
    ])
    func malformedJSON(_ text: String) throws {
        let error = try #require(throws: TasksError.self) { try PlanLoader.parse(text: text, name: "broken.json", hint: "json") }
        #expect(error.status == .invalidPlan)
        #expect(error.message.hasPrefix("broken.json: "))
        #expect(!error.message.contains("\n"))
    }

    @Test("a file with invalid UTF-8 is exit 5 naming it")
    func invalidUTF8File() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("tasks.json")
        try Data([0x7B, 0xFF, 0xFE, 0x7D]).write(to: file)
        let error = try #require(throws: TasksError.self) { try PlanLoader.load(path: file.path) }
        #expect(error.status == .invalidPlan)
        #expect(error.message.hasPrefix(file.path))
    }

    static let malformedYAML = [
        "tasks:\n  - id: a\n    pert: [1, 2\n",
        "tasks:\n  - {id: a, pert: [1, 2, 3]\n",
        "\t\tfoo: [\n",
        "tasks:\n  - id: a\n   title: misindented\n",
    ]

    @Test("malformed YAML is exit 5, one line naming the file", arguments: malformedYAML)
    func malformedYAMLText(_ text: String) throws {
        let error = try #require(throws: TasksError.self) { try PlanLoader.parse(text: text, name: "broken.yaml", hint: "yaml") }
        #expect(error.status == .invalidPlan)
        #expect(error.message.hasPrefix("broken.yaml: "))
        #expect(!error.message.contains("\n"))
    }

    @Test("malformed YAML is reported as YAML, not JSON", arguments: malformedYAML)
    func malformedYAMLSaysYAML(_ text: String) throws {
        let error = try #require(throws: TasksError.self) { try PlanLoader.parse(text: text, name: "broken.yaml", hint: "yaml") }
        #expect(error.message.contains("YAML"), "message: \(error.message)")
        #expect(!error.message.contains("JSON"), "message: \(error.message)")
    }

    @Test("wrong types in YAML name the file and the path", arguments: [
        ("tasks: 5\n", "tasks"),
        ("tasks:\n  - id: a\n    pert: [1, x, 3]\n", "tasks[0].pert[1]"),
        ("tasks:\n  - id: a\n    after: [{type: technical}]\n", "tasks[0].after[0].task"),
        ("tasks:\n  - {id: a, pert: [1], units: weeks}\n", "tasks[0].units"),
        ("tasks:\n  - {id: a, pert: [1], priority: urgent}\n", "tasks[0].priority"),
        ("name: nothing\n", "tasks"),
        ("resources:\n  db: {type: global}\ntasks:\n  - {id: a, pert: [1]}\n", "resources.db.type"),
    ])
    func yamlWrongTypes(_ text: String, _ path: String) throws {
        let error = try #require(throws: TasksError.self) { try PlanLoader.parse(text: text, name: "s.yaml", hint: "yaml") }
        #expect(error.status == .invalidPlan)
        #expect(error.message.hasPrefix("s.yaml: \(path): "), "message: \(error.message)")
        #expect(!error.message.contains("\n"))
    }

    @Test("YAML 'tasks: 5' says 'expected an array', as JSON does")
    func yamlTypeName() throws {
        let error = try #require(throws: TasksError.self) { try PlanLoader.parse(text: "tasks: 5\n", name: "s.yaml", hint: "yaml") }
        #expect(error.message.contains("expected an array"), "message: \(error.message)")
    }

    @Test("an unknown dependency id in YAML names it")
    func yamlUnknownAfter() throws {
        let loaded = try PlanLoader.parse(text: "tasks:\n  - {id: a, pert: [1], after: [zz-top]}\n", name: "s.yaml", hint: "yaml")
        let error = try #require(throws: TasksError.self) { try ResolvedPlan(loaded.document, sourceName: loaded.sourceName) }
        #expect(error.status == .invalidPlan)
        #expect(error.message.contains("unknown task zz-top"))
    }

    @Test("ExitStatus matches the spec's exit code table")
    func exitCodes() {
        let table: [TaskModel.ExitStatus: Int32] = [
            .success: 0, .invalidArguments: 1, .codebaseAnalysisFailed: 2, .cyclicDependencies: 3,
            .unresolvableResources: 4, .invalidPlan: 5, .workerPoolFailed: 6, .failedWithCheckpoint: 7,
            .failedWithoutCheckpoint: 8, .userAbort: 9,
        ]
        #expect(TaskModel.ExitStatus.allCases.count == 10)
        for status in TaskModel.ExitStatus.allCases { #expect(table[status] == status.rawValue) }
        #expect(TasksError(.cyclicDependencies, "x").description == "x (exit 3)")
    }
}
