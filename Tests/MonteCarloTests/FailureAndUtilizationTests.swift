import Foundation
import MonteCarlo
import Scheduling
import TaskModel
import Testing
import TasksTestSupport

/// The running integrals pass 1 keeps (utilisation, concurrency) and the failure draws, against
/// what replaying each iteration with a full trace says.
@Suite("Utilisation and failures")
struct FailureAndUtilizationTests {
    @Test("average CPU%, memory% and concurrency are the per-iteration busy integrals over the makespan, averaged")
    func utilization() throws {
        let plan = EstimateReportTests.checkA().modifyingEveryTask(cpu: 1, memoryMB: 256)
        let mc = try engine(plan.withLimits(cpuCores: 16, memoryGB: 32))
        let s = settings(iterations: 200, chunkSize: 32)
        let estimate = try mc.run(s)
        let cores = 16.0, memoryMB = 32 * 1024.0
        for model in estimate.models {
            var cpu = 0.0, concurrency = 0.0, memory = 0.0
            for i in 0..<s.iterations {
                let trace = try mc.traced(model.model, iteration: i, settings: s, snapshots: [])
                // Utilisation is schedule-independent: every task runs once, unpreempted.
                let busy = trace.tasks.reduce(0.0) { $0 + ($1.endAt! - $1.firstStartAt!) }
                concurrency += busy / trace.makespanHours
                cpu += busy / trace.makespanHours / cores * 100
                memory += busy * 256 / trace.makespanHours / memoryMB * 100
            }
            let n = Double(s.iterations)
            // Same quantities summed in another order: equal to rounding.
            let rounding = 1e-12 * Double(s.iterations)
            #expect(abs(try #require(model.averageCPUPercent) - cpu / n) <= rounding * cpu / n, "\(model.model) CPU%")
            #expect(abs(try #require(model.averageMemoryPercent) - memory / n) <= rounding * memory / n, "\(model.model) memory%")
            #expect(abs(model.averageConcurrency - concurrency / n) <= rounding * concurrency / n, "\(model.model) concurrency")
        }
        // S, then C1 beside P1..P4: five at once in the frontier; the wave model runs the same layer.
        for model in estimate.models {
            #expect(model.maxConcurrency == 5, "\(model.model)")
            #expect(model.peakCPUPercent == 5 / cores * 100, "\(model.model)")
        }
        let free = try mc.run(settings(iterations: 50, ignoreResources: true))
        #expect(free.models.allSatisfy { $0.averageCPUPercent == nil && $0.peakMemoryPercent == nil },
                "ignoring resources reports no utilisation against them")
    }

    /// One task that fails with probability p on each attempt and has r retries fails for good with
    /// probability p^(r+1); the share of such runs is a binomial proportion with SE √(q(1 − q)/N).
    @Test("failedRunShare is p^(retries+1) within 4 SE", arguments: [(0.3, 0), (0.5, 2)])
    func failedRunShare(_ p: Double, _ retries: Int) throws {
        let plan = ScheduleBuilder()
            .task("flaky", pert: (1, 2, 4), maxRetries: retries, failureProbability: p)
            .task("after", 1, after: ["flaky"])
            .task("beside", pert: (1, 2, 3))
        let mc = try engine(plan)
        let n = 4_000
        let estimate = try mc.run(settings(iterations: n, detailedRuns: 30))
        let q = pow(p, Double(retries + 1))
        let se = (q * (1 - q) / Double(n)).squareRoot()
        for model in estimate.models {
            #expect(abs(model.failedRunShare - q) <= z * se,
                    "\(model.model): failed share \(f4(model.failedRunShare)) vs p^(r+1) = \(f4(q)), SE \(f4(se))")
        }
        // With failures on, results still do not depend on the thread count, and replays agree.
        var one = settings(iterations: 300, threads: 1, chunkSize: 16)
        let single = try mc.run(one)
        one.threads = 2
        ReproducibilityTests.assertIdentical(single, try mc.run(one), "faults, threads 1 vs 2")
        for model in single.models {
            var replayed = try (0..<one.iterations).map {
                try mc.traced(model.model, iteration: $0, settings: one, snapshots: []).makespanHours
            }
            #expect(try DistributionSummary(samples: &replayed, quantiles: one.quantiles) == model.makespan,
                    "\(model.model): replays with failures differ from the run")
        }
    }
}

extension ScheduleBuilder {
    /// Every task so far demands `cpu` cores and `memoryMB`.
    func modifyingEveryTask(cpu: Double, memoryMB: Double) -> ScheduleBuilder {
        var copy = self
        for i in copy.tasks.indices {
            copy.tasks[i].resourceRequirements = ResourceRequirements(estimated: .init(cpuCores: cpu, memoryMB: memoryMB))
        }
        return copy
    }

    /// Machine limits on CPU and memory (slots unchanged).
    func withLimits(cpuCores: Double, memoryGB: Double) -> ScheduleBuilder {
        var copy = self
        copy.meta.resourceLimits?.maxCPUCores = cpuCores
        copy.meta.resourceLimits?.maxMemoryGB = memoryGB
        return copy
    }
}
