import CostModel
import Instrumentation
import Tracing

extension CostTracer {
    /// This tracer as a swift-distributed-tracing `Tracer`, so that code calling `withSpan` from
    /// `Tracing` is recorded too.
    ///
    /// ```swift
    /// InstrumentationSystem.bootstrap(costTracer.tracingBackend)   // once per process
    /// ```
    public var tracingBackend: TracingBackend { TracingBackend(tracer: self) }
}

/// A swift-distributed-tracing `Tracer` that records into a ``CostTracer``.
///
/// Spans started through it and through ``CostTracer`` nest inside each other, since both carry
/// the current span in `InstrumentationContext`. OpenTelemetry GenAI attributes set on a span
/// (`gen_ai.request.model`, `gen_ai.provider.name`, `gen_ai.operation.name`,
/// `gen_ai.usage.*`) become its model, provider, kind and usage. Context crosses processes as a
/// W3C `traceparent` header. Span events and links are not recorded. Times come from the
/// ``CostTracer``'s clock, not from the instants `Tracing` passes, so that spans of both APIs
/// share one timeline when a test or simulation injects a clock.
public struct TracingBackend: Tracer {
    public let tracer: CostTracer

    public init(tracer: CostTracer) {
        self.tracer = tracer
    }

    public func startSpan<Instant: TracerInstant>(
        _ operationName: String,
        context: @autoclosure () -> InstrumentationContext,
        ofKind kind: Tracing.SpanKind,
        at instant: @autoclosure () -> Instant,
        function: String,
        file fileID: String,
        line: UInt
    ) -> TracingSpan {
        let span = tracer.startSpan(
            operationName,
            kind: .other,
            attributes: [:],
            in: context(),
            atNanos: tracer.now()
        )
        return TracingSpan(span)
    }

    public func activeSpan(identifiedBy context: InstrumentationContext) -> TracingSpan? {
        context.currentSpan?.span.map(TracingSpan.init)
    }

    public func forceFlush() {
        tracer.flush()
    }

    /// Writes the current span as a W3C `traceparent` header.
    public func inject<Carrier, Inject: Injector>(
        _ context: InstrumentationContext,
        into carrier: inout Carrier,
        using injector: Inject
    ) where Inject.Carrier == Carrier {
        guard let current = context.currentSpan?.context else { return }
        injector.inject("00-\(current.traceID.hex)-\(current.spanID.hex)-01", forKey: "traceparent", into: &carrier)
    }

    /// Reads a W3C `traceparent` header, so that spans started here continue a remote run.
    public func extract<Carrier, Extract: Extractor>(
        _ carrier: Carrier,
        into context: inout InstrumentationContext,
        using extractor: Extract
    ) where Extract.Carrier == Carrier {
        guard let header = extractor.extract(key: "traceparent", from: carrier) else { return }
        let parts = header.split(separator: "-")
        guard parts.count == 4, parts[0] == "00",
            let traceID = TraceID(hex: parts[1]), let spanID = SpanID(hex: parts[2])
        else { return }
        context.currentSpan = .remote(context: SpanContext(traceID: traceID, spanID: spanID))
    }
}

/// A `Tracing.Span` over a ``CostSpan``.
public struct TracingSpan: Tracing.Span {
    /// The span this records into.
    public let span: CostSpan

    public init(_ span: CostSpan) {
        self.span = span
    }

    public var context: InstrumentationContext { span.context }

    public var operationName: String {
        get { span.name }
        nonmutating set { span.name = newValue }
    }

    public func setStatus(_ status: Tracing.SpanStatus) {
        switch status.code {
        case .ok: span.setStatus(.ok)
        case .error: span.setStatus(.error, message: status.message)
        }
    }

    public func addEvent(_ event: SpanEvent) {}

    public func recordError<Instant: TracerInstant>(
        _ error: any Error,
        attributes: SpanAttributes,
        at instant: @autoclosure () -> Instant
    ) {
        span.recordError(error)
    }

    public var attributes: SpanAttributes {
        get {
            var result = SpanAttributes()
            for (key, value) in span.attributes {
                switch value {
                case .string(let text): result.set(key, value: .string(text))
                case .int(let number): result.set(key, value: .int64(number))
                case .double(let number): result.set(key, value: .double(number))
                case .bool(let flag): result.set(key, value: .bool(flag))
                }
            }
            return result
        }
        nonmutating set {
            var converted: Attributes = [:]
            newValue.forEach { key, value in converted[key] = AttributeValue(value) }
            span.attributes = converted
        }
    }

    public var isRecording: Bool { span.isRecording }

    public func addLink(_ link: SpanLink) {}

    public func end<Instant: TracerInstant>(at instant: @autoclosure () -> Instant) {
        span.end()
    }
}

extension AttributeValue {
    /// Keeps scalars as they are; arrays and other values become their text.
    init(_ attribute: SpanAttribute) {
        switch attribute {
        case .int32(let value): self = .int(Int64(value))
        case .int64(let value): self = .int(value)
        case .double(let value): self = .double(value)
        case .bool(let value): self = .bool(value)
        case .string(let value): self = .string(value)
        case .stringConvertible(let value): self = .string(value.description)
        case .int32Array(let values): self = .string(values.description)
        case .int64Array(let values): self = .string(values.description)
        case .doubleArray(let values): self = .string(values.description)
        case .boolArray(let values): self = .string(values.description)
        case .stringArray(let values): self = .string(values.description)
        case .stringConvertibleArray(let values): self = .string(values.map(\.description).description)
        default: self = .string(String(describing: attribute))
        }
    }
}
