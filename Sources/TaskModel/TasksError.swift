/// The exit codes of the spec's table; every failure `tasks` reports maps to exactly one.
public enum ExitStatus: Int32, Sendable, Codable, CaseIterable {
    case success = 0
    case invalidArguments = 1
    case codebaseAnalysisFailed = 2
    case cyclicDependencies = 3
    case unresolvableResources = 4
    case invalidPlan = 5
    case workerPoolFailed = 6
    case failedWithCheckpoint = 7
    case failedWithoutCheckpoint = 8
    case userAbort = 9
}

/// A failure the user can act on: one line naming the file and the task or edge, plus the exit code.
///
/// Every layer below the CLI throws this one type (as swift-subprocess does with one error struct and
/// an extensible code), so the CLI maps any failure to the spec's exit table without a `switch` per
/// layer. Bugs are preconditions, not `TasksError`s.
public struct TasksError: Error, Sendable, Equatable, CustomStringConvertible {
    public var status: ExitStatus
    public var message: String

    public init(_ status: ExitStatus, _ message: String) {
        self.status = status
        self.message = message
    }

    public var description: String { "\(message) (exit \(status.rawValue))" }
}
