import MonteCarlo
import Testing

/// The engine's own CPU measure, which `tasks estimate -v` prints next to the references' rate.
@Suite struct EngineCPUTests {
    @Test func engineCPUIsMeasuredAndGrowsWithTheIterations() throws {
        guard let path = benchNetwork("net-300.json") else { return skipping("net-300.json") }
        let e = try engine(path: path)
        let small = try e.run(settings(iterations: 50, models: [.rollingFrontier], threads: 1))
        let large = try e.run(settings(iterations: 800, models: [.rollingFrontier], threads: 1))
        #expect(small.engineCPUSeconds > 0)
        // 16× the iterations cannot take less CPU than the small run did.
        #expect(large.engineCPUSeconds > small.engineCPUSeconds)
        let rate = try #require(large.taskSamplesPerCPUSecond)
        #expect(abs(rate - 800 * Double(large.taskIDs.count) / large.engineCPUSeconds) <= 1e-9 * rate)
    }
}
