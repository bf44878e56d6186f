// Hand-written readers for the members of a plan that come in thousands: tasks and dependencies.
// Each mirrors its type's `Decodable` init member for member (synthesized or written out) as
// `JSONTreeDecoder` runs it; `TreeReadersTests` checks them against `JSONDecoder` on the bundled
// plans and on mutated tasks and edges. Rare nested members (boundaries, guidance, evidence…) go
// through the generic tree decoder.

extension TaskSpec {
    init(tree: JSONValue) throws {
        let m = try TreeMembers(tree)
        id = try Primitive.string(m.required("id"))
        featureID = try m.string("feature_id")
        title = try m.string("title")
        description = try m.string("description")
        category = try m.string("category")
        boundaries = try m.decoded("boundaries", Boundaries.self)
        executionGuidance = try m.decoded("execution_guidance", ExecutionGuidance.self)
        resourceRequirements = try m.present("resource_requirements").map(ResourceRequirements.init(tree:))
        schedulingHints = try m.present("scheduling_hints").map(SchedulingHints.init(tree:))
        reusesExisting = try m.decoded("reuses_existing", ReusesExisting.self)
        skillsRequired = try m.strings("skillsRequired")
        duration = try m.present("duration").map(DurationEstimate.init(tree:))
        durationUnits = try m.present("durationUnits").map { v in
            guard let unit = DurationUnit(spelling: try Primitive.string(v)) else { throw TreeDecodingRefused() }
            return unit
        }
        interfacesProduced = try m.strings("interfaces_produced")
        interfacesConsumed = try m.strings("interfaces_consumed")
        acceptanceChecks = try m.decoded("acceptance_checks", [AcceptanceCheck].self)
        sourceEvidence = try m.decoded("source_evidence", [SourceEvidence].self)
        contentHash = try m.string("contentHash")
        execution = try m.present("execution").map(ExecutionSpec.init(tree:))
        failureProbability = try m.double("failure_probability")
    }
}

extension DurationEstimate {
    init(tree: JSONValue) throws {
        let m = try TreeMembers(tree)
        optimistic = try Primitive.double(m.required("optimistic"))
        mostLikely = try Primitive.double(m.required("mostLikely"))
        pessimistic = try Primitive.double(m.required("pessimistic"))
        distribution = try m.raw("distribution", DistributionKind.self)
        lambda = try m.double("lambda")
    }
}

extension ResourceRequirements {
    init(tree: JSONValue) throws {
        let m = try TreeMembers(tree)
        estimated = try m.present("estimated").map(Demand.init(tree:))
        peak = try m.present("peak").map(Demand.init(tree:))
        workerCapabilitiesRequired = try m.strings("worker_capabilities_required")
    }
}

extension ResourceRequirements.Demand {
    init(tree: JSONValue) throws {
        let m = try TreeMembers(tree)
        cpuCores = try m.double("cpu_cores")
        memoryMB = try m.double("memory_mb")
        diskIOMbps = try m.double("disk_io_mbps")
        exclusiveResources = try m.strings("exclusive_resources")
        sharedResources = try m.dictionary("shared_resources") { v in try Primitive.integer(v, Int.self) }
        durationSeconds = try m.double("duration_seconds")
        during = try m.string("during")
    }
}

extension SchedulingHints {
    init(tree: JSONValue) throws {
        let m = try TreeMembers(tree)
        priority = try m.raw("priority", TaskPriority.self)
        preemptible = try m.bool("preemptible")
        retryOnFailure = try m.bool("retry_on_failure")
        maxRetries = try m.int("max_retries")
        preferredTimeWindow = try m.string("preferred_time_window")
        avoidConcurrentWith = try m.strings("avoid_concurrent_with")
        canPauseResume = try m.bool("can_pause_resume")
        checkpointCapable = try m.bool("checkpoint_capable")
    }
}

extension ExecutionSpec {
    init(tree: JSONValue) throws {
        let m = try TreeMembers(tree)
        command = try m.string("command")
        cwd = try m.string("cwd")
        env = try m.dictionary("env", Primitive.string)
        timeoutSeconds = try m.double("timeout_seconds")
    }
}

extension Dependency {
    init(tree: JSONValue) throws {
        let m = try TreeMembers(tree)
        from = try Primitive.string(m.required("from"))
        to = try Primitive.string(m.required("to"))
        type = try m.raw("type", DependencyType.self) ?? .technical
        reason = try m.string("reason")
        evidence = try m.decoded("evidence", [DependencyEvidence].self)
        confidence = try m.double("confidence") ?? 1.0
        isHard = try m.bool("isHard") ?? true
        sharedResource = try m.string("shared_resource")
    }
}
