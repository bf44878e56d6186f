import TaskGraph
import TaskModel
import TasksTestSupport
import Testing

/// The spec's validation rules, each broken in isolation by one small change to the webapp plan.
@Suite("PlanValidator")
struct PlanValidatorTests {
    static let file = "webapp/tasks.json"

    static func validate(_ change: (inout LoadedPlan) -> Void) throws -> PlanValidator.Report {
        var loaded = try Fixtures.webapp()
        loaded.sourceName = file
        change(&loaded)
        return try PlanValidator.validate(loaded, minConfidence: 0.7, timestamp: "2024-01-01T00:00:00Z")
    }

    static func task(_ loaded: inout LoadedPlan, _ id: String, _ change: (inout TaskSpec) -> Void) {
        let i = loaded.document.tasks.firstIndex { $0.id == id }!
        change(&loaded.document.tasks[i])
    }

    static func edge(_ loaded: inout LoadedPlan, _ label: String, _ change: (inout Dependency) -> Void) {
        let i = loaded.document.dependencies.firstIndex { $0.label == label }!
        change(&loaded.document.dependencies[i])
    }

    static func evidence(_ text: String) -> [DependencyEvidence] {
        [DependencyEvidence(type: "doc", reason: text, confidence: 1, quote: text)]
    }

    @Test("the webapp plan is valid: no hard fails, no warnings, exit 0")
    func webappValid() throws {
        let report = try Self.validate { _ in }
        #expect(report.ok)
        #expect(report.exitCode == 0)
        #expect(report.hardFails.isEmpty, "\(report.hardFails.map(\.message))")
        #expect(report.warnings.isEmpty, "\(report.warnings.map(\.message))")
        #expect(report.metrics?.nodes == 27)
        #expect(report.file == Self.file)
    }

    // MARK: - Hard fails

    struct Mutation: Sendable, CustomTestStringConvertible {
        var name: String
        var rule: String
        var exitCode: Int32
        var mentions: String
        var change: @Sendable (inout LoadedPlan) -> Void
        var testDescription: String { "\(rule): \(name)" }
    }

    static let mutations: [Mutation] = [
        // 1. Cycles.
        Mutation(name: "a mutual_exclusion edge back along the migration chain", rule: "cycles", exitCode: 3,
                 mentions: "P1.T003") { plan in
            plan.document.dependencies.append(Dependency(
                from: "P1.T007", to: "P1.T003", type: .mutualExclusion, evidence: evidence("the lock is shared"),
                sharedResource: "database_migrations"))
        },
        Mutation(name: "three tasks all depending on each other, needing a third round", rule: "cycles", exitCode: 3,
                 mentions: "P1.T02") { plan in
            let trio = ["P1.T023", "P1.T024", "P1.T025"]
            for from in trio {
                for to in trio where to != from {
                    plan.document.dependencies.append(Dependency(from: from, to: to, evidence: evidence("loop"), confidence: 0.99))
                }
            }
        },
        // 2. Resource edges without mutex type.
        Mutation(name: "a resource edge typed technical", rule: "resource_edge_type", exitCode: 5, mentions: "P1.T003 -> P1.T007") { plan in
            edge(&plan, "P1.T003 -> P1.T007") { $0.type = .technical }
        },
        Mutation(name: "a mutual_exclusion edge on an undeclared resource", rule: "resource_edge_type", exitCode: 5,
                 mentions: "P1.T007 -> P1.T010") { plan in
            edge(&plan, "P1.T007 -> P1.T010") { $0.sharedResource = "schema_lock" }
        },
        Mutation(name: "a mutual_exclusion edge naming no resource", rule: "resource_edge_type", exitCode: 5,
                 mentions: "P1.T010 -> P1.T012") { plan in
            edge(&plan, "P1.T010 -> P1.T012") { $0.sharedResource = nil }
        },
        // 3. Task boundaries.
        Mutation(name: "no expected_complexity", rule: "boundaries", exitCode: 5, mentions: "P1.T005") { plan in
            task(&plan, "P1.T005") { $0.boundaries?.expectedComplexity = nil }
        },
        Mutation(name: "no definition_of_done criteria", rule: "boundaries", exitCode: 5, mentions: "P1.T005") { plan in
            task(&plan, "P1.T005") { $0.boundaries?.definitionOfDone?.criteria = [] }
        },
        Mutation(name: "no scope", rule: "boundaries", exitCode: 5, mentions: "P1.T005") { plan in
            task(&plan, "P1.T005") { $0.boundaries?.scope = nil }
        },
        Mutation(name: "no logging guidance", rule: "boundaries", exitCode: 5, mentions: "P1.T005") { plan in
            task(&plan, "P1.T005") { $0.executionGuidance = nil }
        },
        // 4. Fewer than half the tasks estimated.
        Mutation(name: "14 of 27 estimates removed", rule: "durations", exitCode: 5, mentions: "13 of 27") { plan in
            for i in 0..<14 { plan.document.tasks[i].duration = nil }
        },
        // 5. No evidence.
        Mutation(name: "no source_evidence on any task", rule: "evidence", exitCode: 5, mentions: "source_evidence") { plan in
            for i in plan.document.tasks.indices { plan.document.tasks[i].sourceEvidence = nil }
        },
        Mutation(name: "no evidence on any dependency", rule: "evidence", exitCode: 5, mentions: "dependency") { plan in
            for i in plan.document.dependencies.indices { plan.document.dependencies[i].evidence = [] }
        },
        // 6. Machine-verifiable acceptance checks.
        Mutation(name: "an empty command check", rule: "acceptance_checks", exitCode: 5, mentions: "P1.T010") { plan in
            task(&plan, "P1.T010") { $0.acceptanceChecks = [AcceptanceCheck(type: "command", cmd: "   ")] }
        },
        Mutation(name: "only a manual check", rule: "acceptance_checks", exitCode: 5, mentions: "P1.T010") { plan in
            task(&plan, "P1.T010") { $0.acceptanceChecks = [AcceptanceCheck(type: "manual", cmd: "look at it")] }
        },
        Mutation(name: "a metric check without a bound", rule: "acceptance_checks", exitCode: 5, mentions: "P1.T010") { plan in
            task(&plan, "P1.T010") { $0.acceptanceChecks = [AcceptanceCheck(type: "metric", name: "p95_latency_ms")] }
        },
        // 7. Secrets in evidence quotes.
        Mutation(name: "an AWS key in a task quote", rule: "secrets", exitCode: 5, mentions: "P1.T002") { plan in
            task(&plan, "P1.T002") { $0.sourceEvidence?[0].quote += " (key AKIAIOSFODNN7EXAMPLE)" }
        },
        Mutation(name: "a GitHub token in a dependency quote", rule: "secrets", exitCode: 5, mentions: "P1.T002 -> P1.T004") { plan in
            edge(&plan, "P1.T002 -> P1.T004") {
                $0.evidence = evidence("clone with ghp_abcdefghijklmnopqrstuvwxyz0123456789")
            }
        },
        Mutation(name: "a private key in a feature quote", rule: "secrets", exitCode: 5, mentions: "F001") { plan in
            plan.features = FeaturesDocument(features: [.init(id: "F001", title: "Platform", sourceEvidence: [
                SourceEvidence(quote: "-----BEGIN EC PRIVATE KEY-----"),
            ])])
        },
        // 8. Codebase analysis.
        Mutation(name: "meta.codebase_analysis removed", rule: "codebase_analysis", exitCode: 5, mentions: "codebase_analysis") { plan in
            plan.document.meta.codebaseAnalysis = nil
        },
    ]

    @Test("each hard fail is triggered in isolation by one small change", arguments: mutations)
    func hardFail(_ mutation: Mutation) throws {
        let report = try Self.validate(mutation.change)
        #expect(!report.ok)
        #expect(report.exitCode == mutation.exitCode)
        #expect(Set(report.hardFails.map(\.rule)) == [mutation.rule], "\(report.hardFails.map(\.message))")
        let finding = try #require(report.hardFails.first { $0.rule == mutation.rule })
        #expect(finding.exitCode == mutation.exitCode)
        #expect(finding.message.hasPrefix("\(Self.file): "))
        #expect(finding.message.contains(mutation.mentions), "\(finding.message)")
        #expect(!finding.message.contains("\n"))
    }

    @Test("all eight rules are distinct: every rule name appears in the mutations")
    func coverage() {
        #expect(Set(Self.mutations.map(\.rule)) == ["cycles", "resource_edge_type", "boundaries", "durations", "evidence",
                                                     "acceptance_checks", "secrets", "codebase_analysis"])
    }

    @Test("a cycle and another hard fail together exit 3")
    func cycleWins() throws {
        let report = try Self.validate { plan in
            Self.mutations[0].change(&plan)
            plan.document.meta.codebaseAnalysis = nil
        }
        #expect(report.exitCode == 3)
        #expect(report.hardFails.contains { $0.rule == "codebase_analysis" })
        #expect(report.metrics == nil)
    }

    @Test("a cycle broken by its weak edge is a warning, not a hard fail")
    func brokenCycleWarns() throws {
        let report = try Self.validate { plan in
            plan.document.dependencies.append(Dependency(from: "P1.T027", to: "P1.T001", evidence: Self.evidence("rollback"),
                                                         confidence: 0.71))
        }
        #expect(report.ok)
        #expect(report.exitCode == 0)
        #expect(report.warnings.map(\.rule) == ["cycle_broken"])
        #expect(report.warnings.first?.message.contains("P1.T027 -> P1.T001") == true)
    }

    // MARK: - Quality warnings

    @Test("edge density below 0.05 warns")
    func edgeDensity() throws {
        let report = try Self.validate { plan in
            let template = plan.document.tasks[1]
            for k in 1...3 {
                var copy = template
                copy.id = "P1.X00\(k)"
                copy.title = "Document extra area \(k)"
                plan.document.tasks.append(copy)
            }
        }
        #expect(report.ok)
        #expect(report.warnings.map(\.rule) == ["edge_density"])
        #expect(report.metrics?.edgeDensity == 0.0448)
    }

    @Test("verb-first titles below 80% warn, naming offenders")
    func verbFirst() throws {
        let report = try Self.validate { plan in
            for i in 0..<6 { plan.document.tasks[i].title = "The work item number \(i)" }
        }
        #expect(report.ok)
        #expect(report.warnings.map(\.rule) == ["verb_first"])
        let message = try #require(report.warnings.first?.message)
        #expect(message.contains("77.7%"))
        #expect(message.contains("P1.T001"))
    }

    @Test("evidence coverage below 95% warns")
    func evidenceCoverage() throws {
        let report = try Self.validate { plan in
            plan.document.tasks[0].sourceEvidence = nil
            plan.document.tasks[1].sourceEvidence = []
            plan.document.dependencies[0].evidence = nil
            plan.document.dependencies[1].evidence = nil
        }
        #expect(report.ok)
        #expect(report.warnings.map(\.rule) == ["evidence_coverage"])
        let message = try #require(report.warnings.first?.message)
        #expect(message.contains("< 95%"))
        // 72 of 76 is 94.7%: the message must not claim "95% < 95%".
        #expect(!message.contains("95% < 95%"), "\(message)")
    }

    @Test("evidence coverage of exactly 95% or more does not warn")
    func evidenceCoverageBoundary() throws {
        let report = try Self.validate { plan in
            for i in 0..<3 { plan.document.dependencies[i].evidence = nil }   // 73 / 76 = 96%
        }
        #expect(report.warnings.isEmpty)
    }

    @Test("an exclusive resource shared without a resolution warns")
    func unresolvedConflict() throws {
        let report = try Self.validate { plan in plan.document.resourceConflicts?["deployment_pipeline"] = nil }
        #expect(report.ok)
        #expect(report.warnings.map(\.rule) == ["resource_conflicts"])
        let message = try #require(report.warnings.first?.message)
        #expect(message.contains("deployment_pipeline"))
        #expect(message.contains("P1.T009"))
    }

    @Test("an exclusive resource ordered by mutual_exclusion edges needs no resource_conflicts entry")
    func orderedConflict() throws {
        let report = try Self.validate { plan in plan.document.resourceConflicts?["database_migrations"] = nil }
        #expect(report.warnings.isEmpty, "\(report.warnings.map(\.message))")
    }

    @Test("a complete builder plan validates; the same plan with two unordered lock holders warns")
    func builderPlan() throws {
        let base = PlanBuilder(complete: true)
            .exclusiveResource("lock")
            .task("a", 1, 2, 3).task("b", 1, 2, 3, exclusive: ["lock"]).task("c", 1, 2, 3, exclusive: ["lock"])
            .edge("a", "b").edge("a", "c")
        let resolved = try base.conflict("lock", tasks: ["b", "c"]).validate()
        #expect(resolved.ok)
        #expect(resolved.warnings.isEmpty, "\(resolved.warnings.map(\.message))")
        let unresolved = try base.validate()
        #expect(unresolved.ok)
        #expect(unresolved.warnings.map(\.rule) == ["resource_conflicts"])
        let ordered = try base.edge("b", "c", type: .mutualExclusion, resource: "lock").validate()
        #expect(ordered.warnings.isEmpty, "\(ordered.warnings.map(\.message))")
    }

    @Test("structural errors are thrown, not reported")
    func structural() throws {
        let error = try #require(throws: TasksError.self) {
            try Self.validate { plan in plan.document.tasks[3].id = plan.document.tasks[2].id }
        }
        #expect(error.status == .invalidPlan)
        #expect(error.message.contains("duplicate task id P1.T003"))
    }
}
