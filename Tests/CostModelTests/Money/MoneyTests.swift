import CostModel
import Testing

struct MoneyTests {
    @Test(
        arguments: [
            ("12.4", 12_400_000_000, "12.40"),
            ("12.40", 12_400_000_000, "12.40"),
            ("0.0123", 12_300_000, "0.0123"),
            ("-0.5", -500_000_000, "-0.50"),
            ("3", 3_000_000_000, "3.00"),
            ("+2.5", 2_500_000_000, "2.50"),
            ("007.10", 7_100_000_000, "7.10"),
            (".5", 500_000_000, "0.50"),
            ("5.", 5_000_000_000, "5.00"),
            ("0", 0, "0.00"),
            ("-0", 0, "0.00"),
            ("0.000000001", 1, "0.000000001"),
            ("-0.000000001", -1, "-0.000000001"),
            ("1234567.891234567", 1_234_567_891_234_567, "1234567.891234567"),
            ("9223372036.854775807", Int64.max, "9223372036.854775807"),
            ("-9223372036.854775808", Int64.min, "-9223372036.854775808"),
        ] as [(String, Int64, String)]
    )
    func aDecimalParsesToExactNanosAndFormatsBack(text: String, nanos: Int64, formatted: String) throws {
        let money = try #require(Money(decimal: text))
        #expect(money.nanos == nanos)
        #expect(money.decimalString == formatted)
        #expect(money.description == "$" + formatted)
    }

    @Test(
        arguments: [
            ("0.0000000004", 0),
            ("0.0000000005", 0),  // half, to even (0)
            ("0.00000000050001", 1),  // more than half
            ("0.0000000006", 1),
            ("0.0000000014", 1),
            ("0.0000000015", 2),  // half, to even (2)
            ("0.0000000025", 2),  // half, to even (2)
            ("0.0000000035", 4),
            ("0.00000000250000000000001", 3),
            ("-0.0000000015", -2),
            ("-0.0000000025", -2),
            ("1.9999999995", 2_000_000_000),  // the carry reaches the whole part
            ("0.1234567894999", 123_456_789),
        ] as [(String, Int64)]
    )
    func digitsPastTheNinthDecimalRoundHalfToEven(text: String, nanos: Int64) throws {
        #expect(try #require(Money(decimal: text)).nanos == nanos)
    }

    @Test(arguments: [
        "", "-", "+", ".", "-.", "abc", "1.2.3", "1e3", "1E-3", " 1", "1 ", "1,5", "--1", "+-1", "0x10", "12.4a",
        "$1.00", "1_000", "١", "NaN", "inf",
        "9223372036.854775808",  // one nano above Int64.max
        "-9223372036.854775809",
        "9223372036.8547758075",  // rounds up past Int64.max
        "99999999999",
        "9223372036854775808",
        "99999999999999999999999999999999999999999999",
    ])
    func garbageAndOverflowParseToNil(text: String) {
        #expect(Money(decimal: text) == nil)
    }

    @Test func decimalStringShowsAtLeastTwoDecimalsAndNoMoreZerosThanThat() {
        #expect(Money.zero.decimalString == "0.00")
        #expect(Money(nanos: 10_000_000).decimalString == "0.01")
        #expect(Money(nanos: 100_000).decimalString == "0.0001")
        #expect(Money(nanos: 1_000_000_000).decimalString == "1.00")
        #expect(Money(nanos: -1_230_000_000).decimalString == "-1.23")
        #expect(Money(nanos: 1_000_000_001).decimalString == "1.000000001")
    }

    @Test func randomAmountsSurviveARoundTripThroughTheirDecimalString() throws {
        var generator = SplitMix64(seed: 0x0d011a5)
        for round in 0..<5_000 {
            // Mix large amounts with small ones, where most decimals are zeros.
            let raw = Int64(bitPattern: generator.next())
            let nanos = round.isMultiple(of: 2) ? raw : raw % 10_000_000
            let money = Money(nanos: nanos)
            #expect(Money(decimal: money.decimalString) == money, "\(nanos)")
        }
    }

    @Test func additionAndSubtractionAreExact() throws {
        let total = try #require(Money(decimal: "12.40"))
        let call = try #require(Money(decimal: "0.0123"))
        #expect((total + call).decimalString == "12.4123")
        #expect((call - total).decimalString == "-12.3877")
        var running = Money.zero
        for _ in 0..<10 { running += try #require(Money(decimal: "0.1")) }
        #expect(running == Money(decimal: "1"))
        running -= try #require(Money(decimal: "0.3"))
        #expect(running.decimalString == "0.70")
    }

    @Test func moneyOrdersByAmount() throws {
        let amounts = try ["-1", "0", "0.000000001", "0.5", "12.4"].map { try #require(Money(decimal: $0)) }
        #expect(amounts.sorted() == amounts)
        #expect(amounts.shuffled().sorted() == amounts)
    }
}

struct MoneyDecimalUTF8Tests {
    @Test func theDecimalBytesAreTheDecimalString() {
        for nanos: Int64 in [0, 1, -1, 10, 100, 1_000_000_000, 1_230_000_000, -12_345_678_901, 999_999_999, .max, .min + 1, 120_000, 5_000_000] {
            let money = Money(nanos: nanos)
            #expect(money.withDecimalUTF8 { String(decoding: $0, as: UTF8.self) } == money.decimalString)
        }
    }
}
