/// The price of one device-hour of a GPU type, from a given day on.
///
/// ```swift
/// let h100 = GPURate(device: "H100", perHour: Money(decimal: "3.9492")!, effectiveFrom: CalendarDate(iso: "2026-05-07")!)
/// ```
public struct GPURate: Hashable, Sendable {
    /// The device type, matched case-insensitively against ``GPUUsage/device``.
    public var device: String
    /// The price of one device held for one hour.
    public var perHour: Money
    /// The first day (UTC) on which the rate applies.
    public var effectiveFrom: CalendarDate
    public var source: String
    /// The day someone compared the rate with ``source``, `nil` when nobody has.
    public var checked: CalendarDate?

    /// Nanoseconds in an hour.
    public static let nanosPerHour: Int64 = 3_600_000_000_000

    public init(
        device: String, perHour: Money, effectiveFrom: CalendarDate, source: String = "", checked: CalendarDate? = nil
    ) {
        self.device = device
        self.perHour = perHour
        self.effectiveFrom = effectiveFrom
        self.source = source
        self.checked = checked
    }

    /// The cost of `deviceNanos` nanoseconds of device time (devices × wall time), rounded half to
    /// even once; `nil` when it does not fit.
    public func cost(ofDeviceNanos deviceNanos: Int128) -> Money? {
        guard let numerator = FixedPoint.product(deviceNanos, Int128(perHour.nanos)) else { return nil }
        return Money.rounded(numerator, dividedBy: Int128(Self.nanosPerHour))
    }

    /// The cost of a span's GPU usage; the device time is taken in `Int128`, so that many devices
    /// over a long time do not overflow before the rate is applied.
    public func cost(of usage: GPUUsage) -> Money? {
        cost(ofDeviceNanos: Int128(usage.count) * Int128(usage.busyNanos))
    }
}
