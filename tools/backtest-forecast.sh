#!/usr/bin/env bash
# Forecast backtests: hold out the last days of a series, forecast them with `costtrace forecast
# --backtest`, and print the error of the total. Series: the sample support workflow (11 days),
# 60 flat days of generated runs, and 8 weeks of generated runs growing by a quarter of the first
# week's count each week. The numbers are quoted in docs/forecast.md.
# Usage: tools/backtest-forecast.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tools/install-dependencies.sh
swift build --product costtrace >&2
costtrace=.build/debug/costtrace

python3 tools/generate-traces.py --runs 2400 --days 60 --seed 7 --start 2026-09-01 --out "$work/flat.jsonl" 2>/dev/null
for week in 0 1 2 3 4 5 6 7; do
    start=$(python3 -c "import datetime; print((datetime.date(2026, 9, 7) + datetime.timedelta(weeks=$week)).isoformat())")
    python3 tools/generate-traces.py --runs $((160 + 40 * week)) --days 7 --seed $((100 + week)) --start "$start" \
        --out - 2>/dev/null >>"$work/growing.jsonl"
done

printf '%-22s %9s %6s %10s %10s %8s %7s\n' series held-out fitted actual "sum error" MAPE inside
backtest() {
    local name=$1 file=$2 days=$3
    "$costtrace" forecast "$file" --backtest "$days" --format json | python3 -c '
import json, sys
name, days = sys.argv[1], sys.argv[2]
d = json.load(sys.stdin)
t = d["total"]
fitted = len(d["fitted_days"])
actual = "$" + format(float(t["actual_usd"]), ".2f")  # display only
error = float(t["sum_error"]) * 100
mape = float(t["mean_absolute_percentage_error"]) * 100
inside = "yes" if t["inside_band"] else "no"
print(f"{name:<22} {days:>9} {fitted:>6} {actual:>10} {error:>+9.1f}% {mape:>7.1f}% {inside:>7}")
' "$name" "$days"
}
for days in 1 2 3 4 5; do backtest support-workflow traces/support-workflow.jsonl $days; done
for days in 7 14; do backtest "flat, 60 days" "$work/flat.jsonl" $days; done
for days in 7 14; do backtest "growing, 8 weeks" "$work/growing.jsonl" $days; done
