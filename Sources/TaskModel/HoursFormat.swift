import Foundation

/// How durations in hours are shown to people: hours for plans measured in hours, minutes or
/// seconds when a plan's tasks are short (a CI pipeline), so no figure prints as "0.0h".
public enum HoursFormat {
    public static func text(_ hours: Double) -> String {
        guard hours.isFinite else { return "—" }
        let magnitude = abs(hours)
        if magnitude == 0 || magnitude >= 0.1 { return String(format: "%.1fh", hours) }
        if magnitude * 60 >= 1 { return String(format: "%.1fmin", hours * 60) }
        return String(format: "%.2fs", hours * 3600)
    }

    /// `value ±error` in the unit that suits `value`, the error with one more decimal.
    public static func withError(_ value: Double, _ error: Double) -> String {
        let magnitude = abs(value)
        if magnitude == 0 || magnitude >= 0.1 { return String(format: "%.1fh ±%.2f", value, error) }
        if magnitude * 60 >= 1 { return String(format: "%.1fmin ±%.2f", value * 60, error * 60) }
        return String(format: "%.2fs ±%.3f", value * 3600, error * 3600)
    }
}
