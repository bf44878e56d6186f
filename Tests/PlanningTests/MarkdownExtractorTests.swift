import Foundation
import Planning
import TaskModel
import Testing

/// The rule-based Markdown extractor: each cue, each default, each quote.
@Suite("Markdown extractor")
struct MarkdownExtractorTests {
    static func extract(_ text: String) throws -> MarkdownExtractor.Extraction {
        try MarkdownExtractor(text: text, name: "spec.md").extract()
    }

    static let spec = """
        # Demo

        ## Goals

        - Implement nothing here, this is a goal list.

        ## Storage

        - [ST-1] Create the schema migration for `users` (4-6-10h). Produces `UserSchema:v1`.
          - Tables have primary keys
          - Migration runs backwards
        - [ST-2] Implement the repository (2-3 days, requires ST-1). Uses `UserSchema:v1`.
        - [ST-3] Add an index on email (~30min, probably after ST-2)

        ## API

        Expose the users endpoint over HTTP with pagination (after ST-2). The endpoint is public.
        - [API-2] Write integration tests against a test database (can overlap with ST-3). The test database pool has 4 instances.
        - [API-3] Deploy the API to staging and hold the `gateway` lock.
        - Refactor the error handling in the router without any cue
        """

    @Test("three-point, range and single-value cues; the documented default without one")
    func durations() throws {
        let tasks = try Self.extract(Self.spec).plan.document.tasks
        let byTitle = Dictionary(uniqueKeysWithValues: tasks.map { ($0.title ?? "", $0) })
        let st1 = try #require(byTitle["Create the schema migration for users"])
        #expect(st1.duration == DurationEstimate(optimistic: 4, mostLikely: 6, pessimistic: 10) && st1.durationUnits == .hours)
        let st2 = try #require(byTitle["Implement the repository"])
        #expect(st2.duration == DurationEstimate(optimistic: 2, mostLikely: 2.5, pessimistic: 3) && st2.durationUnits == .days)
        let st3 = try #require(byTitle["Add an index on email"])
        #expect(st3.duration == DurationEstimate(optimistic: 22.5, mostLikely: 30, pessimistic: 45) && st3.durationUnits == .minutes)
        let plain = try #require(byTitle["Refactor the error handling in the router without any cue"])
        #expect(plain.duration == DurationEstimate(optimistic: 2, mostLikely: 4, pessimistic: 8))
    }

    @Test("tasks come from imperative items and sentences, not from goal sections; nested items are criteria")
    func tasksAndFeatures() throws {
        let extraction = try Self.extract(Self.spec)
        let tasks = extraction.plan.document.tasks
        #expect(tasks.count == 7)
        #expect(!tasks.contains { ($0.title ?? "").contains("goal list") })
        #expect(tasks.contains { $0.title == "Expose the users endpoint over HTTP with pagination" })
        #expect(tasks[0].boundaries?.definitionOfDone?.criteria == ["Tables have primary keys", "Migration runs backwards"])
        #expect(extraction.plan.features?.features.map(\.title) == ["Storage", "API"])
        #expect(extraction.warnings.contains { $0.contains("2 features found") })
    }

    @Test("dependency confidence follows the cue's strength; soft cues are not hard")
    func dependencies() throws {
        let deps = try Self.extract(Self.spec).plan.document.dependencies
        func edge(_ from: String, _ to: String) -> Dependency? { deps.first { $0.from == from && $0.to == to } }
        #expect(edge("P1.T001", "P1.T002")?.confidence == 0.95)            // requires ST-1 (and the interface)
        #expect(edge("P1.T002", "P1.T003")?.confidence == 0.5)             // probably after
        #expect(edge("P1.T002", "P1.T004")?.confidence == 0.9)             // after
        let soft = try #require(edge("P1.T003", "P1.T005"))
        #expect(!soft.isHard && soft.type == .knowledge)
        for d in deps {
            let e = try #require(d.evidence?.first)
            #expect(e.startLine != nil && e.loc != nil && !(e.quote ?? "").isEmpty)
        }
    }

    @Test("migrations, deploys, test databases (capacity from the text) and named locks become resources")
    func resources() throws {
        let document = try Self.extract(Self.spec).plan.document
        let resources = try #require(document.meta.codebaseAnalysis?.sharedResources)
        #expect(resources["database_migrations"]?.type == .exclusive)
        #expect(resources["deployment_pipeline"]?.type == .exclusive)
        #expect(resources["test_db_pool"]?.capacity == 4)
        #expect(resources["gateway_lock"]?.type == .exclusive)
        let deploy = try #require(document.tasks.first { ($0.title ?? "").hasPrefix("Deploy") })
        #expect(Set(deploy.resourceRequirements?.estimated?.exclusiveResources ?? []) == ["deployment_pipeline", "gateway_lock"])
    }

    @Test("quotes are the exact text at loc (Unicode scalars) even after non-ASCII text")
    func unicodeOffsets() throws {
        let text = "# Café ☕️\n\n## Ünïcode\n\n- Add the naïve parser for “quotes” (1-2-3h)\n"
        let task = try #require(try Self.extract(text).plan.document.tasks.first)
        let e = try #require(task.sourceEvidence?.first)
        let scalars = Array(text.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[e.loc!.start..<e.loc!.end])) == e.quote)
        #expect(e.startLine == 5 && e.section == "H2: Ünïcode")
    }

    @Test("a document without tasks is exit 5 with the convention in the message")
    func noTasks() {
        #expect(throws: TasksError.self) { try Self.extract("# Title\n\nJust prose here.\n") }
    }
}
