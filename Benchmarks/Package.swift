// swift-tools-version: 6.1
import Foundation
import PackageDescription

// A path dependency's identity is its folder's name, which differs between checkouts.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let tasksPackage = root.lastPathComponent.lowercased()

// Benchmarks live in their own package (as in swift-collections and package-benchmark) so the
// main package's tests never build the benchmark harness. Run them with `scripts/bench.sh`.
let package = Package(
    name: "tasks-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: "../"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "GraphBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "TaskModel", package: tasksPackage),
                .product(name: "TaskGraph", package: tasksPackage),
            ],
            path: "GraphBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        .executableTarget(
            name: "MonteCarloBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "MonteCarlo", package: tasksPackage),
                .product(name: "Scheduling", package: tasksPackage),
                .product(name: "Sampling", package: tasksPackage),
                .product(name: "TaskGraph", package: tasksPackage),
                .product(name: "TaskModel", package: tasksPackage),
            ],
            path: "MonteCarloBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        .executableTarget(
            name: "SchedulingBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Scheduling", package: tasksPackage),
                .product(name: "Simulation", package: tasksPackage),
                .product(name: "TaskGraph", package: tasksPackage),
                .product(name: "TaskModel", package: tasksPackage),
            ],
            path: "SchedulingBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
    ]
)
