import CostModel

/// Why a forecast cannot be made.
public enum ForecastError: Error, Hashable, Sendable {
    /// No span of the selection starts before the instant forecast from.
    case noSpend(before: Int64)
    /// Fewer complete days of spend than a trend needs, after the first day with spend (which is
    /// left out) and before `before`.
    case tooFewDays(count: Int, needed: Int, firstDay: CalendarDate, before: Int64)
    /// A backtest holds out more days than leave enough to fit.
    case tooFewDaysToHoldOut(days: Int, holdOut: Int, needed: Int)
}

extension ForecastError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .noSpend(let before):
            "no spend in the selection before \(Format.timestamp(nanos: before)): nothing to forecast from"
        case .tooFewDays(let count, let needed, let firstDay, let before):
            "only \(count) complete UTC day\(count == 1 ? "" : "s") of spend between \(firstDay.iso), the first day "
                + "with spend (left out as likely partial), and \(Format.timestamp(nanos: before)); "
                + "a trend needs at least \(needed)"
        case .tooFewDaysToHoldOut(let days, let holdOut, let needed):
            "the selection has \(days) day\(days == 1 ? "" : "s") of spend: leaving out the first (likely partial) "
                + "and holding out \(holdOut) leaves fewer than the \(needed) a trend needs"
        }
    }
}
