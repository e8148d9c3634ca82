import CostModel
import CostReports
import Testing

struct ExactDecimalTests {
    @Test(
        arguments: [
            (Int128(0), 0, "0"), (1, 0, "1"), (1, 6, "0.000001"), (1_234_500, 6, "1.2345"), (-35, 1, "-3.5"),
            (100, 0, "100"), (10, 1, "1"),
        ] as [(Int128, Int, String)])
    func textIsPlainDecimalWithoutTrailingZerosOrExponent(significand: Int128, scale: Int, text: String) {
        #expect(ExactDecimal(significand: significand, scale: scale).description == text)
    }

    @Test func productsAreExact() throws {
        let rate = ExactDecimal(Money(nanos: 3_750_000_001))  // $3.750000001 per million
        let halfPrice = try #require(rate.multiplied(by: ExactDecimal(Multiplier(decimal: "0.5")!)))
        #expect(halfPrice.description == "1.8750000005")
        let quantity = try #require(ExactDecimal.quotient(1_234_567, 1_000_000))
        #expect(quantity.description == "1.234567")
        #expect(try #require(halfPrice.multiplied(by: quantity)).description == "2.3148131256172835")
    }

    @Test func aQuotientIsExactWhenItTerminatesAndRoundedHalfToEvenWhenNot() throws {
        #expect(ExactDecimal.quotient(7, 1000)?.description == "0.007")
        #expect(ExactDecimal.quotient(1, 3, maxScale: 4)?.description == "0.3333")
        #expect(ExactDecimal.quotient(2, 3, maxScale: 4)?.description == "0.6667")
        #expect(ExactDecimal.quotient(1, 8, maxScale: 2)?.description == "0.12")  // 0.125 → even
        #expect(ExactDecimal.quotient(3, 8, maxScale: 2)?.description == "0.38")  // 0.375 → even
        #expect(ExactDecimal.quotient(1, 0) == nil)
    }

    @Test func equalNumbersAreEqualWhateverTheirScale() {
        #expect(ExactDecimal(significand: 1_500, scale: 3) == ExactDecimal(significand: 15, scale: 1))
        #expect(ExactDecimal(significand: 187_140_000, scale: 9).isEqual(to: Money(nanos: 187_140_000)))
    }

    @Test func anOverflowingProductIsNil() {
        let huge = ExactDecimal(significand: Int128.max / 2, scale: 0)
        #expect(huge.multiplied(by: ExactDecimal(3)) == nil)
    }
}
