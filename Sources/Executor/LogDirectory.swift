import Foundation
import TaskModel

/// Prepares `logs/tasks/` for a run. A fresh run starts with it empty, but unlinking the previous
/// run's thousands of files just before creating as many new ones makes every create slow on ext4
/// without a journal (this machine's): the inode allocator then skips each inode deleted in the
/// last minute (five when its inode table block is still dirty), one cache lookup per deleted
/// inode per create (`find_inode_bit` → `recently_deleted`), 0.5–1 ms per file at 2,000–10,000
/// files. So the old directory is renamed aside, one call, a new one is created, and the old one
/// is removed only after the run, when no more creates follow.
enum LogDirectory {
    static let previousPrefix = ".tasks-previous-"

    /// Creates `path` (a fresh run moves an existing one aside first) and returns the directory to
    /// remove after the run, if any.
    /// - Throws: `TasksError` exit 1 when the directory cannot be created.
    static func prepare(_ path: String, fresh: Bool) throws(TasksError) -> String? {
        var aside: String?
        if fresh {
            let candidate = (path as NSString).deletingLastPathComponent + "/" + previousPrefix
                + "\(getpid())-\(DispatchTime.now().uptimeNanoseconds)"
            if rename(path, candidate) == 0 {
                aside = candidate
            } else if errno != ENOENT {
                // Cannot move it (a file system that refuses): empty it in place.
                let old = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                for f in old where f.hasSuffix(".log") || f.hasSuffix(".out") { unlink(path + "/" + f) }
            }
        }
        do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
            throw TasksError(.invalidArguments, "\(path): cannot create the log directory")
        }
        return aside
    }

    /// Removes `aside` and any other previous log directory left next to it by a run that did not
    /// get to remove its own (killed).
    static func remove(_ aside: String) {
        let parent = (aside as NSString).deletingLastPathComponent
        let fm = FileManager.default
        let names = (try? fm.contentsOfDirectory(atPath: parent)) ?? []
        for name in names where name.hasPrefix(previousPrefix) { try? fm.removeItem(atPath: parent + "/" + name) }
    }
}
