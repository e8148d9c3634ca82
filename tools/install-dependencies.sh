#!/usr/bin/env bash
# Installs the system libraries CostTrace links (json-c, SQLite) when they are missing.
set -euo pipefail
packages=()
pkg-config --exists json-c 2>/dev/null || packages+=(libjson-c-dev)
pkg-config --exists sqlite3 2>/dev/null || packages+=(libsqlite3-dev)
command -v pkg-config >/dev/null || packages+=(pkg-config)
command -v sqlite3 >/dev/null || packages+=(sqlite3)
[[ ${#packages[@]} -eq 0 ]] && exit 0
sudo=""
[[ $(id -u) -ne 0 ]] && sudo="sudo"
echo "installing ${packages[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${packages[@]}" >/dev/null
