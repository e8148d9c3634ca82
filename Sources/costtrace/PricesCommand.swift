import ArgumentParser
import CostFormats
import CostModel
import CostReports

struct PricesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prices",
        abstract: "Lists, shows and checks price books.",
        subcommands: [List.self, Show.self, Check.self],
        defaultSubcommand: List.self
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Lists the models the price book prices.")

        @Flag(help: "Every dated entry, not only those in force.")
        var all = false

        @Option(help: "Only this provider's models.")
        var provider: String?

        @Option(help: "The day whose prices are in force (YYYY-MM-DD, UTC; default: today).")
        var on: String?

        @OptionGroup var pricing: PricingOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let book = try pricing.priceBook()
            var entries: [ModelPrice]
            if all {
                entries = book.models.sorted { ($0.provider, $0.model, $0.effectiveFrom) < ($1.provider, $1.model, $1.effectiveFrom) }
            } else {
                let day = try on.map { text in
                    guard let day = CalendarDate(iso: text) else { throw ValidationError("--on takes a date YYYY-MM-DD") }
                    return day
                } ?? CalendarDate(containing: WallClock.nanosSinceEpoch())
                entries = PriceBookReport.current(book, on: day)
            }
            if let provider { entries = entries.filter { $0.provider == provider } }
            let report = PriceBookReport(entries: entries)
            switch output.format {
            case .text: print(report.table(style: output.textStyle), terminator: "")
            case .json: print(report.json(), terminator: "")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Shows every dated entry of a model: prices, tiers, fees and sources.")

        @Argument(help: "A model id, alias or dated snapshot id (claude-sonnet-4-5-20250929).")
        var model: String

        @OptionGroup var pricing: PricingOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let book = try pricing.priceBook()
            guard let id = book.canonicalModelID(model: model) else {
                throw ValidationError("the price book has no model '\(model)' (see costtrace prices list --all)")
            }
            let report = PriceBookReport(entries: book.models.filter { $0.model == id }.sorted { $0.effectiveFrom < $1.effectiveFrom })
            switch output.format {
            case .text: print(report.details(), terminator: "")
            case .json: print(report.json(), terminator: "")
            }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Checks a price book file and reports every malformed or contradictory entry.")

        @Argument(help: "The price book (JSON) to check; the built-in one when absent.")
        var file: String?

        func run() throws {
            let outcome =
                if let file { try PriceBookReader.check(path: file) } else { PriceBookReader.check(DefaultPriceBook.json, file: DefaultPriceBook.fileName) }
            guard let book = outcome.book, outcome.errors.isEmpty else {
                for error in outcome.errors { printError(error.description) }
                throw ExitCode.failure
            }
            print("\(file ?? DefaultPriceBook.fileName): ok: \(book.models.count) model entries, \(book.gpus.count) GPU rates, \(book.tools.count) tool fees")
        }
    }
}
