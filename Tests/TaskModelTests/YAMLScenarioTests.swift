import Foundation
import TaskModel
import TasksTestSupport
import Testing

/// The compact YAML scenario format: every key maps to exactly one v3 field.
@Suite("YAML scenarios")
struct YAMLScenarioTests {
    static let everyKey = """
        name: every-key
        description: A scenario that uses every key of the format
        units: minutes
        execution_model: rolling_frontier
        min_confidence: 0.75
        limits: {max_concurrent_tasks: 3, max_cpu_cores: 6, max_memory_gb: 12}
        resources:
          lock: {type: exclusive, location: "db/", constraint: sequential_only, reason: "schema lock"}
          pool: {type: shared_limited, capacity: 2, reason: "two runners"}
        tasks:
          - id: a
            title: Build the core
            feature: F001
            description: core library
            pert: [30, 60, 120]
            distribution: triangular
            cpu: 2
            memory_mb: 512
            exclusive: [lock]
            shared: {pool: 1}
            capabilities: [backend]
            priority: high
            command: "make core"
            cwd: build
            env: {MODE: release}
            timeout_seconds: 90
            max_retries: 2
            checkpoint_capable: true
            can_pause_resume: false
            failure_probability: 0.1
            avoid: [b]
            complexity: "1 library"
            done: ["core compiles"]
            scope: ["src/core/**"]
            checks: ["test -f core.a"]
          - id: b
            title: Write the docs
            pert: [2]
            units: hours
            after:
              - a
              - {task: c, type: knowledge, confidence: 0.6, hard: false, reason: "nice to have"}
          - id: c
            title: Fix the fixtures
            pert: [1, 1, 1]
            after: [{task: a, type: infrastructure, confidence: 0.9}]
        """

    let plan: LoadedPlan

    init() throws { plan = try PlanLoader.parse(text: Self.everyKey, name: "every-key.yaml", hint: "yaml") }

    @Test("plan-wide keys: units, execution_model, min_confidence, limits, resources")
    func planKeys() throws {
        let meta = plan.document.meta
        #expect(meta.executionModel == "rolling_frontier")
        #expect(meta.minConfidence == 0.75)
        #expect(meta.resourceLimits == ResourceLimits(maxConcurrentTasks: 3, maxMemoryGB: 12, maxCPUCores: 6))
        let resources = try #require(meta.codebaseAnalysis?.sharedResources)
        #expect(resources["lock"] == SharedResource(type: .exclusive, location: "db/", constraint: "sequential_only", reason: "schema lock"))
        #expect(resources["pool"]?.type == .sharedLimited)
        #expect(resources["pool"]?.capacity == 2)
        #expect(plan.document.tasks.map(\.durationUnits) == [.minutes, .hours, .minutes])
    }

    @Test("task keys map onto the v3 fields")
    func taskKeys() throws {
        let a = plan.document.tasks[0]
        #expect(a.title == "Build the core")
        #expect(a.featureID == "F001")
        #expect(a.description == "core library")
        #expect(a.duration == DurationEstimate(optimistic: 30, mostLikely: 60, pessimistic: 120, distribution: .triangular))
        let demand = try #require(a.resourceRequirements?.estimated)
        #expect(demand.cpuCores == 2)
        #expect(demand.memoryMB == 512)
        #expect(demand.exclusiveResources == ["lock"])
        #expect(demand.sharedResources == ["pool": 1])
        #expect(a.resourceRequirements?.workerCapabilitiesRequired == ["backend"])
        let hints = try #require(a.schedulingHints)
        #expect(hints.priority == .high)
        #expect(hints.maxRetries == 2)
        #expect(hints.retryOnFailure == true)
        #expect(hints.checkpointCapable == true)
        #expect(hints.canPauseResume == false)
        #expect(hints.avoidConcurrentWith == ["b"])
        #expect(a.execution == ExecutionSpec(command: "make core", cwd: "build", env: ["MODE": "release"], timeoutSeconds: 90))
        #expect(a.executionGuidance?.logging?.onStart?.contains("logs/tasks/a.log") == true)
        #expect(a.failureProbability == 0.1)
        #expect(a.boundaries?.expectedComplexity?.value == "1 library")
        #expect(a.boundaries?.definitionOfDone?.criteria == ["core compiles"])
        #expect(a.boundaries?.scope?.includes == ["src/core/**"])
        #expect(a.acceptanceChecks == [AcceptanceCheck(type: "command", cmd: "test -f core.a")])
        #expect(a.acceptanceChecks?.allSatisfy(\.isMachineVerifiable) == true)
    }

    @Test("after: bare ids and the object form with type, confidence, hard and reason")
    func afterForms() {
        let deps = plan.document.dependencies
        #expect(deps.count == 3)
        #expect(deps[0] == Dependency(from: "a", to: "b", type: .technical, confidence: 1, isHard: true))
        #expect(deps[1] == Dependency(from: "c", to: "b", type: .knowledge, reason: "nice to have", confidence: 0.6, isHard: false))
        #expect(deps[2] == Dependency(from: "a", to: "c", type: .infrastructure, confidence: 0.9, isHard: true))
    }

    @Test("pert: [x] and pert: [x, x, x] are fixed durations; minutes and hours are normalised")
    func fixedAndUnits() throws {
        let resolved = try ResolvedPlan(plan.document, sourceName: plan.sourceName)
        #expect(resolved.durations[0] == ThreePointHours(optimistic: 0.5, mostLikely: 1, pessimistic: 2, distribution: .triangular))
        #expect(resolved.durations[1] == ThreePointHours(optimistic: 2, mostLikely: 2, pessimistic: 2, distribution: .fixed))
        #expect(resolved.durations[1].distribution == .fixed)
        #expect(resolved.durations[2].mostLikely == 1.0 / 60)
        #expect(resolved.durations[2].distribution == .fixed)
    }

    @Test("a task without pert gets no estimate and the median fills in with a warning")
    func missingPert() throws {
        let text = "tasks:\n  - {id: a, pert: [1, 2, 3]}\n  - {id: b, pert: [3, 4, 9]}\n  - {id: c, pert: [2, 3, 5]}\n  - {id: d}\n"
        let plan = try PlanLoader.parse(text: text, name: "m.yaml", hint: "yaml")
        #expect(plan.document.tasks[3].duration == nil)
        let resolved = try ResolvedPlan(plan.document, sourceName: plan.sourceName)
        #expect(resolved.hasEstimate == [true, true, true, false])
        #expect(resolved.durations[3] == ThreePointHours(optimistic: 2, mostLikely: 3, pessimistic: 5))
        #expect(resolved.warnings.count == 1)
        #expect(resolved.warnings.first?.contains("(d)") == true)
    }

    @Test("pert with two numbers is exit 5 naming the task", arguments: ["[1, 2]", "[]", "[1, 2, 3, 4]"])
    func badPertArity(_ pert: String) throws {
        let error = try #require(throws: TasksError.self) {
            try PlanLoader.parse(text: "tasks:\n  - id: odd\n    pert: \(pert)\n", name: "p.yaml", hint: "yaml")
        }
        #expect(error.status == .invalidPlan)
        #expect(error.message.hasPrefix("p.yaml: task odd: "))
        #expect(!error.message.contains("\n"))
    }
}
