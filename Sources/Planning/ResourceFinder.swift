import Foundation
import TaskModel

/// Shared resources a codebase shows on disk: migration folders (one schema lock), deploy steps in
/// CI configuration (one deployment slot), and database services in compose files.
struct ResourceFinder {
    let root: String
    let files: [String]

    static let migrationFolders: Set<String> = ["migrations", "migrate", "migration", "alembic", "flyway", "liquibase"]

    static func isConfigFile(_ path: String) -> Bool { isCIConfig(path) || isComposeFile(path) }

    static func isCIConfig(_ path: String) -> Bool {
        path.hasPrefix(".github/workflows/") || path == ".gitlab-ci.yml" || path.hasSuffix("Jenkinsfile")
            || path.hasPrefix(".circleci/") || path == "azure-pipelines.yml" || path == ".travis.yml"
            || ((path.hasPrefix("ci/") || path.hasPrefix("deploy/")) && (path.hasSuffix(".yml") || path.hasSuffix(".yaml")))
    }

    static func isComposeFile(_ path: String) -> Bool {
        let name = (path as NSString).lastPathComponent.lowercased()
        return (name.hasPrefix("docker-compose") || name.hasPrefix("compose")) && (name.hasSuffix(".yml") || name.hasSuffix(".yaml"))
    }

    static let deployLine = try! NSRegularExpression(pattern: #"^\s*(?:-\s*)?(?:name:\s*)?[\w\s-]*\bdeploy[\w-]*\s*:?"#,
                                                      options: [.anchorsMatchLines, .caseInsensitive])
    static let databaseImage = try! NSRegularExpression(
        pattern: #"^\s*image:\s*["']?(?<image>postgres|postgis/postgis|mysql|mariadb|mongo|redis|cassandra|mssql|cockroachdb/cockroach)\b"#,
        options: [.anchorsMatchLines])

    func text(_ path: String) -> String? {
        FileManager.default.contents(atPath: (root as NSString).appendingPathComponent(path)).flatMap { String(data: $0, encoding: .utf8) }
    }

    func sharedResources() -> [String: SharedResource] {
        var out: [String: SharedResource] = [:]
        let migrationDirs = Set(files.compactMap { file -> String? in
            let parts = file.split(separator: "/").map(String.init)
            guard let k = parts.dropLast().lastIndex(where: { Self.migrationFolders.contains($0.lowercased()) }) else { return nil }
            return parts[...k].joined(separator: "/") + "/"
        }).sorted()
        if let first = migrationDirs.first {
            out["database_migrations"] = SharedResource(
                type: .exclusive, location: migrationDirs.joined(separator: ", "), constraint: "sequential_only",
                reason: "migration folder \(first) found: a migration run takes the schema lock")
        }
        let deployFiles = files.filter(Self.isCIConfig).filter { path in
            guard let t = text(path) else { return false }
            return Self.deployLine.firstMatch(in: t, range: NSRange(location: 0, length: (t as NSString).length)) != nil
        }
        if let first = deployFiles.first {
            out["deployment_pipeline"] = SharedResource(
                type: .exclusive, location: deployFiles.joined(separator: ", "), constraint: "one_at_a_time",
                reason: "deploy step in \(first): one deployment runs at a time")
        }
        var databases: [(file: String, image: String)] = []
        for path in files.filter(Self.isComposeFile) {
            guard let t = text(path) else { continue }
            let ns = t as NSString
            for m in Self.databaseImage.matches(in: t, range: NSRange(location: 0, length: ns.length)) {
                databases.append((path, ns.substring(with: m.range(withName: "image"))))
            }
        }
        if !databases.isEmpty {
            out["test_db_pool"] = SharedResource(
                type: .sharedLimited, capacity: databases.count,
                location: Set(databases.map(\.file)).sorted().joined(separator: ", "),
                reason: "\(databases.count) database service(s) in compose files (\(databases.map(\.image).joined(separator: ", ")))")
        }
        return out
    }
}
