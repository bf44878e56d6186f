import Foundation
import TaskModel
import TasksTestSupport
import Testing

/// The hand-written readers for tasks and dependencies (`PlanDocument+TreeDecoding.swift`) must
/// decode exactly what `JSONDecoder` decodes through the types' `Decodable` inits, and refuse
/// exactly what it refuses: checked on every task and edge of the bundled plans, each mutated at
/// random paths into values of every kind.
@Suite("Tree readers for tasks and dependencies")
struct TreeReadersTests {
    static let replacements: [JSONValue?] = [
        nil, .null, .bool(true), .number(2), .number(2.5), .number(-1), .number(0), .string("x"), .string("HRS"),
        .string("pert"), .string("lognormal"), .string("critical"), .string("mutual_exclusion"), .string(""),
        .array([]), .array([.string("a")]), .array([.number(1)]), .array([.null]), .object([:]),
        .object(["db": .number(1)]), .object(["db": .string("1")]), .object(["cpu_cores": .number(2)]),
        .object(["optimistic": .number(1), "mostLikely": .number(2), "pessimistic": .number(4)]),
    ]

    /// Every member name the readers know, so that mutations also add the ones the bundled plans leave out.
    static let keys = [
        "id", "feature_id", "title", "description", "category", "boundaries", "execution_guidance",
        "resource_requirements", "scheduling_hints", "reuses_existing", "skillsRequired", "duration", "durationUnits",
        "interfaces_produced", "interfaces_consumed", "acceptance_checks", "source_evidence", "contentHash", "execution",
        "failure_probability", "optimistic", "mostLikely", "pessimistic", "distribution", "lambda", "estimated", "peak",
        "worker_capabilities_required", "cpu_cores", "memory_mb", "disk_io_mbps", "exclusive_resources",
        "shared_resources", "duration_seconds", "during", "priority", "preemptible", "retry_on_failure", "max_retries",
        "preferred_time_window", "avoid_concurrent_with", "can_pause_resume", "checkpoint_capable", "command", "cwd",
        "env", "timeout_seconds", "from", "to", "type", "reason", "evidence", "confidence", "isHard", "shared_resource",
    ]

    /// Replaces, adds or removes (nil) the value at a random path of `value`.
    static func mutate(_ value: JSONValue, _ rng: inout SeededGenerator) -> JSONValue {
        switch value {
        case .object(var members) where !members.isEmpty && Int.random(in: 0..<4, using: &rng) > 0:
            let key = Int.random(in: 0..<3, using: &rng) == 0 ? rng.pick(keys) : members.keys.sorted().randomElement(using: &rng)!
            guard members[key] != nil else {
                members[key] = replacements.randomElement(using: &rng)!
                return .object(members)
            }
            if Bool.random(using: &rng) {
                members[key] = mutate(members[key]!, &rng)
            } else {
                members[key] = replacements.randomElement(using: &rng)!
            }
            return .object(members)
        case .array(var elements) where !elements.isEmpty && Bool.random(using: &rng):
            let i = Int.random(in: 0..<elements.count, using: &rng)
            elements[i] = mutate(elements[i], &rng)
            return .array(elements)
        default:
            return replacements.randomElement(using: &rng)! ?? .null
        }
    }

    /// `value` with each object the hand-written readers read given each known member set to each
    /// replacement (or removed).
    static func variants(of value: JSONValue) -> [JSONValue] {
        switch value {
        case .object(let members):
            var out: [JSONValue] = []
            for key in keys {
                for r in replacements {
                    var m = members
                    m[key] = r
                    out.append(.object(m))
                }
            }
            // Members read by the generic tree decoder are covered by the random mutations only.
            let generic: Set = ["boundaries", "execution_guidance", "reuses_existing", "acceptance_checks", "source_evidence", "evidence"]
            for (key, child) in members.sorted(by: { $0.key < $1.key }) where !generic.contains(key) {
                for v in variants(of: child) {
                    var m = members
                    m[key] = v
                    out.append(.object(m))
                }
            }
            return out
        case .array(let elements) where !elements.isEmpty:
            return variants(of: elements[0]).map { .array([$0] + elements.dropFirst()) }
        default:
            return []
        }
    }

    static func agree<T: Decodable & Equatable>(_ type: T.Type, _ values: [JSONValue]) throws {
        let tree = JSONValue.array(values)
        let data = try JSONEncoder().encode(tree)
        let fast = try? JSONTreeDecoder().decode([T].self, from: tree)
        let reference = try? JSONDecoder().decode([T].self, from: data)
        #expect(fast == reference, "\(String(decoding: data, as: UTF8.self).prefix(400))")
    }

    static func bundledPlans() throws -> [JSONValue] {
        var files = try FileManager.default.subpathsOfDirectory(atPath: Fixtures.scenarios.path)
            .filter { $0.hasSuffix(".json") }.map { Fixtures.scenarios.appendingPathComponent($0) }
        let reports = Fixtures.packageRoot.appendingPathComponent("reports")
        files += try FileManager.default.subpathsOfDirectory(atPath: reports.path)
            .filter { $0.hasSuffix("/tasks.json") }.map { reports.appendingPathComponent($0) }
        return try files.map { try JSONValue.parse(Data(contentsOf: $0)) }.filter { $0["tasks"] != nil }
    }

    @Test("every bundled task and edge, unchanged and mutated, decodes as JSONDecoder decodes it")
    func mutatedAgree() throws {
        let plans = try Self.bundledPlans()
        #expect(plans.count >= 5, "expected bundled plans, found \(plans.count)")
        var tasks: [JSONValue] = [], edges: [JSONValue] = []
        for plan in plans {
            // The first ones of each plan: the 3,000-task scenarios repeat a few shapes.
            tasks += (plan["tasks"]?.arrayValue ?? []).prefix(200)
            edges += (plan["dependencies"]?.arrayValue ?? []).prefix(100)
        }
        #expect(tasks.count >= 50 && edges.count >= 20)
        try Self.agree(TaskSpec.self, tasks)
        try Self.agree(Dependency.self, edges)
        // Every known member, set to every kind of value, in every object of the richest task and edge.
        for base in [tasks.max { $0.leafCount < $1.leafCount }!, edges.max { $0.leafCount < $1.leafCount }!] {
            for variant in Self.variants(of: base) {
                if base["id"] != nil { try Self.agree(TaskSpec.self, [variant]) } else { try Self.agree(Dependency.self, [variant]) }
            }
        }
        var rng = SeededGenerator(seed: 11)
        var refused = 0
        for round in 0..<2_000 {
            let task = Self.mutate(tasks[round % tasks.count], &rng)
            let edge = Self.mutate(edges[round % edges.count], &rng)
            try Self.agree(TaskSpec.self, [task])
            try Self.agree(Dependency.self, [edge])
            if (try? JSONTreeDecoder().decode([TaskSpec].self, from: .array([task]))) == nil { refused += 1 }
        }
        // The mutations reach both outcomes.
        #expect(refused > 200 && refused < 1_800, "\(refused) of 2,000 mutated tasks refused")
    }
}

extension JSONValue {
    /// Scalars in the value: how much there is to vary.
    var leafCount: Int {
        switch self {
        case .array(let a): a.reduce(0) { $0 + $1.leafCount }
        case .object(let o): o.values.reduce(0) { $0 + $1.leafCount }
        default: 1
        }
    }
}
