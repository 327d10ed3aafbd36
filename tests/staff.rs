//! For office staff: `init` makes a site that checks clean and builds, `new` writes a file of
//! every key whose only diagnostics are its unfilled values, `check FILE` reports only the named
//! files, `--help` speaks the locale's language, short flags, completions, the version.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{fixture_copy, read, stderr};

use common::TODAY;

/// Runs zhinan in `dir` with the locale `lang`.
fn run_in(dir: &Path, lang: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zhinan"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", lang)
        .output()
        .expect("run zhinan")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn has_chinese(text: &str) -> bool {
    text.chars()
        .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || "，：（）“”。、".contains(c))
}

#[test]
fn init_makes_a_site_that_checks_clean_and_builds() {
    let dir = tempfile::tempdir().unwrap();
    let output = run_in(dir.path(), "zh_CN.UTF-8", &["init", "x", "--today", TODAY]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("已在 `x` 创建新站点"),
        "{}",
        stdout(&output)
    );
    let site = dir.path().join("x");
    for file in [
        "content/site.yaml",
        "content/departments/dengji.yaml",
        "content/laws/xzxkf.yaml",
        "content/items/dengji/geti-sheli.yaml",
        "content/pages/guanyu.md",
        "content/files/forms/geti-shenqingshu.docx",
        "content/files/samples/geti-shenqingshu-yangben.docx",
    ] {
        assert!(site.join(file).is_file(), "{file}");
    }
    // Every key line of the example item follows a Chinese comment.
    let item = read(&site.join("content/items/dengji/geti-sheli.yaml"));
    assert!(item.contains(&format!("updated: {TODAY}")), "{item}");
    let check = run_in(&site, "zh_CN.UTF-8", &["check", "--today", TODAY]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
    assert!(stdout(&check).contains("未发现问题"), "{}", stdout(&check));
    let build = run_in(&site, "zh_CN.UTF-8", &["build", "--today", TODAY]);
    assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
    assert!(site.join("public/items/geti-sheli/index.html").is_file());
    assert!(stderr(&build).starts_with("已生成 "), "{}", stderr(&build));
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    let output = run_in(dir.path(), "zh_CN.UTF-8", &["init", "."]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("不是空文件夹"),
        "{}",
        stderr(&output)
    );
    assert_eq!(read(&dir.path().join("notes.txt")), "mine");
    assert!(!dir.path().join("content").exists());
}

#[test]
fn new_item_shows_only_the_unfilled_values_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    run_in(dir.path(), "zh_CN.UTF-8", &["init", "x", "--today", TODAY]);
    let site = dir.path().join("x");
    let output = run_in(
        &site,
        "zh_CN.UTF-8",
        &["new", "item", "dengji/abc", "--today", TODAY],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let file = site.join("content/items/dengji/abc.yaml");
    let text = read(&file);
    assert!(text.contains("\ndepartment: dengji\n"), "{text}");
    assert!(text.contains(&format!("\nupdated: {TODAY}\n")), "{text}");
    assert!(text.contains("# 事项名称"), "{text}");
    // `new` printed the new file's diagnostics.
    assert!(
        stdout(&output).contains("content/items/dengji/abc.yaml:"),
        "{}",
        stdout(&output)
    );

    let check = run_in(
        &site,
        "zh_CN.UTF-8",
        &["check", "--today", TODAY, "--format", "json"],
    );
    assert_eq!(check.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert!(!diagnostics.is_empty());
    for diagnostic in diagnostics {
        assert_eq!(
            diagnostic["file"], "content/items/dengji/abc.yaml",
            "{diagnostic}"
        );
        let rule = diagnostic["rule"].as_str().unwrap();
        assert!(
            [
                "missing-field",
                "fee-unspecified",
                "no-substitute",
                "no-appointment"
            ]
            .contains(&rule),
            "not an unfilled value: {diagnostic}"
        );
        assert!(
            has_chinese(diagnostic["message"].as_str().unwrap()),
            "{diagnostic}"
        );
    }
    // Every required key of the item is named.
    let named: Vec<&str> = diagnostics
        .iter()
        .filter_map(|d| d["message"].as_str())
        .collect();
    for key in ["`code`", "`name`", "`type`", "`audience`", "`visits`"] {
        assert!(named.iter().any(|m| m.contains(key)), "{key} in {named:?}");
    }
    // An empty key is reported at its own line, not at the top of the file.
    let name_line = text.lines().position(|line| line == "name:").unwrap() + 1;
    let name = diagnostics
        .iter()
        .find(|d| d["message"] == "必填字段 `name` 是空的")
        .expect("the empty name");
    assert_eq!(name["line"].as_u64(), Some(name_line as u64), "{name}");
}

#[test]
fn new_never_overwrites_and_checks_ids() {
    let site = fixture_copy("valid");
    let root = site.path();
    let existing = root.join("content/items/dengji/geti-sheli.yaml");
    let before = read(&existing);
    let output = run_in(root, "zh_CN.UTF-8", &["new", "item", "dengji/geti-sheli"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("已经存在"), "{}", stderr(&output));
    assert_eq!(read(&existing), before);
    let output = run_in(root, "C", &["new", "item", "Dengji/abc", "--lang", "en"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("is not a valid id"),
        "{}",
        stderr(&output)
    );
    for (kind, id, path) in [
        ("department", "zonghe", "content/departments/zonghe.yaml"),
        ("law", "xzfy", "content/laws/xzfy.yaml"),
        ("page", "lianxi", "content/pages/lianxi.md"),
    ] {
        let output = run_in(root, "zh_CN.UTF-8", &["new", kind, id]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let text = read(&root.join(path));
        assert!(text.contains("title:") || text.contains("name:"), "{text}");
    }
    assert!(read(&root.join("content/pages/lianxi.md")).starts_with("---\n"));
}

#[test]
fn check_of_named_files_reports_only_those() {
    let site = fixture_copy("valid");
    let root = site.path();
    std::fs::write(
        root.join("content/items/broken.yaml"),
        "code: \"0999\"\nname: 坏事项\n",
    )
    .unwrap();
    let clean = run_in(
        root,
        "C",
        &[
            "check",
            "--lang",
            "en",
            "--today",
            TODAY,
            "content/items/dengji/geti-sheli.yaml",
        ],
    );
    assert_eq!(clean.status.code(), Some(0), "{}", stdout(&clean));
    assert!(
        stdout(&clean).contains("no problems found (1 file checked)"),
        "{}",
        stdout(&clean)
    );
    let broken = run_in(
        root,
        "C",
        &["check", "--today", TODAY, "content/items/broken.yaml"],
    );
    assert_eq!(broken.status.code(), Some(1));
    assert!(stdout(&broken).contains("content/items/broken.yaml"));
    assert!(!stdout(&broken).contains("geti-sheli.yaml:"));
    // A folder stands for the files under it.
    let folder = run_in(
        root,
        "C",
        &["check", "--lang", "en", "content/items/dengji"],
    );
    assert_eq!(folder.status.code(), Some(0), "{}", stdout(&folder));
    let items = run_in(root, "C", &["check", "--lang", "en", "content/items"]);
    assert_eq!(items.status.code(), Some(1), "{}", stdout(&items));
    // A file outside the site (or missing) cannot be checked.
    let missing = run_in(root, "C", &["check", "content/items/nope.yaml"]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn help_is_chinese_in_a_chinese_locale_and_english_in_c() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["--help"][..],
        &["build", "--help"][..],
        &["check", "-h"][..],
    ] {
        let zh = run_in(dir.path(), "zh_CN.UTF-8", args);
        assert_eq!(zh.status.code(), Some(0));
        let text = stdout(&zh);
        assert!(text.contains("用法：") && text.contains("选项："), "{text}");
        assert!(text.contains("显示帮助"), "{text}");
        assert!(
            !text.contains("Print help") && !text.contains("Usage:"),
            "{text}"
        );
        let en = run_in(dir.path(), "C", args);
        assert_eq!(en.status.code(), Some(0));
        let text = stdout(&en);
        assert!(text.contains("Usage:"), "{text}");
        assert!(!has_chinese(&text), "Chinese in English help: {text}");
    }
    let build = stdout(&run_in(dir.path(), "zh_CN.UTF-8", &["build", "--help"]));
    assert!(build.contains("输出文件夹"), "{build}");
    assert!(build.contains("-o, --out"), "{build}");
}

#[test]
fn english_build_lines_have_no_chinese_and_right_plurals() {
    let site = fixture_copy("valid");
    let root = site.path();
    let build = run_in(
        root,
        "C",
        &["build", "--lang", "en", "--today", TODAY, "-o", "out"],
    );
    assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
    let text = stderr(&build);
    assert!(
        text.starts_with("built ") && text.contains(" items, "),
        "{text}"
    );
    assert!(!has_chinese(&text), "{text}");
    std::fs::write(root.join("content/items/broken.yaml"), "code: \"0999\"\n").unwrap();
    let refused = run_in(
        root,
        "C",
        &["build", "--lang", "en", "--today", TODAY, "-o", "out"],
    );
    assert_eq!(refused.status.code(), Some(1));
    let text = stderr(&refused);
    assert!(
        text.contains("build refused: fix the errors above"),
        "{text}"
    );
    assert!(text.contains(" in 1 file\n"), "{text}");
    let zh = run_in(
        root,
        "C",
        &["build", "--lang", "zh", "--today", TODAY, "-o", "out"],
    );
    assert!(
        stderr(&zh).contains("未生成：请先修正上面的错误"),
        "{}",
        stderr(&zh)
    );
}

#[test]
fn rules_severity_column_follows_the_language() {
    let dir = tempfile::tempdir().unwrap();
    let zh = stdout(&run_in(dir.path(), "zh_CN.UTF-8", &["rules"]));
    assert!(zh.lines().any(|line| line.contains(" 错误 ")), "{zh}");
    let en = stdout(&run_in(dir.path(), "C", &["rules"]));
    assert!(en.lines().any(|line| line.contains(" error ")), "{en}");
    // English summaries carry Chinese only as backticked examples.
    for line in en.lines() {
        let outside: String = line.split('`').step_by(2).collect();
        assert!(!has_chinese(&outside), "{line}");
    }
}

#[test]
fn completions_version_and_short_flags() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let output = run_in(dir.path(), "C", &["completions", shell]);
        assert_eq!(output.status.code(), Some(0), "{shell}");
        assert!(stdout(&output).contains("zhinan"), "{shell}");
        assert!(stdout(&output).contains("root"), "{shell}");
        assert!(stdout(&output).contains("completions"), "{shell}");
    }
    let version = stdout(&run_in(dir.path(), "C", &["--version"]));
    assert!(version.starts_with("zhinan 0."), "{version}");
    let site = fixture_copy("valid");
    let root = site.path().display().to_string();
    let quiet = run_in(
        dir.path(),
        "C",
        &["check", "-q", "-r", &root, "--today", TODAY],
    );
    assert_eq!(quiet.status.code(), Some(0));
    assert_eq!(stdout(&quiet), "");
    std::fs::write(
        site.path().join("content/items/broken.yaml"),
        "code: \"0999\"\n",
    )
    .unwrap();
    let colored = run_in(
        dir.path(),
        "C",
        &["check", "--color", "always", "-r", &root],
    );
    assert_eq!(colored.status.code(), Some(1));
    assert!(stdout(&colored).contains("\u{1b}["), "{}", stdout(&colored));
    let plain = run_in(dir.path(), "C", &["check", "--color", "never", "-r", &root]);
    assert!(!stdout(&plain).contains('\u{1b}'), "{}", stdout(&plain));
}

#[test]
fn serve_speaks_chinese_in_its_log() {
    use std::io::BufRead;
    let site = fixture_copy("valid");
    let root = site.path();
    let mut child = Command::new(env!("CARGO_BIN_EXE_zhinan"))
        .args([
            "serve", "--port", "0", "--today", TODAY, "--lang", "zh", "--root",
        ])
        .arg(root)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let mut start = Vec::new();
    let serving = loop {
        let line = lines.next().expect("serve's start lines").unwrap();
        if line.starts_with("预览地址 ") {
            break line;
        }
        start.push(line);
        assert!(start.len() < 5, "{start:?}");
    };
    assert!(
        serving.starts_with("预览地址 http://127.0.0.1:"),
        "{serving}"
    );
    assert!(serving.contains("按 Ctrl-C 停止"), "{serving}");
    // The first build's line: `读取了 2 个事项，生成 28 个页面，用时 99 毫秒`.
    assert!(
        start.iter().any(|line| line.contains("读取了 2 个事项")),
        "{start:?}"
    );
    let file = root.join("content/pages/guanyu.md");
    let text = read(&file).replace("本指南", "本办事指南");
    std::fs::write(&file, text).unwrap();
    let mut changed = None;
    for line in lines.by_ref().take(10) {
        let line = line.unwrap();
        if line.contains("已修改") {
            changed = Some(line);
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    let changed = changed.expect("a Chinese rebuild line");
    assert!(
        changed.contains("content/pages/guanyu.md 已修改"),
        "{changed}"
    );
    let words = changed.replace("content/pages/guanyu.md", "");
    for english in ["changed", "rendered", "page", "item", " in ", " ms"] {
        assert!(!words.contains(english), "{english} in {changed}");
    }
}

#[test]
fn open_says_when_no_browser_is_found() {
    use std::io::BufRead;
    let site = fixture_copy("valid");
    let empty = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_zhinan"))
        .args(["serve", "--port", "0", "--lang", "en", "--open", "--root"])
        .arg(site.path())
        .env("PATH", empty.path())
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let line = std::io::BufReader::new(child.stderr.take().unwrap())
        .lines()
        .next()
        .map(|line| line.unwrap());
    let _ = child.kill();
    let _ = child.wait();
    let line = line.expect("a warning on stderr");
    assert!(
        line.starts_with("warning: no browser found to open the preview"),
        "{line}"
    );
    assert!(line.contains("open http://127.0.0.1:"), "{line}");
}

#[test]
fn an_unknown_law_suggests_the_nearest_by_id_and_by_title() {
    let site = fixture_copy("valid");
    let root = site.path();
    let item = root.join("content/items/dengji/geti-sheli.yaml");
    std::fs::write(
        &item,
        read(&item)
            .replacen("- law: djtl", "- law: djlt", 1)
            .replacen(
                "{law: xzxkf, article: 第三十条}",
                "{law: 行政许可法, article: 第三十条}",
                1,
            ),
    )
    .unwrap();
    let output = run_in(root, "C", &["check", "--lang", "en", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let helps: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "unresolved-reference")
        .filter_map(|d| d["help"].as_str())
        .collect();
    assert!(
        helps.iter().any(|h| h.starts_with("did you mean `djtl`?")),
        "{helps:?}"
    );
    assert!(
        helps.iter().any(|h| h.starts_with("did you mean `xzxkf`?")),
        "{helps:?}"
    );
}

#[test]
fn quiet_and_verbose_builds() {
    let site = fixture_copy("valid");
    let root = site.path();
    let quiet = run_in(
        root,
        "C",
        &["build", "-q", "--lang", "en", "--today", TODAY],
    );
    assert_eq!(quiet.status.code(), Some(0), "{}", stderr(&quiet));
    assert_eq!(stderr(&quiet), "");
    let verbose = run_in(
        root,
        "C",
        &["build", "-v", "--lang", "en", "--today", TODAY],
    );
    assert_eq!(verbose.status.code(), Some(0), "{}", stderr(&verbose));
    let text = stderr(&verbose);
    assert!(
        text.starts_with("loaded and checked 2 items, rendering the pages…\nbuilt "),
        "{text}"
    );
    let zh = run_in(
        root,
        "C",
        &["build", "-v", "--lang", "zh", "--today", TODAY],
    );
    assert!(
        stderr(&zh).starts_with("已读取并检查 2 个事项"),
        "{}",
        stderr(&zh)
    );
}

/// A mistake on the command line is told in Chinese in a Chinese locale (what is wrong, the
/// nearest command, where to read more), in clap's English otherwise; exit code 2 either way.
#[test]
fn command_line_mistakes_are_told_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let cases: &[(&[&str], &str)] = &[
        (&["build", "--no-such"], "错误：不认识的参数 `--no-such`"),
        (&["chek"], "提示：是不是要写 `check`？"),
        (
            &["check", "--format", "xml"],
            "的值 `xml` 不对，可以写：human、json、github、sarif",
        ),
        (
            &["check", "--today", "2026-13-01"],
            "要写成 YYYY-MM-DD 形式的日期",
        ),
        (&["diff", "--from-root"], "后面要写一个值"),
    ];
    for (args, expected) in cases {
        let zh = run_in(dir.path(), "zh_CN.UTF-8", args);
        assert_eq!(zh.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&zh.stderr);
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
        assert!(
            stderr.contains("zhinan <命令> --help"),
            "{args:?}: {stderr}"
        );
        let en = run_in(dir.path(), "C", args);
        assert_eq!(en.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&en.stderr);
        assert!(stderr.starts_with("error: "), "{args:?}: {stderr}");
        assert!(
            !stderr
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{args:?}: {stderr}"
        );
    }
}
