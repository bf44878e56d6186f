import Foundation

/// The local Slurm cluster tests run against (`scripts/slurm-local.sh start`), when one answers.
public enum SlurmFixture {
    /// `SLURM_CONF` of a reachable cluster — the environment's, else the default state directory
    /// of `scripts/slurm-local.sh` — or `nil`, and Slurm tests skip saying why.
    public static let configuration: String? = {
        let env = ProcessInfo.processInfo.environment
        let defaultDir = (env["TASKS_SLURM_DIR"] ?? (env["TMPDIR"] ?? "/tmp") + "/tasks-slurm")
        for conf in [env["SLURM_CONF"], defaultDir + "/etc/slurm.conf"].compactMap({ $0 })
        where FileManager.default.fileExists(atPath: conf) {
            if answers(conf) { return conf }
        }
        return nil
    }()

    public static let skipReason = "no Slurm cluster answers; start one with scripts/slurm-local.sh start"

    static func answers(_ conf: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["scontrol", "ping"]
        process.environment = ProcessInfo.processInfo.environment.merging(["SLURM_CONF": conf]) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return false }
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return process.terminationStatus == 0 && out.contains("UP")
    }
}
