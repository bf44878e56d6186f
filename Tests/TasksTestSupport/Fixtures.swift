import Foundation
import TaskModel

/// Paths of the package's own files, found from this source file rather than the working
/// directory, so tests run the same from `swift test`, an IDE or a CI script.
public enum Fixtures {
    /// The package root (the directory holding `Package.swift`).
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()   // TasksTestSupport
        .deletingLastPathComponent()   // Tests
        .deletingLastPathComponent()   // package root

    /// `scenarios/` in the package.
    public static var scenarios: URL { packageRoot.appendingPathComponent("scenarios") }

    /// The path of `relative` inside `scenarios/`.
    public static func scenario(_ relative: String) -> String { scenarios.appendingPathComponent(relative).path }

    /// The text of `relative` inside `scenarios/`.
    public static func scenarioText(_ relative: String) throws -> String {
        try String(contentsOfFile: scenario(relative), encoding: .utf8)
    }

    /// `scenarios/webapp/tasks.json`, the full valid v3 plan.
    public static var webappTasksPath: String { scenario("webapp/tasks.json") }

    /// The shared directory beside the package (`../shared`, else `/work/shared`) holding the spec
    /// and PSPLIB instances; `nil` when neither exists, and tests that need it skip.
    public static var shared: URL? {
        let candidates = [
            packageRoot.deletingLastPathComponent().appendingPathComponent("shared"),
            URL(fileURLWithPath: "/work/shared"),
        ]
        return candidates.first { url in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
    }

    /// A file inside `shared`, if both exist.
    public static func sharedFile(_ relative: String) -> String? {
        guard let root = shared else { return nil }
        let path = root.appendingPathComponent(relative).path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// Loads the webapp plan.
    public static func webapp() throws(TasksError) -> LoadedPlan { try PlanLoader.load(path: webappTasksPath) }

    /// A fresh empty temporary directory.
    public static func temporaryDirectory(_ label: String = "tasks-tests") throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(label)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The built `tasks` executable: `TASKS_BIN`, else beside the test bundle (the products
    /// directory is the parent of the `.xctest` bundle), else `<root>/.build/debug/tasks`.
    public static var tasksExecutable: URL? {
        var candidates: [URL] = []
        if let explicit = ProcessInfo.processInfo.environment["TASKS_BIN"], !explicit.isEmpty {
            candidates.append(URL(fileURLWithPath: explicit))
        }
        for bundle in Bundle.allBundles + [Bundle.main] where bundle.bundleURL.pathExtension == "xctest" {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("tasks"))
        }
        if let argv0 = ProcessInfo.processInfo.arguments.first {
            var url = URL(fileURLWithPath: argv0).standardizedFileURL
            // On Linux argv[0] is the .xctest executable itself; on macOS it sits inside the bundle.
            for _ in 0..<2 {
                url = url.deletingLastPathComponent()
                candidates.append(url.appendingPathComponent("tasks"))
            }
        }
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("tasks"))
        candidates.append(packageRoot.appendingPathComponent(".build/debug/tasks"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}
