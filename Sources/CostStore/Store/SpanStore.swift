import CSQLite
import CostFormats
import CostModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The CostTrace database: spans of many runs, ingested idempotently, in SQLite.
///
/// Usage is stored raw; the cost columns of the `span_costs` table are priced at ingest for SQL
/// users, and `costtrace` reprices from the raw usage on every read. See `docs/store.md`.
///
/// ```swift
/// let store = try SpanStore(path: "costtrace.db")
/// let summary = try store.ingest(path: "traces/support-workflow.jsonl")
/// let runs = try store.runIDs(matching: RunFilter(attributes: [("team", "support")]))
/// ```
public final class SpanStore {
    let database: Database
    private let pricer: SpanPricer

    /// Opens or creates the store at `path`, in WAL mode, and brings its schema up to date.
    /// - Parameter pricer: prices spans for the `span_costs` table at ingest.
    public init(path: String, pricer: SpanPricer = SpanPricer(book: DefaultPriceBook.book)) throws {
        database = try Database(path: path)
        self.pricer = pricer
        try database.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON")
        // A bulk load touches pages all over the B-trees (trace ids are random): a page cache of
        // 64 MiB (the default is 2 MiB) keeps them in memory instead of spilling them to the WAL
        // and reading them back. Memory stays bounded whatever the file size.
        try database.execute("PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY")
        try migrate()
    }

    /// The schema version this build writes.
    public static var schemaVersion: Int { Schema.migrations.count }

    private func migrate() throws {
        let version = Int(try database.integer("PRAGMA user_version") ?? 0)
        guard version < Schema.migrations.count else {
            if version > Schema.migrations.count {
                throw SQLiteError(code: SQLITE_ERROR, message: "the database has schema version \(version); this build knows up to \(Schema.migrations.count)")
            }
            return
        }
        try database.writeTransaction {
            // Another process may have migrated while this one waited for the lock.
            let current = Int(try database.integer("PRAGMA user_version") ?? 0)
            for (index, migration) in Schema.migrations.enumerated() where index >= current {
                try database.execute(migration)
            }
            try database.execute("PRAGMA user_version = \(Schema.migrations.count)")
        }
    }

    // MARK: Ingest

    /// Ingests one trace file (`-` for standard input) in one transaction.
    ///
    /// Re-ingesting a file changes nothing: spans are keyed by (trace id, span id), an identical
    /// one is skipped, and a different one is counted as a conflict and left as stored. A line
    /// that cannot be read fails the whole file — the store is left as it was — unless
    /// `options.rejectsPath` is set.
    /// - Throws: ``TraceFormatError`` naming file, line and field; `FileError`; ``SQLiteError``.
    public func ingest(path: String, options: IngestOptions = IngestOptions()) throws -> IngestSummary {
        try database.writeTransaction {
            var ingest = try Ingest(store: self, source: path)
            var rejects: RejectsFile?
            if let rejectsPath = options.rejectsPath { rejects = try RejectsFile(path: rejectsPath) }
            var spansRead = 0
            let kind = try TraceInput.forEachEntry(
                path: path,
                withLines: { entry, canonicalLine in
                    switch entry {
                    case .span(let span):
                        try ingest.add(span, canonicalLine: canonicalLine)
                        spansRead += 1
                        if spansRead % 65_536 == 0 { options.progress?(spansRead) }
                    case .dropped(let notice):
                        ingest.summary.droppedByExporter += notice.count
                    }
                },
                rejected: rejects.map { rejects in
                    { line, error in
                        try rejects.write(line)
                        ingest.summary.rejected += 1
                        _ = error
                    }
                }
            )
            try ingest.finish(format: kind.rawValue)
            return ingest.summary
        }
    }

    /// Writes the spans of one input and counts what happened, inside the caller's transaction.
    struct Ingest {
        let store: SpanStore
        let ingestID: Int64
        var summary: IngestSummary
        private let insertSpan: Statement
        private let insertCost: Statement
        private let existingHash: Statement
        private let encoder = TraceLineEncoder()
        private var line: [UInt8] = []
        private var runs: [TraceID: (start: Int64, end: Int64, added: Int64)] = [:]

        init(store: SpanStore, source: String) throws {
            self.store = store
            summary = IngestSummary(source: source)
            let database = store.database
            let start = database.prepare
            let insertIngest = try start("INSERT INTO ingests (source, format, started_ns) VALUES (?, '', ?)")
            insertIngest.bind(1, source)
            insertIngest.bind(2, WallClock.nanosSinceEpoch())
            try insertIngest.step()
            ingestID = sqlite3_last_insert_rowid(database.handle)
            insertSpan = try start(
                """
                INSERT OR IGNORE INTO spans (trace_id, span_id, parent_span_id, kind, name, start_ns, end_ns, status,
                    model, provider, input_tokens, cache_read_tokens, cache_write_5m_tokens, cache_write_1h_tokens,
                    output_tokens, reasoning_tokens, record, content_hash, ingest_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            insertCost = try start(
                "INSERT OR REPLACE INTO span_costs (trace_id, span_id, cost_nanos, cost_usd, unpriced_reason) VALUES (?, ?, ?, ?, ?)")
            existingHash = try start("SELECT content_hash FROM spans WHERE trace_id = ? AND span_id = ?")
        }

        /// Stores one span.
        /// - Parameter canonicalLine: The span's line as ``TraceLineEncoder`` writes it, when the
        ///   input had it so; stored and hashed as it is. `nil` to encode the span.
        mutating func add(_ span: SpanRecord, canonicalLine: UnsafeRawBufferPointer? = nil) throws {
            if let canonicalLine {
                try add(span, line: canonicalLine)
            } else {
                var line = self.line
                self.line = []  // keeps the buffer unshared while it is written
                defer { self.line = line }
                line.removeAll(keepingCapacity: true)
                encoder.encode(span, into: &line)
                line.removeLast()  // the newline
                try line.withUnsafeBytes { try add(span, line: $0) }
            }
        }

        private mutating func add(_ span: SpanRecord, line: UnsafeRawBufferPointer) throws {
            let hash = FNV1a.hash(line)
            // The ids' hex digits, bound in place: trace id, span id, parent span id.
            let added = try withUnsafeTemporaryAllocation(byteCount: 64, alignment: 8) { ids in
                let traceHex = UnsafeRawBufferPointer(rebasing: ids[0..<32])
                let spanHex = UnsafeRawBufferPointer(rebasing: ids[32..<48])
                HexText.write(span.traceID.high, to: ids.baseAddress!)
                HexText.write(span.traceID.low, to: ids.baseAddress! + 16)
                HexText.write(span.spanID.value, to: ids.baseAddress! + 32)
                defer { insertSpan.reset() }
                insertSpan.bind(1, staticUTF8: traceHex)
                insertSpan.bind(2, staticUTF8: spanHex)
                if let parent = span.parentSpanID {
                    HexText.write(parent.value, to: ids.baseAddress! + 48)
                    insertSpan.bind(3, staticUTF8: UnsafeRawBufferPointer(rebasing: ids[48..<64]))
                }
                insertSpan.bind(4, span.kind.staticName)
                insertSpan.bind(5, span.name)
                insertSpan.bind(6, span.startNanos)
                insertSpan.bind(7, span.endNanos)
                insertSpan.bind(8, span.status.staticName)
                insertSpan.bind(9, span.model)
                insertSpan.bind(10, span.provider)
                insertSpan.bind(11, span.usage.input)
                insertSpan.bind(12, span.usage.cacheRead)
                insertSpan.bind(13, span.usage.cacheWrite5m)
                insertSpan.bind(14, span.usage.cacheWrite1h)
                insertSpan.bind(15, span.usage.output)
                insertSpan.bind(16, span.usage.reasoning)
                insertSpan.bind(17, staticUTF8: line)
                insertSpan.bind(18, hash)
                insertSpan.bind(19, ingestID)
                try insertSpan.step()
                guard store.database.changes == 1 else {
                    defer { existingHash.reset() }
                    existingHash.bind(1, staticUTF8: traceHex)
                    existingHash.bind(2, staticUTF8: spanHex)
                    if try existingHash.step(), existingHash.int64(0) == hash {
                        summary.skipped += 1
                    } else {
                        summary.conflicting += 1
                        if summary.conflictExamples.count < 5 {
                            summary.conflictExamples.append(
                                "\(summary.source): span \(span.spanID.hex) of run \(span.traceID.hex)")
                        }
                    }
                    return false
                }
                summary.added += 1
                let cost = store.pricer.cost(of: span)
                defer { insertCost.reset() }
                insertCost.bind(1, staticUTF8: traceHex)
                insertCost.bind(2, staticUTF8: spanHex)
                if cost.isPriced {
                    insertCost.bind(3, cost.total.nanos)
                    try cost.total.withDecimalUTF8 { decimal in
                        insertCost.bind(4, utf8: decimal)
                        try insertCost.step()
                    }
                } else {
                    insertCost.bind(5, cost.unpricedReason?.description)
                    try insertCost.step()
                }
                return true
            }
            guard added else { return }
            if let run = runs[span.traceID] {
                runs[span.traceID] = (min(run.start, span.startNanos), max(run.end, span.endNanos), run.added + 1)
            } else {
                runs[span.traceID] = (span.startNanos, span.endNanos, 1)
            }
        }

        func finish(format: String) throws {
            let upsertRun = try store.database.prepare(
                """
                INSERT INTO runs (trace_id, start_ns, end_ns, span_count) VALUES (?, ?, ?, ?)
                ON CONFLICT (trace_id) DO UPDATE SET start_ns = min(start_ns, excluded.start_ns),
                    end_ns = max(end_ns, excluded.end_ns), span_count = span_count + excluded.span_count
                """)
            for (traceID, run) in runs {
                defer { upsertRun.reset() }
                upsertRun.bind(1, traceID.hex)
                upsertRun.bind(2, run.start)
                upsertRun.bind(3, run.end)
                upsertRun.bind(4, run.added)
                try upsertRun.step()
            }
            let update = try store.database.prepare(
                "UPDATE ingests SET spans_added = ?, spans_skipped = ?, spans_conflicting = ?, lines_rejected = ?, format = ? WHERE id = ?")
            update.bind(1, Int64(summary.added))
            update.bind(2, Int64(summary.skipped))
            update.bind(3, Int64(summary.conflicting))
            update.bind(4, Int64(summary.rejected))
            update.bind(5, format)
            update.bind(6, ingestID)
            try update.step()
        }
    }

    // MARK: Reading

    /// The ids of the runs that match `filter`, by start time.
    public func runIDs(matching filter: RunFilter = RunFilter()) throws -> [TraceID] {
        var sql = "SELECT r.trace_id FROM runs r WHERE r.start_ns >= ? AND r.start_ns < ?"
        for _ in filter.attributes {
            sql += """
                 AND EXISTS (SELECT 1 FROM spans s WHERE s.trace_id = r.trace_id AND s.parent_span_id IS NULL
                    AND CAST(coalesce(json_extract(s.record, ?), json_extract(s.record, ?)) AS TEXT) = ?)
                """
        }
        sql += " ORDER BY r.start_ns, r.trace_id"
        let statement = try database.prepare(sql)
        statement.bind(1, filter.sinceNanos ?? Int64.min)
        statement.bind(2, filter.untilNanos ?? Int64.max)
        var index: Int32 = 3
        for (key, value) in filter.attributes {
            let quoted = key.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\\\"")
            statement.bind(index, "$.attributes.\"\(quoted)\"")
            statement.bind(index + 1, "$.resource.\"\(quoted)\"")
            statement.bind(index + 2, value)
            index += 3
        }
        var ids: [TraceID] = []
        while try statement.step() {
            if let text = statement.string(0), let id = TraceID(hex: text) { ids.append(id) }
        }
        return ids
    }

    /// The spans of the given runs, read back from their stored lines.
    public func spans(ofRuns ids: [TraceID]) throws -> [SpanRecord] {
        let statement = try database.prepare("SELECT record FROM spans WHERE trace_id = ?")
        let decoder = TraceLineDecoder()
        var spans: [SpanRecord] = []
        for id in ids {
            statement.reset()
            statement.bind(1, id.hex)
            while try statement.step() {
                if case .span(let span) = try decoder.decode(statement.bytes(0), file: "store", line: 0) { spans.append(span) }
            }
        }
        return spans
    }

    /// How many spans and runs the store holds.
    public func counts() throws -> (spans: Int64, runs: Int64) {
        (try database.integer("SELECT count(*) FROM spans") ?? 0, try database.integer("SELECT count(*) FROM runs") ?? 0)
    }
}

/// Which runs to read.
public struct RunFilter: Sendable {
    /// `KEY=VALUE` pairs that the run's root (its attributes, else its resource) must all have.
    public var attributes: [(key: String, value: String)]
    /// Runs that start at or after this time, in nanoseconds since the Unix epoch.
    public var sinceNanos: Int64?
    /// Runs that start before this time.
    public var untilNanos: Int64?

    public init(attributes: [(key: String, value: String)] = [], sinceNanos: Int64? = nil, untilNanos: Int64? = nil) {
        self.attributes = attributes
        self.sinceNanos = sinceNanos
        self.untilNanos = untilNanos
    }
}

/// The file that `--skip-invalid` writes rejected lines to.
final class RejectsFile {
    private let descriptor: Int32
    private let path: String

    init(path: String) throws(FileError) {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileError(path: path, operation: "open", code: errno) }
    }

    deinit { close(descriptor) }

    func write(_ line: UnsafeRawBufferPointer) throws(FileError) {
        try FileOutput.writeAll(line, to: descriptor, path: path)
        var newline: UInt8 = 0x0A
        try withUnsafeBytes(of: &newline) { (bytes) throws(FileError) in try FileOutput.writeAll(bytes, to: descriptor, path: path) }
    }
}
