import Dispatch
import Foundation
import MonteCarlo
import Slurm
import TaskModel

/// Runs an estimate's shards as separate `tasks estimate` processes — local children or blocking
/// `srun` jobs — and merges what they write. Each worker is this very binary with this very
/// command line plus `--shard-index/--shard-output`, so it sees the same plan, flags and
/// `TASKS_*` environment; the merge checks that it did.
struct ShardedEstimate {
    let options: ShardOptions
    let planArgument: String

    func run(_ engine: MonteCarloEngine, _ settings: EstimateSettings, planFingerprint: String) throws(TasksError)
        -> MonteCarlo.Estimate
    {
        guard planArgument != "-" else {
            throw TasksError(.invalidArguments, "--shards: the plan must be a path, not stdin, so every shard can read it")
        }
        guard settings.precisionPercent == nil else {
            throw TasksError(.invalidArguments, "--precision cannot be split into shards: it decides the iterations as it goes")
        }
        let cluster = options.backend == .slurm ? try SlurmCluster.connect() : nil
        let fm = FileManager.default
        let cwd = fm.currentDirectoryPath
        let runID = "\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        // Inside the working directory, not /tmp: on a cluster only shared storage reaches the jobs.
        let dir = cwd + "/.tasks-shards-" + runID
        do { try fm.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
            throw TasksError(.invalidArguments, "cannot create \(dir): \(error.localizedDescription)")
        }
        defer { try? fm.removeItem(atPath: dir) }

        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        let arguments = Array(CommandLine.arguments.dropFirst())
        var processes: [Process] = []
        var names: [String] = []
        for k in 0..<options.shards {
            let command = [executable] + arguments + ["--shard-index", "\(k)", "--shard-output", "\(dir)/shard-\(k).json"]
            let process: Process
            if let cluster {
                let name = "tasks-estimate.\(runID).\(k)"
                names.append(name)
                let memory = (try? Environment.int("TASKS_SLURM_MEM_MB")).flatMap { $0 } ?? 1024
                process = cluster.process(for: SlurmJob(name: name, cpus: settings.threads, memoryMB: memory,
                                                        workingDirectory: cwd, command: command))
            } else {
                process = Process()
                process.executableURL = URL(fileURLWithPath: executable)
                process.arguments = Array(command.dropFirst())
            }
            _ = fm.createFile(atPath: "\(dir)/shard-\(k).err", contents: nil)
            process.standardError = FileHandle(forWritingAtPath: "\(dir)/shard-\(k).err")
            process.standardOutput = FileHandle.nullDevice
            processes.append(process)
        }

        let (jobNames, children) = (names, processes)
        let abort = AbortOnSignal {
            cluster?.cancel(names: jobNames)
            for p in children where p.isRunning { p.terminate() }
        }
        defer { abort.disarm() }
        for (k, process) in processes.enumerated() {
            do { try process.run() } catch {
                for p in processes where p.isRunning { p.terminate() }
                throw TasksError(.workerPoolFailed, "shard \(k): cannot start \(process.executableURL?.path ?? "?"): \(error.localizedDescription)")
            }
        }
        processes.forEach { $0.waitUntilExit() }
        if abort.fired { throw TasksError(.userAbort, "interrupted: cancelled \(options.shards) shard jobs") }

        var shards: [EstimateShard] = []
        for (k, process) in processes.enumerated() {
            guard process.terminationStatus == 0 else {
                let err = (try? String(contentsOfFile: "\(dir)/shard-\(k).err", encoding: .utf8)) ?? ""
                let line = err.split(separator: "\n").first.map(String.init) ?? "no message"
                let status = ExitStatus(rawValue: process.terminationStatus) ?? .workerPoolFailed
                throw TasksError(status == .success ? .workerPoolFailed : status,
                                 "shard \(k) of \(options.shards) failed (exit \(process.terminationStatus)): \(line)")
            }
            do {
                let data = try Data(contentsOf: URL(fileURLWithPath: "\(dir)/shard-\(k).json"))
                shards.append(try JSONDecoder().decode(EstimateShard.self, from: data))
            } catch {
                throw TasksError(.workerPoolFailed, "shard \(k) of \(options.shards) wrote no readable result: \(error.localizedDescription)")
            }
        }
        return try engine.merge(shards, settings: settings, planFingerprint: planFingerprint)
    }

    /// Computes one shard in this process and writes it for the coordinator.
    static func runWorker(_ engine: MonteCarloEngine, _ settings: EstimateSettings, index: Int, of count: Int,
                          planFingerprint: String, output: String) throws(TasksError) {
        let shard = try engine.runShard(settings, index: index, of: count, planFingerprint: planFingerprint)
        let data: Data
        do { data = try JSONEncoder().encode(shard) } catch {
            throw TasksError(.invalidPlan, "cannot encode shard \(index): \(error.localizedDescription)")
        }
        try ArtifactWriter.write(String(decoding: data, as: UTF8.self), to: output)
    }
}

/// Turns SIGINT/SIGTERM into a cancellation callback for as long as it is armed.
final class AbortOnSignal: @unchecked Sendable {
    private let sources: [any DispatchSourceSignal]
    private let lock = NSLock()
    private var _fired = false

    var fired: Bool { lock.withLock { _fired } }

    init(_ cancel: @escaping @Sendable () -> Void) {
        var made: [any DispatchSourceSignal] = []
        let queue = DispatchQueue(label: "tasks.abort")
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            made.append(source)
        }
        sources = made
        for source in sources {
            source.setEventHandler { [weak self] in
                self?.lock.withLock { self?._fired = true }
                cancel()
            }
            source.resume()
        }
    }

    func disarm() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
