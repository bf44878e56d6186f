import Foundation
import TaskModel

/// The Slurm client commands `tasks` uses: whether a cluster answers, which licenses it defines,
/// and cancelling a run's jobs by name.
public struct SlurmCluster: Sendable {
    /// Directory holding `srun`, `sinfo`, `scontrol` and `scancel`.
    public let binDirectory: String
    public let environment: [String: String]

    /// Finds the client commands on `PATH` and checks that a controller answers.
    /// - Throws: `TasksError` (worker pool, exit 6) when no cluster is reachable.
    public static func connect(environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(TasksError) -> SlurmCluster
    {
        let path = (environment["PATH"] ?? "/usr/bin:/bin") + ":/usr/bin:/usr/local/bin"
        guard let dir = path.split(separator: ":").map(String.init).first(where: {
            FileManager.default.isExecutableFile(atPath: $0 + "/srun")
        }) else {
            throw TasksError(.workerPoolFailed, "--backend slurm: srun is not installed (no srun on PATH)")
        }
        let cluster = SlurmCluster(binDirectory: dir, environment: SlurmEnvironment.forSubmission(environment))
        let ping = cluster.run("scontrol", ["ping"])
        guard ping.status == 0, ping.output.contains("UP") else {
            throw TasksError(.workerPoolFailed, "--backend slurm: no Slurm controller answers (scontrol ping: \(ping.output.split(separator: "\n").first ?? "no output"))")
        }
        return cluster
    }

    /// The cluster's licenses and their totals (`scontrol show licenses`).
    public func licenses() -> [String: Int] {
        let out = run("scontrol", ["show", "licenses", "--oneliner"]).output
        var totals: [String: Int] = [:]
        for line in out.split(separator: "\n") {
            var name: String?
            var total: Int?
            for field in line.split(separator: " ") {
                let kv = field.split(separator: "=", maxSplits: 1).map(String.init)
                guard kv.count == 2 else { continue }
                if kv[0] == "LicenseName" { name = kv[1] }
                if kv[0] == "Total" { total = Int(kv[1]) }
            }
            if let name, let total { totals[name] = total }
        }
        return totals
    }

    /// Cancels the named jobs (queued or running); the tasks get SIGTERM, then SIGKILL after the
    /// cluster's KillWait. Signalling `srun` itself would SIGKILL them with no grace.
    public func cancel(names: [String]) {
        guard !names.isEmpty else { return }
        _ = run("scancel", ["--name=" + names.joined(separator: ",")])
    }

    /// A `Process` that runs `job` through a blocking `srun`.
    public func process(for job: SlurmJob) -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binDirectory + "/srun")
        process.arguments = job.srunArguments
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: job.workingDirectory)
        return process
    }

    func run(_ tool: String, _ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binDirectory + "/" + tool)
        process.arguments = arguments
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return (127, "\(tool): \(error.localizedDescription)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

extension SlurmCluster {
    /// Sends `signal` (a name such as `STOP`, `CONT` or `KILL`) to the named jobs' tasks: the
    /// way to reach a job's processes, which run under slurmd rather than as our children.
    public func signal(_ signal: String, names: [String]) {
        guard !names.isEmpty else { return }
        _ = run("scancel", ["--signal=" + signal, "--name=" + names.joined(separator: ",")])
    }
}
