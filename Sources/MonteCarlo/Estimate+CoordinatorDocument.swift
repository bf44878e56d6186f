import Foundation
import TaskModel

extension MonteCarloEngine {
    /// `coordinator.json`: the plan's own coordinator when it has one; otherwise the standard
    /// policies with a worker pool sized from the estimate (average and peak concurrency of the
    /// rolling frontier) and a worker template that can run every task of the plan.
    public func coordinatorDocument(_ estimate: Estimate, planCoordinator: CoordinatorDocument?) -> CoordinatorDocument {
        if let planCoordinator { return planCoordinator }
        var document = CoordinatorDocument.standard
        let model = estimate.model(.rollingFrontier) ?? estimate.models.first
        if let model {
            let peak = max(model.maxConcurrency, 1)
            document.workerPool.maxWorkers = peak
            document.workerPool.minWorkers = min(peak, max(1, Int(model.averageConcurrency.rounded(.up))))
        }
        let tasks = problem.graph.plan.document.tasks
        var capabilities = Set<String>()
        var cpu = 0.0, memory = 0.0
        for (i, task) in tasks.enumerated() {
            capabilities.formUnion(task.resourceRequirements?.workerCapabilitiesRequired ?? [])
            cpu = max(cpu, problem.cpuCores[i])
            memory = max(memory, problem.memoryMB[i])
        }
        document.workerPool.workerTemplate.capabilities = capabilities.sorted()
        document.workerPool.workerTemplate.resourceCapacity.cpuCores = max(cpu, 1)
        document.workerPool.workerTemplate.resourceCapacity.memoryMB = max(memory, 256)
        document.coordinator.policies.failureHandling.maxRetries = Int(problem.failurePolicy.maxRetries)
        return document
    }
}
