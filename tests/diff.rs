//! `zhinan diff` and the change history on fixture repositories made here with the `git` binary
//! (fixed author and committer dates, so every run gives the same commits): three commits over
//! tests/fixtures/valid with known edits — a renamed item file (same code), a material moved in
//! order, a fee, a time limit, a department phone, a wording change — and one that changes only
//! whitespace and comments. The outputs of all three formats are golden files under
//! tests/fixtures/diff/ (`ZHINAN_BLESS=1 cargo test --test diff` rewrites them).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{TODAY, copy_tree, fixture_path, zhinan};

fn git(root: &Path, args: &[&str], date: &str) {
    let output = Command::new("git")
        .args([
            "-c",
            "user.name=测试员",
            "-c",
            "user.email=test@example.org",
        ])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(root)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .output()
        .expect("run git (install it: apt-get install git)");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn replace(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no `{from}`", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// The fixture repository: commit 1 the valid site, commit 2 the edits, commit 3 whitespace.
/// Returns the folder (kept while the TempDir lives).
fn fixture_repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_tree(&fixture_path("valid"), root);
    git(root, &["init", "-q"], "2026-10-01T09:00:00+08:00");
    git(root, &["add", "-A"], "2026-10-01T09:00:00+08:00");
    git(
        root,
        &["commit", "-q", "-m", "初版"],
        "2026-10-01T09:00:00+08:00",
    );

    // Commit 2: the edits.
    let items = root.join("content/items");
    std::fs::create_dir_all(items.join("shipin")).unwrap();
    git(
        root,
        &[
            "mv",
            "content/items/shipin-xuke.yaml",
            "content/items/shipin/shipin-xuke-xinban.yaml",
        ],
        "2026-11-02T10:00:00+08:00",
    );
    let food = items.join("shipin/shipin-xuke-xinban.yaml");
    replace(&food, "amount: 每件 10 元", "amount: 每件 15 元");
    replace(
        &food,
        "promised: {value: 5, unit: 工作日}",
        "promised: {value: 3, unit: 工作日}",
    );
    replace(
        &food,
        "procedure:",
        "  - name: 食品安全管理制度\n    required: true\n    originals: 1\n    copies: 0\n    medium: 纸质\n    source: 申请人自备\nprocedure:",
    );
    let registration = items.join("dengji/geti-sheli.yaml");
    // The first material moved to the end.
    let text = std::fs::read_to_string(&registration).unwrap();
    let start = text.find("  - name: 个体工商户登记申请书").unwrap();
    let end = text.find("  - name: 经营者身份证明").unwrap();
    let first = text[start..end].to_string();
    let after = text.find("procedure:").unwrap();
    let moved = format!(
        "{}{}{first}{}",
        &text[..start],
        &text[end..after],
        &text[after..]
    );
    std::fs::write(&registration, moved).unwrap();
    replace(
        &registration,
        "text: 有经营能力的自然人",
        "text: 具有经营能力的自然人",
    );
    // Punctuation only: the one kind of 文字修改.
    replace(
        &registration,
        "note: 经营者本人签字。",
        "note: 经营者本人签字；",
    );
    replace(
        &root.join("content/departments/shipin.yaml"),
        "0000-1000020",
        "0000-1000029",
    );
    git(root, &["add", "-A"], "2026-11-02T10:00:00+08:00");
    git(
        root,
        &["commit", "-q", "-m", "食品经营许可：收费和承诺时限调整"],
        "2026-11-02T10:00:00+08:00",
    );

    // Commit 3: whitespace, a comment and flow style turned into block style only.
    replace(
        &food,
        "promised: {value: 3, unit: 工作日}",
        "promised:\n    value: 3    # 承诺时限\n    unit: 工作日",
    );
    replace(&food, "visits: 1", "\n\nvisits:   1");
    git(root, &["add", "-A"], "2026-11-20T15:30:00+08:00");
    git(
        root,
        &["commit", "-q", "-m", "格式整理"],
        "2026-11-20T15:30:00+08:00",
    );
    dir
}

fn diff(root: &Path, args: &[&str]) -> String {
    let mut all = vec!["diff", "--root", root.to_str().unwrap()];
    all.extend_from_slice(args);
    let output = zhinan(&all);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn golden(name: &str, actual: &str) {
    let path: PathBuf = fixture_path("diff").join(name);
    if std::env::var_os("ZHINAN_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} missing: run with ZHINAN_BLESS=1", path.display()));
    assert_eq!(actual, expected, "{name} differs from the golden file");
}

#[test]
fn the_diff_of_known_edits_in_every_format() {
    let repository = fixture_repository();
    let root = repository.path();
    let human = diff(root, &["HEAD~2", "HEAD~1"]);
    golden("human-zh.txt", &human);
    golden(
        "human-en.txt",
        &diff(root, &["HEAD~2", "HEAD~1", "--lang", "en"]),
    );
    golden(
        "pull-request.md",
        &diff(root, &["HEAD~2", "HEAD~1", "--format", "markdown"]),
    );
    let json = diff(root, &["HEAD~2", "HEAD~1", "--format", "json"]);
    golden("diff.json", &json);

    // What the golden files must say, whatever they were blessed with.
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let items = value["items"].as_array().unwrap();
    let food = items
        .iter()
        .find(|item| item["code"] == "SP-002")
        .expect("the food licence");
    assert_eq!(
        food["presence"], "changed",
        "a renamed file is the same item"
    );
    assert_eq!(food["id"], "shipin-xuke-xinban");
    assert_eq!(food["renamed_from"], "content/items/shipin-xuke.yaml");
    let changes = food["changes"].as_array().unwrap();
    let has = |path: &str, kind: &str| {
        changes.iter().any(|change| {
            change["kind"] == kind
                && change["path"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|step| step.as_str().unwrap())
                    .collect::<Vec<_>>()
                    .join(".")
                    == path
        })
    };
    assert!(has("fees.items.[工本费].amount", "changed"), "{changes:#?}");
    assert!(has("time_limit.promised", "changed"), "{changes:#?}");
    assert!(has("materials.[食品安全管理制度]", "added"), "{changes:#?}");
    let registration = items
        .iter()
        .find(|item| item["id"] == "geti-sheli")
        .unwrap();
    let changes = registration["changes"].as_array().unwrap();
    let moved: Vec<_> = changes
        .iter()
        .filter(|change| change["kind"] == "moved")
        .collect();
    assert_eq!(
        moved.len(),
        1,
        "one move, not a removal and an addition: {changes:#?}"
    );
    assert_eq!(moved[0]["path"][1], "[个体工商户登记申请书]");
    assert_eq!(
        (moved[0]["from"].as_u64(), moved[0]["to"].as_u64()),
        (Some(1), Some(3))
    );
    assert!(
        changes.iter().any(|change| change["kind"] == "wording"),
        "{changes:#?}"
    );
    assert!(
        !changes
            .iter()
            .any(|change| change["kind"] == "removed" || change["kind"] == "added"),
        "{changes:#?}"
    );
    let departments = value["departments"].as_array().unwrap();
    assert_eq!(departments.len(), 1);
    assert_eq!(departments[0]["changes"][0]["path"][0], "phone");

    assert!(human.contains(
        "文件由 content/items/shipin-xuke.yaml 改为 content/items/shipin/shipin-xuke-xinban.yaml"
    ));
    assert!(human.contains("申请材料「个体工商户登记申请书」：从第 1 项移到第 3 项"));
    assert!(human.contains("收费 › 收费项目「工本费」 › 收费标准：修改：每件 10 元 → 每件 15 元"));
}

#[test]
fn whitespace_and_comments_are_no_substantive_change() {
    let repository = fixture_repository();
    let root = repository.path();
    let text = diff(root, &["HEAD~1", "HEAD"]);
    assert!(text.contains("没有实质性变化"), "{text}");
    let json: serde_json::Value =
        serde_json::from_str(&diff(root, &["HEAD~1", "HEAD", "--format", "json"])).unwrap();
    assert_eq!(json["items"].as_array().unwrap().len(), 0);
    // The working tree is HEAD: no change either; TO defaults to it, FROM to HEAD.
    assert!(diff(root, &[]).contains("没有实质性变化"));
}

#[test]
fn the_working_tree_against_head_and_a_folder_against_another() {
    let repository = fixture_repository();
    let root = repository.path();
    replace(
        &root.join("content/items/shipin/shipin-xuke-xinban.yaml"),
        "name: 食品经营许可证",
        "name: 食品经营许可证（正、副本）",
    );
    let text = diff(root, &["--lang", "en"]);
    assert!(
        text.contains("result › name: changed: 食品经营许可证 → 食品经营许可证（正、副本）"),
        "{text}"
    );
    // Without git: --from-root names the older folder.
    let old = tempfile::tempdir().unwrap();
    copy_tree(&fixture_path("valid"), old.path());
    let copy = tempfile::tempdir().unwrap();
    copy_tree(&fixture_path("valid"), copy.path());
    let text = diff(
        copy.path(),
        &["--from-root", old.path().to_str().unwrap(), "--lang", "en"],
    );
    assert!(text.contains("no substantive changes"), "{text}");
}

#[test]
fn diff_cannot_run_without_a_repository_or_with_an_unknown_revision() {
    let copy = tempfile::tempdir().unwrap();
    copy_tree(&fixture_path("valid"), copy.path());
    let output = zhinan(&[
        "diff",
        "--root",
        copy.path().to_str().unwrap(),
        "--lang",
        "en",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("not in a git repository"));
    let repository = fixture_repository();
    let output = zhinan(&[
        "diff",
        "--root",
        repository.path().to_str().unwrap(),
        "no-such-revision",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no-such-revision"));
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|_| panic!("{}", path.display()))
}

/// Every file under `root`, by relative path, with its bytes.
fn tree(root: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .map(Result::unwrap)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            (
                entry
                    .path()
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                std::fs::read(entry.path()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn item_pages_show_the_history_and_the_site_lists_recent_changes() {
    let repository = fixture_repository();
    let root = repository.path();
    let out = tempfile::tempdir().unwrap();
    common::build_ok(root, out.path(), &[]);
    let page = read(&out.path().join("items/shipin-xuke-xinban/index.html"));
    let history = &page[page
        .find("<h2 id=\"h-history\">变更记录</h2>")
        .expect("a history")..];
    let history = &history[..history.find("</section>").unwrap()];
    // Newest first; the whitespace commit gives no entry; the rename keeps the first entry.
    let dates: Vec<&str> = history
        .match_indices("<time datetime=\"")
        .map(|(at, _)| &history[at + 16..at + 26])
        .collect();
    assert_eq!(dates, ["2026-11-02", "2026-10-01"], "{history}");
    assert!(
        history.contains("收费标准</strong>：修改：每件 10 元 → 每件 15 元"),
        "{history}"
    );
    assert!(history.contains("2026-10-01</time> 首次发布"), "{history}");
    assert!(
        history.contains(
            "<strong>页面网址</strong>：修改：items/shipin-xuke/ → items/shipin-xuke-xinban/"
        ),
        "{history}"
    );
    let changes = read(&out.path().join("changes/index.html"));
    assert!(changes.contains("食品经营许可（新办）"));
    // The first import is no news: only the commit of the edits is listed, department included.
    assert!(
        !changes.contains("首次发布") && !changes.contains("2026-10-01"),
        "{changes}"
    );
    assert!(
        changes.contains("股室<a href=\"/bszn/departments/shipin/\">食品经营监管股</a> 修改"),
        "{changes}"
    );
    assert!(
        changes.contains("<strong>电话</strong>：修改：0000-1000020 → 0000-1000029"),
        "{changes}"
    );
    assert!(
        changes.contains("href=\"/bszn/items/shipin-xuke-xinban/\"")
            || changes.contains("items/shipin-xuke-xinban/")
    );
    let feed = read(&out.path().join("feed.xml"));
    assert!(
        feed.contains("<content type=\"text\">2026-11-02 修改"),
        "{feed}"
    );
    assert!(read(&out.path().join("index.html")).contains("changes/\">最近更新</a>"));

    // history_limit: 1 keeps the newest entry only; 0 turns the history off.
    replace(
        &root.join("content/site.yaml"),
        "title:",
        "history_limit: 1\ntitle:",
    );
    let limited = tempfile::tempdir().unwrap();
    common::build_ok(root, limited.path(), &[]);
    let page = read(&limited.path().join("items/shipin-xuke-xinban/index.html"));
    assert_eq!(page.matches("<time datetime=\"2026-1").count(), 1, "{page}");
    // history_months counts back from --today: 2026-11-29 minus 1 month leaves 2026-11-02 only.
    replace(
        &root.join("content/site.yaml"),
        "history_limit: 1\n",
        "history_months: 1\n",
    );
    let recent = tempfile::tempdir().unwrap();
    common::build_ok(root, recent.path(), &[]);
    let page = read(&recent.path().join("items/shipin-xuke-xinban/index.html"));
    assert!(page.contains("2026-11-02</time>") && !page.contains("2026-10-01</time>"));
    assert!(TODAY == "2026-11-29");
}

#[test]
fn without_git_or_with_no_history_the_site_is_built_as_before() {
    let repository = fixture_repository();
    let root = repository.path();
    let with_git = tempfile::tempdir().unwrap();
    common::build_ok(root, with_git.path(), &["--no-history"]);
    let copy = tempfile::tempdir().unwrap();
    copy_tree(&fixture_path("valid"), copy.path());
    // The same content as HEAD, in no repository.
    std::fs::remove_dir_all(copy.path().join("content")).unwrap();
    copy_tree(&root.join("content"), &copy.path().join("content"));
    let without_git = tempfile::tempdir().unwrap();
    common::build_ok(copy.path(), without_git.path(), &[]);
    let (left, right) = (tree(with_git.path()), tree(without_git.path()));
    assert_eq!(
        left.keys().collect::<Vec<_>>(),
        right.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &left {
        assert!(bytes == &right[path], "{path} differs");
    }
    assert!(!left.contains_key("changes/index.html"));
    let page = String::from_utf8(left["items/shipin-xuke-xinban/index.html"].clone()).unwrap();
    assert!(!page.contains("变更记录"));
}

#[cfg(feature = "history")]
#[test]
fn serve_shows_uncommitted_changes() {
    // The history module is exercised through the library: the same call serve makes.
    let repository = fixture_repository();
    let root = repository.path();
    replace(
        &root.join("content/items/shipin/shipin-xuke-xinban.yaml"),
        "copies: 1",
        "copies: 2",
    );
    let loaded = zhinan::site::load_site(root, &Default::default()).unwrap();
    let uncommitted = zhinan::history::uncommitted_changes(root, &loaded.model, None);
    assert_eq!(uncommitted.len(), 1, "{uncommitted:?}");
    let lines = &uncommitted["shipin-xuke-xinban"];
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].field, "申请材料「营业执照」 › 复印件份数");
    assert_eq!(lines[0].text, "修改：1 → 2");
}

#[test]
fn a_version_that_cannot_be_read_is_no_removal_and_hides_no_change() {
    let repository = fixture_repository();
    let root = repository.path();
    let food = root.join("content/items/shipin/shipin-xuke-xinban.yaml");
    let good = read(&food);
    std::fs::write(
        &food,
        good.replace("name: 食品经营许可（新办）", "name: [食品经营许可"),
    )
    .unwrap();
    // The broken working tree against HEAD: a warning, no removal.
    let output = zhinan(&["diff", "--root", root.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "content/items/shipin/shipin-xuke-xinban.yaml cannot be read in working tree"
        ),
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(!stdout.contains("removed"), "{stdout}");
    git(
        root,
        &["commit", "-q", "-a", "-m", "坏了"],
        "2026-11-21T09:00:00+08:00",
    );
    // Fixed together with a fee change, and a control character in a note.
    std::fs::write(
        &food,
        good.replace("每件 15 元", "每件 20 元").replace(
            "issuer: 市场监督管理部门",
            "issuer: 市场监督管理部门\n    note: \"响铃\\a\"",
        ),
    )
    .unwrap();
    git(
        root,
        &["commit", "-q", "-a", "-m", "修好"],
        "2026-11-22T09:00:00+08:00",
    );
    let out = tempfile::tempdir().unwrap();
    common::build_ok(root, out.path(), &[]);
    let page = read(&out.path().join("items/shipin-xuke-xinban/index.html"));
    let history = &page[page.find("<h2 id=\"h-history\">").unwrap()..];
    let history = &history[..history.find("</section>").unwrap()];
    assert!(
        !history.contains("删除") && !history.contains("新增</strong>"),
        "{history}"
    );
    assert!(history.contains("2026-11-22</time> 修改"), "{history}");
    assert!(history.contains("每件 15 元 → 每件 20 元"), "{history}");
    // feed.xml carries the change and stays XML: no control character in it.
    let feed = read(&out.path().join("feed.xml"));
    assert!(feed.contains("每件 15 元 → 每件 20 元"), "{feed}");
    assert!(
        !feed
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')),
        "{feed}"
    );
}

#[test]
fn the_shipped_site_history_is_what_git_log_says() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if !root.join(".git").exists() {
        eprintln!("not a git checkout: the shipped site has no history to compare");
        return;
    }
    let out = tempfile::tempdir().unwrap();
    common::build_ok(root, out.path(), &[]);
    assert!(out.path().join("changes/index.html").exists());
    let mut compared = 0;
    for id in [
        "geti-sheli",
        "geti-biangeng",
        "duzi-qiye-sheli",
        "shipin-xuke",
        "xinxi-gongkai",
    ] {
        let Some(file) = walkdir::WalkDir::new(root.join("content/items"))
            .into_iter()
            .map(Result::unwrap)
            .find(|entry| entry.file_name().to_string_lossy() == format!("{id}.yaml"))
        else {
            continue;
        };
        let relative = file
            .path()
            .strip_prefix(root)
            .unwrap()
            .to_str()
            .unwrap()
            .to_string();
        let log = Command::new("git")
            .args([
                "log",
                "--format=%cd",
                "--date=format:%Y-%m-%d",
                "--",
                &relative,
            ])
            .current_dir(root)
            .output()
            .unwrap();
        let expected: Vec<String> = String::from_utf8_lossy(&log.stdout)
            .lines()
            .take(10)
            .map(str::to_string)
            .collect();
        if expected.is_empty() {
            continue; // a shallow clone
        }
        let page = read(&out.path().join(format!("items/{id}/index.html")));
        let history = &page[page.find("<h2 id=\"h-history\">").expect("a history")..];
        let history = &history[..history.find("</section>").unwrap()];
        let dates: Vec<String> = history
            .match_indices("<time datetime=\"")
            .map(|(at, _)| history[at + 16..at + 26].to_string())
            .collect();
        assert_eq!(dates, expected, "{relative}: {history}");
        compared += 1;
    }
    assert!(compared >= 3, "only {compared} items compared");
}

#[cfg(feature = "history")]
#[test]
fn a_revision_loads_with_the_same_diagnostics_as_the_files() {
    let repository = fixture_repository();
    let root = repository.path();
    let food = root.join("content/items/shipin/shipin-xuke-xinban.yaml");
    replace(&food, "medium: 纸质", "medium: 纸");
    replace(&food, "visits:   1", "visits: x");
    git(
        root,
        &["commit", "-q", "-a", "-m", "错误"],
        "2026-11-23T09:00:00+08:00",
    );
    let options = zhinan::site::LoadOptions {
        today: Some(TODAY.parse().unwrap()),
        ..Default::default()
    };
    let from_files = zhinan::site::load_site(root, &options).unwrap();
    let snapshot = zhinan::git::SiteRepository::discover(root)
        .unwrap()
        .snapshot("HEAD")
        .unwrap();
    let from_git = zhinan::site::load_site(
        root,
        &zhinan::site::LoadOptions {
            snapshot: Some(std::sync::Arc::new(snapshot)),
            ..options
        },
    )
    .unwrap();
    let located = |loaded: &zhinan::site::Loaded| -> Vec<String> {
        loaded
            .diagnostics
            .iter()
            .map(|d| {
                format!(
                    "{} {}:{}:{}",
                    d.rule.name(),
                    d.file,
                    d.span.start.line,
                    d.span.start.column
                )
            })
            .collect()
    };
    assert!(
        located(&from_files).len() >= 2,
        "{:?}",
        located(&from_files)
    );
    assert_eq!(located(&from_git), located(&from_files));
    assert_eq!(from_git.model.items.len(), from_files.model.items.len());
}

#[test]
fn site_settings_link_addresses_renames_and_review_dates() {
    let repository = fixture_repository();
    let root = repository.path();
    // site.yaml's redress and a link's address in a summary (with a small wording change).
    replace(
        &root.join("content/site.yaml"),
        "review: 测试县人民政府",
        "review: 测试市人民政府",
    );
    replace(
        &root.join("content/items/dengji/geti-sheli.yaml"),
        "详见[登记须知](/pages/guanyu/)。",
        "详见[登记须知](https://evil.example/phish)",
    );
    let text = diff(root, &[]);
    assert!(
        text.contains("网站设置（content/site.yaml）：修改\n  - 救济途径 › 行政复议机关：修改：测试县人民政府 → 测试市人民政府"),
        "{text}"
    );
    assert!(text.contains("（https://evil.example/phish）"), "{text}");
    git(
        root,
        &["commit", "-q", "-a", "-m", "复议机关"],
        "2026-11-24T09:00:00+08:00",
    );

    // A plain rename, then a commit that only re-dates the review.
    git(
        root,
        &[
            "mv",
            "content/items/dengji/geti-sheli.yaml",
            "content/items/dengji/getihu-sheli.yaml",
        ],
        "2026-11-25T09:00:00+08:00",
    );
    git(
        root,
        &["commit", "-q", "-m", "改名"],
        "2026-11-25T09:00:00+08:00",
    );
    replace(
        &root.join("content/items/dengji/getihu-sheli.yaml"),
        "updated: 2026-10-01",
        "updated: 2026-11-26",
    );
    git(
        root,
        &["commit", "-q", "-a", "-m", "复核"],
        "2026-11-26T09:00:00+08:00",
    );
    let out = tempfile::tempdir().unwrap();
    common::build_ok(root, out.path(), &[]);
    let page = read(&out.path().join("items/getihu-sheli/index.html"));
    assert!(
        page.contains("2026-11-25</time> 修改</strong></p><ul><li><strong>页面网址</strong>：修改：items/geti-sheli/ → items/getihu-sheli/"),
        "{page}"
    );
    let history = &page[page.find("<h2 id=\"h-history\">").unwrap()..];
    let history = &history[..history.find("</section>").unwrap()];
    assert!(
        !history.contains("2026-11-26"),
        "a new review date alone is no entry: {history}"
    );
    let changes = read(&out.path().join("changes/index.html"));
    assert!(changes.contains("网站设置 修改"), "{changes}");
    assert!(
        changes.contains("测试县人民政府 → 测试市人民政府"),
        "{changes}"
    );
    assert!(!changes.contains("2026-11-26"), "{changes}");
}

#[test]
fn a_hostile_base_url_gets_no_links_in_the_markdown() {
    let repository = fixture_repository();
    let root = repository.path();
    let markdown = diff(
        root,
        &[
            "HEAD~2",
            "HEAD~1",
            "--format",
            "markdown",
            "-u",
            "https://evil.example/x)**官方通知**[登录](https://evil.example/login",
        ],
    );
    assert!(!markdown.contains("](https://"), "{markdown}");
    assert!(!markdown.contains("**"), "{markdown}");
}

#[test]
fn max_chars_stops_the_list_and_says_how_much_was_left_out() {
    let repository = fixture_repository();
    let root = repository.path();
    let full = diff(root, &["HEAD~2", "HEAD~1", "--format", "markdown"]);
    let short = diff(
        root,
        &[
            "HEAD~2",
            "HEAD~1",
            "--format",
            "markdown",
            "--max-chars",
            "700",
        ],
    );
    assert!(short.chars().count() <= 700, "{short}");
    assert!(short.chars().count() < full.chars().count());
    // Three entries (two items, one department); the first fits, two are left out.
    assert!(short.contains("另有 2 项变化没有列出"), "{short}");
    assert!(
        short.contains("共 2 个事项有变化"),
        "the summary stays: {short}"
    );
    let human = diff(
        root,
        &["HEAD~2", "HEAD~1", "--lang", "en", "--max-chars", "1"],
    );
    assert!(human.contains("3 more entries not listed"), "{human}");
}
