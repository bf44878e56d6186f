import Foundation
import TaskGraph
import TaskModel

extension MarkdownExtractor {
    static func matches(_ regex: NSRegularExpression, _ text: String) -> [NSTextCheckingResult] {
        regex.matches(in: text, range: NSRange(location: 0, length: (text as NSString).length))
    }

    static func group(_ m: NSTextCheckingResult, _ name: String, in text: String) -> String? {
        let r = m.range(withName: name)
        return r.location == NSNotFound ? nil : (text as NSString).substring(with: r)
    }

    /// One v3 task from a draft, with boundaries, checks and logging filled from its own text.
    func task(_ d: Draft, resources: inout [String: SharedResource]) -> TaskSpec {
        let text = d.text
        let title = Self.title(of: text)
        let section = d.candidate.headings.last.map(Self.section) ?? "document"
        let evidence = doc.evidence(d.candidate.range, section: section)
        var spec = TaskSpec(id: d.id, title: title)
        spec.featureID = d.feature
        spec.description = Self.clean(text)
        let duration = Self.cueSegments(text).lazy.compactMap(MarkdownCues.duration).first
        spec.duration = duration?.0 ?? MarkdownCues.defaultDuration
        spec.durationUnits = duration?.1 ?? .hours

        let tokens = Self.matches(MarkdownCues.backticked, text).compactMap { Self.group($0, "v", in: text) }
        let paths = tokens.filter(MarkdownCues.isPath)
        let commands = Self.matches(MarkdownCues.command, text).compactMap { Self.group($0, "cmd", in: text) }
        let complexity = MarkdownCues.complexity.firstMatch(in: text, range: NSRange(location: 0, length: (text as NSString).length))
            .map { (text as NSString).substring(with: $0.range).trimmingCharacters(in: .whitespaces) }
        let criteria = d.candidate.criteria.map(Self.clean)
        spec.boundaries = Boundaries(
            expectedComplexity: .init(value: complexity ?? "one task of \(HoursFormat.text(hoursOf(spec))) most likely (no size cue in the spec)",
                                      breakdown: criteria.isEmpty ? nil : "\(criteria.count) listed criteria"),
            definitionOfDone: .init(criteria: criteria.isEmpty ? ["\(title), as \(name) lines \(evidence.startLine!)-\(evidence.endLine!) describe"] : criteria,
                                    stopWhen: "Stop at this item's scope; the other items of \(section) are separate tasks"),
            scope: .init(includes: paths.isEmpty ? nil : paths, excludes: nil,
                         restrictions: "Only what \(name) lines \(evidence.startLine!)-\(evidence.endLine!) ask for"))
        spec.executionGuidance = ExecutionGuidance(logging: .init(
            onStart: "Log 'start \(d.id): \(title)' to logs/tasks/\(d.id).log with timestamp",
            onProgress: "Log each finished criterion with elapsed minutes",
            onCompletion: "Log a summary with criteria met and acceptance check results",
            logFormat: "JSON with fields: {task_id, timestamp, event, metrics, errors}"))
        var checks = commands.map { AcceptanceCheck(type: "command", cmd: $0, expect: .object(["exitCode": .number(0)])) }
        checks += paths.filter { !$0.hasSuffix("/") }.prefix(2).map { AcceptanceCheck(type: "artifact", path: $0, expect: .object(["exists": .bool(true)])) }
        if checks.isEmpty {
            // The documented default: the task's own completion log exists and is not empty.
            checks = [AcceptanceCheck(type: "command", cmd: "test -s logs/tasks/\(d.id).log", expect: .object(["exitCode": .number(0)]))]
        }
        spec.acceptanceChecks = checks
        spec.sourceEvidence = [evidence]
        spec.interfacesProduced = Self.names(MarkdownCues.produces, text)
        spec.interfacesConsumed = Self.names(MarkdownCues.consumes, text).filter { !(spec.interfacesProduced ?? []).contains($0) }
        if spec.interfacesProduced?.isEmpty == true { spec.interfacesProduced = nil }
        if spec.interfacesConsumed?.isEmpty == true { spec.interfacesConsumed = nil }
        if let p = Self.priority(in: text) { spec.schedulingHints = SchedulingHints(priority: p) }

        var demand = ResourceRequirements.Demand(cpuCores: 1, memoryMB: 512, exclusiveResources: [])
        for cue in MarkdownCues.resourceCues {
            guard let m = cue.regex.firstMatch(in: text, range: NSRange(location: 0, length: (text as NSString).length)) else { continue }
            if resources[cue.name] == nil {
                let line = doc.lineNumber(at: d.candidate.range.location + m.range.location)
                resources[cue.name] = SharedResource(
                    type: cue.kind, capacity: cue.kind == .sharedLimited ? poolCapacity() : nil, location: "\(name):\(line)",
                    reason: "\(cue.reason) (cue '\((text as NSString).substring(with: m.range))' at line \(line))")
            }
            if cue.kind == .exclusive { demand.exclusiveResources!.append(cue.name) } else { demand.sharedResources = [cue.name: 1] }
        }
        for m in Self.matches(MarkdownCues.lock, text) {
            guard let raw = Self.group(m, "a", in: text) ?? Self.group(m, "b", in: text) else { continue }
            let resource = raw.lowercased().replacingOccurrences(of: #"[^a-z0-9]+"#, with: "_", options: .regularExpression) + "_lock"
            if resources[resource] == nil {
                resources[resource] = SharedResource(type: .exclusive, location: "\(name):\(evidence.startLine!)",
                    reason: "cue '\((text as NSString).substring(with: m.range))' at line \(evidence.startLine!)")
            }
            if !demand.exclusiveResources!.contains(resource) { demand.exclusiveResources!.append(resource) }
        }
        spec.resourceRequirements = ResourceRequirements(estimated: demand)
        return spec
    }

    func hoursOf(_ spec: TaskSpec) -> Double {
        (spec.duration?.mostLikely ?? 0) * (spec.durationUnits ?? .hours).hours(workingHoursPerDay: 8)
    }

    static func names(_ regex: NSRegularExpression, _ text: String) -> [String] {
        var out: [String] = []
        for m in matches(regex, text) { if let n = group(m, "name", in: text), !out.contains(n) { out.append(n) } }
        return out
    }

    /// The test database pool's capacity as the document states it, else the documented default.
    func poolCapacity() -> Int {
        for m in Self.matches(MarkdownCues.poolCapacity, doc.text) {
            if let n = (Self.group(m, "n", in: doc.text) ?? Self.group(m, "m", in: doc.text)).flatMap(Int.init), n > 0 { return n }
        }
        return MarkdownCues.defaultPoolCapacity
    }

    /// Edges from the dependency cues (task keys) and from consumed interfaces; each quotes its cue.
    func dependencies(_ drafts: [Draft], _ specs: [TaskSpec], warnings: inout [String]) -> [Dependency] {
        var byKey: [String: String] = [:]
        for d in drafts { if let k = d.key { byKey[k.uppercased()] = d.id } }
        var producers: [String: String] = [:]
        for s in specs { for i in s.interfacesProduced ?? [] where producers[i] == nil { producers[i] = s.id } }
        var edges: [Dependency] = []
        var seen = Set<String>()
        func add(_ e: Dependency) {
            guard e.from != e.to, seen.insert("\(e.from)>\(e.to)").inserted else { return }
            edges.append(e)
        }
        for (d, spec) in zip(drafts, specs) {
            let text = d.text
            let section = d.candidate.headings.last.map(Self.section) ?? "document"
            var claimed: [NSRange] = []
            for cue in MarkdownCues.dependencyCues {
                for m in Self.matches(cue.regex, text) where !claimed.contains(where: { NSIntersectionRange($0, m.range).length > 0 }) {
                    let refs = m.range(withName: "refs")
                    let keys = Self.matches(MarkdownCues.key, (text as NSString).substring(with: refs))
                        .map { ((text as NSString).substring(with: refs) as NSString).substring(with: $0.range).uppercased() }
                    guard !keys.isEmpty else { continue }
                    claimed.append(m.range)
                    let quote = doc.evidence(NSRange(location: d.candidate.range.location + m.range.location, length: m.range.length),
                                             section: section)
                    for key in keys {
                        guard let from = byKey[key] else {
                            warnings.append("\(name):\(quote.startLine!): task \(d.id) refers to \(key), which no item declares as [\(key)]")
                            continue
                        }
                        add(Dependency(from: from, to: d.id, type: cue.type, reason: "\(cue.label): '\(quote.quote)'",
                                       evidence: [DependencyEvidence(type: "doc", reason: "\(cue.label) cue at line \(quote.startLine!)",
                                                                     confidence: cue.confidence, source: quote)],
                                       confidence: cue.confidence, isHard: cue.isHard))
                    }
                }
            }
            for interface in spec.interfacesConsumed ?? [] {
                guard let from = producers[interface], from != d.id,
                      let m = Self.matches(MarkdownCues.consumes, text).first(where: { Self.group($0, "name", in: text) == interface }) else { continue }
                let quote = doc.evidence(NSRange(location: d.candidate.range.location + m.range.location, length: m.range.length),
                                         section: section)
                add(Dependency(from: from, to: d.id, type: .technical, reason: "consumes \(interface), which \(from) produces",
                               evidence: [DependencyEvidence(type: "doc", reason: "interface cue at line \(quote.startLine!)",
                                                             confidence: MarkdownCues.interfaceConfidence, source: quote)],
                               confidence: MarkdownCues.interfaceConfidence, isHard: true))
            }
        }
        return edges
    }

    /// A `resource_conflicts` entry for every exclusive resource several tasks need: the
    /// schedulers admit one holder at a time, in priority order.
    static func conflicts(_ specs: [TaskSpec], _ resources: [String: SharedResource]) -> [String: ResourceConflict] {
        var out: [String: ResourceConflict] = [:]
        for (name, r) in resources where r.type == .exclusive {
            let holders = specs.filter { ($0.resourceRequirements?.estimated?.exclusiveResources ?? []).contains(name) }.map(\.id)
            guard holders.count > 1 else { continue }
            out[name] = ResourceConflict(tasks: holders, resolution: "scheduler_admission",
                                         rationale: "one holder at a time, admitted in priority order (bottom level); "
                                            + "waves hold at most one of them each")
        }
        return out
    }

    /// Components the spec names in its "existing …" / "codebase" / "platform" sections.
    func codebaseAnalysis(_ headings: [Heading]) -> CodebaseAnalysis {
        var apis: [String] = [], extensionPoints: [String] = []
        let identifier = try! NSRegularExpression(pattern: #"`(?<v>[A-Z][A-Za-z0-9_]+)`"#)
        for (k, h) in headings.enumerated() where h.title.range(of: #"existing|codebase|platform|architecture"#,
                                                                 options: [.regularExpression, .caseInsensitive]) != nil {
            let end = headings[(k + 1)...].first { $0.level <= h.level }?.line ?? doc.lineCount + 1
            for n in (h.line + 1)..<max(end, h.line + 1) {
                let line = doc.line(n)
                let isExtension = line.range(of: #"extension point|base class"#, options: [.regularExpression, .caseInsensitive]) != nil
                for m in Self.matches(identifier, line) {
                    guard let v = Self.group(m, "v", in: line) else { continue }
                    if isExtension, line.range(of: "`\(v)` is the", options: .caseInsensitive) != nil || line.range(of: "`\(v)` is a", options: .caseInsensitive) != nil {
                        if !extensionPoints.contains(v) { extensionPoints.append(v) }
                    } else if !apis.contains(v) {
                        apis.append(v)
                    }
                }
            }
        }
        return CodebaseAnalysis(existingAPIs: apis.isEmpty ? nil : apis, extensionPoints: extensionPoints.isEmpty ? nil : extensionPoints)
    }
}
