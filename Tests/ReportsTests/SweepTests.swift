import Foundation
import MonteCarlo
import Reports
import TaskModel
import Testing
import TasksTestSupport

@Suite("capacity sweep")
struct SweepTests {
    @Test("webapp, fixed durations: P80 never grows as test_db_pool grows, and the recommendation states its figures")
    func deterministicWebappIsMonotone() throws {
        let s = deterministic(try setup(path: Fixtures.webappTasksPath))
        let axis = try SweepAxis.parse("test_db_pool=1..6", in: s)
        let result = try Sweep.run(s, axes: [axis], settings: quick(50), tolerance: 0.05)
        #expect(result.points.count == 6)
        for model in ["wave_based", "rolling_frontier"] {
            let p80 = result.points.compactMap { $0.models[model]?.p80Hours }
            #expect(p80.count == 6)
            for (a, b) in zip(p80, p80.dropFirst()) { #expect(b <= a + 1e-9, "\(model): P80 \(p80)") }
            let rec = try #require(result.recommendations.first { $0.model == model })
            // The recommendation is the smallest pool within 5% of the best P80.
            let best = p80.min()!
            let smallest = p80.firstIndex { $0 <= best * 1.05 }! + 1
            #expect(rec.values["test_db_pool"] == smallest)
            #expect(rec.text.contains(HoursFormat.text(rec.p80Hours)) && rec.text.contains(HoursFormat.text(best)))
            #expect(rec.text.contains("test_db_pool=\(smallest)"))
        }
        // With one database the pool is the bottleneck: it is busier and waited for longer than with six.
        let first = try #require(result.points.first?.models["rolling_frontier"]?.resources["test_db_pool"])
        let last = try #require(result.points.last?.models["rolling_frontier"]?.resources["test_db_pool"])
        #expect(first.waitHours > last.waitHours)
        #expect(try #require(first.utilization) > #require(last.utilization))
    }

    @Test("common random numbers: a point equals a plain estimate of the changed plan with the same seed")
    func pointsUseTheSameSamples() throws {
        let s = try setup(path: Fixtures.webappTasksPath)
        let knob = try CapacityKnob(named: "test_db_pool", in: s)
        let result = try Sweep.run(s, axes: [SweepAxis(knob: knob, values: [2, 3])], settings: quick(200), tolerance: 0.05)
        let direct = try knob.applied(2, to: s).engine().run(quick(200))
        let rf = try #require(direct.model(.rollingFrontier)?.makespan.quantile(0.8)?.value)
        #expect(result.points[0].models["rolling_frontier"]?.p80Hours == rf)
        // At the plan's own capacity the sweep reproduces the plain estimate.
        let plain = try s.engine().run(quick(200)).model(.waveBased)?.makespan.quantile(0.5)?.value
        #expect(result.points[1].models["wave_based"]?.p50Hours == plain)
        #expect(result.current["test_db_pool"] == 3)
    }

    @Test("max_concurrent_tasks, workers and cpu_cores can be swept; two axes form a grid")
    func otherKnobs() throws {
        let s = try setup(path: Fixtures.scenario("ci-pipeline.yaml"))
        let axes = try ["max_concurrent_tasks=1..3:2", "cpu_cores=4..8:4"].map { try SweepAxis.parse($0, in: s) }
        let grid = try Sweep.run(s, axes: axes, settings: quick(60), tolerance: 0.05)
        #expect(grid.points.map { $0.values } == [[1, 4], [1, 8], [3, 4], [3, 8]].map {
            ["max_concurrent_tasks": $0[0], "cpu_cores": $0[1]] })
        let one = try #require(grid.points[0].models["rolling_frontier"]), three = try #require(grid.points[2].models["rolling_frontier"])
        #expect(one.p50Hours > three.p50Hours)
        #expect(try #require(one.resources["max_concurrent_tasks"]?.utilization) > 0.9)
        let workers = try Sweep.run(s, axes: [try SweepAxis.parse("workers=1..2", in: s)], settings: quick(60), tolerance: 0.05)
        let w1 = try #require(workers.points[0].models["rolling_frontier"]), w2 = try #require(workers.points[1].models["rolling_frontier"])
        #expect(w1.p50Hours >= w2.p50Hours)
        #expect(w1.resources["workers"]?.utilization != nil)
    }

    @Test("a point below some task's demand is infeasible, not an error")
    func infeasiblePoint() throws {
        let s = try setup(path: Fixtures.scenario("small/pool-of-3.yaml"))
        let result = try Sweep.run(s, axes: [try SweepAxis.parse("cpu_cores=1..2", in: s)], settings: quick(20), tolerance: 0.05)
        #expect(result.points.allSatisfy { $0.infeasible == nil })
        let webapp = try setup(path: Fixtures.webappTasksPath)
        let low = try Sweep.run(webapp, axes: [try SweepAxis.parse("cpu_cores=1..1", in: webapp)], settings: quick(20), tolerance: 0.05)
        if let why = low.points[0].infeasible { #expect(why.contains("CPU")) }
    }

    @Test("bad --vary values name the problem and the valid names")
    func badAxes() throws {
        let s = try setup(path: Fixtures.webappTasksPath)
        for (text, fragment) in [("nope=1..3", "valid names: test_db_pool, max_concurrent_tasks, workers, cpu_cores"),
                                 ("database_migrations=1..2", "exclusive"), ("test_db_pool=3..1", "below LO"),
                                 ("test_db_pool=0..2", "start at 1"), ("test_db_pool", "missing '='"),
                                 ("test_db_pool=1..4:0", "STEP")] {
            let error = #expect(throws: TasksError.self) { try SweepAxis.parse(text, in: s) }
            #expect(error?.status == .invalidArguments)
            #expect(error?.message.contains(fragment) == true, "\(text): \(error?.message ?? "")")
        }
        #expect(try SweepAxis.parse("test_db_pool=2..8:3", in: s).values == [2, 5, 8])
    }

    @Test("JSON has per point the varied values and per model p50/p80/p95 hours; CSV has a row per point and model")
    func outputs() throws {
        let s = try setup(path: Fixtures.scenario("small/pool-of-3.yaml"))
        let result = try Sweep.run(s, axes: [try SweepAxis.parse("test_db_pool=1..3", in: s)], settings: quick(20), tolerance: 0.05)
        let json = try JSONSerialization.jsonObject(with: Data(try ArtifactWriter.jsonText(result).utf8)) as! [String: Any]
        let points = try #require(json["points"] as? [[String: Any]])
        #expect(points.count == 3)
        for (k, p) in points.enumerated() {
            #expect((p["values"] as? [String: Int])?["test_db_pool"] == k + 1)
            let rf = try #require((p["models"] as? [String: Any])?["rolling_frontier"] as? [String: Any])
            for key in ["p50_hours", "p80_hours", "p95_hours"] { #expect(rf[key] is Double) }
        }
        // Nine fixed 2h suites: ⌈9 / pool⌉ rounds of 2h.
        #expect(result.points.map { $0.models["rolling_frontier"]!.p80Hours } == [18, 10, 6])
        let csv = result.csv().split(separator: "\n")
        #expect(csv.count == 1 + 3 * 2)
        #expect(csv[0].hasPrefix("test_db_pool,model,p50_hours,p80_hours,p95_hours"))
        let table = result.table()
        #expect(table.contains("recommendation: rolling_frontier: test_db_pool=3"))
        let chart = ReportCharts.sweep(result)
        #expect(chart.svg.components(separatedBy: "class=\"data\"").count - 1 >= 3)
    }
}
