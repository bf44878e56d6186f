import Foundation
@testable import Planning
import TaskModel
import Testing
import TasksTestSupport

/// The built-in codebase scanner: declarations per language and resources on disk.
@Suite("Codebase scanner")
struct CodebaseScannerTests {
    static func tree(_ files: [String: String]) throws -> URL {
        let root = try Fixtures.temporaryDirectory("scan")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return root
    }

    @Test("types, interfaces and extension points in six languages; environment variables")
    func languages() throws {
        let root = try Self.tree([
            "Sources/Store.swift": "public protocol Store {}\nopen class BaseStore: Store {}\nstruct FileStore: Store {}\n"
                + "let p = ProcessInfo.processInfo.environment[\"STORE_PATH\"]\n",
            "app/models.py": "class Repo(ABC):\n    pass\nclass UserRepo(Repo):\n    pass\nx = os.environ[\"DB_URL\"]\n",
            "web/auth.ts": "export interface AuthProvider {\n}\nexport abstract class BaseController {\n}\n"
                + "export class UserController extends BaseController {\n}\nconst k = process.env.API_KEY\n",
            "cmd/main.go": "type Handler interface {\n}\ntype Server struct {\n}\n",
            "src/lib.rs": "pub trait Codec {\n}\npub struct Frame {\n}\n",
            "src/Main.java": "public abstract class Shape {\n}\npublic class Circle extends Shape {\n}\n",
            "node_modules/dep/index.js": "export class Ignored {\n}\n",
        ])
        var scanner = CodebaseScanner(root: root.path)
        scanner.allowsAstGrep = false
        let analysis = try scanner.analyse()
        let inventory = try #require(analysis.inventory)
        #expect(inventory.analyzer == "builtin")
        #expect(inventory.languages["swift"]?.interfaces == ["Store"])
        #expect(inventory.languages["swift"]?.extensionPoints == ["BaseStore", "Store"])
        #expect(inventory.languages["python"]?.interfaces == ["Repo"])
        #expect(inventory.languages["typescript"]?.types.contains("UserController") == true)
        #expect(inventory.languages["typescript"]?.extensionPoints == ["BaseController"])
        #expect(inventory.languages["go"]?.interfaces == ["Handler"] && inventory.languages["go"]?.types == ["Server"])
        #expect(inventory.languages["rust"]?.interfaces == ["Codec"])
        #expect(inventory.languages["java"]?.extensionPoints == ["Shape"])
        #expect(!(analysis.existingAPIs ?? []).contains("Ignored"))
        #expect(inventory.environmentVariables == ["API_KEY", "DB_URL", "STORE_PATH"])
    }

    @Test("when ast-grep fails, the built-in scanner reads the files again and finds what it finds alone")
    func astGrepFailure() throws {
        let root = try Self.tree([
            "Sources/Store.swift": "public protocol Store {}\nopen class BaseStore: Store {}\n"
                + "let p = ProcessInfo.processInfo.environment[\"STORE_PATH\"]\n",
            "app/models.py": "class Repo(ABC):\n    pass\nclass UserRepo(Repo):\n    pass\n",
        ])
        var failing = CodebaseScanner(root: root.path)
        failing.astGrepOverride = "/bin/false"
        var builtin = CodebaseScanner(root: root.path)
        builtin.allowsAstGrep = false
        let a = try failing.analyse(), b = try builtin.analyse()
        #expect(a.inventory?.analyzer == "builtin")
        #expect(a.inventory?.languages["swift"]?.extensionPoints == ["BaseStore", "Store"])
        #expect(a.inventory?.languages == b.inventory?.languages)
        #expect(a.inventory?.environmentVariables == ["STORE_PATH"])
    }

    @Test("with ast-grep installed, the structural scan finds the same declarations, minus those in comments")
    func astGrep() throws {
        let files = [
            "Sources/Store.swift": "public protocol Store {}\nopen class BaseStore: Store {}\nstruct FileStore: Store {}\n",
            "web/auth.ts": "export interface AuthProvider {\n}\nexport abstract class BaseController {\n}\n"
                + "export class UserController extends BaseController {\n}\n",
            "cmd/main.go": "package main\ntype Handler interface {\n}\ntype Server struct {\n}\n",
            "src/Main.java": "public abstract class Shape {\n}\npublic class Circle extends Shape {\n}\n",
        ]
        let root = try Self.tree(files)
        let structural = CodebaseScanner(root: root.path)
        guard structural.astGrepPath != nil else {
            print("skipping: ast-grep is not installed (pip install ast-grep-cli)")
            return
        }
        var builtin = CodebaseScanner(root: root.path)
        builtin.allowsAstGrep = false
        let a = try structural.analyse(), b = try builtin.analyse()
        #expect(a.inventory?.analyzer == "ast-grep")
        #expect(a.inventory?.languages == b.inventory?.languages)
        #expect(a.extensionPoints == b.extensionPoints)

        let commented = try Self.tree(["a.ts": "/*\nexport class Ghost {\n}\n*/\nexport class Real {\n}\n"])
        #expect(try CodebaseScanner(root: commented.path).analyse().inventory?.languages["typescript"]?.types == ["Real"])
    }

    @Test("migration folders, deploy steps in CI and databases in compose files are shared resources")
    func resources() throws {
        let root = try Self.tree([
            "db/migrations/001_init.sql": "create table t();",
            ".github/workflows/ci.yml": "jobs:\n  test:\n    runs-on: ubuntu\n  deploy-staging:\n    runs-on: ubuntu\n",
            "docker-compose.yml": "services:\n  db:\n    image: postgres:15\n  cache:\n    image: redis:7\n",
        ])
        let resources = try #require(try CodebaseScanner(root: root.path).analyse().sharedResources)
        #expect(resources["database_migrations"]?.location == "db/migrations/")
        #expect(resources["deployment_pipeline"]?.location == ".github/workflows/ci.yml")
        #expect(resources["test_db_pool"]?.capacity == 2)
    }

    @Test("a missing path is exit 2")
    func unreadable() {
        #expect(throws: TasksError(.codebaseAnalysisFailed, "/no/such/dir: codebase path is not a readable directory")) {
            try CodebaseScanner(root: "/no/such/dir").analyse()
        }
    }
}
