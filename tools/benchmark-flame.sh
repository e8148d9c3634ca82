#!/usr/bin/env bash
# Flame graph benchmark: renders the same folded-stacks file (default 1M lines) to SVG with
# `costtrace flame FILE --svg OUT` and with inferno (the PyPI wheel pyinferno embeds it), timed in
# this one script, and prints the wall-time and peak-memory ratios.
# Usage: tools/benchmark-flame.sh [LINES]
set -euo pipefail
cd "$(dirname "$0")/.."
lines=${1:-1000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tools/install-dependencies.sh
python3 -c "import pyinferno" 2>/dev/null || pip install -q pyinferno
swift build -c release --product costtrace >&2

# Seeded folded stacks shaped like agent runs: workflows › agents › steps › calls, many paths.
python3 - "$lines" "$work/stacks.folded" <<'PY'
import random, sys
count, path = int(sys.argv[1]), sys.argv[2]
rng = random.Random(7)
workflows = [f"workflow {i}" for i in range(20)]
agents = [f"agent {i}" for i in range(60)]
steps = [f"step {i}" for i in range(200)]
calls = ["chat gpt-4.1", "chat claude-sonnet-4-5", "embed", "web_search", "rerank", "gpu inference"]
with open(path, "w") as out:
    for _ in range(count):
        depth = rng.randint(2, 6)
        frames = [rng.choice(workflows), rng.choice(agents)]
        frames += [rng.choice(steps) for _ in range(depth - 2)]
        frames.append(rng.choice(calls) + f" #{rng.randint(0, 2000)}")
        out.write(";".join(frames) + f" {rng.randint(1, 5000)}\n")
PY

measure() {  # label, command…: sets seconds and kib
    /usr/bin/time -f "%e %M" -o "$work/time" "${@:2}" >/dev/null
    read -r seconds kib < "$work/time"
    printf '%-28s %8.2f s %8d MiB peak\n' "$1" "$seconds" $((kib / 1024))
}
# Alternate the two, three rounds each, and compare the best of each: a shared machine's noise
# only ever adds time.
echo "$lines folded lines"
best_ours=; best_inferno=
for round in 1 2 3; do
    measure "costtrace flame --svg" .build/release/costtrace flame "$work/stacks.folded" --svg "$work/costtrace.svg"
    best_ours=$(python3 -c "print(min(float('${best_ours:-inf}'), $seconds))"); ours_kib=$kib
    measure "inferno (pyinferno)" python3 -c "
import sys, pyinferno
lines = open(sys.argv[1]).read().splitlines()
open(sys.argv[2], 'w').write(pyinferno.flamegraph_from_lines(lines))" "$work/stacks.folded" "$work/inferno.svg"
    best_inferno=$(python3 -c "print(min(float('${best_inferno:-inf}'), $seconds))"); inferno_kib=$kib
done
python3 -c "print(f'best of 3: costtrace {$best_ours:.2f} s, inferno {$best_inferno:.2f} s')"
python3 -c "print(f'costtrace / inferno: wall time {$best_ours / $best_inferno:.2f}×, peak memory {$ours_kib / $inferno_kib:.2f}×')"
