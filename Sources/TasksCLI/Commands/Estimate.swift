import ArgumentParser
import Foundation
import MonteCarlo
import Scheduling
import TaskGraph
import TaskModel

/// `tasks estimate PLAN`: Monte Carlo P50/P80/P95 of both execution models, written as
/// `waves.json`, `coordinator.json` and `dag.json`, and printed side by side.
struct Estimate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "estimate", abstract: "Estimate P50/P80/P95 of both execution models by Monte Carlo (GSL beta-PERT sampling).")

    @OptionGroup var options: PlanOptions
    @OptionGroup var scheduling: SchedulingOptions
    @OptionGroup var monteCarlo: MonteCarloOptions
    @OptionGroup var distribution: ShardOptions

    @Option(name: [.customShort("m"), .long], help: "wave_based, rolling_frontier or both.")
    var model: ModelChoice = .both

    @Option(name: [.customShort("o"), .customLong("output-dir")],
            help: "Write waves.json, coordinator.json and dag.json here (env TASKS_OUTPUT_DIR).")
    var outputDir: String?

    @Flag(name: [.customShort("q"), .long], help: "No progress bar on stderr (env TASKS_QUIET=1).")
    var quiet = false

    @Flag(help: "Print the estimate as JSON (model → p50_hours, p80_hours, p95_hours, …).")
    var json = false

    func run() throws {
        try Terminal.guarding {
            let (loaded, graph) = try options.graph()
            let (problem, waveConfiguration) = try scheduling.build(loaded, graph)
            let engine = try MonteCarloEngine(problem: problem, waveConfiguration: waveConfiguration,
                                              rule: scheduling.priority)
            let settings = try monteCarlo.settings(models: model.models)
            let planHash = ContentHash.of(try loaded.rawJSON())
            if let index = distribution.shardIndex, let output = distribution.shardOutput {
                return try ShardedEstimate.runWorker(engine, settings, index: index, of: distribution.shards,
                                                     planFingerprint: planHash, output: output)
            }
            let estimate: MonteCarlo.Estimate
            if distribution.distributes {
                estimate = try ShardedEstimate(options: distribution, planArgument: options.plan)
                    .run(engine, settings, planFingerprint: planHash)
            } else {
                let progress = ProgressLine(label: "estimate", quiet: quiet)
                estimate = try engine.run(settings, progress: progress.update)
                progress.finish()
                if options.isVerbose, let rate = estimate.taskSamplesPerCPUSecond {
                    Terminal.note(String(format: "engine: %d iterations × %d tasks in %.2f CPU-s of sampling and simulation"
                                         + " (%.2g task-samples per CPU-second)", estimate.iterations, estimate.taskIDs.count,
                                         estimate.engineCPUSeconds, rate))
                }
            }

            if let dir = outputDir ?? Environment.string("TASKS_OUTPUT_DIR") {
                let files = try engine.artifactFiles(estimate, planHash: planHash, timestamp: ContentHash.timestamp(),
                                                     planCoordinator: loaded.coordinator)
                for (name, text) in files {
                    try ArtifactWriter.write(text, to: (dir as NSString).appendingPathComponent(name))
                }
                Terminal.note("wrote \(files.map(\.0).joined(separator: ", ")) to \(dir)")
            }
            if json {
                print(try ArtifactWriter.jsonText(EstimateReport(estimate)), terminator: "")
            } else {
                print(EstimateTable.render(estimate, source: graph.plan.sourceName))
            }
        }
    }
}
