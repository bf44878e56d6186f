/// The sweep: P80 (solid) with P50 and P95 (dashed) of each model at every point, the
/// recommended point marked.
enum SweepChart {
    static func render(_ sweep: SweepResult) -> Chart {
        let points = sweep.points
        let single = sweep.varied.count == 1
        let xs: [Double] = points.enumerated().map { single ? Double($0.element.values[sweep.varied[0]] ?? $0.offset) : Double($0.offset) }
        let all = points.flatMap { $0.models.values.flatMap { [$0.p50Hours, $0.p95Hours] } }
        var svg = SVGCanvas(width: 760, height: 340)
        var f = ChartFrame(width: 760, height: 340, x: (xs.min() ?? 0)...(xs.max() ?? 1), y: 0...((all.max() ?? 1) * 1.08))
        f.bottom = single ? 44 : 80
        let axis = TimeAxis(maxHours: f.y1)
        let ticks: [Double] = single ? Array(Set(xs)).sorted() : xs
        let labelOf = Dictionary(uniqueKeysWithValues: zip(xs, points.map { sweep.label($0.values) }).map { ($0.0, $0.1) })
        f.draw(&svg, title: "Sweep of \(sweep.varied.joined(separator: " × ")) — P80 solid, P50/P95 dashed",
               xLabel: single ? sweep.varied[0] : "point", yLabel: "makespan (\(axis.unit))",
               xFormat: { single ? String(Int($0)) : Labels.short(labelOf[$0] ?? "", 18) },
               yFormat: axis.label, xTicks: ticks.count > 24 ? nil : ticks)
        for model in sweep.models {
            let color = Palette.model(model)
            let rows = zip(xs, points).compactMap { x, p in p.models[model].map { (x, $0, p) } }
            svg.polyline(rows.map { (f.x($0.0), f.y($0.1.p50Hours)) }, stroke: color, width: 1.2, dash: "4 3")
            svg.polyline(rows.map { (f.x($0.0), f.y($0.1.p95Hours)) }, stroke: color, width: 1.2, dash: "4 3")
            svg.polyline(rows.map { (f.x($0.0), f.y($0.1.p80Hours)) }, stroke: color, width: 2.5)
            for (x, m, p) in rows {
                svg.circle(f.x(x), f.y(m.p80Hours), r: 3.5, fill: color,
                           tip: "\(model) \(sweep.label(p.values)): P80 \(axis.label(m.p80Hours))\(axis.unit)")
            }
        }
        var legendX = f.left + 10
        for model in sweep.models {
            svg.rect(legendX, f.top + 4, 12, 4, fill: Palette.model(model))
            svg.text(legendX + 16, f.top + 10, model, size: 10)
            legendX += 130
        }
        for (k, rec) in sweep.recommendations.enumerated() {
            guard let i = points.firstIndex(where: { $0.values == rec.values }) else { continue }
            let x = f.x(xs[i])
            svg.line(x, f.top, x, f.top + f.plotHeight, stroke: Palette.model(rec.model), width: 1, dash: "2 2")
            svg.text(x + 3, f.top + 24 + Double(k) * 12, "recommended (\(rec.model))", size: 9, fill: Palette.model(rec.model))
        }
        return svg.render(id: "sweep", title: "Capacity sweep of \(sweep.varied.joined(separator: ", "))")
    }
}

/// The charts callers may draw on their own (the rest come with `HTMLReport`).
public enum ReportCharts {
    /// The sweep chart.
    public static func sweep(_ result: SweepResult) -> Chart { SweepChart.render(result) }
}
