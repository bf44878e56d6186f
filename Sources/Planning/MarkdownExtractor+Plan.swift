import Foundation
import TaskGraph
import TaskModel

extension MarkdownExtractor {
    /// What the extractor made of a document.
    public struct Extraction: Sendable {
        public var plan: LoadedPlan
        /// Things a reader should know: a feature count outside 5–25, a reference to no task.
        public var warnings: [String]
    }

    struct Draft {
        var candidate: Candidate
        var id: String
        var key: String?
        var text: String
        var feature: String
    }

    /// Extracts features, tasks, dependencies and shared resources.
    /// - Throws: `TasksError` exit 5 when the document yields no task.
    public func extract() throws(TasksError) -> Extraction {
        let (headings, candidates) = scan()
        var warnings: [String] = []
        let tasks = candidates.filter { c in
            let text = doc.ns.substring(with: c.range)
            let words = text.split(whereSeparator: \.isWhitespace).count
            let keyed = c.isItem && MarkdownCues.keyDeclaration.firstMatch(in: text, range: NSRange(location: 0, length: (text as NSString).length)) != nil
            return !Self.isExcluded(c.headings)
                && (keyed || TitleAnalysis.verbs.contains(Self.firstWord(text))) && words >= (c.isItem ? 3 : 4)
        }
        guard !tasks.isEmpty else {
            throw TasksError(.invalidPlan, "\(name): no tasks found: write them as list items or sentences that open with an "
                + "imperative verb (Add, Implement, Migrate …) under the feature headings")
        }
        let level = Self.featureLevel(tasks)
        func featureHeading(_ c: Candidate) -> Heading? { c.headings.last { $0.level <= level } }

        var featureOrder: [Int] = []   // heading line, or 0 for text above every heading
        var featureIDs: [Int: String] = [:]
        var drafts: [Draft] = []
        for c in tasks {
            let line = featureHeading(c)?.line ?? 0
            if featureIDs[line] == nil {
                featureOrder.append(line)
                featureIDs[line] = String(format: "F%03d", featureOrder.count)
            }
            let text = doc.ns.substring(with: c.range)
            let keyMatch = MarkdownCues.keyDeclaration.firstMatch(in: text, range: NSRange(location: 0, length: (text as NSString).length))
            drafts.append(Draft(candidate: c, id: String(format: "P1.T%03d", drafts.count + 1),
                                key: keyMatch.map { (text as NSString).substring(with: $0.range(withName: "key")) },
                                text: text, feature: featureIDs[line]!))
        }
        if !Self.featureRange.contains(featureOrder.count) {
            warnings.append("\(name): \(featureOrder.count) features found (the spec asks for 5-25); features are the "
                + "H\(level) sections that hold tasks")
        }
        let byLine = Dictionary(headings.map { ($0.line, $0) }, uniquingKeysWith: { a, _ in a })
        let features = featureOrder.map { line in feature(featureIDs[line]!, heading: byLine[line], drafts: drafts.filter { $0.feature == featureIDs[line]! }) }

        var resources: [String: SharedResource] = [:]
        var specs = drafts.map { task($0, resources: &resources) }
        let dependencies = dependencies(drafts, specs, warnings: &warnings)
        let conflicts = Self.conflicts(specs, resources)
        for i in specs.indices where specs[i].resourceRequirements?.estimated?.exclusiveResources?.isEmpty == true {
            specs[i].resourceRequirements?.estimated?.exclusiveResources = nil
        }
        var analysis = codebaseAnalysis(headings)
        analysis.sharedResources = resources.isEmpty ? nil : resources
        let document = PlanDocument(meta: PlanMeta(codebaseAnalysis: analysis), tasks: specs, dependencies: dependencies,
                                    resourceConflicts: conflicts.isEmpty ? nil : conflicts)
        var plan = LoadedPlan(document: document, sourceName: name)
        plan.features = FeaturesDocument(features: features)
        return Extraction(plan: plan, warnings: warnings)
    }

    /// H2 sections are the features unless their count falls outside 5–25 and H3 sections fit.
    static func featureLevel(_ tasks: [Candidate]) -> Int {
        func count(_ level: Int) -> Int { Set(tasks.map { c in c.headings.last { $0.level <= level }?.line ?? 0 }).count }
        let h2 = count(2), h3 = count(3)
        if featureRange.contains(h2) || !featureRange.contains(h3) {
            return featureRange.contains(h2) || abs(h2 - 5) <= abs(h3 - 5) || h3 > featureRange.upperBound ? 2 : 3
        }
        return 3
    }

    func feature(_ id: String, heading: Heading?, drafts: [Draft]) -> FeaturesDocument.Feature {
        let evidence = heading.map { doc.evidence($0.range, section: Self.section($0)) }
            ?? drafts[0].candidate.headings.last.map { doc.evidence($0.range, section: Self.section($0)) }
            ?? doc.evidence(drafts[0].candidate.range, section: "document")
        let title = heading?.title ?? "Document"
        let cue = MarkdownCues.priority.firstMatch(in: title, range: NSRange(location: 0, length: (title as NSString).length))
        let priority = cue.flatMap { m -> TaskPriority? in
            let r = m.range(withName: "p").location != NSNotFound ? m.range(withName: "p") : m.range(withName: "q")
            return TaskPriority(rawValue: (title as NSString).substring(with: r).lowercased())
        }
        return FeaturesDocument.Feature(
            id: id, title: Self.clean(title.replacingOccurrences(of: #"\s*\([^()]*\)"#, with: "", options: .regularExpression)), description: "\(drafts.count) task(s): " + drafts.prefix(3).map { Self.title(of: $0.text) }.joined(separator: "; "),
            priority: priority ?? drafts.compactMap { Self.priority(in: $0.text) }.max() ?? .medium,
            sourceEvidence: [evidence])
    }

    static func priority(in text: String) -> TaskPriority? {
        guard let m = MarkdownCues.priority.firstMatch(in: text, range: NSRange(location: 0, length: (text as NSString).length)) else { return nil }
        let r = m.range(withName: "p").location != NSNotFound ? m.range(withName: "p") : m.range(withName: "q")
        return TaskPriority(rawValue: (text as NSString).substring(with: r).lowercased())
    }

    static func clean(_ text: String) -> String {
        text.replacingOccurrences(of: #"[`*]|__"#, with: "", options: .regularExpression)
            .replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression)
            .trimmingCharacters(in: .whitespaces)
    }

    /// The task's title: its first sentence without the key, the cue parentheses and mark-up.
    static func title(of text: String) -> String {
        var t = text.replacingOccurrences(of: #"^\s*\[[^\]]*\]\s*"#, with: "", options: .regularExpression)
            .replacingOccurrences(of: #"\s*\([^()]*\)"#, with: "", options: .regularExpression)
        if let end = t.range(of: #"[.!?:;](\s|$)|\s[—–]\s"#, options: .regularExpression) { t = String(t[..<end.lowerBound]) }
        t = clean(t)
        if t.count > 120 {
            let cut = t.prefix(120)
            t = String(cut[..<(cut.lastIndex(of: " ") ?? cut.endIndex)])
        }
        return t
    }

    /// The texts a duration cue may stand in: parentheses and `estimate:` clauses.
    static func cueSegments(_ text: String) -> [String] {
        let ns = text as NSString
        let parens = try! NSRegularExpression(pattern: #"\(([^()]*)\)|estimate\s*:\s*([^.;]*)"#, options: [.caseInsensitive])
        return parens.matches(in: text, range: NSRange(location: 0, length: ns.length)).map {
            ns.substring(with: $0.range(at: 1).location != NSNotFound ? $0.range(at: 1) : $0.range(at: 2))
        }
    }
}
