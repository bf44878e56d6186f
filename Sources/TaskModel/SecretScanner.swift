import Foundation

/// Finds credentials in free text (evidence quotes), for the spec's hard fail "secrets exposed in
/// evidence quotes" and for `tasks plan`'s redaction to `[REDACTED]`.
///
/// Patterns are the well-known token shapes plus `key = value` assignments whose key names a
/// secret and whose value looks like one (8+ non-space characters), so prose such as "the password
/// policy" is not flagged.
public enum SecretScanner {
    /// A secret found in a text: what kind, and where.
    public struct Finding: Sendable, Equatable {
        public var kind: String
        public var range: Range<String.Index>
    }

    /// Each pattern with the literals one of which any match contains (`ignoringCase` for the
    /// patterns under `(?i)`). Nearly every string of a plan is clean, and a byte search for the
    /// literals is far cheaper than handing the text to ICU ten times: the scan was a tenth of a
    /// second of normalising and validating a 3,000-task plan.
    static let patterns: [(kind: String, regex: NSRegularExpression, needs: [[UInt8]], ignoringCase: Bool)] = [
        ("private key", #"-----BEGIN [A-Z ]*PRIVATE KEY-----"#, ["-----BEGIN"], false),
        ("AWS access key", #"\b(AKIA|ASIA)[0-9A-Z]{16}\b"#, ["AKIA", "ASIA"], false),
        ("GitHub token", #"\b(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}\b|\bgithub_pat_[A-Za-z0-9_]{30,}"#, ["_"], false),
        ("Slack token", #"\bxox[abposr]-[A-Za-z0-9-]{10,}"#, ["xox"], false),
        ("Stripe key", #"\b[sr]k_(live|test)_[A-Za-z0-9]{16,}"#, ["k_live_", "k_test_"], false),
        ("Google API key", #"\bAIza[0-9A-Za-z_\-]{35}\b"#, ["AIza"], false),
        ("JWT", #"\beyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}"#, ["eyJ"], false),
        ("bearer token", #"(?i)\bbearer\s+[A-Za-z0-9\-._~+/]{20,}=*"#, ["bearer"], true),
        ("credential assignment",
         #"(?i)\b(password|passwd|pwd|secret|api[_-]?key|access[_-]?key|auth[_-]?token|token|client[_-]?secret)\b\s*[:=]\s*["']?(?!\[REDACTED\])[^\s"',;]{8,}"#,
         [":", "="], false),
        ("credentials in URL", #"[a-zA-Z][a-zA-Z0-9+.-]*://[^/\s:@]+:[^/\s@]{3,}@"#, ["://"], false),
    ].map { ($0.0, try! NSRegularExpression(pattern: $0.1), $0.2.map { Array($0.utf8) }, $0.3) }

    /// Every secret in `text`, in order of position.
    public static func findings(in text: String) -> [Finding] {
        let bytes = Array(text.utf8)
        let ns = NSRange(text.startIndex..., in: text)
        var out: [Finding] = []
        for (kind, regex, needs, ignoringCase) in patterns
        where needs.contains(where: { contains(bytes, $0, ignoringCase: ignoringCase) }) {
            for match in regex.matches(in: text, range: ns) {
                if let r = Range(match.range, in: text) { out.append(Finding(kind: kind, range: r)) }
            }
        }
        return out.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// Whether `needle` (ASCII; lower case when `ignoringCase`) occurs in `haystack`.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8], ignoringCase: Bool) -> Bool {
        let m = needle.count
        guard m > 0, haystack.count >= m else { return m == 0 }
        @inline(__always) func fold(_ b: UInt8) -> UInt8 {
            ignoringCase && b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b | 0x20 : b
        }
        outer: for i in 0...(haystack.count - m) where fold(haystack[i]) == needle[0] {
            for k in 1..<m where fold(haystack[i + k]) != needle[k] { continue outer }
            return true
        }
        return false
    }

    /// `text` with every secret replaced by `[REDACTED]`; overlapping findings (a JWT inside a
    /// `token=` assignment) are merged first so no text outside them is lost.
    public static func redacted(_ text: String) -> String {
        var merged: [Range<String.Index>] = []
        for finding in findings(in: text) {
            if let last = merged.last, finding.range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, finding.range.upperBound)
            } else {
                merged.append(finding.range)
            }
        }
        var result = ""
        var cursor = text.startIndex
        for range in merged {
            result += text[cursor..<range.lowerBound]
            result += "[REDACTED]"
            cursor = range.upperBound
        }
        return result + text[cursor...]
    }
}
