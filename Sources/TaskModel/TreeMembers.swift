/// The members of one JSON object, read the way a synthesized `Decodable` init reads them through
/// `JSONTreeDecoder`: a required member must be present and of its kind, an optional one that is
/// absent or `null` is nil, anything else refuses (`TreeDecodingRefused`, and the caller falls
/// back to `JSONDecoder`, which words the error).
///
/// The plan's two long arrays (`tasks`, `dependencies`) are decoded through these instead of the
/// `Decoder` protocol: its containers look every key up through generic, type-erased calls, which
/// on a 10,000-task plan cost more than parsing the text (see README "Executor overhead").
struct TreeMembers {
    let members: [String: JSONValue]

    init(_ value: JSONValue) throws {
        guard case .object(let members) = value else { throw TreeDecodingRefused() }
        self.members = members
    }

    func required(_ key: String) throws -> JSONValue {
        guard let v = members[key] else { throw TreeDecodingRefused() }
        return v
    }

    func present(_ key: String) -> JSONValue? {
        guard let v = members[key] else { return nil }
        if case .null = v { return nil }
        return v
    }

    func string(_ key: String) throws -> String? { try present(key).map(Primitive.string) }
    func double(_ key: String) throws -> Double? { try present(key).map(Primitive.double) }
    func bool(_ key: String) throws -> Bool? { try present(key).map(Primitive.bool) }
    func int(_ key: String) throws -> Int? { try present(key).map { v in try Primitive.integer(v, Int.self) } }
    func strings(_ key: String) throws -> [String]? { try present(key).map { v in try Primitive.array(v).map(Primitive.string) } }

    /// An optional member of a type without a hand-written reader, through the generic tree decoder.
    func decoded<T: Decodable>(_ key: String, _ type: T.Type) throws -> T? {
        try present(key).map { v in try JSONTreeDecoder().decode(type, from: v) }
    }

    /// An optional enumeration member, by its raw value (as synthesized `RawRepresentable` decoding).
    func raw<T: RawRepresentable>(_ key: String, _ type: T.Type) throws -> T? where T.RawValue == String {
        try present(key).map { v in
            guard let r = T(rawValue: try Primitive.string(v)) else { throw TreeDecodingRefused() }
            return r
        }
    }

    /// An optional object member whose values are all of one kind (`[String: Int]`, `[String: String]`).
    func dictionary<V>(_ key: String, _ value: (JSONValue) throws -> V) throws -> [String: V]? {
        try present(key).map { v in
            guard case .object(let o) = v else { throw TreeDecodingRefused() }
            return try o.mapValues(value)
        }
    }
}
