import Foundation
import MonteCarlo
import TaskGraph
import TaskModel

/// The eight files of a plan directory — the spec's seven artifacts plus `.tasks-meta.json` —
/// rendered from a prepared plan and its Monte Carlo estimate. Nothing here is a constant: every
/// figure in the JSON and in the prose comes from the graph, the scheduler or the estimate.
public struct PlanArtifacts: Sendable {
    public let prepared: PreparedPlan
    public let engine: MonteCarloEngine
    public let estimate: Estimate
    public let timestamp: String
    public let document: PlanDocument
    public let waves: WavesDocument
    public let coordinator: CoordinatorDocument
    public let dag: DagDocument
    public let decision: ModelDecision
    public let planHash: String
    /// `tasks.json` as written (task hashes filled), encoded once.
    let tasksTree: JSONValue

    public var graph: TaskGraph { engine.problem.graph }

    /// The file names in the order they are written; `.tasks-meta.json` last, so a directory with
    /// it is complete.
    public static let fileNames = ["features.json", "tasks.json", "dag.json", "waves.json", "coordinator.json",
                                   "Plan.md", "Decisions.md", PlanMetaFile.fileName]

    public init(prepared: PreparedPlan, engine: MonteCarloEngine, estimate: Estimate, timestamp: String) throws(TasksError) {
        self.prepared = prepared
        self.engine = engine
        self.estimate = estimate
        self.timestamp = timestamp
        let decision = ModelDecision(estimate: estimate, asked: prepared.choices.executionModel,
                                     origin: prepared.choices.executionModelOrigin)
        self.decision = decision
        var document = prepared.loaded.document
        document.meta.executionModel = decision.chosen.rawValue
        document.generated = GeneratedInfo(timestamp: timestamp)
        for i in document.tasks.indices { document.tasks[i].contentHash = nil }
        // One encoding of the whole plan serves every hash: a task's hash is over its own subtree
        // (ContentHash leaves `contentHash` out), the plan's over the tree without the tasks' hashes.
        guard case .object(var top)? = try? JSONValue(encoding: document) else {
            throw TasksError(.invalidPlan, "\(prepared.loaded.sourceName): cannot encode tasks.json")
        }
        if let draft = prepared.draftJSON { Self.passThrough(from: draft, into: &top) }
        guard case .array(var tasks)? = top["tasks"] else {
            throw TasksError(.invalidPlan, "\(prepared.loaded.sourceName): tasks.json has no tasks array")
        }
        for i in tasks.indices {
            let hash = String(ContentHash.of(tasks[i]).prefix(16))
            document.tasks[i].contentHash = hash
            if case .object(var fields) = tasks[i] {
                fields["contentHash"] = .string(hash)
                tasks[i] = .object(fields)
            }
        }
        top["tasks"] = .array(tasks)
        self.document = document
        self.tasksTree = .object(top)
        let hash = ContentHash.of(tasksTree)
        self.planHash = hash
        let documents = try engine.artifactDocuments(estimate, planHash: hash, timestamp: timestamp,
                                                     planCoordinator: prepared.loaded.coordinator)
        waves = documents.waves
        coordinator = documents.coordinator
        dag = documents.dag
    }

    /// Copies the draft's fields that the typed model dropped: unknown top-level and `meta` keys,
    /// and unknown keys of each task that kept its id (a split task's parts are new tasks).
    static func passThrough(from draft: JSONValue, into top: inout [String: JSONValue]) {
        guard case .object(let raw) = draft else { return }
        for (key, value) in raw where top[key] == nil { top[key] = value }
        if case .object(let rawMeta)? = raw["meta"], case .object(var meta)? = top["meta"] {
            for (key, value) in rawMeta where meta[key] == nil { meta[key] = value }
            top["meta"] = .object(meta)
        }
        guard case .array(let rawTasks)? = raw["tasks"], case .array(var tasks)? = top["tasks"] else { return }
        var byID: [String: [String: JSONValue]] = [:]
        for case .object(let t) in rawTasks { if case .string(let id)? = t["id"] { byID[id] = t } }
        for i in tasks.indices {
            guard case .object(var t) = tasks[i], case .string(let id)? = t["id"], let original = byID[id] else { continue }
            for (key, value) in original where t[key] == nil { t[key] = value }
            tasks[i] = .object(t)
        }
        top["tasks"] = .array(tasks)
    }

    /// `(file name, text)` for every file of the plan directory.
    public func files() throws(TasksError) -> [(name: String, text: String)] {
        var features = prepared.features
        features.generated = GeneratedInfo(timestamp: timestamp)
        // Each file is rendered on its own thread: on a 3,000-task plan the encodings took half a
        // second on one core while the other idled.
        let texts: [String]
        do {
            texts = try ChunkedParallel.run(iterations: 0..<7, chunkSize: 1,
                                            threads: ProcessInfo.processInfo.activeProcessorCount) { [self, features] range in
                switch range.lowerBound {
                case 0: try ArtifactWriter.hashedJSONText(features)
                case 1: try ArtifactWriter.hashedJSONText(tree: tasksTree)
                case 2: try ArtifactWriter.hashedJSONText(dag)
                case 3: try ArtifactWriter.hashedJSONText(waves)
                case 4: try ArtifactWriter.jsonText(coordinator)
                case 5: planMarkdown()
                default: decisionsMarkdown()
                }
            }
        } catch let error as TasksError {
            throw error
        } catch {
            throw TasksError(.invalidPlan, "cannot render the plan files: \(error)")
        }
        var files = zip(Self.fileNames, texts).map { (name: $0, text: $1) }
        let meta = PlanMetaFile(artifacts: self, files: files)
        files.append((PlanMetaFile.fileName, try ArtifactWriter.jsonText(meta)))
        return files
    }

    /// Writes every file into `directory` (each atomically), creating it.
    public func write(to directory: String) throws(TasksError) {
        for (name, text) in try files() {
            try ArtifactWriter.write(text, to: (directory as NSString).appendingPathComponent(name))
        }
    }
}

/// Which execution model the plan recommends, and why, in measured terms.
public struct ModelDecision: Sendable, Equatable {
    public var chosen: ExecutionModel
    /// True when a flag, `TASKS_EXECUTION_MODEL` or the draft named the model.
    public var wasAsked: Bool
    public var reasons: [String]

    /// Without a request, wave-based is chosen only when its P50 is more than 1 % below the
    /// rolling frontier's (the spec's default model wins near-ties: it adapts to real durations).
    init(estimate: Estimate, asked: ExecutionModel?, origin: String?) {
        let rf = estimate.model(.rollingFrontier)?.makespan.quantile(0.5)?.value
        let wb = estimate.model(.waveBased)?.makespan.quantile(0.5)?.value
        wasAsked = asked != nil
        if let asked {
            chosen = asked
        } else if let rf, let wb, wb < rf * 0.99 {
            chosen = .waveBased
        } else {
            chosen = .rollingFrontier
        }
        var reasons: [String] = []
        if let rf, let wb, wb > 0, rf > 0 {
            let gain = (wb - rf) / wb * 100
            if abs(gain) < 0.05 {
                reasons.append("both models finish at P50 in \(HoursFormat.text(rf))")
            } else if gain > 0 {
                reasons.append(String(format: "rolling frontier is %.1f%% faster at P50: %@ vs %@", gain,
                                      HoursFormat.text(rf), HoursFormat.text(wb)))
            } else {
                reasons.append(String(format: "wave-based is %.1f%% faster at P50: %@ vs %@", (rf - wb) / rf * 100,
                                      HoursFormat.text(wb), HoursFormat.text(rf)))
            }
        }
        if asked != nil { reasons.insert("\(chosen.rawValue) was requested by \(origin ?? "the caller")", at: 0) }
        self.reasons = reasons
    }
}
