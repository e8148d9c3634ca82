import CostModel
import CostReports
import Testing

struct CompareQuantileTests {
    /// The nearest-rank definition checked by brute force: the smallest value with at least
    /// perMille/1000 of the values at or below it.
    @Test(arguments: [1, 2, 3, 7, 20, 32, 64, 100, 101])
    func nearestRankIsTheSmallestValueWithEnoughValuesAtOrBelowIt(count: Int) {
        var generator = SplitMix64(seed: UInt64(count))
        let values = (0..<count).map { _ in Int64(generator.nextIndex(below: 50)) }.sorted()
        for perMille in [1, 25, 250, 500, 900, 950, 975, 999, 1000] {
            let expected = values.first { value in
                values.filter { $0 <= value }.count * 1000 >= perMille * count
            }
            #expect(Quantile.nearestRank(values, perMille: perMille) == expected, "perMille \(perMille) of \(count)")
        }
    }

    @Test func theNinetyFifthPercentileOf32IsThe31stAndOf100The95th() {
        let values = Array(1...100)
        #expect(Quantile.nearestRank(Array(values.prefix(32)), perMille: 950) == 31)
        #expect(Quantile.nearestRank(values, perMille: 950) == 95)
        #expect(Quantile.nearestRank(values, perMille: 0) == 1)
    }

    @Test func theMedianIsTheMiddleValueOrTheMeanOfTheTwoRoundedHalfToEven() {
        func money(_ nanos: Int64...) -> [Money] { nanos.map(Money.init(nanos:)) }
        #expect(Quantile.median(money(1, 5, 9)) == Money(nanos: 5))
        #expect(Quantile.median(money(1, 5, 9, 10)) == Money(nanos: 7))
        // 5.5 rounds to 6 and 6.5 to 6: half to even, so rounding does not drift up.
        #expect(Quantile.median(money(5, 6)) == Money(nanos: 6))
        #expect(Quantile.median(money(6, 7)) == Money(nanos: 6))
        #expect(Quantile.median(money(-7, -6)) == Money(nanos: -6))
        #expect(Quantile.median(money(Int64.max, Int64.max)) == Money(nanos: Int64.max))
    }
}
