import ArgumentParser
import Foundation
import TaskModel

/// The `tasks` command: a thin layer that parses, calls the libraries and prints.
///
/// Exit codes follow the spec's table. ArgumentParser's own usage errors (exit 64) are mapped to
/// the spec's 1, and every `TasksError` from the libraries becomes one line on stderr plus its code.
@main
struct Tasks: ParsableCommand {
    // Every command names itself: deriving a name from the type (`String(describing:)`) costs a
    // scan of the conformance tables per type at start-up, ~1 ms of every invocation.
    static let configuration = CommandConfiguration(
        commandName: "tasks", abstract: "Turn a task graph into an honest schedule: validate, analyse, simulate, estimate.",
        version: TasksVersion.current,
        subcommands: [PlanCommand.self, ValidatePlan.self, Graph.self, Simulate.self, Estimate.self, Execute.self,
                      Sweep.self, Check.self, Report.self, ListPlans.self, ShowPlan.self, DiffPlan.self, ArchivePlan.self])

    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            var line = fullMessage(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            if line.hasPrefix("Error: ") { line.removeFirst("Error: ".count) }
            Terminal.error("\(line) (exit \(ExitStatus.invalidArguments.rawValue))")
            Foundation.exit(ExitStatus.invalidArguments.rawValue)
        }
    }
}

/// The version `--version` prints and baselines record.
enum TasksVersion {
    static let current = "0.1.0"
}
