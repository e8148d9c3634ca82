import CostModel

/// Reads a trace file in either format, CostTrace's JSON Lines or OTLP/JSON, telling them apart
/// by the first line (see ``TraceFileKind/detect(path:)``).
///
/// ```swift
/// let summary = try TraceInput.forEachSpan(path: path) { span in store.add(span) }
/// if !summary.dropped.isEmpty { print("the exporter dropped \(summary.droppedCount) spans") }
/// ```
public enum TraceInput {
    /// What a file held besides its spans.
    public struct Summary: Hashable, Sendable {
        /// The file's format.
        public var kind: TraceFileKind
        /// The spans read.
        public var spanCount: Int
        /// Notices of spans that CostTrace's exporter had to drop (only CostTrace's format has them).
        public var dropped: [DroppedSpans]

        public init(kind: TraceFileKind, spanCount: Int = 0, dropped: [DroppedSpans] = []) {
            self.kind = kind
            self.spanCount = spanCount
            self.dropped = dropped
        }

        /// The spans that the drop notices count.
        public var droppedCount: Int64 { dropped.reduce(0) { $0 + $1.count } }
    }

    /// Calls `body` with every span of the file at `path` (`-` for standard input), in order.
    ///
    /// The format is told from the first non-blank line, which is read once, so standard input
    /// works too.
    /// - Returns: The format, the number of spans, and the drop notices of the file.
    /// - Throws: ``TraceFormatError`` for the first line or document that cannot be read,
    ///   ``FileError`` when the file cannot be opened or read, or what `body` throws.
    @discardableResult
    public static func forEachSpan(path: String, _ body: (SpanRecord) throws -> Void) throws -> Summary {
        var summary: Summary?
        let kind = try forEachEntry(path: path) { entry in
            switch entry {
            case .span(let span):
                try body(span)
                summary?.spanCount += 1
            case .dropped(let notice):
                summary?.dropped.append(notice)
            }
        } detected: { kind in
            summary = Summary(kind: kind)
        }
        return summary ?? Summary(kind: kind)
    }

    /// Calls `body` with every entry of the file at `path` (`-` for standard input), in order:
    /// spans, and for CostTrace's format the notices of dropped spans where they were written.
    /// - Parameter detected: Called once with the format, before the first entry.
    /// - Returns: The file's format.
    /// - Parameter rejected: When given, a line (or one-line document) that cannot be read is
    ///   passed here with its error and reading goes on; without it, the error is thrown.
    @discardableResult
    public static func forEachEntry(
        path: String,
        _ body: (TraceFileEntry) throws -> Void,
        detected: (TraceFileKind) throws -> Void = { _ in },
        rejected: ((UnsafeRawBufferPointer, TraceFormatError) throws -> Void)? = nil
    ) throws -> TraceFileKind {
        try forEachEntry(path: path, withLines: { entry, _ in try body(entry) }, detected: detected, rejected: rejected)
    }

    /// Like ``forEachEntry(path:_:detected:rejected:)``, and passes each entry's line when it is
    /// canonical — exactly what ``TraceLineEncoder`` writes for the entry, without the newline —
    /// so that a caller that needs the canonical line can take it instead of encoding the entry
    /// again. `nil` for other lines and for OTLP/JSON. The line's bytes are valid only during the
    /// call.
    @discardableResult
    public static func forEachEntry(
        path: String,
        withLines body: (TraceFileEntry, _ canonicalLine: UnsafeRawBufferPointer?) throws -> Void,
        detected: (TraceFileKind) throws -> Void = { _ in },
        rejected: ((UnsafeRawBufferPointer, TraceFormatError) throws -> Void)? = nil
    ) throws -> TraceFileKind {
        var reader = try LineReader(path: path)
        return try forEachEntry(reader: &reader, file: path, withLines: body, detected: detected, rejected: rejected)
    }

    /// Like ``forEachEntry(path:withLines:detected:rejected:)``, from a reader already open (for
    /// instance on standard input after a look at its first byte); `file` names it in errors.
    @discardableResult
    public static func forEachEntry(
        reader: inout LineReader,
        file path: String,
        withLines body: (TraceFileEntry, _ canonicalLine: UnsafeRawBufferPointer?) throws -> Void,
        detected: (TraceFileKind) throws -> Void = { _ in },
        rejected: ((UnsafeRawBufferPointer, TraceFormatError) throws -> Void)? = nil
    ) throws -> TraceFileKind {
        var kind: TraceFileKind?
        var otlp = OTLPDocumentStream(file: path)
        let lineDecoder = TraceLineDecoder()
        while try reader.nextLine({ line, number, _ in
            if kind == nil {
                guard let found = TraceFileKind.detect(firstLine: line) else { return }
                kind = found
                try detected(found)
            }
            do {
                switch kind {
                case .otlp:
                    try otlp.feed(line, number: number) { try body(.span($0), nil) }
                default:
                    if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
                    let (entry, isCanonical) = try lineDecoder.decodeNotingCanonical(line, file: path, line: number)
                    try body(entry, isCanonical ? line : nil)
                }
            } catch let error as TraceFormatError {
                guard let rejected else { throw error }
                try rejected(line, error)
                // A document cut short by the bad line starts over with the next one.
                if kind == .otlp { otlp = OTLPDocumentStream(file: path) }
            }
        }) != nil {}
        if kind == .otlp { try otlp.finish() }
        guard let kind else {
            try detected(.costtrace)
            return .costtrace
        }
        return kind
    }

    /// Reads the whole file at `path` into memory: spans and drop notices.
    public static func read(path: String) throws -> (kind: TraceFileKind, contents: TraceFileReader.Contents) {
        var reader = try LineReader(path: path)
        return try read(reader: &reader, file: path)
    }

    /// Reads the rest of an open reader into memory; `file` names it in errors.
    public static func read(reader: inout LineReader, file: String) throws -> (
        kind: TraceFileKind, contents: TraceFileReader.Contents
    ) {
        var contents = TraceFileReader.Contents()
        let kind = try forEachEntry(reader: &reader, file: file) { entry, _ in
            switch entry {
            case .span(let span): contents.spans.append(span)
            case .dropped(let notice): contents.dropped.append(notice)
            }
        }
        return (kind, contents)
    }
}
