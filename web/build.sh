#!/usr/bin/env bash
# Builds the playground into web/dist: Concord's library for WebAssembly (web/concord-wasm), its
# JavaScript glue, then the page. Needs the wasm32-unknown-unknown target, wasm-bindgen-cli at
# the version of the wasm-bindgen crate in Cargo.lock, Node.js and npm (docs/playground.md).
set -euo pipefail
cd "$(dirname "$0")/.."

want=$(web/wasm-bindgen-version.sh)
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  echo "web/build.sh: the wasm32-unknown-unknown target is missing; run: rustup target add wasm32-unknown-unknown" >&2
  exit 1
fi
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  echo "web/build.sh: wasm-bindgen $want is needed (found: ${have:-none}); run: cargo install wasm-bindgen-cli --version $want" >&2
  exit 1
fi

cargo build --locked --release -p concord-wasm --target wasm32-unknown-unknown
wasm-bindgen --target web --out-dir web/src/wasm --no-typescript \
  target/wasm32-unknown-unknown/release/concord_wasm.wasm
cd web
[ -d node_modules ] || npm ci --no-audit --no-fund
npm run build
