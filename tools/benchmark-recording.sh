#!/usr/bin/env bash
# Runs the recording benchmarks (Benchmarks/) and prints each CostTracer benchmark's median wall
# time per span beside apple's InMemoryTracer recording the same spans in the same run.
set -euo pipefail
cd "$(dirname "$0")/../Benchmarks"
out=$(mktemp)
swift package --allow-writing-to-package-directory benchmark --no-progress | tee "$out"
python3 - "$out" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
medians = {}
for block in re.split(r"\n(?=\S[^\n]*\n╒)", text):
    name = block.strip().splitlines()[0]
    row = re.search(r"Time \(wall clock\) \((ns|us)\) \*\s*│([^\n]*)", block)
    if not row:
        continue
    cells = [c.strip() for c in row.group(2).split("│")]
    value = float(cells[2])  # p50
    medians[name] = value * (1000 if row.group(1) == "us" else 1)
ref_single = medians.get("Reference: InMemoryTracer model-call span")
ref_nested = medians.get("Reference: InMemoryTracer nested withSpan")
print("\nmedian wall time per span (p50):")
for name, value in medians.items():
    ref = ref_nested if "nested" in name else ref_single
    ratio = f"  {value / ref:.2f}× InMemoryTracer" if ref and not name.startswith("Reference") else ""
    print(f"  {value:8.0f} ns  {name}{ratio}")
PY
