//! Build script: the version text `zhinan --version` prints, with the git commit when the
//! crate is built in a git checkout (`0.1.0 (3ec7c18)`), plain (`0.1.0`) otherwise.

use std::process::Command;

fn git(arguments: &[&str]) -> Option<String> {
    let output = Command::new("git").args(arguments).output().ok()?;
    if !output.status.success() {
        return None;
    }
    let text = String::from_utf8(output.stdout).ok()?.trim().to_string();
    (!text.is_empty()).then_some(text)
}

fn main() {
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let text = match git(&["rev-parse", "--short", "HEAD"]) {
        Some(commit) => format!("{version} ({commit})"),
        None => version,
    };
    println!("cargo:rustc-env=ZHINAN_VERSION_TEXT={text}");
    // Rebuilt when HEAD or its branch moves (a commit, a checkout).
    let branch = git(&["symbolic-ref", "-q", "HEAD"]);
    let branch_file = branch.and_then(|name| git(&["rev-parse", "--git-path", &name]));
    for path in [git(&["rev-parse", "--git-path", "HEAD"]), branch_file]
        .into_iter()
        .flatten()
    {
        println!("cargo:rerun-if-changed={path}");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
