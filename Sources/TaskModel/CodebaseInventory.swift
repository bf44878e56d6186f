/// Extension of `meta.codebase_analysis` (NOTES.md leaves its detail open): what `tasks plan`
/// found per language, so a reader can check the analysis behind `existing_apis` and friends.
public struct CodebaseInventory: Codable, Sendable, Equatable {
    /// `ast-grep` when it was installed and used, else `builtin` (the regex scanner).
    public var analyzer: String
    public var filesScanned: Int
    public var languages: [String: Language]
    /// Environment variables the code or the CI/compose files read.
    public var environmentVariables: [String]

    public init(analyzer: String, filesScanned: Int, languages: [String: Language], environmentVariables: [String]) {
        self.analyzer = analyzer
        self.filesScanned = filesScanned
        self.languages = languages
        self.environmentVariables = environmentVariables
    }

    enum CodingKeys: String, CodingKey {
        case analyzer, languages
        case filesScanned = "files_scanned"
        case environmentVariables = "environment_variables"
    }

    /// One language's declarations: concrete types, interfaces (protocols, traits, ABCs) and
    /// extension points (abstract/open classes, interfaces that something implements).
    public struct Language: Codable, Sendable, Equatable {
        public var files: Int
        public var types: [String]
        public var interfaces: [String]
        public var extensionPoints: [String]

        public init(files: Int, types: [String], interfaces: [String], extensionPoints: [String]) {
            self.files = files
            self.types = types
            self.interfaces = interfaces
            self.extensionPoints = extensionPoints
        }

        enum CodingKeys: String, CodingKey {
            case files, types, interfaces
            case extensionPoints = "extension_points"
        }
    }
}
