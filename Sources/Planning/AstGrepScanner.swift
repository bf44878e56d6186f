import Foundation

/// The structural path of the codebase analysis: when `ast-grep` is on `PATH` (and
/// `TASKS_AST_GREP` is not `0`), one `ast-grep scan` with inline rules finds every declaration node
/// (class, struct, enum, protocol/interface, trait, Go type spec) by its tree-sitter kind, so
/// declarations in comments and strings are not counted. Each match's own text is then classified
/// by the same patterns the built-in scanner uses (interface, abstract/open, bases); a node the
/// patterns cannot read counts as a plain type under the name ast-grep captured.
struct AstGrepScanner {
    let root: String
    let executable: String

    /// `ast-grep` on `PATH`, unless `TASKS_AST_GREP=0`.
    static func executablePath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        guard environment["TASKS_AST_GREP"] != "0" else { return nil }
        for dir in (environment["PATH"] ?? "").split(separator: ":") {
            let path = "\(dir)/ast-grep"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// Rule id prefix → (ast-grep language, our language, node kinds).
    static let rules: [(id: String, astLanguage: String, language: String, kinds: [String])] = [
        ("swift", "Swift", "swift", ["class_declaration", "protocol_declaration"]),
        ("python", "Python", "python", ["class_definition"]),
        ("typescript", "TypeScript", "typescript", ["class_declaration", "abstract_class_declaration", "interface_declaration"]),
        ("tsx", "Tsx", "typescript", ["class_declaration", "abstract_class_declaration", "interface_declaration"]),
        ("javascript", "JavaScript", "typescript", ["class_declaration"]),
        ("go", "Go", "go", ["type_spec"]),
        ("rust", "Rust", "rust", ["struct_item", "enum_item", "trait_item"]),
        ("java", "Java", "java", ["class_declaration", "interface_declaration", "enum_declaration", "record_declaration"]),
    ]

    static var inlineRules: String {
        rules.map { rule in
            "id: \(rule.id)\nlanguage: \(rule.astLanguage)\nrule:\n  any:\n"
                + rule.kinds.map { "    - kind: \($0)\n" }.joined()
                + "  has:\n    field: name\n    pattern: $NAME\n"
        }.joined(separator: "---\n")
    }

    /// Declarations per language, or `nil` when ast-grep fails (the caller falls back to the
    /// built-in scanner and says so in `inventory.analyzer`).
    func declarations() -> [String: [DeclarationPatterns.Declaration]]? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["scan", "--inline-rules", Self.inlineRules, "--json=stream"]
            + CodebaseScanner.skippedDirectories.sorted().flatMap { ["--globs", "!**/\($0)/**"] } + ["."]
        process.currentDirectoryURL = URL(fileURLWithPath: root)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        let language = Dictionary(Self.rules.map { ($0.id, $0.language) }, uniquingKeysWith: { a, _ in a })
        var out: [String: [DeclarationPatterns.Declaration]] = [:]
        let decoder = JSONDecoder()
        for line in Self.lines(of: data) {
            guard let match = try? decoder.decode(Match.self, from: line), let lang = language[match.ruleId],
                  let name = match.metaVariables.single["NAME"]?.text else { continue }
            let classified = DeclarationPatterns.patterns[lang]?.declarations(in: match.header).first { $0.name == name }
            out[lang, default: []].append(classified ?? DeclarationPatterns.Declaration(kind: .type, name: name, bases: []))
        }
        return out
    }

    /// The non-empty lines of `data`. `Data.split` went through a generic collection path with an
    /// exclusivity check per byte: a tenth of a second on this repository's output.
    static func lines(of data: Data) -> [Data] {
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var out: [Data] = []
            var start = 0
            while start < bytes.count {
                let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
                if end > start { out.append(Data(bytes[start..<end])) }
                start = end + 1
            }
            return out
        }
    }

    /// The fields of one `--json=stream` line that the scanner reads.
    struct Match: Decodable {
        var ruleId: String
        var lines: String
        var range: Range
        var metaVariables: MetaVariables

        struct MetaVariables: Decodable {
            var single: [String: Node]
        }

        struct Node: Decodable {
            var text: String
            var range: Range?
        }

        struct Range: Decodable {
            var start: Position
        }

        struct Position: Decodable {
            var line: Int
        }

        /// The declaration's own lines: from its first line to the name's, and four more for a
        /// list of bases broken over lines. `lines` is the whole node, a type's entire body; the
        /// patterns ran over every body (nested types again inside their parents), a quarter of a
        /// second on this repository.
        var header: String {
            let nameLine = metaVariables.single["NAME"]?.range?.start.line ?? range.start.line
            let keep = max(0, nameLine - range.start.line) + 5
            return lines.split(separator: "\n", maxSplits: keep, omittingEmptySubsequences: false).prefix(keep)
                .joined(separator: "\n")
        }
    }
}
