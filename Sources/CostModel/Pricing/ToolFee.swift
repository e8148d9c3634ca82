/// A fee charged per call of a tool, from a given day on.
///
/// A tool that a price book does not list is free: most tool calls are the agent's own
/// functions. A listed tool called before its first fee is unpriced.
///
/// ```swift
/// let search = ToolFee(tool: "web_search", perCall: Money(decimal: "0.01")!, effectiveFrom: CalendarDate(iso: "2025-05-07")!)
/// ```
public struct ToolFee: Hashable, Sendable {
    /// The tool's name, matched case-insensitively against ``ToolCall/name`` and unit names.
    public var tool: String
    public var perCall: Money
    /// The first day (UTC) on which the fee applies.
    public var effectiveFrom: CalendarDate
    public var source: String
    /// The day someone compared the fee with ``source``, `nil` when nobody has.
    public var checked: CalendarDate?

    public init(
        tool: String, perCall: Money, effectiveFrom: CalendarDate, source: String = "", checked: CalendarDate? = nil
    ) {
        self.tool = tool
        self.perCall = perCall
        self.effectiveFrom = effectiveFrom
        self.source = source
        self.checked = checked
    }

    /// The fee for `calls` calls; `nil` when it does not fit.
    public func cost(ofCalls calls: Int64) -> Money? {
        let (nanos, overflow) = perCall.nanos.multipliedReportingOverflow(by: calls)
        return overflow ? nil : Money(nanos: nanos)
    }
}
