import Foundation
import TaskModel

/// One-line JSON objects written by hand: the journal and the event logs write one per task
/// event, and a `JSONEncoder` per line would cost more than the spawn it records.
struct JSONLine {
    private var text = "{"
    private var isEmpty = true

    init() {}

    mutating func string(_ key: String, _ value: String) { field(key, Self.quoted(value)) }

    mutating func number(_ key: String, _ value: Double) {
        field(key, JSONValue.canonicalNumber(value))
    }

    mutating func int(_ key: String, _ value: Int) { field(key, String(value)) }

    mutating func bool(_ key: String, _ value: Bool) { field(key, value ? "true" : "false") }

    mutating func strings(_ key: String, _ values: [String]) {
        field(key, "[" + values.map(Self.quoted).joined(separator: ",") + "]")
    }

    /// A nested object, already rendered.
    mutating func object(_ key: String, _ value: JSONLine) { field(key, value.rendered) }

    var rendered: String { text + "}" }

    /// The object and a newline.
    var line: String { text + "}\n" }

    private mutating func field(_ key: String, _ raw: String) {
        // (`text.count` would walk every character of the line so far.)
        if !isEmpty { text += "," }
        isEmpty = false
        text += Self.quoted(key)
        text += ":"
        text += raw
    }

    static func quoted(_ s: String) -> String { JSONValue.quoted(s) }

    /// Wall-clock time as ISO 8601 UTC with milliseconds (formatted by hand: it is written twice
    /// per task, and `String(format:)` would cost more than the rest of the line).
    static func timestamp() -> String {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        var t = ts.tv_sec
        var p = tm()
        gmtime_r(&t, &p)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : String(v) }
        let ms = Int(ts.tv_nsec / 1_000_000)
        return "\(p.tm_year + 1900)-\(two(p.tm_mon + 1))-\(two(p.tm_mday))T\(two(p.tm_hour)):\(two(p.tm_min)):\(two(p.tm_sec))."
            + (ms < 10 ? "00" : ms < 100 ? "0" : "") + "\(ms)Z"
    }
}
