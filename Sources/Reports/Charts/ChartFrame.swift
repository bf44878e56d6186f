import Foundation

/// A plot area with linear scales, ticks and axis labels: the frame every x/y chart draws in.
struct ChartFrame {
    var left = 64.0, right = 24.0, top = 34.0, bottom = 44.0
    let width: Double, height: Double
    var x0: Double, x1: Double, y0: Double, y1: Double

    init(width: Double, height: Double, x: ClosedRange<Double>, y: ClosedRange<Double>) {
        self.width = width
        self.height = height
        // A degenerate range (a fixed plan's single makespan) is widened so nothing divides by zero.
        let xs = Self.widened(x), ys = Self.widened(y)
        x0 = xs.lowerBound; x1 = xs.upperBound; y0 = ys.lowerBound; y1 = ys.upperBound
    }

    static func widened(_ r: ClosedRange<Double>) -> ClosedRange<Double> {
        guard r.lowerBound.isFinite, r.upperBound.isFinite else { return 0...1 }
        if r.upperBound > r.lowerBound { return r }
        let pad = max(abs(r.lowerBound) * 0.05, 1e-6)
        return (r.lowerBound - pad)...(r.upperBound + pad)
    }

    var plotWidth: Double { width - left - right }
    var plotHeight: Double { height - top - bottom }
    func x(_ v: Double) -> Double { left + (v - x0) / (x1 - x0) * plotWidth }
    func y(_ v: Double) -> Double { top + plotHeight - (v - y0) / (y1 - y0) * plotHeight }

    /// About `count` round tick values inside `lo...hi` (steps of 1, 2 or 5 × 10ⁿ).
    static func ticks(_ lo: Double, _ hi: Double, count: Int = 5) -> [Double] {
        guard hi > lo, lo.isFinite, hi.isFinite else { return [lo] }
        let raw = (hi - lo) / Double(max(count, 1))
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        var out: [Double] = []
        var v = (lo / step).rounded(.up) * step
        while v <= hi + step * 1e-9 {
            out.append(abs(v) < step * 1e-9 ? 0 : v)
            v += step
        }
        return out
    }

    /// Draws the title, both axes with ticks and labels.
    func draw(_ svg: inout SVGCanvas, title: String, xLabel: String, yLabel: String,
              xFormat: (Double) -> String, yFormat: (Double) -> String, xTicks: [Double]? = nil, yTicks: [Double]? = nil) {
        svg.text(left, 20, title, size: 13, bold: true)
        svg.line(left, top + plotHeight, left + plotWidth, top + plotHeight)
        svg.line(left, top, left, top + plotHeight)
        for t in xTicks ?? Self.ticks(x0, x1) {
            svg.line(x(t), top + plotHeight, x(t), top + plotHeight + 4)
            svg.text(x(t), top + plotHeight + 16, xFormat(t), anchor: "middle", size: 10)
        }
        for t in yTicks ?? Self.ticks(y0, y1, count: 4) {
            svg.line(left - 4, y(t), left, y(t))
            svg.line(left, y(t), left + plotWidth, y(t), stroke: "#e6e6e6")
            svg.text(left - 6, y(t) + 3, yFormat(t), anchor: "end", size: 10)
        }
        svg.text(left + plotWidth / 2, top + plotHeight + 32, xLabel, anchor: "middle", size: 11)
        svg.text(14, top + plotHeight / 2, yLabel, anchor: "middle", size: 11, rotate: true)
    }
}

/// The time unit an axis shows: hours for plans measured in hours, minutes or seconds for short
/// ones (a CI pipeline), chosen once per chart from its largest value; minutes from 10 minutes up,
/// so short runs read in seconds rather than as "0.1min".
struct TimeAxis {
    let factor: Double
    let unit: String

    init(maxHours: Double) {
        if maxHours >= 1 || maxHours == 0 { factor = 1; unit = "h" }
        else if maxHours * 60 >= 10 { factor = 60; unit = "min" }
        else { factor = 3600; unit = "s" }
    }

    func label(_ hours: Double) -> String {
        let v = hours * factor
        if v == v.rounded() || abs(v) >= 100 { return String(Int64(v.rounded())) }
        return String(format: abs(v) < 1 ? "%.2f" : "%.1f", v)
    }
}

/// Colours: one per model, and a qualitative palette for resources.
enum Palette {
    static func model(_ name: String) -> String { name == "wave_based" ? "#4c78a8" : "#f58518" }
    static let resources = ["#54a24b", "#e45756", "#72b7b2", "#b279a2", "#ff9da6", "#9d755d", "#eeca3b", "#4c78a8",
                            "#f58518", "#79706e"]
    static let idle = "#9aa5b1"
    static let marker = "#c0392b"
}
