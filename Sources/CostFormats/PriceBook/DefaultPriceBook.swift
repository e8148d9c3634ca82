import CostModel

/// The price book shipped with CostTrace: `prices/default.json`, built into the library.
///
/// The text is embedded by `tools/embed-price-book.sh` into `DefaultPriceBook+Data.swift`, so
/// the book works without the source tree; a test checks that the two agree byte for byte.
///
/// ```swift
/// let pricer = SpanPricer(book: DefaultPriceBook.book)
/// let custom = DefaultPriceBook.book.merging(try PriceBookReader.read(path: "prices/team.json"))
/// ```
public enum DefaultPriceBook {
    /// The name that errors and reports give for the built-in book.
    public static let fileName = "default.json (built in)"

    /// The JSON text of the book, exactly as `prices/default.json` was when it was embedded.
    public static var json: String { embeddedJSON }

    /// Reads the embedded text.
    /// - Throws: ``PriceBookError`` if the embedded book does not validate (a test forbids that).
    public static func load() throws(PriceBookError) -> PriceBook {
        try PriceBookReader.read(embeddedJSON, file: fileName)
    }

    /// The book, read once.
    public static let book: PriceBook = {
        do {
            return try load()
        } catch {
            fatalError("the built-in price book does not validate: \(error)")
        }
    }()
}
