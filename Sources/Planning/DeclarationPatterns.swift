import Foundation

/// The built-in scanner's patterns: one regular expression per kind of declaration and language.
/// Capture group `name` is the declared name, `bases` (optional) the list it extends or conforms to.
struct DeclarationPatterns: @unchecked Sendable {
    enum Kind { case type, interface, abstract }

    struct Declaration {
        var kind: Kind
        var name: String
        var bases: [String]
    }

    var rules: [(kind: Kind, regex: NSRegularExpression)]

    static func language(forExtension ext: String) -> String? {
        switch ext {
        case "swift": "swift"
        case "py": "python"
        case "ts", "tsx", "js", "jsx", "mjs", "cjs": "typescript"
        case "go": "go"
        case "rs": "rust"
        case "java": "java"
        default: nil
        }
    }

    static let patterns: [String: DeclarationPatterns] = {
        func p(_ rules: [(Kind, String)]) -> DeclarationPatterns {
            DeclarationPatterns(rules: rules.map { ($0.0, try! NSRegularExpression(pattern: $0.1, options: [.anchorsMatchLines])) })
        }
        let swiftMods = #"(?:(?:public|internal|package|private|fileprivate|final|indirect)\s+)*"#
        return [
            "swift": p([
                (.interface, #"^\s*"# + swiftMods + #"protocol\s+(?<name>[A-Za-z_]\w*)(?:\s*:\s*(?<bases>[\w\s,&.]+?))?\s*(?:where\b|\{|$)"#),
                (.abstract, #"^\s*(?:(?:public|final)\s+)*open\s+class\s+(?<name>[A-Za-z_]\w*)(?:<[^>{]*>)?(?:\s*:\s*(?<bases>[\w\s,.]+?))?\s*(?:where\b|\{|$)"#),
                (.type, #"^\s*"# + swiftMods + #"(?:class|struct|enum|actor)\s+(?<name>[A-Za-z_]\w*)(?:<[^>{]*>)?(?:\s*:\s*(?<bases>[\w\s,.]+?))?\s*(?:where\b|\{|$)"#),
            ]),
            "python": p([
                (.interface, #"^\s*class\s+(?<name>[A-Za-z_]\w*)\s*\((?<bases>[^)]*\b(?:ABC|Protocol|ABCMeta)\b[^)]*)\)\s*:"#),
                (.type, #"^\s*class\s+(?<name>[A-Za-z_]\w*)\s*(?:\((?<bases>[^)]*)\))?\s*:"#),
            ]),
            "typescript": p([
                (.interface, #"^\s*(?:export\s+)?(?:default\s+)?interface\s+(?<name>[A-Za-z_$][\w$]*)(?:<[^>{]*>)?(?:\s+extends\s+(?<bases>[\w$\s,.]+?))?\s*\{"#),
                (.abstract, #"^\s*(?:export\s+)?(?:default\s+)?abstract\s+class\s+(?<name>[A-Za-z_$][\w$]*)(?:<[^>{]*>)?(?:\s+(?:extends|implements)\s+(?<bases>[\w$\s,.]+?))?\s*\{"#),
                (.type, #"^\s*(?:export\s+)?(?:default\s+)?class\s+(?<name>[A-Za-z_$][\w$]*)(?:<[^>{]*>)?(?:\s+(?:extends|implements)\s+(?<bases>[\w$\s,.]+?))?\s*\{"#),
            ]),
            "go": p([
                (.interface, #"^\s*type\s+(?<name>[A-Za-z_]\w*)(?:\[[^\]]*\])?\s+interface\b"#),
                (.type, #"^\s*type\s+(?<name>[A-Za-z_]\w*)(?:\[[^\]]*\])?\s+struct\b"#),
            ]),
            "rust": p([
                (.interface, #"^\s*(?:pub(?:\([^)]*\))?\s+)?(?:unsafe\s+)?trait\s+(?<name>[A-Za-z_]\w*)(?:<[^>{]*>)?(?:\s*:\s*(?<bases>[\w\s+]+?))?\s*(?:where\b|\{|$)"#),
                (.type, #"^\s*(?:pub(?:\([^)]*\))?\s+)?(?:struct|enum)\s+(?<name>[A-Za-z_]\w*)"#),
            ]),
            "java": p([
                (.interface, #"^\s*(?:(?:public|protected|private|static|sealed)\s+)*@?interface\s+(?<name>[A-Za-z_]\w*)(?:<[^>{]*>)?(?:\s+extends\s+(?<bases>[\w\s,.]+?))?\s*\{"#),
                (.abstract, #"^\s*(?:(?:public|protected|private|static)\s+)*abstract\s+class\s+(?<name>[A-Za-z_]\w*)(?:<[^>{]*>)?(?:\s+(?:extends|implements)\s+(?<bases>[\w\s,.]+?))?\s*\{"#),
                (.type, #"^\s*(?:(?:public|protected|private|static|final|sealed)\s+)*(?:class|enum|record)\s+(?<name>[A-Za-z_]\w*)(?:<[^>{]*>)?(?:\([^)]*\))?(?:\s+(?:extends|implements)\s+(?<bases>[\w\s,.]+?))?\s*\{"#),
            ]),
        ]
    }()

    /// Declarations in `text`; a name matched by an earlier rule (interface, abstract) is not
    /// counted again by a later, more general one.
    func declarations(in text: String) -> [Declaration] {
        let ns = text as NSString
        var out: [Declaration] = []
        var claimed = Set<Int>()
        for (kind, regex) in rules {
            for m in regex.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
                let name = m.range(withName: "name")
                guard name.location != NSNotFound, claimed.insert(name.location).inserted else { continue }
                let basesRange = m.range(withName: "bases")
                let bases = basesRange.location == NSNotFound ? [] : ns.substring(with: basesRange)
                    .components(separatedBy: CharacterSet(charactersIn: ",&+ \t"))
                    .map { $0.split(separator: ".").last.map(String.init) ?? "" }
                    .filter { !$0.isEmpty && $0.first!.isUppercase && !["ABC", "Protocol", "ABCMeta", "Sendable", "Codable",
                                                                         "Equatable", "Hashable", "Error", "Object"].contains($0) }
                out.append(Declaration(kind: kind, name: ns.substring(with: name), bases: bases))
            }
        }
        return out
    }

    static let environmentRegex = try! NSRegularExpression(pattern:
        #"(?:getenv|Getenv|env::var|environ(?:ment)?\s*\[|environ\.get|process\.env\.|ENV\[|\$\{\{\s*(?:env|secrets)\.)\W{0,3}(?<name>[A-Z][A-Z0-9_]{2,})"#)

    /// Environment variables read in `text` (`getenv("X")`, `process.env.X`, `os.environ["X"]`,
    /// `ProcessInfo.processInfo.environment["X"]`, `${{ env.X }}` …).
    static func environmentVariables(in text: String) -> [String] {
        let ns = text as NSString
        return environmentRegex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map {
            ns.substring(with: $0.range(withName: "name"))
        }
    }
}
