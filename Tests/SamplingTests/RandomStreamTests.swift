import Sampling
import Testing

@Suite struct RandomStreamTests {
    private func uniforms(_ stream: borrowing RandomStream, _ count: Int = 1000) -> [Double] {
        (0..<count).map { _ in stream.uniform() }
    }

    @Test func sameSeedAndStreamRepeat() throws {
        let first = try RandomStream(seed: 42, stream: 7)
        let second = try RandomStream(seed: 42, stream: 7)
        #expect(uniforms(first) == uniforms(second))
    }

    @Test func differentStreamsAndSeedsDiffer() throws {
        let base = uniforms(try RandomStream(seed: 42, stream: 7))
        for (seed, stream): (UInt64, UInt64) in [(42, 8), (42, 6), (43, 7), (0, 0), (42, 7 + (1 << 32))] {
            let other = uniforms(try RandomStream(seed: seed, stream: stream))
            // Equal positions of two independent 32-bit streams: expected 1000/2³², so none.
            #expect(zip(base, other).filter { $0 == $1 }.isEmpty, "seed \(seed) stream \(stream)")
        }
    }

    @Test func reseedEqualsFreshStream() throws {
        var reused = try RandomStream(seed: 1, stream: 0)
        _ = uniforms(reused, 123)
        for iteration: UInt64 in [5, 0, 99_999, .max] {
            reused.reseed(seed: 9, stream: iteration)
            #expect(uniforms(reused) == uniforms(try RandomStream(seed: 9, stream: iteration)), "stream \(iteration)")
        }
    }

    @Test func uniformsLieInTheUnitInterval() throws {
        let stream = try RandomStream(seed: 3, stream: 3)
        let u = uniforms(stream, 100_000)
        #expect(u.allSatisfy { (0..<1).contains($0) })
        // The mean of n uniforms has standard error √(1/12n).
        #expect(abs(try SampleStatistics.mean(u) - 0.5) <= 4 * (1.0 / (12 * 100_000)).squareRoot())
        #expect((0..<100_000).allSatisfy { _ in stream.uniformPositive() > 0 })
    }
}
