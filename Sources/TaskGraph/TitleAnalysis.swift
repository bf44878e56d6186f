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
        let hits = titles.lazy.filter { title in
            let first = title.split(whereSeparator: { !$0.isLetter }).first.map { $0.lowercased() } ?? ""
            return verbs.contains(first)
        }.count
        return Double(hits) / Double(titles.count)
    }

    /// Tasks whose normalised title (lower case, letters and digits only) equals another task's:
    /// likely the same work written twice (the spec's MECE check).
    public static func overlapSuspects(_ tasks: [TaskSpec]) -> Int {
        var counts: [String: Int] = [:]
        for task in tasks {
            let key = String((task.title ?? "").lowercased().filter { $0.isLetter || $0.isNumber })
            guard !key.isEmpty else { continue }
            counts[key, default: 0] += 1
        }
        return counts.values.filter { $0 > 1 }.reduce(0, +)
    }
}
