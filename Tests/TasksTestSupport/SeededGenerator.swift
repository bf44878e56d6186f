/// SplitMix64 (Steele, Lea & Flood 2014): a tiny, fast, seedable generator whose whole state is
/// one `UInt64`, so every randomised test replays exactly from the seed it prints.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniformly chosen element of a non-empty collection.
    public mutating func pick<C: Collection>(_ values: C) -> C.Element {
        precondition(!values.isEmpty, "pick from an empty collection")
        return values[values.index(values.startIndex, offsetBy: Int.random(in: 0..<values.count, using: &self))]
    }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }
}
