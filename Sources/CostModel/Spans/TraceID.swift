/// The identifier of a run: an OpenTelemetry trace id, 16 bytes written as 32 lowercase hex digits.
///
/// A *run* of an agent is one trace. The all-zero id is invalid, as in OpenTelemetry.
///
/// ```swift
/// let run = TraceID(hex: "4bf92f3577b34da6a3ce929d0e0e4736")
/// ```
public struct TraceID: Hashable, Comparable, Sendable {
    /// The first eight bytes, big-endian.
    public var high: UInt64
    /// The last eight bytes, big-endian.
    public var low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// Parses 32 hex digits (either case); `nil` for any other text or for the all-zero id.
    public init?(hex: some StringProtocol) {
        let utf8 = hex.utf8
        guard utf8.count == 32,
            let high = HexDigits.parse(utf8.prefix(16)),
            let low = HexDigits.parse(utf8.dropFirst(16)),
            high != 0 || low != 0
        else { return nil }
        self.init(high: high, low: low)
    }

    /// Parses 32 hex digits given as UTF-8 bytes, without making a `String` first (the hot path of
    /// reading trace files).
    public init?(hexUTF8 bytes: UnsafeRawBufferPointer) {
        guard bytes.count == 32,
            let high = HexDigits.parse(bytes[0..<16]),
            let low = HexDigits.parse(bytes[16..<32]),
            high != 0 || low != 0
        else { return nil }
        self.init(high: high, low: low)
    }

    /// The 32 lowercase hex digits.
    public var hex: String { HexDigits.format(high) + HexDigits.format(low) }

    public static func < (lhs: TraceID, rhs: TraceID) -> Bool {
        (lhs.high, lhs.low) < (rhs.high, rhs.low)
    }
}

extension TraceID: CustomStringConvertible {
    public var description: String { hex }
}

/// The identifier of a span within its trace: 8 bytes written as 16 lowercase hex digits.
public struct SpanID: Hashable, Comparable, Sendable {
    public var value: UInt64

    public init(_ value: UInt64) {
        self.value = value
    }

    /// Parses 16 hex digits (either case); `nil` for any other text or for the all-zero id.
    public init?(hex: some StringProtocol) {
        let utf8 = hex.utf8
        guard utf8.count == 16, let value = HexDigits.parse(utf8[...]), value != 0 else { return nil }
        self.value = value
    }

    /// Parses 16 hex digits given as UTF-8 bytes.
    public init?(hexUTF8 bytes: UnsafeRawBufferPointer) {
        guard bytes.count == 16, let value = HexDigits.parse(bytes[...]), value != 0 else { return nil }
        self.value = value
    }

    /// The 16 lowercase hex digits.
    public var hex: String { HexDigits.format(value) }

    public static func < (lhs: SpanID, rhs: SpanID) -> Bool { lhs.value < rhs.value }
}

extension SpanID: CustomStringConvertible {
    public var description: String { hex }
}

/// Hex digits to and from 64-bit values, shared by the readers of ids.
public enum HexDigits {
    /// The value of up to 16 hex digits (either case), or `nil` for any other byte.
    ///
    /// Inlinable, so that other modules get a copy specialised for their bytes: the generic one
    /// goes through a witness table for every byte, which made reading OTLP ids a fifth of an
    /// ingest.
    @inlinable
    public static func parse<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> UInt64? {
        var value: UInt64 = 0
        for byte in bytes {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte &- UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte &- UInt8(ascii: "a") &+ 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte &- UInt8(ascii: "A") &+ 10
            default: return nil
            }
            value = value << 4 | UInt64(digit)
        }
        return value
    }

    static func format(_ value: UInt64) -> String {
        String(unsafeUninitializedCapacity: 16) { buffer in
            let digits: StaticString = "0123456789abcdef"
            for index in 0..<16 {
                let nibble = Int((value >> UInt64(60 - 4 * index)) & 0xf)
                buffer[index] = digits.utf8Start[nibble]
            }
            return 16
        }
    }
}
