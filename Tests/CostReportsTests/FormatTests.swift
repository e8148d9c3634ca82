import CostModel
import CostReports
import Testing

struct FormatTests {
    @Test(arguments: [
        (Int64(0), "0"), (999, "999"), (1_000, "1,000"), (1_234_567, "1,234,567"), (-12_345, "-12,345"),
    ])
    func countsGetThousandsSeparators(value: Int64, text: String) {
        #expect(Format.count(value) == text)
    }

    @Test(arguments: [
        (Int64(850), "850ns"), (850_000, "850µs"), (12_340_000, "12.3ms"), (4_200_000_000, "4.20s"),
        (185_000_000_000, "3m05s"), (7_380_000_000_000, "2h03m"),
    ])
    func durationsKeepThreeSignificantFigures(nanos: Int64, text: String) {
        #expect(Format.duration(nanos: nanos) == text)
    }

    @Test func timestampsAreUTCInISOForm() {
        #expect(Format.timestamp(nanos: 0) == "1970-01-01T00:00:00Z")
        #expect(Format.timestamp(nanos: 1_793_610_000_000_000_000) == "2026-11-02T09:00:00Z")
        #expect(Format.timestamp(nanos: 951_782_400_000_000_000) == "2000-02-29T00:00:00Z")
        #expect(Format.timestamp(nanos: -1_000_000_000) == "1969-12-31T23:59:59Z")
    }

    @Test func jsonStringsEscapeQuotesControlCharactersAndScriptTags() {
        #expect(JSONWriter.quoted("a\"b\\c\n\u{01}</script>") == #""a\"b\\c\n\u0001\u003c/script>""#)
    }

    @Test func jsonWriterNestsObjectsAndArrays() {
        var writer = JSONWriter(pretty: false)
        writer.beginObject()
        writer.string("name", "x")
        writer.beginArray("values")
        writer.number(nil, 1)
        writer.number(nil, 2)
        writer.endArray()
        writer.null("none")
        writer.endObject()
        #expect(writer.text == #"{"name":"x","values":[1,2],"none":null}"#)
    }
}

struct MoneyFormatTests {
    @Test(arguments: [
        (Int64(0), "$0.00"), (12_400_000_000, "$12.40"), (1_234_567_890_000, "$1,234.57"), (12_345_678, "$0.0123"),
        (333, "$0.000000333"), (680, "$0.000000680"), (5_000_000, "$0.00500"), (-2_500_000_000, "-$2.50"),
        (1_005_000_000, "$1.00"), (1_015_000_000, "$1.02"),
    ])
    func moneyIsShownToPeopleWithSensibleDigits(nanos: Int64, text: String) {
        #expect(Format.usd(Money(nanos: nanos)) == text)
    }

    @Test func sharesArePercentagesWithOneDecimal() {
        #expect(Format.percent(0.889) == "88.9%")
        #expect(Format.percent(1) == "100.0%")
        #expect(Format.percent(0) == "0.0%")
        #expect(Format.percent(-0.709) == "-70.9%")
        #expect(Format.percent(-0.0004) == "0.0%")
    }
}

struct SingleLineNameTests {
    @Test func lineBreaksAndTabsBecomeSpacesAndOtherControlsAReplacementCharacter() {
        #expect(Format.singleLine("plan\nstep\r\n\tone") == "plan step   one")
        #expect(Format.singleLine("\u{1B}[31mred\u{7F}") == "\u{FFFD}[31mred\u{FFFD}")
        #expect(Format.singleLine("résumé · 検索 🔥") == "résumé · 検索 🔥")
    }
}
