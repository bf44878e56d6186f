extension CoordinatorDocument {
    /// The coordinator `tasks` assumes when a plan brings none: the spec's policy structure with
    /// the thresholds of the spec's CLI defaults (`--cpu-threshold 80`, `--memory-threshold 85`,
    /// `--worker-min 2`, `--worker-max 8`, `--checkpoint-interval 25`).
    ///
    /// `capabilities` is empty, which means "any worker can run any task"; a plan that needs
    /// specialised workers says which capabilities its workers have.
    public static let standard = CoordinatorDocument(
        coordinator: Coordinator(
            role: "execution_orchestrator",
            version: "1.0.0",
            responsibilities: [
                "Monitor system resources (CPU, memory, I/O)",
                "Manage task frontier (ready queue)",
                "Assign tasks to workers based on capabilities",
                "Enforce resource limits and mutual exclusions",
                "Handle backpressure and circuit breaking",
                "Track progress and manage checkpoints",
            ],
            schedulingLoop: SchedulingLoop(intervalMs: 1000, steps: [
                "update_frontier()", "check_system_health()", "apply_backpressure()", "prioritize_ready_tasks()",
                "match_tasks_to_workers()", "dispatch_tasks()", "monitor_running_tasks()", "handle_completions()",
                "update_metrics()",
            ]),
            policies: Policies(
                backpressure: Backpressure(
                    triggers: [
                        Trigger(metric: "cpu_usage", threshold: 80, action: "pause_low_priority"),
                        Trigger(metric: "memory_usage", threshold: 85, action: "defer_memory_intensive"),
                        Trigger(metric: "error_rate", threshold: 5, action: "circuit_break"),
                    ],
                    recovery: Recovery(coolDownSeconds: 30, gradualResume: true, resumeRate: 1)),
                resourceAllocation: ResourceAllocation(
                    strategy: "bin_packing_with_headroom", headroomPercent: 0, oversubscriptionAllowed: false,
                    preemptionEnabled: false, preemptionPriorities: ["low", "medium", "high", "critical"]),
                workerMatching: WorkerMatching(strategy: "capability_and_load_balanced", preferSpecializedWorkers: true,
                                               maxTasksPerWorker: 1),
                failureHandling: FailureHandling(
                    retryPolicy: "exponential_backoff", maxRetries: 3, failureThreshold: 0.3, cascadePrevention: true,
                    checkpointRecovery: true, backoffBaseSeconds: 30, checkpointIntervalPercent: 25)),
            monitoring: Monitoring(
                metricsCollectionInterval: 10,
                metrics: ["task_throughput", "average_wait_time", "resource_utilization", "failure_rate",
                          "checkpoint_success_rate"],
                alerts: [Alert(condition: "failure_rate > 0.1", action: "reduce_concurrency", notify: "logs/alerts.log")])),
        workerPool: WorkerPool(
            minWorkers: 2, maxWorkers: 8, scalingPolicy: "adaptive",
            workerTemplate: WorkerTemplate(
                capabilities: [],
                resourceCapacity: ResourceCapacity(cpuCores: 4, memoryMB: 8192, diskIOMbps: 100),
                executionProtocol: ExecutionProtocol(heartbeatInterval: 30, progressUpdates: true, canCheckpoint: true))))
}
