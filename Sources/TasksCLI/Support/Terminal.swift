import ArgumentParser
import Foundation
import TaskModel

/// Where the CLI writes: results to stdout, diagnostics to stderr, one line each.
enum Terminal {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("tasks: error: \(message)\n".utf8))
    }

    static func warning(_ message: String) {
        FileHandle.standardError.write(Data("tasks: warning: \(message)\n".utf8))
    }

    static func note(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }

    /// `text` with REGRESSED lines in red and IMPROVED in green, when stdout is a terminal and
    /// `NO_COLOR` is unset (https://no-color.org).
    static func highlighted(_ text: String) -> String {
        guard isatty(STDOUT_FILENO) == 1, ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true else {
            return text
        }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            if line.hasPrefix("REGRESSED") || line.hasPrefix("check failed") { return "\u{1B}[31m\(line)\u{1B}[0m" }
            if line.hasPrefix("IMPROVED") || line.hasPrefix("check passed") { return "\u{1B}[32m\(line)\u{1B}[0m" }
            return String(line)
        }.joined(separator: "\n")
    }

    /// Runs `body`; a `TasksError` is printed as one line and becomes the process's exit code.
    static func guarding(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as TasksError {
            self.error(error.description)
            throw ExitCode(error.status.rawValue)
        }
    }
}
