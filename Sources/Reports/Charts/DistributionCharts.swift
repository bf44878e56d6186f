import MonteCarlo

/// The makespan histogram and S-curve (empirical CDF) of one model, P50/P80/P95 marked.
enum DistributionCharts {
    static let marks: [(String, Double)] = [("P50", 0.5), ("P80", 0.8), ("P95", 0.95)]

    static func histogram(_ m: ModelEstimate) -> Chart {
        let d = m.makespan, name = m.model.rawValue
        var svg = SVGCanvas(width: 640, height: 280)
        let peak = Double(d.histogram.map(\.count).max() ?? 1)
        let lo = d.histogram.first?.lower ?? d.minimum, hi = d.histogram.last?.upper ?? d.maximum
        let f = ChartFrame(width: 640, height: 280, x: lo...hi, y: 0...max(peak, 1))
        let axis = TimeAxis(maxHours: f.x1)
        f.draw(&svg, title: "Makespan histogram — \(name) (\(d.count) runs)", xLabel: "makespan (\(axis.unit))",
               yLabel: "runs", xFormat: axis.label, yFormat: { String(Int($0)) })
        for bin in d.histogram {
            // A fixed plan has one zero-width bin: draw it a few pixels wide so it shows.
            let x = f.x(bin.lower), w = max(f.x(bin.upper) - x - 1, 3)
            svg.rect(x, f.y(Double(bin.count)), w, f.y(0) - f.y(Double(bin.count)), fill: Palette.model(name), data: true,
                     tip: "\(axis.label(bin.lower))–\(axis.label(bin.upper)) \(axis.unit): \(bin.count) runs")
        }
        markQuantiles(&svg, f, d, axis)
        return svg.render(id: "histogram-\(name)", title: "Makespan histogram, \(name)")
    }

    static func cdf(_ m: ModelEstimate) -> Chart {
        let d = m.makespan, name = m.model.rawValue
        var svg = SVGCanvas(width: 640, height: 280)
        let f = ChartFrame(width: 640, height: 280, x: d.minimum...d.maximum, y: 0...1)
        let axis = TimeAxis(maxHours: f.x1)
        f.draw(&svg, title: "S-curve (probability of finishing by) — \(name)", xLabel: "makespan (\(axis.unit))",
               yLabel: "P(makespan ≤ x)", xFormat: axis.label, yFormat: { "\(Int(($0 * 100).rounded()))%" })
        var points: [(Double, Double)] = [(f.x(f.x0), f.y(0))]
        for p in d.cdf where p.count == 2 { points.append((f.x(p[0]), f.y(p[1]))) }
        points.append((f.x(f.x1), f.y(1)))
        svg.polyline(points, stroke: Palette.model(name), width: 2.5)
        markQuantiles(&svg, f, d, axis)
        return svg.render(id: "cdf-\(name)", title: "S-curve, \(name)")
    }

    static func markQuantiles(_ svg: inout SVGCanvas, _ f: ChartFrame, _ d: DistributionSummary, _ axis: TimeAxis) {
        for (k, (label, p)) in marks.enumerated() {
            guard let q = d.quantile(p) else { continue }
            let x = f.x(q.value)
            svg.line(x, f.top, x, f.top + f.plotHeight, stroke: Palette.marker, width: 1.2, dash: "4 3")
            svg.text(x + 3, f.top + 12 + Double(k) * 12, "\(label) \(axis.label(q.value))\(axis.unit)", size: 10,
                     fill: Palette.marker, halo: true)
        }
    }
}
