import CostModel

extension BudgetScope {
    /// Which spans of `tree` the scope covers: for every filter, the span's value for the
    /// filter's key, inherited as ``SpanTree/inheritedValues(of:)`` inherits it, is the filter's
    /// value as text.
    ///
    /// - Returns: One flag per span, indexed like ``SpanTree/nodes``.
    public func covers(_ tree: SpanTree) -> [Bool] {
        var covered = [Bool](repeating: true, count: tree.nodes.count)
        for filter in filters {
            let values = tree.inheritedValues(of: AllocationKey(filter.key))
            for index in covered.indices where covered[index] {
                covered[index] = values[index]?.text == filter.value
            }
        }
        return covered
    }
}
