#!/usr/bin/env bash
# Benchmarks zhinan against Hugo and against the YAML parser alone. See docs/performance.md.
#
#   bench/run.sh [--sizes "1000 10000"] [--runs N] [--saves N] [--no-hugo] [--no-serve]
#
# For each size: generates a corpus (examples/gen_corpus), converts it for Hugo
# (bench/hugo/convert.py), then measures with /usr/bin/time -v, median of N runs (default 5),
# wall time, CPU time (user + sys) and peak RSS of:
#   - zhinan build, cold (no previous output): as published by default (whitespace
#     minification), with --minify off, and with --minify full (minify-html);
#   - zhinan check;
#   - parse-only: saphyr alone parsing the same YAML files into its nodes (bench/parse_only), and
#     saphyr-parser's event stream alone (no nodes: the floor of any loader on that parser);
#   - hugo, cold (no output, no cache), with and without --minify;
#   - zhinan serve: one item saved (temporary file + rename) until a GET of its page returns the
#     new bytes, median of 20 saves (bench/serve_latency.py), when the binary has `serve`.
# Everything is written under $BENCH_DIR (default /dev/shm/zhinan-bench). Prints one table with
# the ratios zhinan/Hugo and check/parse-only, and the 10k/1k ratios.
#
# Environment: ZHINAN (a zhinan binary to use instead of building this tree), CARGO_TARGET_DIR,
# BENCH_DIR. Hugo is Debian's package, installed with apt-get when missing.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
sizes="1000 10000"
runs=5
saves=20
with_hugo=1
with_serve=1
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --saves) saves="$2"; shift 2 ;;
    --no-hugo) with_hugo=0; shift ;;
    --no-serve) with_serve=0; shift ;;
    -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/run.sh: unknown argument \`$1\` (see --help)" >&2; exit 2 ;;
  esac
done

work="${BENCH_DIR:-/dev/shm/zhinan-bench}"
target="${CARGO_TARGET_DIR:-$repo/target}"
# The generated corpus is valid (no warnings) while "today" is in 2026-11-28..2026-12-31.
today=2026-11-29
mkdir -p "$work"

log() { echo "bench: $*" >&2; }

# --- tools -----------------------------------------------------------------------------------
if [ ! -x /usr/bin/time ]; then
  log "installing GNU time"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
fi
if [ "$with_hugo" = 1 ] && ! command -v hugo >/dev/null; then
  log "installing Debian's hugo"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hugo >/dev/null
fi

log "building (release, CARGO_TARGET_DIR=$target)"
(cd "$repo" && CARGO_TARGET_DIR="$target" cargo build --release --quiet --bin zhinan --example gen_corpus)
zhinan="${ZHINAN:-$target/release/zhinan}"
gen_corpus="$target/release/examples/gen_corpus"
(cd "$here/parse_only" && CARGO_TARGET_DIR="$target/parse-only" cargo build --release --quiet)
parse_only="$target/parse-only/release/parse_only"

# --- measuring ---------------------------------------------------------------------------------
# measure NAME PREPARE COMMAND...: runs PREPARE then COMMAND $runs times under /usr/bin/time -v;
# records the medians of wall seconds, CPU seconds and peak RSS (MB) as results[NAME.*].
declare -A results
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
measure() {
  local name="$1" prepare="$2"
  shift 2
  local walls="" cpus="" rss="" run report="$work/time.txt"
  for run in $(seq 1 "$runs"); do
    eval "$prepare"
    if ! /usr/bin/time -v -o "$report" "$@" >"$work/$name.out" 2>"$work/$name.err"; then
      log "$name failed (run $run): $*"
      tail -n 20 "$work/$name.err" >&2
      exit 1
    fi
    walls+="$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$report")"$'\n'
    cpus+="$(awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { print u + s }' "$report")"$'\n'
    rss+="$(awk -F': ' '/Maximum resident set size/ { printf "%.1f\n", $2 / 1024 }' "$report")"$'\n'
  done
  results[$name.wall]="$(printf '%s' "$walls" | median)"
  results[$name.cpu]="$(printf '%s' "$cpus" | median)"
  results[$name.rss]="$(printf '%s' "$rss" | median)"
  log "$(printf '%-22s wall %6ss  cpu %6ss  rss %7s MB' "$name" "${results[$name.wall]}" "${results[$name.cpu]}" "${results[$name.rss]}")"
}

for size in $sizes; do
  corpus="$work/c$size"
  log "corpus of $size items in $corpus"
  "$gen_corpus" --items "$size" --out "$corpus" --force 2>/dev/null
  out="$work/out-$size"
  measure "zhinan-build-$size" "rm -rf '$out'" "$zhinan" build --root "$corpus" --out "$out" --today "$today"
  measure "zhinan-build-nominify-$size" "rm -rf '$out'" "$zhinan" build --root "$corpus" --out "$out" --today "$today" --minify off
  measure "zhinan-build-fullminify-$size" "rm -rf '$out'" "$zhinan" build --root "$corpus" --out "$out" --today "$today" --minify full
  measure "zhinan-check-$size" ":" "$zhinan" check --root "$corpus" --today "$today"
  measure "parse-only-$size" ":" "$parse_only" "$corpus"
  measure "parse-events-$size" ":" "$parse_only" --events "$corpus"
  if [ "$with_hugo" = 1 ]; then
    hugo_site="$work/hugo-$size"
    python3 "$here/hugo/convert.py" "$corpus" "$hugo_site" --assets "$repo/templates/assets" 2>/dev/null
    hugo_out="$work/hugo-out-$size"
    hugo_cache="$work/hugo-cache-$size"
    measure "hugo-build-$size" "rm -rf '$hugo_out' '$hugo_cache' '$hugo_site/resources'" \
      hugo --source "$hugo_site" --destination "$hugo_out" --cacheDir "$hugo_cache" --quiet --minify
    measure "hugo-build-nominify-$size" "rm -rf '$hugo_out' '$hugo_cache' '$hugo_site/resources'" \
      hugo --source "$hugo_site" --destination "$hugo_out" --cacheDir "$hugo_cache" --quiet
    rm -rf "$hugo_out" "$hugo_cache"
    hugo --source "$hugo_site" --destination "$hugo_out" --cacheDir "$hugo_cache" --quiet --minify >/dev/null 2>&1
    results[hugo-pages-$size]="$(find "$hugo_out" -name '*.html' | wc -l)"
    results[hugo-mb-$size]="$(du -sm "$hugo_out" | cut -f1)"
  fi
  rm -rf "$out"
  "$zhinan" build --root "$corpus" --out "$out" --today "$today" 2>/dev/null
  results[zhinan-pages-$size]="$(find "$out" -name '*.html' | wc -l)"
  results[zhinan-mb-$size]="$(du -sm "$out" | cut -f1)"
  rm -rf "$out"
  if [ "$with_serve" = 1 ]; then
    log "serve: $saves saves of one item"
    set +e
    serve_line="$(python3 "$here/serve_latency.py" "$zhinan" "$corpus" --saves "$saves" --today "$today")"
    status=$?
    set -e
    if [ "$status" = 3 ]; then
      results[serve-$size]="not available"
    elif [ "$status" != 0 ]; then
      results[serve-$size]="failed"
    else
      results[serve-$size]="$(awk '{ printf "%s ms (min %s, max %s)", $2, $4, $6 }' <<<"$serve_line")"
    fi
  fi
done

# --- report ------------------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0 || a == "" || b == "") print "-"; else printf "%.2f", a / b }'; }
row() { printf '%-8s %-26s %9s %9s %9s %-20s %9s %9s %9s %8s %8s\n' "$@"; }
echo
echo "zhinan $("$zhinan" --version 2>/dev/null | awk '{ print $2 }') ($(cd "$repo" && git rev-parse --short HEAD 2>/dev/null || echo '?')$(cd "$repo" && git diff --quiet 2>/dev/null || echo '+changes')), $(command -v hugo >/dev/null && hugo version | awk '{ print $2 }' || echo 'no hugo'), $(nproc) cores, median of $runs runs, $(date -u +%Y-%m-%d)"
echo
row items measurement "wall s" "cpu s" "RSS MB" "baseline" "wall s" "cpu s" "RSS MB" "wall x" "RSS x"
for size in $sizes; do
  for pair in "build:build" "build-nominify:build-nominify" "build-fullminify:build"; do
    ours="zhinan-${pair%%:*}-$size"
    theirs="hugo-${pair##*:}-$size"
    case "${pair%%:*}" in
      build) label="build (default)" ;;
      build-nominify) label="build (--minify off)" ;;
      *) label="build (--minify full)" ;;
    esac
    baseline="hugo --minify"
    [ "${pair##*:}" = build-nominify ] && baseline="hugo"
    if [ "$with_hugo" = 1 ]; then
      row "$size" "$label" "${results[$ours.wall]}" "${results[$ours.cpu]}" "${results[$ours.rss]}" "$baseline" \
        "${results[$theirs.wall]}" "${results[$theirs.cpu]}" "${results[$theirs.rss]}" \
        "$(ratio "${results[$ours.wall]}" "${results[$theirs.wall]}")" "$(ratio "${results[$ours.rss]}" "${results[$theirs.rss]}")"
    else
      row "$size" "$label" "${results[$ours.wall]}" "${results[$ours.cpu]}" "${results[$ours.rss]}" "-" "" "" "" "" ""
    fi
  done
  row "$size" "check" "${results[zhinan-check-$size.wall]}" "${results[zhinan-check-$size.cpu]}" "${results[zhinan-check-$size.rss]}" "parse-only (saphyr)" \
    "${results[parse-only-$size.wall]}" "${results[parse-only-$size.cpu]}" "${results[parse-only-$size.rss]}" \
    "$(ratio "${results[zhinan-check-$size.wall]}" "${results[parse-only-$size.wall]}")" "$(ratio "${results[zhinan-check-$size.rss]}" "${results[parse-only-$size.rss]}")"
  row "$size" "check" "${results[zhinan-check-$size.wall]}" "${results[zhinan-check-$size.cpu]}" "${results[zhinan-check-$size.rss]}" "parse events only" \
    "${results[parse-events-$size.wall]}" "${results[parse-events-$size.cpu]}" "${results[parse-events-$size.rss]}" \
    "$(ratio "${results[zhinan-check-$size.wall]}" "${results[parse-events-$size.wall]}")" "$(ratio "${results[zhinan-check-$size.rss]}" "${results[parse-events-$size.rss]}")"
  if [ "$with_serve" = 1 ]; then
    printf '%-8s %-26s %s\n' "$size" "serve: save to new page" "${results[serve-$size]} (median of $saves saves)"
  fi
  printf '%-8s %-26s zhinan %s HTML pages, %s MB%s\n' "$size" "output" "${results[zhinan-pages-$size]}" "${results[zhinan-mb-$size]}" \
    "$([ "$with_hugo" = 1 ] && echo "; hugo ${results[hugo-pages-$size]} HTML pages, ${results[hugo-mb-$size]} MB (--minify)")"
done
set -- $sizes
if [ $# -ge 2 ]; then
  small="$1"; large="${!#}"
  echo
  printf 'cost growth %s -> %s items (wall, x%s items):' "$small" "$large" "$(ratio "$large" "$small")"
  for name in zhinan-build zhinan-build-nominify zhinan-build-fullminify zhinan-check; do
    printf '  %s %s' "${name#zhinan-}" "$(ratio "${results[$name-$large.wall]}" "${results[$name-$small.wall]}")"
  done
  [ "$with_hugo" = 1 ] && printf '  hugo %s' "$(ratio "${results[hugo-build-$large.wall]}" "${results[hugo-build-$small.wall]}")"
  echo
fi
