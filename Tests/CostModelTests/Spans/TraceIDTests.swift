import CostModel
import Testing

struct TraceIDTests {
    @Test func hexParsesBigEndianIntoHighAndLow() throws {
        let id = try #require(TraceID(hex: "0102030405060708090a0b0c0d0e0f10"))
        #expect(id.high == 0x0102_0304_0506_0708)
        #expect(id.low == 0x090a_0b0c_0d0e_0f10)
    }

    @Test func uppercaseAndMixedCaseHexParseToTheSameIDAndFormatLowercase() throws {
        let lower = try #require(TraceID(hex: "4bf92f3577b34da6a3ce929d0e0e4736"))
        let upper = try #require(TraceID(hex: "4BF92F3577B34DA6A3CE929D0E0E4736"))
        let mixed = try #require(TraceID(hex: "4bF92f3577B34dA6a3Ce929D0e0E4736"))
        #expect(lower == upper)
        #expect(lower == mixed)
        #expect(upper.hex == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(upper.description == upper.hex)
    }

    @Test func formattingKeepsLeadingZeros() {
        #expect(TraceID(high: 0, low: 1).hex == "00000000000000000000000000000001")
        #expect(TraceID(high: 1, low: 0).hex == "00000000000000010000000000000000")
        #expect(TraceID(high: .max, low: .max).hex == String(repeating: "f", count: 32))
    }

    @Test(arguments: [
        "",
        "4bf92f3577b34da6a3ce929d0e0e473",  // 31 digits
        "4bf92f3577b34da6a3ce929d0e0e47360",  // 33 digits
        "4bf92f3577b34da6",  // a span id
        "4bf92f3577b34da6a3ce929d0e0e473g",  // not hex
        "4bf92f3577b34da6-3ce929d0e0e4736",
        " bf92f3577b34da6a3ce929d0e0e4736",
        "0x4bf92f3577b34da6a3ce929d0e0e47",
        "4bf92f3577b34da6a3ce929d0e0e47é",  // 32 bytes, one of them not ASCII
        "00000000000000000000000000000000",  // all zero is invalid
    ])
    func invalidTextIsRejected(text: String) {
        #expect(TraceID(hex: text) == nil)
    }

    @Test func parsingWorksOnSubstrings() throws {
        let line = "trace=4bf92f3577b34da6a3ce929d0e0e4736;"
        let slice = line.dropFirst(6).dropLast()
        #expect(try #require(TraceID(hex: slice)).hex == String(slice))
    }

    @Test func randomIDsSurviveARoundTripThroughHex() throws {
        var generator = SplitMix64(seed: 0x7ace)
        for _ in 0..<2_000 {
            let id = TraceID(high: generator.next(), low: generator.next())
            let hex = id.hex
            #expect(hex.utf8.count == 32)
            #expect(hex == hex.lowercased())
            #expect(TraceID(hex: hex) == id)
            #expect(TraceID(hex: hex.uppercased()) == id)
        }
    }

    @Test func orderFollowsTheHexText() {
        var generator = SplitMix64(seed: 42)
        let ids = (0..<200).map { _ in
            // Small highs so that equal highs, decided by low, also occur.
            TraceID(high: generator.next() % 4, low: generator.next())
        }
        for (a, b) in zip(ids, ids.dropFirst()) {
            #expect((a < b) == (a.hex < b.hex))
        }
    }
}

struct SpanIDTests {
    @Test func hexParsesBigEndian() throws {
        #expect(try #require(SpanID(hex: "00f067aa0ba902b7")).value == 0x00f0_67aa_0ba9_02b7)
        #expect(SpanID(hex: "00F067AA0BA902B7") == SpanID(0x00f0_67aa_0ba9_02b7))
    }

    @Test func formattingIsSixteenLowercaseDigitsWithLeadingZeros() {
        #expect(SpanID(1).hex == "0000000000000001")
        #expect(SpanID(0xABCD_EF01_2345_6789).hex == "abcdef0123456789")
        #expect(SpanID(0xABCD_EF01_2345_6789).description == "abcdef0123456789")
    }

    @Test(arguments: [
        "",
        "00f067aa0ba902b",
        "00f067aa0ba902b70",
        "00f067aa0ba902bz",
        "4bf92f3577b34da6a3ce929d0e0e4736",
        "0000000000000000",
        "+0f067aa0ba902b7",
    ])
    func invalidTextIsRejected(text: String) {
        #expect(SpanID(hex: text) == nil)
    }

    @Test func randomIDsSurviveARoundTripThroughHex() {
        var generator = SplitMix64(seed: 0x5ba9)
        for _ in 0..<2_000 {
            let value = generator.next() | 1
            let id = SpanID(value)
            #expect(SpanID(hex: id.hex) == id)
            #expect(SpanID(hex: id.hex.uppercased()) == id)
        }
    }
}
