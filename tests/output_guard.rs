//! `zhinan build --out`: the folders it refuses (and that every refusal leaves every file as it
//! was), `--force`, repeated builds, a symlinked output, the lock, leftovers of interrupted builds
//! and the clean-up on SIGINT. Fixture sites are copied into temporary folders; the real binary
//! runs.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::{copy_tree, fixture_path, stderr, zhinan};

use common::TODAY;

/// A temporary folder holding the valid fixture site at `site/` and unrelated files beside it.
struct Place {
    dir: tempfile::TempDir,
}

impl Place {
    fn new() -> Place {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(&fixture_path("valid"), &dir.path().join("site"));
        std::fs::create_dir_all(dir.path().join("site/templates")).unwrap();
        std::fs::write(
            dir.path().join("site/templates/README.txt"),
            "the site's own templates\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("notes.txt"), "unrelated notes\n").unwrap();
        std::fs::create_dir_all(dir.path().join("docs")).unwrap();
        std::fs::write(dir.path().join("docs/plan.md"), "# an unrelated folder\n").unwrap();
        Place { dir }
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    fn site(&self) -> PathBuf {
        self.path("site")
    }

    fn build(&self, out: &Path, extra: &[&str]) -> Output {
        let site = self.site();
        let mut args = vec![
            "build",
            "--root",
            site.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--today",
            TODAY,
            "--lang",
            "en",
        ];
        args.extend_from_slice(extra);
        zhinan(&args)
    }

    /// Every entry under the place: a file's bytes, a folder, a symlink's target.
    fn snapshot(&self) -> BTreeMap<PathBuf, String> {
        snapshot(self.dir.path())
    }
}

fn snapshot(root: &Path) -> BTreeMap<PathBuf, String> {
    walkdir::WalkDir::new(root)
        .follow_links(false)
        .into_iter()
        .map(Result::unwrap)
        .map(|entry| {
            let kind = entry.file_type();
            let value = if kind.is_symlink() {
                format!(
                    "link {}",
                    std::fs::read_link(entry.path()).unwrap().display()
                )
            } else if kind.is_dir() {
                "folder".to_string()
            } else {
                let bytes = std::fs::read(entry.path()).unwrap();
                format!("file {} {:?}", bytes.len(), fingerprint(&bytes))
            };
            (
                entry.path().strip_prefix(root).unwrap().to_path_buf(),
                value,
            )
        })
        .collect()
}

/// FNV-1a of the bytes (enough to tell a changed file).
fn fingerprint(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf29ce484222325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x100000001b3)
    })
}

fn assert_refused(place: &Place, out: &Path, extra: &[&str], reason: &str) {
    let before = place.snapshot();
    let output = place.build(out, extra);
    let message = stderr(&output);
    assert_eq!(
        output.status.code(),
        Some(2),
        "{}: {message}",
        out.display()
    );
    assert!(
        message.contains(&format!("`{}`", out.display())),
        "the message names the folder: {message}"
    );
    assert!(
        message.contains(reason),
        "expected {reason:?} in: {message}"
    );
    assert_eq!(
        place.snapshot(),
        before,
        "refusing {} {extra:?} changed files",
        out.display()
    );
}

#[test]
fn the_site_its_parents_its_sources_and_files_are_refused_even_with_force() {
    let place = Place::new();
    // An earlier build, which must survive every refusal too.
    assert!(
        place
            .build(&place.path("site/public"), &[])
            .status
            .success()
    );
    std::fs::create_dir_all(place.path("site/content/items/out")).unwrap();
    for force in [&[][..], &["--force"][..]] {
        assert_refused(&place, &place.site(), force, "it is the site root");
        assert_refused(&place, &place.path("site/."), force, "it is the site root");
        assert_refused(&place, place.dir.path(), force, "it holds the site root");
        assert_refused(&place, Path::new("/"), force, "it holds the site root");
        assert_refused(
            &place,
            &place.path("site/content"),
            force,
            "inside content/",
        );
        assert_refused(
            &place,
            &place.path("site/content/items/out"),
            force,
            "inside content/",
        );
        assert_refused(
            &place,
            &place.path("site/content/new-folder"),
            force,
            "inside content/",
        );
        assert_refused(
            &place,
            &place.path("site/public/../content"),
            force,
            "inside content/",
        );
        assert_refused(
            &place,
            &place.path("site/templates"),
            force,
            "inside templates/",
        );
        assert_refused(
            &place,
            &place.path("notes.txt"),
            force,
            "it is a file, not a folder",
        );
    }
    // A symlink is followed: one into content/ is refused like content/ itself.
    std::os::unix::fs::symlink(place.path("site/content"), place.path("into-content")).unwrap();
    assert_refused(
        &place,
        &place.path("into-content"),
        &["--force"],
        "inside content/",
    );
    std::os::unix::fs::symlink(place.path("nowhere"), place.path("dangling")).unwrap();
    assert_refused(
        &place,
        &place.path("dangling"),
        &["--force"],
        "a symlink to a place that does not exist",
    );
}

#[test]
fn the_refusal_is_in_chinese_by_default() {
    let place = Place::new();
    let site = place.site();
    let output = zhinan(&[
        "build",
        "--root",
        site.to_str().unwrap(),
        "--out",
        site.join("content").to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("生成会覆盖站点的源文件"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn force_replaces_a_folder_zhinan_did_not_make_only_when_given() {
    let place = Place::new();
    let docs = place.path("docs");
    assert_refused(&place, &docs, &[], "zhinan did not make it");
    let output = place.build(&docs, &["--force"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!docs.join("plan.md").exists());
    assert!(docs.join("index.html").is_file());
    assert!(docs.join(".zhinan").is_file());
    // From now on it is zhinan's own output.
    assert!(place.build(&docs, &[]).status.success());
}

#[test]
fn repeated_builds_need_no_flag() {
    let place = Place::new();
    // The default <root>/public, twice.
    let site = place.site();
    for _ in 0..2 {
        let output = zhinan(&["build", "--root", site.to_str().unwrap(), "--today", TODAY]);
        assert!(output.status.success(), "{}", stderr(&output));
    }
    let marker = std::fs::read(site.join("public/.zhinan")).unwrap();
    // Another output, twice; the marker is the same every time.
    let out = place.path("www");
    for _ in 0..2 {
        let output = place.build(&out, &[]);
        assert!(output.status.success(), "{}", stderr(&output));
    }
    assert_eq!(std::fs::read(out.join(".zhinan")).unwrap(), marker);
    // An earlier build without the marker (made before it existed) is recognised.
    std::fs::remove_file(out.join(".zhinan")).unwrap();
    assert!(place.build(&out, &[]).status.success());
    // An empty folder needs no flag either.
    let empty = place.path("empty");
    std::fs::create_dir(&empty).unwrap();
    assert!(place.build(&empty, &[]).status.success());
    // Nothing is left beside the outputs: no lock, no staging folder.
    let mut names: Vec<String> = std::fs::read_dir(place.dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["docs", "empty", "notes.txt", "site", "www"]);
}

#[test]
fn a_symlinked_out_is_published_into_its_target_and_stays_a_link() {
    let place = Place::new();
    let target = place.path("www-real");
    std::fs::create_dir(&target).unwrap();
    let link = place.path("www");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    for _ in 0..2 {
        let output = place.build(&link, &[]);
        assert!(output.status.success(), "{}", stderr(&output));
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink(),
            "the link was replaced"
        );
        assert_eq!(std::fs::read_link(&link).unwrap(), target);
        assert!(target.join("index.html").is_file());
    }
}

/// The id of a process that has ended.
fn a_finished_process() -> u32 {
    let mut child = Command::new("true").spawn().unwrap();
    let id = child.id();
    child.wait().unwrap();
    id
}

#[test]
fn leftovers_of_interrupted_builds_are_removed_by_the_next_build() {
    let place = Place::new();
    let out = place.path("www");
    assert!(place.build(&out, &[]).status.success());
    let dead = a_finished_process();
    let staging = place.path(&format!("www.staging-{dead}"));
    let old = place.path(&format!("www.old-{dead}"));
    std::fs::create_dir_all(staging.join("items")).unwrap();
    // A staging folder gets zhinan's marker before anything else.
    std::fs::write(
        staging.join(zhinan::write::output_folder::MARKER_FILE),
        zhinan::write::output_folder::MARKER_TEXT,
    )
    .unwrap();
    std::fs::write(staging.join("items/half.html"), "<p>half").unwrap();
    copy_tree(&out, &old);
    // A folder that only has the name of a leftover, without zhinan's marker, is not zhinan's.
    let lookalike = place.path("www.old-4194399");
    std::fs::create_dir(&lookalike).unwrap();
    std::fs::write(lookalike.join("thesis.txt"), "precious").unwrap();
    // A folder of a running process (this test) and an unrelated name stay.
    let running = place.path(&format!("www.staging-{}", std::process::id()));
    std::fs::create_dir(&running).unwrap();
    let unrelated = place.path("www.staging-notes");
    std::fs::create_dir(&unrelated).unwrap();
    let output = place.build(&out, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!staging.exists() && !old.exists(), "{}", stderr(&output));
    assert!(running.exists() && unrelated.exists());
    assert_eq!(
        std::fs::read_to_string(lookalike.join("thesis.txt")).unwrap(),
        "precious"
    );
    assert!(stderr(&output).contains("left over by an interrupted build"));

    // Killed between its two renames: the output is missing and the previous one is aside.
    std::fs::rename(&out, &old).unwrap();
    let before = snapshot(&old);
    let output = place.build(&out, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).contains("restored the previous site"));
    assert!(!old.exists());
    assert_eq!(
        snapshot(&out),
        before,
        "the build of the same content differs"
    );
}

#[test]
fn a_second_build_waits_for_the_lock_of_the_first() {
    let place = Place::new();
    let out = place.path("www");
    let lock_path = place.path(".www.zhinan-lock");
    let lock = std::fs::File::create(&lock_path).unwrap();
    lock.lock().unwrap();
    let site = place.site();
    let child = Command::new(env!("CARGO_BIN_EXE_zhinan"))
        .args(["build", "--root", site.to_str().unwrap(), "--lang", "en"])
        .args(["--out", out.to_str().unwrap(), "--today", TODAY])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut child = child;
    std::thread::sleep(Duration::from_millis(1500));
    assert!(
        child.try_wait().unwrap().is_none(),
        "the build did not wait"
    );
    assert!(!out.exists(), "the build wrote while another held the lock");
    drop(lock);
    let output = child.wait_with_output().unwrap();
    let message = stderr(&output);
    assert!(output.status.success(), "{message}");
    assert!(
        message.contains("another zhinan build is publishing"),
        "{message}"
    );
    assert!(out.join("index.html").is_file());
    assert!(!lock_path.exists(), "the lock file stays");
}

#[test]
fn sigint_removes_the_staging_folder_and_keeps_the_output() {
    let place = Place::new();
    let site = place.site();
    // Enough items that the build takes a while.
    let item = std::fs::read_to_string(site.join("content/items/shipin-xuke.yaml")).unwrap();
    for number in 0..600 {
        std::fs::write(
            site.join(format!("content/items/copy-{number}.yaml")),
            item.replace("code: SP-002", &format!("code: CP-{number:04}")),
        )
        .unwrap();
    }
    let out = place.path("www");
    let first = place.build(&out, &[]);
    assert!(first.status.success(), "{}", stderr(&first));
    let before = snapshot(&out);
    let mut child = Command::new(env!("CARGO_BIN_EXE_zhinan"))
        .args(["build", "--root", site.to_str().unwrap()])
        .args(["--out", out.to_str().unwrap(), "--today", TODAY])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let staging = place.path(&format!("www.staging-{}", child.id()));
    let started = Instant::now();
    while !staging.join("items").exists() {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the build ended before it could be interrupted"
        );
        assert!(started.elapsed() < Duration::from_secs(60));
        std::thread::sleep(Duration::from_millis(5));
    }
    let killed = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130));
    assert!(!staging.exists(), "the staging folder stays");
    assert!(
        !place.path(".www.zhinan-lock").exists(),
        "the lock file stays"
    );
    assert_eq!(snapshot(&out), before, "the output changed");
}
