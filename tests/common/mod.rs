//! Helpers shared by the integration tests: run the built binary, copy a fixture site into a
//! temporary folder, read output files. Each test crate uses some of them.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// "Today" for every test that runs the binary: the shipped site and the fixtures are reviewed
/// within 12 months of it, so `stale-review` stays quiet unless a test wants it.
pub const TODAY: &str = "2026-11-29";

/// `zhinan build --root <root> --out <out> --today TODAY <extra>`: the one build helper of the
/// tests; the caller asserts on the outcome.
pub fn build_site(root: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "build",
        "--root",
        root.to_str().expect("UTF-8 path"),
        "--out",
        out.to_str().expect("UTF-8 path"),
        "--today",
        TODAY,
    ];
    args.extend_from_slice(extra);
    zhinan(&args)
}

/// [`build_site`] that must succeed: panics with the build's messages otherwise.
pub fn build_ok(root: &Path, out: &Path, extra: &[&str]) {
    let output = build_site(root, out, extra);
    assert!(
        output.status.success(),
        "build failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// `zhinan check --root <root> --today TODAY <extra>`; the caller asserts on the outcome.
pub fn check_site(root: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "check",
        "--root",
        root.to_str().expect("UTF-8 path"),
        "--today",
        TODAY,
    ];
    args.extend_from_slice(extra);
    zhinan(&args)
}

/// Runs the built `zhinan` with `args`, colours off.
pub fn zhinan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zhinan"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run zhinan")
}

/// Copies the folder `from` (files and sub-folders) to `to`.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The fixture site `tests/fixtures/<name>`.
pub fn fixture_path(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A temporary copy of the fixture site `tests/fixtures/<name>`.
pub fn fixture_copy(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture_path(name), dir.path());
    dir
}

/// The text of `path`; a missing file fails the test with its path.
pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
