/// The store's schema, as numbered migrations; `PRAGMA user_version` holds the last one applied.
///
/// Documented in `docs/store.md`. A migration is never edited once released: a change is a new one.
enum Schema {
    static let migrations: [String] = [
        // 1: spans keyed by (trace id, span id), runs, ingests, costs priced at ingest, and views.
        """
        CREATE TABLE ingests (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            format TEXT NOT NULL,
            started_ns INTEGER NOT NULL,
            spans_added INTEGER NOT NULL DEFAULT 0,
            spans_skipped INTEGER NOT NULL DEFAULT 0,
            spans_conflicting INTEGER NOT NULL DEFAULT 0,
            lines_rejected INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE spans (
            trace_id TEXT NOT NULL,
            span_id TEXT NOT NULL,
            parent_span_id TEXT,
            kind TEXT NOT NULL,
            name TEXT NOT NULL,
            start_ns INTEGER NOT NULL,
            end_ns INTEGER NOT NULL,
            status TEXT NOT NULL,
            model TEXT,
            provider TEXT,
            input_tokens INTEGER NOT NULL,
            cache_read_tokens INTEGER NOT NULL,
            cache_write_5m_tokens INTEGER NOT NULL,
            cache_write_1h_tokens INTEGER NOT NULL,
            output_tokens INTEGER NOT NULL,
            reasoning_tokens INTEGER NOT NULL,
            record TEXT NOT NULL,
            content_hash INTEGER NOT NULL,
            ingest_id INTEGER NOT NULL REFERENCES ingests(id),
            PRIMARY KEY (trace_id, span_id)
        ) WITHOUT ROWID;
        CREATE TABLE runs (
            trace_id TEXT PRIMARY KEY,
            start_ns INTEGER NOT NULL,
            end_ns INTEGER NOT NULL,
            span_count INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX runs_by_start ON runs (start_ns);
        CREATE TABLE span_costs (
            trace_id TEXT NOT NULL,
            span_id TEXT NOT NULL,
            cost_nanos INTEGER,
            cost_usd TEXT,
            unpriced_reason TEXT,
            PRIMARY KEY (trace_id, span_id)
        ) WITHOUT ROWID;
        CREATE VIEW spans_with_cost AS
            SELECT s.trace_id, s.span_id, s.parent_span_id, s.kind, s.name, s.start_ns, s.end_ns, s.status,
                   s.model, s.provider, s.input_tokens, s.cache_read_tokens, s.cache_write_5m_tokens,
                   s.cache_write_1h_tokens, s.output_tokens, s.reasoning_tokens,
                   json_extract(s.record, '$.attributes') AS attributes,
                   json_extract(s.record, '$.resource') AS resource,
                   c.cost_usd, c.cost_nanos, c.unpriced_reason
            FROM spans s LEFT JOIN span_costs c USING (trace_id, span_id);
        CREATE VIEW run_totals AS
            SELECT r.trace_id, r.start_ns, r.end_ns, r.span_count,
                   (SELECT name FROM spans p WHERE p.trace_id = r.trace_id AND p.parent_span_id IS NULL
                    ORDER BY p.start_ns LIMIT 1) AS name,
                   (SELECT sum(input_tokens + cache_read_tokens + cache_write_5m_tokens + cache_write_1h_tokens
                           + output_tokens) FROM spans s WHERE s.trace_id = r.trace_id) AS tokens,
                   (SELECT sum(cost_nanos) FROM span_costs c WHERE c.trace_id = r.trace_id) AS cost_nanos,
                   (SELECT count(*) FROM span_costs c WHERE c.trace_id = r.trace_id AND c.unpriced_reason IS NOT NULL)
                       AS unpriced_spans
            FROM runs r;
        """
    ]
}
