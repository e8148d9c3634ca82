import CostFormats
import CostModel
import CostStore
import Foundation
import Synchronization
import Testing

struct SpanStoreTests {
    @Test func ingestingTheSameFileTwiceChangesNothing() throws {
        let database = StoreFixtures.temporaryPath("db")
        let file = StoreFixtures.temporaryPath("traces.jsonl")
        try StoreFixtures.write(StoreFixtures.spans(runs: 10), to: file)
        let store = try SpanStore(path: database)
        let first = try store.ingest(path: file)
        #expect(first.added == 40)
        #expect(first.skipped == 0)
        let countsAfterFirst = try store.counts()
        let second = try store.ingest(path: file)
        #expect(second.added == 0)
        #expect(second.skipped == 40)
        #expect(try store.counts() == countsAfterFirst)
        #expect(countsAfterFirst == (spans: 40, runs: 10))
    }

    @Test func aSpanSentAgainInAnotherFormIsSkippedAndAChangedOneIsAConflict() throws {
        // The first file is canonical (stored as it is), the second the same spans with spaces
        // and members reordered (read by json-c and encoded): the same content hash.
        let database = StoreFixtures.temporaryPath("db")
        let canonical = StoreFixtures.temporaryPath("canonical.jsonl")
        let spaced = StoreFixtures.temporaryPath("spaced.jsonl")
        let changed = StoreFixtures.temporaryPath("changed.jsonl")
        let line = #"{"v":1,"trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","span_id":"00f067aa0ba902b7","kind":"llm","name":"n","start_ns":1,"end_ns":2,"model":"gpt-4.1","usage":{"input":5}}"#
        try (line + "\n").write(toFile: canonical, atomically: true, encoding: .utf8)
        try #"{"span_id": "00f067aa0ba902b7", "v": 1, "trace_id": "4bf92f3577b34da6a3ce929d0e0e4736", "kind": "llm", "name": "n", "start_ns": 1, "end_ns": 2, "usage": {"input": 5}, "model": "gpt-4.1"}"#
            .appending("\n").write(toFile: spaced, atomically: true, encoding: .utf8)
        try (line.replacingOccurrences(of: #""input":5"#, with: #""input":6"#) + "\n")
            .write(toFile: changed, atomically: true, encoding: .utf8)
        let store = try SpanStore(path: database)
        #expect(try store.ingest(path: canonical).added == 1)
        #expect(try store.ingest(path: spaced).skipped == 1)
        #expect(try store.ingest(path: changed).conflicting == 1)
        // And the other way round: the encoded form first, the canonical line second.
        let other = StoreFixtures.temporaryPath("db")
        let second = try SpanStore(path: other)
        #expect(try second.ingest(path: spaced).added == 1)
        #expect(try second.ingest(path: canonical).skipped == 1)
    }

    @Test func progressIsReportedEvery65536SpansAlsoWhenAllAreAlreadyStored() throws {
        let database = StoreFixtures.temporaryPath("db")
        let file = StoreFixtures.temporaryPath("traces.jsonl")
        try StoreFixtures.write(StoreFixtures.spans(runs: 17_000), to: file)
        let store = try SpanStore(path: database)
        for _ in 0..<2 {
            let reports = Mutex<[Int]>([])
            _ = try store.ingest(path: file, options: IngestOptions(progress: { spans in reports.withLock { $0.append(spans) } }))
            #expect(reports.withLock { $0 } == [65_536])
        }
    }

    @Test func spansReadBackAreTheSpansIngested() throws {
        let database = StoreFixtures.temporaryPath("db")
        let file = StoreFixtures.temporaryPath("traces.jsonl")
        let spans = StoreFixtures.spans(runs: 3)
        try StoreFixtures.write(spans, to: file)
        let store = try SpanStore(path: database)
        _ = try store.ingest(path: file)
        let readBack = try store.spans(ofRuns: try store.runIDs())
        #expect(Set(readBack) == Set(spans))
    }

    @Test func aMalformedLineLeavesTheDatabaseAsItWas() throws {
        let database = StoreFixtures.temporaryPath("db")
        let good = StoreFixtures.temporaryPath("good.jsonl")
        let bad = StoreFixtures.temporaryPath("bad.jsonl")
        try StoreFixtures.write(StoreFixtures.spans(runs: 2), to: good)
        try StoreFixtures.write(
            Array(StoreFixtures.spans(runs: 5).suffix(12)), to: bad,
            extraLines: [(at: 7, text: #"{"v":1,"trace_id":"00000000000000050000000000000abc","span_id":"00000000000001f6","kind":"llm","name":"x","start_ns":5,"end_ns":1}"#)])
        let store = try SpanStore(path: database)
        _ = try store.ingest(path: good)
        let before = try store.counts()
        let error = #expect(throws: TraceFormatError.self) { try store.ingest(path: bad) }
        #expect(error?.file == bad)
        #expect(error?.line == 8)
        #expect(error?.field == "end_ns")
        #expect(try store.counts() == before)
        // The failed file may be ingested again once fixed; nothing of it was kept.
        try StoreFixtures.write(Array(StoreFixtures.spans(runs: 5).suffix(12)), to: bad)
        #expect(try store.ingest(path: bad).added == 12)
    }

    @Test func skipInvalidIngestsTheRestAndKeepsTheRejectedLines() throws {
        let database = StoreFixtures.temporaryPath("db")
        let file = StoreFixtures.temporaryPath("mixed.jsonl")
        let rejects = StoreFixtures.temporaryPath("rejects.jsonl")
        try StoreFixtures.write(
            StoreFixtures.spans(runs: 2), to: file, extraLines: [(at: 1, text: "not json"), (at: 4, text: #"{"v":2}"#)])
        let store = try SpanStore(path: database)
        let summary = try store.ingest(path: file, options: IngestOptions(rejectsPath: rejects))
        #expect(summary.added == 8)
        #expect(summary.rejected == 2)
        #expect(try String(contentsOfFile: rejects, encoding: .utf8) == "not json\n{\"v\":2}\n")
    }

    @Test func aConflictingSpanIsReportedAndTheStoredOneKept() throws {
        let database = StoreFixtures.temporaryPath("db")
        let original = StoreFixtures.temporaryPath("original.jsonl")
        let changed = StoreFixtures.temporaryPath("changed.jsonl")
        var spans = StoreFixtures.spans(runs: 1)
        try StoreFixtures.write(spans, to: original)
        spans[0].usage.output = 999
        try StoreFixtures.write(spans, to: changed)
        let store = try SpanStore(path: database)
        _ = try store.ingest(path: original)
        let summary = try store.ingest(path: changed)
        #expect(summary.conflicting == 1)
        #expect(summary.skipped == 3)
        #expect(summary.conflictExamples.first?.hasPrefix("\(changed): span ") == true)
        let stored = try store.spans(ofRuns: try store.runIDs())
        #expect(stored.first { $0.spanID == spans[0].spanID }?.usage.output == 100)
    }

    @Test func aRunSplitAcrossFilesIsAssembled() throws {
        let database = StoreFixtures.temporaryPath("db")
        let first = StoreFixtures.temporaryPath("first.jsonl")
        let second = StoreFixtures.temporaryPath("second.jsonl")
        let spans = StoreFixtures.spans(runs: 1, children: 6)
        try StoreFixtures.write(Array(spans.prefix(3)), to: first)
        try StoreFixtures.write(Array(spans.dropFirst(3)), to: second)
        let store = try SpanStore(path: database)
        _ = try store.ingest(path: second)
        _ = try store.ingest(path: first)
        let runs = Run.group(try store.spans(ofRuns: try store.runIDs()))
        #expect(runs.count == 1)
        #expect(runs[0].tree.roots.count == 1)
        #expect(runs[0].tree.nodes[runs[0].tree.roots[0]].children.count == 6)
        #expect(try store.counts() == (spans: 7, runs: 1))
    }

    @Test func runsAreSelectedByRootAttributesResourceAndTime() throws {
        let database = StoreFixtures.temporaryPath("db")
        let file = StoreFixtures.temporaryPath("traces.jsonl")
        try StoreFixtures.write(StoreFixtures.spans(runs: 10, startDay: 20_400), to: file)
        let store = try SpanStore(path: database)
        _ = try store.ingest(path: file)
        #expect(try store.runIDs(matching: RunFilter(attributes: [("team", "search")])).count == 5)
        #expect(try store.runIDs(matching: RunFilter(attributes: [("team", "search"), ("user.id", "u-4")])).count == 1)
        // project is only in the resource: every run inherits it.
        #expect(try store.runIDs(matching: RunFilter(attributes: [("project", "alpha")])).count == 10)
        #expect(try store.runIDs(matching: RunFilter(attributes: [("project", "beta")])).isEmpty)
        let day = Int64(20_400) * 86_400_000_000_000
        let hour: Int64 = 3_600_000_000_000
        #expect(try store.runIDs(matching: RunFilter(sinceNanos: day + 3 * hour, untilNanos: day + 6 * hour)).count == 3)
    }

    @Test func costsPricedAtIngestAreInTheSQLViews() throws {
        let database = StoreFixtures.temporaryPath("db")
        let file = StoreFixtures.temporaryPath("traces.jsonl")
        try StoreFixtures.write(StoreFixtures.spans(runs: 2), to: file)
        _ = try SpanStore(path: database).ingest(path: file)
        let output = try sqlite(database, "SELECT count(*), sum(cost_nanos), sum(unpriced_spans) FROM run_totals;")
        // gpt-4.1-mini: 1,000 input × $0.40/M + 200 cached × $0.10/M + 100 output × $1.60/M = $0.00058 a call, 6 calls.
        #expect(output == "2|3480000|0\n")
    }

    func sqlite(_ database: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = ["-cmd", ".timeout 10000", database, sql]
        let outputPath = StoreFixtures.temporaryPath("sqlite-out")
        FileManager.default.createFile(atPath: outputPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        // A file, not a pipe: Foundation's pipe reading crashes on EINTR.
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        try process.run()
        process.waitUntilExit()
        return try String(contentsOfFile: outputPath, encoding: .utf8)
    }
}
