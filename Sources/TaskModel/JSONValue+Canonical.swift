import Foundation

extension JSONValue {
    /// The normalised text NOTES.md defines for content hashes: keys sorted by their UTF-8 bytes,
    /// no insignificant white space, integral numbers without a fraction, other numbers in their
    /// shortest round-tripping form. Two equal values always give the same bytes.
    public var canonicalText: String {
        var out = ""
        out.reserveCapacity(256)
        writeCanonical(into: &out)
        return out
    }

    private func writeCanonical(into out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let d): out += JSONValue.canonicalNumber(d)
        case .string(let s): JSONValue.writeEscaped(s, into: &out)
        case .array(let a):
            out += "["
            for (i, v) in a.enumerated() {
                if i > 0 { out += "," }
                v.writeCanonical(into: &out)
            }
            out += "]"
        case .object(let o):
            out += "{"
            for (i, key) in o.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
                if i > 0 { out += "," }
                JSONValue.writeEscaped(key, into: &out)
                out += ":"
                o[key]!.writeCanonical(into: &out)
            }
            out += "}"
        }
    }

    /// `s` as a JSON string literal, quotes included (for writers that build JSON lines by hand).
    public static func quoted(_ s: String) -> String {
        var out = ""
        writeEscaped(s, into: &out)
        return out
    }

    /// `d` as the canonical JSON number text: whole numbers without a fraction, `null` if not finite.
    public static func canonicalNumber(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == d.rounded(), abs(d) < 9.007_199_254_740_992e15 { return String(Int64(d)) }
        return "\(d)"
    }

    private static func writeEscaped(_ s: String, into out: inout String) {
        out += "\""
        // Most strings need no escape: append them whole rather than scalar by scalar.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out += s
            out += "\""
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
