import Executor
import Foundation
import MonteCarlo
import Scheduling
import Simulation
import TaskModel

/// `execute --dry-run`: the schedule the executor would follow, simulated with most-likely
/// durations under the same model, rule and limits; nothing runs.
enum DryRun {
    /// One simulated run of `model` with most-likely durations, recording `trace`.
    static func simulate(_ problem: SchedulingProblem, model: ExecutionModel, rule: PriorityRule,
                         waveConfiguration: WaveConfiguration, trace: TraceLevel = .full) throws(TasksError) -> SimulationResult {
        let hours = problem.durations(.mostLikely)
        switch model {
        case .rollingFrontier:
            var sim = Simulator(rollingFrontier: problem, rule: rule)
            return try sim.run(durations: hours, trace: trace)
        case .waveBased:
            var sim = Simulator(waves: problem, rule: rule, configuration: waveConfiguration)
            return try sim.run(durations: hours, trace: trace)
        }
    }

    static func print(_ problem: SchedulingProblem, model: ExecutionModel, rule: PriorityRule,
                      waveConfiguration: WaveConfiguration, commands: [TaskCommand]) throws(TasksError) {
        let result = try simulate(problem, model: model, rule: rule, waveConfiguration: waveConfiguration, trace: .summary)
        guard let trace = result.trace else { return }
        Swift.print("dry run: \(problem.sourceName), \(problem.taskCount) tasks, \(model.rawValue) (\(rule.rawValue)), "
            + "makespan \(HoursFormat.text(result.makespanHours)) with most-likely durations; nothing was run")
        let ran = trace.tasks.filter { $0.firstStartAt != nil }.sorted {
            ($0.firstStartAt!, $0.endAt ?? .infinity, $0.id) < ($1.firstStartAt!, $1.endAt ?? .infinity, $1.id)
        }
        Swift.print("start → end  task  command")
        for t in ran {
            let command = problem.index(of: t.id).map { commands[Int($0)].command } ?? ""
            let wave = t.wave.map { "  [wave \($0 + 1)]" } ?? ""
            Swift.print("\(HoursFormat.text(t.firstStartAt!)) → \(t.endAt.map(HoursFormat.text) ?? "-")  \(t.id)\(wave)  $ \(command)")
        }
        if !result.outcome.succeeded { Swift.print("outcome: \(result.outcome.message)") }
    }
}
