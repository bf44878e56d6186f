import TaskModel

/// The spec's edge filter: an edge enters the DAG iff `isHard` and `confidence >= minConfidence`.
///
/// Soft edges are reported as `softDeps`, hard ones below the threshold as `lowConfidenceDeps`;
/// neither constrains any schedule. `mutual_exclusion` edges are ordering edges with confidence
/// 1.0 by definition (NOTES.md), so they are kept whatever the file says.
public struct EdgeFilter: Sendable {
    public var kept: [Dependency] = []
    public var soft: [Dependency] = []
    public var lowConfidence: [Dependency] = []

    public init(_ dependencies: [Dependency], minConfidence: Double) {
        for edge in dependencies {
            if edge.type == .mutualExclusion {
                kept.append(edge)
            } else if !edge.isHard {
                soft.append(edge)
            } else if edge.confidence >= minConfidence {
                kept.append(edge)
            } else {
                lowConfidence.append(edge)
            }
        }
    }

    /// Kept edges counted by type (`keptByType`).
    public var keptByType: [String: Int] { Self.count(kept) }
    /// Soft and low-confidence edges counted by type (`droppedByType`).
    public var droppedByType: [String: Int] { Self.count(soft + lowConfidence) }

    static func count(_ edges: [Dependency]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for e in edges { counts[e.type.rawValue, default: 0] += 1 }
        return counts
    }
}
