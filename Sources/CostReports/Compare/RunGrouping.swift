import CostModel

/// Puts each run in one group by the value of an attribute, as `costtrace compare --by ATTR` does.
///
/// A run's value is its root's attribute `attribute`, else its root's resource attribute (the
/// first root, by start, that has either), as `--where` matches runs. For the span fields
/// `model` and `provider`, which are on model calls rather than on the root, a run that has no
/// such attribute takes the value of its *dominant* call: the model (or provider) whose spans
/// cost the most in the run, summed over the run's spans, ties broken by more tokens, then by
/// name. A run that used several models therefore counts once, in one group: groups stay
/// disjoint, their totals add up to the selection's total, and each group's runs are an honest
/// sample for per-run statistics. (Counting a run in every model it used would count its cost
/// several times and make the groups overlap, so no difference between them could be tested.)
/// A run without a value is ``CostGroup/value`` `nil`, shown as `(unallocated)`.
///
/// ```swift
/// RunGrouping(attribute: "variant").value(of: costedRun)   // "cached-context"
/// ```
public struct RunGrouping: Hashable, Sendable {
    /// The attribute, for example `variant`, `team` or `model`.
    public var attribute: String

    /// Span fields that are on the model calls of a run rather than on its root.
    public static let spanFields: Set<String> = ["model", "provider"]

    public init(attribute: String) {
        self.attribute = attribute
    }

    /// The run's value of the attribute, `nil` when it has none.
    public func value(of costed: CostedRun) -> String? {
        let tree = costed.run.tree
        for root in tree.roots {
            let record = tree.nodes[root].record
            if let value = record.attributes[attribute] ?? record.resource[attribute] { return value.text }
        }
        switch attribute {
        case "model": return dominant(costed) { $0.model }
        case "provider": return dominant(costed) { $0.provider }
        default: return nil
        }
    }

    /// The field value whose spans cost the most in the run (then used the most tokens, then
    /// sorts first), by the spans' own costs.
    private func dominant(_ costed: CostedRun, _ field: (SpanRecord) -> String?) -> String? {
        var weights: [String: (nanos: Int64, tokens: Int64)] = [:]
        for (index, node) in costed.run.tree.nodes.enumerated() {
            guard let value = field(node.record) else { continue }
            weights[value, default: (0, 0)].nanos += costed.nodes[index].selfCost.total.nanos
            weights[value, default: (0, 0)].tokens += node.record.usage.totalTokens
        }
        return weights.min { lhs, rhs in
            (-lhs.value.nanos, -lhs.value.tokens, lhs.key) < (-rhs.value.nanos, -rhs.value.tokens, rhs.key)
        }?.key
    }
}
