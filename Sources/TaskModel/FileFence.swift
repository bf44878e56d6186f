import Foundation

/// The spec's file-fence text: `---file:NAME` lines, each followed by that file's content.
///
/// LLMs wrap the content in Markdown code fences more often than not, so a leading ```` ```json ````
/// line and a trailing ```` ``` ```` line of a block are dropped.
public enum FileFence {
    /// Splits fence text into `(name, content)` pairs in order.
    public static func split(_ text: String) -> [(name: String, content: String)] {
        var blocks: [(name: String, content: String)] = []
        var name: String?
        var lines: [Substring] = []
        func close() {
            guard let n = name else { return }
            blocks.append((n, strippingCodeFence(lines).joined(separator: "\n")))
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("---file:") {
                close()
                name = String(trimmed.dropFirst("---file:".count)).trimmingCharacters(in: .whitespaces)
                lines = []
            } else if name != nil {
                lines.append(line)
            }
        }
        close()
        return blocks
    }

    /// Renders `(name, content)` pairs as fence text.
    public static func join(_ files: [(name: String, content: String)]) -> String {
        files.map { "---file:\($0.name)\n\($0.content)\($0.content.hasSuffix("\n") ? "" : "\n")" }.joined()
    }

    static func strippingCodeFence(_ lines: [Substring]) -> [Substring] {
        var body = lines[...]
        while let first = body.first, first.trimmingCharacters(in: .whitespaces).isEmpty { body = body.dropFirst() }
        while let last = body.last, last.trimmingCharacters(in: .whitespaces).isEmpty { body = body.dropLast() }
        if let first = body.first, first.trimmingCharacters(in: .whitespaces).hasPrefix("```") {
            body = body.dropFirst()
            if let last = body.last, last.trimmingCharacters(in: .whitespaces) == "```" { body = body.dropLast() }
        }
        return Array(body)
    }

    static func plan(from text: String, name: String) throws(TasksError) -> LoadedPlan {
        let blocks = split(text)
        guard let tasks = blocks.first(where: { $0.name == "tasks.json" }) else {
            let names = blocks.map(\.name).joined(separator: ", ")
            throw TasksError(.invalidPlan, "\(name): file-fence text has no ---file:tasks.json block (found: \(names))")
        }
        func label(_ file: String) -> String { "\(name):\(file)" }
        var plan = try PlanLoader.decodeTasksJSON(Data(tasks.content.utf8), name: label("tasks.json"))
        for block in blocks {
            let data = Data(block.content.utf8)
            switch block.name {
            case "coordinator.json": plan.coordinator = try PlanLoader.decodeJSON(CoordinatorDocument.self, data, name: label(block.name))
            case "waves.json": plan.waves = try PlanLoader.decodeJSON(WavesDocument.self, data, name: label(block.name))
            case "features.json": plan.features = try PlanLoader.decodeJSON(FeaturesDocument.self, data, name: label(block.name))
            default: continue
            }
        }
        return plan
    }
}
