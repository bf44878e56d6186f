/// One-line descriptions of `DecodingError`s: the JSON path of the value, then what was wrong.
enum DecodingErrorText {
    static func describe(_ error: DecodingError, format: String = "JSON") -> String {
        switch error {
        case .typeMismatch(let type, let ctx):
            return "\(path(ctx.codingPath)): expected \(typeName(type))"
        case .valueNotFound(let type, let ctx):
            return "\(path(ctx.codingPath)): expected \(typeName(type)), found null"
        case .keyNotFound(let key, let ctx):
            return "\(path(ctx.codingPath + [key])): required field is missing"
        case .dataCorrupted(let ctx):
            if ctx.codingPath.isEmpty {
                return "malformed \(format) (\(firstLine(ctx.underlyingError.map { "\($0)" } ?? ctx.debugDescription)))"
            }
            return "\(path(ctx.codingPath)): \(firstLine(ctx.debugDescription))"
        @unknown default:
            return "invalid document"
        }
    }

    /// Keys the model reads as whole numbers; every member of a `shared_resources` demand is one too.
    static let wholeNumberKeys: Set<String> = [
        "max_concurrent_tasks", "capacity", "max_retries", "startLine", "endLine", "start", "end", "waveNumber",
        "total_waves", "min_workers", "max_workers", "max_tasks_per_worker", "maxWaveSize", "round",
    ]

    /// The path of the first fractional number where the model expects a whole number.
    static func fractionalWholeNumber(in value: JSONValue, path: String = "", parentKey: String? = nil) -> String? {
        switch value {
        case .number(let d):
            let expectsWhole = parentKey.map { wholeNumberKeys.contains($0) || $0 == "shared_resources" } ?? false
            return expectsWhole && d != d.rounded() ? path : nil
        case .array(let items):
            for (i, item) in items.enumerated() {
                if let p = fractionalWholeNumber(in: item, path: "\(path)[\(i)]", parentKey: parentKey) { return p }
            }
        case .object(let members):
            for key in members.keys.sorted() {
                let child = path.isEmpty ? key : "\(path).\(key)"
                // Members of shared_resources are unit counts: they inherit the parent's key.
                let inherited = parentKey == "shared_resources" && value.objectValue != nil ? "shared_resources" : key
                if let p = fractionalWholeNumber(in: members[key]!, path: child, parentKey: inherited) { return p }
            }
        default: break
        }
        return nil
    }

    static func path(_ keys: [any CodingKey]) -> String {
        guard !keys.isEmpty else { return "document" }
        var out = ""
        for key in keys {
            if let i = key.intValue {
                out += "[\(i)]"
            } else {
                out += out.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return out
    }

    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is Double.Type, is Int.Type, is Float.Type: "a number"
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        default:
            "\(type)".hasPrefix("Array") || "\(type)".contains("Sequence") ? "an array" : "an object"
        }
    }

    static func firstLine(_ s: String) -> String {
        let line = s.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? s
        return line.count > 160 ? String(line.prefix(160)) + "…" : line
    }
}
