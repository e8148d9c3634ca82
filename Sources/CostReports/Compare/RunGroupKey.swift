/// Which group of a comparison a run is in: a value of the grouping key, several different
/// values, or none.
///
/// A string literal is a ``value(_:)``: `RunGroupKey = "baseline"`.
public enum RunGroupKey: Hashable, Sendable {
    /// The run's value of the key.
    case value(String)
    /// The run's root has no value, and its spans carry more than one.
    case mixed
    /// Neither the run's root nor any of its spans has a value.
    case unallocated

    /// The label of runs whose spans carry several values.
    public static let mixedLabel = "(mixed)"
    /// The label of runs without a value.
    public static let unallocatedLabel = "(unallocated)"

    /// The value, or `nil` for ``mixed`` and ``unallocated``.
    public var value: String? {
        if case .value(let value) = self { return value }
        return nil
    }

    /// The value, `(mixed)` or `(unallocated)`, as reports show it.
    public var label: String {
        switch self {
        case .value(let value): value
        case .mixed: Self.mixedLabel
        case .unallocated: Self.unallocatedLabel
        }
    }

    /// Whether `lhs` is listed before `rhs`: values first (integers by value, before other text),
    /// then `(mixed)`, then `(unallocated)`.
    static func precedes(_ lhs: RunGroupKey, _ rhs: RunGroupKey) -> Bool {
        switch (lhs, rhs) {
        case (.value(let lhs), .value(let rhs)):
            switch (Int64(lhs), Int64(rhs)) {
            case (let left?, let right?): return left != right ? left < right : lhs < rhs
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return lhs < rhs
            }
        case (.value, _): return true
        case (.mixed, .unallocated): return true
        default: return false
        }
    }
}

extension RunGroupKey: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) {
        self = .value(value)
    }
}

extension RunGroupKey: CustomStringConvertible {
    public var description: String { label }
}
