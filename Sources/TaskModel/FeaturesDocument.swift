/// `features.json`: the plan's high-level capabilities.
public struct FeaturesDocument: Codable, Sendable, Equatable {
    public var generated: GeneratedInfo?
    public var features: [Feature]

    public init(generated: GeneratedInfo? = nil, features: [Feature]) {
        self.generated = generated
        self.features = features
    }

    /// One feature, with the evidence that it was asked for.
    public struct Feature: Codable, Sendable, Equatable {
        public var id: String
        public var title: String
        public var description: String?
        public var priority: TaskPriority?
        public var sourceEvidence: [SourceEvidence]?

        public init(id: String, title: String, description: String? = nil, priority: TaskPriority? = nil,
                    sourceEvidence: [SourceEvidence]? = nil) {
            self.id = id
            self.title = title
            self.description = description
            self.priority = priority
            self.sourceEvidence = sourceEvidence
        }

        enum CodingKeys: String, CodingKey {
            case id, title, description, priority
            case sourceEvidence = "source_evidence"
        }
    }
}
