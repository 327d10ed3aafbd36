//! Nothing private is published: hidden files and folders, editor and OS leftovers under
//! content/files/ are neither copied by `build` nor served by `serve`, and `check` warns about
//! each (rule `private-file`) without quoting it (a `.env` holds secrets).

use std::path::Path;

mod common;
use common::{fixture_copy, stderr, zhinan};

use common::TODAY;
const SECRET: &str = "hunter2-secret";

/// Every private name the rule knows, under content/files/ of a copy of the valid fixture.
const PRIVATE: &[&str] = &[
    ".env",
    ".git/config",
    ".git/objects/ab/cdef",
    "forms/.DS_Store",
    "forms/Thumbs.db",
    "forms/geti-shenqingshu.docx~",
    "forms/~$ti-shenqingshu.docx",
    "forms/upload.tmp",
    "forms/.geti-shenqingshu.docx.swp",
    "samples/desktop.ini",
];

fn site_with_private_files() -> tempfile::TempDir {
    let site = fixture_copy("valid");
    // git's placeholder: not published, and no warning.
    std::fs::write(site.path().join("content/files/samples/.gitkeep"), "").unwrap();
    for relative in PRIVATE {
        let path = site.path().join("content/files").join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, format!("PASSWORD={SECRET}\n")).unwrap();
    }
    site
}

#[test]
fn check_warns_once_per_private_file_or_hidden_folder_without_quoting_it() {
    let site = site_with_private_files();
    let root = site.path().to_str().unwrap();
    let output = zhinan(&["check", "--root", root, "--today", TODAY, "--lang", "en"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "warnings only: {stdout}");
    assert!(
        !stdout.contains(SECRET),
        "a private file was quoted: {stdout}"
    );
    let warned: Vec<&str> = stdout
        .lines()
        .filter_map(|line| line.strip_prefix(" --> content/files/"))
        .collect();
    assert_eq!(
        warned,
        [
            ".env:1:1",
            ".git/:1:1",
            "forms/.DS_Store:1:1",
            "forms/.geti-shenqingshu.docx.swp:1:1",
            "forms/Thumbs.db:1:1",
            "forms/geti-shenqingshu.docx~:1:1",
            "forms/upload.tmp:1:1",
            "forms/~$ti-shenqingshu.docx:1:1",
            "samples/desktop.ini:1:1",
        ],
        "{stdout}"
    );
    assert_eq!(
        stdout.matches("warning[private-file]").count(),
        9,
        "{stdout}"
    );
    // JSON output too: the rule and severity.
    let output = zhinan(&[
        "check", "--root", root, "--today", TODAY, "--format", "json",
    ]);
    let json = String::from_utf8_lossy(&output.stdout);
    assert!(json.contains("\"private-file\""), "{json}");
    assert!(!json.contains(SECRET));
}

#[test]
fn build_copies_no_private_file() {
    let site = site_with_private_files();
    let out = site.path().join("public");
    let output = common::build_site(site.path(), &out, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!stderr(&output).contains(SECRET));
    let published: Vec<String> = walkdir::WalkDir::new(out.join("files"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|entry| !entry.file_type().is_dir())
        .map(|entry| {
            entry
                .path()
                .strip_prefix(out.join("files"))
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    let mut published = published;
    published.sort();
    assert_eq!(
        published,
        [
            "forms/geti-shenqingshu.docx",
            "forms/weituoshu.docx",
            "samples/geti-shenqingshu-yangben.docx",
            "samples/weituoshu-yangben.docx"
        ]
    );
    // Nowhere in the site, under any name.
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let bytes = std::fs::read(entry.path()).unwrap();
            assert!(
                !String::from_utf8_lossy(&bytes).contains(SECRET),
                "{}",
                entry.path().display()
            );
        }
    }
    assert!(!Path::new(&out.join("files/.git")).exists());
}
