#!/usr/bin/env bash
# The version of the wasm-bindgen crate in Cargo.lock: the wasm-bindgen command must match it.
set -euo pipefail
cd "$(dirname "$0")/.."
awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock
