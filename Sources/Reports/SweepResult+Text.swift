import Foundation
import TaskModel

extension SweepResult {
    /// The table `sweep` prints: one row per point and model, then the recommendations.
    public func table() -> String {
        var header = varied
        header += ["model", "P50", "P80", "P95"]
        for name in varied { header += ["\(name) busy", "\(name) wait"] }
        var t = TextTable(header: header)
        for point in points {
            let values = varied.map { point.values[$0].map(String.init) ?? "-" }
            if let why = point.infeasible {
                t.append(values + ["infeasible: \(why)"])
                continue
            }
            for model in models {
                guard let m = point.models[model] else { continue }
                var row = values + [model, HoursFormat.text(m.p50Hours), HoursFormat.text(m.p80Hours), HoursFormat.text(m.p95Hours)]
                for name in varied {
                    let r = m.resources[name]
                    row += [r?.utilization.map { String(format: "%.0f%%", $0 * 100) } ?? "-",
                            r.map { HoursFormat.text($0.waitHours) } ?? "-"]
                }
                t.append(row)
            }
        }
        var lines = ["\(plan): sweep of \(points.count) points, \(iterations) iterations each, seed \(seed) (the same samples at every point)"]
        if !current.isEmpty {
            lines.append("plan now: " + varied.compactMap { n in current[n].map { "\(n)=\($0)" } }.joined(separator: ", "))
        }
        lines.append(t.render())
        lines += recommendations.map { "recommendation: \($0.text)" }
        return lines.joined(separator: "\n")
    }

    /// `sweep --csv`: one row per point and model, hours and utilization as plain numbers.
    public func csv() -> String {
        var header = varied + ["model", "p50_hours", "p80_hours", "p95_hours", "p80_standard_error_hours", "mean_hours"]
        for name in varied { header += ["\(name)_utilization", "\(name)_wait_hours"] }
        var lines = [header.map(Self.csvField).joined(separator: ",")]
        for point in points {
            let values = varied.map { point.values[$0].map(String.init) ?? "" }
            for model in models {
                guard let m = point.models[model] else { continue }
                var row = values + [model] + [m.p50Hours, m.p80Hours, m.p95Hours, m.p80StandardErrorHours, m.meanHours].map(Self.number)
                for name in varied {
                    row += [m.resources[name]?.utilization.map(Self.number) ?? "", m.resources[name].map { Self.number($0.waitHours) } ?? ""]
                }
                lines.append(row.map(Self.csvField).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Six significant decimals: stable text, more precision than any estimate has.
    static func number(_ x: Double) -> String {
        let s = String(format: "%.6f", x)
        return s == "-0.000000" ? "0.000000" : s
    }

    static func csvField(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
