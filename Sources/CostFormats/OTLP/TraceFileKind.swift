/// The format of a trace file: CostTrace's own JSON Lines, or OpenTelemetry's OTLP/JSON.
public enum TraceFileKind: String, CaseIterable, Hashable, Sendable {
    /// CostTrace's trace format (`docs/trace-format.md`): one span a line, `"v": 1` first.
    case costtrace
    /// OTLP/JSON `ExportTraceServiceRequest` documents (`docs/otlp-import.md`).
    case otlp

    /// Tells the format of the file at `path` from its first non-blank line.
    ///
    /// For standard input (`-`) the line read is gone; ``TraceInput`` tells the format and reads
    /// on with the same reader instead.
    ///
    /// A line whose first member is `resourceSpans`, or a line that opens an object without
    /// naming a member (a pretty-printed document), is OTLP/JSON; anything else, an empty file
    /// included, is CostTrace's format, whose reader then says what is wrong.
    /// - Throws: ``FileError`` when the file cannot be opened or read.
    public static func detect(path: String) throws -> TraceFileKind {
        var reader = try LineReader(path: path)
        while let kind = try reader.nextLine({ line, _, _ in detect(firstLine: line) }) {
            if let kind { return kind }
        }
        return .costtrace
    }

    /// The format that a first line shows, or `nil` for a blank line.
    static func detect(firstLine line: UnsafeRawBufferPointer) -> TraceFileKind? {
        var index = line.startIndex
        func skipSpace() {
            while index < line.endIndex, [0x20, 0x09, 0x0D, 0x0A].contains(line[index]) { index += 1 }
        }
        skipSpace()
        guard index < line.endIndex else { return nil }
        guard line[index] == UInt8(ascii: "{") else { return .costtrace }
        index += 1
        skipSpace()
        // A document that names no member on its first line spans lines: only OTLP/JSON may.
        guard index < line.endIndex else { return .otlp }
        guard line[index] == UInt8(ascii: "\"") else { return .costtrace }
        let key = line[(index + 1)...].prefix { $0 != UInt8(ascii: "\"") }
        if key.elementsEqual("resourceSpans".utf8) { return .otlp }
        if key.elementsEqual("v".utf8) || key.elementsEqual("trace_id".utf8) || key.elementsEqual("type".utf8) {
            return .costtrace
        }
        // Members in an unusual order: look for OTLP's one top-level member anywhere on the line.
        return contains(line, #""resourceSpans""#) ? .otlp : .costtrace
    }

    private static func contains(_ line: UnsafeRawBufferPointer, _ text: String) -> Bool {
        let needle = Array(text.utf8)
        guard line.count >= needle.count else { return false }
        for start in line.startIndex...(line.endIndex - needle.count)
        where line[start] == needle[0] && line[start..<start + needle.count].elementsEqual(needle) {
            return true
        }
        return false
    }
}
