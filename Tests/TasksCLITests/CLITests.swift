import Foundation
import TaskGraph
import TaskModel
import TasksTestSupport
import Testing

/// End to end: the built `tasks` executable, its exit codes, its output and its artifacts.
@Suite("tasks CLI")
struct CLITests {
    static let webapp = "scenarios/webapp"

    /// A plan file in a fresh temporary directory.
    static func planFile(_ text: String, name: String = "tasks.json") throws -> URL {
        let url = try Fixtures.temporaryDirectory("tasks-cli").appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    static var cyclicPlan: String {
        get throws {
            try PlanBuilder()
                .exclusiveResource("db")
                .task("alpha-migration", 1, 2, 3).task("beta-migration", 1, 2, 3).task("gamma-report", 1, 2, 3)
                .edge("alpha-migration", "beta-migration", type: .mutualExclusion, resource: "db")
                .edge("beta-migration", "alpha-migration", type: .mutualExclusion, resource: "db")
                .edge("beta-migration", "gamma-report")
                .jsonText()
        }
    }

    // MARK: - validate-plan

    @Test("validate-plan scenarios/webapp exits 0")
    func validateWebapp() throws {
        let run = try CLI.run(["validate-plan", Self.webapp])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("valid: 0 hard fail(s), 0 warning(s)"), "\(run)")
        #expect(run.stdout.contains("27 tasks"))
        #expect(run.stderr.isEmpty, "\(run)")
    }

    @Test("validate-plan --json prints a report that decodes")
    func validateJSON() throws {
        let run = try CLI.run(["validate-plan", Self.webapp, "--json"])
        #expect(run.status == 0, "\(run)")
        let report = try JSONDecoder().decode(PlanValidator.Report.self, from: Data(run.stdout.utf8))
        #expect(report.ok)
        #expect(report.exitCode == 0)
        #expect(report.hardFails.isEmpty)
        #expect(report.metrics?.nodes == 27)
        #expect(report.metrics?.edges == 39)
        #expect(report.file.hasSuffix("webapp/tasks.json"))
    }

    @Test("validate-plan on a plan with hard fails exits 5, one stderr line per finding")
    func validateHardFails() throws {
        let run = try CLI.run(["validate-plan", "scenarios/small/diamond.yaml"])
        #expect(run.status == 5, "\(run)")
        let errors = run.stderrLines.filter { $0.hasPrefix("tasks: error: ") }
        #expect(errors.count == 10, "\(run)")
        #expect(errors.allSatisfy { $0.hasSuffix("(exit 5)") && $0.contains("diamond.yaml") })
        #expect(run.stdout.contains("INVALID"))
    }

    @Test("validate-plan --json on an invalid plan still prints the report, then exits 5")
    func validateJSONInvalid() throws {
        let run = try CLI.run(["validate-plan", "scenarios/small/two-chains.yaml", "--json"])
        #expect(run.status == 5, "\(run)")
        let report = try JSONDecoder().decode(PlanValidator.Report.self, from: Data(run.stdout.utf8))
        #expect(!report.ok)
        #expect(report.exitCode == 5)
        #expect(report.hardFails.contains { $0.rule == "boundaries" && $0.message.contains("task a1") })
    }

    // MARK: - graph

    @Test("graph -o DIR writes a dag.json that decodes as DagDocument and verifies its hash")
    func graphWritesDag() throws {
        let dir = try Fixtures.temporaryDirectory("tasks-cli-out")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("nested/out")
        let run = try CLI.run(["graph", Self.webapp, "-o", out.path])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("edges (reduced)"))
        let path = out.appendingPathComponent("dag.json")
        #expect(run.stderr.contains("wrote \(path.path)"), "\(run)")
        let data = try Data(contentsOf: path)
        let dag = try JSONDecoder().decode(DagDocument.self, from: data)
        #expect(dag.ok)
        #expect(dag.metrics.nodes == 27)
        #expect(dag.metrics.edges == 39)
        #expect(dag.topoOrder.count == 27)
        #expect(dag.metrics.minConfidenceApplied == 0.7)
        let tree = try JSONDecoder().decode(JSONValue.self, from: data)
        #expect(dag.generated?.contentHash == ContentHash.of(tree))
    }

    @Test("graph --json prints the same dag.json it writes")
    func graphJSON() throws {
        let dir = try Fixtures.temporaryDirectory("tasks-cli-out")
        defer { try? FileManager.default.removeItem(at: dir) }
        let env = ["SOURCE_DATE_EPOCH": "1700000000"]
        let run = try CLI.run(["graph", Self.webapp, "--json", "--output-dir", dir.path], environment: env)
        #expect(run.status == 0, "\(run)")
        let written = try String(contentsOf: dir.appendingPathComponent("dag.json"), encoding: .utf8)
        #expect(run.stdout == written)
    }

    @Test("two graph runs with SOURCE_DATE_EPOCH give byte-identical dag.json")
    func reproducible() throws {
        let dir = try Fixtures.temporaryDirectory("tasks-cli-out")
        defer { try? FileManager.default.removeItem(at: dir) }
        let env = ["SOURCE_DATE_EPOCH": "1700000000"]
        var outputs: [Data] = []
        for k in 0..<2 {
            let out = dir.appendingPathComponent("run\(k)")
            let run = try CLI.run(["graph", Self.webapp, "-o", out.path], environment: env)
            #expect(run.status == 0, "\(run)")
            outputs.append(try Data(contentsOf: out.appendingPathComponent("dag.json")))
        }
        #expect(outputs[0] == outputs[1])
        let dag = try JSONDecoder().decode(DagDocument.self, from: outputs[0])
        #expect(dag.generated?.timestamp == "2023-11-14T22:13:20Z")

        // Another epoch changes the timestamp but not the content hash.
        let later = dir.appendingPathComponent("later")
        _ = try CLI.run(["graph", Self.webapp, "-o", later.path], environment: ["SOURCE_DATE_EPOCH": "1800000000"])
        let other = try JSONDecoder().decode(DagDocument.self, from: Data(contentsOf: later.appendingPathComponent("dag.json")))
        #expect(other.generated?.timestamp != dag.generated?.timestamp)
        #expect(other.generated?.contentHash == dag.generated?.contentHash)
    }

    @Test("TASKS_OUTPUT_DIR is where graph writes when -o is not given")
    func outputDirEnvironment() throws {
        let dir = try Fixtures.temporaryDirectory("tasks-cli-out")
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try CLI.run(["graph", "scenarios/small/diamond.yaml"], environment: ["TASKS_OUTPUT_DIR": dir.path])
        #expect(run.status == 0, "\(run)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("dag.json").path))
    }

    // MARK: - Errors and exit codes

    @Test("a missing plan is exit 1 with one stderr line naming it", arguments: ["graph", "validate-plan"])
    func missingFile(_ command: String) throws {
        let run = try CLI.run([command, "no/such/plan.json"])
        #expect(run.status == 1, "\(run)")
        #expect(run.stderrLines.count == 1, "\(run)")
        #expect(run.stderr.contains("no/such/plan.json"))
        #expect(run.stdout.isEmpty)
    }

    @Test("an unknown flag is exit 1 with one stderr line", arguments: [
        ["graph", "scenarios/webapp", "--bogus"], ["validate-plan", "--frobnicate", "scenarios/webapp"], ["no-such-command"],
        ["graph"],
    ])
    func unknownFlag(_ arguments: [String]) throws {
        let run = try CLI.run(arguments)
        #expect(run.status == 1, "\(run)")
        #expect(run.stderrLines.count == 1, "\(run)")
        #expect(run.stdout.isEmpty)
    }

    @Test("a cycle that cannot be broken is exit 3 naming its tasks", arguments: ["graph", "validate-plan"])
    func cycle(_ command: String) throws {
        let file = try Self.planFile(try Self.cyclicPlan)
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let run = try CLI.run([command, file.path])
        #expect(run.status == 3, "\(run)")
        let line = try #require(run.stderrLines.first { $0.contains("cycle") })
        #expect(line.contains("alpha-migration"))
        #expect(line.contains("beta-migration"))
        #expect(line.contains("(exit 3)"))
    }

    @Test("malformed JSON is exit 5 with one line naming the file", arguments: ["graph", "validate-plan"])
    func malformed(_ command: String) throws {
        let file = try Self.planFile(#"{"tasks": [{"id": "a", "duration": {"optimistic": 1,"#)
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let run = try CLI.run([command, file.path])
        #expect(run.status == 5, "\(run)")
        #expect(run.stderrLines.count == 1, "\(run)")
        #expect(run.stderr.contains(file.path))
    }

    @Test("a wrong type is exit 5 naming the JSON path")
    func wrongType() throws {
        let file = try Self.planFile(#"{"tasks": [{"id": "a", "duration": {"optimistic": "soon", "mostLikely": 2, "pessimistic": 3}}]}"#)
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let run = try CLI.run(["graph", file.path])
        #expect(run.status == 5, "\(run)")
        #expect(run.stderrLines.count == 1)
        #expect(run.stderr.contains("tasks[0].duration.optimistic"))
    }

    @Test("hostile numbers never kill the process with a signal")
    func noSignal() throws {
        let file = try Self.planFile(#"""
            {"meta": {"codebase_analysis": {"shared_resources": {"pool": {"type": "shared_limited", "capacity": 1}}}},
             "tasks": [{"id": "a", "duration": {"optimistic": 1, "mostLikely": 2, "pessimistic": 3},
                        "resource_requirements": {"estimated": {"shared_resources": {"pool": 9223372036854775807}}}}]}
            """#)
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let run = try CLI.run(["graph", file.path])
        #expect(!run.signalled, "\(run)")
        #expect([0, 1, 3, 4, 5].contains(run.status), "\(run)")
    }

    // MARK: - Min confidence

    @Test("TASKS_MIN_CONFIDENCE changes the kept edges")
    func minConfidenceEnvironment() throws {
        let strict = try CLI.run(["graph", Self.webapp, "--json"])
        let lenient = try CLI.run(["graph", Self.webapp, "--json"], environment: ["TASKS_MIN_CONFIDENCE": "0.5"])
        #expect(strict.status == 0 && lenient.status == 0, "\(strict)\n\(lenient)")
        let a = try JSONDecoder().decode(DagDocument.self, from: Data(strict.stdout.utf8))
        let b = try JSONDecoder().decode(DagDocument.self, from: Data(lenient.stdout.utf8))
        #expect(a.metrics.minConfidenceApplied == 0.7)
        #expect(b.metrics.minConfidenceApplied == 0.5)
        #expect(a.lowConfidenceDeps.count == 3)
        #expect(b.lowConfidenceDeps.isEmpty)
        #expect(a.metrics.keptByType.values.reduce(0, +) == 43)
        #expect(b.metrics.keptByType.values.reduce(0, +) == 46)
        #expect(b.softDeps.count == 3)
    }

    @Test("--min-confidence beats TASKS_MIN_CONFIDENCE, which beats the plan's min_confidence")
    func minConfidencePrecedence() throws {
        let run = try CLI.run(["graph", Self.webapp, "--json", "--min-confidence", "0.9"],
                              environment: ["TASKS_MIN_CONFIDENCE": "0.5"])
        #expect(run.status == 0, "\(run)")
        let dag = try JSONDecoder().decode(DagDocument.self, from: Data(run.stdout.utf8))
        #expect(dag.metrics.minConfidenceApplied == 0.9)
        #expect(dag.lowConfidenceDeps.count > 3)
    }

    @Test("a bad TASKS_MIN_CONFIDENCE is exit 1 with one line", arguments: ["abc", "1.5", "-0.1", "nan", "0.7x"])
    func badMinConfidence(_ value: String) throws {
        let run = try CLI.run(["graph", Self.webapp], environment: ["TASKS_MIN_CONFIDENCE": value])
        #expect(run.status == 1, "\(run)")
        #expect(run.stderrLines.count == 1, "\(run)")
        #expect(run.stderr.lowercased().contains("confidence"))
        #expect(run.stdout.isEmpty)
    }

    // MARK: - stdin

    @Test("graph - reads file-fence text from stdin")
    func stdinFence() throws {
        let tasks = try PlanBuilder().task("fetch", 1, 2, 3, title: "Fetch the data").task("train", 2, 4, 8, title: "Train the model")
            .edge("fetch", "train").jsonText()
        let text = "---file:tasks.json\n```json\n\(tasks)```\n---file:Plan.md\n# Plan\n"
        let run = try CLI.run(["graph", "-", "--json"], stdin: Data(text.utf8))
        #expect(run.status == 0, "\(run)")
        let dag = try JSONDecoder().decode(DagDocument.self, from: Data(run.stdout.utf8))
        #expect(dag.topoOrder == ["fetch", "train"])
        #expect(dag.metrics.criticalPathHours == 6)

        let summary = try CLI.run(["graph", "-"], stdin: Data(text.utf8))
        #expect(summary.status == 0, "\(summary)")
        #expect(summary.stdout.contains("stdin:tasks.json"))
    }

    @Test("graph - with a directory path on stdin loads that plan")
    func stdinPath() throws {
        let run = try CLI.run(["graph", "-", "--json"], stdin: Data("scenarios/webapp\n".utf8))
        #expect(run.status == 0, "\(run)")
        let dag = try JSONDecoder().decode(DagDocument.self, from: Data(run.stdout.utf8))
        #expect(dag.metrics.nodes == 27)
    }

    @Test("graph - with malformed stdin is exit 5")
    func stdinMalformed() throws {
        let run = try CLI.run(["graph", "-"], stdin: Data("---file:tasks.json\n{\"tasks\": [\n".utf8))
        #expect(run.status == 5, "\(run)")
        #expect(run.stderrLines.count == 1)
        #expect(run.stderr.contains("stdin:tasks.json"))
    }

    @Test("--version and --help exit 0")
    func versionAndHelp() throws {
        let version = try CLI.run(["--version"])
        #expect(version.status == 0, "\(version)")
        #expect(!version.stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
        let help = try CLI.run(["graph", "--help"])
        #expect(help.status == 0, "\(help)")
        #expect(help.stdout.contains("--min-confidence"))
    }
}
