import Foundation

/// SplitMix64 with a fixed seed, overridable by `SHOWCASE_TEST_SEED`, so random tests repeat and a
/// failure found with another seed can be replayed.
public struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64? = nil) {
        state = seed ?? ProcessInfo.processInfo.environment["SHOWCASE_TEST_SEED"].flatMap(UInt64.init) ?? 20_261_129
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
