/// Decodes `Decodable` types from a parsed `JSONValue` tree, so a plan is read once by
/// `JSONValue.parse` and both its typed model and its content hash come from that one tree.
///
/// It accepts a subset of what `JSONDecoder` accepts, with the same results: integers only from
/// numbers that are whole and below 2⁵³ in magnitude (where a `Double` holds the literal exactly),
/// no `Float`, no number as `Bool` or `String`, no string as a number. Everything else throws, and
/// callers then run `JSONDecoder`, which either accepts the input or produces the error message
/// users see; errors thrown here carry no useful coding path.
public struct JSONTreeDecoder {
    public init() {}

    public func decode<T: Decodable>(_ type: T.Type, from tree: JSONValue) throws -> T {
        try TreeDecoder(value: tree).decodeValue(type)
    }
}

/// Why the tree decoder gave up (the caller falls back to `JSONDecoder`).
struct TreeDecodingRefused: Error {}

private struct TreeDecoder: Decoder {
    let value: JSONValue
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == JSONValue.self { return value as! T }
        // The plan's long arrays have hand-written readers (`PlanDocument+TreeDecoding.swift`).
        // (`unsafeBitCast`: the type is checked, and `as! T` would cast the array element by element.)
        if T.self == [TaskSpec].self { return unsafeBitCast(try Primitive.array(value).map(TaskSpec.init(tree:)), to: T.self) }
        if T.self == [Dependency].self { return unsafeBitCast(try Primitive.array(value).map(Dependency.init(tree:)), to: T.self) }
        return try T(from: self)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else { throw TreeDecodingRefused() }
        return KeyedDecodingContainer(KeyedTree<Key>(members: members))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else { throw TreeDecodingRefused() }
        return UnkeyedTree(elements: elements)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleTree(value: value) }
}

/// The primitive conversions, shared by the three container kinds and `TreeMembers`.
enum Primitive {
    static func bool(_ v: JSONValue) throws -> Bool {
        guard case .bool(let b) = v else { throw TreeDecodingRefused() }
        return b
    }

    static func string(_ v: JSONValue) throws -> String {
        guard case .string(let s) = v else { throw TreeDecodingRefused() }
        return s
    }

    static func double(_ v: JSONValue) throws -> Double {
        guard case .number(let d) = v else { throw TreeDecodingRefused() }
        return d
    }

    static func array(_ v: JSONValue) throws -> [JSONValue] {
        guard case .array(let a) = v else { throw TreeDecodingRefused() }
        return a
    }

    static func integer<T: FixedWidthInteger>(_ v: JSONValue, _: T.Type) throws -> T {
        guard case .number(let d) = v, abs(d) < 9_007_199_254_740_992, let i = T(exactly: d) else { throw TreeDecodingRefused() }
        return i
    }
}

private struct KeyedTree<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [String: JSONValue]
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { members.keys.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { members[key.stringValue] != nil }

    func member(_ key: Key) throws -> JSONValue {
        guard let v = members[key.stringValue] else { throw TreeDecodingRefused() }
        return v
    }

    func decodeNil(forKey key: Key) throws -> Bool { try member(key) == .null }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try Primitive.bool(member(key)) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try Primitive.string(member(key)) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try Primitive.double(member(key)) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { throw TreeDecodingRefused() }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try Primitive.integer(member(key), type) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try Primitive.integer(member(key), type) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try Primitive.integer(member(key), type) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try Primitive.integer(member(key), type) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try Primitive.integer(member(key), type) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try Primitive.integer(member(key), type) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try Primitive.integer(member(key), type) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try Primitive.integer(member(key), type) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try Primitive.integer(member(key), type) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try Primitive.integer(member(key), type) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try TreeDecoder(value: member(key)).decodeValue(type)
    }

    // `decodeIfPresent` with one lookup of the key (the protocol's default looks it up three
    // times: `contains`, `decodeNil`, `decode`); absent or null is nil, as there.
    func present(_ key: Key) -> JSONValue? {
        guard let v = members[key.stringValue] else { return nil }
        if case .null = v { return nil }
        return v
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try present(key).map(Primitive.bool) }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try present(key).map(Primitive.string) }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try present(key).map(Primitive.double) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try present(key).map { try Primitive.integer($0, type) } }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try present(key).map { try TreeDecoder(value: $0).decodeValue(type) }
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try TreeDecoder(value: member(key)).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try TreeDecoder(value: member(key)).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { throw TreeDecodingRefused() }
    func superDecoder(forKey key: Key) throws -> any Decoder { TreeDecoder(value: try member(key)) }
}

private struct UnkeyedTree: UnkeyedDecodingContainer {
    let elements: [JSONValue]
    var codingPath: [any CodingKey] { [] }
    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }
    var currentIndex = 0

    init(elements: [JSONValue]) { self.elements = elements }

    mutating func next() throws -> JSONValue {
        guard !isAtEnd else { throw TreeDecodingRefused() }
        defer { currentIndex += 1 }
        return elements[currentIndex]
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else { throw TreeDecodingRefused() }
        if elements[currentIndex] == .null {
            currentIndex += 1
            return true
        }
        return false
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try Primitive.bool(next()) }
    mutating func decode(_ type: String.Type) throws -> String { try Primitive.string(next()) }
    mutating func decode(_ type: Double.Type) throws -> Double { try Primitive.double(next()) }
    mutating func decode(_ type: Float.Type) throws -> Float { throw TreeDecodingRefused() }
    mutating func decode(_ type: Int.Type) throws -> Int { try Primitive.integer(next(), type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try Primitive.integer(next(), type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try Primitive.integer(next(), type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try Primitive.integer(next(), type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try Primitive.integer(next(), type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try Primitive.integer(next(), type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try Primitive.integer(next(), type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try Primitive.integer(next(), type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try Primitive.integer(next(), type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try Primitive.integer(next(), type) }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try TreeDecoder(value: next()).decodeValue(type) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try TreeDecoder(value: next()).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try TreeDecoder(value: next()).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder { TreeDecoder(value: try next()) }
}

private struct SingleTree: SingleValueDecodingContainer {
    let value: JSONValue
    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool { value == .null }
    func decode(_ type: Bool.Type) throws -> Bool { try Primitive.bool(value) }
    func decode(_ type: String.Type) throws -> String { try Primitive.string(value) }
    func decode(_ type: Double.Type) throws -> Double { try Primitive.double(value) }
    func decode(_ type: Float.Type) throws -> Float { throw TreeDecodingRefused() }
    func decode(_ type: Int.Type) throws -> Int { try Primitive.integer(value, type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try Primitive.integer(value, type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try Primitive.integer(value, type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try Primitive.integer(value, type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try Primitive.integer(value, type) }
    func decode(_ type: UInt.Type) throws -> UInt { try Primitive.integer(value, type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try Primitive.integer(value, type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try Primitive.integer(value, type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try Primitive.integer(value, type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try Primitive.integer(value, type) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try TreeDecoder(value: value).decodeValue(type) }
}
