/// One edge of a v3 plan (`tasks.json` → `dependencies[]`): `to` may start only after `from`.
public struct Dependency: Codable, Sendable, Equatable {
    public var from: String
    public var to: String
    public var type: DependencyType
    public var reason: String?
    public var evidence: [DependencyEvidence]?
    public var confidence: Double
    public var isHard: Bool
    public var sharedResource: String?

    public init(from: String, to: String, type: DependencyType = .technical, reason: String? = nil,
                evidence: [DependencyEvidence]? = nil, confidence: Double = 1.0, isHard: Bool = true,
                sharedResource: String? = nil) {
        self.from = from
        self.to = to
        self.type = type
        self.reason = reason
        self.evidence = evidence
        self.confidence = confidence
        self.isHard = isHard
        self.sharedResource = sharedResource
    }

    enum CodingKeys: String, CodingKey {
        case from, to, type, reason, evidence, confidence, isHard
        case sharedResource = "shared_resource"
    }

    /// Missing `confidence` reads as 1.0 and missing `isHard` as true: an edge someone wrote down
    /// without qualifying it is a plain ordering constraint.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        from = try c.decode(String.self, forKey: .from)
        to = try c.decode(String.self, forKey: .to)
        type = try c.decodeIfPresent(DependencyType.self, forKey: .type) ?? .technical
        reason = try c.decodeIfPresent(String.self, forKey: .reason)
        evidence = try c.decodeIfPresent([DependencyEvidence].self, forKey: .evidence)
        confidence = try c.decodeIfPresent(Double.self, forKey: .confidence) ?? 1.0
        isHard = try c.decodeIfPresent(Bool.self, forKey: .isHard) ?? true
        sharedResource = try c.decodeIfPresent(String.self, forKey: .sharedResource)
    }

    /// `from -> to`, as messages name an edge.
    public var label: String { "\(from) -> \(to)" }
}

/// The spec's six dependency classes.
public enum DependencyType: String, Codable, Sendable, Equatable, CaseIterable, Comparable {
    case technical, sequential, infrastructure, knowledge
    case mutualExclusion = "mutual_exclusion"
    case resourceLimited = "resource_limited"

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// One piece of evidence for a dependency.
public struct DependencyEvidence: Codable, Sendable, Equatable {
    public var type: String?
    public var reason: String?
    public var confidence: Double?
    public var quote: String?
    /// Extension: where `quote` stands in the planning document, as in `SourceEvidence`.
    public var loc: SourceEvidence.Location?
    public var section: String?
    public var startLine: Int?
    public var endLine: Int?

    public init(type: String? = nil, reason: String? = nil, confidence: Double? = nil, quote: String? = nil) {
        self.type = type
        self.reason = reason
        self.confidence = confidence
        self.quote = quote
    }

    /// Evidence quoting the document at `source`.
    public init(type: String, reason: String, confidence: Double, source: SourceEvidence) {
        self.init(type: type, reason: reason, confidence: confidence, quote: source.quote)
        loc = source.loc
        section = source.section
        startLine = source.startLine
        endLine = source.endLine
    }
}
