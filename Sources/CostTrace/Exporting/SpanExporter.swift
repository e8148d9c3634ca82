import CostModel

/// Receives finished spans from a ``CostTracer``.
///
/// ``export(_:)`` is called on the thread that ends the span, so it must not block: queue the
/// span and do I/O elsewhere. An exporter that cannot keep a span drops it and counts it, never
/// silently.
public protocol SpanExporter: Sendable {
    /// Takes a finished span. Must return at once.
    func export(_ span: SpanRecord)
    /// Blocks until every span taken so far is written.
    func flush()
    /// Flushes and releases resources; spans taken later are dropped and counted.
    func shutdown()
}

extension SpanExporter {
    public func flush() {}
    public func shutdown() { flush() }
}
