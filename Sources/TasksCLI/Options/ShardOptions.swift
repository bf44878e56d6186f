import ArgumentParser

/// Where an estimate's iterations run: here, in local worker processes, or as Slurm jobs.
struct ShardOptions: ParsableArguments {
    @Option(help: "local (default) or slurm: where the shards of --shards run.")
    var backend: Backend = .local

    @Option(help: "Split the iterations into this many jobs and merge them; the result equals an unsplit run.")
    var shards: Int = 1

    @Option(help: .hidden)
    var shardIndex: Int?

    @Option(help: .hidden)
    var shardOutput: String?

    enum Backend: String, ExpressibleByArgument, CaseIterable {
        case local, slurm
    }

    /// Whether this process coordinates shards run elsewhere.
    var distributes: Bool { shardIndex == nil && (shards > 1 || backend == .slurm) }

    func validate() throws {
        guard shards >= 1, shards <= 1_000 else { throw ValidationError("--shards must be between 1 and 1000, got \(shards)") }
        if (shardIndex == nil) != (shardOutput == nil) {
            throw ValidationError("--shard-index and --shard-output go together")
        }
    }
}
