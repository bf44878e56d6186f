import Foundation
import TaskModel
import Testing
import TasksTestSupport

/// `tasks plan` end to end: the sample Markdown spec, LLM-style file-fence input, reproducibility,
/// the planner command, the interactive review and the plan-management commands.
@Suite("tasks plan", .serialized)
struct PlanCommandTests {
    static let artifacts = ["features.json", "tasks.json", "dag.json", "waves.json", "coordinator.json", "Plan.md",
                            "Decisions.md", ".tasks-meta.json"]

    /// A small codebase to analyse, so the tests do not scan the whole package.
    static func codebase() throws -> URL {
        let dir = try Fixtures.temporaryDirectory("plan-codebase")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("db/migrations"), withIntermediateDirectories: true)
        try "CREATE TABLE t (id int);".write(to: dir.appendingPathComponent("db/migrations/001.sql"), atomically: true, encoding: .utf8)
        try "protocol Store { func load() }\nfinal class FileStore: Store {}\n"
            .write(to: dir.appendingPathComponent("Store.swift"), atomically: true, encoding: .utf8)
        return dir
    }

    static func plan(_ arguments: [String], stdin: Data? = nil, environment: [String: String] = ["SOURCE_DATE_EPOCH": "0"])
        throws -> (CLIResult, URL)
    {
        let out = try Fixtures.temporaryDirectory("plan-out").appendingPathComponent("plan")
        let result = try CLI.run(["plan"] + arguments + ["-o", out.path, "-n", "300", "-p", try codebase().path],
                                 stdin: stdin, environment: environment)
        return (result, out)
    }

    static func json(_ dir: URL, _ name: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent(name))) as? [String: Any])
    }

    @Test("the sample spec gives the seven artifacts and .tasks-meta.json; validate-plan passes; stdout is the directory")
    func sampleSpec() throws {
        let (result, dir) = try Self.plan(["--plan-doc", Fixtures.scenario("sample-spec.md")])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == dir.path + "\n")
        for name in Self.artifacts {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(name).path), "\(name)")
        }
        let validation = try CLI.run(["validate-plan", dir.path])
        #expect(validation.status == 0, "\(validation)")
        #expect(validation.stdout.contains("0 hard fail(s), 0 warning(s)"), "\(validation)")
        let meta = try Self.json(dir, ".tasks-meta.json")
        let files = try #require(meta["files"] as? [String: String])
        for (name, hash) in files {
            #expect(ContentHash.of(data: try Data(contentsOf: dir.appendingPathComponent(name))) == hash, "\(name)")
        }
    }

    @Test("Plan.md links report.html, and tasks report on the plan directory writes it there")
    func planLinksReport() throws {
        let (result, dir) = try Self.plan(["--from", Fixtures.scenario("small/pool-of-3.yaml")])
        #expect(result.status == 0, "\(result)")
        let plan = try String(contentsOf: dir.appendingPathComponent("Plan.md"), encoding: .utf8)
        #expect(plan.contains("[report.html](report.html)"))
        let report = try CLI.run(["report", dir.path, "-n", "200", "-q", "-o", dir.appendingPathComponent("report.html").path])
        #expect(report.status == 0, "\(report)")
        let html = try String(contentsOf: dir.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("<svg"))
    }

    @Test("every feature, task and dependency quotes the spec exactly at its lines and loc")
    func evidenceIsReal() throws {
        let (result, dir) = try Self.plan(["--plan-doc", Fixtures.scenario("sample-spec.md")])
        #expect(result.status == 0, "\(result)")
        let text = try Fixtures.scenarioText("sample-spec.md")
        let scalars = Array(text.unicodeScalars)
        let lines = text.components(separatedBy: "\n")
        var evidence: [(String, [String: Any])] = []
        let tasks = try #require(Self.json(dir, "tasks.json")["tasks"] as? [[String: Any]])
        let deps = try #require(Self.json(dir, "tasks.json")["dependencies"] as? [[String: Any]])
        let features = try #require(Self.json(dir, "features.json")["features"] as? [[String: Any]])
        for t in tasks { for e in t["source_evidence"] as? [[String: Any]] ?? [] { evidence.append(("task \(t["id"]!)", e)) } }
        for f in features { for e in f["source_evidence"] as? [[String: Any]] ?? [] { evidence.append(("feature \(f["id"]!)", e)) } }
        for d in deps { for e in d["evidence"] as? [[String: Any]] ?? [] { evidence.append(("edge \(d["from"]!)->\(d["to"]!)", e)) } }
        #expect(tasks.count >= 15 && features.count >= 5 && features.count <= 25 && deps.count >= 15)
        #expect(tasks.allSatisfy { ($0["source_evidence"] as? [Any])?.isEmpty == false })
        #expect(deps.allSatisfy { ($0["evidence"] as? [Any])?.isEmpty == false })
        #expect(evidence.count >= tasks.count + features.count + deps.count)
        for (owner, e) in evidence {
            let quote = try #require(e["quote"] as? String)
            let start = try #require(e["startLine"] as? Int), end = try #require(e["endLine"] as? Int)
            let loc = try #require(e["loc"] as? [String: Int])
            let span = lines[(start - 1)..<end].joined(separator: "\n")
            #expect(span.contains(quote), "\(owner): '\(quote)' is not in lines \(start)-\(end)")
            let at = String(String.UnicodeScalarView(scalars[loc["start"]!..<loc["end"]!]))
            #expect(at == quote, "\(owner): loc \(loc) holds '\(at)'")
            #expect(text.unicodeScalars.prefix(loc["start"]!).filter { $0 == "\n" }.count + 1 == start, "\(owner)")
            #expect(quote.count > 3)
        }
    }

    /// LLM-style output: a cycle (weakest edge 0.75), a low-confidence edge and a leaked token.
    static func fenceText() throws -> String {
        let token = "ghp_" + String(repeating: "Zx9Q", count: 9)
        let builder = PlanBuilder(complete: true)
            .task("P1.T001", 1, 2, 4).task("P1.T002", 2, 3, 5).task("P1.T003", 1, 2, 3).task("P1.T004", 2, 4, 6)
            .edge("P1.T001", "P1.T002", confidence: 0.9).edge("P1.T002", "P1.T003", confidence: 0.95)
            .edge("P1.T003", "P1.T001", confidence: 0.75).edge("P1.T001", "P1.T004", confidence: 0.4)
            .modifyingTask("P1.T004") { $0.sourceEvidence = [SourceEvidence(quote: "Deploy with token=\(token) today")] }
        return "Here is the plan.\n---file:tasks.json\n```json\n\(try builder.jsonText())```\n---file:Plan.md\nignored\n"
    }

    @Test("file-fence input: the cycle is broken and recorded, the token redacted, exit 0")
    func fenceInput() throws {
        let (result, dir) = try Self.plan(["--from", "-"], stdin: Data(try Self.fenceText().utf8))
        #expect(result.status == 0, "\(result)")
        let dag = try Self.json(dir, "dag.json")
        let breaks = try #require(dag["cycle_break_suggestions"] as? [[String: Any]])
        #expect(breaks.count == 1)
        let removed = breaks.first?["removed"] as? [String: Any]
        #expect(removed?["from"] as? String == "P1.T003" && removed?["to"] as? String == "P1.T001")
        #expect((dag["lowConfidenceDeps"] as? [Any])?.count == 1)
        let decisions = try String(contentsOf: dir.appendingPathComponent("Decisions.md"), encoding: .utf8)
        #expect(decisions.contains("Dependency Cycle Resolution") && decisions.contains("P1.T003 -> P1.T001"))
        let plan = try String(contentsOf: dir.appendingPathComponent("Plan.md"), encoding: .utf8)
        #expect(plan.contains("P1.T001 -> P1.T004") && plan.contains("confidence 0.4"))
        for name in Self.artifacts {
            let text = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
            #expect(!text.contains("ghp_Zx9Q"), "\(name) leaks the token")
        }
        let tasks = try String(contentsOf: dir.appendingPathComponent("tasks.json"), encoding: .utf8)
        #expect(tasks.contains("Deploy with [REDACTED] today"))
        #expect(try CLI.run(["validate-plan", dir.path]).status == 0)
    }

    @Test("fields tasks does not model pass through --from a tasks.json; a 20h task is split and recorded")
    func passThroughAndSplit() throws {
        var plan = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Fixtures.webappTasksPath)))
            as? [String: Any])
        plan["x_owner"] = "platform"
        var tasks = try #require(plan["tasks"] as? [[String: Any]])
        tasks[0]["x_ticket"] = "OPS-1"
        tasks[1]["duration"] = ["optimistic": 16, "mostLikely": 20, "pessimistic": 30]
        plan["tasks"] = tasks
        let input = try Fixtures.temporaryDirectory("ext").appendingPathComponent("tasks.json")
        try JSONSerialization.data(withJSONObject: plan).write(to: input)
        let (result, dir) = try Self.plan(["--from", input.path])
        #expect(result.status == 0, "\(result)")
        let written = try Self.json(dir, "tasks.json")
        #expect(written["x_owner"] as? String == "platform")
        let out = try #require(written["tasks"] as? [[String: Any]])
        #expect(out.first { $0["id"] as? String == tasks[0]["id"] as? String }?["x_ticket"] as? String == "OPS-1")
        let split = try #require(tasks[1]["id"] as? String)
        #expect(out.contains { $0["id"] as? String == split + "a" } && out.contains { $0["id"] as? String == split + "b" })
        let record = (written["meta"] as? [String: Any])?["autonormalization"] as? [String: Any]
        #expect((record?["split"] as? [String])?.first?.hasPrefix("\(split)->\(split)a,\(split)b") == true)
        #expect(try CLI.run(["validate-plan", dir.path]).status == 0)
    }

    @Test("MIN_CONFIDENCE, MAX_WAVE_SIZE, EXECUTION_MODEL and MAX_CONCURRENT reach the artifacts")
    func choices() throws {
        let (result, dir) = try Self.plan(["--plan-doc", Fixtures.scenario("sample-spec.md"), "-c", "0.4", "-w", "2",
                                           "-m", "wave_based"],
                                          environment: ["SOURCE_DATE_EPOCH": "0", "TASKS_MAX_CONCURRENT": "3"])
        #expect(result.status == 0, "\(result)")
        let meta = try #require(Self.json(dir, "tasks.json")["meta"] as? [String: Any])
        #expect(meta["execution_model"] as? String == "wave_based" && meta["min_confidence"] as? Double == 0.4)
        #expect((meta["resource_limits"] as? [String: Any])?["max_concurrent_tasks"] as? Int == 3)
        let models = try #require(Self.json(dir, "waves.json")["execution_models"] as? [String: Any])
        let waves = try #require((models["wave_based"] as? [String: Any])?["waves"] as? [[String: Any]])
        #expect(!waves.isEmpty && waves.allSatisfy { ($0["tasks"] as? [String])?.count ?? 99 <= 2 })
        let frontier = (models["rolling_frontier"] as? [String: Any])?["config"] as? [String: Any]
        #expect(frontier?["max_concurrent_tasks"] as? Int == 3)
        // At 0.4 the hedged edge (0.5) enters the DAG: no low-confidence edge is left.
        #expect((try Self.json(dir, "dag.json")["lowConfidenceDeps"] as? [Any])?.isEmpty == true)
        let decisions = try String(contentsOf: dir.appendingPathComponent("Decisions.md"), encoding: .utf8)
        #expect(decisions.contains("#### Option A: Wave-Based Execution (SELECTED)") && decisions.contains("requested by --execution-model"))
        let bad = try Self.plan(["--plan-doc", Fixtures.scenario("sample-spec.md"), "-m", "fastest"]).0
        #expect(bad.status == 1, "\(bad)")
    }

    @Test("a cycle of mutual_exclusion edges cannot be broken: exit 3 naming the cycle")
    func unbreakableCycle() throws {
        let builder = PlanBuilder(complete: true).exclusiveResource("lock")
            .task("A", 1, 2, 3, exclusive: ["lock"]).task("B", 1, 2, 3, exclusive: ["lock"])
            .edge("A", "B", type: .mutualExclusion, resource: "lock").edge("B", "A", type: .mutualExclusion, resource: "lock")
        let (result, _) = try Self.plan(["--from", "-"], stdin: Data(try builder.jsonText().utf8))
        #expect(result.status == 3, "\(result)")
        #expect(result.stderr.contains("A -> B -> A") || result.stderr.contains("B -> A -> B"), "\(result)")
    }

    @Test("two runs with SOURCE_DATE_EPOCH write byte-identical directories")
    func reproducible() throws {
        var contents: [[Data]] = []
        for _ in 0..<2 {
            let (result, dir) = try Self.plan(["--plan-doc", Fixtures.scenario("sample-spec.md")])
            #expect(result.status == 0, "\(result)")
            contents.append(try Self.artifacts.map { try Data(contentsOf: dir.appendingPathComponent($0)) })
        }
        #expect(contents[0] == contents[1])
    }

    @Test("a description without a planner is exit 1 naming the offline ways")
    func noPlanner() throws {
        let (result, _) = try Self.plan(["Build a TODO app"])
        #expect(result.status == 1, "\(result)")
        #expect(result.stderrLines.count == 1 && result.stderr.contains("--plan-doc") && result.stderr.contains("--from"))
    }

    @Test("a planner command receives the system prompt and answers in file fences")
    func plannerCommand() throws {
        let scratch = try Fixtures.temporaryDirectory("planner")
        let answer = scratch.appendingPathComponent("answer.txt"), prompt = scratch.appendingPathComponent("prompt.txt")
        try Self.fenceText().write(to: answer, atomically: true, encoding: .utf8)
        let (result, dir) = try Self.plan(["Build a TODO app", "--planner-cmd", "cat > '\(prompt.path)'; cat '\(answer.path)'"])
        #expect(result.status == 0, "\(result)")
        let sent = try String(contentsOf: prompt, encoding: .utf8)
        #expect(sent.hasPrefix("You are T.A.S.K.S v3") && sent.contains("Build a TODO app"))
        #expect(try Self.json(dir, ".tasks-meta.json")["source"].flatMap { $0 as? [String: Any] }?["kind"] as? String == "planner-cmd")
        let failing = try Self.plan(["Build", "--planner-cmd", "echo broken >&2; exit 3"]).0
        #expect(failing.status == 1 && failing.stderr.contains("broken"), "\(failing)")
    }

    @Test("an unreadable codebase path is exit 2")
    func codebaseUnreadable() throws {
        let result = try CLI.run(["plan", "--plan-doc", Fixtures.scenario("sample-spec.md"), "-p", "/nonexistent/codebase",
                                  "-o", try Fixtures.temporaryDirectory("plan-x").path])
        #expect(result.status == 2, "\(result)")
    }

    @Test("interactive: abort is exit 9, approve prints the directory, edit re-validates the edited tasks.json")
    func interactive() throws {
        let spec = Fixtures.scenario("sample-spec.md")
        let aborted = try Self.plan(["--plan-doc", spec, "-i"], stdin: Data("abort\n".utf8)).0
        #expect(aborted.status == 9, "\(aborted)")
        let (approved, dir) = try Self.plan(["--plan-doc", spec, "-i"], stdin: Data("approve\n".utf8))
        #expect(approved.status == 0 && approved.stdout == dir.path + "\n", "\(approved)")
        let editor = "sed -i 's/Deploy the billing service to staging/Ship the billing service to staging/'"
        let (edited, editedDir) = try Self.plan(["--plan-doc", spec, "-i"], stdin: Data("edit\napprove\n".utf8),
                                                environment: ["SOURCE_DATE_EPOCH": "0", "EDITOR": editor, "VISUAL": ""])
        #expect(edited.status == 0, "\(edited)")
        #expect(edited.stderr.contains("valid: 0 hard fail(s)"), "\(edited)")
        let plan = try String(contentsOf: editedDir.appendingPathComponent("tasks.json"), encoding: .utf8)
        #expect(plan.contains("Ship the billing service to staging"))
    }

    @Test("diff-plan, archive-plan and list-plans round-trip")
    func management() throws {
        let spec = Fixtures.scenario("sample-spec.md")
        let (first, a) = try Self.plan(["--plan-doc", spec])
        let changed = try Fixtures.temporaryDirectory("spec").appendingPathComponent("spec.md")
        try (try Fixtures.scenarioText("sample-spec.md").replacingOccurrences(of: "(2-3-5h). Produces `SubscriptionSchema:v1`",
                                                                              with: "(4-6-9h). Produces `SubscriptionSchema:v1`")
            + "\n## Follow-up\n\n- Archive the old billing exports (1-2-3h).\n").write(to: changed, atomically: true, encoding: .utf8)
        let (second, b) = try Self.plan(["--plan-doc", changed.path])
        #expect(first.status == 0 && second.status == 0)
        let same = try CLI.run(["diff-plan", a.path, a.path])
        #expect(same.status == 0, "\(same)")
        let differ = try CLI.run(["diff-plan", a.path, b.path])
        #expect(differ.status == 1, "\(differ)")
        #expect(differ.stdout.contains("~ estimate") && differ.stdout.split(separator: "\n").contains {
            $0.hasPrefix("~ task P1.T001:") && $0.contains("duration") }, "\(differ)")
        #expect(differ.stdout.contains("+ task P1.T022"), "\(differ)")

        let archiveRoot = try Fixtures.temporaryDirectory("archives")
        let archived = try CLI.run(["archive-plan", a.path, "--tag", "v1.0-release", "--archive-root", archiveRoot.path])
        #expect(archived.status == 0, "\(archived)")
        let tarball = archiveRoot.appendingPathComponent("v1.0-release.tar.gz")
        #expect(archived.stdout == tarball.path + "\n")
        let again = try CLI.run(["archive-plan", a.path, "--tag", "v1.0-release", "--archive-root", archiveRoot.path])
        #expect(again.status == 1, "\(again)")
        let unpacked = try Fixtures.temporaryDirectory("unpacked")
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        tar.arguments = ["tar", "xzf", tarball.path, "-C", unpacked.path]
        try tar.run()
        tar.waitUntilExit()
        #expect(try CLI.run(["diff-plan", a.path, unpacked.path]).status == 0)

        let listed = try CLI.run(["list-plans", b.deletingLastPathComponent().path, "--archive-root", archiveRoot.path, "--json"])
        #expect(listed.status == 0, "\(listed)")
        let rows = try #require(JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        #expect(rows.contains { $0["archived"] as? Bool == true && $0["tag"] as? String == "v1.0-release" && ($0["tasks"] as? Int ?? 0) > 0 })
        #expect(rows.contains { $0["archived"] as? Bool == false && $0["path"] as? String == b.path })
        let table = try CLI.run(["list-plans", b.deletingLastPathComponent().path, "--archive-root", archiveRoot.path])
        #expect(table.stdout.contains("archived") && table.stdout.contains("live"), "\(table)")
        let shown = try CLI.run(["show-plan", b.path])
        #expect(shown.status == 0 && shown.stdout.contains("rolling_frontier: P50"), "\(shown)")
    }
}
