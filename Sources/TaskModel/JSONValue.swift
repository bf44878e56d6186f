/// A JSON value of any shape.
///
/// The v3 schema is open: plans written by people or LLMs carry fields `tasks` does not model, and
/// the spec asks that they survive a round trip. Typed models decode what the engine needs; the
/// original document is kept as a `JSONValue` and merged back in when a plan is written
/// (`JSONValue.merging(unknownFrom:)`).
public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The member `key` of an object, or `nil` for anything else.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var doubleValue: Double? {
        if case .number(let d) = self { return d }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    public var objectValue: [String: JSONValue]? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// Adds the members of `original` that `self` lacks, recursively through objects.
    ///
    /// Arrays are merged element by element when both sides have the same length (a task list that
    /// was only annotated); otherwise `self` wins, because a changed list (a split task, a removed
    /// edge) no longer lines up with the original.
    public func merging(unknownFrom original: JSONValue) -> JSONValue {
        switch (self, original) {
        case (.object(var mine), .object(let theirs)):
            for (key, value) in theirs {
                if let existing = mine[key] {
                    mine[key] = existing.merging(unknownFrom: value)
                } else {
                    mine[key] = value
                }
            }
            return .object(mine)
        case (.array(let mine), .array(let theirs)) where mine.count == theirs.count:
            return .array(zip(mine, theirs).map { $0.merging(unknownFrom: $1) })
        default:
            return self
        }
    }

    /// Removes the member at `path` (object keys), if present.
    public func removing(path: [String]) -> JSONValue {
        guard let head = path.first, case .object(var members) = self else { return self }
        if path.count == 1 {
            members[head] = nil
        } else if let child = members[head] {
            members[head] = child.removing(path: Array(path.dropFirst()))
        }
        return .object(members)
    }
}

extension JSONValue: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        // The decoder cannot say which kind it holds, so each miss costs a thrown error: try the
        // kinds in the order a plan holds them most (objects, then strings), never coercing one
        // into another (JSONDecoder reads neither a number as Bool nor true as a number).
        if container.decodeNil() {
            self = .null
        } else if let o = try? container.decode([String: JSONValue].self) {
            self = .object(o)
        } else if let s = try? container.decode(String.self) {
            self = .string(s)
        } else if let d = try? container.decode(Double.self) {
            self = .number(d)
        } else if let a = try? container.decode([JSONValue].self) {
            self = .array(a)
        } else if let b = try? container.decode(Bool.self) {
            self = .bool(b)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a JSON value")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let b): try container.encode(b)
        case .number(let d): try container.encode(d)
        case .string(let s): try container.encode(s)
        case .array(let a): try container.encode(a)
        case .object(let o): try container.encode(o)
        }
    }
}
