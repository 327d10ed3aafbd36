#!/usr/bin/env bash
# Browser check: builds the shipped site under /bszn/, serves it on 127.0.0.1 and runs
# tests/browser/ with node's test runner: the tokenizer vectors (search.js against the fixture the
# Rust tokenizer passes too), then in Chromium through playwright-core: search and 360 px layout;
# the visitor's side (situations, personal slip, 长辈版, 朗读, keyboard, Content-Security-Policy,
# the latter also under `zhinan serve`); axe-core on every page type (tests/browser/axe.test.mjs).
#
# Installs what is missing: chromium (apt), playwright-core and axe-core (npm, into
# $ZHINAN_NODE_DIR, default /tmp/zhinan-node; never a browser download), a CJK font (apt) for
# the one-page check of the printed slip. Exits non-zero when a test fails.
set -euo pipefail
cd "$(dirname "$0")/.."

node_dir="${ZHINAN_NODE_DIR:-/tmp/zhinan-node}"
chromium_bin="${CHROMIUM:-/usr/bin/chromium}"

need_apt=()
[ -x "$chromium_bin" ] || need_apt+=(chromium)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs)
command -v npm >/dev/null 2>&1 || need_apt+=(npm)
fc-list 2>/dev/null | grep -qi 'cjk\|wqy\|droid sans fallback' || need_apt+=(fonts-noto-cjk)
if [ "${#need_apt[@]}" -gt 0 ]; then
  echo "browser-check: installing ${need_apt[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  [ -x "$chromium_bin" ] || chromium_bin="$(command -v chromium)"
fi
for package in playwright-core axe-core; do
  if [ ! -f "$node_dir/node_modules/$package/package.json" ]; then
    echo "browser-check: installing $package into $node_dir"
    mkdir -p "$node_dir"
    [ -f "$node_dir/package.json" ] || echo '{"private": true}' > "$node_dir/package.json"
    (cd "$node_dir" && npm install --no-audit --no-fund --silent "$package")
  fi
done

echo "browser-check: tokenizer vectors (node)"
node --test tests/browser/tokenizer.test.mjs

cargo build --quiet
work="$(mktemp -d)"
server=""
preview=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  if [ -n "$preview" ]; then kill "$preview" 2>/dev/null || true; wait "$preview" 2>/dev/null || true; fi
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

# A site above the whole-book limit (500 items), whose print/ is the index of department books:
# the print fixture plus generated copies of one item.
python3 - "$work/large-root" <<'PY'
import pathlib, shutil, sys
target = pathlib.Path(sys.argv[1])
shutil.copytree("tests/fixtures/print", target)
template = (target / "content/items/dengji/geti-zhuxiao.yaml").read_text(encoding="utf-8")
folder = target / "content/items/generated"
folder.mkdir()
for number in range(501):
    text = template.replace("11999900MB0123456X-102", f"11999900MB0123456X-G{number:04}")
    text = text.replace("个体工商户注销登记", f"个体工商户注销登记（批量 {number}）")
    (folder / f"piliang-{number:04}.yaml").write_text(text, encoding="utf-8")
PY
./target/debug/zhinan build --root "$work/large-root" --today 2026-11-29 --base-url "http://127.0.0.1:$port/large/" --out "$work/large" >/dev/null
print_index="http://127.0.0.1:$port/large/print/"
grep -q 'print-index' "$work/large/print/index.html"

# zhinan serve on a copy of the content (its live-reload script must pass the pages' CSP too).
mkdir -p "$work/preview"
cp -R content "$work/preview/content"
# In a repository of its own, so that serve shows the history (变更记录, /changes/) as the
# build of the shipped site in this checkout does.
git -C "$work/preview" init -q
git -C "$work/preview" add -A
GIT_AUTHOR_DATE=2026-11-20T09:00:00+08:00 GIT_COMMITTER_DATE=2026-11-20T09:00:00+08:00 \
  git -C "$work/preview" -c user.name=ci -c user.email=ci@example.org -c commit.gpgsign=false commit -q -m content
sed -i 's/^room: \(.*\)$/room: \1（预览）/' "$work/preview/content/departments/bangongshi.yaml"
GIT_AUTHOR_DATE=2026-11-21T09:00:00+08:00 GIT_COMMITTER_DATE=2026-11-21T09:00:00+08:00 \
  git -C "$work/preview" -c user.name=ci -c user.email=ci@example.org -c commit.gpgsign=false commit -q -a -m room
serve_port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
./target/debug/zhinan serve --root "$work/preview" --today 2026-11-29 --port "$serve_port" --lang en >"$work/serve.log" 2>&1 &
preview=$!
served=""
for _ in $(seq 1 100); do
  served="$(sed -n 's/^serving \(http[^ ]*\) .*/\1/p' "$work/serve.log" | head -n 1)"
  [ -n "$served" ] && break
  sleep 0.2
done
if [ -z "$served" ]; then
  echo "browser-check: zhinan serve did not start:" >&2
  cat "$work/serve.log" >&2
  exit 1
fi

export ZHINAN_SITE_URL="$site" ZHINAN_SERVE_URL="$served" ZHINAN_PRINT_INDEX_URL="$print_index" ZHINAN_NODE_DIR="$node_dir" CHROMIUM="$chromium_bin"
echo "browser-check: search and small screens in Chromium ($site)"
node --test tests/browser/search.test.mjs
echo "browser-check: situations, 长辈版, 朗读, keyboard, CSP (build $site, serve $served)"
node --test tests/browser/visitor.test.mjs
echo "browser-check: axe-core on every page type, standard and 长辈版, 360 and 1280 px"
node --test tests/browser/axe.test.mjs
echo "browser-check: all green"
