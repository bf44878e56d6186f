import Foundation
import TaskModel

/// The explicit cues the Markdown extractor reads in a task's text. Each is a documented
/// convention (README, "Planning from a Markdown spec"); nothing is inferred without a cue.
enum MarkdownCues {
    static func regex(_ pattern: String) -> NSRegularExpression {
        try! NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
    }

    static let number = #"(\d+(?:\.\d+)?)"#
    static let unit = #"(h|hr|hrs|hours?|d|days?|m|min|mins|minutes?)\b"#

    /// `4-6-10h`: optimistic, most likely, pessimistic.
    static let threePoint = regex(number + #"\s*[-–/]\s*"# + number + #"\s*[-–/]\s*"# + number + #"\s*"# + unit)
    /// `2-3 days`: a range.
    static let range = regex(number + #"\s*(?:-|–|to)\s*"# + number + #"\s*"# + unit)
    /// `~6h`, `about 6 hours`, `6h`.
    static let single = regex(#"(?:~|≈|about\s+|around\s+|roughly\s+)?"# + number + #"\s*"# + unit)

    /// The documented default when a task gives no duration cue: 2-4-8 hours (the spec's 2-8 h target).
    static let defaultDuration = DurationEstimate(optimistic: 2, mostLikely: 4, pessimistic: 8)

    static func unitValue(_ text: String) -> DurationUnit {
        switch text.lowercased().first {
        case "d": .days
        case "m": .minutes
        default: .hours
        }
    }

    /// The three-point estimate a text states, with its unit, or `nil`. A range `a-b` reads as
    /// `(a, (a+b)/2, b)`; a single value `x` as `(0.75x, x, 1.5x)`.
    static func duration(in text: String) -> (DurationEstimate, DurationUnit)? {
        let ns = text as NSString
        let all = NSRange(location: 0, length: ns.length)
        func value(_ m: NSTextCheckingResult, _ k: Int) -> Double { Double(ns.substring(with: m.range(at: k))) ?? 0 }
        if let m = threePoint.firstMatch(in: text, range: all) {
            let xs = [value(m, 1), value(m, 2), value(m, 3)].sorted()
            return (DurationEstimate(optimistic: xs[0], mostLikely: xs[1], pessimistic: xs[2]), unitValue(ns.substring(with: m.range(at: 4))))
        }
        if let m = range.firstMatch(in: text, range: all) {
            let a = min(value(m, 1), value(m, 2)), b = max(value(m, 1), value(m, 2))
            return (DurationEstimate(optimistic: a, mostLikely: (a + b) / 2, pessimistic: b), unitValue(ns.substring(with: m.range(at: 3))))
        }
        if let m = single.firstMatch(in: text, range: all) {
            let x = value(m, 1)
            guard x > 0 else { return nil }
            return (DurationEstimate(optimistic: x * 0.75, mostLikely: x, pessimistic: x * 1.5), unitValue(ns.substring(with: m.range(at: 2))))
        }
        return nil
    }

    // MARK: - Dependencies

    /// A dependency cue: the phrase, its edge type, confidence and hardness.
    struct DependencyCue {
        var regex: NSRegularExpression
        var type: DependencyType
        var confidence: Double
        var isHard: Bool
        var label: String
    }

    /// Task keys look like `AUTH-1`: letters, a dash, digits.
    static let keyPattern = #"[A-Za-z][A-Za-z0-9]*-\d+"#
    static let key = try! NSRegularExpression(pattern: #"\b"# + keyPattern + #"\b"#)
    /// `[AUTH-1]` at the start of an item declares its key.
    static let keyDeclaration = try! NSRegularExpression(pattern: #"^\s*\[(?<key>"# + keyPattern + #")\]\s*"#)

    static let hedge = #"(?:probably|possibly|maybe|perhaps|ideally|likely|might\s+need\s+to\s+come|may\s+need\s+to\s+come)\s+"#
    /// Ordered strongest first; a clause is claimed by the first cue that matches it.
    static let dependencyCues: [DependencyCue] = [
        DependencyCue(regex: regex(#"\b"# + hedge + #"(?:after|depends\s+on|requires|needs)\s+(?<refs>[^.;)]*)"#),
                      type: .sequential, confidence: 0.5, isHard: true, label: "hedged order"),
        DependencyCue(regex: regex(#"\b(?:can\s+overlap\s+with|benefits\s+from|informed\s+by|nice\s+to\s+have\s+after)\s+(?<refs>[^.;)]*)"#),
                      type: .knowledge, confidence: 0.6, isHard: false, label: "soft order"),
        DependencyCue(regex: regex(#"\b(?:depends\s+on|requires|blocked\s+by)\s+(?<refs>[^.;)]*)"#),
                      type: .technical, confidence: 0.95, isHard: true, label: "explicit dependency"),
        DependencyCue(regex: regex(#"\b(?:after|once|following)\s+(?<refs>[^.;)]*)"#),
                      type: .sequential, confidence: 0.9, isHard: true, label: "ordering"),
    ]

    /// `produces \`X\``: an interface the task makes; `uses \`X\``: one it consumes.
    static let produces = regex(#"\b(?:produces|provides|exposes|publishes|defines)\s+`(?<name>[^`]+)`"#)
    static let consumes = regex(#"\b(?:uses|consumes|calls|reads|extends|requires|depends\s+on)\s+`(?<name>[^`]+)`"#)
    /// Confidence of an edge found by a task consuming another's produced interface.
    static let interfaceConfidence = 0.8

    // MARK: - Resources

    /// A shared-resource cue and the resource it implies.
    struct ResourceCue {
        var regex: NSRegularExpression
        var name: String
        var kind: ResourceKind
        var reason: String
    }

    static let resourceCues: [ResourceCue] = [
        ResourceCue(regex: regex(#"\b(?:migrations?|migrate|schema\s+changes?)\b"#), name: "database_migrations", kind: .exclusive,
                    reason: "a migration run holds the schema lock"),
        ResourceCue(regex: regex(#"\b(?:deploy|deploys|deployment|deploying)\b"#), name: "deployment_pipeline", kind: .exclusive,
                    reason: "one deployment runs at a time"),
        ResourceCue(regex: regex(#"\b(?:test\s+databases?|test\s+db|integration\s+(?:tests?|suites?))\b"#), name: "test_db_pool",
                    kind: .sharedLimited, reason: "integration suites each lease a test database"),
    ]
    /// `holds the \`cache\` lock`, `exclusive access to \`X\``: a named exclusive resource.
    static let lock = regex(#"(?:`(?<a>[\w.-]+)`\s+lock\b|\bexclusive\s+access\s+to\s+(?:the\s+)?`(?<b>[\w.-]+)`)"#)
    /// `test database pool has 3 instances`, `pool of 3 test databases`: the pool's capacity.
    static let poolCapacity = regex(#"test\s+database\s+pool[^.]*?\b(?<n>\d+)\b|\b(?<m>\d+)\s+test\s+databases?\b"#)
    static let defaultPoolCapacity = 2

    // MARK: - Boundaries and checks

    static let complexity = regex(#"~?\s*\d+\s*(?:LoC|lines(?:\s+of\s+\w+)?|endpoints?|functions?|files?|tables?|screens?|jobs?)\b"#)
    static let command = regex(#"\b(?:check|verify\s+with|verified\s+by|run|runs|passes)\s*:?\s*`(?<cmd>[^`]+)`"#)
    static let backticked = try! NSRegularExpression(pattern: #"`(?<v>[^`\s]+)`"#)
    static let priority = regex(#"\bpriority\s*:?\s*(?<p>critical|high|medium|low)\b|\((?<q>critical|high|medium|low)\)"#)

    /// Whether a backticked token names a path (`src/api/auth.ts`, `db/migrations/`).
    static func isPath(_ token: String) -> Bool {
        token.contains("/") || token.range(of: #"^[\w.-]+\.(swift|py|ts|tsx|js|go|rs|java|ya?ml|json|md|sql|sh|toml|cfg|ini|html|css)$"#,
                                           options: .regularExpression) != nil
    }
}
