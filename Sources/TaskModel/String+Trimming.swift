import Foundation

extension String {
    /// `trimmingCharacters(in: .whitespacesAndNewlines)`, without Foundation's bridged copy when
    /// both ends are visible ASCII: a plan's ids and commands nearly always are, and on 10,000 tasks
    /// the bridged trim was a tenth of loading one.
    public var trimmingWhitespace: String {
        var copy = self
        let clean = copy.withUTF8 { b in
            guard let first = b.first, let last = b.last else { return true }
            return (0x21...0x7E).contains(first) && (0x21...0x7E).contains(last)
        }
        return clean ? self : trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
