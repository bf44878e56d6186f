import Foundation
import MonteCarlo
import Scheduling
import Testing
import TasksTestSupport

/// Same seed, same answer: whatever the thread count or chunking, and any iteration can be
/// replayed alone.
@Suite("Reproducibility")
struct ReproducibilityTests {
    /// Slots, CPU, memory, a lock and a pool all bind at times, and some durations are fixed, so
    /// every field of an estimate (utilisation, contention, waves) has something to say.
    static func plan() -> ScheduleBuilder {
        ScheduleBuilder(maxConcurrent: 3, cpuCores: 6, memoryGB: 8)
            .exclusive("migrations").pool("testdb", capacity: 2)
            .task("setup", 1, cpu: 1, memoryMB: 512)
            .task("api", pert: (2, 4, 9), after: ["setup"], cpu: 2, memoryMB: 2048)
            .task("db", pert: (1, 3, 6), after: ["setup"], cpu: 1, memoryMB: 1024, exclusive: ["migrations"])
            .task("seed", pert: (0.5, 1, 3), after: ["db"], cpu: 1, memoryMB: 512, exclusive: ["migrations"])
            .task("ui", pert: (3, 5, 12), after: ["setup"], cpu: 2, memoryMB: 3072)
            .task("t1", pert: (1, 2, 4), after: ["api", "seed"], cpu: 1, memoryMB: 1024, shared: ["testdb": 1])
            .task("t2", pert: (1, 2, 5), after: ["api", "seed"], cpu: 1, memoryMB: 1024, shared: ["testdb": 1])
            .task("t3", pert: (1, 1.5, 2), after: ["ui"], cpu: 1, memoryMB: 1024, shared: ["testdb": 2])
            .task("docs", pert: (1, 2, 8), cpu: 1, memoryMB: 256)
            .task("ship", 0.5, after: ["t1", "t2", "t3", "docs"], cpu: 1, memoryMB: 256)
    }

    static func assertIdentical(_ x: Estimate, _ y: Estimate, _ label: String) {
        #expect(x.iterations == y.iterations, "\(label)")
        for (a, b) in zip(x.models, y.models) {
            let m = "\(label) \(a.model)"
            #expect(a.model == b.model, "\(m)")
            // DistributionSummary is Equatable over every quantile, SE, bin and CDF point: bit for bit.
            #expect(a.makespan == b.makespan, "\(m): makespan summaries differ")
            #expect(a.makespan.mean.bitPattern == b.makespan.mean.bitPattern, "\(m)")
            #expect(a.waves == b.waves, "\(m): wave summaries differ")
            #expect(a.mostLikelyHours == b.mostLikelyHours, "\(m)")
            #expect(a.averageCPUPercent == b.averageCPUPercent, "\(m): average CPU% differs")
            #expect(a.peakCPUPercent == b.peakCPUPercent, "\(m)")
            #expect(a.averageMemoryPercent == b.averageMemoryPercent, "\(m): average memory% differs")
            #expect(a.peakMemoryPercent == b.peakMemoryPercent, "\(m)")
            #expect(a.averageConcurrency == b.averageConcurrency, "\(m): average concurrency differs")
            #expect(a.maxConcurrency == b.maxConcurrency, "\(m)")
            #expect(a.contention == b.contention, "\(m)")
            #expect(a.criticality == b.criticality, "\(m)")
            #expect(a.sensitivity == b.sensitivity, "\(m)")
            #expect(a.medianIteration == b.medianIteration, "\(m)")
            #expect(a.failedRunShare == b.failedRunShare, "\(m)")
        }
    }

    @Test("the same seed gives identical estimates with 1 and 2 threads; another seed differs")
    func threadCount() throws {
        let mc = try engine(Self.plan(), waves: WaveConfiguration(maxWaveSize: 3))
        // 1,000 iterations in chunks of 64: 16 chunks, so two threads really interleave them.
        let base = settings(iterations: 1_000, threads: 1, detailedRuns: 60, chunkSize: 64)
        var two = base
        two.threads = 2
        let one = try mc.run(base)
        #expect(one.models.allSatisfy { $0.averageCPUPercent != nil && $0.averageMemoryPercent != nil })
        #expect(one.models.allSatisfy { !$0.contention.isEmpty })
        #expect(try #require(one.model(.waveBased)).waves.count > 1)
        Self.assertIdentical(one, try mc.run(two), "threads 1 vs 2")
        Self.assertIdentical(one, try mc.run(base), "run twice")

        var other = two
        other.seed = 2
        let different = try mc.run(other)
        for (a, b) in zip(one.models, different.models) {
            #expect(a.makespan.mean != b.makespan.mean, "\(a.model): seeds 1 and 2 gave the same mean")
            #expect(a.makespan.quantiles.map(\.value) != b.makespan.quantiles.map(\.value), "\(a.model)")
            // …yet they estimate the same thing: the difference is Monte Carlo noise.
            let se = (a.makespan.meanStandardError * a.makespan.meanStandardError
                + b.makespan.meanStandardError * b.makespan.meanStandardError).squareRoot()
            #expect(abs(a.makespan.mean - b.makespan.mean) <= z * se, "\(a.model)")
        }
    }

    /// Chunk boundaries decide which iterations one simulator instance runs back to back. A
    /// simulator that leaked state from one run into the next would make an iteration's makespan
    /// depend on its chunk; the makespan sample must not.
    @Test("every iteration's makespan is independent of the chunk size")
    func chunkSize() throws {
        let mc = try engine(Self.plan(), waves: WaveConfiguration(maxWaveSize: 3))
        let big = try mc.run(settings(iterations: 600, chunkSize: 600))
        for chunk in [1, 7] {
            let small = try mc.run(settings(iterations: 600, chunkSize: chunk))
            for (a, b) in zip(big.models, small.models) {
                #expect(a.makespan == b.makespan, "\(a.model): chunk 600 vs \(chunk)")
                #expect(a.waves == b.waves, "\(a.model): chunk 600 vs \(chunk)")
                #expect(a.maxConcurrency == b.maxConcurrency && a.peakCPUPercent == b.peakCPUPercent, "\(a.model)")
                #expect(a.medianIteration == b.medianIteration, "\(a.model)")
            }
        }
    }

    /// `traced(_:iteration:settings:snapshots:)` is what the report's Gantt chart and
    /// `execution_simulation` replay: iteration i alone must reproduce iteration i of the run.
    @Test("replaying every iteration alone reproduces the run's makespan distribution; medianIteration is closest to P50")
    func replay() throws {
        let mc = try engine(Self.plan(), waves: WaveConfiguration(maxWaveSize: 3))
        let s = settings(iterations: 150, chunkSize: 16)
        let estimate = try mc.run(s)
        for model in estimate.models {
            var replayed = try (0..<s.iterations).map {
                try mc.traced(model.model, iteration: $0, settings: s, snapshots: []).makespanHours
            }
            let unsorted = replayed
            let summary = try DistributionSummary(samples: &replayed, quantiles: s.quantiles)
            #expect(summary == model.makespan, "\(model.model): replayed iterations differ from the run")
            let p50 = model.makespan.q(0.5).value
            let best = unsorted.map { abs($0 - p50) }.min()!
            #expect(abs(unsorted[model.medianIteration] - p50) == best, "\(model.model): medianIteration is not closest to P50")
            #expect(unsorted.firstIndex { abs($0 - p50) == best } == model.medianIteration, "\(model.model): ties go to the earliest")
        }
    }
}
