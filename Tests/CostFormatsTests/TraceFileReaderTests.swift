import CostFormats
import CostModel
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

struct TraceFileReaderTests {
    static func span(_ id: UInt64, name: String = "step") -> SpanRecord {
        var span = Fixtures.minimalSpan
        span.spanID = SpanID(id)
        span.name = name
        return span
    }

    /// The line of a span whose encoded length, newline excluded, is exactly `length` bytes.
    static func span(_ id: UInt64, lineLength length: Int) -> SpanRecord {
        var span = span(id)
        span.attributes["padding"] = ""
        let base = Fixtures.encode([.span(span)]).count - 1
        precondition(length >= base)
        span.attributes["padding"] = .string(String(repeating: "x", count: length - base))
        return span
    }

    @Test func blankLinesAreSkippedCRLFLineEndsAreReadAndALastLineWithoutNewlineIsRead() throws {
        let a = Self.span(1, name: "first")
        let b = Self.span(2, name: "second")
        let c = Self.span(3, name: "last, without newline")
        let notice = DroppedSpans(count: 4, atNanos: 99)
        var bytes: [UInt8] = []
        bytes += Fixtures.encode([.span(a)])
        bytes += [UInt8]("\n")
        bytes += Fixtures.encode([.span(b)]).dropLast() + [UInt8]("\r\n")
        bytes += [UInt8]("   \t\n")
        bytes += [UInt8]("\r\n")
        bytes += Fixtures.encode([.dropped(notice)]).dropLast() + [UInt8]("\r\n")
        bytes += Fixtures.encode([.span(c)]).dropLast()
        let contents = try withTemporaryFile(bytes) { try TraceFileReader.read(path: $0) }
        #expect(contents.spans == [a, b, c])
        #expect(contents.dropped == [notice])
    }

    @Test func forEachEntryGivesEntriesInFileOrder() throws {
        let entries: [TraceFileEntry] = [
            .span(Self.span(1)), .dropped(DroppedSpans(count: 1, atNanos: 2)), .span(Self.span(2)), .span(Self.span(3)),
        ]
        var seen: [TraceFileEntry] = []
        try withTemporaryFile(Fixtures.encode(entries)) { path in
            try TraceFileReader.forEachEntry(path: path) { seen.append($0) }
        }
        #expect(seen == entries)
    }

    @Test func anErrorThrownByTheBodyStopsReading() throws {
        struct Stop: Error {}
        var calls = 0
        #expect(throws: Stop.self) {
            try withTemporaryFile(Fixtures.encode((1...5).map { .span(Self.span($0)) })) { path in
                try TraceFileReader.forEachEntry(path: path) { _ in
                    calls += 1
                    if calls == 2 { throw Stop() }
                }
            }
        }
        #expect(calls == 2)
    }

    @Test func anEmptyFileAndAFileOfBlankLinesHoldNothing() throws {
        for bytes in [[UInt8](), [UInt8]("\n"), [UInt8]("\n\r\n \t \n\n"), [UInt8]("  ")] {
            let contents = try withTemporaryFile(bytes) { try TraceFileReader.read(path: $0) }
            #expect(contents.spans.isEmpty)
            #expect(contents.dropped.isEmpty)
        }
    }

    @Test func linesLongerThanTheReadBufferAreRead() throws {
        let spans = [
            Self.span(1, name: "short"),
            Self.span(2, lineLength: 70_000),
            Self.span(3, name: "short again"),
            Self.span(4, lineLength: 200_000),
            Self.span(5, lineLength: 1_500_000),
            Self.span(6, name: "after the long ones"),
        ]
        let contents = try withTemporaryFile(Fixtures.encode(spans.map { .span($0) })) {
            try TraceFileReader.read(path: $0)
        }
        #expect(contents.spans == spans)
    }

    @Test(arguments: [65_534, 65_535, 65_536, 65_537, 131_071, 131_072])
    func linesWhoseNewlineFallsAtTheBufferEdgeAreRead(length: Int) throws {
        // The first line's newline lands at the 64 KiB edge; the later ones cross the edge of the
        // refilled buffer at different offsets.
        let spans = [
            Self.span(1, lineLength: length),
            Self.span(2, lineLength: 40_000),
            Self.span(3, lineLength: 40_000),
            Self.span(4, lineLength: length),
        ]
        let contents = try withTemporaryFile(Fixtures.encode(spans.map { .span($0) })) {
            try TraceFileReader.read(path: $0)
        }
        #expect(contents.spans == spans)
    }

    @Test func aLongLastLineWithoutNewlineIsRead() throws {
        let spans = [Self.span(1), Self.span(2, lineLength: 300_000)]
        let bytes = Fixtures.encode(spans.map { .span($0) }).dropLast()
        let contents = try withTemporaryFile(Array(bytes)) { try TraceFileReader.read(path: $0) }
        #expect(contents.spans == spans)
    }

    @Test func manyLinesStreamThroughOneBuffer() throws {
        let spans = (1...5_000).map { Self.span(UInt64($0), name: "step \($0)") }
        let contents = try withTemporaryFile(Fixtures.encode(spans.map { .span($0) })) {
            try TraceFileReader.read(path: $0)
        }
        #expect(contents.spans == spans)
    }

    @Test func aBadLineIsReportedWithThePathAndItsLineNumberCountingBlankLines() throws {
        var bytes = Fixtures.encode([.span(Self.span(1))])
        bytes += [UInt8]("\n\r\n")
        bytes += [UInt8](#"{"v":1,"trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","span_id":"nothex","kind":"llm","name":"x","start_ns":1,"end_ns":2}"#)
        bytes += [UInt8]("\r\n")
        bytes += Fixtures.encode([.span(Self.span(2))])
        try withTemporaryFile(bytes, name: "bad.jsonl") { path in
            let error = #expect(throws: TraceFormatError.self) { try TraceFileReader.read(path: path) }
            #expect(error?.file == path)
            #expect(error?.line == 4)
            #expect(error?.field == "span_id")
            #expect(error?.description == "\(path):4: field 'span_id': expected 16 hex digits, not all zero")
        }
    }

    @Test func aLastLineCutShortByACrashIsReportedNotSkipped() throws {
        let complete = Fixtures.encode([.span(Self.span(1)), .span(Self.span(2))])
        let cut = Fixtures.encode([.span(Fixtures.fullSpan)]).prefix(150)
        try withTemporaryFile(complete + cut) { path in
            let error = #expect(throws: TraceFormatError.self) { try TraceFileReader.read(path: path) }
            #expect(error?.line == 3)
            #expect(error?.field == "")
            #expect(error?.message.contains("ends before the document does") == true)
            #expect(error?.description.hasPrefix("\(path):3: invalid JSON at byte ") == true)
        }
    }

    @Test func aFileThatDoesNotExistIsAFileErrorNamingIt() {
        let path = "/nonexistent-costtrace-folder/trace.jsonl"
        let error = #expect(throws: FileError.self) { try TraceFileReader.read(path: path) }
        #expect(error?.path == path)
        #expect(error?.operation == "open")
        #expect(error?.code == ENOENT)
        #expect(error?.description == "\(path): cannot open: No such file or directory")
    }
}
