import Foundation
import TaskModel

/// One-line JSON objects written by hand: the journal and the event logs write one per task
/// event, and a `JSONEncoder` per line would cost more than the spawn it records.
struct JSONLine {
    private var text: String
    private var isEmpty = true

    /// Room for a whole event line from the start: growing a `String` from `{` one field at a time
    /// reallocated and copied it four or five times per line.
    init() {
        text = "{"
        text.reserveCapacity(192)
    }

    mutating func string(_ key: String, _ value: String) {
        // Ids, timestamps and event names need no escape: appended in place, no quoted copy.
        guard !value.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
            field(key, Self.quoted(value))
            return
        }
        name(key)
        text += "\""
        text += value
        text += "\""
    }

    mutating func number(_ key: String, _ value: Double) {
        field(key, JSONValue.canonicalNumber(value))
    }

    mutating func int(_ key: String, _ value: Int) { field(key, String(value)) }

    mutating func bool(_ key: String, _ value: Bool) { field(key, value ? "true" : "false") }

    mutating func strings(_ key: String, _ values: [String]) {
        field(key, values.isEmpty ? "[]" : "[" + values.map(Self.quoted).joined(separator: ",") + "]")
    }

    /// A nested object, already rendered.
    mutating func object(_ key: String, _ value: JSONLine) {
        name(key)
        text += value.text
        text += "}"
    }

    /// The object and a newline.
    var line: String { text + "}\n" }

    /// `key` is a plain literal of ours: it needs no escaping.
    private mutating func field(_ key: String, _ raw: String) {
        name(key)
        text += raw
    }

    /// `"key":`, after a comma unless it is the first field. Keys are literals (immortal strings:
    /// appended without a copy or a UTF-8 check).
    private mutating func name(_ key: String) {
        // (`text.count` would walk every character of the line so far.)
        text += isEmpty ? "\"" : ",\""
        isEmpty = false
        text += key
        text += "\":"
    }

    static func quoted(_ s: String) -> String { JSONValue.quoted(s) }

    /// Wall-clock time as ISO 8601 UTC with milliseconds (formatted by hand: `String(format:)`
    /// would cost more than the rest of the line).
    static func timestamp() -> String {
        var stamps = Timestamps()
        return stamps.now()
    }
}

/// Formats the current time for event lines, the part up to the seconds once per second: the
/// event log stamps two lines per task.
struct Timestamps {
    private var second = -1
    private var prefix = ""

    mutating func now() -> String {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        if ts.tv_sec != second {
            second = ts.tv_sec
            var t = ts.tv_sec
            var p = tm()
            gmtime_r(&t, &p)
            func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : String(v) }
            prefix = "\(p.tm_year + 1900)-\(two(p.tm_mon + 1))-\(two(p.tm_mday))T\(two(p.tm_hour)):\(two(p.tm_min)):\(two(p.tm_sec))."
        }
        let ms = Int(ts.tv_nsec / 1_000_000)
        return prefix + (ms < 10 ? "00" : ms < 100 ? "0" : "") + String(ms) + "Z"
    }
}
