import Foundation
import Testing
import TasksTestSupport

/// `tasks sweep`, `tasks check` and `tasks report` end to end: exit codes, outputs and files.
@Suite("tasks sweep, check and report")
struct ReportCommandsTests {
    @Test("sweep: table with a recommendation, --json points, --csv rows; an unknown name is exit 1 naming the valid ones")
    func sweep() throws {
        let plan = Fixtures.scenario("small/pool-of-3.yaml")
        let table = try CLI.run(["sweep", plan, "--vary", "test_db_pool=1..4", "-n", "50"])
        #expect(table.status == 0, "\(table)")
        #expect(table.stdout.contains("recommendation: rolling_frontier: test_db_pool=3 is enough: P80 6.0h"))
        let json = try CLI.run(["sweep", plan, "--vary", "test_db_pool=2..3", "-n", "50", "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let points = try #require(object?["points"] as? [[String: Any]])
        #expect(points.count == 2)
        let csv = try CLI.run(["sweep", plan, "--vary", "test_db_pool=2..3", "-n", "50", "--csv", "--model", "rolling_frontier"])
        #expect(csv.stdout.split(separator: "\n").count == 3, "\(csv)")
        let bad = try CLI.run(["sweep", plan, "--vary", "test_db=1..3"])
        #expect(bad.status == 1)
        #expect(bad.stderrLines == ["tasks: error: --vary test_db: unknown capacity; valid names: test_db_pool, "
            + "max_concurrent_tasks, workers, cpu_cores (exit 1)"])
    }

    @Test("check: missing baseline is exit 1; recorded then unchanged passes; a longer task is exit 10 naming the metric")
    func check() throws {
        let dir = try Fixtures.temporaryDirectory("check")
        defer { try? FileManager.default.removeItem(at: dir) }
        let plan = dir.appendingPathComponent("plan.yaml"), baseline = dir.appendingPathComponent("baseline.json").path
        let original = try Fixtures.scenarioText("small/diamond.yaml")
        try original.write(to: plan, atomically: true, encoding: .utf8)
        let missing = try CLI.run(["check", plan.path, "--baseline", baseline])
        #expect(missing.status == 1 && missing.stderr.contains("baseline not found"), "\(missing)")
        let record = try CLI.run(["check", plan.path, "--baseline", baseline, "--update-baseline", "-n", "300"])
        #expect(record.status == 0, "\(record)")
        let same = try CLI.run(["check", plan.path, "--baseline", baseline, "--tolerance", "0%"])
        #expect(same.status == 0 && same.stdout.contains("check passed"), "\(same)")
        // One task three times longer.
        try original.replacingOccurrences(of: "pert: [1, 4, 7]", with: "pert: [3, 12, 21]")
            .write(to: plan, atomically: true, encoding: .utf8)
        let worse = try CLI.run(["check", plan.path, "--baseline", baseline])
        #expect(worse.status == 10, "\(worse)")
        #expect(worse.stdout.contains("REGRESSED rolling_frontier P80:"), "\(worse)")
        #expect(worse.stdout.contains("note: the plan changed since the baseline"))
        let json = try CLI.run(["check", plan.path, "--baseline", baseline, "--json"])
        #expect(json.status == 10)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["passed"] as? Bool == false)
    }

    @Test("report: one HTML file, standalone SVGs on request, byte-identical under SOURCE_DATE_EPOCH")
    func report() throws {
        let dir = try Fixtures.temporaryDirectory("report")
        defer { try? FileManager.default.removeItem(at: dir) }
        var pages: [Data] = []
        for k in 0..<2 {
            let html = dir.appendingPathComponent("r\(k).html")
            let result = try CLI.run(["report", Fixtures.scenario("ci-pipeline.yaml"), "-n", "200", "-o", html.path,
                                      "--svg-dir", dir.appendingPathComponent("svg").path, "--sweep", "test_db_pool=1..3"],
                                     environment: ["SOURCE_DATE_EPOCH": "0"])
            #expect(result.status == 0, "\(result)")
            pages.append(try Data(contentsOf: html))
        }
        #expect(pages[0] == pages[1])
        let svgs = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("svg").path)
        #expect(svgs.count == 13 && svgs.contains("sweep.svg") && svgs.contains("gantt-rolling_frontier.svg"))
        #expect(String(decoding: pages[0], as: UTF8.self).contains("generated 1970-01-01T00:00:00Z"))
    }
}
