import CostModel

/// Reads a trace file entry by entry, streaming.
///
/// ```swift
/// let contents = try TraceFileReader.read(path: "traces/research-agent.jsonl")
/// for run in Run.group(contents.spans) { print(run.name) }
/// ```
public enum TraceFileReader {
    /// Everything a trace file holds.
    public struct Contents: Sendable {
        public var spans: [SpanRecord] = []
        /// Notices of spans the exporter had to drop.
        public var dropped: [DroppedSpans] = []

        public init() {}
    }

    /// Calls `body` with every entry of the file at `path` (`-` for standard input), in order.
    ///
    /// Blank lines are skipped. A last line that lacks its newline is read like any other: a
    /// line cut short by a crash then fails to parse and is reported.
    /// - Throws: ``TraceFormatError`` for the first line that cannot be read, ``FileError`` when
    ///   the file cannot be opened or read, or what `body` throws.
    public static func forEachEntry(path: String, _ body: (TraceFileEntry) throws -> Void) throws {
        var reader = try LineReader(path: path)
        let decoder = TraceLineDecoder()
        while let entry = try reader.nextLine({ (line, number, _) -> TraceFileEntry? in
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return nil }
            return try decoder.decode(line, file: path, line: number)
        }) {
            if let entry { try body(entry) }
        }
    }

    /// Reads the whole file at `path` into memory.
    public static func read(path: String) throws -> Contents {
        var contents = Contents()
        try forEachEntry(path: path) { entry in
            switch entry {
            case .span(let span): contents.spans.append(span)
            case .dropped(let notice): contents.dropped.append(notice)
            }
        }
        return contents
    }
}
