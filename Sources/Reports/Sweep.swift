import MonteCarlo
import Scheduling
import TaskModel

/// A capacity sweep: the plan re-estimated at every point of a grid of capacities, with the same
/// seed everywhere, so each point sees the same duration samples (common random numbers) and the
/// differences between points are the capacities', not sampling noise.
public enum Sweep {
    /// Runs the sweep over the cartesian product of `axes` (the first axis varies slowest).
    ///
    /// - Parameters:
    ///   - tolerance: a fraction (0.05 = 5 %): the recommendation is the smallest point whose P80
    ///     is within it of the best P80.
    ///   - tracedRuns: runs per point and model replayed with a full trace to measure the varied
    ///     resources' utilization and waits (a systematic subsample of the iterations).
    ///   - progress: called with (points done, points) after each point.
    /// - Throws: `TasksError` for a bad plan or settings; a point whose capacity is below some
    ///   task's demand (exit 4) is recorded as infeasible instead.
    public static func run(_ setup: PlanSetup, axes: [SweepAxis], settings: EstimateSettings, tolerance: Double,
                           tracedRuns: Int = 200, progress: ((Int, Int) -> Void)? = nil) throws(TasksError) -> SweepResult {
        guard !axes.isEmpty else { throw TasksError(.invalidArguments, "sweep needs at least one --vary NAME=LO..HI") }
        let names = axes.map(\.knob.name)
        if let dup = names.first(where: { n in names.filter { $0 == n }.count > 1 }) {
            throw TasksError(.invalidArguments, "--vary \(dup) is given twice")
        }
        guard tolerance.isFinite, tolerance >= 0, tolerance < 1 else {
            throw TasksError(.invalidArguments, "--tolerance must be between 0% and 100%, got \(tolerance * 100)%")
        }
        let grid = axes.reduce([[Int]]([[]])) { acc, axis in acc.flatMap { prefix in axis.values.map { prefix + [$0] } } }
        guard grid.count <= 10_000 else { throw TasksError(.invalidArguments, "the sweep has \(grid.count) points; at most 10000") }
        var points: [SweepPoint] = []
        var iterations = settings.iterations
        for (k, values) in grid.enumerated() {
            var point = setup
            for (axis, v) in zip(axes, values) { point = axis.knob.applied(v, to: point) }
            let labelled = Dictionary(uniqueKeysWithValues: zip(names, values))
            do {
                let engine = try point.engine()
                let estimate = try engine.run(settings)
                iterations = max(iterations, estimate.iterations)
                var models: [String: SweepPoint.Model] = [:]
                for m in estimate.models {
                    models[m.model.rawValue] = try measure(m, engine, estimate, axes.map(\.knob), tracedRuns: tracedRuns)
                }
                points.append(SweepPoint(values: labelled, models: models, infeasible: nil))
            } catch where error.status == .unresolvableResources {
                points.append(SweepPoint(values: labelled, models: [:], infeasible: error.message))
            }
            progress?(k + 1, grid.count)
        }
        var result = SweepResult(plan: setup.loaded.sourceName, seed: settings.seed, iterations: iterations,
                                 tolerancePercent: tolerance * 100, varied: names,
                                 current: Dictionary(uniqueKeysWithValues: axes.compactMap { a in
                                     a.knob.current(in: setup).map { (a.knob.name, $0) } }),
                                 points: points, recommendations: [])
        result.recommendations = settings.models.compactMap { Recommendation(result, model: $0.rawValue, axes: axes) }
        return result
    }

    /// Quantiles of one model at one point, and the varied resources' utilization and waits from
    /// a systematic subsample of traced runs.
    static func measure(_ m: ModelEstimate, _ engine: MonteCarloEngine, _ estimate: Estimate, _ knobs: [CapacityKnob],
                        tracedRuns: Int) throws(TasksError) -> SweepPoint.Model {
        func q(_ p: Double) -> Double { m.makespan.quantile(p)?.value ?? m.makespan.mean }
        let runs = min(tracedRuns, estimate.iterations)
        var utilization = [Double](repeating: 0, count: knobs.count)
        var measured = [Int](repeating: 0, count: knobs.count)
        var wait = [Double](repeating: 0, count: knobs.count)
        let problem = engine.problem
        for r in 0..<runs {
            let i = r * estimate.iterations / max(runs, 1)
            let trace = try engine.traced(m.model, iteration: i, settings: estimate.settings, snapshots: [])
            for (k, knob) in knobs.enumerated() {
                if let name = knob.traceName, let record = trace.resources.first(where: { $0.name == name }) {
                    wait[k] += record.waitHours
                    if let u = record.utilization { utilization[k] += u; measured[k] += 1 }
                } else if knob == .workers, let pool = problem.workers {
                    wait[k] += trace.tasks.filter { $0.waitedFor == BlockReason.worker.name(in: problem) }
                        .reduce(0) { $0 + $1.waitHours }
                    let slots = Double(pool.count) * Double(pool.tasksPerWorker)
                    let busy = trace.segments.reduce(0.0) { $0 + ($1.end - $1.start) }
                    if trace.makespanHours > 0 { utilization[k] += busy / (slots * trace.makespanHours); measured[k] += 1 }
                }
            }
        }
        var resources: [String: SweepPoint.ResourceFigures] = [:]
        for (k, knob) in knobs.enumerated() {
            resources[knob.name] = SweepPoint.ResourceFigures(
                utilization: measured[k] > 0 ? utilization[k] / Double(measured[k]) : nil,
                waitHours: runs > 0 ? wait[k] / Double(runs) : 0)
        }
        return SweepPoint.Model(p50Hours: q(0.5), p80Hours: q(0.8), p95Hours: q(0.95),
                                p80StandardErrorHours: m.makespan.quantile(0.8)?.standardError ?? 0,
                                meanHours: m.makespan.mean, resources: resources)
    }
}
