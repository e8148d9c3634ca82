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
            let line = JSONBuilder()
            line.set("v", TraceFormat.version)
            line.set("type", "dropped")
            line.set("count", notice.count)
            line.set("time_ns", notice.atNanos)
            line.write(to: &output)
            output.append(0x0A)
        }
    }

    /// Appends the line of one span, newline included.
    public func encode(_ span: SpanRecord, into output: inout [UInt8]) {
        let line = JSONBuilder()
        line.set("v", TraceFormat.version)
        line.set("trace_id", span.traceID.hex)
        line.set("span_id", span.spanID.hex)
        if let parent = span.parentSpanID { line.set("parent_span_id", parent.hex) }
        line.set("kind", span.kind.rawValue)
        line.set("name", span.name)
        line.set("start_ns", span.startNanos)
        line.set("end_ns", span.endNanos)
        if span.status != .unset { line.set("status", span.status.rawValue) }
        if let message = span.errorMessage { line.set("error", message) }
        if let model = span.model { line.set("model", model) }
        if let provider = span.provider { line.set("provider", provider) }
        if let tier = span.serviceTier { line.set("service_tier", tier) }
        if !span.usage.isZero {
            let usage = JSONBuilder()
            for kind in TokenKind.allCases where span.usage[kind] != 0 { usage.set(kind.rawValue, span.usage[kind]) }
            line.set("usage", usage)
        }
        if let raw = span.rawUsage {
            let rawLine = JSONBuilder()
            rawLine.set("convention", raw.convention.rawValue)
            rawLine.set("fields", counts(raw.fields))
            line.set("raw_usage", rawLine)
        }
        if !span.units.isEmpty { line.set("units", counts(span.units)) }
        if let tool = span.tool {
            let toolLine = JSONBuilder()
            toolLine.set("name", tool.name)
            toolLine.set("calls", tool.calls)
            line.set("tool", toolLine)
        }
        if let gpu = span.gpu {
            let gpuLine = JSONBuilder()
            gpuLine.set("device", gpu.device)
            gpuLine.set("count", gpu.count)
            gpuLine.set("busy_ns", gpu.busyNanos)
            line.set("gpu", gpuLine)
        }
        if let cost = span.reportedCost { line.set("reported_cost_usd", cost.decimalString) }
        if !span.attributes.isEmpty { line.set("attributes", attributes(span.attributes)) }
        if !span.resource.isEmpty { line.set("resource", attributes(span.resource)) }
        line.write(to: &output)
        output.append(0x0A)
    }

    private func counts(_ values: [String: Int64]) -> JSONBuilder {
        let object = JSONBuilder()
        for key in values.keys.sorted() { object.set(key, values[key]!) }
        return object
    }

    private func attributes(_ values: Attributes) -> JSONBuilder {
        let object = JSONBuilder()
        for key in values.keys.sorted() {
            switch values[key]! {
            case .string(let value): object.set(key, value)
            case .int(let value): object.set(key, value)
            // JSON has no NaN or infinity: those are written as text.
            case .double(let value): if value.isFinite { object.set(key, value) } else { object.set(key, String(value)) }
            case .bool(let value): object.set(key, value)
            }
        }
        return object
    }
}
