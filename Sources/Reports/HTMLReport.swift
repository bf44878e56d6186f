import MonteCarlo
import Scheduling
import TaskModel

/// The self-contained HTML report of one estimate: inline CSS and SVG, no scripts, no network,
/// XHTML-well-formed so it can be checked (and post-processed) as XML.
public struct HTMLReport: Sendable {
    public var plan: String
    public var generated: String
    public var version: String
    public var estimate: Estimate
    public var charts: [Chart]
    /// Sentences shown above the charts (recommendations of a sweep, for instance).
    public var notes: [String]

    /// Builds every chart of `estimate`: per model the histogram, S-curve, Gantt and utilization
    /// of the run closest to P50 (re-simulated with a full trace), criticality and tornado; then
    /// the sweep chart when a sweep is given.
    /// - Throws: `TasksError` when re-simulating the median run fails.
    public init(estimate: Estimate, engine: MonteCarloEngine, sweep: SweepResult?, generated: String,
                version: String) throws(TasksError) {
        plan = engine.problem.sourceName
        self.generated = generated
        self.version = version
        self.estimate = estimate
        var charts: [Chart] = []
        for m in estimate.models {
            charts.append(DistributionCharts.histogram(m))
            charts.append(DistributionCharts.cdf(m))
        }
        for m in estimate.models {
            let trace = try engine.traced(m.model, iteration: m.medianIteration, settings: estimate.settings, snapshots: [])
            charts.append(GanttChart.render(trace, problem: engine.problem, iteration: m.medianIteration))
            charts.append(UtilizationChart.render(trace, problem: engine.problem))
        }
        for m in estimate.models {
            charts.append(DriverCharts.criticality(m, ids: estimate.taskIDs))
            charts.append(DriverCharts.tornado(m, ids: estimate.taskIDs))
        }
        if let sweep { charts.append(SweepChart.render(sweep)) }
        self.charts = charts
        notes = sweep?.recommendations.map(\.text) ?? []
    }

    /// The sections of the page and the chart id prefixes each holds.
    static let sections: [(String, String, [String])] = [
        ("distribution", "Makespan distribution", ["histogram-", "cdf-"]),
        ("gantt", "The run closest to P50", ["gantt-"]),
        ("utilization", "Utilization over time", ["utilization-"]),
        ("drivers", "What drives the makespan", ["criticality-", "tornado-"]),
        ("sweep", "Capacity sweep", ["sweep"]),
    ]

    /// The page.
    public func html() -> String {
        var out: [String] = [
            "<!DOCTYPE html>",
            "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">",
            "<head>",
            "<meta charset=\"utf-8\"/>",
            "<title>\(Markup.escape("tasks report: \(plan)"))</title>",
            "<style>\(Self.css)</style>",
            "</head>",
            "<body>",
            "<h1>\(Markup.escape(plan))</h1>",
            "<p class=\"meta\">\(estimate.iterations) Monte Carlo iterations, seed \(estimate.settings.seed), "
                + "tasks \(Markup.escape(version)), generated \(Markup.escape(generated))"
                + (estimate.settings.ignoreResources ? ", resources ignored" : "") + "</p>",
            summaryTable(),
        ]
        out += notes.map { "<p class=\"note\">\(Markup.escape($0))</p>" }
        for (id, heading, prefixes) in Self.sections {
            let members = charts.filter { c in prefixes.contains { c.id.hasPrefix($0) } }
            guard !members.isEmpty else { continue }
            out.append("<section id=\"\(id)\">")
            out.append("<h2>\(Markup.escape(heading))</h2>")
            for c in members { out.append("<figure>\n\(c.svg)\n</figure>") }
            out.append("</section>")
        }
        out += ["</body>", "</html>"]
        return out.joined(separator: "\n") + "\n"
    }

    func summaryTable() -> String {
        var rows = ["<table class=\"summary\">",
                    "<tr><th>model</th><th>P50</th><th>P80</th><th>P95</th><th>mean</th><th>most likely</th></tr>"]
        for m in estimate.models {
            func q(_ p: Double) -> String {
                guard let e = m.makespan.quantile(p) else { return "-" }
                return Markup.escape(HoursFormat.withError(e.value, e.standardError))
            }
            rows.append("<tr><td>\(m.model.rawValue)</td><td>\(q(0.5))</td><td>\(q(0.8))</td><td>\(q(0.95))</td>"
                + "<td>\(HoursFormat.text(m.makespan.mean))</td><td>\(HoursFormat.text(m.mostLikelyHours))</td></tr>")
        }
        rows.append("</table>")
        return rows.joined(separator: "\n")
    }

    static let css = """
        body { font-family: sans-serif; margin: 24px auto; max-width: 960px; color: #222; }
        h1 { font-size: 20px; margin-bottom: 4px; }
        h2 { font-size: 16px; border-bottom: 1px solid #ddd; padding-bottom: 4px; margin-top: 28px; }
        p.meta { color: #666; font-size: 12px; margin-top: 0; }
        p.note { background: #f4f8fb; border-left: 3px solid #4c78a8; padding: 6px 10px; font-size: 13px; }
        table.summary { border-collapse: collapse; font-size: 13px; }
        table.summary td, table.summary th { border: 1px solid #ddd; padding: 4px 10px; text-align: right; }
        table.summary td:first-child, table.summary th:first-child { text-align: left; }
        figure { margin: 12px 0; }
        svg { max-width: 100%; height: auto; }
        """
}
