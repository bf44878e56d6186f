import Foundation

/// Writes artifacts the way every command does: pretty JSON with sorted keys, the content hash
/// filled in, and an atomic replace (temp file, then rename) so nothing is ever half-written.
public enum ArtifactWriter {
    /// Encodes `value` as the pretty, key-sorted JSON text the artifacts use.
    public static func jsonText<T: Encodable>(_ value: T) throws(TasksError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
        } catch {
            throw TasksError(.invalidPlan, "cannot encode artifact: \(error)")
        }
    }

    /// `value` as JSON with `generated.contentHash` set to the hash of its normalised form.
    public static func hashedJSONText<T: Encodable>(_ value: T) throws(TasksError) -> String {
        let tree: JSONValue
        do { tree = try JSONValue(encoding: value) } catch {
            throw TasksError(.invalidPlan, "cannot encode artifact: \(error)")
        }
        return try hashedJSONText(tree: tree)
    }

    /// `tree` as JSON with `generated.contentHash` set: for callers that already hold the tree.
    public static func hashedJSONText(tree: JSONValue) throws(TasksError) -> String {
        guard case .object(var top) = tree, case .object(var generated)? = top["generated"] else {
            return try jsonText(tree)
        }
        generated["contentHash"] = .string(ContentHash.of(tree))
        top["generated"] = .object(generated)
        return try jsonText(JSONValue.object(top))
    }

    /// Writes `text` to `path` atomically, creating the parent directory.
    public static func write(_ text: String, to path: String) throws(TasksError) {
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw TasksError(.invalidArguments, "\(path): cannot write (\(error.localizedDescription))")
        }
    }
}
