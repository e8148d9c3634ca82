import CostModel
import Testing

struct SplitMix64Tests {
    @Test func itMatchesTheReferenceOutputOfSplitMix64() {
        // The first outputs of the reference implementation (Vigna, splitmix64.c) from state 0.
        var generator = SplitMix64(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(generator.next() == 0x06C4_5D18_8009_454F)
    }

    @Test func theSameSeedGivesTheSameNumbersAndAnotherSeedOthers() {
        var first = SplitMix64(seed: 2026)
        var again = SplitMix64(seed: 2026)
        var other = SplitMix64(seed: 2027)
        let a = (0..<100).map { _ in first.nextIndex(below: 1_000) }
        let b = (0..<100).map { _ in again.nextIndex(below: 1_000) }
        let c = (0..<100).map { _ in other.nextIndex(below: 1_000) }
        #expect(a == b)
        #expect(a != c)
    }

    @Test(arguments: [1, 2, 3, 7, 64, 1_000])
    func indicesStayBelowTheBoundAndAreEvenlySpread(bound: Int) {
        var generator = SplitMix64(seed: UInt64(bound))
        let draws = 200 * bound
        var counts = [Int](repeating: 0, count: bound)
        for _ in 0..<draws { counts[generator.nextIndex(below: bound)] += 1 }
        // Chi-square with bound − 1 degrees of freedom; its mean is bound − 1 and its standard deviation
        // √(2(bound − 1)), so more than 6 standard deviations above the mean means the spread is uneven.
        let expected = Double(draws) / Double(bound)
        let chiSquare = counts.reduce(0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
        #expect(chiSquare <= Double(bound - 1) + 6 * (2 * Double(max(bound - 1, 1))).squareRoot())
    }

    @Test func unitDoublesLieInZeroToOneAndAverageAHalf() {
        var generator = SplitMix64(seed: 9)
        let values = (0..<100_000).map { _ in generator.nextUnitDouble() }
        #expect(values.allSatisfy { 0 <= $0 && $0 < 1 })
        let mean = values.reduce(0, +) / Double(values.count)
        // The mean of 100,000 uniforms has a standard deviation of 0.0009.
        #expect(abs(mean - 0.5) < 0.005)
    }
}
