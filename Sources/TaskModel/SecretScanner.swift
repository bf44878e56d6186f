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

    static let patterns: [(kind: String, regex: NSRegularExpression)] = [
        ("private key", #"-----BEGIN [A-Z ]*PRIVATE KEY-----"#),
        ("AWS access key", #"\b(AKIA|ASIA)[0-9A-Z]{16}\b"#),
        ("GitHub token", #"\b(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}\b|\bgithub_pat_[A-Za-z0-9_]{30,}"#),
        ("Slack token", #"\bxox[abposr]-[A-Za-z0-9-]{10,}"#),
        ("Stripe key", #"\b[sr]k_(live|test)_[A-Za-z0-9]{16,}"#),
        ("Google API key", #"\bAIza[0-9A-Za-z_\-]{35}\b"#),
        ("JWT", #"\beyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}"#),
        ("bearer token", #"(?i)\bbearer\s+[A-Za-z0-9\-._~+/]{20,}=*"#),
        ("credential assignment",
         #"(?i)\b(password|passwd|pwd|secret|api[_-]?key|access[_-]?key|auth[_-]?token|token|client[_-]?secret)\b\s*[:=]\s*["']?(?!\[REDACTED\])[^\s"',;]{8,}"#),
        ("credentials in URL", #"[a-zA-Z][a-zA-Z0-9+.-]*://[^/\s:@]+:[^/\s@]{3,}@"#),
    ].map { ($0.0, try! NSRegularExpression(pattern: $0.1)) }

    /// Every secret in `text`, in order of position.
    public static func findings(in text: String) -> [Finding] {
        let ns = NSRange(text.startIndex..., in: text)
        var out: [Finding] = []
        for (kind, regex) in patterns {
            for match in regex.matches(in: text, range: ns) {
                if let r = Range(match.range, in: text) { out.append(Finding(kind: kind, range: r)) }
            }
        }
        return out.sorted { $0.range.lowerBound < $1.range.lowerBound }
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
