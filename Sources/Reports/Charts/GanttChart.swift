import Scheduling

/// The Gantt chart of one traced run: a row per task (by start), each run segment coloured by
/// the resource its task holds, waves shaded behind.
enum GanttChart {
    /// Rows beyond this are left out (the chart says how many), so a 3,000-task plan stays readable.
    static let maxRows = 80

    static func render(_ trace: RunTrace, problem: SchedulingProblem, iteration: Int) -> Chart {
        let name = trace.model
        let order = trace.tasks.filter { $0.firstStartAt != nil }
            .sorted { ($0.firstStartAt!, $0.id) < ($1.firstStartAt!, $1.id) }
        let rows = Array(order.prefix(maxRows))
        let rowOf = Dictionary(uniqueKeysWithValues: rows.enumerated().map { ($0.element.id, $0.offset) })
        let held = rows.map { holder($0.id, problem) }
        let legend = Array(Set(held.compactMap { $0 })).sorted()
        let color = Dictionary(uniqueKeysWithValues: legend.enumerated().map {
            ($0.element, Palette.resources[$0.offset % Palette.resources.count]) })
        let rowHeight = 14.0
        let legendHeight = 22.0
        let height = 34 + Double(rows.count) * rowHeight + 40 + legendHeight
        var f = ChartFrame(width: 900, height: height, x: 0...max(trace.makespanHours, 1e-9), y: 0...Double(max(rows.count, 1)))
        f.left = 170
        f.bottom = 40 + legendHeight
        var svg = SVGCanvas(width: 900, height: height)
        let axis = TimeAxis(maxHours: f.x1)
        // Waves first, so bars draw over them.
        for wave in trace.waves {
            guard let start = wave.releasedAt, let end = wave.barrierOpenedAt ?? wave.lastFinishedAt, end > start else { continue }
            svg.rect(f.x(start), f.top, f.x(end) - f.x(start), f.plotHeight, fill: wave.index % 2 == 0 ? "#dfe7f1" : "#eef2f7",
                     tip: "wave \(wave.index + 1): \(wave.tasks.count) tasks")
            svg.text(f.x(start) + 2, f.top - 3, "W\(wave.index + 1)", size: 9, fill: "#4c78a8")
        }
        f.draw(&svg, title: "Gantt of the run closest to P50 — \(name) (iteration \(iteration), makespan "
               + "\(axis.label(trace.makespanHours))\(axis.unit))", xLabel: "time (\(axis.unit))", yLabel: "",
               xFormat: axis.label, yFormat: { _ in "" }, xTicks: ChartFrame.ticks(f.x0, f.x1, count: 8), yTicks: [])
        for (r, task) in rows.enumerated() {
            svg.text(f.left - 6, f.top + (Double(r) + 0.75) * rowHeight, Labels.short(task.id, 26), anchor: "end", size: 10)
        }
        for s in trace.segments {
            guard let r = rowOf[s.task] else { continue }
            let fill = held[r].flatMap { color[$0] } ?? Palette.idle
            svg.rect(f.x(s.start), f.top + Double(r) * rowHeight + 2, max(f.x(s.end) - f.x(s.start), 1), rowHeight - 4,
                     fill: fill, data: true,
                     tip: "\(s.task): \(axis.label(s.start))–\(axis.label(s.end)) \(axis.unit)"
                        + (held[r].map { ", holds \($0)" } ?? "") + (s.ending == .completed ? "" : " (\(s.ending.rawValue))"))
        }
        var x = f.left
        let y = height - legendHeight
        for (label, fill) in legend.map({ ($0, color[$0]!) }) + [("no shared resource", Palette.idle)] {
            svg.rect(x, y, 10, 10, fill: fill)
            svg.text(x + 14, y + 9, label, size: 10)
            x += 24 + Double(label.count) * 6
        }
        if order.count > rows.count {
            svg.text(f.left + f.plotWidth, 20, "first \(rows.count) of \(order.count) tasks shown", anchor: "end", size: 10, fill: "#666")
        }
        return svg.render(id: "gantt-\(name)", title: "Gantt of the run closest to P50, \(name)")
    }

    /// The first exclusive resource, else the first pool, a task holds (`avoid:` pairs are not resources).
    static func holder(_ id: String, _ p: SchedulingProblem) -> String? {
        guard let t = p.index(of: id) else { return nil }
        for k in p.locks(of: t) where !p.resourceNames[Int(p.lockIDs[k])].hasPrefix("avoid:") {
            return p.resourceNames[Int(p.lockIDs[k])]
        }
        return p.pools(of: t).first.map { p.resourceNames[p.lockCount + Int(p.poolIDs[$0])] }
    }
}

/// Short labels for axes.
enum Labels {
    static func short(_ s: String, _ limit: Int) -> String { s.count <= limit ? s : String(s.prefix(limit - 1)) + "…" }
}
