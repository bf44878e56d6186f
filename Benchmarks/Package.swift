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
        benchmarkTarget("GraphBenchmarks", uses: ["TaskModel", "TaskGraph"]),
        benchmarkTarget("MonteCarloBenchmarks", uses: ["MonteCarlo", "Scheduling", "Sampling", "TaskGraph", "TaskModel"]),
        benchmarkTarget("ReportsBenchmarks", uses: ["Reports", "MonteCarlo", "TaskModel"]),
        benchmarkTarget("SchedulingBenchmarks", uses: ["Scheduling", "Simulation", "TaskGraph", "TaskModel"]),
    ]
)

/// One benchmark executable: its folder, the harness and the `tasks` products it measures.
func benchmarkTarget(_ name: String, uses products: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: [.product(name: "Benchmark", package: "benchmark")]
            + products.map { .product(name: $0, package: tasksPackage) },
        path: name,
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")])
}
