/// Where a budget stands in its period.
public enum BudgetStatus: String, Comparable, CaseIterable, Sendable {
    /// Below every threshold.
    case ok
    /// The warn threshold is reached, the hard one (if any) is not.
    case warn
    /// The hard threshold is reached: spend ≥ amount × hard.
    case exceeded

    private var severity: Int {
        switch self {
        case .ok: 0
        case .warn: 1
        case .exceeded: 2
        }
    }

    public static func < (lhs: BudgetStatus, rhs: BudgetStatus) -> Bool { lhs.severity < rhs.severity }
}
