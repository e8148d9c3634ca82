#!/usr/bin/env bash
# Runs every test of the package.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-dependencies.sh
swift test "$@"
