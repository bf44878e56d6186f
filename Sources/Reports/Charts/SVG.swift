/// Markup text for SVG and HTML: escaping and number formatting that never depends on the
/// locale, so the same estimate always gives the same bytes.
public enum Markup {
    /// `s` safe as XML character data or an attribute value.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // XML 1.0 forbids most control characters even when escaped.
                if ch.value < 0x20 && ch != "\n" && ch != "\t" { out += "\u{FFFD}" } else { out.unicodeScalars.append(ch) }
            }
        }
        return out
    }

    /// A coordinate with at most two decimals and no trailing zeros (`12`, `12.5`, `12.25`).
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let hundredths = Int64((x * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let a = abs(hundredths)
        let whole = a / 100, frac = a % 100
        if frac == 0 { return "\(sign)\(whole)" }
        return frac % 10 == 0 ? "\(sign)\(whole).\(frac / 10)" : "\(sign)\(whole).\(frac < 10 ? "0" : "")\(frac)"
    }
}

/// One chart: an id (also the file name with `--svg-dir`), a title and the `<svg>` element.
public struct Chart: Sendable, Equatable {
    public var id: String
    public var title: String
    public var svg: String

    /// The chart as a standalone `.svg` file.
    public var standalone: String { "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg + "\n" }
}

/// Builds one `<svg>` element. Drawn marks that carry data have `class="data"`, so a test (or a
/// reader) can tell a chart with data from an empty frame.
struct SVGCanvas {
    let width: Double
    let height: Double
    private(set) var parts: [String] = []

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    private static func attributes(_ pairs: [(String, String?)]) -> String {
        pairs.compactMap { k, v in v.map { " \(k)=\"\(Markup.escape($0))\"" } }.joined()
    }

    private static func tooltip(_ tip: String?) -> String { tip.map { "<title>\(Markup.escape($0))</title>" } ?? "" }

    mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, data: Bool = false,
                       opacity: Double? = nil, tip: String? = nil) {
        let a = Self.attributes([("x", Markup.number(x)), ("y", Markup.number(y)), ("width", Markup.number(max(w, 0))),
                                 ("height", Markup.number(max(h, 0))), ("fill", fill), ("class", data ? "data" : nil),
                                 ("fill-opacity", opacity.map(Markup.number))])
        parts.append(tip == nil ? "<rect\(a)/>" : "<rect\(a)>\(Self.tooltip(tip))</rect>")
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String = "#444",
                       width: Double = 1, dash: String? = nil) {
        parts.append("<line" + Self.attributes([("x1", Markup.number(x1)), ("y1", Markup.number(y1)), ("x2", Markup.number(x2)),
                                                ("y2", Markup.number(y2)), ("stroke", stroke), ("stroke-width", Markup.number(width)),
                                                ("stroke-dasharray", dash)]) + "/>")
    }

    mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 2, dash: String? = nil,
                           data: Bool = true, tip: String? = nil) {
        guard !points.isEmpty else { return }
        let coordinates = points.map { "\(Markup.number($0.0)),\(Markup.number($0.1))" }.joined(separator: " ")
        let a = Self.attributes([("points", coordinates), ("fill", "none"), ("stroke", stroke),
                                 ("stroke-width", Markup.number(width)), ("stroke-dasharray", dash), ("class", data ? "data" : nil)])
        parts.append(tip == nil ? "<polyline\(a)/>" : "<polyline\(a)>\(Self.tooltip(tip))</polyline>")
    }

    mutating func circle(_ x: Double, _ y: Double, r: Double, fill: String, tip: String? = nil) {
        let a = Self.attributes([("cx", Markup.number(x)), ("cy", Markup.number(y)), ("r", Markup.number(r)), ("fill", fill),
                                 ("class", "data")])
        parts.append(tip == nil ? "<circle\(a)/>" : "<circle\(a)>\(Self.tooltip(tip))</circle>")
    }

    mutating func text(_ x: Double, _ y: Double, _ s: String, anchor: String = "start", size: Double = 11,
                       fill: String = "#222", bold: Bool = false, rotate: Bool = false, halo: Bool = false) {
        let a = Self.attributes([("x", Markup.number(x)), ("y", Markup.number(y)), ("font-size", Markup.number(size)),
                                 ("text-anchor", anchor), ("fill", fill), ("font-weight", bold ? "bold" : nil),
                                 ("transform", rotate ? "rotate(-90 \(Markup.number(x)) \(Markup.number(y)))" : nil),
                                 // A white outline keeps a label readable over bars and lines.
                                 ("stroke", halo ? "#ffffff" : nil), ("stroke-width", halo ? "3" : nil),
                                 ("paint-order", halo ? "stroke" : nil)])
        parts.append("<text\(a)>\(Markup.escape(s))</text>")
    }

    /// The finished element. `empty` names why a chart has no data (shown, and recorded as
    /// `data-empty`), e.g. a tornado of a plan whose durations are all fixed.
    func render(id: String, title: String, empty: String? = nil) -> Chart {
        var canvas = self
        if let why = empty { canvas.text(width / 2, height / 2, why, anchor: "middle", size: 12, fill: "#666") }
        let head = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Markup.number(width)) \(Markup.number(height))\" "
            + "width=\"\(Markup.number(width))\" height=\"\(Markup.number(height))\" role=\"img\" font-family=\"sans-serif\" "
            + "id=\"\(Markup.escape(id))\" aria-label=\"\(Markup.escape(title))\""
            + (empty.map { " data-empty=\"\(Markup.escape($0))\"" } ?? "") + ">"
        let body = ["<title>\(Markup.escape(title))</title>", "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>"]
            + canvas.parts
        return Chart(id: id, title: title, svg: ([head] + body + ["</svg>"]).joined(separator: "\n"))
    }
}
