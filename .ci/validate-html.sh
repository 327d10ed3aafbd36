#!/usr/bin/env bash
# Validates a built site: every .html (and .css) file under each given folder goes through the
# Nu Html Checker (vnu.jar, run offline), then every page gets the structure checks the default
# theme promises. Exits non-zero when anything fails.
#
#   .ci/validate-html.sh OUT_DIR [OUT_DIR...]
#
# Check what is published (minified) and the readable form, e.g.:
#   zhinan build --out /tmp/site && zhinan build --no-minify --out /tmp/site-plain
#   .ci/validate-html.sh /tmp/site /tmp/site-plain
#
# Structure checks, per page: <html lang> set; exactly one <h1>; no skipped heading levels
# (h2 -> h4); exactly one <main>; every <table> has <th> cells; no external stylesheets,
# scripts, images, frames or fonts (nothing fetched from another host); and the site chrome:
# a <header>, <nav> and <footer>, and a first link that skips to an id on the page. Printable
# sheets (<body class="print-document">) have no site chrome and skip only that last group.
# CSS files: no @import, no url() to another host.
#
# Needs: java (17+), python3, and npm unless VNU_JAR is given.
# Environment:
#   VNU_DIR          where vnu-jar is installed with npm when missing (default /tmp/zhinan-vnu)
#   VNU_VERSION      vnu-jar version to install (default 26.9.27)
#   VNU_JAR          path of a vnu.jar to use instead (no npm install)
#   VNU_CHECK_CSS    1 (default) also validates .css files with vnu; 0 skips them
#   CHECK_STRUCTURE  1 (default) runs the structure checks; 0 skips them
set -euo pipefail

usage() {
    echo "usage: $0 OUT_DIR [OUT_DIR...]" >&2
    exit 2
}

[ "$#" -ge 1 ] || usage
for dir in "$@"; do
    if [ ! -d "$dir" ]; then
        echo "validate-html: $dir is not a folder" >&2
        exit 2
    fi
    if [ -z "$(find "$dir" -type f -name '*.html' -print -quit)" ]; then
        echo "validate-html: no .html file under $dir (build the site first)" >&2
        exit 2
    fi
done

if ! command -v java >/dev/null 2>&1; then
    echo "validate-html: java not found; vnu.jar needs Java 11 or later (apt-get install -y default-jre-headless)" >&2
    exit 2
fi

VNU_DIR="${VNU_DIR:-/tmp/zhinan-vnu}"
VNU_VERSION="${VNU_VERSION:-26.9.27}"
if [ -z "${VNU_JAR:-}" ]; then
    VNU_JAR="$VNU_DIR/node_modules/vnu-jar/build/dist/vnu.jar"
    installed_version=""
    if [ -f "$VNU_DIR/node_modules/vnu-jar/package.json" ]; then
        installed_version=$(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' "$VNU_DIR/node_modules/vnu-jar/package.json" | head -n 1)
    fi
    if [ ! -f "$VNU_JAR" ] || [ "$installed_version" != "$VNU_VERSION" ]; then
        if ! command -v npm >/dev/null 2>&1; then
            echo "validate-html: npm not found; install Node.js and npm, or set VNU_JAR to a vnu.jar" >&2
            exit 2
        fi
        echo "validate-html: installing vnu-jar@$VNU_VERSION into $VNU_DIR" >&2
        mkdir -p "$VNU_DIR"
        # --ignore-scripts: the package's postinstall would download a Java runtime; the system
        # Java is used instead.
        npm install --prefix "$VNU_DIR" --no-save --no-audit --no-fund --no-package-lock \
            --ignore-scripts --loglevel=error "vnu-jar@$VNU_VERSION" >&2
    fi
fi
if [ ! -f "$VNU_JAR" ]; then
    echo "validate-html: $VNU_JAR not found" >&2
    exit 2
fi

status=0
pages=$(find "$@" -type f -name '*.html' | wc -l | tr -d ' ')

echo "validate-html: Nu Html Checker $(java -jar "$VNU_JAR" --version) on $pages page(s) in $*"
vnu_args=(--errors-only --skip-non-html)
if [ "${VNU_CHECK_CSS:-1}" = "1" ]; then
    vnu_args+=(--also-check-css)
fi
# vnu prints one line per error on stderr and exits 1 when there is any.
if java -Xss8m -jar "$VNU_JAR" "${vnu_args[@]}" "$@"; then
    echo "validate-html: vnu: 0 errors"
else
    echo "validate-html: vnu reported errors (above)" >&2
    status=1
fi

if [ "${CHECK_STRUCTURE:-1}" = "1" ]; then
    if ! command -v python3 >/dev/null 2>&1; then
        echo "validate-html: python3 not found; needed for the structure checks (or set CHECK_STRUCTURE=0)" >&2
        exit 2
    fi
    if python3 - "$@" <<'PY'
import os
import re
import sys
from html.parser import HTMLParser

EXTERNAL = re.compile(r"^\s*(?:[a-zA-Z][a-zA-Z0-9+.-]*:)?//")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr"}
# (tag, attribute) pairs that make the browser fetch something.
FETCHING = {("link", "href"), ("script", "src"), ("img", "src"), ("img", "srcset"),
            ("source", "src"), ("source", "srcset"), ("iframe", "src"), ("embed", "src"),
            ("object", "data"), ("video", "src"), ("video", "poster"), ("audio", "src"),
            ("track", "src"), ("input", "src")}
# <link rel> values that make the browser fetch (rel=canonical or alternate do not).
FETCHING_RELS = {"stylesheet", "icon", "apple-touch-icon", "mask-icon", "manifest", "preload",
                 "prefetch", "modulepreload", "preconnect", "dns-prefetch", "prerender"}


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.lang = None
        self.headings = []
        self.counts = {}
        self.ids = set()
        self.first_link = None
        self.tables = []  # per open table: number of th seen
        self.tables_without_th = 0
        self.print_document = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.counts[tag] = self.counts.get(tag, 0) + 1
        if tag == "html":
            self.lang = (attrs.get("lang") or "").strip()
        if tag == "body" and "print-document" in (attrs.get("class") or "").split():
            self.print_document = True
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "a" and self.first_link is None and attrs.get("href") is not None:
            self.first_link = attrs["href"]
        if tag == "table":
            self.tables.append(0)
        if tag == "th" and self.tables:
            self.tables[-1] += 1
        fetches = tag != "link" or bool(FETCHING_RELS & set((attrs.get("rel") or "").lower().split()))
        for (fetch_tag, attribute) in FETCHING:
            if fetches and tag == fetch_tag and attrs.get(attribute) and EXTERNAL.match(attrs[attribute]):
                self.problems.append(f"<{tag} {attribute}> loads from another host: {attrs[attribute]}")
        if "style" in attrs and re.search(r"url\(\s*['\"]?\s*(?:[a-zA-Z][a-zA-Z0-9+.-]*:)?//", attrs["style"] or ""):
            self.problems.append("a style attribute loads from another host")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag == "table" and self.tables:
            if self.tables.pop() == 0:
                self.tables_without_th += 1


def check(path):
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    page = Page()
    page.feed(text)
    page.close()
    problems = list(page.problems)
    if not page.lang:
        problems.append("<html> has no lang")
    h1 = page.headings.count(1)
    if h1 != 1:
        problems.append(f"{h1} <h1> elements (want exactly 1)")
    previous = 0
    for level in page.headings:
        if level > previous + 1:
            problems.append(f"heading level skipped: h{previous} then h{level}" if previous
                            else f"first heading is h{level}, not h1")
            break
        previous = level
    if page.counts.get("main", 0) != 1:
        problems.append(f"{page.counts.get('main', 0)} <main> elements (want exactly 1)")
    if page.tables_without_th:
        problems.append(f"{page.tables_without_th} <table> without <th> cells")
    if page.print_document:
        return problems
    for landmark in ("header", "nav", "footer"):
        if page.counts.get(landmark, 0) == 0:
            problems.append(f"no <{landmark}>")
    link = page.first_link
    if link is None or not link.startswith("#") or link[1:] not in page.ids:
        problems.append(f"first link is not a skip link to an id on the page (found {link!r})")
    return problems


def check_css(path):
    with open(path, encoding="utf-8", errors="replace") as handle:
        text = handle.read()
    problems = []
    for match in re.finditer(r"@import|url\(\s*['\"]?\s*((?:[a-zA-Z][a-zA-Z0-9+.-]*:)?//)", text):
        if match.group(0) == "@import":
            problems.append("@import (loads another stylesheet)")
        else:
            problems.append("url() loads from another host")
    return problems


failed = 0
pages = 0
for root in sys.argv[1:]:
    for directory, _, files in os.walk(root):
        for name in sorted(files):
            path = os.path.join(directory, name)
            if name.endswith(".html"):
                pages += 1
                problems = check(path)
            elif name.endswith(".css"):
                problems = check_css(path)
            else:
                continue
            if problems:
                failed += 1
                for problem in problems:
                    print(f"{path}: error: {problem}", file=sys.stderr)
print(f"validate-html: structure: {pages} page(s) checked, {failed} file(s) with errors")
sys.exit(1 if failed else 0)
PY
    then
        :
    else
        status=1
    fi
fi

if [ "$status" -ne 0 ]; then
    echo "validate-html: FAILED" >&2
else
    echo "validate-html: OK"
fi
exit "$status"
