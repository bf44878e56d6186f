import Foundation
import TaskGraph
import TaskModel
import TasksTestSupport
import Testing

/// Seeded fuzzing of the whole front end: thousands of mutated plans through `PlanLoader` →
/// `ResolvedPlan` → `TaskGraph` → `DagReport` and `PlanValidator`. Each must end in a `TasksError`
/// (a non-empty one-line message, exit 1, 3, 4 or 5) or a valid result; never a crash or a hang.
///
/// The campaign runs in an exit test (a child process), so a trap in the code under test fails
/// this one test, with the case that crashed, instead of taking the whole test run down.
@Suite("Fuzz")
struct FuzzTests {
    /// `TASKS_FUZZ_SEED` and `TASKS_FUZZ_CASES` override the seed and the number of cases for a
    /// longer hunt; the defaults keep the run under 20 s in a debug build.
    static let campaignSeed: UInt64 = ProcessInfo.processInfo.environment["TASKS_FUZZ_SEED"].flatMap { UInt64($0) } ?? 0x7A5C_5EED
    static let caseCount = ProcessInfo.processInfo.environment["TASKS_FUZZ_CASES"].flatMap { Int($0) } ?? 3_200

    @Test("thousands of mutated plans end in a TasksError or a valid result, never a crash or hang",
          .timeLimit(.minutes(3)))
    func campaign() async throws {
        // The child writes one line per case to this file, so the parent can name the case that
        // crashed or hung (an exit test that fails returns no result to read its output from).
        let logPath = try Fixtures.temporaryDirectory("tasks-fuzz").appendingPathComponent("campaign.log").path
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: (logPath as NSString).deletingLastPathComponent) }
        let seed = Self.campaignSeed, cases = Self.caseCount
        await #expect(processExitsWith: .success) { [logPath = logPath as String, seed = seed as UInt64, cases = cases as Int] in
            Fuzzer.logFile = FileHandle(forWritingAtPath: logPath)
            let summary = Fuzzer.run(seed: seed, cases: cases)
            Fuzzer.log("SUMMARY \(summary.line)")
            exit(summary.violations == 0 ? 0 : 1)
        }
        let output = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        let lines = output.split(separator: "\n").map(String.init)
        let violations = lines.filter { $0.hasPrefix("VIOLATION") }
        for v in violations.prefix(20) { Issue.record(Comment(rawValue: v)) }
        guard let summaryLine = lines.last(where: { $0.hasPrefix("SUMMARY ") }) else {
            // The child died: its last "case" line names the input that crashed or hung.
            let tail = lines.suffix(3).joined(separator: "\n")
            Issue.record("fuzz child process did not finish (seed \(Self.campaignSeed)); last output:\n\(tail)")
            return
        }
        let counts = Fuzzer.Summary.parse(summaryLine)
        #expect(counts["cases"] ?? 0 >= min(3_000, Self.caseCount))
        #expect(counts["valid"] ?? 0 > 50, "too few mutated plans were still valid: \(summaryLine)")
        #expect(counts["exit5"] ?? 0 > 500, "\(summaryLine)")
        #expect(counts["exit3"] ?? 0 > 0, "no mutation produced an unbreakable cycle: \(summaryLine)")
        #expect(counts["exit1"] ?? 0 > 0, "\(summaryLine)")
    }

    @Test("the fuzzer's mutations are reproducible from the seed")
    func reproducible() {
        let seeds = Fuzzer.seeds()
        for k in 0..<20 {
            var a = SeededGenerator(seed: 99 &+ UInt64(k)), b = SeededGenerator(seed: 99 &+ UInt64(k))
            let x = Fuzzer.makeCase(&a, seeds: seeds), y = Fuzzer.makeCase(&b, seeds: seeds)
            #expect(x.label == y.label)
            #expect(x.input == y.input)
        }
    }

    @Test("a shared-resource demand of Int.max units on a pool of 1 does not crash the report")
    func hugeUnits() async {
        await #expect(processExitsWith: .success) {
            let text = #"""
                {"meta": {"codebase_analysis": {"shared_resources": {"pool": {"type": "shared_limited", "capacity": 1}}}},
                 "tasks": [{"id": "a", "duration": {"optimistic": 1, "mostLikely": 2, "pessimistic": 3},
                            "resource_requirements": {"estimated": {"shared_resources": {"pool": 9223372036854775807}}}}]}
                """#
            let outcome = Fuzzer.check(.text(text, name: "units.json", hint: "json"), minConfidence: 0.7)
            exit(outcome.violation == nil ? 0 : 1)
        }
    }

    @Test("two holders whose units add past Int.max do not crash the report")
    func overflowingUnits() async {
        await #expect(processExitsWith: .success) {
            let units = Int.max / 2 + 1
            let text = """
                {"meta": {"codebase_analysis": {"shared_resources": {"pool": {"type": "shared_limited", "capacity": 2}}}},
                 "tasks": [{"id": "a", "duration": {"optimistic": 1, "mostLikely": 2, "pessimistic": 3},
                            "resource_requirements": {"estimated": {"shared_resources": {"pool": \(units)}}}},
                           {"id": "b", "duration": {"optimistic": 1, "mostLikely": 2, "pessimistic": 3},
                            "resource_requirements": {"estimated": {"shared_resources": {"pool": \(units)}}}}]}
                """
            let outcome = Fuzzer.check(.text(text, name: "units.json", hint: "json"), minConfidence: 0.7)
            exit(outcome.violation == nil ? 0 : 1)
        }
    }
}

/// The mutation engine and the invariant checks of the fuzz campaign.
enum Fuzzer {
    enum Input: Equatable, Sendable {
        case text(String, name: String, hint: String?)
        case stdin(Data)
    }

    struct Seed {
        var name: String
        var text: String
        var hint: String?
        /// The plan as a JSON tree, for structural mutations (YAML seeds: the converted v3 document).
        var tree: JSONValue?
        var numericPaths: [[JSONPathItem]] = []
        var allPaths: [[JSONPathItem]] = []
        var weight: Int
    }

    struct Case {
        var label: String
        var input: Input
        var minConfidence: Double
    }

    struct Outcome {
        var status: Int32          // 0 for a valid result
        var violation: String?
    }

    struct Summary {
        var cases = 0, valid = 0, violations = 0
        var byStatus: [Int32: Int] = [:]
        var line: String {
            "cases=\(cases) valid=\(valid) violations=\(violations) "
                + byStatus.keys.sorted().map { "exit\($0)=\(byStatus[$0]!)" }.joined(separator: " ")
        }
        static func parse(_ line: String) -> [String: Int] {
            var out: [String: Int] = [:]
            for field in line.dropFirst("SUMMARY ".count).split(separator: " ") {
                let kv = field.split(separator: "=")
                if kv.count == 2, let v = Int(kv[1]) { out[String(kv[0])] = v }
            }
            return out
        }
    }

    /// Where the campaign logs; stderr when unset.
    nonisolated(unsafe) static var logFile: FileHandle?

    static func log(_ line: String) {
        (logFile ?? FileHandle.standardError).write(Data((line + "\n").utf8))
    }

    // MARK: - Seeds

    static let tinySM = """
        ************************************************************************
        PRECEDENCE RELATIONS:
        jobnr.    #modes  #successors   successors
           1        1          2           2   3
           2        1          1           4
           3        1          1           4
           4        1          0
        ************************************************************************
        REQUESTS/DURATIONS:
        jobnr. mode duration  R 1
        ------------------------------------------------------------------------
          1      1     0       0
          2      1     3       2
          3      1     5       1
          4      1     0       0
        ************************************************************************
        RESOURCEAVAILABILITIES:
          R 1
            2
        ************************************************************************
        """

    static func seeds() -> [Seed] {
        var seeds: [Seed] = []
        func add(_ name: String, _ text: String, _ hint: String?, tree: JSONValue?, weight: Int) {
            var seed = Seed(name: name, text: text, hint: hint, tree: tree, weight: weight)
            if let tree {
                seed.allPaths = tree.allPaths()
                seed.numericPaths = seed.allPaths.filter { tree.value(at: $0)?.doubleValue != nil }
            }
            seeds.append(seed)
        }
        let webappText = (try? String(contentsOfFile: Fixtures.webappTasksPath, encoding: .utf8)) ?? "{}"
        let webapp = (try? JSONValue(jsonText: webappText)) ?? .null
        add("webapp", webappText, "json", tree: nil, weight: 2)

        // The first seven webapp tasks and the edges among them: the same shapes, a fraction of the bytes.
        if case .object(var top) = webapp, let tasks = webapp["tasks"]?.arrayValue,
           let deps = webapp["dependencies"]?.arrayValue {
            let kept = Array(tasks.prefix(7))
            let ids = Set(kept.compactMap { $0["id"]?.stringValue })
            top["tasks"] = .array(kept)
            top["dependencies"] = .array(deps.filter {
                ids.contains($0["from"]?.stringValue ?? "") && ids.contains($0["to"]?.stringValue ?? "")
            })
            let trimmed = JSONValue.object(top)
            add("webapp7", trimmed.jsonText, "json", tree: trimmed, weight: 10)
            add("fence", "---file:tasks.json\n```json\n\(trimmed.jsonText)\n```\n---file:Plan.md\n# Plan\n", nil,
                tree: nil, weight: 3)
        }
        for name in ["ci-pipeline.yaml", "small/diamond.yaml", "small/exclusive-lock.yaml", "small/pool-of-3.yaml",
                     "small/two-chains.yaml"] {
            let text = (try? Fixtures.scenarioText(name)) ?? "tasks: []"
            let tree = (try? PlanLoader.parse(text: text, name: name, hint: "yaml")).flatMap { try? $0.rawJSON() }
            add(name, text, "yaml", tree: tree, weight: name.hasPrefix("ci") ? 5 : 3)
        }
        add("tiny.sm", tinySM, "sm", tree: nil, weight: 1)
        return seeds
    }

    // MARK: - Mutations

    static let oddIDs = [
        "задача-1", "任务", "🚀", "e\u{301}", "\u{E9}", "ﬁle", "\u{200B}zero", "rtl-\u{202E}cba", String(repeating: "x", count: 600),
        "", " ", "Ω≈ç√", "P1.T001", "P1.T002", "design", "a/b\\c", "'quoted'", "\"dq\"",
    ]

    static let oddValues: [JSONValue] = [
        .string("x"), .string(""), .number(7), .number(-1), .number(0.5), .bool(true), .null, .array([]),
        .object([:]), .array([.number(1)]), .object(["k": .string("v")]), .string("NaN"),
    ]

    static let durationValues: [JSONValue] = [
        .number(-1), .number(-0.0), .number(0), .number(1e7), .number(1e7 + 1), .number(1e300), .number(.leastNonzeroMagnitude),
        .string("NaN"), .string("Infinity"), .string("3h"), .null,
    ]

    static let numberLiterals = [
        "9223372036854775807", "-9223372036854775808", "18446744073709551616", "4294967296", "2147483648", "1e308",
        "-1e308", "1e-320", "-1", "0", "-0", "NaN", "Infinity", "1.5", "0.69999999", "1e400",
    ]

    /// Stands for an integer a `Double` cannot hold exactly; swapped for one after serialisation.
    static let bigIntSentinel = "__BIG_INTEGER__"
    static let bigIntegers = ["9223372036854775807", "9223372036854775000", "4611686018427387904", "-9223372036854775808"]

    static func makeCase(_ rng: inout SeededGenerator, seeds: [Seed]) -> Case {
        let total = seeds.reduce(0) { $0 + $1.weight }
        var ticket = Int.random(in: 0..<total, using: &rng)
        var seed = seeds[0]
        for s in seeds {
            if ticket < s.weight { seed = s; break }
            ticket -= s.weight
        }
        let minConfidence = rng.pick([0.0, 0.5, 0.7, 0.7, 0.7, 0.9, 1.0])
        var labels: [String] = [seed.name]

        // stdin naming a directory without a plan: exit 1.
        if rng.chance(0.005) {
            let path = rng.pick([".", "/", Fixtures.scenario("small"), Fixtures.scenarios.path + "/"])
            return Case(label: "stdin-path \(path)", input: .stdin(Data("\(path)\n".utf8)), minConfidence: minConfidence)
        }
        // Empty and degenerate documents.
        if rng.chance(0.02) {
            let text = rng.pick(["", "   \n", "{}", "null", "[]", #"{"tasks": []}"#, "tasks: []", "---file:tasks.json\n",
                                 "---file:tasks.json\n```json\n```\n", #"{"tasks": [{}]}"#, "tasks:\n  - {}\n", "*****\n"])
            return Case(label: "empty \(text.debugDescription)", input: .text(text, name: "empty", hint: nil),
                        minConfidence: minConfidence)
        }

        var text = seed.text
        var hint = seed.hint
        if var tree = seed.tree, rng.chance(0.7) {
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let (label, mutated) = mutateTree(tree, seed: seed, &rng)
                labels.append(label)
                tree = mutated
            }
            text = tree.jsonText.replacingOccurrences(of: "\"\(bigIntSentinel)\"", with: rng.pick(bigIntegers))
            hint = "json"
            if rng.chance(0.15) {
                text = "---file:tasks.json\n```json\n\(text)\n```\n"
                hint = nil
                labels.append("fenced")
            }
        }
        let textMutations = seed.tree == nil ? Int.random(in: 1...2, using: &rng) : (rng.chance(0.4) ? 1 : 0)
        for _ in 0..<textMutations {
            let (label, mutated) = mutateText(text, &rng)
            labels.append(label)
            text = mutated
        }
        if rng.chance(0.1) {
            // Through stdin as raw bytes, with a few random byte flips that may break UTF-8.
            var bytes = Array(text.utf8)
            for _ in 0..<Int.random(in: 0...3, using: &rng) where !bytes.isEmpty {
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
            labels.append("stdin-bytes")
            return Case(label: labels.joined(separator: " | "), input: .stdin(Data(bytes)), minConfidence: minConfidence)
        }
        return Case(label: labels.joined(separator: " | "), input: .text(text, name: "fuzz.\(hint ?? "txt")", hint: hint),
                    minConfidence: minConfidence)
    }

    static func taskCount(_ tree: JSONValue) -> Int { tree["tasks"]?.arrayValue?.count ?? 0 }

    static func taskID(_ tree: JSONValue, _ i: Int) -> String {
        tree.value(at: [.key("tasks"), .index(i), .key("id")])?.stringValue ?? "?"
    }

    static func appendEdge(_ tree: JSONValue, _ edge: JSONValue) -> JSONValue {
        var deps = tree["dependencies"]?.arrayValue ?? []
        deps.append(edge)
        return tree.setting([.key("dependencies")], to: .array(deps))
    }

    static func randomEdge(from: String, to: String, _ rng: inout SeededGenerator) -> JSONValue {
        let type = rng.pick(DependencyType.allCases).rawValue
        var edge: [String: JSONValue] = [
            "from": .string(from), "to": .string(to), "type": .string(type),
            "confidence": .number(rng.pick([0.0, 0.3, 0.69, 0.7, 0.75, 0.9, 1.0])), "isHard": .bool(rng.chance(0.85)),
        ]
        if type == "mutual_exclusion" || rng.chance(0.1) {
            edge["shared_resource"] = .string(rng.pick(["database_migrations", "test_db_pool", "lock", "nope"]))
        }
        if rng.chance(0.5) { edge["evidence"] = .array([.object(["type": .string("doc"), "quote": .string("because")])]) }
        return .object(edge)
    }

    static func mutateTree(_ tree: JSONValue, seed: Seed, _ rng: inout SeededGenerator) -> (String, JSONValue) {
        let n = taskCount(tree)
        switch Int.random(in: 0..<12, using: &rng) {
        case 0 where !seed.allPaths.isEmpty:
            let path = rng.pick(seed.allPaths)
            return ("wrongType \(path.map(\.description).joined())", tree.setting(path, to: rng.pick(oddValues)))
        case 1 where n > 0:
            let i = Int.random(in: 0..<n, using: &rng)
            let field = rng.pick(["optimistic", "mostLikely", "pessimistic"])
            let value = rng.pick(durationValues)
            let path: [JSONPathItem] = [.key("tasks"), .index(i), .key("duration"), .key(field)]
            return ("duration tasks[\(i)].\(field)=\(value.jsonText)", tree.setting(path, to: value))
        case 2 where n > 1:
            let i = Int.random(in: 0..<n, using: &rng), j = Int.random(in: 0..<n, using: &rng)
            return ("duplicateID \(i)<-\(j)", tree.setting([.key("tasks"), .index(i), .key("id")], to: .string(taskID(tree, j))))
        case 3 where n > 0:
            let i = Int.random(in: 0..<n, using: &rng)
            let old = taskID(tree, i), new = rng.pick(oddIDs)
            var out = tree.setting([.key("tasks"), .index(i), .key("id")], to: .string(new))
            if rng.chance(0.6), let deps = out["dependencies"]?.arrayValue {
                // Rename consistently in the edges too.
                out = out.setting([.key("dependencies")], to: .array(deps.map { edge in
                    var e = edge
                    if e["from"]?.stringValue == old { e = e.setting([.key("from")], to: .string(new)) }
                    if e["to"]?.stringValue == old { e = e.setting([.key("to")], to: .string(new)) }
                    return e
                }))
            }
            return ("unicodeID tasks[\(i)]=\(new.prefix(12).debugDescription)", out)
        case 4 where n > 0:
            let id = taskID(tree, Int.random(in: 0..<n, using: &rng))
            return ("selfLoop \(id)", appendEdge(tree, randomEdge(from: id, to: id, &rng)))
        case 5 where n > 0:
            let id = taskID(tree, Int.random(in: 0..<n, using: &rng))
            let ghost = rng.pick(["ghost", "", "P1.T999", "design "])
            return ("dangling \(id)->\(ghost.debugDescription)",
                    appendEdge(tree, rng.chance(0.5) ? randomEdge(from: id, to: ghost, &rng) : randomEdge(from: ghost, to: id, &rng)))
        case 6 where !seed.allPaths.isEmpty:
            let path = rng.pick(seed.allPaths)
            return ("deleteKey \(path.map(\.description).joined())", tree.setting(path, to: nil))
        case 7 where n > 1:
            // Extra edges between random tasks: back edges make cycles, some of mutual_exclusion edges only.
            var out = tree
            let k = Int.random(in: 1...4, using: &rng)
            for _ in 0..<k {
                let a = taskID(tree, Int.random(in: 0..<n, using: &rng)), b = taskID(tree, Int.random(in: 0..<n, using: &rng))
                out = appendEdge(out, randomEdge(from: a, to: b, &rng))
            }
            return ("edges+\(k)", out)
        case 8 where n > 1:
            // A two-task cycle of mutual_exclusion edges: unbreakable.
            let a = taskID(tree, 0), b = taskID(tree, 1)
            let mutex: (String, String) -> JSONValue = { from, to in
                .object(["from": .string(from), "to": .string(to), "type": .string("mutual_exclusion"),
                         "shared_resource": .string("lock"), "confidence": .number(1), "isHard": .bool(true)])
            }
            return ("mutexCycle", appendEdge(appendEdge(tree, mutex(a, b)), mutex(b, a)))
        case 9 where !seed.numericPaths.isEmpty:
            let path = rng.pick(seed.numericPaths)
            let value = rng.pick([JSONValue.number(1e300), .number(-1e300), .number(1e7), .number(-0.0), .number(4_294_967_296),
                                  .number(9_007_199_254_740_992), .number(-5)])
            return ("hugeNumber \(path.map(\.description).joined())=\(value.jsonText)", tree.setting(path, to: value))
        case 10 where n > 0:
            // Delete a task but keep its edges.
            let i = Int.random(in: 0..<n, using: &rng)
            return ("deleteTask \(i)", tree.setting([.key("tasks"), .index(i)], to: nil))
        case 11 where n > 0:
            // A huge integer demand on a pool (declared or not).
            let i = Int.random(in: 0..<n, using: &rng)
            let pool = rng.pick(["test_db_pool", "R1", "undeclared_pool", "migration_lock"])
            let path: [JSONPathItem] = [.key("tasks"), .index(i), .key("resource_requirements")]
            let demand: JSONValue = .object(["estimated": .object(["shared_resources": .object([pool: .string(bigIntSentinel)])])])
            return ("bigUnits tasks[\(i)].\(pool)", tree.setting(path, to: demand))
        default:
            return ("noop", tree)
        }
    }

    static func mutateText(_ text: String, _ rng: inout SeededGenerator) -> (String, String) {
        var bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return ("noop", text) }
        switch Int.random(in: 0..<5, using: &rng) {
        case 0:
            let cut = Int.random(in: 0..<bytes.count, using: &rng)
            return ("truncate@\(cut)", String(decoding: bytes.prefix(cut), as: UTF8.self))
        case 1:
            let flips = Int.random(in: 1...6, using: &rng)
            for _ in 0..<flips {
                let at = Int.random(in: 0..<bytes.count, using: &rng)
                bytes[at] = rng.chance(0.5) ? bytes[at] ^ (1 << UInt8.random(in: 0...6, using: &rng))
                                            : rng.pick(Array("{}[]\":,-\n #0123456789".utf8))
            }
            return ("byteFlip×\(flips)", String(decoding: bytes, as: UTF8.self))
        case 2:
            // Replace one number literal with an extreme one.
            let digits = bytes.indices.filter { (48...57).contains(bytes[$0]) && ($0 == 0 || !(48...57).contains(bytes[$0 - 1])) }
            guard let start = digits.isEmpty ? nil : rng.pick(digits) else { return ("noop", text) }
            var end = start
            while end < bytes.count, (48...57).contains(bytes[end]) || bytes[end] == 46 { end += 1 }
            let literal = rng.pick(numberLiterals)
            bytes.replaceSubrange(start..<end, with: Array(literal.utf8))
            return ("number@\(start)=\(literal)", String(decoding: bytes, as: UTF8.self))
        case 3:
            // Delete or duplicate a line.
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let i = Int.random(in: 0..<lines.count, using: &rng)
            if rng.chance(0.5) { lines.remove(at: i) } else { lines.insert(lines[i], at: i) }
            return ("line\(i)", lines.joined(separator: "\n"))
        default:
            // Splice a random slice of the text somewhere else.
            let a = Int.random(in: 0..<bytes.count, using: &rng)
            let b = min(bytes.count, a + Int.random(in: 1...200, using: &rng))
            let at = Int.random(in: 0...bytes.count, using: &rng)
            bytes.insert(contentsOf: bytes[a..<b], at: at)
            return ("splice \(a)..<\(b)@\(at)", String(decoding: bytes, as: UTF8.self))
        }
    }

    // MARK: - Invariants

    static func errorViolation(_ error: TasksError, stage: String) -> String? {
        if error.message.trimmingCharacters(in: .whitespaces).isEmpty { return "\(stage): empty message" }
        if error.message.contains("\n") || error.message.contains("\r") {
            return "\(stage): multi-line message \(error.message.debugDescription)"
        }
        if ![1, 3, 4, 5].contains(error.status.rawValue) { return "\(stage): exit \(error.status.rawValue) for \(error.message)" }
        return nil
    }

    static func check(_ input: Input, minConfidence: Double) -> Outcome {
        let loaded: LoadedPlan
        do {
            switch input {
            case .text(let text, let name, let hint): loaded = try PlanLoader.parse(text: text, name: name, hint: hint)
            case .stdin(let data): loaded = try PlanLoader.load(path: "-", stdin: { data })
            }
        } catch {
            return Outcome(status: error.status.rawValue, violation: errorViolation(error, stage: "load"))
        }
        let resolved: ResolvedPlan
        do {
            resolved = try ResolvedPlan(loaded.document, sourceName: loaded.sourceName)
        } catch {
            return Outcome(status: error.status.rawValue, violation: errorViolation(error, stage: "resolve"))
        }

        var graphError: TasksError?
        do {
            let graph = try TaskGraph(resolved, minConfidence: minConfidence)
            let dag = DagReport.document(for: graph, timestamp: "2024-01-01T00:00:00Z")
            if let v = dagViolation(dag, graph: graph) { return Outcome(status: 0, violation: "dag: \(v)") }
            do { _ = try ArtifactWriter.hashedJSONText(dag) } catch {
                return Outcome(status: 0, violation: "dag.json cannot be written: \(error.message)")
            }
        } catch {
            if let v = errorViolation(error, stage: "graph") { return Outcome(status: error.status.rawValue, violation: v) }
            graphError = error
        }

        let report: PlanValidator.Report
        do {
            report = try PlanValidator.validate(loaded, minConfidence: minConfidence, timestamp: "2024-01-01T00:00:00Z")
        } catch {
            return Outcome(status: error.status.rawValue,
                           violation: errorViolation(error, stage: "validate") ?? "validate threw after resolve succeeded: \(error.message)")
        }
        if ![0, 3, 5].contains(report.exitCode) { return Outcome(status: 0, violation: "report exit \(report.exitCode)") }
        if report.ok != report.hardFails.isEmpty { return Outcome(status: 0, violation: "report ok/hardFails disagree") }
        if let graphError, report.exitCode != graphError.status.rawValue {
            return Outcome(status: 0, violation: "graph exit \(graphError.status.rawValue) but report exit \(report.exitCode)")
        }
        for finding in report.hardFails + report.warnings {
            if finding.message.isEmpty || finding.message.contains("\n") {
                return Outcome(status: 0, violation: "finding \(finding.rule): \(finding.message.debugDescription)")
            }
        }
        return Outcome(status: graphError?.status.rawValue ?? 0, violation: nil)
    }

    static func dagViolation(_ dag: DagDocument, graph: TaskGraph) -> String? {
        let ids = graph.plan.ids
        if dag.topoOrder.count != ids.count || Set(dag.topoOrder) != Set(ids) { return "topo_order is not a permutation" }
        let position = Dictionary(dag.topoOrder.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        for e in graph.edges where position[e.from]! >= position[e.to]! { return "edge \(e.label) points backwards" }
        let m = dag.metrics
        if m.nodes != ids.count { return "nodes \(m.nodes)" }
        if m.edges != graph.successors.edgeCount { return "edges \(m.edges)" }
        if !(0...1).contains(m.edgeDensity) || !(0...1).contains(m.verbFirstPct) { return "ratio out of range" }
        if !m.criticalPathHours.isFinite || m.criticalPathHours < 0 { return "critical path \(m.criticalPathHours)" }
        if m.longestPath < 1 || m.widthApprox < 1 || m.longestPath > ids.count { return "layers \(m.longestPath)/\(m.widthApprox)" }
        if m.keptByType.values.reduce(0, +) != graph.edges.count { return "keptByType total" }
        if dag.softDeps.count + dag.lowConfidenceDeps.count != m.droppedByType.values.reduce(0, +) { return "droppedByType total" }
        return nil
    }

    // MARK: - Campaign

    static func run(seed: UInt64, cases: Int) -> Summary {
        let seeds = seeds()
        var rng = SeededGenerator(seed: seed)
        var summary = Summary()
        // A hang shows up as the last "case" line before the watchdog fires.
        DispatchQueue.global().asyncAfter(deadline: .now() + 150) {
            log("HANG: the campaign did not finish in 150 s")
            exit(3)
        }
        for k in 0..<cases {
            let c = makeCase(&rng, seeds: seeds)
            log("case \(k): \(c.label.prefix(300))")
            let outcome = check(c.input, minConfidence: c.minConfidence)
            summary.cases += 1
            summary.byStatus[outcome.status, default: 0] += 1
            if outcome.status == 0 && outcome.violation == nil { summary.valid += 1 }
            if let v = outcome.violation {
                summary.violations += 1
                log("VIOLATION case \(k) [\(c.label.prefix(200))]: \(v.prefix(400))")
            }
        }
        return summary
    }
}
