import TaskModel

/// What happened in one run, task by task and resource by resource: the same value whether the
/// simulator produced it in virtual time or the executor in wall-clock time, so reports, tests
/// and the differential check compare like with like.
///
/// Times are hours from the start of the run. A task's life is `predecessorsDoneAt` → `readyAt`
/// (it entered the frontier; later in the wave model when its wave was held) → `firstStartAt` →
/// … → `endAt`; `segments` has every stretch it actually ran (attempts, and the pieces of a
/// paused attempt). Built by `Plan.trace(...)`; `TraceLevel.summary` leaves `segments`, `load`,
/// `criticalChain` and `snapshots` empty.
public struct RunTrace: Sendable, Codable, Equatable {
    public var model: String
    public var priorityRule: String
    public var makespanHours: Double
    public var outcome: RunOutcome
    public var utilization: Utilization
    public var tasks: [Task]
    public var segments: [Segment]
    public var resources: [Resource]
    /// Step series: each point holds from its time until the next point's.
    public var load: [LoadPoint]
    /// From the start of the run to the last finisher, through whichever predecessor, resource
    /// release, barrier or freed capacity delayed each task.
    public var criticalChain: [ChainLink]
    public var waves: [Wave]
    /// The spec's `execution_simulation` blocks, keyed `time_<h>h`.
    public var snapshots: [String: WavesDocument.RollingFrontier.Snapshot]

    enum CodingKeys: String, CodingKey {
        case model, outcome, utilization, tasks, segments, resources, load, waves, snapshots
        case priorityRule = "priority_rule"
        case makespanHours = "makespan_hours"
        case criticalChain = "critical_chain"
    }

    /// How a task's run ended.
    public enum TaskStatus: String, Sendable, Codable, Equatable {
        case completed, failed, blocked
        case notStarted = "not_started"
        /// Started, then left unfinished because the run stopped after a failure.
        case abandoned
    }

    /// How a run segment ended.
    public enum Ending: String, Sendable, Codable, Equatable {
        case completed, failed, paused, abandoned
    }

    /// One task's life in the run: attempts, waits and what held it back.
    public struct Task: Sendable, Codable, Equatable {
        public var id: String
        public var status: TaskStatus
        public var wave: Int?
        public var predecessorsDoneAt: Double?
        public var readyAt: Double?
        public var firstStartAt: Double?
        public var endAt: Double?
        public var attempts: Int
        /// Hours spent ready but not running (all waits, including after retries and pauses).
        public var waitHours: Double
        /// What held it back longest: a resource name, `max_concurrent_tasks`, `cpu_cores`, ….
        public var waitedFor: String?

        enum CodingKeys: String, CodingKey {
            case id, status, wave, attempts
            case predecessorsDoneAt = "predecessors_done_at"
            case readyAt = "ready_at"
            case firstStartAt = "first_start_at"
            case endAt = "end_at"
            case waitHours = "wait_hours"
            case waitedFor = "waited_for"
        }
    }

    /// One stretch of running, from a start or resume to a finish, failure or pause.
    public struct Segment: Sendable, Codable, Equatable {
        public var task: String
        public var attempt: Int
        public var start: Double
        public var end: Double
        public var ending: Ending
        public var worker: Int?
    }

    /// A named resource or limit over the run: utilization, contention and waits.
    public struct Resource: Sendable, Codable, Equatable {
        public var name: String
        /// `exclusive`, `shared_limited`, `avoid_concurrent_with`, or a limit: `cpu_cores`,
        /// `memory_mb`, `concurrency`.
        public var kind: String
        public var capacity: Double?
        /// Time-weighted use / (capacity × makespan).
        public var utilization: Double?
        public var peak: Double
        /// Tasks that had to wait for it.
        public var contentionCount: Int
        public var waitHours: Double

        enum CodingKeys: String, CodingKey {
            case name, kind, capacity, utilization, peak
            case contentionCount = "contention_count"
            case waitHours = "wait_hours"
        }
    }

    /// The machine's load at one instant of the run.
    public struct LoadPoint: Sendable, Codable, Equatable {
        public var time: Double
        public var running: Int
        public var cpuPercent: Double?
        public var memoryPercent: Double?

        enum CodingKeys: String, CodingKey {
            case time, running
            case cpuPercent = "cpu_percent"
            case memoryPercent = "memory_percent"
        }
    }

    /// One task of the critical chain, with why it could not start earlier.
    public struct ChainLink: Sendable, Codable, Equatable {
        /// What made a chain link start when it did.
        public enum Cause: String, Sendable, Codable, Equatable {
            /// Started at the beginning of the run.
            case start
            /// Started when `after`, a predecessor, finished.
            case predecessor
            /// Started when `after` released `resource`.
            case resource
            /// Started when its wave was released by `after` finishing.
            case barrier
            /// Started when `after` finished and freed a slot, CPU or memory.
            case capacity
            /// Started on a timer (backoff, breaker, barrier timeout).
            case timer
        }

        public var task: String
        public var start: Double
        public var end: Double
        public var cause: Cause
        public var after: String?
        public var resource: String?
    }

    /// One wave as it ran: members, release and barrier.
    public struct Wave: Sendable, Codable, Equatable {
        public var index: Int
        public var layer: Int
        public var tasks: [String]
        public var releasedAt: Double?
        public var barrierOpenedAt: Double?
        public var lastFinishedAt: Double?
        public var timedOut: Bool
        /// Members still unfinished when the barrier opened.
        public var carriedOver: Int

        public init(index: Int, layer: Int, tasks: [String], releasedAt: Double?, barrierOpenedAt: Double?,
                    lastFinishedAt: Double?, timedOut: Bool, carriedOver: Int) {
            self.index = index
            self.layer = layer
            self.tasks = tasks
            self.releasedAt = releasedAt
            self.barrierOpenedAt = barrierOpenedAt
            self.lastFinishedAt = lastFinishedAt
            self.timedOut = timedOut
            self.carriedOver = carriedOver
        }

        enum CodingKeys: String, CodingKey {
            case index, layer, tasks
            case releasedAt = "released_at"
            case barrierOpenedAt = "barrier_opened_at"
            case lastFinishedAt = "last_finished_at"
            case timedOut = "timed_out"
            case carriedOver = "carried_over"
        }
    }

    /// The spec's `resource_utilization_forecast` figures for this one run.
    public struct Utilization: Sendable, Codable, Equatable {
        public var averageCPUPercent: Double?
        public var peakCPUPercent: Double?
        public var averageMemoryPercent: Double?
        public var peakMemoryPercent: Double?
        public var averageConcurrency: Double
        public var maxConcurrency: Int

        enum CodingKeys: String, CodingKey {
            case averageCPUPercent = "average_cpu_percent"
            case peakCPUPercent = "peak_cpu_percent"
            case averageMemoryPercent = "average_memory_percent"
            case peakMemoryPercent = "peak_memory_percent"
            case averageConcurrency = "average_concurrency"
            case maxConcurrency = "max_concurrency"
        }
    }
}

/// How a run ended: every task finished, or some failed for good (and which tasks that left
/// blocked, never started, or abandoned).
public struct RunOutcome: Sendable, Codable, Equatable {
    public var succeeded: Bool
    public var failed: [String]
    public var blocked: [String]
    public var notStarted: [String]
    public var abandoned: [String]
    /// One line: "all 42 tasks finished" or "P1.T003 failed after 4 attempts; 5 tasks blocked".
    public var message: String

    enum CodingKeys: String, CodingKey {
        case succeeded, failed, blocked, abandoned, message
        case notStarted = "not_started"
    }
}
