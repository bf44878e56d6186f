import Foundation

/// A plan as read from disk or stdin, before any defaults are applied.
public struct LoadedPlan: Sendable {
    /// The `tasks.json` document.
    public var document: PlanDocument
    /// The `tasks.json` text as read, when the input was JSON: fields `tasks` does not model
    /// survive a rewrite through `rawJSON()`. Decoded only on demand, because most commands never
    /// write the plan back and a generic JSON tree costs more to decode than the typed model.
    public var rawText: Data? {
        didSet { rawTree = nil }
    }
    /// `rawText` already parsed, when loading parsed it; dropped whenever `rawText` changes.
    var rawTree: JSONValue?
    /// How messages name the plan's `tasks.json` (a path, `stdin:tasks.json`, or a YAML file).
    public var sourceName: String
    /// The plan's other artifacts when the input carried them (a plan directory, file-fence text).
    public var coordinator: CoordinatorDocument?
    public var waves: WavesDocument?
    public var features: FeaturesDocument?

    public init(document: PlanDocument, rawText: Data? = nil, sourceName: String) {
        self.document = document
        self.rawText = rawText
        self.sourceName = sourceName
    }

    /// `tasks.json` as a JSON tree: the original text when there was one, else the typed model.
    public func rawJSON() throws(TasksError) -> JSONValue {
        if let rawTree { return rawTree }
        if let rawText {
            // The decoder decides (and names the problem) whatever the fast parser refuses.
            if let tree = try? JSONValue.parse(rawText) { return tree }
            return try PlanLoader.decodeJSON(JSONValue.self, rawText, name: sourceName)
        }
        do { return try JSONValue(encoding: document) } catch {
            throw TasksError(.invalidPlan, "\(sourceName): cannot represent the plan as JSON")
        }
    }
}

/// Reads a plan in any of the accepted forms: a plan directory, a `tasks.json` file, a compact YAML
/// scenario, a PSPLIB `.sm` instance, or the spec's file-fence text (`---file:NAME` blocks), from a
/// path or from stdin (`-`).
///
/// Every failure is a `TasksError`: an unreadable path is exit 1, anything wrong inside a file is
/// exit 5; messages name the file and, where known, the JSON path of the offending value.
public enum PlanLoader {
    /// Loads the plan at `path`; `-` reads stdin, which may hold file-fence text, JSON, YAML or the
    /// path of a plan directory (so `tasks plan ... | tasks execute -` works).
    public static func load(path: String, stdin: () -> Data = { FileHandle.standardInput.readDataToEndOfFile() })
        throws(TasksError) -> LoadedPlan
    {
        if path == "-" {
            let data = stdin()
            guard let text = String(data: data, encoding: .utf8) else {
                throw TasksError(.invalidPlan, "stdin: not UTF-8 text")
            }
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty, !trimmed.contains("\n"), FileManager.default.fileExists(atPath: trimmed) {
                return try load(path: trimmed, stdin: stdin)
            }
            return try parse(text: text, name: "stdin", hint: nil)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw TasksError(.invalidArguments, "\(path): no such file or directory")
        }
        if isDirectory.boolValue {
            return try loadDirectory(path)
        }
        let text = try readText(path)
        return try parse(text: text, name: path, hint: (path as NSString).pathExtension.lowercased())
    }

    /// Parses plan text; `name` is used in messages, `hint` is a file extension if one is known.
    public static func parse(text: String, name: String, hint: String?) throws(TasksError) -> LoadedPlan {
        let head = text.drop(while: { $0.isWhitespace })
        // The cheap substring test first: splitting and trimming every line of a large plan costs
        // more than decoding it. It searches the bytes: Foundation's `contains` would search a
        // UTF-16 copy of the whole text.
        if head.hasPrefix("---file:") || (containsBytes(text, "---file:") && text.split(separator: "\n").contains(where: {
            $0.trimmingCharacters(in: .whitespaces).hasPrefix("---file:")
        })) {
            return try FileFence.plan(from: text, name: name)
        }
        if hint == "sm" || (hint == nil && head.hasPrefix("*****")) {
            return try PSPLIBReader.plan(from: text, name: name)
        }
        if hint == "yaml" || hint == "yml" || (hint != "json" && !head.hasPrefix("{")) {
            return try YAMLScenario.plan(from: text, name: name)
        }
        return try decodeTasksJSON(Data(text.utf8), name: name)
    }

    /// Whether `needle` (not empty) occurs in `text`, searching the UTF-8 bytes in place.
    static func containsBytes(_ text: String, _ needle: StaticString) -> Bool {
        var text = text
        let n = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        return text.withUTF8 { hay in
            guard hay.count >= n.count else { return false }
            var i = 0
            while i <= hay.count - n.count {
                if hay[i] == n[0] {
                    var k = 1
                    while k < n.count && hay[i + k] == n[k] { k += 1 }
                    if k == n.count { return true }
                }
                i += 1
            }
            return false
        }
    }

    static func loadDirectory(_ dir: String) throws(TasksError) -> LoadedPlan {
        let tasksPath = (dir as NSString).appendingPathComponent("tasks.json")
        guard FileManager.default.fileExists(atPath: tasksPath) else {
            throw TasksError(.invalidArguments, "\(dir): no tasks.json in this directory")
        }
        var plan = try decodeTasksJSON(Data(try readText(tasksPath).utf8), name: tasksPath)
        func optional<T: Decodable>(_ file: String, _ type: T.Type) throws(TasksError) -> T? {
            let p = (dir as NSString).appendingPathComponent(file)
            guard FileManager.default.fileExists(atPath: p) else { return nil }
            return try decodeJSON(type, Data(try readText(p).utf8), name: p)
        }
        plan.coordinator = try optional("coordinator.json", CoordinatorDocument.self)
        plan.waves = try optional("waves.json", WavesDocument.self)
        plan.features = try optional("features.json", FeaturesDocument.self)
        return plan
    }

    static func readText(_ path: String) throws(TasksError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TasksError(.invalidArguments, "\(path): cannot read file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw TasksError(.invalidPlan, "\(path): not UTF-8 text")
        }
        return text
    }

    /// Parses the text once into a tree and decodes the typed model from that tree; whatever the
    /// fast path refuses goes through `JSONDecoder`, which accepts it or names the problem.
    static func decodeTasksJSON(_ data: Data, name: String) throws(TasksError) -> LoadedPlan {
        if let tree = try? JSONValue.parse(data), let document = try? JSONTreeDecoder().decode(PlanDocument.self, from: tree) {
            var loaded = LoadedPlan(document: document, rawText: data, sourceName: name)
            loaded.rawTree = tree
            return loaded
        }
        let document = try decodeJSON(PlanDocument.self, data, name: name)
        return LoadedPlan(document: document, rawText: data, sourceName: name)
    }

    /// Decodes `type` from JSON `data`, turning any failure into one line naming `name` and the path.
    public static func decodeJSON<T: Decodable>(_ type: T.Type, _ data: Data, name: String) throws(TasksError) -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            if case .dataCorrupted(let ctx) = error, ctx.codingPath.isEmpty,
               let tree = try? JSONDecoder().decode(JSONValue.self, from: data),
               let path = DecodingErrorText.fractionalWholeNumber(in: tree) {
                // Foundation reports "2.5 where an Int belongs" as invalid JSON without a path.
                throw TasksError(.invalidPlan, "\(name): \(path): expected a whole number")
            }
            throw TasksError(.invalidPlan, "\(name): \(DecodingErrorText.describe(error))")
        } catch {
            throw TasksError(.invalidPlan, "\(name): malformed JSON")
        }
    }
}
