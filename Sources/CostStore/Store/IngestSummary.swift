/// What one ingest of one input did.
public struct IngestSummary: Hashable, Sendable {
    /// The input's path, `-` for standard input.
    public var source: String
    /// Spans new to the store.
    public var added = 0
    /// Spans the store had already, identical: re-sent input, counted once.
    public var skipped = 0
    /// Spans the store had already with other content; the stored one is kept.
    public var conflicting = 0
    /// Lines left out with `skipInvalid`.
    public var rejected = 0
    /// Spans an exporter reported it had dropped, from `dropped` lines.
    public var droppedByExporter: Int64 = 0
    /// The first conflicts, as `FILE: span S of run T`, to show the user.
    public var conflictExamples: [String] = []

    public init(source: String) {
        self.source = source
    }
}

/// How to ingest.
public struct IngestOptions: Sendable {
    /// Leave out lines that cannot be read instead of failing the whole input, and write them here.
    public var rejectsPath: String?
    /// Called every 65,536 spans with the number of spans read so far, for a progress line.
    public var progress: (@Sendable (_ spans: Int) -> Void)?

    public init(rejectsPath: String? = nil, progress: (@Sendable (Int) -> Void)? = nil) {
        self.rejectsPath = rejectsPath
        self.progress = progress
    }
}
