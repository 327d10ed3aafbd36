//! Odd files under content/: a FIFO (whose open or read would wait forever), a symlinked item
//! file. `check` and `build` finish within seconds with a diagnostic that names the file.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::fixture_copy;

use common::TODAY;

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}

/// Runs zhinan, failing the test when it does not end within `limit` (and killing it).
fn zhinan_within(args: &[&str], limit: Duration) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_zhinan"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("zhinan {args:?} did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// Generous for a debug build on a busy machine; a blocking open never ends.
const LIMIT: Duration = Duration::from_secs(30);

#[test]
fn a_fifo_under_items_or_files_is_a_diagnostic_not_a_hang() {
    for fifo in ["content/items/pipe.yaml", "content/files/forms/pipe.docx"] {
        let site = fixture_copy("valid");
        mkfifo(&site.path().join(fifo));
        let root = site.path().to_str().unwrap();
        let check = zhinan_within(
            &["check", "--root", root, "--today", TODAY, "--lang", "en"],
            LIMIT,
        );
        let stdout = String::from_utf8_lossy(&check.stdout);
        assert_eq!(check.status.code(), Some(1), "{stdout}");
        assert!(
            stdout.contains(&format!("{fifo}:1:1")) && stdout.contains("not a regular file"),
            "{stdout}"
        );
        let out = site.path().join("public");
        let build = zhinan_within(
            &[
                "build",
                "--root",
                root,
                "--out",
                out.to_str().unwrap(),
                "--today",
                TODAY,
                "--lang",
                "en",
            ],
            LIMIT,
        );
        let stderr = String::from_utf8_lossy(&build.stderr);
        assert_eq!(build.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains("not a regular file"), "{stderr}");
        assert!(!out.exists());
    }
}

/// A link out of the site (an item file, a template, an asset) is reported and never read: not
/// even its first line is quoted in the report, which ends up in terminals and CI logs.
#[test]
fn links_out_of_the_site_are_reported_without_quoting_what_they_point_to() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.txt");
    std::fs::write(&secret, "SECRET-FIRST-LINE: do not print\nsecond line\n").unwrap();
    let site = fixture_copy("valid");
    let root = site.path();
    std::fs::create_dir_all(root.join("templates/assets")).unwrap();
    for link in [
        "content/items/zz-link.yaml",
        "templates/item.html",
        "templates/assets/style.css",
    ] {
        std::os::unix::fs::symlink(&secret, root.join(link)).unwrap();
    }
    for format in ["human", "json", "github", "sarif"] {
        let check = zhinan_within(
            &[
                "check",
                "--root",
                root.to_str().unwrap(),
                "--today",
                TODAY,
                "--format",
                format,
            ],
            LIMIT,
        );
        let output = format!(
            "{}{}",
            String::from_utf8_lossy(&check.stdout),
            String::from_utf8_lossy(&check.stderr)
        );
        assert_eq!(check.status.code(), Some(1), "{output}");
        for link in ["content/items/zz-link.yaml", "templates/item.html"] {
            assert!(output.contains(link), "{format}: {output}");
        }
        assert!(!output.contains("SECRET-FIRST-LINE"), "{format}: {output}");
    }
    let out = root.join("public");
    let build = common::build_site(root, &out, &[]);
    let output = String::from_utf8_lossy(&build.stderr);
    assert_eq!(build.status.code(), Some(1), "{output}");
    assert!(!output.contains("SECRET-FIRST-LINE"), "{output}");
    assert!(!out.exists());
}

#[test]
fn a_symlinked_item_file_is_named_as_a_symlink() {
    let site = fixture_copy("valid");
    let items = site.path().join("content/items");
    std::fs::rename(
        items.join("shipin-xuke.yaml"),
        site.path().join("shipin.yaml"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        site.path().join("shipin.yaml"),
        items.join("shipin-xuke.yaml"),
    )
    .unwrap();
    let check = zhinan_within(
        &[
            "check",
            "--root",
            site.path().to_str().unwrap(),
            "--today",
            TODAY,
            "--lang",
            "en",
        ],
        LIMIT,
    );
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert_eq!(check.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("content/items/shipin-xuke.yaml:1:1")
            && stdout.contains("this file is a symlink"),
        "{stdout}"
    );
}

/// A content file that is not UTF-8 text is reported at its first bad byte (or NUL), not at 1:1.
#[test]
fn text_that_is_not_utf8_is_reported_at_its_first_bad_byte() {
    let site = fixture_copy("valid");
    let items = site.path().join("content/items");
    std::fs::write(
        items.join("zz-gbk.yaml"),
        b"code: X-1\nname: \xd6\xd0\xff\n",
    )
    .unwrap();
    std::fs::write(items.join("zz-nul.yaml"), "code: X-2\nname: 食品\0\n").unwrap();
    let check = common::check_site(site.path(), &["--lang", "en"]);
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert_eq!(check.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("content/items/zz-gbk.yaml:2:7"), "{stdout}");
    assert!(stdout.contains("content/items/zz-nul.yaml:2:9"), "{stdout}");
}
