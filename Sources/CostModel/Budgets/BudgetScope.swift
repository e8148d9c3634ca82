/// Which spend a budget covers: attribute filters that a span must all match.
///
/// A filter's key is an allocation key (`team`, `user`, `variant`, `model`, any attribute) and
/// its value is compared with the span's value as text. Attribute values are inherited down a
/// run's tree, so `team=support` on a run's root covers every span of the run. No filters
/// covers everything.
///
/// ```swift
/// BudgetScope(["team": "support", "variant": "baseline"]).description   // "team=support variant=baseline"
/// BudgetScope().description                                              // "(everything)"
/// ```
public struct BudgetScope: Hashable, Sendable {
    /// One condition: the span's value for ``key`` is ``value``.
    public struct Filter: Hashable, Sendable {
        public var key: String
        public var value: String

        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }
    }

    /// The conditions, all of which must hold, in the order written.
    public var filters: [Filter]

    public init(filters: [Filter] = []) {
        self.filters = filters
    }

    /// Filters from pairs of key and value, ordered by key.
    public init(_ pairs: [String: String]) {
        filters = pairs.sorted { $0.key < $1.key }.map { Filter(key: $0.key, value: $0.value) }
    }

    /// Whether the scope covers all spend.
    public var isEverything: Bool { filters.isEmpty }
}

extension BudgetScope: CustomStringConvertible {
    /// `team=support variant=baseline`, or `(everything)`.
    public var description: String {
        isEverything ? "(everything)" : filters.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }
}
