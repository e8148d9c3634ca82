#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import CostFormats
import CostModel
import Instrumentation

/// Records the spans of agent runs and hands each finished span to an exporter.
///
/// Create one per process and keep it; it is `Sendable` and cheap to share.
///
/// ```swift
/// let tracer = CostTracer(
///     exporter: try JSONLFileExporter(path: "traces/run.jsonl"),
///     resource: ["service.name": "support-bot", "team": "support"]
/// )
/// try await tracer.withSpan("answer ticket", kind: .workflow, attributes: ["user.id": "u-42"]) { _ in
///     try await tracer.withSpan("draft reply", kind: .llm) { call in
///         call.setModel("gpt-4.1-mini", provider: "openai")
///         try call.recordUsage(OpenAIChatUsage(promptTokens: 1_800, completionTokens: 240, cachedTokens: 1_024))
///     }
/// }
/// tracer.shutdown()
/// ```
public final class CostTracer: Sendable {
    /// Where finished spans go.
    public let exporter: any SpanExporter
    /// Attributes of this process (service, environment, team…), written on the spans that start
    /// this process's part of a run, from where their descendants inherit them.
    public let resource: Attributes

    private let ids: SpanIDGenerator
    private let clock: @Sendable () -> Int64

    /// - Parameters:
    ///   - exporter: Where finished spans go.
    ///   - resource: Attributes of this process.
    ///   - now: The time in nanoseconds since the Unix epoch; inject a clock of your own in tests.
    ///   - idSeed: Seeds the trace and span ids, for output that is the same on every run (tests,
    ///     examples). By default ids are random.
    public init(
        exporter: any SpanExporter,
        resource: Attributes = [:],
        now: @escaping @Sendable () -> Int64 = WallClock.nanosSinceEpoch,
        idSeed: UInt64? = nil
    ) {
        self.exporter = exporter
        self.resource = resource
        self.ids = idSeed.map { SpanIDGenerator(seed: $0) } ?? SpanIDGenerator()
        self.clock = now
    }

    func now() -> Int64 { clock() }

    /// Starts a span that you must end with ``CostSpan/end()``.
    ///
    /// Prefer ``withSpan(_:kind:attributes:parent:_:)-(_,_,_,_,(CostSpan)->T)``, which ends the span
    /// and makes it current for the code inside. A span started here is not current anywhere.
    /// - Parameters:
    ///   - parent: The parent, for a span whose parent is not current here (after `Task.detached`,
    ///     or in another process). By default, the current span.
    public func startSpan(
        _ name: String,
        kind: SpanKind = .step,
        attributes: Attributes = [:],
        parent: SpanContext? = nil
    ) -> CostSpan {
        var context = InstrumentationContext.current ?? .topLevel
        if let parent { context.currentSpan = .remote(context: parent) }
        return startSpan(name, kind: kind, attributes: attributes, in: context, atNanos: now())
    }

    func startSpan(
        _ name: String,
        kind: SpanKind,
        attributes: Attributes,
        in context: InstrumentationContext,
        atNanos startNanos: Int64
    ) -> CostSpan {
        let parent = context.currentSpan
        let spanContext = SpanContext(traceID: parent?.context.traceID ?? ids.nextTraceID(), spanID: ids.nextSpanID())
        return CostSpan(
            tracer: self,
            name: name,
            kind: kind,
            attributes: attributes,
            spanContext: spanContext,
            parentSpanID: parent?.context.spanID,
            parentContext: context,
            // A span whose parent lives in this process inherits the resource from it.
            resource: parent?.span == nil ? resource : [:],
            startNanos: startNanos
        )
    }

    /// Runs `operation` in a new span, which is current inside it and ends when it returns.
    ///
    /// The span's parent is the current span, if any. Child tasks and task groups started inside
    /// `operation` inherit the span; `Task.detached` does not: pass
    /// `parent: CostSpan.current?.spanContext` into the detached task. When `operation` throws,
    /// the span is marked failed and the error is rethrown.
    public func withSpan<T>(
        _ name: String,
        kind: SpanKind = .step,
        attributes: Attributes = [:],
        parent: SpanContext? = nil,
        _ operation: (CostSpan) throws -> T
    ) rethrows -> T {
        let span = startSpan(name, kind: kind, attributes: attributes, parent: parent)
        defer { span.end() }
        do {
            return try InstrumentationContext.$current.withValue(span.context) { try operation(span) }
        } catch {
            span.recordError(error)
            throw error
        }
    }

    /// Runs the `async` `operation` in a new span, which is current inside it and ends when it returns.
    ///
    /// See ``withSpan(_:kind:attributes:parent:_:)-(_,_,_,_,(CostSpan)->T)``.
    nonisolated(nonsending) public func withSpan<T>(
        _ name: String,
        kind: SpanKind = .step,
        attributes: Attributes = [:],
        parent: SpanContext? = nil,
        _ operation: (CostSpan) async throws -> T
    ) async rethrows -> T {
        let span = startSpan(name, kind: kind, attributes: attributes, parent: parent)
        defer { span.end() }
        do {
            return try await InstrumentationContext.$current.withValue(span.context) { try await operation(span) }
        } catch {
            span.recordError(error)
            throw error
        }
    }

    func export(_ span: SpanRecord) {
        exporter.export(span)
    }

    /// Blocks until every span that has ended so far is exported.
    public func flush() {
        exporter.flush()
    }

    /// Flushes and stops the exporter; spans that end later are dropped and counted.
    public func shutdown() {
        exporter.shutdown()
    }
}
