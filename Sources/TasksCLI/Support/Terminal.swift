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
