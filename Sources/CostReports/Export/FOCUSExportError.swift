import CostModel

/// A span whose FOCUS row cannot be written.
public enum FOCUSExportError: Error, Hashable, Sendable {
    /// A unit price × quantity needs more than 128 bits of exact decimal digits.
    case overflow(trace: TraceID, span: SpanID)
}

extension FOCUSExportError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .overflow(let trace, let span):
            "span \(span.hex) of run \(trace.hex): its price × quantity is too large to write exactly"
        }
    }
}
