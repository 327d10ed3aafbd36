#!/usr/bin/env bash
# Browser check: builds the shipped site under /bszn/, serves it on 127.0.0.1 and runs
# tests/browser/ with node's test runner: the tokenizer vectors (search.js against the fixture the
# Rust tokenizer passes too), then search and 360 px layout in Chromium through playwright-core.
#
# Installs what is missing: chromium (apt), playwright-core (npm, into $ZHINAN_NODE_DIR, default
# /tmp/zhinan-node; never a browser download). Exits non-zero when a test fails.
set -euo pipefail
cd "$(dirname "$0")/.."

node_dir="${ZHINAN_NODE_DIR:-/tmp/zhinan-node}"
chromium_bin="${CHROMIUM:-/usr/bin/chromium}"

need_apt=()
[ -x "$chromium_bin" ] || need_apt+=(chromium)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs)
command -v npm >/dev/null 2>&1 || need_apt+=(npm)
if [ "${#need_apt[@]}" -gt 0 ]; then
  echo "browser-check: installing ${need_apt[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  [ -x "$chromium_bin" ] || chromium_bin="$(command -v chromium)"
fi
if [ ! -f "$node_dir/node_modules/playwright-core/package.json" ]; then
  echo "browser-check: installing playwright-core into $node_dir"
  mkdir -p "$node_dir"
  [ -f "$node_dir/package.json" ] || echo '{"private": true}' > "$node_dir/package.json"
  (cd "$node_dir" && npm install --no-audit --no-fund --silent playwright-core)
fi

echo "browser-check: tokenizer vectors (node)"
node --test tests/browser/tokenizer.test.mjs

cargo build --quiet
work="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
site="http://127.0.0.1:$port/bszn/"
./target/debug/zhinan build --today 2026-11-29 --base-url "$site" --out "$work/bszn"
python3 -m http.server --bind 127.0.0.1 --directory "$work" "$port" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 50); do
  if python3 -c "import urllib.request, sys; urllib.request.urlopen(sys.argv[1], timeout=1)" "$site" 2>/dev/null; then
    break
  fi
  sleep 0.2
done

echo "browser-check: search and small screens in Chromium ($site)"
ZHINAN_SITE_URL="$site" ZHINAN_NODE_DIR="$node_dir" CHROMIUM="$chromium_bin" \
  node --test tests/browser/search.test.mjs
echo "browser-check: all green"
