import Scheduling

/// Use over time of every capacity of one traced run — each shared resource, the concurrency
/// slots and the CPU cores where limited — one panel each, with the capacity as a dashed line.
enum UtilizationChart {
    struct Series {
        var name: String
        var capacity: Double?
        /// Step points: the value holds from its time to the next point's.
        var steps: [(Double, Double)]
    }

    static func series(_ trace: RunTrace, _ p: SchedulingProblem) -> [Series] {
        var demands: [(name: String, capacity: Double?, amount: (Int32) -> Double)] = []
        for r in 0..<p.resourceCount where !p.resourceNames[r].hasPrefix("avoid:") {
            if r < p.lockCount {
                demands.append((p.resourceNames[r], 1, { t in p.locks(of: t).contains { Int(p.lockIDs[$0]) == r } ? 1 : 0 }))
            } else {
                let pool = Int32(r - p.lockCount)
                demands.append((p.resourceNames[r], Double(p.poolCapacity[Int(pool)]), { t in
                    p.pools(of: t).first { p.poolIDs[$0] == pool }.map { Double(p.poolAmounts[$0]) } ?? 0 }))
            }
        }
        demands.append(("concurrency (tasks)", p.maxConcurrentTasks == .max ? nil : Double(p.maxConcurrentTasks), { _ in 1 }))
        if p.machineCPUCores.isFinite { demands.append(("cpu_cores", p.usableCPUCores, { p.cpuCores[Int($0)] })) }
        let indexed = trace.segments.compactMap { s in p.index(of: s.task).map { (s, $0) } }
        return demands.map { d in
            var deltas: [(Double, Double)] = []
            for (s, t) in indexed {
                let a = d.amount(t)
                guard a > 0 else { continue }
                deltas.append((s.start, a))
                deltas.append((s.end, -a))
            }
            // Releases before acquisitions at one instant, as the scheduler frees before it starts.
            deltas.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            var level = 0.0
            var steps: [(Double, Double)] = [(0, 0)]
            for (time, delta) in deltas {
                level += delta
                if abs(level) < 1e-9 { level = 0 }
                if steps.last!.0 == time { steps[steps.count - 1].1 = level } else { steps.append((time, level)) }
            }
            return Series(name: d.name, capacity: d.capacity, steps: steps)
        }
    }

    static func render(_ trace: RunTrace, problem: SchedulingProblem) -> Chart {
        let panels = series(trace, problem)
        let panelHeight = 96.0
        let height = 34 + Double(panels.count) * panelHeight + 30
        var svg = SVGCanvas(width: 900, height: height)
        let span = max(trace.makespanHours, 1e-9)
        let axis = TimeAxis(maxHours: span)
        svg.text(64, 20, "Utilization over time, run closest to P50 — \(trace.model)", size: 13, bold: true)
        for (k, s) in panels.enumerated() {
            let top = 34 + Double(k) * panelHeight
            let peak = max(s.steps.map(\.1).max() ?? 0, s.capacity ?? 0, 1)
            var f = ChartFrame(width: 900, height: panelHeight, x: 0...span, y: 0...peak * 1.1)
            f.top = top + 14
            f.bottom = 0
            f.left = 170
            let plotBottom = top + panelHeight - 20
            let scaleY = { (v: Double) in plotBottom - v / (peak * 1.1) * (plotBottom - f.top) }
            svg.text(f.left - 6, f.top + 12, Labels.short(s.name, 26), anchor: "end", size: 10, bold: true)
            svg.line(f.left, plotBottom, f.left + f.plotWidth, plotBottom)
            svg.line(f.left, f.top, f.left, plotBottom)
            svg.text(f.left - 6, plotBottom, "0", anchor: "end", size: 9)
            var points: [(Double, Double)] = []
            for (i, step) in s.steps.enumerated() {
                let end = i + 1 < s.steps.count ? s.steps[i + 1].0 : span
                points.append((f.x(step.0), scaleY(step.1)))
                points.append((f.x(end), scaleY(step.1)))
            }
            svg.polyline(points, stroke: Palette.resources[k % Palette.resources.count], width: 1.8,
                         tip: "\(s.name): peak \(Markup.number(s.steps.map(\.1).max() ?? 0))")
            if let c = s.capacity {
                svg.line(f.left, scaleY(c), f.left + f.plotWidth, scaleY(c), stroke: Palette.marker, width: 1, dash: "5 3")
                svg.text(f.left + f.plotWidth, scaleY(c) - 3, "capacity \(Markup.number(c))", anchor: "end", size: 9, fill: Palette.marker)
            }
            if k == panels.count - 1 {
                for t in ChartFrame.ticks(0, span, count: 8) {
                    svg.text(f.x(t), plotBottom + 13, axis.label(t), anchor: "middle", size: 9)
                }
            }
        }
        svg.text(450, height - 6, "time (\(axis.unit))", anchor: "middle", size: 11)
        return svg.render(id: "utilization-\(trace.model)", title: "Utilization over time, \(trace.model)")
    }
}
