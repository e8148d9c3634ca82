import CostModel

/// Puts each run in one group by its value of an ``AllocationKey``, as `costtrace compare --by KEY`
/// does, so that a key means what it means in `report`, `budget`, `forecast` and `export`:
/// `user` is the attribute `user.id`, else `enduser.id`; `model`, `provider`, `kind` and `name`
/// are span fields; any other key is an attribute name.
///
/// A run's value, for an attribute key:
/// 1. its root's value: the root's own attribute, else its root's resource attribute (the first
///    root, by start, that has either);
/// 2. when no root has one, the value its spans carry (``SpanTree/inheritedValues(of:)``) if they
///    all carry the same one, so `prompt_version` set on a model call groups its run;
/// 3. ``RunGroupKey/mixed`` when they carry several, ``RunGroupKey/unallocated`` when none.
///
/// `kind` and `name` are the root's. `model` and `provider` are on the model calls, not on the
/// root: a run takes the model (or provider) it *spent most on*, the one whose spans' own costs
/// add up to the most in the run, ties broken by more tokens, then by name. A run that used
/// several models therefore counts once, in one group: groups stay disjoint, their totals add up
/// to the selection's total, and each group's runs are an honest sample for per-run statistics.
/// (Counting a run in every model it used would count its cost several times and make the groups
/// overlap, so no difference between them could be tested.) Models are named as reports name
/// them (``ModelNaming``): with the price book's naming, `claude-sonnet-4-5-20250929` and
/// `claude-sonnet-4-5` are one group, named `claude-sonnet-4-5`.
///
/// ```swift
/// RunGrouping(attribute: "variant").key(of: costedRun)   // .value("cached-context")
/// RunGrouping(attribute: "model", models: ModelNaming(book: pricer.book)).key(of: costedRun)
/// ```
public struct RunGrouping: Sendable {
    /// The key runs are grouped by.
    public var key: AllocationKey
    /// How the groups of `model` are named.
    public var models: ModelNaming

    /// Groups by the key named `attribute` (see ``AllocationKey/init(_:)``); `models` names the
    /// groups of `model`.
    public init(attribute: String, models: ModelNaming = .asRecorded) {
        key = AllocationKey(attribute)
        self.models = models
    }

    /// The key as it was given: `variant`, `user`, `model`.
    public var attribute: String { key.name }

    /// The run's group.
    public func key(of costed: CostedRun) -> RunGroupKey {
        let tree = costed.run.tree
        switch key.source {
        case .field(.model):
            return dominant(costed, models.name(of:))
        case .field(.provider):
            return dominant(costed) { $0.provider }
        case .field, .attributes:
            for root in tree.roots {
                let record = tree.nodes[root].record
                if let value = key.ownValue(of: record) ?? key.resourceValue(of: record) { return .value(value.text) }
            }
            var carried: Set<String> = []
            for value in tree.inheritedValues(of: key) {
                if let value { carried.insert(value.text) }
            }
            guard let any = carried.first else { return .unallocated }
            return carried.count == 1 ? .value(any) : .mixed
        }
    }

    /// The group that `name` names on a command line: `(unallocated)`, `(mixed)`, or a value,
    /// which for `model` is named as the groups are.
    public func key(named name: String) -> RunGroupKey {
        switch name {
        case RunGroupKey.unallocatedLabel: return .unallocated
        case RunGroupKey.mixedLabel: return .mixed
        default:
            guard key.source == .field(.model) else { return .value(name) }
            return .value(models.name(model: name, provider: nil))
        }
    }

    /// The field value whose spans cost the most in the run (then used the most tokens, then
    /// sorts first), by the spans' own costs.
    private func dominant(_ costed: CostedRun, _ field: (SpanRecord) -> String?) -> RunGroupKey {
        var weights: [String: (nanos: Int64, tokens: Int64)] = [:]
        for (index, node) in costed.run.tree.nodes.enumerated() {
            guard let value = field(node.record) else { continue }
            weights[value, default: (0, 0)].nanos += costed.nodes[index].selfCost.total.nanos
            weights[value, default: (0, 0)].tokens += node.record.usage.totalTokens
        }
        let top = weights.min { lhs, rhs in
            (-lhs.value.nanos, -lhs.value.tokens, lhs.key) < (-rhs.value.nanos, -rhs.value.tokens, rhs.key)
        }
        return top.map { .value($0.key) } ?? .unallocated
    }
}
