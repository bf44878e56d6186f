import Foundation
import TaskModel

/// A Markdown document with line and character bookkeeping, so every quote the extractor takes
/// can name its lines (1-based, inclusive) and its `loc` (Unicode scalar offsets `[start, end)`,
/// the indices Python's `str` uses) exactly.
struct MarkdownText {
    let text: String
    let ns: NSString
    /// UTF-16 offset where each line starts; lines are split at `\n`.
    let lineStarts: [Int]
    /// Unicode scalar offset of each UTF-16 offset (only when the text is not ASCII).
    let scalarOffsets: [Int]?

    init(_ text: String) {
        self.text = text
        ns = text as NSString
        var starts = [0]
        for (i, unit) in text.utf16.enumerated() where unit == 10 { starts.append(i + 1) }
        lineStarts = starts
        if text.utf8.count == text.utf16.count {
            scalarOffsets = nil
        } else {
            var map: [Int] = []
            map.reserveCapacity(text.utf16.count + 1)
            var scalar = 0
            for s in text.unicodeScalars {
                map.append(scalar)
                if s.utf16.count == 2 { map.append(scalar) }
                scalar += 1
            }
            map.append(scalar)
            scalarOffsets = map
        }
    }

    var lineCount: Int { lineStarts.count }

    /// Line `n` (1-based) without its newline.
    func line(_ n: Int) -> String {
        let start = lineStarts[n - 1]
        let end = n < lineStarts.count ? lineStarts[n] - 1 : ns.length
        return ns.substring(with: NSRange(location: start, length: max(end - start, 0)))
    }

    /// The UTF-16 range of line `n`'s text.
    func range(ofLine n: Int) -> NSRange {
        let start = lineStarts[n - 1]
        let end = n < lineStarts.count ? lineStarts[n] - 1 : ns.length
        return NSRange(location: start, length: max(end - start, 0))
    }

    /// The 1-based line holding UTF-16 offset `offset`.
    func lineNumber(at offset: Int) -> Int {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo + 1
    }

    func scalarOffset(_ utf16: Int) -> Int { scalarOffsets?[utf16] ?? utf16 }

    /// Evidence quoting exactly the UTF-16 range `range`, trimmed of surrounding white space.
    func evidence(_ range: NSRange, section: String) -> SourceEvidence {
        var r = range
        let spaces = CharacterSet.whitespacesAndNewlines
        while r.length > 0, let s = UnicodeScalar(ns.character(at: r.location)), spaces.contains(s) { r.location += 1; r.length -= 1 }
        while r.length > 0, let s = UnicodeScalar(ns.character(at: r.location + r.length - 1)), spaces.contains(s) { r.length -= 1 }
        return SourceEvidence(
            quote: ns.substring(with: r),
            loc: SourceEvidence.Location(start: scalarOffset(r.location), end: scalarOffset(r.location + r.length)),
            section: section, startLine: lineNumber(at: r.location), endLine: lineNumber(at: max(r.location + r.length - 1, r.location)))
    }
}
