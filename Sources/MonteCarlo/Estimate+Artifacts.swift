import TaskGraph
import TaskModel

extension MonteCarloEngine {
    /// The three artifacts an estimate produces — `waves.json`, `coordinator.json`, `dag.json` —
    /// as `(file name, text)` pairs, so `estimate` and `plan` write the very same files.
    public func artifactFiles(_ estimate: Estimate, planHash: String, timestamp: String,
                              planCoordinator: CoordinatorDocument?) throws(TasksError) -> [(name: String, text: String)] {
        let documents = try artifactDocuments(estimate, planHash: planHash, timestamp: timestamp,
                                              planCoordinator: planCoordinator)
        return [
            ("waves.json", try ArtifactWriter.hashedJSONText(documents.waves)),
            ("coordinator.json", try ArtifactWriter.jsonText(documents.coordinator)),
            ("dag.json", try ArtifactWriter.hashedJSONText(documents.dag)),
        ]
    }

    /// The same three artifacts as documents, for callers that also report on them (`plan`).
    public func artifactDocuments(_ estimate: Estimate, planHash: String, timestamp: String,
                                  planCoordinator: CoordinatorDocument?) throws(TasksError)
        -> (waves: WavesDocument, coordinator: CoordinatorDocument, dag: DagDocument)
    {
        (try wavesDocument(estimate, planHash: planHash, timestamp: timestamp),
         coordinatorDocument(estimate, planCoordinator: planCoordinator),
         DagReport.document(for: problem.graph, timestamp: timestamp))
    }
}
