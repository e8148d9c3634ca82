import CostModel

/// Spend per UTC day, per group of allocation keys and in total, exact.
///
/// Each span's own cost goes to the day its start falls in and to the group its inherited values
/// name, as in ``CostAllocation``; a span with no value for a key goes to a group whose value is
/// `nil` (``CostAllocation/unallocated``). Days run without gaps from ``days``' first to its last:
/// a day without spend has a zero.
///
/// ```swift
/// let series = DailySpendSeries(runs: costed, by: [AllocationKey("team")], until: at)
/// series.total                        // [Money], one per day of `series.days`
/// ```
public struct DailySpendSeries: Sendable {
    /// One group's spend.
    public struct Group: Sendable {
        /// One value per key, in the order of ``DailySpendSeries/keys``; `nil` where unallocated.
        public var values: [String?]
        /// Spend per day of ``DailySpendSeries/days``.
        public var daily: [Money]
        /// Unpriced spans per day; their cost is in no amount.
        public var unpriced: [Int]
    }

    public let keys: [AllocationKey]
    /// The days, in order, from the first day with a span to the day that holds the last instant
    /// before `until`; empty when no span starts before it.
    public let days: [CalendarDate]
    /// Groups by total spend (highest first), then by values (unallocated last).
    public let groups: [Group]
    /// All spans, per day.
    public let total: Group
    /// The instant before which spans count.
    public let until: Int64

    /// Adds up the spans of `runs` that start before `until` (and on or after `since`, when given).
    ///
    /// - Parameter models: How the `model` key names models (see ``ModelNaming``).
    public init(
        runs: [CostedRun], by keys: [AllocationKey], since: Int64? = nil, until: Int64,
        models: ModelNaming = .asRecorded
    ) {
        let lowest = since ?? .min
        var first = Int64.max
        for costed in runs {
            for node in costed.run.tree.nodes where node.record.startNanos < until && node.record.startNanos >= lowest {
                first = min(first, node.record.startNanos)
            }
        }
        self.keys = keys
        self.until = until
        guard first != .max else {
            days = []
            groups = []
            total = Group(values: [], daily: [], unpriced: [])
            return
        }
        let firstDay = CalendarDate(containing: first).daysSinceEpoch
        let lastDay = CalendarDate(containing: until - 1).daysSinceEpoch
        let count = Int(lastDay - firstDay + 1)
        days = (0..<Int64(count)).map { CalendarDate(daysSinceEpoch: firstDay + $0) }
        var byValues: [[String?]: Group] = [:]
        var total = Group(
            values: [], daily: Array(repeating: .zero, count: count), unpriced: Array(repeating: 0, count: count))
        for costed in runs {
            let tree = costed.run.tree
            let valuesByKey = keys.map { tree.inheritedValues(of: $0, models: models) }
            for index in tree.nodes.indices {
                let start = tree.nodes[index].record.startNanos
                guard start < until, start >= lowest else { continue }
                let day = Int(CalendarDate(containing: start).daysSinceEpoch - firstDay)
                let values = valuesByKey.map { $0[index]?.text }
                let cost = costed.nodes[index].selfCost
                var group =
                    byValues[values]
                    ?? Group(
                        values: values, daily: Array(repeating: .zero, count: count),
                        unpriced: Array(repeating: 0, count: count))
                if cost.isPriced {
                    group.daily[day] += cost.total
                    total.daily[day] += cost.total
                } else {
                    group.unpriced[day] += 1
                    total.unpriced[day] += 1
                }
                byValues[values] = group
            }
        }
        groups = byValues.values.sorted(by: Self.ordered)
        self.total = total
    }

    private static func ordered(_ lhs: Group, _ rhs: Group) -> Bool {
        let left = lhs.daily.reduce(Money.zero, +)
        let right = rhs.daily.reduce(Money.zero, +)
        if left != right { return left > right }
        for (left, right) in zip(lhs.values, rhs.values) where left != right {
            guard let left else { return false }
            guard let right else { return true }
            return left < right
        }
        return false
    }

    /// The index in ``days`` of `day`, `nil` when it is outside.
    public func index(of day: CalendarDate) -> Int? {
        guard let first = days.first else { return nil }
        let offset = day.daysSinceEpoch - first.daysSinceEpoch
        return offset >= 0 && offset < Int64(days.count) ? Int(offset) : nil
    }
}
