/// A plain-text table: the first column left-aligned, the others right-aligned, two spaces apart,
/// so figures line up in a terminal and in logs.
public struct TextTable: Sendable {
    public var rows: [[String]]

    public init(header: [String]) { rows = [header] }

    public mutating func append(_ row: [String]) { rows.append(row) }

    public func render() -> String {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { c in rows.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return c == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ").trailingSpacesRemoved
        }.joined(separator: "\n")
    }
}

extension String {
    var trailingSpacesRemoved: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
