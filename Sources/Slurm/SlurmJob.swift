import Foundation

/// One Slurm job as `tasks` submits it: a blocking `srun` of one command, sized and named so the
/// run can find and cancel it (never a step of an enclosing allocation: licenses and limits apply
/// per job, see `SlurmEnvironment`).
public struct SlurmJob: Sendable, Equatable {
    /// Unique within the cluster for the run's lifetime; `scancel --name` finds the job by it.
    public var name: String
    public var cpus: Int
    /// Always passed: without `--mem` a cons_tres cluster may give one job the whole node.
    public var memoryMB: Int
    /// Cluster licenses taken for the job's lifetime (exclusive locks and pool units).
    public var licenses: [String: Int]
    /// A backstop only: Slurm enforces `--time` in whole minutes on a coarse tick, so the caller
    /// keeps exact deadlines itself.
    public var timeLimitSeconds: Double?
    public var workingDirectory: String
    public var command: [String]

    public init(name: String, cpus: Int, memoryMB: Int, licenses: [String: Int] = [:], timeLimitSeconds: Double? = nil,
                workingDirectory: String, command: [String]) {
        self.name = name
        self.cpus = cpus
        self.memoryMB = memoryMB
        self.licenses = licenses
        self.timeLimitSeconds = timeLimitSeconds
        self.workingDirectory = workingDirectory
        self.command = command
    }

    /// The `srun` arguments (without `srun` itself).
    public var srunArguments: [String] {
        var args = ["--quiet", "--job-name=\(name)", "--ntasks=1", "--cpus-per-task=\(max(1, cpus))",
                    "--mem=\(max(1, memoryMB))M", "--chdir=\(workingDirectory)", "--export=ALL"]
        if !licenses.isEmpty {
            args.append("--licenses=" + licenses.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: ","))
        }
        if let limit = timeLimitSeconds, limit.isFinite, limit > 0 {
            args.append("--time=\(Int((limit / 60).rounded(.up)) + 1)")
        }
        return args + ["--"] + command
    }
}
