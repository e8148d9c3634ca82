#!/usr/bin/env bash
# The demo: the cost tree and the cost flame graph of the bundled research-agent trace.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-dependencies.sh
swift build --product costtrace >&2
.build/debug/costtrace tree traces/research-agent.jsonl "$@"
echo
.build/debug/costtrace flame traces/research-agent.jsonl "$@"
