import Foundation
import TaskGraph
import TaskModel

/// The built-in rule-based planner for Markdown specs (`tasks plan --plan-doc FILE`).
///
/// Features come from headings, tasks from list items and sentences that open with an imperative
/// verb, durations, dependencies and shared resources from explicit cues (`MarkdownCues`). Every
/// feature, task and dependency quotes the document: `quote` is exactly the text at `loc` and
/// within `startLine…endLine`, so a reviewer (or a test) can check each one.
public struct MarkdownExtractor {
    public let name: String
    let doc: MarkdownText

    public init(text: String, name: String) {
        self.name = name
        self.doc = MarkdownText(text)
    }

    /// Headings whose sections never hold tasks (matched case-insensitively as a prefix).
    static let excludedSections = ["non-goal", "non goal", "out of scope", "goal", "glossary", "reference", "open question",
                                   "assumption", "appendix", "background", "overview", "status", "conventions"]
    /// The feature count the spec asks for.
    public static let featureRange = 5...25

    // MARK: - Blocks

    struct Heading {
        var level: Int
        var title: String
        var line: Int
        var range: NSRange
    }

    /// A candidate task: a list item or a sentence, with the headings above it.
    struct Candidate {
        var range: NSRange
        var headings: [Heading]
        var criteria: [String] = []
        var isItem: Bool
    }

    static let headingRegex = try! NSRegularExpression(pattern: #"^(#{1,6})\s+(.+?)\s*#*\s*$"#)
    static let itemRegex = try! NSRegularExpression(pattern: #"^(\s*)(?:[-*+]|\d+[.)])\s+(.*\S)\s*$"#)
    /// A sentence ends at `.`, `!` or `?` followed by white space or the end; `ci.yml` does not end one.
    static let sentenceRegex = try! NSRegularExpression(pattern: #"[^\s](?:[^.!?]|[.!?](?![\s]|$))*(?:[.!?]|$)"#)

    /// Walks the document once: headings, list items (with continuation lines and nested
    /// criteria), and paragraph sentences.
    func scan() -> (headings: [Heading], candidates: [Candidate]) {
        var headings: [Heading] = []
        var stack: [Heading] = []
        var candidates: [Candidate] = []
        var inFence = false
        var paragraph: [Int] = []
        var openItem: (index: Int?, indent: Int, contentColumn: Int)?

        func flushParagraph() {
            defer { paragraph = [] }
            guard let first = paragraph.first, let last = paragraph.last else { return }
            let start = doc.range(ofLine: first).location
            let r = doc.range(ofLine: last)
            let range = NSRange(location: start, length: r.location + r.length - start)
            for m in Self.sentenceRegex.matches(in: doc.text, range: range) {
                candidates.append(Candidate(range: m.range, headings: stack, isItem: false))
            }
        }

        for n in 1...doc.lineCount {
            let line = doc.line(n)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                flushParagraph(); openItem = nil
                inFence.toggle()
                continue
            }
            if inFence { continue }
            let lineRange = doc.range(ofLine: n)
            let local = NSRange(location: 0, length: (line as NSString).length)
            if trimmed.isEmpty {
                flushParagraph()
                continue
            }
            if let m = Self.headingRegex.firstMatch(in: line, range: local) {
                flushParagraph(); openItem = nil
                let title = (line as NSString).substring(with: m.range(at: 2))
                let h = Heading(level: m.range(at: 1).length, title: title, line: n,
                                range: NSRange(location: lineRange.location + m.range(at: 2).location, length: m.range(at: 2).length))
                while let top = stack.last, top.level >= h.level { stack.removeLast() }
                stack.append(h)
                headings.append(h)
                continue
            }
            if let m = Self.itemRegex.firstMatch(in: line, range: local) {
                flushParagraph()
                let indent = m.range(at: 1).length
                let content = NSRange(location: lineRange.location + m.range(at: 2).location, length: m.range(at: 2).length)
                if let open = openItem, indent > open.indent, let parent = open.index {
                    candidates[parent].criteria.append(doc.ns.substring(with: content))
                    continue
                }
                candidates.append(Candidate(range: content, headings: stack, isItem: true))
                openItem = (candidates.count - 1, indent, m.range(at: 2).location)
                continue
            }
            if let open = openItem, let index = open.index, line.prefix(while: { $0 == " " }).count >= open.contentColumn {
                // A continuation line of the open item.
                let r = candidates[index].range
                candidates[index].range = NSRange(location: r.location, length: lineRange.location + lineRange.length - r.location)
                continue
            }
            openItem = nil
            paragraph.append(n)
        }
        flushParagraph()
        return (headings, candidates)
    }

    static func isExcluded(_ headings: [Heading]) -> Bool {
        headings.dropFirst(headings.first?.level == 1 ? 1 : 0).contains { h in
            let t = h.title.lowercased()
            return excludedSections.contains { t.hasPrefix($0) }
        }
    }

    static func firstWord(_ text: String) -> String {
        let stripped = text.replacingOccurrences(of: #"^\s*\[[^\]]*\]\s*"#, with: "", options: .regularExpression)
            .trimmingCharacters(in: CharacterSet(charactersIn: "*_` "))
        return String(stripped.prefix { $0.isLetter }).lowercased()
    }

    static func section(_ h: Heading) -> String { "H\(h.level): \(h.title)" }
}
