import Foundation
import Testing
import TasksTestSupport

/// `tasks estimate --shards N [--backend slurm]`: the merged shards are the unsplit estimate, byte
/// for byte, whichever processes or cluster jobs computed them.
@Suite("sharded estimates", .serialized)
struct ShardedEstimateTests {
    static let files = ["waves.json", "coordinator.json", "dag.json"]

    /// Runs `estimate` into a fresh directory and returns the artifacts' bytes plus stdout.
    func estimate(_ scenario: String, _ extra: [String], environment: [String: String] = [:]) throws -> [Data] {
        let dir = try Fixtures.temporaryDirectory("sharded")
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try CLI.run(["estimate", Fixtures.scenario(scenario), "-n", "700", "--seed", "11", "--json",
                                  "-o", dir.path] + extra,
                                 environment: environment.merging(["SOURCE_DATE_EPOCH": "0"]) { $1 })
        #expect(result.status == 0, "\(result)")
        return try Self.files.map { try Data(contentsOf: dir.appendingPathComponent($0)) } + [Data(result.stdout.utf8)]
    }

    @Test("local shards merge into the unsplit estimate", arguments: ["webapp", "ci-pipeline.yaml"])
    func localShards(_ scenario: String) throws {
        let whole = try estimate(scenario, [])
        // 700 iterations are 6 chunks of 128: 4 shards are uneven and 9 shards leave some empty.
        for shards in ["4", "9"] {
            let merged = try estimate(scenario, ["--shards", shards])
            for (name, (a, b)) in zip(Self.files + ["stdout"], zip(whole, merged)) {
                #expect(a == b, "\(scenario): \(name) differs with \(shards) shards")
            }
        }
    }

    @Test("Slurm shards merge into the local estimate",
          .enabled(if: SlurmFixture.configuration != nil, "\(SlurmFixture.skipReason)"))
    func slurmShards() throws {
        let conf = try #require(SlurmFixture.configuration)
        let whole = try estimate("webapp", [])
        let merged = try estimate("webapp", ["--shards", "4", "--backend", "slurm"], environment: ["SLURM_CONF": conf])
        for (name, (a, b)) in zip(Self.files + ["stdout"], zip(whole, merged)) {
            #expect(a == b, "\(name) differs between local and Slurm")
        }
    }

    @Test("a plan on stdin cannot be sharded; --shards 0 is a bad argument")
    func badRequests() throws {
        let stdin = try CLI.run(["estimate", "-", "--shards", "2"], stdin: Data(try Fixtures.scenarioText("webapp/tasks.json").utf8))
        #expect(stdin.status == 1 && stdin.stderrLines.count == 1 && stdin.stderr.contains("stdin"), "\(stdin)")
        let zero = try CLI.run(["estimate", Fixtures.scenario("webapp"), "--shards", "0"])
        #expect(zero.status == 1 && zero.stderr.contains("--shards"), "\(zero)")
        let precision = try CLI.run(["estimate", Fixtures.scenario("webapp"), "--shards", "2", "--precision", "1"])
        #expect(precision.status == 1 && precision.stderr.contains("--precision"), "\(precision)")
    }
}
