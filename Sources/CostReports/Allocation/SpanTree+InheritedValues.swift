import CostModel

extension SpanTree {
    /// Every span's value for `key`, inherited down the tree.
    ///
    /// For an attribute key, a span's value is its own attribute, else its nearest ancestor's,
    /// else its own resource's, else its nearest ancestor's resource's: every attribute on the
    /// path to the root wins over every resource on it, because resources describe the process
    /// and attributes the work. A span whose parent is missing inherits from nothing above it.
    /// For a field key (`model`, `provider`, `kind`, `name`) the value is the span's own field.
    ///
    /// - Parameter models: How the `model` field is named (see ``ModelNaming``).
    /// - Returns: Values indexed like ``nodes``; `nil` where no span on the path has one.
    public func inheritedValues(of key: AllocationKey, models: ModelNaming = .asRecorded) -> [AttributeValue?] {
        guard key.isInherited else { return nodes.map { key.ownValue(of: $0.record, models: models) } }
        var fromAttributes = [AttributeValue?](repeating: nil, count: nodes.count)
        var fromResources = [AttributeValue?](repeating: nil, count: nodes.count)
        // Parents come before their children in depth-first order.
        for index in depthFirstOrder {
            let record = nodes[index].record
            let parent = nodes[index].parent
            fromAttributes[index] = key.ownValue(of: record) ?? parent.flatMap { fromAttributes[$0] }
            fromResources[index] = key.resourceValue(of: record) ?? parent.flatMap { fromResources[$0] }
        }
        return zip(fromAttributes, fromResources).map { $0 ?? $1 }
    }
}
