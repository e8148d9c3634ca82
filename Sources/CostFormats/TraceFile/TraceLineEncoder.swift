import CostModel

/// Writes trace file lines (see `docs/trace-format.md`).
///
/// Members are written in a fixed order and attribute keys sorted, so the same span always gives
/// the same line.
public struct TraceLineEncoder: Sendable {
    public init() {}

    /// Appends one line, newline included.
    public func encode(_ entry: TraceFileEntry, into output: inout [UInt8]) {
        switch entry {
        case .span(let span): encode(span, into: &output)
        case .dropped(let notice):
            writeLine(into: &output) { line in
                line.member("v", TraceFormat.version)
                line.member("type", "dropped")
                line.member("count", notice.count)
                line.member("time_ns", notice.atNanos)
            }
        }
    }

    /// Appends the line of one span, newline included.
    public func encode(_ span: SpanRecord, into output: inout [UInt8]) {
        writeLine(into: &output) { line in
            line.member("v", TraceFormat.version)
            line.hexMember("trace_id", span.traceID.high, span.traceID.low)
            line.hexMember("span_id", span.spanID.value)
            if let parent = span.parentSpanID { line.hexMember("parent_span_id", parent.value) }
            line.member("kind", span.kind.rawValue)
            line.member("name", span.name)
            line.member("start_ns", span.startNanos)
            line.member("end_ns", span.endNanos)
            if span.status != .unset { line.member("status", span.status.rawValue) }
            if let message = span.errorMessage { line.member("error", message) }
            if let model = span.model { line.member("model", model) }
            if let provider = span.provider { line.member("provider", provider) }
            if let tier = span.serviceTier { line.member("service_tier", tier) }
            if !span.usage.isZero {
                line.beginObject("usage")
                for kind in TokenKind.allCases where span.usage[kind] != 0 {
                    line.member(named: kind.rawValue, span.usage[kind])
                }
                line.endObject()
            }
            if let raw = span.rawUsage {
                line.beginObject("raw_usage")
                line.member("convention", raw.convention.rawValue)
                line.beginObject("fields")
                for (name, count) in raw.sortedFields { line.member(named: name, count) }
                line.endObject()
                line.endObject()
            }
            if !span.units.isEmpty { counts("units", span.units, into: &line) }
            if let tool = span.tool {
                line.beginObject("tool")
                line.member("name", tool.name)
                line.member("calls", tool.calls)
                line.endObject()
            }
            if let gpu = span.gpu {
                line.beginObject("gpu")
                line.member("device", gpu.device)
                line.member("count", gpu.count)
                line.member("busy_ns", gpu.busyNanos)
                line.endObject()
            }
            if let cost = span.reportedCost { line.member("reported_cost_usd", cost.decimalString) }
            if !span.attributes.isEmpty { attributes("attributes", span.attributes, into: &line) }
            if !span.resource.isEmpty { attributes("resource", span.resource, into: &line) }
        }
    }

    /// Writes one object and a newline at the end of `output`.
    private func writeLine(into output: inout [UInt8], _ body: (inout JSONLineWriter) -> Void) {
        var line = JSONLineWriter()
        line.beginObject()
        body(&line)
        line.endObject()
        output.append(contentsOf: line.text)
        output.append(0x0A)
    }

    private func counts(_ key: StaticString, _ values: [String: Int64], into line: inout JSONLineWriter) {
        line.beginObject(key)
        for (name, count) in values.sorted(by: { $0.key < $1.key }) { line.member(named: name, count) }
        line.endObject()
    }

    private func attributes(_ key: StaticString, _ values: Attributes, into line: inout JSONLineWriter) {
        line.beginObject(key)
        for (name, value) in values.sorted(by: { $0.key < $1.key }) {
            switch value {
            case .string(let value): line.member(named: name, value)
            case .int(let value): line.member(named: name, value)
            // JSON has no NaN or infinity: those are written as text.
            case .double(let value):
                if value.isFinite { line.member(named: name, value) } else { line.member(named: name, String(value)) }
            case .bool(let value): line.member(named: name, value)
            }
        }
        line.endObject()
    }
}
