import CostModel

extension BudgetScope {
    /// Which spans of `tree` the scope covers: for every filter, the span's value for the
    /// filter's key, inherited as ``SpanTree/inheritedValues(of:models:)`` inherits it, is the
    /// filter's value as text.
    ///
    /// - Parameter models: How `model` names models. With a price book, the span's model and the
    ///   filter's value are both named as the book names them, so `model=claude-sonnet-4-5` covers
    ///   `claude-sonnet-4-5-20250929` and a value given as an alias covers the model's spans.
    /// - Returns: One flag per span, indexed like ``SpanTree/nodes``.
    public func covers(_ tree: SpanTree, models: ModelNaming = .asRecorded) -> [Bool] {
        var covered = [Bool](repeating: true, count: tree.nodes.count)
        for filter in filters {
            let key = AllocationKey(filter.key)
            let wanted = key.source == .field(.model) ? models.name(model: filter.value, provider: nil) : filter.value
            let values = tree.inheritedValues(of: key, models: models)
            for index in covered.indices where covered[index] {
                covered[index] = values[index]?.text == wanted
            }
        }
        return covered
    }
}
