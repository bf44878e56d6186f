import Foundation
import TaskModel

/// Codebase analysis for `tasks plan` (the spec's phase 1): an inventory of types, interfaces and
/// extension points per language, environment variables, and the shared resources found on disk.
///
/// The declarations come from `ast-grep` when it is installed (`AstGrepScanner`: syntax nodes, so
/// comments and strings do not count), else from a built-in line scanner (one regular expression
/// per construct and language: Swift, Python, TypeScript/JavaScript, Go, Rust, Java), which reads
/// declarations, not semantics: a type declared inside a comment block is counted.
/// Files are visited in sorted order, so the same tree gives the same analysis.
public struct CodebaseScanner {
    public let root: String
    /// At most this many files are read (the largest repositories are sampled in path order).
    public var maxFiles = 20_000
    /// Names kept per list in the inventory; the full counts are in `files`.
    public static let maxNames = 300

    /// Whether `ast-grep` may be used when it is installed (`TASKS_AST_GREP=0` also turns it off).
    public var allowsAstGrep = true

    public init(root: String) { self.root = root }

    /// The `ast-grep` this analysis would use, if any.
    public var astGrepPath: String? { allowsAstGrep ? (astGrepOverride ?? AstGrepScanner.executablePath()) : nil }

    /// An executable to run instead of the `ast-grep` on `PATH` (tests: one that fails).
    var astGrepOverride: String?

    static let skippedDirectories: Set<String> = [
        ".git", ".build", ".swiftpm", "node_modules", "vendor", "target", "dist", "build", "__pycache__", ".venv",
        "venv", "tasks_output", "tasks_archive", ".tox", ".mypy_cache", "Pods", "DerivedData",
    ]

    /// - Throws: `TasksError` exit 2 when `root` is not a readable directory.
    public func analyse() throws(TasksError) -> CodebaseAnalysis {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue,
              FileManager.default.isReadableFile(atPath: root),
              (try? FileManager.default.contentsOfDirectory(atPath: root)) != nil else {
            throw TasksError(.codebaseAnalysisFailed, "\(root): codebase path is not a readable directory")
        }
        let files = listFiles()
        var languages: [String: LanguageScan] = [:]
        var env = Set<String>()
        // ast-grep runs in its own process while this one reads the files for environment
        // variables, so the two overlap: ast-grep was half the time of planning a small plan from
        // this repository's root.
        let root = root
        let structuralScan = astGrepPath.map { path in Background { AstGrepScanner(root: root, executable: path).declarations() } }
        var sourceFiles: [(language: String, file: String)] = []
        for file in files {
            let ext = (file as NSString).pathExtension.lowercased()
            let language = DeclarationPatterns.language(forExtension: ext)
            guard language != nil || ResourceFinder.isConfigFile(file), let text = readText(file) else { continue }
            env.formUnion(DeclarationPatterns.environmentVariables(in: text))
            if let language { sourceFiles.append((language, file)) }
        }
        let structural = structuralScan?.wait()
        for (language, declarations) in structural ?? [:] {
            for d in declarations { languages[language, default: LanguageScan()].record(d) }
        }
        for (language, file) in sourceFiles {
            if structural != nil {
                languages[language, default: LanguageScan()].files += 1
            } else if let text = readText(file) {  // read again: rare (ast-grep absent or failed), and holding every text costs memory
                languages[language, default: LanguageScan()].add(text, patterns: DeclarationPatterns.patterns[language]!)
            }
        }
        let resources = ResourceFinder(root: root, files: files).sharedResources()
        let inventory = CodebaseInventory(
            analyzer: structural == nil ? "builtin" : "ast-grep", filesScanned: files.count,
            languages: languages.mapValues { $0.inventory(limit: Self.maxNames) },
            environmentVariables: Array(env.sorted().prefix(Self.maxNames)))
        let all = languages.values
        let extensionPoints = Set(all.flatMap { $0.extensionPoints })
        let types = Set(all.flatMap { $0.types.keys }).union(all.flatMap { $0.interfaces })
        return CodebaseAnalysis(
            existingAPIs: Array(types.subtracting(extensionPoints).sorted().prefix(Self.maxNames)),
            reusedComponents: Array(Set(all.flatMap { $0.reused }).sorted().prefix(Self.maxNames)),
            extensionPoints: Array(extensionPoints.sorted().prefix(Self.maxNames)),
            sharedResources: resources, inventory: inventory)
    }

    /// The UTF-8 text of `file` (relative to `root`), or nil when it is unreadable, not text, or a
    /// megabyte or more.
    func readText(_ file: String) -> String? {
        guard let data = FileManager.default.contents(atPath: (root as NSString).appendingPathComponent(file)),
              data.count < 1_000_000 else { return nil }
        return String(data: data, encoding: .utf8)
    }

    /// Relative paths of the files under `root`, sorted, skipping build and dependency folders.
    func listFiles() -> [String] {
        var out: [String] = []
        var stack = [""]
        while let dir = stack.popLast(), out.count < maxFiles {
            let full = dir.isEmpty ? root : (root as NSString).appendingPathComponent(dir)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: full) else { continue }
            var subdirectories: [String] = []
            for name in names.sorted() {
                let relative = dir.isEmpty ? name : "\(dir)/\(name)"
                var isDir: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: (full as NSString).appendingPathComponent(name), isDirectory: &isDir)
                if isDir.boolValue {
                    if !Self.skippedDirectories.contains(name) && !(name.hasPrefix(".") && name != ".github" && name != ".circleci") {
                        subdirectories.append(relative)
                    }
                } else if out.count < maxFiles {
                    out.append(relative)
                }
            }
            stack.append(contentsOf: subdirectories.reversed())
        }
        return out.sorted()
    }
}

/// Declarations found in one language's files.
struct LanguageScan {
    var files = 0
    /// Concrete types and how many other types name them as a base.
    var types: [String: Int] = [:]
    var interfaces = Set<String>()
    var abstract = Set<String>()
    var bases: [String: Int] = [:]

    mutating func add(_ text: String, patterns: DeclarationPatterns) {
        files += 1
        for d in patterns.declarations(in: text) { record(d) }
    }

    mutating func record(_ d: DeclarationPatterns.Declaration) {
        switch d.kind {
        case .type: types[d.name, default: 0] += 0
        case .interface: interfaces.insert(d.name)
        case .abstract:
            abstract.insert(d.name)
            types[d.name, default: 0] += 0
        }
        for base in d.bases { bases[base, default: 0] += 1 }
    }

    /// Abstract or open classes, and interfaces or classes that some declaration extends.
    var extensionPoints: Set<String> {
        abstract.union(bases.keys.filter { interfaces.contains($0) || types[$0] != nil })
    }

    /// Declared types that other declarations reuse as a base two or more times.
    var reused: [String] { bases.filter { $0.value >= 2 && types[$0.key] != nil }.map(\.key) }

    func inventory(limit: Int) -> CodebaseInventory.Language {
        CodebaseInventory.Language(files: files, types: Array(types.keys.sorted().prefix(limit)),
                                   interfaces: Array(interfaces.sorted().prefix(limit)),
                                   extensionPoints: Array(extensionPoints.sorted().prefix(limit)))
    }
}
