import CostModel

/// Reads OpenTelemetry traces in OTLP/JSON, as the OpenTelemetry Collector's file exporter
/// writes them, span by span.
///
/// A file holds `ExportTraceServiceRequest` documents, one a line (JSON Lines, read streaming with
/// memory flat in the file's size), or one pretty-printed document over many lines. A trace whose
/// spans arrive in several documents or files comes back as spans with the same trace id; the
/// parent links join them. See `docs/otlp-import.md` for how attributes map to spans.
///
/// ```swift
/// try OTLPTraceReader.forEachSpan(path: "otel/traces.jsonl") { span in
///     print(span.traceID, span.name, span.usage.totalTokens)
/// }
/// ```
public enum OTLPTraceReader {
    /// Calls `body` with every span of the file at `path` (`-` for standard input), in order.
    ///
    /// Blank lines are skipped. A last line that lacks its newline is read like any other: a
    /// line cut short by a crash then fails to parse and is reported.
    /// - Throws: ``TraceFormatError`` for the first document that cannot be read, naming the file,
    ///   the line and the field; ``FileError`` when the file cannot be opened or read; or what
    ///   `body` throws. Spans of the documents before the bad one have been passed to `body`.
    public static func forEachSpan(path: String, _ body: (SpanRecord) throws -> Void) throws {
        var reader = try LineReader(path: path)
        var stream = OTLPDocumentStream(file: path)
        while try reader.nextLine({ line, number, _ in try stream.feed(line, number: number, body) }) != nil {}
        try stream.finish()
    }

    /// Reads every span of the file at `path` into memory.
    public static func read(path: String) throws -> [SpanRecord] {
        var spans: [SpanRecord] = []
        try forEachSpan(path: path) { spans.append($0) }
        return spans
    }
}
