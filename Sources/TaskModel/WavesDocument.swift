/// `waves.json`: both execution models, with their estimates.
public struct WavesDocument: Codable, Sendable, Equatable {
    public var planId: String
    public var generated: GeneratedInfo?
    public var executionModels: ExecutionModels

    public init(planId: String, generated: GeneratedInfo?, executionModels: ExecutionModels) {
        self.planId = planId
        self.generated = generated
        self.executionModels = executionModels
    }

    enum CodingKeys: String, CodingKey {
        case planId, generated
        case executionModels = "execution_models"
    }

    /// `execution_models`: either model may be absent when only one was estimated.
    public struct ExecutionModels: Codable, Sendable, Equatable {
        public var waveBased: WaveBased?
        public var rollingFrontier: RollingFrontier?

        public init(waveBased: WaveBased?, rollingFrontier: RollingFrontier?) {
            self.waveBased = waveBased
            self.rollingFrontier = rollingFrontier
        }

        enum CodingKeys: String, CodingKey {
            case waveBased = "wave_based"
            case rollingFrontier = "rolling_frontier"
        }
    }

    /// A barrier between waves: `full`, or `quorum` with an optional timeout and fallback.
    public struct Barrier: Codable, Sendable, Equatable {
        public var kind: String
        public var quorum: Double?
        public var timeoutMinutes: Double?
        public var fallback: String?
        public var gateId: String?

        public init(kind: String, quorum: Double? = nil, timeoutMinutes: Double? = nil, fallback: String? = nil,
                    gateId: String? = nil) {
            self.kind = kind
            self.quorum = quorum
            self.timeoutMinutes = timeoutMinutes
            self.fallback = fallback
            self.gateId = gateId
        }
    }

    /// `wave_based`.
    public struct WaveBased: Codable, Sendable, Equatable {
        public var config: Config
        public var waves: [Wave]
        public var totalWaves: Int
        public var estimatedCompletion: Completion

        public init(config: Config, waves: [Wave], totalWaves: Int, estimatedCompletion: Completion) {
            self.config = config
            self.waves = waves
            self.totalWaves = totalWaves
            self.estimatedCompletion = estimatedCompletion
        }

        enum CodingKeys: String, CodingKey {
            case config, waves
            case totalWaves = "total_waves"
            case estimatedCompletion = "estimated_completion"
        }

        /// `config`: the limits the waves were formed under.
        public struct Config: Codable, Sendable, Equatable {
            public var maxWaveSize: Int
            public var barrier: Barrier
            public init(maxWaveSize: Int, barrier: Barrier) {
                self.maxWaveSize = maxWaveSize
                self.barrier = barrier
            }
        }

        /// The wave-based model's total completion estimate.
        public struct Completion: Codable, Sendable, Equatable {
            public var p50Hours: Double
            public var p80Hours: Double
            public var p95Hours: Double
            public init(p50Hours: Double, p80Hours: Double, p95Hours: Double) {
                self.p50Hours = p50Hours
                self.p80Hours = p80Hours
                self.p95Hours = p95Hours
            }
            enum CodingKeys: String, CodingKey {
                case p50Hours = "p50_hours"
                case p80Hours = "p80_hours"
                case p95Hours = "p95_hours"
            }
        }
    }

    /// One wave: its tasks, duration quantiles, resource use and barrier.
    public struct Wave: Codable, Sendable, Equatable {
        public var waveNumber: Int
        public var tasks: [String]
        public var estimates: Estimates
        public var resourceUsage: [String: Double]
        public var barrier: Barrier

        public init(waveNumber: Int, tasks: [String], estimates: Estimates, resourceUsage: [String: Double], barrier: Barrier) {
            self.waveNumber = waveNumber
            self.tasks = tasks
            self.estimates = estimates
            self.resourceUsage = resourceUsage
            self.barrier = barrier
        }

        enum CodingKeys: String, CodingKey {
            case waveNumber, tasks, estimates, barrier
            case resourceUsage = "resource_usage"
        }

        /// A wave's duration quantiles (hours).
        public struct Estimates: Codable, Sendable, Equatable {
            public var units: String
            public var p50Hours: Double
            public var p80Hours: Double
            public var p95Hours: Double
            public init(units: String = "hours", p50Hours: Double, p80Hours: Double, p95Hours: Double) {
                self.units = units
                self.p50Hours = p50Hours
                self.p80Hours = p80Hours
                self.p95Hours = p95Hours
            }
        }
    }

    /// `rolling_frontier`.
    public struct RollingFrontier: Codable, Sendable, Equatable {
        public var initialFrontier: [String]
        public var config: Config
        public var estimatedCompletionTime: CompletionTime
        public var resourceUtilizationForecast: UtilizationForecast
        public var criticalResourceContentions: [Contention]
        public var executionSimulation: [String: Snapshot]
        public var advantagesOverWaveBased: [String]

        public init(initialFrontier: [String], config: Config, estimatedCompletionTime: CompletionTime,
                    resourceUtilizationForecast: UtilizationForecast, criticalResourceContentions: [Contention],
                    executionSimulation: [String: Snapshot], advantagesOverWaveBased: [String]) {
            self.initialFrontier = initialFrontier
            self.config = config
            self.estimatedCompletionTime = estimatedCompletionTime
            self.resourceUtilizationForecast = resourceUtilizationForecast
            self.criticalResourceContentions = criticalResourceContentions
            self.executionSimulation = executionSimulation
            self.advantagesOverWaveBased = advantagesOverWaveBased
        }

        enum CodingKeys: String, CodingKey {
            case config
            case initialFrontier = "initial_frontier"
            case estimatedCompletionTime = "estimated_completion_time"
            case resourceUtilizationForecast = "resource_utilization_forecast"
            case criticalResourceContentions = "critical_resource_contentions"
            case executionSimulation = "execution_simulation"
            case advantagesOverWaveBased = "advantages_over_wave_based"
        }

        /// `config`: the frontier's concurrency and resource-handling settings.
        public struct Config: Codable, Sendable, Equatable {
            public var maxConcurrentTasks: Int
            public var schedulingAlgorithm: String
            public var frontierUpdatePolicy: String
            public var coordinatorConfigRef: String
            public init(maxConcurrentTasks: Int, schedulingAlgorithm: String = "resource_aware_greedy",
                        frontierUpdatePolicy: String = "immediate", coordinatorConfigRef: String = "coordinator.json") {
                self.maxConcurrentTasks = maxConcurrentTasks
                self.schedulingAlgorithm = schedulingAlgorithm
                self.frontierUpdatePolicy = frontierUpdatePolicy
                self.coordinatorConfigRef = coordinatorConfigRef
            }
            enum CodingKeys: String, CodingKey {
                case maxConcurrentTasks = "max_concurrent_tasks"
                case schedulingAlgorithm = "scheduling_algorithm"
                case frontierUpdatePolicy = "frontier_update_policy"
                case coordinatorConfigRef = "coordinator_config_ref"
            }
        }

        /// `estimated_completion_time`: the frontier's makespan quantiles.
        public struct CompletionTime: Codable, Sendable, Equatable {
            public var optimalHours: Double
            public var p50Hours: Double
            public var p95Hours: Double
            /// Extension: the frontier's P80, which the spec's example omits but capacity planners use.
            public var p80Hours: Double?
            public init(optimalHours: Double, p50Hours: Double, p80Hours: Double?, p95Hours: Double) {
                self.optimalHours = optimalHours
                self.p50Hours = p50Hours
                self.p80Hours = p80Hours
                self.p95Hours = p95Hours
            }
            enum CodingKeys: String, CodingKey {
                case optimalHours = "optimal_hours"
                case p50Hours = "p50_hours"
                case p80Hours = "p80_hours"
                case p95Hours = "p95_hours"
            }
        }

        /// `resource_utilization_forecast`: average and peak CPU, memory and concurrency.
        public struct UtilizationForecast: Codable, Sendable, Equatable {
            public var averageCPUPercent: Double
            public var peakCPUPercent: Double
            public var averageMemoryPercent: Double
            public var peakMemoryPercent: Double
            public var averageConcurrency: Double
            public var maxConcurrency: Int
            public init(averageCPUPercent: Double, peakCPUPercent: Double, averageMemoryPercent: Double,
                        peakMemoryPercent: Double, averageConcurrency: Double, maxConcurrency: Int) {
                self.averageCPUPercent = averageCPUPercent
                self.peakCPUPercent = peakCPUPercent
                self.averageMemoryPercent = averageMemoryPercent
                self.peakMemoryPercent = peakMemoryPercent
                self.averageConcurrency = averageConcurrency
                self.maxConcurrency = maxConcurrency
            }
            enum CodingKeys: String, CodingKey {
                case averageCPUPercent = "average_cpu_percent"
                case peakCPUPercent = "peak_cpu_percent"
                case averageMemoryPercent = "average_memory_percent"
                case peakMemoryPercent = "peak_memory_percent"
                case averageConcurrency = "average_concurrency"
                case maxConcurrency = "max_concurrency"
            }
        }

        /// One `critical_resource_contentions` entry: a resource's contention points and expected wait.
        public struct Contention: Codable, Sendable, Equatable {
            public var resource: String
            public var contentionPoints: Double
            public var estimatedWaitTimeHours: Double
            public var mitigation: String
            public init(resource: String, contentionPoints: Double, estimatedWaitTimeHours: Double, mitigation: String) {
                self.resource = resource
                self.contentionPoints = contentionPoints
                self.estimatedWaitTimeHours = estimatedWaitTimeHours
                self.mitigation = mitigation
            }
            enum CodingKeys: String, CodingKey {
                case resource, mitigation
                case contentionPoints = "contention_points"
                case estimatedWaitTimeHours = "estimated_wait_time_hours"
            }
        }

        /// A snapshot of one run (`execution_simulation["time_4h"]`).
        public struct Snapshot: Codable, Sendable, Equatable {
            public var running: [String]
            public var ready: [String]
            public var blocked: [String]
            public var completed: [String]?
            public var resourceUsage: [String: Double]
            public init(running: [String], ready: [String], blocked: [String], completed: [String]?,
                        resourceUsage: [String: Double]) {
                self.running = running
                self.ready = ready
                self.blocked = blocked
                self.completed = completed
                self.resourceUsage = resourceUsage
            }
            enum CodingKeys: String, CodingKey {
                case running, ready, blocked, completed
                case resourceUsage = "resource_usage"
            }
        }
    }
}
