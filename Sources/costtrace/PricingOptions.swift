import ArgumentParser
import CostFormats
import CostModel

/// `--prices` and `--reprice-model`, shared by every command that prices spans.
struct PricingOptions: ParsableArguments {
    @Option(
        name: .customLong("prices"),
        help: ArgumentHelp(
            "A price book (JSON) whose entries override or extend the built-in one; repeatable.",
            valueName: "file"))
    var priceBooks: [String] = []

    @Option(
        name: .customLong("reprice-model"),
        help: ArgumentHelp(
            "Price the spans of model FROM as if they had used model TO, with the same usage; repeatable.",
            valueName: "from=to"))
    var substitutions: [String] = []

    func validate() throws {
        for argument in substitutions where ModelSubstitution(argument: argument) == nil {
            throw ValidationError("--reprice-model takes FROM=TO, for example gpt-4o=gpt-4.1-mini (got '\(argument)')")
        }
    }

    /// The built-in book with every `--prices` book merged over it, in order.
    func priceBook() throws -> PriceBook {
        var book = DefaultPriceBook.book
        for path in priceBooks { book = book.merging(try PriceBookReader.read(path: path)) }
        return book
    }

    func pricer() throws -> SpanPricer {
        let book = try priceBook()
        let parsed = substitutions.compactMap(ModelSubstitution.init(argument:))
        for substitution in parsed where book.canonicalModelID(model: substitution.to) == nil {
            throw ValidationError("--reprice-model: the price book has no model '\(substitution.to)'")
        }
        return SpanPricer(book: book, substitutions: parsed)
    }
}

