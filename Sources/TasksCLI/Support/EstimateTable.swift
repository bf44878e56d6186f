import Foundation
import MonteCarlo
import Reports
import TaskModel

/// The side-by-side table `estimate` prints: one row per model, then the frontier's gain.
enum EstimateTable {
    static func render(_ estimate: MonteCarlo.Estimate, source: String) -> String {
        var lines = ["\(source): \(estimate.iterations) iterations, seed \(estimate.settings.seed)"
            + (estimate.settings.ignoreResources ? ", resources ignored" : "")]
        var table = TextTable(header: ["model", "P50", "P80", "P95", "mean", "sd", "avg busy", "most likely"])
        for m in estimate.models {
            func q(_ p: Double) -> String {
                guard let e = m.makespan.quantile(p) else { return "-" }
                return HoursFormat.withError(e.value, e.standardError)
            }
            let busy = estimate.settings.ignoreResources ? "-"
                : m.averageCPUPercent.map { String(format: "%.0f%% CPU", $0) } ?? String(format: "%.1f tasks", m.averageConcurrency)
            table.append([m.model.rawValue, q(0.5), q(0.8), q(0.95), HoursFormat.text(m.makespan.mean),
                          HoursFormat.text(m.makespan.standardDeviation), busy, HoursFormat.text(m.mostLikelyHours)])
        }
        lines.append(table.render())
        for extra in estimate.settings.quantiles where ![0.5, 0.8, 0.95].contains(extra) {
            let cells = estimate.models.map { m in "\(m.model.rawValue) \(HoursFormat.text(m.makespan.quantile(extra)?.value ?? 0))" }
            lines.append("P\(String(format: "%g", extra * 100)): " + cells.joined(separator: ", "))
        }
        if let rf = estimate.model(.rollingFrontier), let wb = estimate.model(.waveBased),
           let f = rf.makespan.quantile(0.5)?.value, let w = wb.makespan.quantile(0.5)?.value, w > 0 {
            let gain = (w - f) / w * 100
            lines.append(String(format: "rolling frontier vs waves at P50: %.1f%% %@ (%@ vs %@)", abs(gain),
                                gain >= 0 ? "faster" : "slower", HoursFormat.text(f), HoursFormat.text(w)))
        }
        return lines.joined(separator: "\n")
    }
}

/// `estimate --json`: per model the figures a script wants, keyed by model name.
struct EstimateReport: Encodable {
    let iterations: Int
    let seed: UInt64
    let models: [String: Model]

    struct Model: Encodable {
        let p50_hours, p80_hours, p95_hours, mean_hours, sd_hours, most_likely_hours: Double
        let quantiles: [DistributionSummary.Quantile]
        let average_concurrency: Double
        let average_cpu_percent: Double?
        let wave_p50_hours: [Double]
    }

    init(_ e: MonteCarlo.Estimate) {
        iterations = e.iterations
        seed = e.settings.seed
        var out: [String: Model] = [:]
        for m in e.models {
            func q(_ p: Double) -> Double { m.makespan.quantile(p)?.value ?? 0 }
            out[m.model.rawValue] = Model(
                p50_hours: q(0.5), p80_hours: q(0.8), p95_hours: q(0.95), mean_hours: m.makespan.mean,
                sd_hours: m.makespan.standardDeviation, most_likely_hours: m.mostLikelyHours,
                quantiles: m.makespan.quantiles, average_concurrency: m.averageConcurrency,
                average_cpu_percent: m.averageCPUPercent, wave_p50_hours: m.waves.map { $0.quantile(0.5)?.value ?? 0 })
        }
        models = out
    }
}
