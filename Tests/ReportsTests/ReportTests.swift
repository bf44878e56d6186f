import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import MonteCarlo
import Reports
import TaskModel
import Testing
import TasksTestSupport

@Suite("HTML and SVG report")
struct ReportTests {
    static let chartPrefixes = ["histogram-", "cdf-", "gantt-", "utilization-", "criticality-", "tornado-"]

    func report(_ s: PlanSetup, sweep: String? = nil) throws -> HTMLReport {
        let engine = try s.engine()
        let estimate = try engine.run(quick(200))
        let result = try sweep.map { try Sweep.run(s, axes: [try SweepAxis.parse($0, in: s)], settings: quick(50), tolerance: 0.05) }
        return try HTMLReport(estimate: estimate, engine: engine, sweep: result, generated: "2026-01-01T00:00:00Z", version: "test")
    }

    /// Parses `text` as XML (the HTML is XHTML) and returns every `<svg>` element.
    func svgElements(_ text: String) throws -> [XMLElement] {
        let document = try XMLDocument(data: Data(text.utf8), options: [])
        return try document.nodes(forXPath: "//*[local-name()='svg']").compactMap { $0 as? XMLElement }
    }

    /// An attribute read through XPath (FoundationXML's `attribute(forName:)` misses attributes of
    /// elements in a default namespace).
    func attribute(_ e: XMLElement, _ name: String) throws -> String? {
        try e.nodes(forXPath: "@\(name)").first?.stringValue
    }

    func dataMarks(_ svg: XMLElement) throws -> Int {
        try svg.nodes(forXPath: ".//*[@class='data']").count
    }

    /// `html` is well-formed, self-contained, and has every chart of both models (and the sweep's
    /// when `sweep`), each with data marks; only a plan without uncertainty may have an empty tornado.
    func verify(_ html: String, _ label: String, sweep: Bool, plan s: PlanSetup) throws {
        let svgs = try svgElements(html)
        let ids = try svgs.compactMap { try attribute($0, "id") }
        var expected = Self.chartPrefixes.flatMap { p in ["wave_based", "rolling_frontier"].map { p + $0 } }
        if sweep { expected.append("sweep") }
        #expect(Set(ids) == Set(expected), "\(label): \(ids)")
        let fixed = s.loaded.document.tasks.allSatisfy { t in t.duration.map { $0.optimistic == $0.pessimistic } ?? true }
        for svg in svgs {
            let id = try attribute(svg, "id") ?? "?"
            if let why = try attribute(svg, "data-empty") {
                #expect(id.hasPrefix("tornado-") && fixed, "\(label): \(id) is empty: \(why)")
            } else {
                #expect(try dataMarks(svg) > 0, "\(label): \(id) has no data marks")
            }
        }
        // Self-contained: nothing is fetched.
        #expect(!html.contains("http://") || html.components(separatedBy: "http://").dropFirst().allSatisfy {
            $0.hasPrefix("www.w3.org/") })
        #expect(!html.contains("<script") && !html.contains("https://"))
    }

    @Test("every committed report in reports/ (large-3000's included, made in release builds) is well-formed with data in every chart")
    func committedReports() throws {
        let root = Fixtures.packageRoot.appendingPathComponent("reports")
        let names = try FileManager.default.contentsOfDirectory(atPath: root.path).filter {
            FileManager.default.fileExists(atPath: root.appendingPathComponent("\($0)/plan/report.html").path)
        }
        #expect(names.count >= 6, "reports/ holds \(names)")
        for name in names.sorted() {
            let dir = root.appendingPathComponent("\(name)/plan")
            let html = try String(contentsOf: dir.appendingPathComponent("report.html"), encoding: .utf8)
            try verify(html, name, sweep: true, plan: try setup(path: dir.path))
        }
        let large = root.appendingPathComponent("large-3000/report.html")
        try #require(FileManager.default.fileExists(atPath: large.path), "reports/large-3000/report.html is missing")
        try verify(try String(contentsOf: large, encoding: .utf8), "large-3000", sweep: false,
                   plan: try setup(path: Fixtures.scenario("large-3000.json")))
    }

    @Test("every bundled scenario (but large-3000) gets a well-formed report with every chart holding data",
          arguments: bundledScenarios())
    func everyScenario(_ scenario: String) throws {
        let s = try setup(path: Fixtures.scenario(scenario))
        let pool = s.loaded.document.meta.codebaseAnalysis?.sharedResources?.first { $0.value.type == .sharedLimited }?.key
        let report = try report(s, sweep: pool.map { "\($0)=1..3" })
        try verify(report.html(), scenario, sweep: pool != nil, plan: s)
        // Every standalone SVG parses too.
        for chart in report.charts { #expect(try svgElements(chart.standalone).count == 1, "\(chart.id)") }
    }

    @Test("the Gantt chart draws every segment of the median run, and waves are shaded")
    func ganttMatchesTrace() throws {
        let s = try setup(path: Fixtures.scenario("small/pool-of-3.yaml"))
        let report = try report(s)
        let gantt = try #require(report.charts.first { $0.id == "gantt-wave_based" })
        let svg = try #require(try svgElements(gantt.standalone).first)
        #expect(try dataMarks(svg) == 9)
        #expect(gantt.svg.contains(">W3<"))
        let utilization = try #require(report.charts.first { $0.id == "utilization-rolling_frontier" })
        #expect(utilization.svg.contains("capacity 3"))
    }

    @Test("text from the plan is escaped: ids with markup characters keep the page well-formed")
    func escaping() throws {
        let hostile = "a<b>&\"c'"
        let graph = ScheduleBuilder(maxConcurrent: 2).pool("db <&>", capacity: 1)
            .task(hostile, pert: (1, 2, 4), shared: ["db <&>": 1]).task("d</svg>", pert: (1, 2, 3), after: [hostile],
                                                                       shared: ["db <&>": 1])
        var doc = graph.document
        doc.tasks[0].title = "<script>alert(1)</script>"
        let s = PlanSetup(loaded: LoadedPlan(document: doc, sourceName: "x<y>.json"), minConfidence: 0.7)
        let html = try report(s).html()
        #expect(try svgElements(html).count == 12)
        #expect(!html.contains("<script>") && !html.contains("a<b>"))
    }

    @Test("the same estimate gives byte-identical HTML")
    func stable() throws {
        let s = try setup(path: Fixtures.scenario("small/diamond.yaml"))
        #expect(try report(s).html() == report(s).html())
    }
}
