internal import CGSL

/// The one place that makes GSL safe to call from Swift.
///
/// GSL's default error handler calls `abort()`, which would take down a whole Monte Carlo run for
/// one bad estimate. Every public entry point calls `prepare()` first; the `static let` runs the
/// switch exactly once, thread-safely, before any GSL routine can report an error. From then on GSL
/// routines return NaN or NULL on failure and the callers here turn that into `SamplingError`.
enum GSL {
    private static let handlerIsOff: Bool = {
        gsl_set_error_handler_off()
        return true
    }()

    @inline(__always)
    static func prepare() {
        _ = handlerIsOff
    }

    /// GSL's distribution functions signal failure (no convergence, domain error) with NaN only.
    static func checked(_ value: Double, _ what: @autoclosure () -> String) throws(SamplingError) -> Double {
        guard !value.isNaN else { throw SamplingError("GSL failed to compute \(what())") }
        return value
    }
}
