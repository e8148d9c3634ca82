import CostModel
import Testing

struct MoneyRoundingTests {
    @Test func oneTokenAtFifteenCentsPerMillionCostsOneHundredFiftyNanoDollars() throws {
        let rate = try #require(TokenRate(decimal: "0.15"))
        #expect(rate.perMillion.nanos == 150_000_000)
        #expect(rate.cost(of: 1) == Money(nanos: 150))
    }

    @Test(
        arguments: [
            (1, 0),  // 0.5 → 0, the even neighbour
            (3, 2),  // 1.5 → 2
            (5, 2),  // 2.5 → 2
            (7, 4),  // 3.5 → 4
            (2, 1),  // 1.0 exactly
        ] as [(Int64, Int64)]
    )
    func exactHalvesOfANanoDollarRoundToEven(tokens: Int64, nanos: Int64) throws {
        let rate = try #require(TokenRate(decimal: "0.0005"))  // half a nano-dollar per token
        #expect(rate.cost(of: tokens) == Money(nanos: nanos))
    }

    @Test func aThirdOfANanoDollarRoundsDownAndTwoThirdsRoundUp() throws {
        // $1.20 per device-hour is 1.2e9 nano-dollars per 3.6e12 ns: a third of a nano-dollar per 1,000 ns.
        let rate = GPURate(
            device: "X", perHour: try #require(Money(exactDecimal: "1.2")),
            effectiveFrom: CalendarDate(daysSinceEpoch: 0))
        #expect(rate.cost(ofDeviceNanos: 1_000) == Money(nanos: 0))  // 0.333…
        #expect(rate.cost(ofDeviceNanos: 2_000) == Money(nanos: 1))  // 0.666…
        #expect(rate.cost(ofDeviceNanos: 1_000_000_000) == Money(nanos: 333_333))  // 333,333.33…
        #expect(rate.cost(ofDeviceNanos: 2_000_000_000) == Money(nanos: 666_667))  // 666,666.66…
        let third = try #require(TokenRate(decimal: "0.000000333"))  // 333 nano-dollars per million
        #expect(third.cost(of: 1_000) == Money(nanos: 0))  // 0.333
        #expect(third.cost(of: 2_000) == Money(nanos: 1))  // 0.666
    }

    @Test func aKindIsRoundedOnceForAllItsTokensNotTokenByToken() throws {
        let rate = try #require(TokenRate(decimal: "0.0005"))
        let tokenByToken = (0..<3).map { _ in rate.cost(of: 1)!.nanos }.reduce(0, +)
        #expect(tokenByToken == 0)
        #expect(rate.cost(of: 3) == Money(nanos: 2))
    }

    @Test func aMultiplierIsPartOfTheSingleRoundedProduct() throws {
        let rate = try #require(TokenRate(decimal: "0.000001"))  // 1 nano-dollar per thousand tokens
        let half = try #require(Multiplier(decimal: "0.5"))
        // 3,000 tokens cost 3 nano-dollars; halved, 1.5 rounds to 2; 5,000 halved is 2.5, which rounds to 2.
        #expect(rate.cost(of: 3_000, times: half) == Money(nanos: 2))
        #expect(rate.cost(of: 5_000, times: half) == Money(nanos: 2))
        #expect(rate.cost(of: 1_000_000, times: try #require(Multiplier(decimal: "1.75"))) == Money(nanos: 1_750))
    }

    @Test func costsThatDoNotFitInMoneyAreNilNotWrapped() throws {
        let rate = try #require(TokenRate(decimal: "1000000"))
        #expect(rate.cost(of: .max) == nil)
        #expect(rate.cost(of: .max, times: Multiplier(scaled: .max)) == nil)
    }

    @Test(
        arguments: [
            ("3", 3_000_000_000),
            ("0.30", 300_000_000),
            ("0.0028", 2_800_000),
            ("0.003625", 3_625_000),
            ("0.000000001", 1),
            ("-1.5", -1_500_000_000),
            ("007", 7_000_000_000),
        ] as [(String, Int64)]
    )
    func anExactDecimalParsesWithoutRounding(text: String, nanos: Int64) throws {
        #expect(try #require(Money(exactDecimal: text)).nanos == nanos)
    }

    @Test(arguments: ["", "-", ".5", "5.", "+1", "1e3", "1.0000000001", "1,5", " 1", "0x10", "99999999999"])
    func anExactDecimalRejectsWhatAHandWrittenBookShouldNotContain(text: String) {
        #expect(Money(exactDecimal: text) == nil)
    }

    @Test(
        arguments: [("0.5", 500_000_000, "0.5"), ("1.75", 1_750_000_000, "1.75"), ("2", 2_000_000_000, "2")]
            as [(String, Int64, String)])
    func aMultiplierParsesAndFormatsExactly(text: String, scaled: Int64, formatted: String) throws {
        let multiplier = try #require(Multiplier(decimal: text))
        #expect(multiplier.scaled == scaled)
        #expect(multiplier.decimalString == formatted)
    }

    @Test func aRequestFeeIsPricedPerItsBatchOfUnitsAndRoundedOnce() {
        let fee = ModelPrice.RequestFee(per: 1000, price: Money(nanos: 10_000_000_000))  // $10 per 1,000
        #expect(fee.cost(of: 1) == Money(nanos: 10_000_000))
        #expect(fee.cost(of: 3) == Money(nanos: 30_000_000))
        let odd = ModelPrice.RequestFee(per: 3, price: Money(nanos: 1))  // a third of a nano-dollar each
        #expect(odd.cost(of: 1) == Money(nanos: 0))
        #expect(odd.cost(of: 2) == Money(nanos: 1))
    }
}
