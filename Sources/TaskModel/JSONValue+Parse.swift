import Foundation

extension JSONValue {
    /// Parses RFC 8259 JSON text into a tree, reading the bytes directly.
    ///
    /// `Decodable` cannot ask a decoder which kind of value comes next, so decoding a generic tree
    /// through `JSONDecoder` throws and catches an error for every guess that misses: on a
    /// 3,000-task plan that was most of an estimate's fixed cost. This parser looks at the first
    /// byte instead. Its tree equals the decoder's: numbers are read by `Double(_:)` (correctly
    /// rounded, like the decoder), strings are unescaped the same way. It accepts exactly what the
    /// decoder accepts, except that it rejects an object with a duplicate key instead of keeping
    /// one of them; callers fall back to the decoder, which then decides, when this throws.
    public static func parse(_ data: Data) throws(JSONParseError) -> JSONValue {
        let result = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Result<JSONValue, JSONParseError> in
            var parser = JSONByteParser(bytes: raw.bindMemory(to: UInt8.self))
            return Result { () throws(JSONParseError) -> JSONValue in
                parser.skipWhitespace()
                let value = try parser.value(depth: 0)
                parser.skipWhitespace()
                guard parser.position == parser.bytes.count else { throw parser.error("trailing characters") }
                return value
            }
        }
        return try result.get()
    }
}

extension JSONValue {
    /// The JSON value of an `Encodable` (through `JSONEncoder`, read back by `parse`; the decoder
    /// only if `parse` refuses, which text from `JSONEncoder` never gives it cause to).
    public init<T: Encodable>(encoding value: T) throws {
        let data = try JSONEncoder().encode(value)
        if let tree = try? JSONValue.parse(data) {
            self = tree
        } else {
            self = try JSONDecoder().decode(JSONValue.self, from: data)
        }
    }
}

/// Why `JSONValue.parse` rejected its input, with the byte offset.
public struct JSONParseError: Error, Sendable, Equatable {
    public var message: String
    public var offset: Int
}

/// The cursor of `JSONValue.parse`.
struct JSONByteParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0
    /// Deeper nesting is refused rather than risking the stack (JSONDecoder's limit is 512 too).
    static let maxDepth = 512

    func error(_ message: String) -> JSONParseError { JSONParseError(message: message, offset: position) }

    @inline(__always)
    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    mutating func value(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth < Self.maxDepth else { throw error("nesting too deep") }
        guard position < bytes.count else { throw error("unexpected end of input") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default: return .number(try number())
        }
    }

    mutating func literal(_ word: StaticString) throws(JSONParseError) {
        let n = word.utf8CodeUnitCount
        guard position + n <= bytes.count else { throw error("unexpected end of input") }
        for k in 0..<n where bytes[position + k] != word.utf8Start[k] { throw error("invalid literal") }
        position += n
    }

    mutating func object(depth: Int) throws(JSONParseError) -> JSONValue {
        position += 1
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw error("expected a key") }
            let key = try string()
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw error("expected ':'") }
            position += 1
            skipWhitespace()
            let member = try value(depth: depth + 1)
            guard members.updateValue(member, forKey: key) == nil else { throw error("duplicate key \"\(key)\"") }
            skipWhitespace()
            guard position < bytes.count else { throw error("unexpected end of input") }
            let c = bytes[position]
            position += 1
            if c == UInt8(ascii: "}") { return .object(members) }
            guard c == UInt8(ascii: ",") else { throw error("expected ',' or '}'") }
        }
    }

    mutating func array(depth: Int) throws(JSONParseError) -> JSONValue {
        position += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try value(depth: depth + 1))
            skipWhitespace()
            guard position < bytes.count else { throw error("unexpected end of input") }
            let c = bytes[position]
            position += 1
            if c == UInt8(ascii: "]") { return .array(elements) }
            guard c == UInt8(ascii: ",") else { throw error("expected ',' or ']'") }
        }
    }

    /// A string starting at the opening quote; escapes are decoded, and a string without any
    /// (nearly all of a plan's) is copied in one go.
    mutating func string() throws(JSONParseError) -> String {
        position += 1
        let start = position
        while position < bytes.count {
            let c = bytes[position]
            if c == UInt8(ascii: "\"") {
                let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
                position += 1
                return s
            }
            if c == UInt8(ascii: "\\") { break }
            guard c >= 0x20 else { throw error("control character in a string") }
            position += 1
        }
        var out = Array(bytes[start..<position])
        while position < bytes.count {
            let c = bytes[position]
            position += 1
            switch c {
            case UInt8(ascii: "\""):
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard position < bytes.count else { throw error("unexpected end of input") }
                let e = bytes[position]
                position += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"): try unicodeEscape(into: &out)
                default: throw error("invalid escape")
                }
            default:
                guard c >= 0x20 else { throw error("control character in a string") }
                out.append(c)
            }
        }
        throw error("unterminated string")
    }

    /// `\uXXXX` (after the `u`), joining a surrogate pair into one scalar.
    mutating func unicodeEscape(into out: inout [UInt8]) throws(JSONParseError) {
        let high = try hex4()
        var scalar: UInt32 = high
        if (0xD800...0xDBFF).contains(high) {
            guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u")
            else { throw error("unpaired surrogate") }
            position += 2
            let low = try hex4()
            guard (0xDC00...0xDFFF).contains(low) else { throw error("unpaired surrogate") }
            scalar = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(high) {
            throw error("unpaired surrogate")
        }
        guard let u = Unicode.Scalar(scalar) else { throw error("invalid code point") }
        out.append(contentsOf: UTF8.encode(u)!)
    }

    mutating func hex4() throws(JSONParseError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw error("unexpected end of input") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[position]
            let d: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = c - UInt8(ascii: "A") + 10
            default: throw error("invalid \\u escape")
            }
            v = v << 4 | UInt32(d)
            position += 1
        }
        return v
    }

    /// A number in JSON's grammar (`-? int frac? exp?`), converted by `Double(_:)`.
    mutating func number() throws(JSONParseError) -> Double {
        let start = position
        func digits(_ p: inout Int) -> Int {
            let s = p
            while p < bytes.count, bytes[p] >= UInt8(ascii: "0"), bytes[p] <= UInt8(ascii: "9") { p += 1 }
            return p - s
        }
        var p = position
        if p < bytes.count, bytes[p] == UInt8(ascii: "-") { p += 1 }
        let intStart = p
        let intDigits = digits(&p)
        guard intDigits > 0 else { throw error("invalid value") }
        guard intDigits == 1 || bytes[intStart] != UInt8(ascii: "0") else { throw error("leading zero") }
        if p < bytes.count, bytes[p] == UInt8(ascii: ".") {
            p += 1
            guard digits(&p) > 0 else { throw error("digit expected after '.'") }
        }
        if p < bytes.count, bytes[p] == UInt8(ascii: "e") || bytes[p] == UInt8(ascii: "E") {
            p += 1
            if p < bytes.count, bytes[p] == UInt8(ascii: "+") || bytes[p] == UInt8(ascii: "-") { p += 1 }
            guard digits(&p) > 0 else { throw error("digit expected in exponent") }
        }
        position = p
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<p]), as: UTF8.self)
        guard let d = Double(text), d.isFinite else { throw error("number out of range") }
        return d
    }
}
