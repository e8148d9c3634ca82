#!/usr/bin/env bash
# The demo: renders the cost tree of the bundled research-agent trace.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-dependencies.sh
swift build --product costtrace >&2
.build/debug/costtrace tree traces/research-agent.jsonl "$@"
