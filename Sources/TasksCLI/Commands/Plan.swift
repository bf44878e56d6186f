import ArgumentParser
import Foundation
import MonteCarlo
import Planning
import TaskGraph
import TaskModel

/// `tasks plan`: the spec's first phase. Takes task proposals from a Markdown spec, an existing
/// plan or file-fence text, or an external planner; analyses the codebase; normalises; estimates
/// both models; writes the seven artifacts plus `.tasks-meta.json`; prints only the directory.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Produce a reviewed, estimated plan directory (the seven artifacts) from a spec, a plan or a planner.",
        discussion: """
            Sources (exactly one): --plan-doc SPEC.md (built-in rule-based extractor), --from FILE|- (tasks.json, \
            YAML scenario, plan directory or file-fence text), or DESCRIPTION with --planner-cmd CMD / TASKS_PLANNER_CMD. \
            stdout carries only the plan directory, so `tasks plan ... | tasks execute -` works.
            """)

    @Argument(help: "What to build (needs --planner-cmd or TASKS_PLANNER_CMD).")
    var description: String?

    @Option(name: [.customShort("f"), .customLong("plan-doc")], help: "Plan from a Markdown spec with the built-in extractor.")
    var planDoc: String?

    @Option(name: .customLong("from"), help: "Plan from an existing tasks.json, YAML scenario, plan directory or file-fence text (- for stdin).")
    var from: String?

    @Option(name: .customLong("planner-cmd"), help: "Planner command for a DESCRIPTION (env TASKS_PLANNER_CMD); answers in file-fence format.")
    var plannerCmd: String?

    @Option(name: [.customShort("p"), .customLong("codebase-path")], help: "Codebase to analyse (default .; env TASKS_CODEBASE_PATH).")
    var codebasePath: String?

    @Option(name: [.customShort("c"), .long],
            help: "Minimum confidence for a DAG edge (default: the draft's, else 0.7; env TASKS_MIN_CONFIDENCE).")
    var minConfidence: Double?

    @Option(name: [.customShort("m"), .customLong("execution-model")],
            help: "wave_based or rolling_frontier (env TASKS_EXECUTION_MODEL); default: the faster by measurement, rolling_frontier on near-ties.")
    var executionModel: String?

    @Option(name: [.customShort("o"), .customLong("output-dir")], help: "Plan directory (default ./tasks_output/; env TASKS_OUTPUT_DIR).")
    var outputDir: String?

    @Flag(name: [.customShort("i"), .long], help: "Show the summary, then ask approve/edit/regenerate/abort (abort is exit 9).")
    var interactive = false

    @Flag(name: [.customShort("v"), .long], help: "Verbose output on stderr (env TASKS_VERBOSE=1).")
    var verbose = false

    @OptionGroup var scheduling: SchedulingOptions
    @OptionGroup var monteCarlo: MonteCarloOptions

    func run() throws {
        try Terminal.guarding {
            let directory = outputDir ?? Environment.string("TASKS_OUTPUT_DIR") ?? "./tasks_output/"
            let codebase = codebasePath ?? Environment.string("TASKS_CODEBASE_PATH") ?? "."
            let analysis = try CodebaseScanner(root: codebase).analyse()
            var (draft, source) = try loadDraft(analysis: analysis)
            var artifacts = try plan(draft, source: source, analysis: analysis)
            try artifacts.write(to: directory)
            try Self.reportValidation(artifacts, directory)
            if interactive {
                var review = PlanReview(directory: directory)
                while let action = try review.ask() {
                    switch action {
                    case .edit:
                        let edited = try review.editTasks()
                        let text = try Self.readText(review.tasksPath)
                        artifacts = try plan(edited, source: PlanSource(kind: "edited", name: review.tasksPath,
                                                                        sha256: ContentHash.of(text: text)), analysis: analysis)
                    case .regenerate:
                        (draft, source) = try loadDraft(analysis: analysis)
                        artifacts = try plan(draft, source: source, analysis: analysis)
                    }
                    try artifacts.write(to: directory)
                    try Self.reportValidation(artifacts, directory)
                }
            }
            print(directory)
        }
    }

    /// Runs `validate-plan`'s rules on the written directory. A draft that lacks what the spec asks
    /// of a complete plan (boundaries, evidence, checks) is still planned; each hard fail is a
    /// warning on stderr, so the reviewer sees what `tasks execute` would reject.
    static func reportValidation(_ artifacts: PlanArtifacts, _ directory: String) throws(TasksError) {
        var loaded = LoadedPlan(document: artifacts.document, sourceName: (directory as NSString).appendingPathComponent("tasks.json"))
        loaded.features = artifacts.prepared.features
        let report = try PlanValidator.validate(loaded, minConfidence: artifacts.graph.minConfidence, timestamp: artifacts.timestamp)
        for finding in report.hardFails.prefix(10) { Terminal.warning("\(finding.message) (validate-plan exits \(finding.exitCode))") }
        if report.hardFails.count > 10 { Terminal.warning("… and \(report.hardFails.count - 10) more hard fails; run tasks validate-plan \(directory)") }
    }

    var isVerbose: Bool { verbose || Environment.flag("TASKS_VERBOSE") }

    /// The draft from the one source given, and where it came from.
    func loadDraft(analysis: CodebaseAnalysis) throws(TasksError) -> (LoadedPlan, PlanSource) {
        let given = [planDoc != nil, from != nil, description != nil].filter { $0 }.count
        guard given == 1 else {
            throw TasksError(.invalidArguments, given == 0
                ? "nothing to plan: give DESCRIPTION (with --planner-cmd), --plan-doc SPEC.md or --from FILE|-"
                : "give only one of DESCRIPTION, --plan-doc and --from")
        }
        if let planDoc {
            let text = try Self.readText(planDoc)
            let extraction = try MarkdownExtractor(text: text, name: planDoc).extract()
            extraction.warnings.forEach(Terminal.warning)
            return (extraction.plan, PlanSource(kind: "plan-doc", name: planDoc, sha256: ContentHash.of(text: text)))
        }
        if let from {
            if from == "-" {
                let text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
                let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
                if !trimmed.isEmpty, !trimmed.contains("\n"), FileManager.default.fileExists(atPath: trimmed) {
                    return try loadPath(trimmed, label: "-")
                }
                return (try PlanLoader.parse(text: text, name: "stdin", hint: nil),
                        PlanSource(kind: "from", name: "-", sha256: ContentHash.of(text: text)))
            }
            return try loadPath(from, label: from)
        }
        let command = plannerCmd ?? Environment.string("TASKS_PLANNER_CMD")
        guard let command else {
            throw TasksError(.invalidArguments, "no planner configured for a description: set --planner-cmd CMD or "
                + "TASKS_PLANNER_CMD, or plan offline with --plan-doc SPEC.md (built-in extractor) or --from tasks.json|scenario.yaml|fence.txt")
        }
        let answer = try PlannerCommand(command: command).run(input: PlannerCommand.input(
            description: description ?? "", minConfidence: try minConfidenceValue(nil), codebase: analysis))
        return (try PlanLoader.parse(text: answer, name: "planner", hint: nil),
                PlanSource(kind: "planner-cmd", name: description ?? "", sha256: ContentHash.of(text: answer)))
    }

    func loadPath(_ path: String, label: String) throws(TasksError) -> (LoadedPlan, PlanSource) {
        let loaded = try PlanLoader.load(path: path)
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        let file = isDirectory.boolValue ? (path as NSString).appendingPathComponent("tasks.json") : path
        return (loaded, PlanSource(kind: "from", name: label, sha256: ContentHash.of(text: try Self.readText(file))))
    }

    static func readText(_ path: String) throws(TasksError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TasksError(.invalidArguments, "\(path): cannot read file")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw TasksError(.invalidPlan, "\(path): not UTF-8 text") }
        return text
    }

    func minConfidenceValue(_ draft: PlanDocument?) throws(TasksError) -> Double {
        let fromEnvironment = try Environment.double("TASKS_MIN_CONFIDENCE")
        let value = minConfidence ?? fromEnvironment ?? draft?.meta.minConfidence ?? 0.7
        guard value.isFinite, (0...1).contains(value) else {
            throw TasksError(.invalidArguments, "--min-confidence must be between 0 and 1, got \(value)")
        }
        return value
    }

    func choices(for draft: PlanDocument) throws(TasksError) -> PlanningChoices {
        let raw = executionModel ?? Environment.string("TASKS_EXECUTION_MODEL")
        var model: ExecutionModel?
        var origin: String?
        if let raw {
            guard let m = ExecutionModel(rawValue: raw) else {
                throw TasksError(.invalidArguments, "--execution-model must be wave_based or rolling_frontier, got \(raw)")
            }
            model = m
            origin = executionModel != nil ? "--execution-model" : "TASKS_EXECUTION_MODEL"
        } else if let own = draft.meta.executionModel {
            model = ExecutionModel(rawValue: own)
            origin = "the draft's meta.execution_model"
        }
        return PlanningChoices(minConfidence: try minConfidenceValue(draft), executionModel: model, executionModelOrigin: origin,
                               maxConcurrent: try scheduling.effectiveMaxConcurrent())
    }

    /// Normalise, analyse, estimate and render: one pass of the planning pipeline.
    func plan(_ draft: LoadedPlan, source: PlanSource, analysis: CodebaseAnalysis) throws(TasksError) -> PlanArtifacts {
        let prepared = PreparedPlan(draft: draft, analysis: analysis, source: source, choices: try choices(for: draft.document))
        let resolved = try ResolvedPlan(prepared.loaded.document, sourceName: prepared.loaded.sourceName)
        if isVerbose { resolved.warnings.forEach(Terminal.warning) }
        let graph = try TaskGraph(resolved, minConfidence: prepared.choices.minConfidence)
        if isVerbose {
            graph.cycleBreaks.forEach { Terminal.warning("cycle broken: dropped \($0.removed.label) (\($0.reason))") }
        }
        let (problem, waveConfiguration) = try scheduling.build(prepared.loaded, graph)
        let engine = try MonteCarloEngine(problem: problem, waveConfiguration: waveConfiguration, rule: scheduling.priority)
        let progress = ProgressLine(label: "plan")
        let estimate = try engine.run(try monteCarlo.settings(models: [.waveBased, .rollingFrontier]), progress: progress.update)
        progress.finish()
        return try PlanArtifacts(prepared: prepared, engine: engine, estimate: estimate, timestamp: ContentHash.timestamp())
    }
}
