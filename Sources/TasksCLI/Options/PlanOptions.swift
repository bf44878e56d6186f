import ArgumentParser
import Foundation
import TaskGraph
import TaskModel

/// The options every command that reads a plan shares: the plan itself and the spec's graph flags,
/// each with its `TASKS_*` environment default.
struct PlanOptions: ParsableArguments {
    @Argument(help: "Plan directory, tasks.json, YAML scenario, PSPLIB .sm file, or - for stdin.")
    var plan: String

    @Option(name: [.customShort("c"), .long],
            help: "Minimum confidence for a DAG edge (default: the plan's, else 0.7; env TASKS_MIN_CONFIDENCE).")
    var minConfidence: Double?

    @Flag(name: [.customShort("v"), .long], help: "Verbose output (env TASKS_VERBOSE=1).")
    var verbose = false

    var isVerbose: Bool { verbose || Environment.flag("TASKS_VERBOSE") }

    /// Loads and resolves the plan, reporting resolution warnings when verbose.
    func load() throws(TasksError) -> LoadedPlan { try PlanLoader.load(path: plan) }

    /// The min confidence in force: flag, then environment, then the plan, then 0.7.
    func effectiveMinConfidence(for document: PlanDocument) throws(TasksError) -> Double {
        let fromEnvironment = try Environment.double("TASKS_MIN_CONFIDENCE")
        let value = minConfidence ?? fromEnvironment ?? document.meta.minConfidence ?? 0.7
        guard value.isFinite, (0...1).contains(value) else {
            throw TasksError(.invalidArguments, "--min-confidence must be between 0 and 1, got \(value)")
        }
        return value
    }

    /// Loads, resolves and builds the graph in one step.
    func graph() throws(TasksError) -> (loaded: LoadedPlan, graph: TaskGraph) {
        let loaded = try load()
        let resolved = try ResolvedPlan(loaded.document, sourceName: loaded.sourceName)
        let graph = try TaskGraph(resolved, minConfidence: try effectiveMinConfidence(for: loaded.document))
        if isVerbose { resolved.warnings.forEach(Terminal.warning) }
        return (loaded, graph)
    }
}

/// `TASKS_*` environment defaults; a malformed value is a bad argument (exit 1), named.
enum Environment {
    static var values: [String: String] { ProcessInfo.processInfo.environment }

    static func string(_ name: String) -> String? { values[name].flatMap { $0.isEmpty ? nil : $0 } }

    static func double(_ name: String) throws(TasksError) -> Double? {
        guard let raw = string(name) else { return nil }
        guard let v = Double(raw) else { throw TasksError(.invalidArguments, "\(name)=\(raw) is not a number") }
        return v
    }

    static func int(_ name: String) throws(TasksError) -> Int? {
        guard let raw = string(name) else { return nil }
        guard let v = Int(raw) else { throw TasksError(.invalidArguments, "\(name)=\(raw) is not a whole number") }
        return v
    }

    static func flag(_ name: String) -> Bool {
        guard let raw = string(name)?.lowercased() else { return false }
        return ["1", "true", "yes", "on"].contains(raw)
    }
}
