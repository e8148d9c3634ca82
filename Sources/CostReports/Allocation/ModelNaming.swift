import CostModel

/// How reports name a span's model: as the price book names it, so that an alias or a dated
/// snapshot (`claude-sonnet-4-5-20250929`) is one group with its model (`claude-sonnet-4-5`).
///
/// A model that the book does not know keeps the name it was recorded with. The book resolves
/// a name as pricing does (``PriceBook/canonicalModelID(provider:model:)``: case, aliases, date
/// suffixes, and the span's provider), so a row of `report --by model` is what FOCUS and
/// `--reprice-model` call the model.
///
/// ```swift
/// let models = ModelNaming(book: pricer.book)
/// CostAllocation(runs: costed, by: [AllocationKey("model")], models: models)
/// models.name(model: "claude-sonnet-4-5-20250929", provider: "anthropic")   // "claude-sonnet-4-5"
/// ```
public struct ModelNaming: Sendable {
    /// The book that names models; `nil` names every model as recorded.
    public let book: PriceBook?

    /// Names models as `book` does.
    public init(book: PriceBook) {
        self.book = book
    }

    private init() {
        book = nil
    }

    /// Every model as recorded, each spelling its own group.
    public static let asRecorded = ModelNaming()

    /// The book's id for `model` called through `provider`, else `model` as given.
    public func name(model: String, provider: String?) -> String {
        book?.canonicalModelID(provider: provider, model: model) ?? model
    }

    /// The span's model as reports name it; `nil` when the span names none.
    public func name(of record: SpanRecord) -> String? {
        record.model.map { name(model: $0, provider: record.provider) }
    }
}
