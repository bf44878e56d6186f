import TaskModel

/// What a sweep found: per point the quantiles of each model and the varied resources' use, plus
/// a recommendation per model. Encodes as the `sweep --json` document.
public struct SweepResult: Sendable, Codable, Equatable {
    public var plan: String
    public var seed: UInt64
    public var iterations: Int
    public var tolerancePercent: Double
    /// The varied capacities, in `--vary` order.
    public var varied: [String]
    /// The plan's own value of each varied capacity, where it sets one.
    public var current: [String: Int]
    public var points: [SweepPoint]
    public var recommendations: [Recommendation]

    enum CodingKeys: String, CodingKey {
        case plan, seed, iterations, varied, current, points, recommendations
        case tolerancePercent = "tolerance_percent"
    }

    /// The models the sweep ran, in the order they were estimated.
    public var models: [String] {
        ["wave_based", "rolling_frontier"].filter { m in points.contains { $0.models[m] != nil } }
    }

    /// `name=value` pairs of a point in `--vary` order.
    public func label(_ values: [String: Int]) -> String {
        varied.map { "\($0)=\(values[$0].map(String.init) ?? "?")" }.joined(separator: ", ")
    }
}

/// One point of a sweep.
public struct SweepPoint: Sendable, Codable, Equatable {
    /// The varied capacities' values at this point.
    public var values: [String: Int]
    /// Per model (`wave_based`, `rolling_frontier`).
    public var models: [String: Model]
    /// Why the point could not be scheduled (a task needs more than the capacity), if it could not.
    public var infeasible: String?

    /// One model's figures at one point.
    public struct Model: Sendable, Codable, Equatable {
        public var p50Hours: Double
        public var p80Hours: Double
        public var p95Hours: Double
        public var p80StandardErrorHours: Double
        public var meanHours: Double
        /// Per varied capacity.
        public var resources: [String: ResourceFigures]

        enum CodingKeys: String, CodingKey {
            case resources
            case p50Hours = "p50_hours"
            case p80Hours = "p80_hours"
            case p95Hours = "p95_hours"
            case p80StandardErrorHours = "p80_standard_error_hours"
            case meanHours = "mean_hours"
        }
    }

    /// How a varied capacity was used: time-weighted utilization (nil when unlimited) and the
    /// mean hours per run tasks spent waiting for it.
    public struct ResourceFigures: Sendable, Codable, Equatable {
        public var utilization: Double?
        public var waitHours: Double

        enum CodingKeys: String, CodingKey {
            case utilization
            case waitHours = "wait_hours"
        }
    }
}

/// The smallest capacities whose P80 is within the tolerance of the best P80 one model reached,
/// and what one more step of each varied capacity would still gain there.
public struct Recommendation: Sendable, Codable, Equatable {
    public var model: String
    public var values: [String: Int]
    public var p80Hours: Double
    public var bestP80Hours: Double
    public var bestValues: [String: Int]
    public var marginalGains: [MarginalGain]
    /// The recommendation as one sentence with its figures.
    public var text: String

    /// What raising one capacity by one step from the recommended point changes.
    public struct MarginalGain: Sendable, Codable, Equatable {
        public var capacity: String
        public var value: Int
        public var p80Hours: Double
        public var gainHours: Double
        public var gainPercent: Double

        enum CodingKeys: String, CodingKey {
            case capacity, value
            case p80Hours = "p80_hours"
            case gainHours = "gain_hours"
            case gainPercent = "gain_percent"
        }
    }

    enum CodingKeys: String, CodingKey {
        case model, values, text
        case p80Hours = "p80_hours"
        case bestP80Hours = "best_p80_hours"
        case bestValues = "best_values"
        case marginalGains = "marginal_gains"
    }

    /// The recommendation for `model`, or nil when no point of the sweep could be scheduled.
    ///
    /// "Smallest" is the least total of the varied values, ties broken by the values in `--vary`
    /// order, so the choice is deterministic.
    init?(_ sweep: SweepResult, model: String, axes: [SweepAxis]) {
        let feasible = sweep.points.compactMap { p in p.models[model].map { (p, $0) } }
        guard let best = feasible.min(by: { $0.1.p80Hours < $1.1.p80Hours }) else { return nil }
        let limit = best.1.p80Hours * (1 + sweep.tolerancePercent / 100)
        let order = sweep.varied
        func key(_ p: SweepPoint) -> [Int] { [order.reduce(0) { $0 + (p.values[$1] ?? 0) }] + order.map { p.values[$0] ?? 0 } }
        let chosen = feasible.filter { $0.1.p80Hours <= limit }
            .min { key($0.0).lexicographicallyPrecedes(key($1.0)) }!
        self.model = model
        values = chosen.0.values
        p80Hours = chosen.1.p80Hours
        bestP80Hours = best.1.p80Hours
        bestValues = best.0.values
        var gains: [MarginalGain] = []
        for axis in axes {
            let name = axis.knob.name
            guard let v = values[name], let k = axis.values.firstIndex(of: v), k + 1 < axis.values.count else { continue }
            var next = values
            next[name] = axis.values[k + 1]
            guard let p = sweep.points.first(where: { $0.values == next }), let figures = p.models[model] else { continue }
            let gain = p80Hours - figures.p80Hours
            gains.append(MarginalGain(capacity: name, value: axis.values[k + 1], p80Hours: figures.p80Hours, gainHours: gain,
                                      gainPercent: p80Hours > 0 ? gain / p80Hours * 100 : 0))
        }
        marginalGains = gains
        var sentence = "\(model): \(sweep.label(values)) is enough: P80 \(HoursFormat.text(p80Hours)) is within "
            + "\(Self.percent(sweep.tolerancePercent)) of the best P80 \(HoursFormat.text(bestP80Hours)) (\(sweep.label(bestValues)))"
        if gains.isEmpty {
            sentence += "; no larger value was swept"
        }
        for g in gains {
            sentence += "; one more step (\(g.capacity)=\(g.value)) gains \(HoursFormat.text(g.gainHours)) (\(Self.percent(g.gainPercent)))"
        }
        text = sentence
    }

    static func percent(_ x: Double) -> String {
        let rounded = (x * 10).rounded() / 10
        return rounded == rounded.rounded() ? "\(Int(rounded))%" : String(format: "%.1f%%", rounded)
    }
}
