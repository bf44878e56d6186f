/// Why a duration model, table or statistic could not be produced, as one readable line.
///
/// Sampling sits below `TaskModel`, so it cannot throw `TasksError`; callers wrap this message with
/// the file and task they know about. GSL failures arrive here instead of aborting the process,
/// because `GSL.prepare()` turns GSL's default abort handler off before any GSL call.
public struct SamplingError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
