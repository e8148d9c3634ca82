import CostModel
import Instrumentation
import Synchronization

/// A span being recorded: a workflow, agent, step, model call, tool call or GPU job.
///
/// Get one from ``CostTracer/withSpan(_:kind:attributes:parent:_:)-(_,_,_,_,(CostSpan)->T)``
/// (or ``CostTracer/startSpan(_:kind:attributes:parent:)`` and ``end()``), then record what it
/// used. Every method is thread-safe, and usage adds up atomically, so tasks may record into one
/// span at once. A span records until it ends; what is recorded after that is ignored.
///
/// ```swift
/// try await tracer.withSpan("draft reply", kind: .llm) { span in
///     span.setModel("claude-sonnet-4-5", provider: "anthropic")
///     try span.recordUsage(AnthropicUsage(inputTokens: 1_200, outputTokens: 300, cacheReadInputTokens: 8_000))
/// }
/// ```
public final class CostSpan: Sendable {
    /// The run and the id of this span.
    public let spanContext: SpanContext
    /// The parent's id, `nil` for a root.
    public let parentSpanID: SpanID?
    /// Start, in nanoseconds since the Unix epoch.
    public let startNanos: Int64

    private let tracer: CostTracer
    /// The context this span was started in, from which ``context`` is made.
    private let parentContext: InstrumentationContext
    private let state: Mutex<State>

    struct State {
        /// The span as it will be exported, built in place: ending it copies it once and sets its end.
        var record: SpanRecord
        var ended = false
    }

    init(
        tracer: CostTracer,
        name: String,
        kind: SpanKind,
        attributes: Attributes,
        spanContext: SpanContext,
        parentSpanID: SpanID?,
        parentContext: InstrumentationContext,
        resource: Attributes,
        startNanos: Int64
    ) {
        self.tracer = tracer
        self.spanContext = spanContext
        self.parentSpanID = parentSpanID
        self.parentContext = parentContext
        self.startNanos = startNanos
        let record = SpanRecord(
            traceID: spanContext.traceID,
            spanID: spanContext.spanID,
            parentSpanID: parentSpanID,
            kind: kind,
            name: name,
            startNanos: startNanos,
            endNanos: startNanos,
            attributes: attributes,
            resource: resource
        )
        self.state = Mutex(State(record: record))
    }

    /// The span that the current task runs in, if any.
    ///
    /// Set inside ``CostTracer/withSpan(_:kind:attributes:parent:_:)-(_,_,_,_,(CostSpan)->T)``
    /// and inside `Tracing`'s `withSpan` when CostTrace is the tracing backend; child tasks
    /// inherit it, `Task.detached` does not.
    public static var current: CostSpan? { InstrumentationContext.current?.currentSpan?.span }

    /// The task-local context in which this span is the current span.
    public var context: InstrumentationContext {
        var context = parentContext
        context.currentSpan = .local(self)
        return context
    }

    /// The span's name; it may be renamed until it ends.
    public var name: String {
        get { state.withLock { $0.record.name } }
        set { update { $0.name = newValue } }
    }

    /// What the span stands for.
    public var kind: SpanKind {
        get { state.withLock { $0.record.kind } }
        set { update { $0.kind = newValue } }
    }

    /// The span's attributes, such as `user.id`, `team` or `project` on a root.
    public var attributes: Attributes {
        get { state.withLock { $0.record.attributes } }
        set { update { $0.attributes = newValue } }
    }

    /// Whether the span still records.
    public var isRecording: Bool { state.withLock { !$0.ended } }

    /// Sets one attribute.
    public func setAttribute(_ key: String, _ value: AttributeValue) {
        update { $0.attributes[key] = value }
    }

    /// Runs `body` on the record being built unless the span has ended.
    func update(_ body: (inout SpanRecord) -> Void) {
        state.withLock { state in
            guard !state.ended else { return }
            body(&state.record)
        }
    }

    /// Ends the span now and hands it to the tracer's exporter. Later calls do nothing.
    public func end() {
        end(atNanos: tracer.now())
    }

    /// Ends the span at a given time, in nanoseconds since the Unix epoch.
    public func end(atNanos endNanos: Int64) {
        // The span keeps its record, whose name, kind and attributes stay readable after the end.
        let finished: SpanRecord? = state.withLock { state in
            guard !state.ended else { return nil }
            state.ended = true
            return state.record
        }
        guard var finished else { return }
        finished.endNanos = max(endNanos, startNanos)
        GenAIReading.apply(to: &finished)
        parentContext.runBudget?.charge(finished)
        tracer.export(finished)
    }
}

/// Turns `gen_ai.*` attributes, as OpenTelemetry GenAI instrumentation sets them, into usage,
/// model, provider and kind, when the span did not record those itself.
enum GenAIReading {
    static func apply(to span: inout SpanRecord) {
        guard span.attributes.keys.contains(where: { $0.hasPrefix("gen_ai.") }) else { return }
        let reading = GenAIAttribute.read(span.attributes)
        if span.kind == .other || span.kind == .step, let kind = reading.kind { span.kind = kind }
        if span.model == nil { span.model = reading.model }
        if span.provider == nil { span.provider = reading.provider }
        guard let usage = reading.usage, span.usage.isZero, span.rawUsage == nil else { return }
        do {
            span.usage = try usage.normalized()
            span.rawUsage = usage.raw
            for name in GenAIAttribute.usageNames { span.attributes[name] = nil }
        } catch {
            // Keep the attributes as they were, and say why they are not usage.
            span.attributes["costtrace.usage_error"] = .string(error.description)
        }
    }
}
