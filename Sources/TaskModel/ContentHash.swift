import Crypto
import Foundation

/// Content hashes and deterministic timestamps for the plan artifacts (NOTES.md).
///
/// The hash is SHA-256 over the artifact's canonical JSON text (`JSONValue.canonicalText`) with
/// `generated.contentHash`, `generated.timestamp` and a task's own `contentHash` left out, so the
/// same input and seed give the same hash whenever the file is written.
public enum ContentHash {
    /// Hex SHA-256 of the normalised form of `value`.
    public static func of(_ value: JSONValue) -> String {
        var normalised = value.removing(path: ["generated", "contentHash"]).removing(path: ["generated", "timestamp"])
            .removing(path: ["contentHash"])
        if case .object(var top) = normalised, case .array(let tasks)? = top["tasks"] {
            top["tasks"] = .array(tasks.map { $0.removing(path: ["contentHash"]) })
            normalised = .object(top)
        }
        return hex(SHA256.hash(data: normalised.canonicalBytes))
    }

    /// Hex SHA-256 of `text`'s UTF-8 bytes.
    public static func of(text: String) -> String { hex(SHA256.hash(data: Data(text.utf8))) }

    /// Hex SHA-256 of `data`.
    public static func of(data: Data) -> String { hex(SHA256.hash(data: data)) }

    /// Lower-case hex digits. `String(format:)` per byte cost a tenth of a second over the 3,000
    /// task hashes of a large plan.
    static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(2 * SHA256.Digest.byteCount)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The artifacts' timestamp: `SOURCE_DATE_EPOCH` when set (reproducible builds), else now.
    public static func timestamp(environment: [String: String] = ProcessInfo.processInfo.environment,
                                 now: Date = Date()) -> String {
        let date = environment["SOURCE_DATE_EPOCH"].flatMap(TimeInterval.init).map(Date.init(timeIntervalSince1970:)) ?? now
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
