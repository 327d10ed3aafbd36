#!/usr/bin/env bash
# Release check for this platform (the Linux x86_64 job of .github/workflows/release.yml runs
# it too, so CI and the release make the same archive the same way):
#
#   0. .github/workflows/release.yml passes check-jsonschema's vendor.github-workflows schema;
#   1. cargo build --release --locked; tests/full_minify_feature.rs without the default features;
#   2. the release tarball (.ci/package.py), packed twice from the same commit, the second time
#      from a fresh `git clone` of HEAD (other file times, other folder) when the work tree is
#      clean: the two must be byte-identical; every entry has owner 0/0 and the commit's time,
#      the files are in sorted order, and the gzip header has no name and time 0 (`gzip -n`);
#   3. container-like: the tarball unpacked in a temp folder, `./zhinan check` (and build) on
#      the shipped example site with `env -i PATH=/usr/bin:/bin`, where no Rust toolchain is;
#   4. the Debian package (cargo-deb, installed when missing): dpkg -i, `zhinan --version` and
#      `zhinan check` on the shipped site from the installed /usr/bin/zhinan, its man page,
#      dpkg -r, and the binary gone.
#
#   bash .ci/package-check.sh                # check
#   bash .ci/package-check.sh --dist DIR     # check, and copy the tarball, the .deb and their
#                                            # .sha256 files into DIR (the release workflow)
#
# Exits 1 with a message per failed check, 2 when it cannot run. Prints the time of each step.
set -euo pipefail
cd "$(dirname "$0")/.."

dist=""
if [ "${1:-}" = "--dist" ]; then
  dist="${2:?--dist needs a folder}"
fi

failures=0
fail() { echo "package-check: FAIL: $*" >&2; failures=$((failures + 1)); }
step_started=$SECONDS
step() {
  echo "package-check: $* (previous step: $((SECONDS - step_started)) s)"
  step_started=$SECONDS
}

as_root=()
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "package-check: dpkg needs root or sudo" >&2; exit 2; }
  as_root=(sudo)
fi
command -v python3 >/dev/null 2>&1 || { echo "package-check: python3 is needed" >&2; exit 2; }
command -v dpkg >/dev/null 2>&1 || { echo "package-check: dpkg is needed (a Debian-based system)" >&2; exit 2; }

target="$(rustc -vV | sed -n 's/^host: //p')"
version="$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)"
work="$(mktemp -d)"
cleanup() {
  if dpkg-query -W -f='${Status}' zhinan 2>/dev/null | grep -q "ok installed" && [ -n "${installed_here:-}" ]; then
    "${as_root[@]}" dpkg -r zhinan >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# --- 0. the release workflow against GitHub's workflow schema (bundled: no network) ------------
if ! command -v check-jsonschema >/dev/null 2>&1; then
  step "installing check-jsonschema (pip)"
  python3 -m pip install --quiet check-jsonschema
fi
step "check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/release.yml"
check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/release.yml >/dev/null \
  || fail ".github/workflows/release.yml does not pass the workflow schema (run check-jsonschema to see why)"

if ! command -v cargo-deb >/dev/null 2>&1; then
  step "installing cargo-deb (cargo install cargo-deb --locked)"
  cargo install cargo-deb --locked --quiet
fi

step "cargo build --release --locked ($target)"
cargo build --release --locked --quiet
binary="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')/release/zhinan"
[ -x "$binary" ] || { echo "package-check: cargo build made no $binary" >&2; exit 2; }

# The quick source install (cargo install --path . --no-default-features) still builds, checks
# and serves, and refuses --minify full with a message (tests/full_minify_feature.rs).
step "cargo test --no-default-features --test full_minify_feature"
cargo test --locked --quiet --no-default-features --test full_minify_feature

# --- 2. reproducible tarball ------------------------------------------------------------------
step "release tarball, packed twice"
tarball="$(python3 .ci/package.py --binary "$binary" --target "$target" --out "$work/first")"
name="$(basename "$tarball")"
if [ -z "$(git status --porcelain --untracked-files=no)" ]; then
  git clone --quiet --no-local --no-hardlinks . "$work/clone"
  (cd "$work/clone" && python3 .ci/package.py --binary "$binary" --target "$target" --out "$work/second" >/dev/null)
  second_from="a fresh clone of HEAD"
else
  echo "package-check: note: the work tree has uncommitted changes; packing it twice in place"
  python3 .ci/package.py --binary "$binary" --target "$target" --out "$work/second" >/dev/null
  second_from="the same work tree"
fi
if cmp -s "$tarball" "$work/second/$name"; then
  echo "package-check: $name is byte-identical when packed again from $second_from ($(sha256sum "$tarball" | cut -c1-16)...)"
else
  fail "$name differs when packed again from $second_from (cmp: $(cmp "$tarball" "$work/second/$name" 2>&1 | head -n 1))"
fi
(cd "$work/first" && sha256sum -c --quiet "$name.sha256") || fail "$name.sha256 does not match the archive"
commit_time="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct)}"
# gzip -n: FLG byte (offset 3) without FNAME (0x08), MTIME (offsets 4-7) zero.
gzip_header="$(od -An -tx1 -j3 -N5 "$tarball" | tr -d ' \n')"
[ "$gzip_header" = "0000000000" ] || fail "gzip header has a name or a time (flags+mtime: $gzip_header)"
listing="$(tar --numeric-owner --full-time -tvzf "$tarball")"
owners="$(awk '{print $2}' <<<"$listing" | sort -u)"
[ "$owners" = "0/0" ] || fail "entries not owned by 0/0: $owners"
times="$(tar --list --utc --full-time -vzf "$tarball" | awk '{print $4" "$5}' | sort -u)"
expected_time="$(date -u -d "@$commit_time" '+%Y-%m-%d %H:%M:%S')"
[ "$times" = "$expected_time" ] || fail "entry times are not all the commit's ($expected_time): $(head -n 3 <<<"$times" | tr '\n' ' ')"
tar -tzf "$tarball" | grep -v '/$' | LC_ALL=C sort -c 2>/dev/null || fail "file entries are not in sorted order"
for required in zhinan README.md LICENSE docs/content-format.md docs/ci.md example/content/site.yaml; do
  grep -qx "zhinan-$version-$target/$required" <(tar -tzf "$tarball") || fail "$name lacks $required"
done

# --- 3. container-like: no Rust toolchain on PATH ---------------------------------------------
step "tarball unpacked in a temp folder, run with env -i PATH=/usr/bin:/bin"
mkdir "$work/unpacked"
tar -xzf "$tarball" -C "$work/unpacked"
unpacked="$work/unpacked/zhinan-$version-$target"
if env -i PATH=/usr/bin:/bin sh -c 'command -v cargo || command -v rustc' >/dev/null; then
  fail "a Rust toolchain is on PATH=/usr/bin:/bin; the check would not show that none is needed"
fi
(
  cd "$unpacked"
  env -i PATH=/usr/bin:/bin ./zhinan --version | grep -Eq "^zhinan $version( \(|$)" || { echo "package-check: FAIL: ./zhinan --version is not 'zhinan $version'" >&2; exit 1; }
  env -i PATH=/usr/bin:/bin ./zhinan check --root example --today 2026-11-29 --lang en >"$work/check.out" 2>&1 \
    || { cat "$work/check.out" >&2; echo "package-check: FAIL: ./zhinan check on the shipped site" >&2; exit 1; }
  env -i PATH=/usr/bin:/bin ./zhinan build --root example --today 2026-11-29 --out "$work/site" >/dev/null 2>&1 \
    || { echo "package-check: FAIL: ./zhinan build on the shipped site" >&2; exit 1; }
  [ -s "$work/site/index.html" ] || { echo "package-check: FAIL: build wrote no index.html" >&2; exit 1; }
) || fail "the unpacked tarball does not run without a toolchain"
tail -n 1 "$work/check.out" | sed 's/^/package-check: unpacked .\/zhinan check: /'

# --- 4. Debian package --------------------------------------------------------------------------
step "cargo deb --no-build"
mkdir "$work/deb"
cargo deb --no-build --quiet --output "$work/deb/" >/dev/null
deb="$(ls "$work/deb"/*.deb)"
echo "package-check: $(basename "$deb"): $(dpkg-deb -f "$deb" Package Version Architecture Depends | tr '\n' ' ')"
if dpkg-query -W -f='${Status}' zhinan 2>/dev/null | grep -q "ok installed"; then
  echo "package-check: zhinan is installed already (not by this check); not touching it" >&2
  exit 2
fi
step "dpkg -i, run the installed zhinan, dpkg -r"
"${as_root[@]}" dpkg -i "$deb" >/dev/null
installed_here=1
[ -x /usr/bin/zhinan ] || fail "dpkg -i did not install /usr/bin/zhinan"
env -i PATH=/usr/bin:/bin zhinan --version | grep -Eq "^zhinan $version( \(|$)" || fail "installed zhinan --version is not 'zhinan $version'"
(cd "$work" && env -i PATH=/usr/bin:/bin zhinan check --root /usr/share/zhinan/example --today 2026-11-29 --lang en >"$work/deb-check.out" 2>&1) \
  || { cat "$work/deb-check.out" >&2; fail "installed zhinan check on /usr/share/zhinan/example"; }
tail -n 1 "$work/deb-check.out" | sed 's/^/package-check: installed zhinan check: /'
# (The list in a variable: `dpkg -L | grep -q` would fail under pipefail when grep stops early.)
package_files="$(dpkg -L zhinan)"
grep -q '^/usr/share/man/man1/zhinan\.1' <<<"$package_files" || fail "the package has no man page"
grep -q '^/usr/share/doc/zhinan/docs/content-format\.md$' <<<"$package_files" || fail "the package has no docs/content-format.md"
grep -q '^/usr/share/zhinan/example/content/site\.yaml$' <<<"$package_files" || fail "the package has no example site"
"${as_root[@]}" dpkg -r zhinan >/dev/null
installed_here=""
[ ! -e /usr/bin/zhinan ] || fail "dpkg -r left /usr/bin/zhinan"

if [ -n "$dist" ]; then
  mkdir -p "$dist"
  cp "$tarball" "$tarball.sha256" "$deb" "$dist/"
  (cd "$dist" && sha256sum "$(basename "$deb")" >"$(basename "$deb").sha256")
  echo "package-check: copied $name and $(basename "$deb") with their checksums into $dist"
fi

step "done"
if [ "$failures" -gt 0 ]; then
  echo "package-check: $failures check(s) failed" >&2
  exit 1
fi
echo "package-check: all release checks passed"
