#!/usr/bin/env bash
# Ingest benchmark: `costtrace ingest` of N spans (our JSONL, then OTLP/JSON) against the floor
# SQLite itself sets — the sqlite3 command-line tool importing the same rows as CSV into a table
# of the same shape — timed in this one script, with peak memory.
# Usage: tools/benchmark-ingest.sh [RUNS]   (default 40000 runs ≈ 1M spans)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-40000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tools/install-dependencies.sh
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
swift build -c release --product costtrace >&2
costtrace=.build/release/costtrace

python3 tools/generate-traces.py --runs "$runs" --seed 7 --format costtrace --out "$work/spans.jsonl"
python3 tools/generate-traces.py --runs "$runs" --seed 7 --format otlp --out "$work/spans.otlp.jsonl"
spans=$(wc -l < "$work/spans.jsonl")

# The same rows, as CSV, for the floor (not timed).
python3 - "$work/spans.jsonl" "$work/spans.csv" <<'PY'
import csv, json, sys
with open(sys.argv[1]) as source, open(sys.argv[2], "w", newline="") as target:
    out = csv.writer(target)
    for line in source:
        s = json.loads(line)
        u = s.get("usage", {})
        out.writerow([s["trace_id"], s["span_id"], s.get("parent_span_id", ""), s["kind"], s["name"], s["start_ns"],
                      s["end_ns"], s.get("status", "unset"), s.get("model", ""), s.get("provider", ""),
                      u.get("input", 0), u.get("cache_read", 0), u.get("cache_write_5m", 0), u.get("cache_write_1h", 0),
                      u.get("output", 0), u.get("reasoning", 0), line.rstrip("\n"), 0, 1])
PY

measure() {  # label, command…: prints seconds and peak KiB
    local label=$1; shift
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null
    read -r seconds kib < "$work/time"
    printf '%-34s %8.2f s %10.0f spans/s %8d MiB peak\n' "$label" "$seconds" "$(python3 -c "print($spans / max($seconds, 0.01))")" $((kib / 1024))
    echo "$seconds" > "$work/last"
}

sqlite3 "$work/floor.db" "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;
  CREATE TABLE spans (trace_id TEXT NOT NULL, span_id TEXT NOT NULL, parent_span_id TEXT, kind TEXT NOT NULL,
    name TEXT NOT NULL, start_ns INTEGER NOT NULL, end_ns INTEGER NOT NULL, status TEXT NOT NULL, model TEXT,
    provider TEXT, input_tokens INTEGER, cache_read_tokens INTEGER, cache_write_5m_tokens INTEGER,
    cache_write_1h_tokens INTEGER, output_tokens INTEGER, reasoning_tokens INTEGER, record TEXT NOT NULL,
    content_hash INTEGER NOT NULL, ingest_id INTEGER NOT NULL, PRIMARY KEY (trace_id, span_id)) WITHOUT ROWID;" >/dev/null
echo "$spans spans"
measure "sqlite3 .import CSV (floor)" sqlite3 "$work/floor.db" -cmd ".mode csv" ".import $work/spans.csv spans"
floor=$(cat "$work/last")
measure "costtrace ingest (JSONL)" "$costtrace" ingest --db "$work/jsonl.db" "$work/spans.jsonl"
jsonl=$(cat "$work/last")
measure "costtrace ingest (OTLP/JSON)" "$costtrace" ingest --db "$work/otlp.db" "$work/spans.otlp.jsonl"
otlp=$(cat "$work/last")
measure "costtrace ingest again (JSONL)" "$costtrace" ingest --db "$work/jsonl.db" "$work/spans.jsonl"
python3 -c "print(f'ratio to the floor: JSONL {$jsonl / $floor:.2f}×, OTLP/JSON {$otlp / $floor:.2f}×')"
