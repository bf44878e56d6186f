// swift-tools-version: 6.1
import PackageDescription

// Layers point one way: CGSL → Sampling; TaskModel → TaskGraph → Scheduling (the one scheduling
// core, no clock, no I/O) → Simulation (virtual clock) → MonteCarlo → the thin `tasks` CLI.
let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    // .define("TASKS_INTERNAL_CHECKS"),  // scripts/test.sh turns this on with -Xswiftc
]

let package = Package(
    name: "tasks",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "tasks", targets: ["TasksCLI"]),
        .library(name: "TaskModel", targets: ["TaskModel"]),
        .library(name: "TaskGraph", targets: ["TaskGraph"]),
        .library(name: "Sampling", targets: ["Sampling"]),
        .library(name: "SimKernel", targets: ["SimKernel"]),
        .library(name: "Scheduling", targets: ["Scheduling"]),
        .library(name: "Simulation", targets: ["Simulation"]),
        .library(name: "MonteCarlo", targets: ["MonteCarlo"]),
        .library(name: "Slurm", targets: ["Slurm"]),
        .library(name: "Executor", targets: ["Executor"]),
        .library(name: "Planning", targets: ["Planning"]),
        .library(name: "Reports", targets: ["Reports"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        // MARK: - Implementation details
        .systemLibrary(name: "CGSL", pkgConfig: "gsl", providers: [.apt(["libgsl-dev"])]),

        // MARK: - Public API
        .target(name: "TaskModel", dependencies: [
            "Yams", .product(name: "Crypto", package: "swift-crypto"),
        ], swiftSettings: strict),
        .target(name: "TaskGraph", dependencies: [
            "TaskModel", .product(name: "HeapModule", package: "swift-collections"),
        ], swiftSettings: strict),
        .target(name: "Sampling", dependencies: ["CGSL"], swiftSettings: strict),
        .target(name: "SimKernel", swiftSettings: strict),
        // The one scheduling core: no clock, no I/O, no GSL. Its invariant checks are always on in
        // debug builds (tests); scripts/test.sh turns them on everywhere with -DTASKS_INTERNAL_CHECKS.
        .target(name: "Scheduling", dependencies: [
            "TaskModel", "TaskGraph",
            .product(name: "HeapModule", package: "swift-collections"),
            .product(name: "DequeModule", package: "swift-collections"),
        ], swiftSettings: strict + [.define("TASKS_INTERNAL_CHECKS", .when(configuration: .debug))]),
        .target(name: "Simulation", dependencies: ["Scheduling", "SimKernel"], swiftSettings: strict),
        .target(name: "MonteCarlo", dependencies: ["Simulation", "Scheduling", "Sampling", "TaskGraph", "TaskModel"],
                swiftSettings: strict),
        // Capacity sweeps, baseline checks and self-contained HTML/SVG reports over Monte Carlo results.
        .target(name: "Reports", dependencies: ["MonteCarlo", "Simulation", "Scheduling", "TaskGraph", "TaskModel"],
                swiftSettings: strict),
        // Slurm client commands (srun/scontrol/scancel): job sizing, licenses, cancellation.
        .target(name: "Slurm", dependencies: ["TaskModel"], swiftSettings: strict),
        // posix_spawn, the self-pipe signal handlers and waitpid decoding, kept in C.
        .target(name: "CSpawn"),
        // Runs a plan's real processes under the scheduling core, on the wall clock.
        .target(name: "Executor", dependencies: [
            "Scheduling", "TaskModel", "TaskGraph", "CSpawn", "Slurm", .product(name: "HeapModule", package: "swift-collections"),
        ], swiftSettings: strict),
        // `tasks plan`: task proposals (Markdown extractor, file fences, planner command), codebase
        // analysis, normalisation, the seven artifacts, and the plan-management catalogue.
        .target(name: "Planning", dependencies: ["TaskModel", "TaskGraph", "Scheduling", "MonteCarlo"],
                swiftSettings: strict),
        .executableTarget(name: "TasksCLI", dependencies: [
            "TaskModel", "TaskGraph", "Scheduling", "Simulation", "MonteCarlo", "Slurm", "Executor", "Planning", "Reports",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], swiftSettings: strict),

        // MARK: - Unit test bundles
        .target(name: "TasksTestSupport", dependencies: ["TaskModel", "TaskGraph"], path: "Tests/TasksTestSupport",
                swiftSettings: strict),
        .testTarget(name: "TaskModelTests", dependencies: ["TaskModel", "TasksTestSupport"], swiftSettings: strict),
        .testTarget(name: "TaskGraphTests", dependencies: ["TaskGraph", "TasksTestSupport"], swiftSettings: strict),
        .testTarget(name: "SamplingTests", dependencies: ["Sampling"], swiftSettings: strict),
        .testTarget(name: "TasksCLITests", dependencies: ["TasksTestSupport"], swiftSettings: strict),
        .testTarget(name: "SchedulingTests", dependencies: [
            "Scheduling", "Simulation", "SimKernel", "TaskModel", "TaskGraph", "TasksTestSupport",
        ], swiftSettings: strict),
        .testTarget(name: "ExecutorTests", dependencies: [
            "Executor", "Scheduling", "Simulation", "TaskModel", "TaskGraph", "TasksTestSupport",
        ], swiftSettings: strict),
        .testTarget(name: "PlanningTests", dependencies: ["Planning", "TasksTestSupport"], swiftSettings: strict),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "MonteCarlo", "Scheduling", "TaskModel", "TasksTestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "MonteCarloTests", dependencies: ["MonteCarlo", "Sampling", "CGSL", "TasksTestSupport"],
                    swiftSettings: strict),
    ]
)
