import ArgumentParser
import MonteCarlo

/// `--model`: which execution models a command runs (default both).
enum ModelChoice: String, CaseIterable, ExpressibleByArgument {
    case waveBased = "wave_based"
    case rollingFrontier = "rolling_frontier"
    case both

    var models: [ExecutionModel] {
        switch self {
        case .waveBased: [.waveBased]
        case .rollingFrontier: [.rollingFrontier]
        case .both: [.waveBased, .rollingFrontier]
        }
    }
}
