#!/usr/bin/env bash
# Save-to-served latency of `zhinan serve` (median and p90), on generated corpora.
#
#   bench/serve-latency.sh [--sizes "1000 10000"] [--saves 20] [--gap SECONDS] [--rapid] [--poll]
#
# For each size: generates a corpus (examples/gen_corpus) under $BENCH_DIR (default
# /dev/shm/zhinan-serve-bench), starts `zhinan serve --port 0 --today 2026-11-29` on it (loopback),
# and saves one item --saves times, each time with a new name written to a temporary file in the
# same folder and renamed over the item (as editors save). For each save it measures:
#   - page: from the rename to the first GET of the item page that returns the new name (the
#     issue's number: the item's own page is published first);
#   - all: from the rename to serve's log line for the rebuild (every page, the search index and
#     the books published).
# The next save starts --gap seconds (default 0.2) after that log line; with --rapid, --gap
# seconds after the page showed the save, so that saves land while serve is still re-rendering
# the rest of the site (then only the last save's "all" is measured). serve's log is kept in
# $BENCH_DIR/serve-<size>.log. Prints one line per size:
#   size 10000 saves 20 page_median_ms 14.2 page_p90_ms 17.9 all_median_ms 850.0 all_p90_ms 901.3
# --poll passes `--poll 50` to serve (polling watcher) instead of native events.
#
# Environment: ZHINAN (a zhinan binary to use instead of building this tree), CARGO_TARGET_DIR,
# BENCH_DIR. bench/run.sh has its own, simpler measurement (bench/serve_latency.py).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
sizes="1000 10000"
saves=20
gap=0.2
poll=""
rapid=""
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --saves) saves="$2"; shift 2 ;;
    --gap) gap="$2"; shift 2 ;;
    --poll) poll=50; shift ;;
    --rapid) rapid=1; shift ;;
    -h|--help) sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/serve-latency.sh: unknown argument \`$1\` (see --help)" >&2; exit 2 ;;
  esac
done

work="${BENCH_DIR:-/dev/shm/zhinan-serve-bench}"
target="${CARGO_TARGET_DIR:-$repo/target}"
mkdir -p "$work"
if [ -z "${ZHINAN:-}" ]; then
  echo "serve-latency: building (release, CARGO_TARGET_DIR=$target)" >&2
  (cd "$repo" && CARGO_TARGET_DIR="$target" cargo build --release --quiet --bin zhinan --example gen_corpus)
fi
zhinan="${ZHINAN:-$target/release/zhinan}"
gen_corpus="$target/release/examples/gen_corpus"
if [ ! -x "$gen_corpus" ]; then
  (cd "$repo" && CARGO_TARGET_DIR="$target" cargo build --release --quiet --example gen_corpus)
fi

for size in $sizes; do
  corpus="$work/c$size"
  "$gen_corpus" --items "$size" --out "$corpus" --force >/dev/null 2>&1
  echo "serve-latency: $saves saves of one item of $size" >&2
  python3 - "$zhinan" "$corpus" "$size" "$saves" "$gap" "$poll" "$work/serve-$size.log" "$rapid" <<'PYTHON'
import http.client, os, re, signal, statistics, subprocess, sys, threading, time

zhinan, root, size, saves, gap, poll, log_path, rapid = sys.argv[1:9]
saves, gap = int(saves), float(gap)
SAVE_TIMEOUT = 120.0  # seconds one save may take to show, whole rebuild included

items = os.path.join(root, "content", "items")
item = None
for directory, folders, files in sorted(os.walk(items)):
    folders.sort()
    names = sorted(name for name in files if name.endswith(".yaml"))
    if names:
        item = os.path.join(directory, names[0])
        break
if item is None:
    sys.exit("serve-latency: no item under %s" % items)
item_id = os.path.splitext(os.path.basename(item))[0]
relative = os.path.relpath(item, root)
original = open(item, encoding="utf-8").read()
name_line = re.search(r"^name:[ \t]*(.*)$", original, re.MULTILINE)
if not name_line:
    sys.exit("serve-latency: %s has no top-level name" % item)

command = [zhinan, "serve", "--root", root, "--port", "0", "--today", "2026-11-29", "--lang", "en"]
if poll:
    command += ["--poll", poll]
server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                          start_new_session=True, env=dict(os.environ, NO_COLOR="1"))
lines = []  # (arrival time, line)
lines_lock = threading.Condition()

log_file = open(log_path, "w", encoding="utf-8")

def read_log():
    for line in server.stdout:
        log_file.write(line)
        log_file.flush()
        with lines_lock:
            lines.append((time.monotonic(), line.rstrip("\n")))
            lines_lock.notify_all()

threading.Thread(target=read_log, daemon=True).start()

def wait_for_line(predicate, after, limit):
    """The (time, line) of the first log line from index `after` on that satisfies predicate."""
    deadline = time.monotonic() + limit
    with lines_lock:
        while True:
            for index in range(after, len(lines)):
                if predicate(lines[index][1]):
                    return lines[index]
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                sys.exit("serve-latency: timed out waiting for serve's log")
            lines_lock.wait(remaining)

def save(text):
    temporary = os.path.join(os.path.dirname(item), ".serve-latency.tmp")
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.rename(temporary, item)

def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]

page_ms, all_ms = [], []
try:
    _, line = wait_for_line(lambda l: l.startswith("serving http://") or " serving http://" in l, 0, 900)
    url = re.search(r"http://([^/\s]+)(/\S*)", line)
    host, base = url.group(1), url.group(2)
    path = "%sitems/%s/" % (base if base.endswith("/") else base + "/", item_id)
    connection = http.client.HTTPConnection(host, timeout=30)

    def fetch():
        global connection
        for _ in range(3):
            try:
                connection.request("GET", path)
                return connection.getresponse().read().decode("utf-8", "replace")
            except (http.client.HTTPException, OSError):
                connection.close()
                connection = http.client.HTTPConnection(host, timeout=30)
        return ""

    if "<html" not in fetch().lower():
        sys.exit("serve-latency: %s did not answer" % path)
    for number in range(1, saves + 1):
        token = "延迟测试%d号%d" % (number, os.getpid())
        text = original.replace(name_line.group(0),
                                "name: %s%s" % (name_line.group(1).strip("'\""), token), 1)
        with lines_lock:
            seen = len(lines)
        started = time.monotonic()
        save(text)
        while token not in fetch():
            if time.monotonic() - started > SAVE_TIMEOUT:
                sys.exit("serve-latency: save %d never showed up" % number)
            time.sleep(0.0005)
        page_ms.append((time.monotonic() - started) * 1000.0)
        if rapid and number < saves:
            time.sleep(gap)
            continue
        # The log line of the whole rebuild (it names the file and the pages re-rendered).
        arrived, _ = wait_for_line(lambda l: relative in l and "rendered" in l, seen, SAVE_TIMEOUT)
        all_ms.append((arrived - started) * 1000.0)
        time.sleep(gap)
finally:
    save(original)
    try:
        os.killpg(server.pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    server.wait(timeout=30)

print("size %s saves %d page_median_ms %.1f page_p90_ms %.1f all_median_ms %.1f all_p90_ms %.1f"
      % (size, len(page_ms), statistics.median(page_ms), percentile(page_ms, 0.9),
         statistics.median(all_ms), percentile(all_ms, 0.9)))
PYTHON
done
