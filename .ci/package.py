#!/usr/bin/env python3
"""Packs a built zhinan binary into a reproducible release archive, with its SHA-256 checksum.

    python3 .ci/package.py --binary target/release/zhinan --target x86_64-unknown-linux-gnu --out dist

writes dist/zhinan-<version>-<target>.tar.gz (a .zip for a Windows target, or with --zip) and
dist/zhinan-<version>-<target>.tar.gz.sha256 (`<hash>  <name>`, as sha256sum -c reads it), and
prints the archive's path. The archive holds one folder, zhinan-<version>-<target>/, with:

    zhinan (zhinan.exe)   the binary
    README.md, LICENSE
    docs/                 every tracked file of docs/
    example/content/      the shipped example site (zhinan check --root example)

Reproducible: the same binary and the same commit give the same bytes. Entries are sorted by
name; every entry has the commit's time as its mtime (SOURCE_DATE_EPOCH when set, else the time
of HEAD's commit), owner and group 0 with no names, and mode 0755 (folders, the binary) or 0644;
the tar stream is gzip-compressed without a file name and with time 0 in the gzip header (what
`gzip -n` writes). The file list is git's (`git ls-files`), so untracked files never ship.

Used by .ci/package-check.sh (in .ci/run) and by .github/workflows/release.yml on every platform
(Python is the one tool the Linux, macOS and Windows runners share). Exit status 0, or 2 with a
message when it cannot pack.
"""

import argparse
import gzip
import hashlib
import io
import os
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def fail(message):
    print(f"package: {message}", file=sys.stderr)
    sys.exit(2)


def version():
    with open(ROOT / "Cargo.toml", "rb") as manifest:
        return tomllib.load(manifest)["package"]["version"]


def source_date_epoch():
    """SOURCE_DATE_EPOCH, else the committer time of HEAD: the same for every build of a commit."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return int(os.environ["SOURCE_DATE_EPOCH"])
    result = subprocess.run(
        ["git", "-C", str(ROOT), "log", "-1", "--format=%ct"],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0 or not result.stdout.strip():
        fail("no SOURCE_DATE_EPOCH and no git commit to take the archive's time from")
    return int(result.stdout.strip())


def tracked_files(folder):
    """The files git tracks under `folder`, sorted, as paths relative to the repository."""
    result = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "-z", "--", folder],
        capture_output=True,
    )
    if result.returncode != 0:
        fail(f"git ls-files {folder} failed: {result.stderr.decode(errors='replace').strip()}")
    names = [name for name in result.stdout.decode("utf-8").split("\0") if name]
    # A file deleted in the work tree but still in the index is skipped, not an error.
    return sorted(name for name in names if (ROOT / name).is_file())


def entries(binary, binary_name):
    """(name in the archive, path on disk, executable) for every file, sorted by name."""
    files = [(binary_name, Path(binary), True)]
    for name in ("README.md", "LICENSE"):
        if not (ROOT / name).is_file():
            fail(f"{name} is missing")
        files.append((name, ROOT / name, False))
    for name in tracked_files("docs"):
        files.append((name, ROOT / name, False))
    for name in tracked_files("content"):
        files.append(("example/" + name, ROOT / name, False))
    return sorted(files, key=lambda entry: entry[0])


def folders_of(names):
    """Every folder that the names need, each once, sorted."""
    folders = set()
    for name in names:
        parts = name.split("/")[:-1]
        for depth in range(1, len(parts) + 1):
            folders.add("/".join(parts[:depth]))
    return sorted(folders)


def write_tar_gz(path, top, files, mtime):
    stream = io.BytesIO()
    with tarfile.open(fileobj=stream, mode="w", format=tarfile.GNU_FORMAT) as tar:
        members = [(name, None, True) for name in [""] + folders_of(n for n, _, _ in files)]
        members += files
        members.sort(key=lambda member: member[0])
        for name, source, executable in members:
            info = tarfile.TarInfo(f"{top}/{name}" if name else top)
            info.mtime = mtime
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            if source is None:
                info.type = tarfile.DIRTYPE
                info.mode = 0o755
                tar.addfile(info)
                continue
            data = source.read_bytes()
            info.size = len(data)
            info.mode = 0o755 if executable else 0o644
            tar.addfile(info, io.BytesIO(data))
    with open(path, "wb") as raw:
        # No file name and time 0 in the gzip header, as `gzip -n`.
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
            gz.write(stream.getvalue())


def write_zip(path, top, files, mtime):
    import time

    # Zip times are local-time fields from 1980 on; the commit time in UTC, as the fields say.
    stamp = time.gmtime(max(mtime, 315532800))[:6]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        folders = [(name, None, True) for name in [""] + folders_of(n for n, _, _ in files)]
        for name, source, executable in sorted(folders + files, key=lambda member: member[0]):
            full_name = f"{top}/{name}" if name else top
            if source is None:
                full_name += "/"
            info = zipfile.ZipInfo(full_name, date_time=stamp)
            info.create_system = 3  # unix, so that the modes below are read
            if source is None:
                info.external_attr = (0o40755 << 16) | 0x10
                archive.writestr(info, b"")
                continue
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (0o100755 if executable else 0o100644) << 16
            archive.writestr(info, source.read_bytes())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", required=True, help="the built zhinan (zhinan.exe) to pack")
    parser.add_argument("--target", required=True, help="the Rust target triple, in the name")
    parser.add_argument("--out", required=True, help="folder for the archive and its checksum")
    parser.add_argument("--zip", action="store_true", help="a .zip (default for *-windows-*)")
    args = parser.parse_args()

    binary = Path(args.binary)
    if not binary.is_file():
        fail(f"no binary at {binary}: build it first (cargo build --release)")
    as_zip = args.zip or "windows" in args.target
    binary_name = "zhinan.exe" if "windows" in args.target else "zhinan"
    top = f"zhinan-{version()}-{args.target}"
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    archive = out / (top + (".zip" if as_zip else ".tar.gz"))
    files = entries(binary, binary_name)
    mtime = source_date_epoch()
    (write_zip if as_zip else write_tar_gz)(archive, top, files, mtime)

    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    # Binary mode and "\n" endings on every platform, so that sha256sum -c reads it anywhere.
    with open(str(archive) + ".sha256", "w", newline="\n") as checksum:
        checksum.write(f"{digest}  {archive.name}\n")
    print(archive)


if __name__ == "__main__":
    main()
