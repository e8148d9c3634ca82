import CostFormats
import CostModel
import Foundation
import Testing

/// A malformed price book and the error it must give.
struct MalformedPriceBook: Sendable, CustomTestStringConvertible {
    var name: String
    /// The `models` array's elements, as JSON text.
    var models: [String]
    var gpus: [String] = [PriceBookText.h100]
    var expected: String

    var testDescription: String { name }
}

/// Price book texts for the reader tests.
enum PriceBookText {
    static let m1 = """
        {"provider": "acme", "model": "m1", "aliases": ["m1-20250101"], "effective_from": "2025-01-01",
         "prices_per_million": {"input": "1", "output": "2"}, "source": "test", "checked": null}
        """
    static let h100 = """
        {"device": "H100", "usd_per_hour": "3", "effective_from": "2025-01-01", "source": "test", "checked": "2025-02-01"}
        """
    static let webSearch = """
        {"tool": "web_search", "usd_per_call": "0.01", "effective_from": "2025-01-01", "source": "test", "checked": null}
        """

    /// A book around these entries.
    static func book(models: [String], gpus: [String] = [h100], tools: [String] = [webSearch], version: Int = 1)
        -> String
    {
        """
        {"version": \(version), "currency": "USD",
         "models": [\(models.joined(separator: ",\n"))],
         "gpus": [\(gpus.joined(separator: ",\n"))],
         "tools": [\(tools.joined(separator: ",\n"))]}
        """
    }

    /// `m1` with one field's JSON replaced, added, or (with `nil`) removed.
    static func m1(_ field: String, _ json: String?) -> String {
        var object = (try! JSONSerialization.jsonObject(with: Data(m1.utf8))) as! [String: Any]
        if let json {
            object[field] = try! JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed)
        } else {
            object.removeValue(forKey: field)
        }
        return String(
            decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }
}

struct PriceBookReaderTests {
    @Test func aWellFormedBookReadsEveryField() throws {
        let tiered = PriceBookText.m1(
            "long_context", #"[{"above_input_tokens": 1000, "prices_per_million": {"input": "2", "output": "4"}}]"#
        )
        .replacingOccurrences(of: "\"2025-01-01\"", with: "\"2025-06-01\"")
        let full = PriceBookText.m1("service_tiers", #"{"batch": "0.5", "priority": "1.75"}"#)
            .replacingOccurrences(
                of: "\"source\"", with: #""request_fees": {"web_search": {"per": 1000, "usd": "10"}}, "source""#)
        let book = try PriceBookReader.read(PriceBookText.book(models: [full, tiered]), file: "book.json")
        #expect(book.models.count == 2)
        let first = book.models[0]
        #expect(first.provider == "acme")
        #expect(first.model == "m1")
        #expect(first.aliases == ["m1-20250101"])
        #expect(first.effectiveFrom == CalendarDate(iso: "2025-01-01"))
        #expect(first.rates == [.input: TokenRate(decimal: "1")!, .output: TokenRate(decimal: "2")!])
        #expect(first.serviceTiers == ["batch": Multiplier(decimal: "0.5")!, "priority": Multiplier(decimal: "1.75")!])
        #expect(first.requestFees == ["web_search": .init(per: 1000, price: Money(exactDecimal: "10")!)])
        #expect(first.source == "test")
        #expect(first.checked == nil)
        #expect(
            book.models[1].longContext == [
                .init(
                    aboveInputTokens: 1000,
                    rates: [.input: TokenRate(decimal: "2")!, .output: TokenRate(decimal: "4")!])
            ])
        #expect(
            book.gpus == [
                GPURate(
                    device: "H100", perHour: Money(exactDecimal: "3")!, effectiveFrom: CalendarDate(iso: "2025-01-01")!,
                    source: "test", checked: CalendarDate(iso: "2025-02-01"))
            ])
        #expect(
            book.tools == [
                ToolFee(
                    tool: "web_search", perCall: Money(exactDecimal: "0.01")!,
                    effectiveFrom: CalendarDate(iso: "2025-01-01")!, source: "test")
            ])
    }

    static let malformed: [MalformedPriceBook] = [
        MalformedPriceBook(
            name: "bad decimal", models: [PriceBookText.m1("prices_per_million", #"{"input": "1.2.3"}"#)],
            expected:
                #"book.json: models[0] (m1): field 'prices_per_million.input': '1.2.3' is not a decimal such as "2.50" (digits, an optional point and at most nine decimals)"#
        ),
        MalformedPriceBook(
            name: "more decimals than a nano-dollar",
            models: [PriceBookText.m1("prices_per_million", #"{"input": "0.0000000001"}"#)],
            expected:
                #"book.json: models[0] (m1): field 'prices_per_million.input': '0.0000000001' is not a decimal such as "2.50" (digits, an optional point and at most nine decimals)"#
        ),
        MalformedPriceBook(
            name: "price as a JSON number", models: [PriceBookText.m1("prices_per_million", #"{"input": 3}"#)],
            expected:
                #"book.json: models[0] (m1): field 'prices_per_million.input': expected a decimal string such as "2.50", found an integer"#
        ),
        MalformedPriceBook(
            name: "unknown token kind",
            models: [PriceBookText.m1("prices_per_million", #"{"input": "1", "cache_hit": "0.1"}"#)],
            expected:
                "book.json: models[0] (m1): field 'prices_per_million.cache_hit': unknown token kind 'cache_hit' (expected one of input, cache_read, cache_write_5m, cache_write_1h, output, reasoning, input_audio, output_audio, input_image, output_image)"
        ),
        MalformedPriceBook(
            name: "negative price",
            models: [PriceBookText.m1("prices_per_million", #"{"input": "1", "output": "-2"}"#)],
            expected: "book.json: models[0] (m1): field 'prices_per_million.output': is negative (-2)"),
        MalformedPriceBook(
            name: "negative multiplier", models: [PriceBookText.m1("service_tiers", #"{"batch": "-0.5"}"#)],
            expected: "book.json: models[0] (m1): field 'service_tiers.batch': is negative (-0.5)"),
        MalformedPriceBook(
            name: "no prices", models: [PriceBookText.m1("prices_per_million", "{}")],
            expected: "book.json: models[0] (m1): field 'prices_per_million': has no prices"),
        MalformedPriceBook(
            name: "reasoning without output",
            models: [PriceBookText.m1("prices_per_million", #"{"input": "1", "reasoning": "2"}"#)],
            expected:
                "book.json: models[0] (m1): field 'prices_per_million': prices reasoning but not output, which includes it"
        ),
        MalformedPriceBook(
            name: "missing source", models: [PriceBookText.m1("source", nil)],
            expected: "book.json: models[0] (m1): field 'source': missing"),
        MalformedPriceBook(
            name: "missing model id", models: [PriceBookText.m1("model", nil)],
            expected: "book.json: models[0]: field 'model': missing"),
        MalformedPriceBook(
            name: "missing effective date", models: [PriceBookText.m1("effective_from", nil)],
            expected: "book.json: models[0] (m1): field 'effective_from': missing"),
        MalformedPriceBook(
            name: "impossible date", models: [PriceBookText.m1("effective_from", #""2025-02-30""#)],
            expected: "book.json: models[0] (m1): field 'effective_from': '2025-02-30' is not a date YYYY-MM-DD"),
        MalformedPriceBook(
            name: "date in another format", models: [PriceBookText.m1("checked", #""23/11/2026""#)],
            expected: "book.json: models[0] (m1): field 'checked': '23/11/2026' is not a date YYYY-MM-DD"),
        MalformedPriceBook(
            name: "tiers not ascending",
            models: [
                PriceBookText.m1(
                    "long_context",
                    #"[{"above_input_tokens": 200000, "prices_per_million": {"input": "2", "output": "4"}}, {"above_input_tokens": 128000, "prices_per_million": {"input": "3", "output": "6"}}]"#
                )
            ],
            expected:
                "book.json: models[0] (m1): field 'long_context[1].above_input_tokens': tiers must ascend: 128000 is not above the previous tier's 200000"
        ),
        MalformedPriceBook(
            name: "tier without a kind the base prices",
            models: [
                PriceBookText.m1(
                    "long_context", #"[{"above_input_tokens": 200000, "prices_per_million": {"input": "2"}}]"#)
            ],
            expected:
                "book.json: models[0] (m1): field 'long_context[0].prices_per_million': has no output price, which the entry has below the threshold"
        ),
        MalformedPriceBook(
            name: "request fee per zero units",
            models: [PriceBookText.m1("request_fees", #"{"web_search": {"per": 0, "usd": "10"}}"#)],
            expected:
                "book.json: models[0] (m1): field 'request_fees.web_search.per': must be a positive number of units (0)"
        ),
        MalformedPriceBook(
            name: "misspelt field", models: [PriceBookText.m1("servce_tiers", #"{"batch": "0.5"}"#)],
            expected:
                "book.json: models[0] (m1): field 'servce_tiers': unknown field (expected one of aliases, checked, effective_from, long_context, model, notes, prices_per_million, provider, request_fees, service_tiers, source)"
        ),
        MalformedPriceBook(
            name: "duplicate model and day", models: [PriceBookText.m1, PriceBookText.m1("aliases", "[]")],
            expected: "book.json: models[1] (m1): field 'effective_from': models[0] already prices 'm1' from 2025-01-01"
        ),
        MalformedPriceBook(
            name: "alias shared by two models",
            models: [PriceBookText.m1, PriceBookText.m1("model", #""m2""#)],
            expected:
                "book.json: models[1] (m2): field 'aliases[0]': 'm1-20250101' already names model 'm1' (models[0])"),
        MalformedPriceBook(
            name: "alias that is another model's id",
            models: [
                PriceBookText.m1,
                PriceBookText.m1("model", #""m2""#).replacingOccurrences(of: "m1-20250101", with: "M1"),
            ],
            expected: "book.json: models[1] (m2): field 'aliases[0]': 'M1' already names model 'm1' (models[0])"),
        MalformedPriceBook(
            name: "negative GPU rate", models: [PriceBookText.m1],
            gpus: [PriceBookText.h100.replacingOccurrences(of: #""3""#, with: #""-3""#)],
            expected: "book.json: gpus[0] (H100): field 'usd_per_hour': is negative (-3)"),
        MalformedPriceBook(
            name: "duplicate GPU and day", models: [PriceBookText.m1], gpus: [PriceBookText.h100, PriceBookText.h100],
            expected: "book.json: gpus[1] (H100): field 'effective_from': gpus[0] already prices 'H100' from 2025-01-01"
        ),
    ]

    @Test(arguments: malformed)
    func aMalformedBookIsRejectedNamingFileEntryAndField(book: MalformedPriceBook) {
        let text = PriceBookText.book(models: book.models, gpus: book.gpus)
        #expect(throws: PriceBookError.self) { try PriceBookReader.read(text, file: "book.json") }
        let outcome = PriceBookReader.check(text, file: "book.json")
        #expect(outcome.book == nil)
        #expect(outcome.errors.map(\.description) == [book.expected])
    }

    @Test func theErrorCarriesItsPartsApart() throws {
        let text = PriceBookText.book(models: [
            PriceBookText.m1,
            PriceBookText.m1("prices_per_million", #"{"output": "-1"}"#).replacingOccurrences(
                of: "\"m1\"", with: "\"m9\""),
        ])
        let error = try #require(PriceBookReader.check(text, file: "prices/team.json").errors.first)
        #expect(error.file == "prices/team.json")
        #expect(error.entry == PriceBookError.Entry(section: "models", index: 1, name: "m9"))
        #expect(error.field == "prices_per_million.output")
        #expect(error.message == "is negative (-1)")
    }

    @Test func checkingReportsEveryBadEntryNotJustTheFirst() {
        let text = PriceBookText.book(
            models: [
                PriceBookText.m1("effective_from", #""2025-13-01""#),
                PriceBookText.m1("model", #""m2""#).replacingOccurrences(of: "m1-20250101", with: "m2-x"),
                PriceBookText.m1("prices_per_million", #"{"input": "1", "output": "x"}"#).replacingOccurrences(
                    of: "\"m1\"", with: "\"m3\""),
            ],
            gpus: [PriceBookText.h100.replacingOccurrences(of: "2025-02-01", with: "soon")],
            tools: [PriceBookText.webSearch.replacingOccurrences(of: "0.01", with: "free")])
        let errors = PriceBookReader.check(text, file: "book.json").errors
        #expect(
            errors.map { $0.entry?.description } == [
                "models[0] (m1)", "models[2] (m3)", "gpus[0] (H100)", "tools[0] (web_search)",
            ])
    }

    @Test(
        arguments: [
            (
                PriceBookText.book(models: [PriceBookText.m1], version: 2),
                "book.json: field 'version': version 2 is not supported (this build reads version 1)"
            ),
            (
                #"{"version": 1, "currency": "EUR", "models": []}"#,
                "book.json: field 'currency': 'EUR' is not supported (prices are in USD)"
            ),
            (#"{"version": 1, "currency": "USD"}"#, "book.json: field 'models': missing"),
            (
                #"{"version": 1, "currency": "USD", "models": {}}"#,
                "book.json: field 'models': expected an array, found an object"
            ),
            (
                #"{"version": 1, "currency": "USD", "models": [], "gpu": []}"#,
                "book.json: field 'gpu': unknown field (expected one of currency, gpus, models, notes, tools, version)"
            ),
            (
                #"{"version": 1, "currency": "USD", "models": ["#,
                "book.json: invalid JSON at byte 46: the JSON text ends before the document does"
            ),
        ] as [(String, String)]
    )
    func aBookThatIsWrongAsAWholeSaysSoWithoutAnEntry(text: String, expected: String) {
        let errors = PriceBookReader.check(text, file: "book.json").errors
        #expect(errors.map(\.description) == [expected])
        #expect(errors.first?.entry == nil)
    }

    @Test func aBookIsReadFromAFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pricebook-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("team.json").path
        try Data(PriceBookText.book(models: [PriceBookText.m1]).utf8).write(to: URL(fileURLWithPath: path))
        #expect(try PriceBookReader.read(path: path).models.map(\.model) == ["m1"])
        #expect(try PriceBookReader.check(path: path).errors.isEmpty)
        let missing = folder.appendingPathComponent("missing.json").path
        #expect(throws: FileError.self) { try PriceBookReader.read(path: missing) }
    }
}
