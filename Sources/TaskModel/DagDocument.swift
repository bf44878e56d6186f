/// `dag.json`: the filtered dependency graph, its metrics and what was left out of it.
public struct DagDocument: Codable, Sendable, Equatable {
    public var ok: Bool
    public var errors: [String]
    public var warnings: [String]
    public var generated: GeneratedInfo?
    public var metrics: Metrics
    public var topoOrder: [String]
    public var reducedEdgesSample: [[String]]
    public var resourceBottlenecks: [ResourceBottleneck]
    public var softDeps: [Dependency]
    public var lowConfidenceDeps: [Dependency]
    public var cycleBreakSuggestions: [CycleBreak]

    public init(ok: Bool, errors: [String], warnings: [String], generated: GeneratedInfo?, metrics: Metrics,
                topoOrder: [String], reducedEdgesSample: [[String]], resourceBottlenecks: [ResourceBottleneck],
                softDeps: [Dependency], lowConfidenceDeps: [Dependency], cycleBreakSuggestions: [CycleBreak]) {
        self.ok = ok
        self.errors = errors
        self.warnings = warnings
        self.generated = generated
        self.metrics = metrics
        self.topoOrder = topoOrder
        self.reducedEdgesSample = reducedEdgesSample
        self.resourceBottlenecks = resourceBottlenecks
        self.softDeps = softDeps
        self.lowConfidenceDeps = lowConfidenceDeps
        self.cycleBreakSuggestions = cycleBreakSuggestions
    }

    enum CodingKeys: String, CodingKey {
        case ok, errors, warnings, generated, metrics, softDeps, lowConfidenceDeps
        case topoOrder = "topo_order"
        case reducedEdgesSample = "reduced_edges_sample"
        case resourceBottlenecks = "resource_bottlenecks"
        case cycleBreakSuggestions = "cycle_break_suggestions"
    }

    /// `dag.json` → `metrics`.
    public struct Metrics: Codable, Sendable, Equatable {
        public var minConfidenceApplied: Double
        public var keptByType: [String: Int]
        public var droppedByType: [String: Int]
        public var nodes: Int
        public var edges: Int
        public var edgeDensity: Double
        public var widthApprox: Int
        public var widthMethod: String
        public var longestPath: Int
        public var isolatedTasks: Int
        public var lowConfidenceEdgesExcluded: Int
        public var verbFirstPct: Double
        public var meceOverlapSuspects: Int
        public var mutualExclusionEdges: Int
        public var resourceConstrainedTasks: Int
        public var resourceUtilization: [String: ResourceUtilization]
        /// Extension: the most-likely critical path, its length in hours and the edges removed by
        /// transitive reduction.
        public var criticalPath: [String]
        public var criticalPathHours: Double
        public var transitiveEdgesRemoved: Int

        public init(minConfidenceApplied: Double, keptByType: [String: Int], droppedByType: [String: Int], nodes: Int,
                    edges: Int, edgeDensity: Double, widthApprox: Int, widthMethod: String, longestPath: Int,
                    isolatedTasks: Int, lowConfidenceEdgesExcluded: Int, verbFirstPct: Double, meceOverlapSuspects: Int,
                    mutualExclusionEdges: Int, resourceConstrainedTasks: Int,
                    resourceUtilization: [String: ResourceUtilization], criticalPath: [String],
                    criticalPathHours: Double, transitiveEdgesRemoved: Int) {
            self.minConfidenceApplied = minConfidenceApplied
            self.keptByType = keptByType
            self.droppedByType = droppedByType
            self.nodes = nodes
            self.edges = edges
            self.edgeDensity = edgeDensity
            self.widthApprox = widthApprox
            self.widthMethod = widthMethod
            self.longestPath = longestPath
            self.isolatedTasks = isolatedTasks
            self.lowConfidenceEdgesExcluded = lowConfidenceEdgesExcluded
            self.verbFirstPct = verbFirstPct
            self.meceOverlapSuspects = meceOverlapSuspects
            self.mutualExclusionEdges = mutualExclusionEdges
            self.resourceConstrainedTasks = resourceConstrainedTasks
            self.resourceUtilization = resourceUtilization
            self.criticalPath = criticalPath
            self.criticalPathHours = criticalPathHours
            self.transitiveEdgesRemoved = transitiveEdgesRemoved
        }
    }

    /// `metrics.resourceUtilization[name]`.
    public struct ResourceUtilization: Codable, Sendable, Equatable {
        public var totalTasks: Int
        public var capacity: Int
        public var wavesRequired: Int
        public var serializationImpact: String?
        public var utilization: String?

        public init(totalTasks: Int, capacity: Int, wavesRequired: Int, serializationImpact: String?, utilization: String?) {
            self.totalTasks = totalTasks
            self.capacity = capacity
            self.wavesRequired = wavesRequired
            self.serializationImpact = serializationImpact
            self.utilization = utilization
        }

        enum CodingKeys: String, CodingKey {
            case capacity, utilization
            case totalTasks = "total_tasks"
            case wavesRequired = "waves_required"
            case serializationImpact = "serialization_impact"
        }
    }

    /// `resource_bottlenecks[]`.
    public struct ResourceBottleneck: Codable, Sendable, Equatable {
        public var resource: String
        public var impact: String
        public var affectedTasks: [String]
        public var mitigation: String

        public init(resource: String, impact: String, affectedTasks: [String], mitigation: String) {
            self.resource = resource
            self.impact = impact
            self.affectedTasks = affectedTasks
            self.mitigation = mitigation
        }

        enum CodingKeys: String, CodingKey {
            case resource, impact, mitigation
            case affectedTasks = "affected_tasks"
        }
    }

    /// `cycle_break_suggestions[]`: an edge removed to break a cycle, and the cycle it broke.
    public struct CycleBreak: Codable, Sendable, Equatable {
        public var round: Int
        public var cycle: [String]
        public var removed: Dependency
        public var reason: String

        public init(round: Int, cycle: [String], removed: Dependency, reason: String) {
            self.round = round
            self.cycle = cycle
            self.removed = removed
            self.reason = reason
        }
    }
}
