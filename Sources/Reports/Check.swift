import Foundation
import MonteCarlo
import TaskModel

/// The comparison `tasks check` makes: every recorded quantile (per model, makespan and each
/// wave) against the same quantile re-estimated now.
///
/// A metric regresses only when it grew by more than the tolerance *and* by more than
/// `noiseMultiple` combined standard errors (√(se₀² + se₁²)). Re-estimating with the baseline's
/// seed and iteration count reproduces an unchanged plan's figures exactly; with another seed the
/// standard-error condition keeps Monte Carlo noise from failing a build.
public struct CheckResult: Sendable, Encodable, Equatable {
    public var plan: String
    public var baselinePlanHash: String
    public var planHash: String
    public var seed: UInt64
    public var iterations: Int
    public var tolerancePercent: Double
    public var verdicts: [Verdict]
    /// Observations that do not fail the check (the plan changed, waves were added, a model is missing).
    public var notes: [String]

    /// How many combined standard errors a growth must exceed to count.
    public static let noiseMultiple = 3.0

    public var passed: Bool { !verdicts.contains { $0.status == .regressed } }

    /// The verdict on one metric.
    public struct Verdict: Sendable, Codable, Equatable {
        public enum Status: String, Sendable, Codable { case ok, regressed, improved }
        /// `rolling_frontier P80`, `wave_based wave 2 P95`.
        public var metric: String
        public var status: Status
        public var baselineHours: Double
        public var currentHours: Double
        public var changePercent: Double
        /// The growth a regression must exceed: max(tolerance, noise multiple × combined SE), hours.
        public var thresholdHours: Double

        enum CodingKeys: String, CodingKey {
            case metric, status
            case baselineHours = "baseline_hours"
            case currentHours = "current_hours"
            case changePercent = "change_percent"
            case thresholdHours = "threshold_hours"
        }

        /// One line: `REGRESSED rolling_frontier P80: 10.2h -> 12.0h (+17.6%, threshold +0.5h)`.
        public var line: String {
            let sign = currentHours >= baselineHours ? "+" : "-"
            return "\(status.rawValue.uppercased()) \(metric): \(HoursFormat.text(baselineHours)) -> \(HoursFormat.text(currentHours)) "
                + "(\(sign)\(String(format: "%.1f", abs(changePercent)))%, threshold +\(HoursFormat.text(thresholdHours)))"
        }
    }

    enum CodingKeys: String, CodingKey {
        case plan, seed, iterations, verdicts, notes, passed
        case baselinePlanHash = "baseline_plan_hash"
        case planHash = "plan_hash"
        case tolerancePercent = "tolerance_percent"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(plan, forKey: .plan)
        try c.encode(baselinePlanHash, forKey: .baselinePlanHash)
        try c.encode(planHash, forKey: .planHash)
        try c.encode(seed, forKey: .seed)
        try c.encode(iterations, forKey: .iterations)
        try c.encode(tolerancePercent, forKey: .tolerancePercent)
        try c.encode(verdicts, forKey: .verdicts)
        try c.encode(notes, forKey: .notes)
        try c.encode(passed, forKey: .passed)
    }

    /// Compares `current` (estimated now) with `baseline`.
    /// - Parameter tolerance: a fraction (0.05 = 5 %).
    public init(baseline: Baseline, current: Estimate, planHash: String, plan: String, tolerance: Double) {
        self.plan = plan
        baselinePlanHash = baseline.planHash
        self.planHash = planHash
        seed = current.settings.seed
        iterations = current.iterations
        tolerancePercent = tolerance * 100
        var notes: [String] = []
        if planHash != baseline.planHash { notes.append("the plan changed since the baseline (content hash differs)") }
        if seed != baseline.seed || iterations != baseline.iterations {
            notes.append("estimated with seed \(seed) and \(iterations) iterations; the baseline used seed \(baseline.seed) "
                + "and \(baseline.iterations), so differences include Monte Carlo noise")
        }
        var verdicts: [Verdict] = []
        for name in baseline.models.keys.sorted() {
            let old = baseline.models[name]!
            guard let now = current.models.first(where: { $0.model.rawValue == name }) else {
                notes.append("\(name) was not estimated this time (see --model)")
                continue
            }
            let fresh = Baseline.Model(makespan: Baseline.Quantiles(now.makespan), waves: now.waves.map(Baseline.Quantiles.init))
            verdicts += Self.compare(old.makespan, fresh.makespan, label: name, tolerance: tolerance)
            if old.waves.count != fresh.waves.count {
                notes.append("\(name): \(old.waves.count) waves in the baseline, \(fresh.waves.count) now; waves not compared one by one")
            } else {
                for (w, (o, f)) in zip(old.waves, fresh.waves).enumerated() {
                    verdicts += Self.compare(o, f, label: "\(name) wave \(w + 1)", tolerance: tolerance)
                }
            }
        }
        self.verdicts = verdicts
        self.notes = notes
    }

    static func compare(_ old: Baseline.Quantiles, _ now: Baseline.Quantiles, label: String, tolerance: Double) -> [Verdict] {
        zip(old.named, now.named).map { pair in
            let (name, o) = pair.0, n = pair.1.1
            let noise = noiseMultiple * (o.standardError * o.standardError + n.standardError * n.standardError).squareRoot()
            let threshold = max(tolerance * o.hours, noise)
            let change = n.hours - o.hours
            let status: Verdict.Status = change > threshold ? .regressed : (-change > threshold ? .improved : .ok)
            return Verdict(metric: "\(label) \(name)", status: status, baselineHours: o.hours, currentHours: n.hours,
                           changePercent: o.hours > 0 ? change / o.hours * 100 : 0, thresholdHours: threshold)
        }
    }

    /// The text `check` prints: a one-line verdict per regressed or improved metric, a count of
    /// the unchanged ones, and the overall outcome.
    public func text() -> String {
        var lines = notes.map { "note: \($0)" }
        lines += verdicts.filter { $0.status != .ok }.map(\.line)
        let ok = verdicts.filter { $0.status == .ok }.count
        let regressed = verdicts.filter { $0.status == .regressed }.count
        lines.append(passed
            ? "check passed: \(ok) of \(verdicts.count) metrics within \(Recommendation.percent(tolerancePercent)) "
                + "(or their Monte Carlo error) of the baseline"
            : "check failed: \(regressed) of \(verdicts.count) metrics grew beyond \(Recommendation.percent(tolerancePercent)) "
                + "and beyond \(Int(Self.noiseMultiple)) standard errors")
        return lines.joined(separator: "\n")
    }
}
