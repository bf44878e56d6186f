import Executor
import Foundation
import MonteCarlo
import Scheduling
import TaskModel

/// The end-of-run report: what ran, what failed, and the realized makespan next to the plan's
/// P50/P80/P95 (from its `waves.json`, when it has one) and the most-likely simulation.
struct ExecutionSummary {
    let result: ExecutionResult
    let model: ExecutionModel
    let problem: SchedulingProblem
    let waves: WavesDocument?
    let stateDirectory: String
    var simulatedHours: Double?

    init(result: ExecutionResult, model: ExecutionModel, problem: SchedulingProblem, waves: WavesDocument?,
         stateDirectory: String, simulatedHours: Double? = nil) {
        self.result = result
        self.model = model
        self.problem = problem
        self.waves = waves
        self.stateDirectory = stateDirectory
        self.simulatedHours = simulatedHours
    }

    /// The plan's P50, P80 and P95 for the model that ran (P80 may be absent for the frontier).
    var planQuantiles: (p50: Double, p80: Double?, p95: Double)? {
        switch model {
        case .rollingFrontier:
            guard let c = waves?.executionModels.rollingFrontier?.estimatedCompletionTime else { return nil }
            return (c.p50Hours, c.p80Hours, c.p95Hours)
        case .waveBased:
            guard let c = waves?.executionModels.waveBased?.estimatedCompletion else { return nil }
            return (c.p50Hours, c.p80Hours, c.p95Hours)
        }
    }

    func count(_ outcome: AttemptRecord.Outcome) -> Int { result.attempts.filter { $0.outcome == outcome }.count }

    func printText() {
        let completed = count(.completed), failedAttempts = count(.failed)
        var line = "executed \(problem.sourceName) (\(model.rawValue)): \(completed + count(.skipped)) of \(problem.taskCount) tasks completed"
        if !result.skipped.isEmpty { line += " (\(result.skipped.count) skipped, completed before)" }
        if failedAttempts > 0 { line += ", \(failedAttempts) failed attempt\(failedAttempts == 1 ? "" : "s")" }
        print(line)
        var makespan = "realized makespan \(HoursFormat.text(result.makespanHours))"
        if let s = simulatedHours { makespan += "; simulated with most-likely durations \(HoursFormat.text(s))" }
        print(makespan)
        if let q = planQuantiles {
            let m = result.makespanHours
            let position = m <= q.p50 ? "at or below P50" : m <= (q.p80 ?? q.p95) ? "between P50 and \(q.p80 == nil ? "P95" : "P80")"
                : m <= q.p95 ? "between P80 and P95" : "above P95"
            print("plan estimate: P50 \(HoursFormat.text(q.p50)), P80 \(q.p80.map(HoursFormat.text) ?? "-"), "
                + "P95 \(HoursFormat.text(q.p95)); realized is \(position)")
        }
        if !result.interrupted && result.status != .success { print("outcome: \(result.message)") }
        print("logs: \(stateDirectory)/logs/tasks, journal: \(stateDirectory)/journal.jsonl")
    }

    struct Report: Encodable {
        let status: Int32
        let message: String
        let model: String
        let makespan_hours: Double
        let simulated_most_likely_hours: Double?
        let plan_p50_hours, plan_p80_hours, plan_p95_hours: Double?
        let interrupted: Bool
        let skipped: [String]
        let failed_with_checkpoint: [String]
        let attempts: [Attempt]
    }

    struct Attempt: Encodable {
        let task: String
        let attempt: Int
        let start_hours, end_hours: Double
        let status: Int32
        let outcome: String
        let errors: [String]
    }

    func printJSON() throws(TasksError) {
        let q = planQuantiles
        let report = Report(
            status: result.status.rawValue, message: result.message, model: model.rawValue, makespan_hours: result.makespanHours,
            simulated_most_likely_hours: simulatedHours, plan_p50_hours: q?.p50, plan_p80_hours: q?.p80 ?? nil,
            plan_p95_hours: q?.p95, interrupted: result.interrupted, skipped: result.skipped,
            failed_with_checkpoint: result.failedWithCheckpoint,
            attempts: result.attempts.map {
                Attempt(task: $0.task, attempt: $0.attempt, start_hours: $0.start, end_hours: $0.end, status: $0.status,
                        outcome: $0.outcome.rawValue, errors: $0.errors)
            })
        FileHandle.standardOutput.write(Data(try ArtifactWriter.jsonText(report).utf8))
    }
}
