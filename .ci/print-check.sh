#!/usr/bin/env bash
# Print check in a real browser: builds tests/fixtures/print/ for http://print.example.gov.cn/bszn/
# (a sub-path, as many county sites are), serves it on 127.0.0.1 and prints its pages to PDF with
# headless Chromium, which resolves that host (any port) to the local server, HTTPS upgrades off
# (so links, the stylesheet and the URLs in the QR codes are those of the site, stable from run
# to run, and no page is fetched from elsewhere); then checks the PDFs with poppler and zbar:
#
#   - the one-time notification slip of the 12-material, 6-step item is exactly one A4 page and
#     contains every material name; its QR code decodes to the item's URL;
#   - the whole-site guide book has a table of contents and starts every item at the top of a
#     new page; the laws cited come at the end;
#   - in the HTML of every book, ids are unique and every `#` link resolves;
#   - Chinese comes out as text (pdftotext finds the expected strings) in embedded CJK fonts;
#   - the visitor registration form is one page with the department's name and phone;
#   - a printed item page (base.html + print.css) shows the code, the review date, the URL and
#     a QR code that decodes to the URL.
#
# Installs what is missing (chromium fonts-noto-cjk poppler-utils zbar-tools; apt-get, as root
# in CI). Exits 1 with a message per failed check, 2 when it cannot run.
#
#   bash .ci/print-check.sh                  # check
#   bash .ci/print-check.sh --update-images  # check, and refresh docs/images/print-*.png
set -euo pipefail
cd "$(dirname "$0")/.."

update_images=false
[ "${1:-}" = "--update-images" ] && update_images=true

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v pdftotext >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 \
  && command -v pdfinfo >/dev/null 2>&1 && command -v pdffonts >/dev/null 2>&1 || need_apt+=(poppler-utils)
command -v zbarimg >/dev/null 2>&1 || need_apt+=(zbar-tools)
if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list :lang=zh family 2>/dev/null)" ]; then
  need_apt+=(fonts-noto-cjk)
fi
if [ "${#need_apt[@]}" -gt 0 ]; then
  echo "print-check: installing ${need_apt[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

fixture=tests/fixtures/print
long_item=yaopin-lingshou-xuke
long_item_file="$fixture/content/items/yaoxie/$long_item.yaml"
department=yaoxie
department_name=药品医疗器械监管股
department_phone=0739-5550303

echo "print-check: cargo build"
cargo build --quiet || { echo "print-check: cargo build failed" >&2; exit 2; }
zhinan=./target/debug/zhinan
"$zhinan" check --root "$fixture" --today 2026-11-29 >/dev/null \
  || { echo "print-check: the fixture $fixture does not pass zhinan check" >&2; exit 2; }

work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
host=print.example.gov.cn
base="http://$host/bszn/"
mkdir -p "$work/root"
"$zhinan" build --root "$fixture" --today 2026-11-29 --out "$work/root/bszn" --base-url "$base" >/dev/null 2>&1 \
  || { echo "print-check: zhinan build of $fixture failed" >&2; exit 2; }
site="$work/root/bszn"
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/root" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 50); do
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/bszn/')" 2>/dev/null && break
  sleep 0.2
done

failures=0
fail() { echo "print-check: FAIL: $*" >&2; failures=$((failures + 1)); }
ok() { echo "print-check: ok: $*"; }

print_pdf() { # URL path, output PDF
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$(mktemp -d -p "$work")" \
    --host-resolver-rules="MAP $host 127.0.0.1:$port" --disable-features=HttpsUpgrades \
    --no-pdf-header-footer --print-to-pdf="$2" "$base$1" >/dev/null 2>&1 || true
  [ -s "$2" ] || { fail "chromium printed nothing for $base$1"; return 1; }
}
pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'; }
# Text without any whitespace: wrapped lines and letter-spaced headings compare equal.
# (tr works on bytes: the ideographic space is removed by sed, as one 3-byte sequence.)
flat_text() { pdftotext -enc UTF-8 "$@" - 2>/dev/null | tr -d ' \t\n\r\f\v' | sed 's/　//g'; }
contains() { # haystack needle: both compared without whitespace
  case "$1" in *"$(printf '%s' "$2" | tr -d ' \t\n\r\f\v' | sed 's/　//g')"*) return 0 ;; *) return 1 ;; esac
}
check_fonts() { # PDF, label: every font embedded, and fonts besides the monospace one
  # Chromium embeds the CFF outlines of Noto CJK as Type 3 fonts, so their names say nothing;
  # that Chinese comes out as text is checked with pdftotext (a missing glyph would be .notdef
  # for every character it stands for, and the expected strings would not come back).
  local fonts
  fonts="$(pdffonts "$1" 2>/dev/null | tail -n +3)"
  if printf '%s\n' "$fonts" | awk 'NF { if ($(NF-4) != "yes") bad = 1 } END { exit !bad }'; then
    fail "$2: a font is not embedded:"$'\n'"$fonts"
  fi
  printf '%s\n' "$fonts" | grep -Eqi 'Type 3|CJK|Han|SimSun|SimHei|YaHei|PingFang|Song|Hei|WenQuanYi' \
    || fail "$2: no CJK font in the PDF (Chinese may print as boxes):"$'\n'"$fonts"
}
qr_decodes_to() { # PDF, page, expected URL, label
  pdftoppm -r 200 -png -f "$2" -l "$2" "$1" "$work/qr" >/dev/null 2>&1
  local image decoded
  image="$(ls "$work"/qr*.png | head -n 1)"
  decoded="$(zbarimg --quiet --raw "$image" 2>/dev/null | head -n 1 || true)"
  rm -f "$work"/qr*.png
  if [ "$decoded" = "$3" ]; then ok "$4: QR code decodes to $3"; else fail "$4: QR code decodes to '${decoded:-nothing}', expected $3"; fi
}

# 1. The slip of the long item: one page, every material, QR code of the item's URL.
print_pdf "items/$long_item/slip/" "$work/slip.pdf"
slip_pages="$(pages "$work/slip.pdf")"
if [ "$slip_pages" = 1 ]; then ok "slip of $long_item (12 materials, 6 steps): 1 page"; else fail "slip of $long_item has $slip_pages pages, expected 1"; fi
slip_text="$(flat_text "$work/slip.pdf")"
material_count=0
while IFS= read -r name; do
  material_count=$((material_count + 1))
  contains "$slip_text" "$name" || fail "slip lacks material '$name'"
done < <(sed -n 's/^  - name: //p' "$long_item_file")
[ "$material_count" = 12 ] || fail "the fixture's long item has $material_count materials, expected 12"
for expected in 一次性告知单 申请条件 申请材料 办理流程 不能办理的情形 效能投诉电话 告知岗位 经办人签名 \
  药品零售企业许可（药品经营许可证核发） 11999900MB0123456X-301 2026-04-16 "${base}items/$long_item/"; do
  contains "$slip_text" "$expected" || fail "slip text lacks '$expected'"
done
ok "slip: all $material_count material names and the expected Chinese text are in pdftotext"
check_fonts "$work/slip.pdf" "slip"
qr_decodes_to "$work/slip.pdf" 1 "${base}items/$long_item/" "slip"

# 2. The whole-site book: contents, every item at the top of a page, laws at the end.
print_pdf "print/" "$work/book.pdf"
book_pages="$(pages "$work/book.pdf")"
item_count="$(find "$fixture/content/items" -name '*.yaml' | wc -l)"
item_starts=0
toc_page=""
laws_page=""
expected_number=1
for page in $(seq 1 "$book_pages"); do
  first_lines="$(pdftotext -layout -enc UTF-8 -f "$page" -l "$page" "$work/book.pdf" - 2>/dev/null | awk 'NF && n < 3 { print; n++ }')"
  first="$(printf '%s\n' "$first_lines" | head -n 1 | tr -d ' \t' | sed 's/　//g')"
  case "$first" in
    "目录") toc_page=$page ;;
    "附：引用的法律、法规和规章") laws_page=$page ;;
    "第${expected_number}项"*)
      item_starts=$((item_starts + 1))
      expected_number=$((expected_number + 1)) ;;
    第*项*) fail "book page $page starts item '$first' out of order (expected item $expected_number)" ;;
  esac
done
if [ "$item_starts" = "$item_count" ]; then
  ok "book: $book_pages pages, each of the $item_count items starts at the top of a new page"
else
  fail "book: $item_starts of $item_count items start at the top of a page"
fi
[ -n "$toc_page" ] && ok "book: table of contents on page $toc_page" || fail "book: no page starts with 目录 (table of contents)"
[ -n "$laws_page" ] && ok "book: laws cited from page $laws_page" || fail "book: no page starts with the list of laws"
book_text="$(flat_text "$work/book.pdf")"
for expected in 办事指南汇编 印制县市场监督管理局 个体工商户设立登记 企业登记档案查询 中华人民共和国药品管理法; do
  contains "$book_text" "$expected" || fail "book text lacks '$expected'"
done
check_fonts "$work/book.pdf" "book"
print_pdf "print/$department/" "$work/department-book.pdf"
department_book_pages="$(pages "$work/department-book.pdf")"
ok "department book print/$department/: $department_book_pages pages"

# 3. The HTML of the books: ids unique, every `#` link resolves.
for book in "$site/print/index.html" "$site/print"/*/index.html; do
  python3 - "$book" <<'PY' || fail "$book: ids or fragment links broken (see above)"
import sys
from html.parser import HTMLParser

class Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.links = [], []
    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value is not None:
                self.ids.append(value)
            if name == "href" and value and value.startswith("#"):
                self.links.append(value[1:])

page = sys.argv[1]
parser = Collect()
parser.feed(open(page, encoding="utf-8").read())
seen, problems = set(), []
for id_ in parser.ids:
    if id_ in seen:
        problems.append(f"duplicate id `{id_}`")
    seen.add(id_)
problems += [f"link `#{link}` points at no id" for link in parser.links if link not in seen]
for problem in problems:
    print(f"print-check: {page}: {problem}", file=sys.stderr)
print(f"print-check: ok: {page.split('/bszn/')[-1]}: {len(seen)} unique ids, {len(parser.links)} `#` links resolve")
sys.exit(1 if problems else 0)
PY
done

# 4. The registration form: one page, the department's name and phone.
print_pdf "departments/$department/register/" "$work/register.pdf"
register_pages="$(pages "$work/register.pdf")"
[ "$register_pages" = 1 ] && ok "registration form: 1 page" || fail "registration form has $register_pages pages, expected 1"
register_text="$(flat_text "$work/register.pdf")"
for expected in 办事登记表 "$department_name" "$department_phone" 来访人单位 来访人姓名 要办理的事项 留言 接待人 转交给; do
  contains "$register_text" "$expected" || fail "registration form lacks '$expected'"
done

# 5. A page of the site printed: no navigation, the verification block with its QR code.
print_pdf "items/$long_item/" "$work/item.pdf"
item_pages="$(pages "$work/item.pdf")"
item_text="$(flat_text "$work/item.pdf")"
for expected in 11999900MB0123456X-301 2026-04-16 "${base}items/$long_item/"; do
  contains "$item_text" "$expected" || fail "printed item page lacks '$expected'"
done
check_fonts "$work/item.pdf" "item page"
qr_decodes_to "$work/item.pdf" "$item_pages" "${base}items/$long_item/" "printed item page (last page)"
ok "printed item page: $item_pages pages"

if $update_images; then
  mkdir -p docs/images
  pdftoppm -r 60 -gray -png -f 1 -l 1 -singlefile "$work/slip.pdf" docs/images/print-slip
  item_page="$(for page in $(seq 1 "$book_pages"); do
    pdftotext -layout -f "$page" -l "$page" "$work/book.pdf" - 2>/dev/null | awk 'NF && !n { print; n++ }' \
      | tr -d ' ' | sed 's/　//g' | grep -q '^第4项' && echo "$page" || true; done | awk 'NR == 1')"
  pdftoppm -r 60 -gray -png -f "${item_page:-1}" -l "${item_page:-1}" -singlefile "$work/book.pdf" docs/images/print-book-item
  pdftoppm -r 60 -gray -png -f 1 -l 1 -singlefile "$work/register.pdf" docs/images/print-register
  if command -v convert >/dev/null 2>&1; then # ImageMagick, when present: 16 grays, a third of the size
    for image in docs/images/print-slip.png docs/images/print-book-item.png docs/images/print-register.png; do
      convert "$image" -colors 16 -strip "PNG8:$image"
    done
  fi
  echo "print-check: refreshed docs/images/print-slip.png, print-book-item.png, print-register.png"
fi

echo "print-check: page counts: slip $slip_pages, whole book $book_pages, department book ($department) $department_book_pages, registration form $register_pages, item page $item_pages"
if [ "$failures" -gt 0 ]; then
  echo "print-check: $failures check(s) failed" >&2
  exit 1
fi
echo "print-check: all print checks passed"
