import Foundation
import TaskModel
import TasksTestSupport
import Testing

/// Every input form `PlanLoader` accepts gives the same typed plan.
@Suite("PlanLoader input forms")
struct PlanLoaderTests {
    static let webappIDs = (1...27).map { String(format: "P1.T%03d", $0) }

    @Test("a plan directory loads tasks.json and names it in sourceName")
    func directory() throws {
        let plan = try PlanLoader.load(path: Fixtures.scenario("webapp"))
        #expect(plan.document.tasks.map(\.id) == Self.webappIDs)
        #expect(plan.document.dependencies.count == 49)
        #expect(plan.sourceName.hasSuffix("webapp/tasks.json"))
        #expect(plan.coordinator == nil && plan.waves == nil && plan.features == nil)
    }

    @Test("a tasks.json path loads the same document as its directory")
    func tasksJSONFile() throws {
        let file = try PlanLoader.load(path: Fixtures.webappTasksPath)
        let dir = try PlanLoader.load(path: Fixtures.scenario("webapp"))
        #expect(file.document == dir.document)
        #expect(try file.rawJSON() == dir.rawJSON())
        #expect(file.document.meta.minConfidence == 0.7)
        #expect(file.document.meta.codebaseAnalysis?.sharedResources?.keys.sorted()
            == ["database_migrations", "deployment_pipeline", "test_db_pool"])
        #expect(file.document.resourceConflicts?["database_migrations"]?.resolution == "sequential_ordering")
    }

    @Test("a plan directory also reads its features.json and coordinator.json")
    func directoryWithArtifacts() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try PlanBuilder().task("a", 1, 2, 3).jsonText().write(to: dir.appendingPathComponent("tasks.json"), atomically: true, encoding: .utf8)
        let features = FeaturesDocument(features: [.init(id: "F001", title: "Login")])
        try ArtifactWriter.jsonText(features).write(to: dir.appendingPathComponent("features.json"), atomically: true, encoding: .utf8)
        try ArtifactWriter.jsonText(CoordinatorDocument.standard)
            .write(to: dir.appendingPathComponent("coordinator.json"), atomically: true, encoding: .utf8)
        let plan = try PlanLoader.load(path: dir.path)
        #expect(plan.features == features)
        #expect(plan.coordinator == CoordinatorDocument.standard)
        #expect(plan.document.tasks.map(\.id) == ["a"])
    }

    @Test("a broken features.json in a plan directory is exit 5 naming that file")
    func brokenSideArtifact() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try PlanBuilder().task("a", 1, 2, 3).jsonText().write(to: dir.appendingPathComponent("tasks.json"), atomically: true, encoding: .utf8)
        try #"{"features": [{"id": 7, "title": "x"}]}"#.write(to: dir.appendingPathComponent("features.json"), atomically: true, encoding: .utf8)
        let error = try #require(throws: TasksError.self) { try PlanLoader.load(path: dir.path) }
        #expect(error.status == .invalidPlan)
        #expect(error.message.contains("features.json"))
        #expect(error.message.contains("features[0].id"))
    }

    @Test("a directory without tasks.json is exit 1")
    func directoryWithoutTasks() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let error = try #require(throws: TasksError.self) { try PlanLoader.load(path: dir.path) }
        #expect(error.status == .invalidArguments)
        #expect(error.message.contains(dir.path))
        #expect(error.message.contains("tasks.json"))
    }

    @Test("every bundled YAML scenario loads and resolves", arguments: [
        "ci-pipeline.yaml", "small/diamond.yaml", "small/exclusive-lock.yaml", "small/pool-of-3.yaml", "small/two-chains.yaml",
    ])
    func bundledYAML(_ name: String) throws {
        let plan = try PlanLoader.load(path: Fixtures.scenario(name))
        #expect(plan.sourceName.hasSuffix(name))
        #expect(!plan.document.tasks.isEmpty)
        let resolved = try ResolvedPlan(plan.document, sourceName: plan.sourceName)
        #expect(resolved.hasEstimate.allSatisfy { $0 })
        #expect(resolved.warnings.isEmpty)
    }

    @Test("the diamond scenario's edges and estimates come through")
    func diamond() throws {
        let plan = try PlanLoader.load(path: Fixtures.scenario("small/diamond.yaml"))
        #expect(plan.document.tasks.map(\.id) == ["design", "api", "ui", "release"])
        #expect(plan.document.dependencies.map(\.label) == ["design -> api", "design -> ui", "api -> release", "ui -> release"])
        #expect(plan.document.dependencies.allSatisfy { $0.isHard && $0.confidence == 1 && $0.type == .technical })
        #expect(plan.document.tasks[2].duration == DurationEstimate(optimistic: 1, mostLikely: 4, pessimistic: 7))
        #expect(plan.document.meta.resourceLimits?.maxConcurrentTasks == 2)
        // raw is the converted v3 document, so unknown-field merging works for YAML plans too.
        #expect(try plan.rawJSON().value(at: [.key("tasks"), .index(0), .key("id")]) == .string("design"))
    }

    @Test("the large generated plan loads")
    func large() throws {
        let plan = try PlanLoader.load(path: Fixtures.scenario("large-3000.json"))
        #expect(plan.document.tasks.count == 3000)
        #expect(Set(plan.document.tasks.map(\.id)).count == 3000)
    }

    // MARK: - File-fence text

    static let fencedTasks = """
        {"meta": {"min_confidence": 0.8},
         "tasks": [{"id": "a", "title": "Build a", "duration": {"optimistic": 1, "mostLikely": 2, "pessimistic": 3}},
                   {"id": "b", "title": "Test b", "duration": {"optimistic": 1, "mostLikely": 1, "pessimistic": 1}}],
         "dependencies": [{"from": "a", "to": "b", "confidence": 0.9}]}
        """

    @Test("file-fence text with ```json wrapped blocks")
    func fenceWithCodeBlocks() throws {
        let text = """
            ---file:features.json
            ```json
            {"features": [{"id": "F001", "title": "Build the thing"}]}
            ```
            ---file:tasks.json
            ```json
            \(Self.fencedTasks)
            ```
            ---file:Plan.md
            # Plan
            ---file:coordinator.json
            ```
            \(try ArtifactWriter.jsonText(CoordinatorDocument.standard))
            ```
            """
        let plan = try PlanLoader.parse(text: text, name: "llm.txt", hint: "txt")
        #expect(plan.document.tasks.map(\.id) == ["a", "b"])
        #expect(plan.document.meta.minConfidence == 0.8)
        #expect(plan.features?.features.map(\.id) == ["F001"])
        #expect(plan.coordinator == CoordinatorDocument.standard)
        #expect(plan.sourceName == "llm.txt:tasks.json")
    }

    @Test("file-fence text after an LLM's preamble line is still recognised as file-fence text")
    func fenceAfterPreamble() throws {
        let text = "Here is the plan you asked for:\n\n---file:tasks.json\n```json\n\(Self.fencedTasks)\n```\n"
        #expect(FileFence.split(text).map(\.name) == ["tasks.json"])
        let plan = try PlanLoader.parse(text: text, name: "stdin", hint: nil)
        #expect(plan.document.tasks.map(\.id) == ["a", "b"])
    }

    @Test("file-fence text without code fences, with leading white space")
    func fenceBare() throws {
        let text = "\n\n  ---file:tasks.json\n\(Self.fencedTasks)\n"
        let plan = try PlanLoader.parse(text: text, name: "plan.txt", hint: nil)
        #expect(plan.document.dependencies.map(\.label) == ["a -> b"])
    }

    @Test("split and join of file-fence text round-trip")
    func fenceRoundTrip() {
        let files = [(name: "tasks.json", content: "{\"tasks\": []}"), (name: "Plan.md", content: "# Plan\n\nbody")]
        let back = FileFence.split(FileFence.join(files))
        #expect(back.map(\.name) == files.map(\.name))
        #expect(back.map(\.content) == files.map(\.content))
    }

    @Test("file-fence text without a tasks.json block is exit 5 listing the blocks")
    func fenceWithoutTasks() throws {
        let error = try #require(throws: TasksError.self) {
            try PlanLoader.parse(text: "---file:Plan.md\n# hi\n---file:dag.json\n{}\n", name: "stdin", hint: nil)
        }
        #expect(error.status == .invalidPlan)
        #expect(error.message.contains("tasks.json"))
        #expect(error.message.contains("Plan.md, dag.json"))
    }

    @Test("a malformed block is exit 5 naming the block")
    func fenceMalformedBlock() throws {
        let error = try #require(throws: TasksError.self) {
            try PlanLoader.parse(text: "---file:tasks.json\n```json\n{\"tasks\": [{\"id\": 1}]}\n```\n", name: "stdin", hint: nil)
        }
        #expect(error.status == .invalidPlan)
        #expect(error.message.hasPrefix("stdin:tasks.json: "))
        #expect(error.message.contains("tasks[0].id"))
    }

    // MARK: - stdin

    @Test("stdin holding file-fence text")
    func stdinFence() throws {
        let text = "---file:tasks.json\n```json\n\(Self.fencedTasks)\n```\n"
        let plan = try PlanLoader.load(path: "-", stdin: { Data(text.utf8) })
        #expect(plan.document.tasks.map(\.id) == ["a", "b"])
        #expect(plan.sourceName == "stdin:tasks.json")
    }

    @Test("stdin holding tasks.json or YAML text")
    func stdinDocuments() throws {
        let json = try PlanLoader.load(path: "-", stdin: { Data(Self.fencedTasks.utf8) })
        #expect(json.document.tasks.count == 2)
        #expect(json.sourceName == "stdin")
        let yaml = try PlanLoader.load(path: "-", stdin: { Data("tasks:\n  - {id: x, pert: [1, 2, 3]}\n".utf8) })
        #expect(yaml.document.tasks.map(\.id) == ["x"])
    }

    @Test("stdin holding the path of a plan directory loads that directory")
    func stdinDirectoryPath() throws {
        let plan = try PlanLoader.load(path: "-", stdin: { Data("\(Fixtures.scenario("webapp"))\n".utf8) })
        #expect(plan.document.tasks.map(\.id) == Self.webappIDs)
        #expect(plan.sourceName.hasSuffix("webapp/tasks.json"))
    }

    @Test("stdin that is not UTF-8 is exit 5")
    func stdinNotUTF8() throws {
        let error = try #require(throws: TasksError.self) {
            try PlanLoader.load(path: "-", stdin: { Data([0xFF, 0xFE, 0x7B, 0xC3]) })
        }
        #expect(error.status == .invalidPlan)
        #expect(error.message.hasPrefix("stdin"))
    }

    // MARK: - PSPLIB

    static let tinySM = """
        ************************************************************************
        file with basedata            : tiny.bas
        ************************************************************************
        PRECEDENCE RELATIONS:
        jobnr.    #modes  #successors   successors
           1        1          2           2   3
           2        1          1           4
           3        1          1           4
           4        1          0
        ************************************************************************
        REQUESTS/DURATIONS:
        jobnr. mode duration  R 1  R 2
        ------------------------------------------------------------------------
          1      1     0       0    0
          2      1     3       2    0
          3      1     5       1    1
          4      1     0       0    0
        ************************************************************************
        RESOURCEAVAILABILITIES:
          R 1  R 2
            2    1
        ************************************************************************
        """

    @Test("a PSPLIB .sm instance: dummies dropped, fixed durations, renewable pools")
    func psplibInline() throws {
        let plan = try PlanLoader.parse(text: Self.tinySM, name: "tiny.sm", hint: "sm")
        #expect(plan.document.tasks.map(\.id) == ["J002", "J003"])
        #expect(plan.document.dependencies.isEmpty)
        let resolved = try ResolvedPlan(plan.document, sourceName: plan.sourceName)
        #expect(resolved.durations.map(\.mostLikely) == [3, 5])
        #expect(resolved.durations.allSatisfy { $0.distribution == .fixed })
        #expect(resolved.resources == [ResourceDefinition(name: "R1", kind: .sharedLimited, capacity: 2),
                                       ResourceDefinition(name: "R2", kind: .sharedLimited, capacity: 1)])
        #expect(plan.document.tasks[0].resourceRequirements?.estimated?.sharedResources == ["R1": 2])
        // Recognised by its banner even without the extension.
        let sniffed = try PlanLoader.parse(text: Self.tinySM, name: "stdin", hint: nil)
        #expect(sniffed.document == plan.document)
    }

    @Test("text that is not a PSPLIB instance is exit 5")
    func psplibGarbage() throws {
        let error = try #require(throws: TasksError.self) {
            try PlanLoader.parse(text: "***********\nnothing here\n", name: "bad.sm", hint: "sm")
        }
        #expect(error.status == .invalidPlan)
        #expect(error.message.hasPrefix("bad.sm: "))
    }

    @Test("a j30 instance from ../shared/psplib loads as 30 tasks",
          .enabled(if: Fixtures.sharedFile("psplib/j30/j3010_1.sm") != nil,
                   "needs ../shared/psplib/j30 beside the package (or /work/shared); skipped"))
    func psplibShared() throws {
        let path = try #require(Fixtures.sharedFile("psplib/j30/j3010_1.sm"))
        let plan = try PlanLoader.load(path: path)
        #expect(plan.document.tasks.count == 30)
        #expect(plan.document.tasks.first?.id == "J002")
        #expect(plan.document.meta.codebaseAnalysis?.sharedResources?.count == 4)
        _ = try ResolvedPlan(plan.document, sourceName: plan.sourceName)
    }
}
