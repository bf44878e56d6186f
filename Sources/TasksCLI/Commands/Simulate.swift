import ArgumentParser
import Foundation
import Scheduling
import Simulation
import TaskGraph
import TaskModel

/// `tasks simulate PLAN`: one deterministic run per execution model, with the plan's
/// most-likely (or other) durations — the `optimal_hours` figure and a timeline to read.
struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate", abstract: "Simulate a plan once with fixed durations: makespan and timeline per execution model.")

    @OptionGroup var options: PlanOptions

    @Option(name: [.customShort("m"), .long], help: "wave_based, rolling_frontier or both.")
    var model: ModelChoice = .both

    @Option(help: "Durations to use: most_likely, optimistic, pessimistic or mean (PERT).")
    var durations: DurationPoint = .mostLikely

    @OptionGroup var scheduling: SchedulingOptions

    @Flag(help: "Print one JSON object keyed by model name.")
    var json = false

    @Option(name: .customLong("repeat"), help: .hidden)
    var repeatCount: Int?

    func run() throws {
        try Terminal.guarding {
            let (loaded, graph) = try options.graph()
            let (problem, waveConfiguration) = try scheduling.build(loaded, graph)
            if options.isVerbose { problem.warnings.forEach(Terminal.warning) }
            let hours = problem.durations(durations)
            var results: [(String, SimulationResult)] = []
            if model != .waveBased {
                var sim = Simulator(rollingFrontier: problem, rule: scheduling.priority)
                try benchmark(&sim, hours, "rolling_frontier")
                let first = try sim.run(durations: hours, trace: .full)
                let result = try sim.run(durations: hours, trace: .full, snapshotTimes: RunTrace.quarterTimes(ofMakespan: first.makespanHours))
                results.append(("rolling_frontier", result))
            }
            if model != .rollingFrontier {
                var sim = Simulator(waves: problem, rule: scheduling.priority, configuration: waveConfiguration)
                try benchmark(&sim, hours, "wave_based")
                results.append(("wave_based", try sim.run(durations: hours, trace: .full)))
            }
            if json {
                try printJSON(results)
            } else {
                printText(results, problem: problem)
            }
        }
    }

    /// `--repeat N`: times N makespan-only runs and reports runs per second on stderr.
    func benchmark<P: SchedulingPolicy>(_ sim: inout Simulator<P>, _ hours: [Double], _ name: String) throws(TasksError) {
        guard let n = repeatCount, n > 0 else { return }
        _ = try sim.makespan(durations: hours)
        let clock = ContinuousClock()
        var sink = 0.0
        let started = clock.now
        for _ in 0..<n { sink += try sim.makespan(durations: hours) }
        let elapsed = clock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        Terminal.note(String(format: "%@: %d runs in %.3f s, %.1f runs/s, %.3f ms/run (makespan %.4g h)",
                             name, n, seconds, Double(n) / seconds, seconds * 1000 / Double(n), sink / Double(n)))
    }

    func printJSON(_ results: [(String, SimulationResult)]) throws(TasksError) {
        var object: [String: JSONValue] = [:]
        for (name, result) in results {
            guard let trace = result.trace, let value = try? JSONValue(encoding: trace) else {
                throw TasksError(.invalidPlan, "cannot encode the \(name) trace as JSON")
            }
            var entry: [String: JSONValue] = ["makespan_hours": .number(result.makespanHours), "trace": value]
            entry["succeeded"] = .bool(result.outcome.succeeded)
            object[name] = .object(entry)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(JSONValue.object(object)) else {
            throw TasksError(.invalidPlan, "cannot encode the simulation as JSON")
        }
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    func printText(_ results: [(String, SimulationResult)], problem: SchedulingProblem) {
        for (name, result) in results {
            guard let trace = result.trace else { continue }
            print("\(name): makespan \(Self.hours(result.makespanHours)) h (\(scheduling.priority.rawValue), \(durations.rawValue) durations)")
            if !result.outcome.succeeded { print("  outcome: \(result.outcome.message)") }
            let u = trace.utilization
            var load = "  average concurrency \(String(format: "%.2f", u.averageConcurrency)), max \(u.maxConcurrency)"
            if let c = u.averageCPUPercent { load += String(format: ", CPU %.0f%% avg", c) }
            if let m = u.averageMemoryPercent { load += String(format: ", memory %.0f%% avg", m) }
            print(load)
            if !trace.waves.isEmpty {
                print("  \(trace.waves.count) waves:")
                for w in trace.waves.prefix(Self.rows) {
                    let open = w.barrierOpenedAt.map(Self.hours) ?? "-"
                    print("    wave \(w.index + 1): \(w.releasedAt.map(Self.hours) ?? "-") → \(open)  "
                        + "\(w.tasks.count) task\(w.tasks.count == 1 ? "" : "s") [\(Self.list(w.tasks, 6))]")
                }
                if trace.waves.count > Self.rows { print("    … \(trace.waves.count - Self.rows) more waves") }
            }
            let ran = trace.tasks.filter { $0.firstStartAt != nil }.sorted {
                ($0.firstStartAt!, $0.endAt ?? .infinity, $0.id) < ($1.firstStartAt!, $1.endAt ?? .infinity, $1.id)
            }
            print("  timeline (start → end, task, wait):")
            for t in ran.prefix(Self.rows) {
                var line = "    \(Self.pad(Self.hours(t.firstStartAt!), 8)) → \(Self.pad(t.endAt.map(Self.hours) ?? "-", 8)) \(t.id)"
                if t.attempts > 1 { line += " (\(t.attempts) attempts)" }
                if t.waitHours > 0, let w = t.waitedFor { line += "  waited \(Self.hours(t.waitHours)) h for \(w)" }
                print(line)
            }
            if ran.count > Self.rows { print("    … \(ran.count - Self.rows) more tasks") }
            if !trace.criticalChain.isEmpty {
                print("  critical chain: \(Self.list(trace.criticalChain.map(\.task), 12))")
            }
        }
        if results.count == 2, results[1].1.makespanHours > 0 {
            let frontier = results[0].1.makespanHours, waves = results[1].1.makespanHours
            let gain = (waves - frontier) / waves * 100
            print(String(format: "rolling frontier is %.0f%% %@ than waves (%@ h vs %@ h)", abs(gain),
                         gain >= 0 ? "faster" : "slower", Self.hours(frontier), Self.hours(waves)))
        }
    }

    static let rows = 30

    static func hours(_ h: Double) -> String {
        let r = (h * 100).rounded() / 100
        return r == r.rounded() ? String(Int64(r)) : String(format: "%.2f", r)
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }

    static func list(_ items: [String], _ limit: Int) -> String {
        items.prefix(limit).joined(separator: ", ") + (items.count > limit ? ", … (\(items.count) in all)" : "")
    }
}

extension DurationPoint: ExpressibleByArgument {}
extension PriorityRule: ExpressibleByArgument {}
