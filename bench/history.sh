#!/usr/bin/env bash
# What the change history from git costs a build, and whether it is right. See
# docs/performance.md.
#
#   bench/history.sh [--items 10000] [--commits 200] [--per-commit 3] [--runs 3] [--samples 5]
#
# Generates a corpus (examples/gen_corpus), puts it in a new git repository and makes a history
# of --commits commits on it: the first adds everything, each other one edits --per-commit items
# (a material's number of copies or of originals, a fee amount, a condition's wording, in
# turn: edits that keep the items valid), with fixed dates a day apart. Then measures `zhinan build` with its history and with
# --no-history (cold, median of --runs, wall and CPU seconds and peak RSS with /usr/bin/time -v),
# and checks the 变更记录 of --samples items that have commits against `git log`: the same
# dates, newest first (up to history_limit, 10).
#
# Environment: ZHINAN (a zhinan binary instead of building this tree), CARGO_TARGET_DIR,
# BENCH_DIR (default /dev/shm/zhinan-bench).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
items=10000
commits=200
per_commit=3
runs=3
samples=5
while [ $# -gt 0 ]; do
  case "$1" in
    --items) items="$2"; shift 2 ;;
    --commits) commits="$2"; shift 2 ;;
    --per-commit) per_commit="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --samples) samples="$2"; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/history.sh: unknown argument \`$1\` (see --help)" >&2; exit 2 ;;
  esac
done

work="${BENCH_DIR:-/dev/shm/zhinan-bench}/history-$items-$commits"
target="${CARGO_TARGET_DIR:-$repo/target}"
today=2026-11-29
log() { echo "bench: $*" >&2; }

if [ ! -x /usr/bin/time ]; then
  log "installing GNU time"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
fi
(cd "$repo" && CARGO_TARGET_DIR="$target" cargo build --release --quiet --bin zhinan --example gen_corpus)
zhinan="${ZHINAN:-$target/release/zhinan}"
gen_corpus="$target/release/examples/gen_corpus"

site="$work/site"
rm -rf "$work"
mkdir -p "$site"
log "generating $items items"
"$gen_corpus" --items "$items" --out "$site" >/dev/null 2>&1

git_at() { # DAY_NUMBER ARGS...: git with the author and committer date of that day
  local day="$1"
  shift
  local date
  date="$(date -u -d "2026-06-01 + $day days" +%Y-%m-%dT10:00:00+08:00)"
  GIT_AUTHOR_DATE="$date" GIT_COMMITTER_DATE="$date" \
    git -C "$site" -c user.name=bench -c user.email=bench@example.org -c commit.gpgsign=false "$@"
}

log "making $commits commits"
git -C "$site" init -q
git_at 0 add -A
git_at 0 commit -q -m "all items"
mapfile -t files < <(cd "$site" && find content/items -name '*.yaml' | sort)
count="${#files[@]}"
for commit in $(seq 1 $((commits - 1))); do
  for slot in $(seq 0 $((per_commit - 1))); do
    # 400 items spread over the corpus, so that some are edited several times.
    spread=$((count < 400 ? count : 400))
    index=$((((commit * 37 + slot * 101) % spread) * (count / spread)))
    file="$site/${files[$index]}"
    case $(((commit + slot) % 4)) in
      0) perl -0pi -e 's/copies: (\d+)/"copies: ".($1 + 1)/e' "$file" ;;
      1) perl -0pi -e 's/originals: (\d+)/"originals: ".($1 + 1)/e' "$file" ;;
      2) perl -0pi -e 's/(amount: "?[^0-9\n]*)(\d+)/$1.($2 + 5)/e' "$file" ;;
      3) perl -0pi -e 's/(conditions:\n  - text: )/${1}申请人/' "$file" ;;
    esac
  done
  git_at "$commit" commit -q -a --allow-empty -m "edit $commit"
done
log "history: $(git -C "$site" rev-list --count HEAD) commits"

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
measure() { # NAME ARGS...
  local name="$1" walls="" cpus="" rss="" report="$work/time.txt"
  shift
  for _ in $(seq 1 "$runs"); do
    rm -rf "$work/out-$name"
    /usr/bin/time -v -o "$report" "$zhinan" build --root "$site" --out "$work/out-$name" --today "$today" "$@" >/dev/null 2>"$work/$name.err" \
      || { tail -n 20 "$work/$name.err" >&2; exit 1; }
    walls+="$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$report")"$'\n'
    cpus+="$(awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { print u + s }' "$report")"$'\n'
    rss+="$(awk -F': ' '/Maximum resident set size/ { printf "%.1f\n", $2 / 1024 }' "$report")"$'\n'
  done
  printf '%s %s %s\n' "$(printf '%s' "$walls" | median)" "$(printf '%s' "$cpus" | median)" "$(printf '%s' "$rss" | median)"
}
read -r plain_wall plain_cpu plain_rss < <(measure plain --no-history)
read -r history_wall history_cpu history_rss < <(measure history)

log "checking the history of $samples items against git log"
checked=0
for file in $(cd "$site" && git log --format= --name-only HEAD~$((commits - 2))..HEAD -- content/items | sort -u | head -n "$samples"); do
  id="$(basename "$file" .yaml)"
  page="$work/out-history/items/$id/index.html"
  expected="$(git -C "$site" log --format=%cd --date=format:%Y-%m-%d -- "$file" | head -n 10 | tr '\n' ' ')"
  actual="$(grep -o '<section id="history".*</section>' "$page" | grep -o '<time datetime="[0-9-]*"' | sed 's/.*"\(.*\)"/\1/' | tr '\n' ' ')"
  if [ "$expected" != "$actual" ]; then
    echo "bench: history of $file: git log says [$expected], the page says [$actual]" >&2
    exit 1
  fi
  checked=$((checked + 1))
done

ratio="$(awk -v a="$history_wall" -v b="$plain_wall" 'BEGIN { printf "%.2f", a / b }')"
echo "zhinan $("$zhinan" --version | awk '{ print $2 }'), $items items, $commits commits ($per_commit items a commit), $(nproc) cores, median of $runs runs"
printf '%-24s %8s %8s %9s\n' "" "wall s" "CPU s" "peak MB"
printf '%-24s %8s %8s %9s\n' "build --no-history" "$plain_wall" "$plain_cpu" "$plain_rss"
printf '%-24s %8s %8s %9s\n' "build (with history)" "$history_wall" "$history_cpu" "$history_rss"
echo "with history / without: $ratio (target <= 1.3)"
echo "history of $checked sampled items matches git log"
