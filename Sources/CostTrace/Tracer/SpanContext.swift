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
    /// The current span, as one reference: the context stores its values as `any Sendable`, which
    /// holds up to three words in place and boxes anything larger in a heap allocation of its own.
    enum Value: Sendable {
        /// A live span of this process.
        case local(CostSpan)
        /// A parent known only by its ids: extracted from a request, or passed in as `parent:`.
        case remote(Remote)

        final class Remote: Sendable {
            let context: SpanContext

            init(_ context: SpanContext) {
                self.context = context
            }
        }

        static func remote(context: SpanContext) -> Value { .remote(Remote(context)) }

        var context: SpanContext {
            switch self {
            case .local(let span): span.spanContext
            case .remote(let parent): parent.context
            }
        }

        /// The live span when it is in this process; `nil` for a parent from elsewhere.
        var span: CostSpan? {
            switch self {
            case .local(let span): span
            case .remote: nil
            }
        }
    }

    static var nameOverride: String? { "costtrace-span" }
}

extension InstrumentationContext {
    var currentSpan: CurrentSpanKey.Value? {
        get { self[CurrentSpanKey.self] }
        set { self[CurrentSpanKey.self] = newValue }
    }
}
