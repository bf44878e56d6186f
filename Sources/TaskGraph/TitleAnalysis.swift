import TaskModel

/// Title heuristics behind `verbFirstPct` and `meceOverlapSuspects`.
public enum TitleAnalysis {
    /// Imperative verbs that open task titles in engineering plans. A title counts as verb-first
    /// when its first word (case-insensitive) is one of them.
    public static let verbs: Set<String> = [
        "add", "adapt", "adjust", "align", "analyze", "analyse", "apply", "archive", "assemble", "assess", "audit",
        "automate", "backfill", "benchmark", "bootstrap", "build", "bump", "cache", "calculate", "capture", "check",
        "clean", "cleanup", "collect", "compile", "compose", "compute", "configure", "connect", "consolidate",
        "containerize", "convert", "copy", "create", "debug", "decide", "decommission", "define", "delete", "deliver",
        "deploy", "deprecate", "describe", "design", "detect", "develop", "disable", "document", "download", "draft",
        "drop", "enable", "encrypt", "enforce", "ensure", "establish", "estimate", "evaluate", "expand", "export",
        "expose", "extend", "extract", "fetch", "finalize", "fix", "format", "generate", "handle", "harden", "hook",
        "identify", "implement", "import", "improve", "index", "initialize", "inspect", "install", "instrument",
        "integrate", "introduce", "investigate", "isolate", "label", "launch", "lint", "load", "localize", "lock",
        "log", "maintain", "make", "map", "measure", "merge", "migrate", "mock", "model", "modify", "monitor", "move",
        "normalize", "optimize", "orchestrate", "package", "parse", "patch", "persist", "pin", "plan", "polish",
        "populate", "port", "prepare", "profile", "prototype", "provision", "prune", "publish", "purge", "query",
        "rebuild", "record", "reduce", "refactor", "register", "release", "remove", "rename", "render", "replace",
        "report", "research", "reset", "resolve", "restore", "restructure", "review", "rewrite", "roll", "rollout",
        "rotate", "route", "run", "scaffold", "scale", "scan", "schedule", "secure", "seed", "separate", "serialize",
        "set", "setup", "ship", "simplify", "snapshot", "spike", "split", "stabilize", "standardize", "start",
        "store", "stream", "stub", "submit", "support", "switch", "sync", "tag", "test", "throttle", "trace", "track",
        "train", "transform", "translate", "triage", "tune", "unify", "update", "upgrade", "upload", "validate",
        "verify", "version", "wire", "write",
    ]

    /// Share of titles that begin with an imperative verb (0 for no titles).
    public static func verbFirstFraction(_ titles: [String]) -> Double {
        guard !titles.isEmpty else { return 0 }
        let hits = titles.lazy.filter { verbs.contains(firstWord($0)) }.count
        return Double(hits) / Double(titles.count)
    }

    /// The title's first run of letters, lower-cased.
    static func firstWord(_ title: String) -> String {
        if let word = asciiKey(title, digits: false, firstRunOnly: true) { return word }
        return title.split(whereSeparator: { !$0.isLetter }).first.map { $0.lowercased() } ?? ""
    }

    /// Tasks whose normalised title (lower case, letters and digits only) equals another task's:
    /// likely the same work written twice (the spec's MECE check).
    public static func overlapSuspects(_ tasks: [TaskSpec]) -> Int {
        var counts: [String: Int] = [:]
        for task in tasks {
            let title = task.title ?? ""
            let key = asciiKey(title, digits: true, firstRunOnly: false)
                ?? String(title.lowercased().filter { $0.isLetter || $0.isNumber })
            guard !key.isEmpty else { continue }
            counts[key, default: 0] += 1
        }
        return counts.values.filter { $0 > 1 }.reduce(0, +)
    }

    /// The letters (and `digits`) of an ASCII `title`, lower-cased (only their first run with
    /// `firstRunOnly`), or nil when the title is not ASCII: the same as `Character.isLetter` and
    /// `isNumber` there. Titles are almost always ASCII, and `Character`'s Unicode property lookups
    /// were most of the time a 3,000-task `dag.json` took.
    static func asciiKey(_ title: String, digits: Bool, firstRunOnly: Bool) -> String? {
        var bytes: [UInt8] = []
        for byte in title.utf8 {
            guard byte < 0x80 else { return nil }
            let letter = (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
            if letter || (digits && byte >= 0x30 && byte <= 0x39) {
                bytes.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
            } else if firstRunOnly && !bytes.isEmpty {
                break
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
