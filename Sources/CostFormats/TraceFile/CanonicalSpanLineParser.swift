import CostModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a span line that is exactly what ``TraceLineEncoder`` writes, without json-c.
///
/// A canonical line has its members in the encoder's order, no white space, integers without
/// leading zeros, strings escaped as json-c escapes them, usage kinds in ``TokenKind`` order and
/// nonzero, and map keys in ascending order. Such a line is read here in one pass with no
/// allocation but the span's own strings, and the caller knows that encoding the span again gives
/// the same bytes — so the line can be stored and hashed as it is.
///
/// Anything else — another member order, white space, a fractional number, a `null`, an unknown
/// member, a `dropped` line, and every malformed line — gives `nil`, and the caller reads the line
/// with json-c (``TraceLineDecoder``), which accepts every valid line and names the field of an
/// invalid one. So this parser never has to be right about an error: it only has to be sure of
/// a success. `SpanRecord` equality with the json-c decoder is checked by the tests on every line
/// of the example traces and of the generator's output.
enum CanonicalSpanLineParser {
    static func span(_ bytes: UnsafeRawBufferPointer) -> SpanRecord? {
        guard let base = bytes.baseAddress, bytes.count > 8 else { return nil }
        var cursor = Cursor(base: base.assumingMemoryBound(to: UInt8.self), end: bytes.count)
        return cursor.span()
    }
}

private struct Cursor {
    let base: UnsafePointer<UInt8>
    let end: Int
    var at = 0

    init(base: UnsafePointer<UInt8>, end: Int) {
        self.base = base
        self.end = end
    }

    // MARK: The line

    mutating func span() -> SpanRecord? {
        guard take(#"{"v":1,"trace_id":""#), let traceID = traceID(), take(#"","span_id":""#), let spanID = spanID()
        else { return nil }
        var parentSpanID: SpanID?
        if take(#"","parent_span_id":""#) {
            guard let parent = self.spanID() else { return nil }
            parentSpanID = parent
        }
        guard take(#"","kind":"#), let kindText = rawString(), let kind = spanKind(kindText),
            take(#","name":"#), let name = string(),
            take(#","start_ns":"#), let startNanos = int64(),
            take(#","end_ns":"#), let endNanos = int64(), endNanos >= startNanos
        else { return nil }
        var record = SpanRecord(
            traceID: traceID, spanID: spanID, parentSpanID: parentSpanID, kind: kind, name: name,
            startNanos: startNanos, endNanos: endNanos)
        if take(#","status":"#) {
            // `unset` is the default, which the encoder leaves out.
            guard let status = rawString() else { return nil }
            if equals(status, "ok") {
                record.status = .ok
            } else if equals(status, "error") {
                record.status = .error
            } else {
                return nil
            }
        }
        if take(#","error":"#) {
            guard let message = string() else { return nil }
            record.errorMessage = message
        }
        if take(#","model":"#) {
            guard let model = string() else { return nil }
            record.model = model
        }
        if take(#","provider":"#) {
            guard let provider = string() else { return nil }
            record.provider = provider
        }
        if take(#","service_tier":"#) {
            guard let tier = string() else { return nil }
            record.serviceTier = tier
        }
        if take(#","usage":{"#) {
            guard usage(into: &record.usage) else { return nil }
        }
        if take(#","raw_usage":{"convention":"#) {
            guard let convention = rawString().flatMap(usageConvention), take(#","fields":"#),
                let fields = counts(allowingEmpty: true), take("}")
            else { return nil }
            record.rawUsage = RawUsage(convention: convention, fields: fields)
        }
        if take(#","units":"#) {
            guard let units = counts(allowingEmpty: false) else { return nil }
            record.units = units
        }
        if take(#","tool":{"name":"#) {
            guard let name = string(), take(#","calls":"#), let calls = int64(), take("}") else { return nil }
            record.tool = ToolCall(name: name, calls: calls)
        }
        if take(#","gpu":{"device":"#) {
            guard let device = string(), take(#","count":"#), let count = int64(), take(#","busy_ns":"#),
                let busyNanos = int64(), take("}")
            else { return nil }
            record.gpu = GPUUsage(device: device, count: count, busyNanos: busyNanos)
        }
        if take(#","reported_cost_usd":"#) {
            guard let text = string(), let cost = Money(decimal: text), cost.decimalString == text,
                cost.nanos.magnitude <= SpanRecord.largestReportedCost.nanos.magnitude
            else { return nil }
            record.reportedCost = cost
        }
        if take(#","attributes":"#) {
            guard let attributes = attributes() else { return nil }
            record.attributes = attributes
        }
        if take(#","resource":"#) {
            guard let resource = attributes() else { return nil }
            record.resource = resource
        }
        guard take("}"), at == end else { return nil }
        return record
    }

    /// The members of `usage` after its `{`, through its `}`: kinds in order, each above zero.
    private mutating func usage(into usage: inout TokenUsage) -> Bool {
        var first = true
        for kind in TokenKind.allCases where takeMember(kind.rawValue, first: first) {
            guard let count = int64(), count > 0 else { return false }
            usage[kind] = count
            first = false
        }
        guard !first, take("}") else { return false }
        return usage.reasoning <= usage.output
    }

    /// An object of integers with keys in ascending order.
    private mutating func counts(allowingEmpty: Bool) -> [String: Int64]? {
        guard take("{") else { return nil }
        var result: [String: Int64] = [:]
        if take("}") { return allowingEmpty ? result : nil }
        var previous: UnsafeRawBufferPointer?
        repeat {
            guard let key = key(after: previous), let value = int64() else { return nil }
            result[String(decoding: key, as: UTF8.self)] = value
            previous = key
        } while take(",")
        return take("}") ? result : nil
    }

    /// An object of strings, integers and booleans with keys in ascending order, not empty.
    private mutating func attributes() -> Attributes? {
        guard take("{"), !take("}") else { return nil }
        var result: Attributes = [:]
        var previous: UnsafeRawBufferPointer?
        repeat {
            guard let key = key(after: previous), at < end else { return nil }
            let value: AttributeValue
            switch base[at] {
            case UInt8(ascii: "\""):
                guard let text = string() else { return nil }
                value = .string(text)
            case UInt8(ascii: "t"):
                guard take("true") else { return nil }
                value = .bool(true)
            case UInt8(ascii: "f"):
                guard take("false") else { return nil }
                value = .bool(false)
            default:
                // Fractional numbers (json-c's formatting) and nulls (left out) are json-c's.
                guard let number = int64() else { return nil }
                value = .int(number)
            }
            result[String(decoding: key, as: UTF8.self)] = value
            previous = key
        } while take(",")
        return take("}") ? result : nil
    }

    /// A key of plain ASCII (no escapes), above `previous` in byte order, and its colon.
    private mutating func key(after previous: UnsafeRawBufferPointer?) -> UnsafeRawBufferPointer? {
        guard let key = rawString(), take(":") else { return nil }
        if let previous {
            // Byte order is `String` order for ASCII.
            let common = min(previous.count, key.count)
            let order = memcmp(previous.baseAddress!, key.baseAddress!, common)
            guard order < 0 || (order == 0 && previous.count < key.count) else { return nil }
        }
        return key
    }

    // MARK: Values

    /// The bytes of a string of printable ASCII with no escapes, quotes consumed.
    private mutating func rawString() -> UnsafeRawBufferPointer? {
        guard at < end, base[at] == UInt8(ascii: "\"") else { return nil }
        let start = at + 1
        var index = start
        while index < end {
            let byte = base[index]
            if byte == UInt8(ascii: "\"") {
                at = index + 1
                return UnsafeRawBufferPointer(start: base + start, count: index - start)
            }
            guard byte >= 0x20, byte < 0x80, byte != UInt8(ascii: "\\") else { return nil }
            index += 1
        }
        return nil
    }

    /// A string value, with the escapes json-c writes and valid UTF-8.
    private mutating func string() -> String? {
        guard at < end, base[at] == UInt8(ascii: "\"") else { return nil }
        let start = at + 1
        var index = start
        var ascii = true
        while index < end {
            let byte = base[index]
            if byte == UInt8(ascii: "\"") {
                at = index + 1
                let bytes = UnsafeBufferPointer(start: base + start, count: index - start)
                return ascii ? String(decoding: bytes, as: UTF8.self) : String(validating: bytes, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") {
                at = start - 1
                return escapedString()
            }
            guard byte >= 0x20 else { return nil }
            if byte >= 0x80 { ascii = false }
            index += 1
        }
        return nil
    }

    /// A string with escapes: only those json-c writes (`\"`, `\\`, `\b`, `\t`, `\n`, `\f`, `\r`,
    /// and `\u00xx` for the other control characters, in lowercase hex).
    private mutating func escapedString() -> String? {
        at += 1
        var bytes: [UInt8] = []
        while at < end {
            let byte = base[at]
            at += 1
            if byte == UInt8(ascii: "\"") { return String(validating: bytes, as: UTF8.self) }
            guard byte >= 0x20 else { return nil }
            guard byte == UInt8(ascii: "\\") else {
                bytes.append(byte)
                continue
            }
            guard at < end else { return nil }
            let escape = base[at]
            at += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(escape)
            case UInt8(ascii: "b"): bytes.append(0x08)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "f"): bytes.append(0x0C)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "u"):
                guard at + 4 <= end, base[at] == UInt8(ascii: "0"), base[at + 1] == UInt8(ascii: "0"),
                    let high = lowercaseHex(base[at + 2]), let low = lowercaseHex(base[at + 3])
                else { return nil }
                let value = high << 4 | low
                guard value < 0x20, ![0x08, 0x09, 0x0A, 0x0C, 0x0D].contains(value) else { return nil }
                bytes.append(value)
                at += 4
            default: return nil
            }
        }
        return nil
    }

    /// An integer as json-c prints one: `0`, or an optional `-` and digits without a leading zero,
    /// within `Int64`; not followed by a fraction or an exponent.
    private mutating func int64() -> Int64? {
        var index = at
        let negative = index < end && base[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        let first = index
        var magnitude: UInt64 = 0
        while index < end, base[index] &- UInt8(ascii: "0") < 10 {
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(base[index] &- UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return nil }
            magnitude = sum
            index += 1
        }
        let digits = index - first
        guard digits > 0, digits == 1 || base[first] != UInt8(ascii: "0") else { return nil }
        if index < end, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(base[index]) { return nil }
        let value: Int64
        if negative {
            guard magnitude != 0, magnitude <= UInt64(Int64.max) + 1 else { return nil }
            value = magnitude == UInt64(Int64.max) + 1 ? .min : -Int64(magnitude)
        } else {
            guard magnitude <= UInt64(Int64.max) else { return nil }
            value = Int64(magnitude)
        }
        at = index
        return value
    }

    /// 32 lowercase hex digits, not all zero, and the closing quote left.
    private mutating func traceID() -> TraceID? {
        guard let high = hexWord(), let low = hexWord(), high != 0 || low != 0 else { return nil }
        return TraceID(high: high, low: low)
    }

    private mutating func spanID() -> SpanID? {
        guard let value = hexWord(), value != 0 else { return nil }
        return SpanID(value)
    }

    private mutating func hexWord() -> UInt64? {
        guard at + 16 <= end else { return nil }
        var value: UInt64 = 0
        for index in at..<(at + 16) {
            guard let digit = lowercaseHex(base[index]) else { return nil }
            value = value << 4 | UInt64(digit)
        }
        at += 16
        return value
    }

    private func lowercaseHex(_ byte: UInt8) -> UInt8? {
        if byte &- UInt8(ascii: "0") < 10 { return byte &- UInt8(ascii: "0") }
        if byte &- UInt8(ascii: "a") < 6 { return byte &- UInt8(ascii: "a") &+ 10 }
        return nil
    }

    private func spanKind(_ bytes: UnsafeRawBufferPointer) -> SpanKind? {
        for kind in SpanKind.allCases where equals(bytes, kind.rawValue) { return kind }
        return nil
    }

    private func usageConvention(_ bytes: UnsafeRawBufferPointer) -> UsageConvention? {
        for convention in UsageConvention.allCases where equals(bytes, convention.rawValue) { return convention }
        return nil
    }

    // MARK: Literal text

    private func equals(_ bytes: UnsafeRawBufferPointer, _ text: String) -> Bool {
        var text = text
        return text.withUTF8 { utf8 in
            utf8.count == bytes.count && (bytes.isEmpty || memcmp(bytes.baseAddress!, utf8.baseAddress!, bytes.count) == 0)
        }
    }

    /// Consumes `literal` when the text goes on with it.
    private mutating func take(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard at + count <= end, memcmp(base + at, literal.utf8Start, count) == 0 else { return false }
        at += count
        return true
    }

    /// Consumes `"name":` (after a comma unless it is the `first` member) when the text goes on
    /// with it.
    private mutating func takeMember(_ name: String, first: Bool) -> Bool {
        var name = name
        let start = first ? at : at + 1
        let matched = name.withUTF8 { utf8 in
            start + utf8.count + 3 <= end && (first || base[at] == UInt8(ascii: ","))
                && base[start] == UInt8(ascii: "\"") && memcmp(base + start + 1, utf8.baseAddress!, utf8.count) == 0
                && base[start + 1 + utf8.count] == UInt8(ascii: "\"") && base[start + 2 + utf8.count] == UInt8(ascii: ":")
        }
        if matched { at = start + name.utf8.count + 3 }
        return matched
    }
}
