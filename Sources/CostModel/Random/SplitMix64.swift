/// A small, fast random number generator that gives the same numbers for the same seed on every
/// platform and Swift version, so that a bootstrap can be reproduced from its seed.
///
/// SplitMix64 (Steele, Lea and Flood, *Fast splittable pseudorandom number generators*, 2014):
/// 64 bits of state advanced by a fixed odd constant, each output a mix of the state. Its
/// output passes BigCrush; it is not for cryptography.
///
/// ```swift
/// var generator = SplitMix64(seed: 42)
/// let index = generator.nextIndex(below: 32)   // the same on every run with seed 42
/// ```
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose output is fixed by `seed`; any value, zero included, is a good seed.
    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// A uniformly distributed integer in `0..<bound`.
    ///
    /// Lemire's multiply-and-reject method (*Fast random integer generation in an interval*,
    /// 2019), written out here rather than taken from `Int.random(in:using:)`, whose algorithm
    /// the standard library does not promise to keep: a seed must give the same resamples with
    /// every toolchain.
    /// - Precondition: `bound` > 0.
    public mutating func nextIndex(below bound: Int) -> Int {
        precondition(bound > 0, "the bound of a random index must be positive")
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            // Values of `low` below 2⁶⁴ mod range would make the first indices a little more likely.
            let threshold = (0 &- range) % range
            while product.low < threshold { product = next().multipliedFullWidth(by: range) }
        }
        return Int(product.high)
    }

    /// A uniformly distributed `Double` in `0..<1`, with 53 random bits.
    public mutating func nextUnitDouble() -> Double {
        Double(next() >> 11) * 0x1p-53
    }
}
