import Foundation
import TaskModel

/// One step of a path into a `JSONValue`: an object member or an array element.
public enum JSONPathItem: Hashable, Sendable, CustomStringConvertible {
    case key(String)
    case index(Int)

    public var description: String {
        switch self {
        case .key(let k): ".\(k)"
        case .index(let i): "[\(i)]"
        }
    }
}

extension JSONValue {
    /// The value at `path`, if there is one.
    public func value(at path: [JSONPathItem]) -> JSONValue? {
        var current = self
        for item in path {
            switch (item, current) {
            case (.key(let k), .object(let o)):
                guard let next = o[k] else { return nil }
                current = next
            case (.index(let i), .array(let a)):
                guard a.indices.contains(i) else { return nil }
                current = a[i]
            default:
                return nil
            }
        }
        return current
    }

    /// A copy with the value at `path` replaced by `newValue`, or removed when it is `nil`.
    /// A missing object member is added; a path through a value of the wrong shape changes nothing.
    public func setting(_ path: [JSONPathItem], to newValue: JSONValue?) -> JSONValue {
        guard let head = path.first else { return newValue ?? .null }
        let rest = Array(path.dropFirst())
        switch (head, self) {
        case (.key(let k), .object(var o)):
            if rest.isEmpty {
                o[k] = newValue
            } else if let child = o[k] {
                o[k] = child.setting(rest, to: newValue)
            }
            return .object(o)
        case (.index(let i), .array(var a)) where a.indices.contains(i):
            if rest.isEmpty {
                if let newValue { a[i] = newValue } else { a.remove(at: i) }
            } else {
                a[i] = a[i].setting(rest, to: newValue)
            }
            return .array(a)
        default:
            return self
        }
    }

    /// Every path below this value (not the root itself), depth first, object keys sorted.
    public func allPaths() -> [[JSONPathItem]] {
        var out: [[JSONPathItem]] = []
        func walk(_ value: JSONValue, _ prefix: [JSONPathItem]) {
            switch value {
            case .object(let o):
                for k in o.keys.sorted() {
                    out.append(prefix + [.key(k)])
                    walk(o[k]!, prefix + [.key(k)])
                }
            case .array(let a):
                for (i, v) in a.enumerated() {
                    out.append(prefix + [.index(i)])
                    walk(v, prefix + [.index(i)])
                }
            default:
                break
            }
        }
        walk(self, [])
        return out
    }

    /// Compact JSON text with sorted keys (through `JSONEncoder`).
    public var jsonText: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }

    /// Parses JSON text.
    public init(jsonText: String) throws {
        self = try JSONDecoder().decode(JSONValue.self, from: Data(jsonText.utf8))
    }
}
