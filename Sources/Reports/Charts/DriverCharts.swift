import MonteCarlo

/// The drivers of the makespan: the criticality index (share of runs a task was on the critical
/// chain) and a sensitivity tornado (Spearman rank correlation of a task's duration with the
/// makespan), top tasks first.
enum DriverCharts {
    static let topCount = 15

    static func criticality(_ m: ModelEstimate, ids: [String]) -> Chart {
        let name = m.model.rawValue
        let top = zip(ids, m.criticality).filter { $0.1 > 0 }.sorted { ($1.1, $0.0) < ($0.1, $1.0) }.prefix(topCount)
        return bars(Array(top), id: "criticality-\(name)", title: "Criticality index — \(name) (share of runs on the critical chain)",
                    signed: false, color: Palette.model(name),
                    empty: m.criticality.isEmpty ? "no detailed runs (too few iterations)" : "no task was ever critical")
    }

    static func tornado(_ m: ModelEstimate, ids: [String]) -> Chart {
        let name = m.model.rawValue
        let top = zip(ids, m.sensitivity).filter { $0.1 != 0 }.sorted { (abs($1.1), $0.0) < (abs($0.1), $1.0) }.prefix(topCount)
        return bars(Array(top), id: "tornado-\(name)", title: "Sensitivity tornado — \(name) (rank correlation with the makespan)",
                    signed: true, color: Palette.model(name),
                    empty: m.sensitivity.isEmpty ? "no detailed runs (too few iterations)"
                        : "no duration varies with the makespan (all durations fixed)")
    }

    static func bars(_ rows: [(String, Double)], id: String, title: String, signed: Bool, color: String, empty: String) -> Chart {
        let rowHeight = 18.0
        let height = 34 + Double(max(rows.count, 3)) * rowHeight + 44
        var f = ChartFrame(width: 760, height: height, x: (signed ? -1 : 0)...1, y: 0...Double(max(rows.count, 1)))
        f.left = 200
        var svg = SVGCanvas(width: 760, height: height)
        f.draw(&svg, title: title, xLabel: signed ? "Spearman ρ" : "share of runs", yLabel: "",
               xFormat: { signed ? Markup.number($0) : "\(Int(($0 * 100).rounded()))%" }, yFormat: { _ in "" },
               xTicks: signed ? [-1, -0.5, 0, 0.5, 1] : [0, 0.25, 0.5, 0.75, 1], yTicks: [])
        let zero = f.x(0)
        if signed { svg.line(zero, f.top, zero, f.top + f.plotHeight, stroke: "#888") }
        for (r, (task, value)) in rows.enumerated() {
            let y = f.top + Double(r) * rowHeight
            svg.text(f.left - 6, y + rowHeight * 0.7, Labels.short(task, 30), anchor: "end", size: 10)
            let x = f.x(value)
            svg.rect(min(zero, x), y + 3, abs(x - zero), rowHeight - 6, fill: value < 0 ? "#8899aa" : color, data: true,
                     tip: "\(task): \(signed ? String(format: "%.2f", value) : "\(Int((value * 100).rounded()))%")")
            svg.text(max(zero, x) + 4, y + rowHeight * 0.7, signed ? String(format: "%.2f", value) : "\(Int((value * 100).rounded()))%",
                     size: 9, fill: "#444")
        }
        return svg.render(id: id, title: title, empty: rows.isEmpty ? empty : nil)
    }
}
