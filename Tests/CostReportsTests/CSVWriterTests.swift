import CostReports
import Testing

@Suite struct CSVWriterTests {
    @Test func plainFieldsAreWrittenAsTheyAreWithCRLF() {
        var csv = CSVWriter(header: ["team", "cost_usd"])
        csv.record(["search", "0.18714"])
        #expect(csv.text == "team,cost_usd\r\nsearch,0.18714\r\n")
    }

    @Test func fieldsWithSeparatorsQuotesOrNewlinesAreQuoted() {
        var csv = CSVWriter(header: ["name"])
        csv.record(["a,b"])
        csv.record(["say \"hi\""])
        csv.record(["two\nlines"])
        csv.record(["crlf\r\n"])
        #expect(csv.text == "name\r\n\"a,b\"\r\n\"say \"\"hi\"\"\"\r\n\"two\nlines\"\r\n\"crlf\r\n\"\r\n")
    }

    @Test func nilIsAnEmptyFieldAndAnEmptyStringToo() {
        var csv = CSVWriter(header: ["a", "b", "c"])
        csv.record([nil, "", "x"])
        #expect(csv.text == "a,b,c\r\n,,x\r\n")
    }

    @Test func nonASCIIIsKeptAsIs() {
        #expect(CSVWriter.escaped("équipe · 検索") == "équipe · 検索")
    }
}
