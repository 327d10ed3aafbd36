#!/usr/bin/env python3
"""Single-item rebuild latency of `zhinan serve`, for bench/run.sh.

    serve_latency.py ZHINAN SITE_ROOT [--saves 20] [--today YYYY-MM-DD]

Starts `zhinan serve --root SITE_ROOT --port P`, waits for the line that prints its URL, then
saves one item file `--saves` times, each time with a new name (written to a temporary file in
the same folder, then renamed over the item, as editors do), and measures from the rename until
a GET of that item's page returns the new name. Prints `median_ms N min_ms N max_ms N` on
stdout; the item file is restored and serve stopped on exit, whatever happens.

Exit 3 when the binary has no `serve` command.
"""

import argparse
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def first_item(root):
    items = os.path.join(root, "content", "items")
    for directory, folders, files in sorted(os.walk(items)):
        folders.sort()
        for name in sorted(files):
            if name.endswith(".yaml"):
                return os.path.join(directory, name)
    sys.exit("serve_latency.py: no item under %s" % items)


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def save(path, text):
    temporary = os.path.join(os.path.dirname(path), ".bench-save.tmp")
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.rename(temporary, path)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("zhinan")
    parser.add_argument("root")
    parser.add_argument("--saves", type=int, default=20)
    parser.add_argument("--today")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per save")
    args = parser.parse_args()

    help_text = subprocess.run([args.zhinan, "--help"], capture_output=True, text=True).stdout
    if not re.search(r"^\s+serve\b", help_text, re.MULTILINE):
        print("serve: not available")
        return 3

    item = first_item(args.root)
    original = open(item, encoding="utf-8").read()
    name_line = re.search(r"^name:[ \t]*(.*)$", original, re.MULTILINE)
    if not name_line:
        sys.exit("serve_latency.py: %s has no top-level name" % item)
    item_id = os.path.splitext(os.path.basename(item))[0]

    port = free_port()
    command = [args.zhinan, "serve", "--root", args.root, "--port", str(port), "--lang", "en"]
    if args.today:
        command += ["--today", args.today]
    server = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, start_new_session=True
    )
    url_found = threading.Event()
    found = {}

    def read_log():
        for line in server.stdout:
            match = re.search(r"(http://\S+)", line)
            if match and "serving" in line and not url_found.is_set():
                found["url"] = match.group(1)
                url_found.set()

    threading.Thread(target=read_log, daemon=True).start()
    latencies = []
    try:
        if not url_found.wait(600):
            sys.exit("serve_latency.py: serve printed no URL within 600 s")
        base = found["url"] if found["url"].endswith("/") else found["url"] + "/"
        page = "%sitems/%s/" % (base, item_id)
        deadline = time.monotonic() + 120
        while "<html" not in fetch(page).lower():
            if time.monotonic() > deadline:
                sys.exit("serve_latency.py: %s never answered" % page)
            time.sleep(0.05)
        for save_number in range(1, args.saves + 1):
            token = "基准保存%d号%d" % (save_number, os.getpid())
            text = original.replace(
                name_line.group(0), "name: %s%s" % (name_line.group(1).strip("'\""), token), 1
            )
            started = time.monotonic()
            save(item, text)
            while token not in fetch(page):
                if time.monotonic() - started > args.timeout:
                    sys.exit("serve_latency.py: save %d never showed up" % save_number)
                time.sleep(0.002)
            latencies.append((time.monotonic() - started) * 1000.0)
            time.sleep(0.3)  # let the watcher settle, as between two real saves
    finally:
        save(item, original)
        try:
            os.killpg(server.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        server.wait(timeout=30)
    print(
        "median_ms %.1f min_ms %.1f max_ms %.1f saves %d"
        % (statistics.median(latencies), min(latencies), max(latencies), len(latencies))
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
