import CostModel
import Synchronization

/// Keeps finished spans in memory, for tests and for programs that price their own runs.
public final class InMemorySpanExporter: SpanExporter {
    private let storage = Mutex<[SpanRecord]>([])

    public init() {}

    public func export(_ span: SpanRecord) {
        storage.withLock { $0.append(span) }
    }

    /// The spans finished so far, in the order they ended.
    public var spans: [SpanRecord] { storage.withLock { $0 } }

    /// Removes and returns the spans finished so far.
    public func removeAll() -> [SpanRecord] {
        storage.withLock { spans in
            defer { spans = [] }
            return spans
        }
    }
}
