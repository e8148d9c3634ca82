/// What a price book knows about a name at an instant.
///
/// Telling "never heard of it" from "not priced yet on that day" lets an unpriced span say why.
public enum PriceLookup<Entry: Sendable>: Sendable {
    /// The entry in force.
    case found(Entry)
    /// The book knows the name, but its first price starts after the instant asked about.
    case notYetPriced(firstPriced: CalendarDate)
    /// The book does not know the name.
    case unknown

    /// The entry in force, if any.
    public var entry: Entry? {
        if case .found(let entry) = self { entry } else { nil }
    }
}

extension PriceLookup: Equatable where Entry: Equatable {}
extension PriceLookup: Hashable where Entry: Hashable {}

extension PriceLookup {
    /// Picks, from entries of one name, the newest whose day has started by `nanos`.
    static func inForce(
        _ candidates: some Collection<Entry>,
        at nanos: Int64,
        from effectiveFrom: (Entry) -> CalendarDate
    ) -> PriceLookup {
        guard let first = candidates.min(by: { effectiveFrom($0) < effectiveFrom($1) }) else { return .unknown }
        let started = candidates.filter { effectiveFrom($0).startNanos <= nanos }
        guard let newest = started.max(by: { effectiveFrom($0) < effectiveFrom($1) }) else {
            return .notYetPriced(firstPriced: effectiveFrom(first))
        }
        return .found(newest)
    }
}
