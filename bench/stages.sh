#!/usr/bin/env bash
# Where the instructions of a build go, stage by stage, counted by callgrind (repeatable where
# wall time on a shared machine is not). See docs/performance.md.
#
#   bench/stages.sh [--items N] [--full] [--reuse] [ZHINAN]
#
# Runs `zhinan check`, `zhinan build --minify off` and `zhinan build` (default whitespace
# minification; with --full, `--minify full`) under
# `valgrind --tool=callgrind` on a generated corpus of N items (default 1000) and prints:
#   load + model + check  = the instructions of `check`
#   render + write        = `build --minify off` - `check`
#   minify                = `build` - `build --minify off`
# and the inclusive count of the functions that dominate each stage. ZHINAN defaults to this
# tree's release build (built when missing). Takes a few minutes: callgrind runs ~50x slower.
# --reuse prints the report again from the profiles of the last run.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
items=1000
reuse=0
minify=whitespace
while [ $# -gt 0 ]; do
  case "$1" in
    --items) items="$2"; shift 2 ;;
    --reuse) reuse=1; shift ;;
    --full) minify=full; shift ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) zhinan_arg="$1"; shift ;;
  esac
done
work="${BENCH_DIR:-/dev/shm/zhinan-bench}/stages"
target="${CARGO_TARGET_DIR:-$repo/target}"
today=2026-11-29
mkdir -p "$work"
if ! command -v valgrind >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind >/dev/null
fi
zhinan="${zhinan_arg:-${ZHINAN:-$target/release/zhinan}}"
if [ "$reuse" = 0 ]; then
  (cd "$repo" && CARGO_TARGET_DIR="$target" cargo build --release --quiet --bin zhinan --example gen_corpus)
  "$target/release/examples/gen_corpus" --items "$items" --out "$work/site" --force 2>/dev/null
fi

profile() {
  local name="$1"
  shift
  if [ "$reuse" = 1 ] && [ -s "$work/$name.log" ]; then
    awk '/Collected :/ { print $NF }' "$work/$name.log"
    return
  fi
  rm -rf "$work/out"
  valgrind --tool=callgrind --callgrind-out-file="$work/$name.callgrind" "$@" >/dev/null 2>"$work/$name.log"
  awk '/Collected :/ { print $NF }' "$work/$name.log"
}
# Inclusive instructions of function $2 in profile $1: the largest count on a line of
# callgrind_annotate that names it (`file:function`, maybe followed by ` [binary]`).
inclusive() {
  callgrind_annotate --inclusive=yes "$work/$1.callgrind" 2>/dev/null |
    awk -v name=":$2" '{ line = $0; sub(/ \[[^]]*\]$/, "", line) }
      substr(line, length(line) - length(name) + 1) == name { gsub(",", "", $1); if ($1 + 0 > best) best = $1 + 0 }
      END { print best + 0 }'
}
giga() { awk -v n="$1" -v total="$2" 'BEGIN { printf "%8.2f G %5.1f%%", n / 1e9, total ? 100 * n / total : 0 }'; }

echo "bench/stages.sh: callgrind on $items items ($zhinan)" >&2
check=$(profile check "$zhinan" check --root "$work/site" --today "$today")
plain=$(profile build-plain "$zhinan" build --root "$work/site" --out "$work/out" --today "$today" --minify off)
full=$(profile "build-$minify" "$zhinan" build --root "$work/site" --out "$work/out" --today "$today" --minify "$minify")
rm -rf "$work/out"

echo
echo "instructions of \`zhinan build\`, $items items (callgrind, all threads)"
printf '%-48s %s\n' "load + model + check (= check)" "$(giga "$check" "$full")"
for function in zhinan::load::read zhinan::load::parse_yaml zhinan::model::convert::item \
  zhinan::model::resolve::resolve_item zhinan::check::check_item; do
  printf '  %-46s %s\n' "$function" "$(giga "$(inclusive check "$function")" "$full")"
done
printf '%-48s %s\n' "render + write (= build --no-minify - check)" "$(giga $((plain - check)) "$full")"
for function in tera::tera::Tera::render_to zhinan::render::print::qr_svg zhinan::render::data::render_data_and_search \
  zhinan::render::search::SearchIndex::build zhinan::render::print::render_print zhinan::markdown::to_html_at; do
  printf '  %-46s %s\n' "$function" "$(giga "$(inclusive build-plain "$function")" "$full")"
done
printf '%-48s %s\n' "minify $minify (= build - build --minify off)" "$(giga $((full - plain)) "$full")"
if [ "$minify" = full ]; then
  printf '  %-46s %s\n' "minify_html::minify" "$(giga "$(inclusive "build-$minify" minify_html::minify)" "$full")"
else
  printf '  %-46s %s\n' "zhinan::write::minify::collapse" "$(giga "$(inclusive "build-$minify" zhinan::write::minify::collapse)" "$full")"
fi
printf '%-48s %s\n' "total" "$(giga "$full" "$full")"
echo "(file writes are system calls: callgrind does not count them; see the sys time of bench/run.sh)"
