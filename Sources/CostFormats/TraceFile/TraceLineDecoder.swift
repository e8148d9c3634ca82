import CJSONC
import CostModel

/// Reads trace file lines (see `docs/trace-format.md`).
///
/// Not thread-safe: it reuses one json-c tokener. Use one decoder per thread.
public final class TraceLineDecoder {
    private let parser = JSONParser()

    public init() {}

    /// Decodes one line (without its newline).
    /// - Throws: ``TraceFormatError`` naming `file`, `line` and the field that is wrong.
    public func decode(_ bytes: UnsafeRawBufferPointer, file: String, line: Int) throws(TraceFormatError) -> TraceFileEntry {
        try decodeNotingCanonical(bytes, file: file, line: line).entry
    }

    /// Decodes one line (without its newline), and tells whether it is canonical: exactly the
    /// bytes that ``TraceLineEncoder`` writes for the entry, so that it can be stored or hashed as
    /// it is instead of being encoded again.
    ///
    /// Canonical span lines — all that CostTrace's exporter writes — are read by a parser of their
    /// own, without json-c; every other line by json-c, as before.
    /// - Throws: ``TraceFormatError`` naming `file`, `line` and the field that is wrong.
    public func decodeNotingCanonical(_ bytes: UnsafeRawBufferPointer, file: String, line: Int) throws(TraceFormatError)
        -> (entry: TraceFileEntry, isCanonical: Bool)
    {
        if let span = CanonicalSpanLineParser.span(bytes) { return (.span(span), true) }
        return (try decodeWithJSONC(bytes, file: file, line: line), false)
    }

    /// Decodes one line with json-c, whatever its form.
    func decodeWithJSONC(_ bytes: UnsafeRawBufferPointer, file: String, line: Int) throws(TraceFormatError) -> TraceFileEntry {
        do {
            let document = try parser.parse(bytes)
            return try entry(document.value)
        } catch {
            throw TraceFormatError(file: file, line: line, field: error.field, message: error.message)
        }
    }

    /// Decodes one line given as text.
    public func decode(_ text: String, file: String = "-", line: Int = 1) throws(TraceFormatError) -> TraceFileEntry {
        var text = text
        let result = text.withUTF8 { bytes in
            Result { () throws(TraceFormatError) in try decode(UnsafeRawBufferPointer(bytes), file: file, line: line) }
        }
        return try result.get()
    }

    private func entry(_ root: JSONValue) throws(JSONFieldError) -> TraceFileEntry {
        guard root.type == json_type_object else { throw root.mismatch("an object") }
        guard let version = root["v"] else { throw JSONFieldError(field: "v", message: "missing (the format version)") }
        let number = try version.int64()
        guard number == TraceFormat.version else {
            throw version.invalid("version \(number) is not supported (this build reads version \(TraceFormat.version))")
        }
        switch try root["type"]?.string() ?? "span" {
        case "span":
            return .span(try span(root))
        case "dropped":
            return .dropped(DroppedSpans(count: try required(root, "count").int64(), atNanos: try root["time_ns"]?.int64() ?? 0))
        case let other:
            throw root["type"]!.invalid("unknown line type '\(other)' (expected span or dropped)")
        }
    }

    private func required(_ object: JSONValue, _ key: String) throws(JSONFieldError) -> JSONValue {
        guard let value = object[key] else {
            throw JSONFieldError(field: object.path.isEmpty ? key : object.path + "." + key, message: "missing")
        }
        return value
    }

    private func span(_ root: JSONValue) throws(JSONFieldError) -> SpanRecord {
        let traceField = try required(root, "trace_id")
        guard let traceID = try traceField.withStringBytes(TraceID.init(hexUTF8:)) else {
            throw traceField.invalid("expected 32 hex digits, not all zero")
        }
        let spanField = try required(root, "span_id")
        guard let spanID = try spanField.withStringBytes(SpanID.init(hexUTF8:)) else {
            throw spanField.invalid("expected 16 hex digits, not all zero")
        }
        var parentSpanID: SpanID?
        if let parentField = root["parent_span_id"] {
            guard let parent = try parentField.withStringBytes(SpanID.init(hexUTF8:)) else {
                throw parentField.invalid("expected 16 hex digits, not all zero")
            }
            parentSpanID = parent
        }
        let kindField = try required(root, "kind")
        guard let kind = SpanKind(rawValue: try kindField.string()) else {
            let names = SpanKind.allCases.map(\.rawValue).joined(separator: ", ")
            throw kindField.invalid("unknown kind '\(try kindField.string())' (expected one of \(names))")
        }
        let startNanos = try required(root, "start_ns").int64()
        let endField = try required(root, "end_ns")
        let endNanos = try endField.int64()
        guard endNanos >= startNanos else { throw endField.invalid("ends (\(endNanos)) before it starts (\(startNanos))") }
        var record = SpanRecord(
            traceID: traceID,
            spanID: spanID,
            parentSpanID: parentSpanID,
            kind: kind,
            name: try required(root, "name").string(),
            startNanos: startNanos,
            endNanos: endNanos
        )
        if let statusField = root["status"] {
            guard let status = SpanStatus(rawValue: try statusField.string()) else {
                throw statusField.invalid("expected unset, ok or error")
            }
            record.status = status
        }
        record.errorMessage = try root["error"]?.string()
        record.model = try root["model"]?.string()
        record.provider = try root["provider"]?.string()
        record.serviceTier = try root["service_tier"]?.string()
        if let usageField = root["usage"] {
            try usageField.forEachMember { (key, value) throws(JSONFieldError) in
                guard let kind = TokenKind(rawValue: key) else {
                    throw value.invalid("unknown token kind (expected one of \(TokenKind.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                let count = try value.int64()
                guard count >= 0 else { throw value.invalid("is negative (\(count))") }
                record.usage[kind] = count
            }
            if record.usage.reasoning > record.usage.output {
                throw JSONFieldError(field: "usage.reasoning", message: "(\(record.usage.reasoning)) is more than usage.output (\(record.usage.output)), which includes it")
            }
        }
        if let rawField = root["raw_usage"] {
            let conventionField = try required(rawField, "convention")
            guard let convention = UsageConvention(rawValue: try conventionField.string()) else {
                throw conventionField.invalid("unknown convention (expected one of \(UsageConvention.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            record.rawUsage = RawUsage(convention: convention, fields: try counts(try required(rawField, "fields")))
        }
        if let unitsField = root["units"] { record.units = try counts(unitsField) }
        if let toolField = root["tool"] {
            record.tool = ToolCall(name: try required(toolField, "name").string(), calls: try toolField["calls"]?.int64() ?? 1)
        }
        if let gpuField = root["gpu"] {
            record.gpu = GPUUsage(
                device: try required(gpuField, "device").string(),
                count: try required(gpuField, "count").int64(),
                busyNanos: try required(gpuField, "busy_ns").int64()
            )
        }
        if let costField = root["reported_cost_usd"] {
            guard let cost = Money(decimal: try costField.string()) else { throw costField.invalid("expected a decimal amount such as \"0.0123\"") }
            guard cost.nanos.magnitude <= SpanRecord.largestReportedCost.nanos.magnitude else {
                throw costField.invalid("is more than $1,000,000 for one span (a unit mistake?); totals of such spans would not fit")
            }
            record.reportedCost = cost
        }
        if let attributesField = root["attributes"] { record.attributes = try attributes(attributesField) }
        if let resourceField = root["resource"] { record.resource = try attributes(resourceField) }
        return record
    }

    private func counts(_ object: JSONValue) throws(JSONFieldError) -> [String: Int64] {
        var result: [String: Int64] = [:]
        try object.forEachMember { (key, value) throws(JSONFieldError) in result[key] = try value.int64() }
        return result
    }

    private func attributes(_ object: JSONValue) throws(JSONFieldError) -> Attributes {
        var result: Attributes = [:]
        try object.forEachMember { (key, value) throws(JSONFieldError) in
            switch value.type {
            case json_type_string: result[key] = .string(try value.string())
            case json_type_int: result[key] = .int(try value.int64())
            case json_type_double: result[key] = .double(try value.double())
            case json_type_boolean: result[key] = .bool(try value.bool())
            case json_type_null: return
            default: throw value.mismatch("a string, number or boolean")
            }
        }
        return result
    }
}
