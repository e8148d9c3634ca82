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
    private let resource: Attributes
    /// The context this span was started in, from which ``context`` is made.
    private let parentContext: InstrumentationContext
    private let state: Mutex<State>

    struct State {
        var name: String
        var kind: SpanKind
        var attributes: Attributes
        var ended = false
        var status = SpanStatus.unset
        var errorMessage: String?
        var model: String?
        var provider: String?
        var serviceTier: String?
        var usage = TokenUsage.zero
        var rawUsage: RawUsage?
        var units: [String: Int64] = [:]
        var tool: ToolCall?
        var gpu: GPUUsage?
        var reportedCost: Money?
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
        self.resource = resource
        self.startNanos = startNanos
        self.state = Mutex(State(name: name, kind: kind, attributes: attributes))
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
        context.currentSpan = CurrentSpanKey.Value(context: spanContext, span: self)
        return context
    }

    /// The span's name; it may be renamed until it ends.
    public var name: String {
        get { state.withLock { $0.name } }
        set { update { $0.name = newValue } }
    }

    /// What the span stands for.
    public var kind: SpanKind {
        get { state.withLock { $0.kind } }
        set { update { $0.kind = newValue } }
    }

    /// The span's attributes, such as `user.id`, `team` or `project` on a root.
    public var attributes: Attributes {
        get { state.withLock { $0.attributes } }
        set { update { $0.attributes = newValue } }
    }

    /// Whether the span still records.
    public var isRecording: Bool { state.withLock { !$0.ended } }

    /// Sets one attribute.
    public func setAttribute(_ key: String, _ value: AttributeValue) {
        update { $0.attributes[key] = value }
    }

    /// Runs `body` on the state unless the span has ended.
    func update(_ body: (inout State) -> Void) {
        state.withLock { state in
            guard !state.ended else { return }
            body(&state)
        }
    }

    /// Ends the span now and hands it to the tracer's exporter. Later calls do nothing.
    public func end() {
        end(atNanos: tracer.now())
    }

    /// Ends the span at a given time, in nanoseconds since the Unix epoch.
    public func end(atNanos endNanos: Int64) {
        let finished: State? = state.withLock { state in
            guard !state.ended else { return nil }
            state.ended = true
            return state
        }
        guard var finished else { return }
        GenAIReading.apply(to: &finished)
        tracer.export(
            SpanRecord(
                traceID: spanContext.traceID,
                spanID: spanContext.spanID,
                parentSpanID: parentSpanID,
                kind: finished.kind,
                name: finished.name,
                startNanos: startNanos,
                endNanos: max(endNanos, startNanos),
                status: finished.status,
                errorMessage: finished.errorMessage,
                attributes: finished.attributes,
                resource: resource,
                model: finished.model,
                provider: finished.provider,
                serviceTier: finished.serviceTier,
                usage: finished.usage,
                rawUsage: finished.rawUsage,
                units: finished.units,
                tool: finished.tool,
                gpu: finished.gpu,
                reportedCost: finished.reportedCost
            )
        )
    }
}

/// Turns `gen_ai.*` attributes, as OpenTelemetry GenAI instrumentation sets them, into usage,
/// model, provider and kind, when the span did not record those itself.
enum GenAIReading {
    static func apply(to state: inout CostSpan.State) {
        guard state.attributes.keys.contains(where: { $0.hasPrefix("gen_ai.") }) else { return }
        let reading = GenAIAttribute.read(state.attributes)
        if state.kind == .other || state.kind == .step, let kind = reading.kind { state.kind = kind }
        if state.model == nil { state.model = reading.model }
        if state.provider == nil { state.provider = reading.provider }
        guard let usage = reading.usage, state.usage.isZero, state.rawUsage == nil else { return }
        do {
            state.usage = try usage.normalized()
            state.rawUsage = usage.raw
            for name in GenAIAttribute.usageNames { state.attributes[name] = nil }
        } catch {
            // Keep the attributes as they were, and say why they are not usage.
            state.attributes["costtrace.usage_error"] = .string(error.description)
        }
    }
}
