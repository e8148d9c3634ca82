import CostModel

/// One line of a trace file.
public enum TraceFileEntry: Hashable, Sendable {
    /// A finished span.
    case span(SpanRecord)
    /// An exporter had to drop spans because its buffer was full; written so that the loss is
    /// never silent.
    case dropped(DroppedSpans)
}

/// A notice that an exporter dropped spans.
public struct DroppedSpans: Hashable, Sendable {
    /// How many spans were dropped since the previous notice.
    public var count: Int64
    /// When the notice was written, in nanoseconds since the Unix epoch.
    public var atNanos: Int64

    public init(count: Int64, atNanos: Int64) {
        self.count = count
        self.atNanos = atNanos
    }
}

/// The trace file format: one JSON object per line. See `docs/trace-format.md`.
public enum TraceFormat {
    /// The version written in the `v` field of every line.
    public static let version: Int64 = 1
}
