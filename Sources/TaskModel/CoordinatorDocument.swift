/// `coordinator.json`: the rolling-frontier coordinator's policies and worker pool.
///
/// The scheduling core reads its policies from here (backpressure thresholds, headroom, retries,
/// worker matching), the same values in simulation and execution. `CoordinatorDocument.standard`
/// holds the defaults used when a plan has no `coordinator.json`.
public struct CoordinatorDocument: Codable, Sendable, Equatable {
    public var coordinator: Coordinator
    public var workerPool: WorkerPool

    public init(coordinator: Coordinator, workerPool: WorkerPool) {
        self.coordinator = coordinator
        self.workerPool = workerPool
    }

    enum CodingKeys: String, CodingKey {
        case coordinator
        case workerPool = "worker_pool"
    }

    /// `coordinator`: the role, its scheduling loop, policies and monitoring.
    public struct Coordinator: Codable, Sendable, Equatable {
        public var role: String
        public var version: String
        public var responsibilities: [String]
        public var schedulingLoop: SchedulingLoop
        public var policies: Policies
        public var monitoring: Monitoring

        enum CodingKeys: String, CodingKey {
            case role, version, responsibilities, policies, monitoring
            case schedulingLoop = "scheduling_loop"
        }
    }

    /// `scheduling_loop`: how often the coordinator decides, and its steps.
    public struct SchedulingLoop: Codable, Sendable, Equatable {
        public var intervalMs: Double
        public var steps: [String]
        enum CodingKeys: String, CodingKey {
            case steps
            case intervalMs = "interval_ms"
        }
    }

    /// `policies`: backpressure, resource allocation, worker matching and failure handling.
    public struct Policies: Codable, Sendable, Equatable {
        public var backpressure: Backpressure
        public var resourceAllocation: ResourceAllocation
        public var workerMatching: WorkerMatching
        public var failureHandling: FailureHandling

        enum CodingKeys: String, CodingKey {
            case backpressure
            case resourceAllocation = "resource_allocation"
            case workerMatching = "worker_matching"
            case failureHandling = "failure_handling"
        }
    }

    /// `backpressure`: the load triggers and how the coordinator recovers from them.
    public struct Backpressure: Codable, Sendable, Equatable {
        public var triggers: [Trigger]
        public var recovery: Recovery

        /// The threshold of the trigger on `metric`, if the policy has one.
        public func threshold(_ metric: String) -> Double? { triggers.first { $0.metric == metric }?.threshold }
    }

    /// One backpressure trigger: a metric, its threshold and the action taken.
    public struct Trigger: Codable, Sendable, Equatable {
        public var metric: String
        public var threshold: Double
        public var action: String
    }

    /// How the coordinator resumes once the load falls: cool-down and gradual resume.
    public struct Recovery: Codable, Sendable, Equatable {
        public var coolDownSeconds: Double
        public var gradualResume: Bool
        public var resumeRate: Double
        enum CodingKeys: String, CodingKey {
            case coolDownSeconds = "cool_down_seconds"
            case gradualResume = "gradual_resume"
            case resumeRate = "resume_rate"
        }
    }

    /// `resource_allocation`: the allocation strategy, headroom, oversubscription and preemption.
    public struct ResourceAllocation: Codable, Sendable, Equatable {
        public var strategy: String
        public var headroomPercent: Double
        public var oversubscriptionAllowed: Bool
        public var preemptionEnabled: Bool
        public var preemptionPriorities: [String]
        enum CodingKeys: String, CodingKey {
            case strategy
            case headroomPercent = "headroom_percent"
            case oversubscriptionAllowed = "oversubscription_allowed"
            case preemptionEnabled = "preemption_enabled"
            case preemptionPriorities = "preemption_priorities"
        }
    }

    /// `worker_matching`: how tasks are matched to workers, and how many a worker takes.
    public struct WorkerMatching: Codable, Sendable, Equatable {
        public var strategy: String
        public var preferSpecializedWorkers: Bool
        public var maxTasksPerWorker: Int
        enum CodingKeys: String, CodingKey {
            case strategy
            case preferSpecializedWorkers = "prefer_specialized_workers"
            case maxTasksPerWorker = "max_tasks_per_worker"
        }
    }

    /// `failure_handling`: retries, backoff, checkpoints and the failure threshold.
    public struct FailureHandling: Codable, Sendable, Equatable {
        public var retryPolicy: String
        public var maxRetries: Int
        public var failureThreshold: Double
        public var cascadePrevention: Bool
        public var checkpointRecovery: Bool
        /// Extension: first retry delay in seconds; each further retry doubles it (default 30).
        public var backoffBaseSeconds: Double?
        /// Extension: checkpoint interval in percent of a task's work (default 25, `--checkpoint-interval`).
        public var checkpointIntervalPercent: Double?
        enum CodingKeys: String, CodingKey {
            case retryPolicy = "retry_policy"
            case maxRetries = "max_retries"
            case failureThreshold = "failure_threshold"
            case cascadePrevention = "cascade_prevention"
            case checkpointRecovery = "checkpoint_recovery"
            case backoffBaseSeconds = "backoff_base_seconds"
            case checkpointIntervalPercent = "checkpoint_interval_percent"
        }
    }

    /// `monitoring`: which metrics are collected and when alerts fire.
    public struct Monitoring: Codable, Sendable, Equatable {
        public var metricsCollectionInterval: Double
        public var metrics: [String]
        public var alerts: [Alert]
        enum CodingKeys: String, CodingKey {
            case metrics, alerts
            case metricsCollectionInterval = "metrics_collection_interval"
        }
    }

    /// One alert: a condition, its action and whom to notify.
    public struct Alert: Codable, Sendable, Equatable {
        public var condition: String
        public var action: String
        public var notify: String
    }

    /// `worker_pool`: pool bounds, scaling and the worker template.
    public struct WorkerPool: Codable, Sendable, Equatable {
        public var minWorkers: Int
        public var maxWorkers: Int
        public var scalingPolicy: String
        public var workerTemplate: WorkerTemplate
        enum CodingKeys: String, CodingKey {
            case minWorkers = "min_workers"
            case maxWorkers = "max_workers"
            case scalingPolicy = "scaling_policy"
            case workerTemplate = "worker_template"
        }
    }

    /// `worker_template`: what every worker can do and how it reports.
    public struct WorkerTemplate: Codable, Sendable, Equatable {
        public var capabilities: [String]
        public var resourceCapacity: ResourceCapacity
        public var executionProtocol: ExecutionProtocol
        enum CodingKeys: String, CodingKey {
            case capabilities
            case resourceCapacity = "resource_capacity"
            case executionProtocol = "execution_protocol"
        }
    }

    /// A worker's CPU and memory.
    public struct ResourceCapacity: Codable, Sendable, Equatable {
        public var cpuCores: Double
        public var memoryMB: Double
        public var diskIOMbps: Double?
        enum CodingKeys: String, CodingKey {
            case cpuCores = "cpu_cores"
            case memoryMB = "memory_mb"
            case diskIOMbps = "disk_io_mbps"
        }
    }

    /// `execution_protocol`: a worker's heartbeat, progress updates and checkpointing.
    public struct ExecutionProtocol: Codable, Sendable, Equatable {
        public var heartbeatInterval: Double
        public var progressUpdates: Bool
        public var canCheckpoint: Bool
        enum CodingKeys: String, CodingKey {
            case heartbeatInterval = "heartbeat_interval"
            case progressUpdates = "progress_updates"
            case canCheckpoint = "can_checkpoint"
        }
    }
}
