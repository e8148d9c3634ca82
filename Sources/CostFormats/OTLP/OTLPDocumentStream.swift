import CJSONC
import CostModel

/// Splits the lines of an OTLP/JSON file into documents and decodes them.
///
/// The first document decides the layout. On one line, the file is JSON Lines, as the Collector's
/// file exporter writes it: every other non-blank line must be a whole document, and memory stays
/// flat in the file's size. Over several lines (pretty-printed), documents may span lines and
/// follow one another; each is parsed piece by piece, so only its parsed tree is held.
struct OTLPDocumentStream {
    let file: String
    private let decoder = OTLPDocumentDecoder()
    private var layout = Layout.undecided
    /// The line the open document started on; `nil` between documents.
    private var documentLine: Int?
    private var lastLine = (number: 0, length: 0)

    private enum Layout {
        case undecided
        /// One document a line.
        case jsonLines
        /// Documents that may span lines.
        case documents
    }

    init(file: String) {
        self.file = file
    }

    /// Feeds the next line, without its line end, and passes the spans of every document it
    /// completes to `body`.
    mutating func feed(_ line: UnsafeRawBufferPointer, number: Int, _ body: (SpanRecord) throws -> Void) throws {
        guard !OTLPDocumentDecoder.isBlank(line) else { return }
        lastLine = (number, line.count)
        if documentLine == nil {
            decoder.reset()
            documentLine = number
        }
        switch decoder.feed(line) {
        case .complete(let root, let consumed):
            defer { json_object_put(root) }
            guard OTLPDocumentDecoder.isBlank(UnsafeRawBufferPointer(rebasing: line[consumed...])) else {
                throw syntaxError(line: number, byte: consumed + 1, "text after the document")
            }
            try complete(root, endLine: number, body)
        case .incomplete:
            // The line end ends a number or literal, and may separate two tokens of a document
            // that goes on.
            var newline: UInt8 = 0x0A
            switch decoder.feed(UnsafeRawBufferPointer(start: &newline, count: 1)) {
            case .incomplete:
                if case .jsonLines = layout {
                    throw syntaxError(line: number, byte: line.count + 1, OTLPDocumentDecoder.endsEarly)
                }
            case .complete(let root, _):
                defer { json_object_put(root) }
                try complete(root, endLine: number, body)
            case .failed(_, let message):
                throw syntaxError(line: number, byte: line.count + 1, message)
            }
        case .failed(let offset, let message):
            throw syntaxError(line: number, byte: offset + 1, message)
        }
    }

    private mutating func complete(_ root: OpaquePointer?, endLine: Int, _ body: (SpanRecord) throws -> Void) throws {
        let start = documentLine ?? endLine
        documentLine = nil
        if case .undecided = layout { layout = start == endLine ? .jsonLines : .documents }
        let spans: [SpanRecord]
        do {
            spans = try decoder.spans(in: root)
        } catch {
            throw TraceFormatError(file: file, line: start, field: error.field, message: error.message)
        }
        for span in spans { try body(span) }
    }

    /// Reports a document that the input ended in the middle of.
    func finish() throws(TraceFormatError) {
        if documentLine != nil {
            throw syntaxError(line: lastLine.number, byte: lastLine.length + 1, OTLPDocumentDecoder.endsEarly)
        }
    }

    private func syntaxError(line: Int, byte: Int, _ message: String) -> TraceFormatError {
        TraceFormatError(file: file, line: line, field: "", message: "invalid JSON at byte \(byte): \(message)")
    }
}
