import Sampling
import Testing

@Suite("RadixSort")
struct RadixSortTests {
    /// Bit patterns, so that a sort that merely compares equal (say, -0.0 for 0.0) is caught.
    static func bits(_ v: [Double]) -> [UInt64] { v.map(\.bitPattern) }

    @Test("sorts as the standard library does", arguments: [3, 511, 512, 1_000, 10_000])
    func matchesStandardSort(_ n: Int) throws {
        let u = try RandomStream(seed: 7, stream: UInt64(n))
        let extremes: [Double] = [.infinity, -.infinity, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, 1, -1, .greatestFiniteMagnitude]
        for shape in 0..<4 {
            var values: [Double] = []
            for _ in 0..<n {
                let x = u.uniform()
                switch shape {
                case 0: values.append(300 + 600 * x)                      // makespans: shared sign and exponent
                case 1: values.append(2e6 * x - 1e6)                      // both signs, many exponents
                case 2: values.append(Double(Int(20 * x)) / 4)            // heavy ties
                default: values.append(extremes[min(6, Int(7 * x))])
                }
            }
            let expected = values.sorted()
            RadixSort.ascending(&values)
            #expect(Self.bits(values) == Self.bits(expected))
        }
    }

    @Test("negative zero comes before zero, and both survive")
    func signedZeros() {
        var values: [Double] = []
        for i in 0..<2_000 {
            switch i % 3 {
            case 0: values.append(-0.0)
            case 1: values.append(0.0)
            default: values.append(Double(i % 7) - 3.5)
            }
        }
        let expected = values.sorted()
        RadixSort.ascending(&values)
        #expect(values == expected)  // equal as numbers
        let zeros = values.filter { $0 == 0 }
        #expect(zeros.count == 1_334)
        #expect(zeros.prefix(667).allSatisfy { $0.sign == .minus })
        #expect(zeros.suffix(667).allSatisfy { $0.sign == .plus })
    }
}
