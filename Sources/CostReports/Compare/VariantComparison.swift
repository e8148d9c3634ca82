import CostModel

/// Runs grouped by an attribute, with the cost per run of each group and, for two groups, the
/// difference of their mean cost per run with a bootstrap confidence interval.
///
/// This is `costtrace compare --by ATTR`. Each run is in exactly one group (``RunGrouping``), so
/// the groups' totals add up exactly to ``all``'s total. See ``CostGroup`` for each figure and
/// ``MeanCostComparison`` for the comparison.
///
/// ```swift
/// let report = try VariantComparison(runs: costedRuns, grouping: RunGrouping(attribute: "variant"))
/// print(report.comparison?.verdict ?? "")
/// // cached-context is 71% cheaper per run than baseline, 95% CI 60–77%, 32 vs 32 runs
/// ```
public struct VariantComparison: Sendable {
    /// Which two groups to compare.
    public enum Pair: Hashable, Sendable {
        /// The two groups when exactly two have a value (`(mixed)` and `(unallocated)` runs are
        /// left out of the comparison), the first in ``VariantComparison/groups`` order being the
        /// base; none otherwise.
        case automatic
        /// These two.
        case chosen(base: RunGroupKey, compare: RunGroupKey)
    }

    public var grouping: RunGrouping
    /// The groups in order of value (numbers by their value, the rest as text), then `(mixed)`,
    /// then `(unallocated)`.
    public var groups: [CostGroup]
    /// Every run together; `nil` when there are none.
    public var all: CostGroup?
    /// The two groups compared, when there are two to compare.
    public var comparison: MeanCostComparison?
    /// Why there is no ``comparison``, when there is none.
    public var noComparisonReason: String?

    /// The fewest runs a group needs to be compared: one run has no spread. (A confidence interval
    /// needs more: ``MeanCostComparison/minimumRunsForInterval``.)
    public static let minimumRunsToCompare = 2

    /// Groups `runs` and compares two of the groups.
    /// - Throws: ``ComparisonError`` when a chosen group has no runs, or fewer than
    ///   ``minimumRunsToCompare``.
    public init(
        runs: [CostedRun], grouping: RunGrouping, pair: Pair = .automatic,
        options: BootstrapOptions = BootstrapOptions()
    ) throws(ComparisonError) {
        self.grouping = grouping
        var byKey: [RunGroupKey: [CostedRun]] = [:]
        for costed in runs { byKey[grouping.key(of: costed), default: []].append(costed) }
        groups = byKey.map { CostGroup(key: $0.key, runs: $0.value) }.sorted { RunGroupKey.precedes($0.key, $1.key) }
        all = runs.isEmpty ? nil : CostGroup(key: .unallocated, runs: runs)

        switch pair {
        case .automatic:
            let valued = groups.filter { $0.value != nil }
            switch valued.count {
            case 2: break
            case 0:
                noComparisonReason =
                    groups.contains { $0.key == .mixed }
                    ? "no run has a single value of \(grouping.attribute): its spans carry several (mixed)"
                    : "no run has \(grouping.attribute)"
                return
            case 1:
                noComparisonReason = "every run with \(grouping.attribute) has the same value: nothing to compare"
                return
            default:
                noComparisonReason = "\(valued.count) groups: choose two with --base and --compare"
                return
            }
            if let few = valued.first(where: { $0.runs < Self.minimumRunsToCompare }) {
                noComparisonReason = "\(grouping.attribute)=\(few.label) has 1 run: too few to compare"
                return
            }
            comparison = MeanCostComparison(base: valued[0], compare: valued[1], options: options)
        case .chosen(let baseValue, let compareValue):
            let base = try group(baseValue)
            let compare = try group(compareValue)
            comparison = MeanCostComparison(base: base, compare: compare, options: options)
        }
    }

    private func group(_ key: RunGroupKey) throws(ComparisonError) -> CostGroup {
        let label = Format.singleLine(key.label)
        guard let group = groups.first(where: { $0.key == key }) else {
            let known = groups.map { Format.singleLine($0.label) }.joined(separator: ", ")
            throw ComparisonError(
                "no selected run has \(grouping.attribute)=\(label)" + (known.isEmpty ? "" : " (the groups: \(known))"))
        }
        guard group.runs >= Self.minimumRunsToCompare else {
            throw ComparisonError(
                "\(grouping.attribute)=\(label) has \(group.runs) run; comparing means needs at least "
                    + "\(Self.minimumRunsToCompare) runs in each group")
        }
        return group
    }
}
