import CostModel
import Instrumentation

/// Where a new span hangs: the run and the parent span, local or in another process.
///
/// Carried through `async` code by `InstrumentationContext.current`, the task-local context of
/// swift-distributed-tracing, so spans started with CostTrace's API and with `Tracing`'s
/// `withSpan` nest inside each other.
public struct SpanContext: Hashable, Sendable {
    public var traceID: TraceID
    public var spanID: SpanID

    public init(traceID: TraceID, spanID: SpanID) {
        self.traceID = traceID
        self.spanID = spanID
    }
}

/// The context key under which the current span travels.
enum CurrentSpanKey: InstrumentationContextKey {
    struct Value: Sendable {
        var context: SpanContext
        /// The live span when it is in this process; `nil` for a parent extracted from a request.
        var span: CostSpan?
    }

    static var nameOverride: String? { "costtrace-span" }
}

extension InstrumentationContext {
    var currentSpan: CurrentSpanKey.Value? {
        get { self[CurrentSpanKey.self] }
        set { self[CurrentSpanKey.self] = newValue }
    }
}
