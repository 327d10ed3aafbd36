//! Integration tests of `zhinan check`: every rule of the content format, its positions, the
//! output formats, the exit codes and hostile input.
//!
//! Most cases copy tests/fixtures/valid into a temporary folder, add the item [`BASE_ITEM`] as
//! content/items/t.yaml (clean on its own), change one file and compare the complete list of
//! diagnostics (`--format json`) with the expected one, so an unexpected extra diagnostic fails
//! too. Multi-file fixtures live in tests/fixtures/rules/<case>/ and are laid over the valid
//! site. Expected outputs of the report formats live in tests/snapshots/ (regenerate them with
//! `ZHINAN_BLESS=1 cargo test --test check`).
//!
//! "Today" is always pinned to 2026-11-29.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

mod common;
use common::copy_tree;

use common::TODAY;

const T: &str = "content/items/t.yaml";
const SITE: &str = "content/site.yaml";
const DEPT: &str = "content/departments/dengji.yaml";
const LAW: &str = "content/laws/xzxkf.yaml";
const PAGE: &str = "content/pages/guanyu.md";
const GETI: &str = "content/items/dengji/geti-sheli.yaml";
const SHIPIN: &str = "content/items/shipin-xuke.yaml";

/// Every rule of `zhinan rules`, in its order, with its default severity.
const RULES: &[(&str, &str)] = &[
    ("yaml-syntax", "error"),
    ("missing-field", "error"),
    ("unknown-field", "error"),
    ("invalid-value", "error"),
    ("unresolved-reference", "error"),
    ("duplicate-code", "error"),
    ("duplicate-id", "error"),
    ("template", "error"),
    ("unsafe-markdown", "error"),
    ("catch-all-wording", "error"),
    ("vague-wording", "warning"),
    ("material-count", "error"),
    ("material-issuer", "error"),
    ("form-without-template", "error"),
    ("promised-exceeds-statutory", "error"),
    ("time-unit-mismatch", "warning"),
    ("fee-unspecified", "error"),
    ("refusal-without-basis", "error"),
    ("no-refusals", "error"),
    ("no-substitute", "error"),
    ("no-appointment", "error"),
    ("no-complaint-channel", "error"),
    ("department-without-phone", "error"),
    ("visits-exceed-one", "warning"),
    ("online-without-url", "error"),
    ("stale-review", "warning"),
    ("duplicate-material", "warning"),
    ("excluded-without-basis", "warning"),
    ("exemption-in-note", "error"),
    ("material-in-note", "warning"),
    ("steps-exceed-promised", "error"),
    ("statutory-without-basis", "error"),
    ("no-quantity-limit", "warning"),
    ("commitment-incomplete", "error"),
    ("entrustment-incomplete", "error"),
    ("intermediary-undeclared", "warning"),
    ("undeclared-situation", "error"),
    ("private-file", "warning"),
    ("formula-text", "warning"),
];

/// Rules whose trigger and near-miss are tested by dedicated tests rather than the table.
/// (private-file: tests/private_files.rs.)
const RULES_WITH_DEDICATED_TESTS: &[&str] =
    &["duplicate-code", "duplicate-id", "template", "private-file"];

/// A complete, clean item. Line numbers in the cases below refer to this text.
const BASE_ITEM: &str = "\
code: T-001
name: 测试事项
type: 行政许可
department: dengji
audience: [自然人]
summary: 测试事项的说明。
legal_basis:
  - {law: xzxkf, article: 第三十条}
conditions:
  - text: 有经营能力的自然人
    basis: {law: djtl, article: 第十一条}
materials:
  - name: 个体工商户登记申请书
    required: true
    originals: 1
    copies: 0
    medium: 纸质
    source: 申请人自备
    blank_form: forms/geti-shenqingshu.docx
    sample: samples/geti-shenqingshu-yangben.docx
    note: 经营者本人签字。
  - name: 经营者身份证明
    required: 委托代理人办理的
    originals: 1
    copies: 1
    medium: 纸质
    source: 政府部门核发
    issuer: 公安机关
procedure:
  - step: 受理
    actor: 登记注册股A岗
    description: 当场受理。
    time_limit: {value: 0, unit: 工作日}
time_limit:
  statutory: {value: 20, unit: 工作日, basis: {law: xzxkf, article: 第四十二条}}
  promised: {value: 5, unit: 工作日}
  excluded:
    - name: 听证
      time_limit: {value: 10, unit: 工作日}
      basis: {law: xzxkf, article: 第四十二条}
fees: {free: true}
result:
  name: 营业执照
  type: 证照
  delivery: [窗口领取]
visits: 1
visits_reason: 需核验原件
online:
  available: true
  url: https://zwfw.example.gov.cn/t
handlers:
  primary: 登记注册股A岗
  substitute: 登记注册股B岗
appointment:
  channels: [电话 0000-1000010]
  reply_within: {value: 1, unit: 工作日}
refusals:
  - case: 申请事项不属于本机关职权范围的
    basis: {law: xzxkf, article: 第三十二条}
faq:
  - q: 可以委托他人办理吗？
    a: 可以，需提交委托书。
tags: [开办企业]
updated: 2026-10-01
quantity_limit: 无数量限制
";

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn valid_fixture() -> PathBuf {
    manifest_dir().join("tests/fixtures/valid")
}

fn rules_fixture(name: &str) -> PathBuf {
    manifest_dir().join("tests/fixtures/rules").join(name)
}

/// `text` with each `from` (which must occur exactly once) replaced by `to`.
fn edit(text: &str, edits: &[(&str, &str)]) -> String {
    let mut text = text.to_string();
    for (from, to) in edits {
        let count = text.matches(from).count();
        assert_eq!(
            count, 1,
            "edit: `{from}` occurs {count} times, expected once"
        );
        text = text.replacen(from, to, 1);
    }
    text
}

/// A file of the valid fixture, edited.
fn valid_file(relative: &str, edits: &[(&str, &str)]) -> String {
    let text = fs::read_to_string(valid_fixture().join(relative)).unwrap();
    edit(&text, edits)
}

/// The base item, edited.
fn item(edits: &[(&str, &str)]) -> String {
    edit(BASE_ITEM, edits)
}

/// The outcome of one run of the binary.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs the built binary; asserts it neither panicked nor died of a signal.
fn zhinan(args: &[&str], envs: &[(&str, &str)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_zhinan"));
    command.args(args).env_remove("NO_COLOR");
    for (key, value) in envs {
        command.env(key, value);
    }
    let output = command.output().expect("the binary runs");
    let stdout = String::from_utf8(output.stdout).expect("stdout is UTF-8");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let Some(code) = output.status.code() else {
        panic!("zhinan {args:?} was killed by a signal; stderr:\n{stderr}");
    };
    assert_ne!(code, 101, "zhinan {args:?} panicked; stderr:\n{stderr}");
    assert!(
        !stderr.contains("panicked"),
        "zhinan {args:?} panicked; stderr:\n{stderr}"
    );
    Run {
        code,
        stdout,
        stderr,
    }
}

/// One diagnostic of `--format json`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Diag {
    file: String,
    line: u64,
    column: u64,
    rule: String,
    severity: String,
    message: String,
    help: Option<String>,
    /// (file, line, column, message)
    related: Vec<(String, u64, u64, String)>,
}

impl Diag {
    fn key(&self) -> (String, u64, u64, String, String) {
        (
            self.file.clone(),
            self.line,
            self.column,
            self.rule.clone(),
            self.severity.clone(),
        )
    }
}

/// Parses the JSON report, checking the shape the output contract requires.
fn parse_json(stdout: &str) -> Vec<Diag> {
    let document: Value = serde_json::from_str(stdout)
        .unwrap_or_else(|error| panic!("stdout is not JSON ({error}):\n{stdout}"));
    let list = document["diagnostics"]
        .as_array()
        .expect("`diagnostics` is an array");
    let field = |value: &Value, key: &str| -> String {
        value[key]
            .as_str()
            .unwrap_or_else(|| panic!("`{key}` is not a string in {value}"))
            .to_string()
    };
    let number = |value: &Value, key: &str| -> u64 {
        let n = value[key]
            .as_u64()
            .unwrap_or_else(|| panic!("`{key}` is not a number in {value}"));
        assert!(n >= 1, "`{key}` is 1-based: {value}");
        n
    };
    let diagnostics: Vec<Diag> = list
        .iter()
        .map(|value| Diag {
            file: field(value, "file"),
            line: number(value, "line"),
            column: number(value, "column"),
            rule: field(value, "rule"),
            severity: field(value, "severity"),
            message: field(value, "message"),
            help: value["help"].as_str().map(str::to_string),
            related: value["related"]
                .as_array()
                .map(|related| {
                    related
                        .iter()
                        .map(|r| {
                            (
                                field(r, "file"),
                                number(r, "line"),
                                number(r, "column"),
                                field(r, "message"),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default(),
        })
        .collect();
    let errors = diagnostics.iter().filter(|d| d.severity == "error").count();
    let warnings = diagnostics
        .iter()
        .filter(|d| d.severity == "warning")
        .count();
    assert_eq!(errors + warnings, diagnostics.len(), "severities: {stdout}");
    assert_eq!(document["errors"].as_u64(), Some(errors as u64), "{stdout}");
    assert_eq!(
        document["warnings"].as_u64(),
        Some(warnings as u64),
        "{stdout}"
    );
    diagnostics
}

fn default_severity(rule: &str) -> &'static str {
    RULES
        .iter()
        .find(|(name, _)| *name == rule)
        .map(|(_, severity)| *severity)
        .unwrap_or_else(|| panic!("unknown rule `{rule}` in a test"))
}

/// A site in a temporary folder.
struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    /// A copy of tests/fixtures/valid.
    fn valid() -> Site {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(&valid_fixture(), dir.path());
        Site { dir }
    }

    /// The valid site plus the base item at content/items/t.yaml.
    fn with_item() -> Site {
        let site = Site::valid();
        site.write(T, BASE_ITEM);
        site
    }

    /// The valid site with tests/fixtures/rules/<name>/ laid over it.
    fn overlay(name: &str) -> Site {
        let site = Site::valid();
        let fixture = rules_fixture(name);
        assert!(fixture.is_dir(), "missing fixture {}", fixture.display());
        copy_tree(&fixture, site.root());
        site
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn root_str(&self) -> &str {
        self.root().to_str().unwrap()
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.root().join(relative)
    }

    fn write(&self, relative: &str, bytes: impl AsRef<[u8]>) {
        let path = self.path(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }

    fn remove(&self, relative: &str) {
        fs::remove_file(self.path(relative)).unwrap();
    }

    fn apply(&self, op: &Op) {
        match op {
            Op::Write(relative, text) => self.write(relative, text),
            Op::Remove(relative) => self.remove(relative),
        }
    }

    /// `zhinan check --root <site> --today 2026-11-29 <extra>`.
    fn check(&self, extra: &[&str]) -> Run {
        self.check_env(extra, &[])
    }

    fn check_env(&self, extra: &[&str], envs: &[(&str, &str)]) -> Run {
        let mut args = vec!["check", "--root", self.root_str(), "--today", TODAY];
        args.extend_from_slice(extra);
        zhinan(&args, envs)
    }

    /// The diagnostics of `--format json`, checking that the exit code agrees with them.
    /// The diagnostics of `check --format json --lang en`, each message and help line checked
    /// to carry Chinese only as content quoted from the site or an example in backticks.
    fn diagnostics(&self) -> Vec<Diag> {
        let run = self.check(&["--format", "json", "--lang", "en"]);
        let diagnostics = parse_json(&run.stdout);
        for diagnostic in &diagnostics {
            for text in std::iter::once(&diagnostic.message)
                .chain(diagnostic.help.iter())
                .chain(diagnostic.related.iter().map(|related| &related.3))
            {
                if let Some(leak) = chinese_outside_quotes(text) {
                    panic!("English output carries Chinese of the tool's own ({leak}) in: {text}");
                }
            }
        }
        let has_errors = diagnostics.iter().any(|d| d.severity == "error");
        assert_eq!(
            run.code,
            i32::from(has_errors),
            "exit code vs diagnostics; stderr:\n{}",
            run.stderr
        );
        diagnostics
    }
}

/// The Chinese of `text` that is neither in backticks nor in double quotes (content quoted from
/// the site), if any.
fn chinese_outside_quotes(text: &str) -> Option<String> {
    let mut outside = String::new();
    let mut quote: Option<char> = None;
    for c in text.chars() {
        match quote {
            Some(open) if c == open => quote = None,
            Some(_) => {}
            None if c == '`' || c == '"' => quote = Some(c),
            None => outside.push(c),
        }
    }
    let leak: String = outside
        .chars()
        .filter(|c| {
            ('\u{4e00}'..='\u{9fff}').contains(c)
                || ('\u{3000}'..='\u{303f}').contains(c)
                || ('\u{ff00}'..='\u{ffef}').contains(c)
        })
        .collect();
    (!leak.is_empty()).then_some(leak)
}

#[test]
fn the_leak_check_finds_chinese_outside_quotes() {
    assert_eq!(chinese_outside_quotes("a `行政许可` item"), None);
    assert_eq!(chinese_outside_quotes("material \"营业执照\" is"), None);
    assert_eq!(
        chinese_outside_quotes("a 行政许可 item"),
        Some("行政许可".to_string())
    );
}

/// One change to the site of a case.
enum Op {
    Write(&'static str, String),
    Remove(&'static str),
}

/// (file, rule, line, column); the severity is the rule's default.
type Expected = (&'static str, &'static str, u64, u64);

struct Case {
    name: &'static str,
    ops: Vec<Op>,
    expected: Vec<Expected>,
}

fn case(name: &'static str, ops: Vec<Op>, expected: &[Expected]) -> Case {
    Case {
        name,
        ops,
        expected: expected.to_vec(),
    }
}

/// A case that edits the base item; expected positions are all in content/items/t.yaml.
fn item_case(
    name: &'static str,
    edits: &[(&str, &str)],
    expected: &[(&'static str, u64, u64)],
) -> Case {
    Case {
        name,
        ops: vec![Op::Write(T, item(edits))],
        expected: expected
            .iter()
            .map(|(rule, line, column)| (T, *rule, *line, *column))
            .collect(),
    }
}

fn show(diagnostics: &[Diag]) -> String {
    let mut output = String::new();
    for d in diagnostics {
        let _ = writeln!(
            output,
            "    {}:{}:{} {}[{}] {}",
            d.file, d.line, d.column, d.severity, d.rule, d.message
        );
    }
    if output.is_empty() {
        output.push_str("    (none)\n");
    }
    output
}

/// Compares the full set of diagnostics with the expected one; `None` when they agree.
fn compare(actual: &[Diag], expected: &[(String, String, u64, u64, String)]) -> Option<String> {
    let mut actual_keys: Vec<_> = actual.iter().map(Diag::key).collect();
    actual_keys.sort();
    let mut expected_keys: Vec<_> = expected
        .iter()
        .map(|(file, rule, line, column, severity)| {
            (file.clone(), *line, *column, rule.clone(), severity.clone())
        })
        .collect();
    expected_keys.sort();
    if actual_keys == expected_keys {
        return None;
    }
    let mut output = String::from("  expected:\n");
    for (file, line, column, rule, severity) in &expected_keys {
        let _ = writeln!(output, "    {file}:{line}:{column} {severity}[{rule}]");
    }
    if expected_keys.is_empty() {
        output.push_str("    (none)\n");
    }
    output.push_str("  actual:\n");
    output.push_str(&show(actual));
    Some(output)
}

fn run_case(case: &Case) -> Option<String> {
    let site = Site::with_item();
    for op in &case.ops {
        site.apply(op);
    }
    let actual = site.diagnostics();
    let expected: Vec<_> = case
        .expected
        .iter()
        .map(|(file, rule, line, column)| {
            (
                file.to_string(),
                rule.to_string(),
                *line,
                *column,
                default_severity(rule).to_string(),
            )
        })
        .collect();
    compare(&actual, &expected).map(|detail| format!("case `{}`:\n{detail}", case.name))
}

/// Runs cases on a few threads and fails with every mismatch at once.
fn run_cases(cases: &[Case]) {
    let mut names = BTreeSet::new();
    for case in cases {
        assert!(names.insert(case.name), "duplicate case name {}", case.name);
    }
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(4)
        .min(8);
    let chunk = cases.len().div_ceil(workers).max(1);
    let failures: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = cases
            .chunks(chunk)
            .map(|chunk| scope.spawn(move || chunk.iter().filter_map(run_case).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|handle| handle.join().unwrap())
            .collect()
    });
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// Asserts the exact diagnostics of a site (with severities).
fn assert_diagnostics(actual: &[Diag], expected: &[(&str, &str, u64, u64, &str)]) {
    let expected: Vec<_> = expected
        .iter()
        .map(|(file, rule, line, column, severity)| {
            (
                file.to_string(),
                rule.to_string(),
                *line,
                *column,
                severity.to_string(),
            )
        })
        .collect();
    if let Some(detail) = compare(actual, &expected) {
        panic!("diagnostics differ:\n{detail}");
    }
}

/// Display width as a terminal shows it: East Asian wide and fullwidth characters take two cells.
fn display_width(text: &str) -> usize {
    text.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F
            | 0x2E80..=0x303E
            | 0x3041..=0x33FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xA000..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6 => 2,
            _ => 1,
        })
        .sum()
}

// ---------------------------------------------------------------------------------------------
// The rule table
// ---------------------------------------------------------------------------------------------

/// Inserted before `procedure:` in the base item; the new material's name is on line 29.
const THIRD_MATERIAL: &str = "  - name: 经营者身份证明
    required: true
    originals: 1
    copies: 0
    medium: 纸质
    source: 申请人自备
procedure:
";

fn fees_items(items: &str) -> String {
    format!("fees:\n  items:\n{items}")
}

fn cases() -> Vec<Case> {
    let mut cases = vec![
        // yaml-syntax ------------------------------------------------------------------------
        item_case(
            "yaml-syntax/duplicate-key",
            &[("type: 行政许可\n", "type: 行政许可\nname: 重复名称\n")],
            &[("yaml-syntax", 4, 1)],
        ),
        item_case(
            "yaml-syntax/colon-in-plain-value",
            &[("name: 测试事项\n", "name: 测试事项: 错误\n")],
            &[("yaml-syntax", 2, 11)],
        ),
        item_case(
            "yaml-syntax/bad-indentation",
            &[("name: 测试事项\n", " name: 测试事项\n")],
            &[("yaml-syntax", 2, 6)],
        ),
        item_case(
            "yaml-syntax/unknown-alias",
            &[("code: T-001", "code: *x")],
            &[("yaml-syntax", 1, 7)],
        ),
        case(
            "yaml-syntax/empty-file",
            vec![Op::Write(T, String::new())],
            &[(T, "yaml-syntax", 1, 1)],
        ),
        case(
            "yaml-syntax/whitespace-only",
            vec![Op::Write(T, "\n   \n\n".into())],
            &[(T, "yaml-syntax", 1, 1)],
        ),
        case(
            "yaml-syntax/comment-only",
            vec![Op::Write(T, "# 草稿，尚未填写\n".into())],
            &[(T, "yaml-syntax", 1, 1)],
        ),
        case(
            "yaml-syntax/two-documents",
            vec![Op::Write(T, format!("{BASE_ITEM}---\ncode: T-002\n"))],
            &[(T, "yaml-syntax", 66, 1)],
        ),
        case(
            "yaml-syntax/page-without-front-matter",
            vec![Op::Write(PAGE, "# 关于\n\n正文。\n".into())],
            &[(PAGE, "yaml-syntax", 1, 1)],
        ),
        case(
            "yaml-syntax/page-front-matter-unclosed",
            vec![Op::Write(PAGE, "---\ntitle: 关于\n正文。\n".into())],
            &[(PAGE, "yaml-syntax", 1, 1)],
        ),
        case(
            "yaml-syntax/near-explicit-document-start",
            vec![Op::Write(T, format!("---\n{BASE_ITEM}"))],
            &[],
        ),
        item_case(
            "yaml-syntax/near-quoted-colon",
            &[("name: 测试事项\n", "name: \"测试: 事项\"\n")],
            &[],
        ),
        case(
            "yaml-syntax/near-bom-and-crlf",
            vec![Op::Write(
                T,
                format!("\u{feff}{}", BASE_ITEM.replace('\n', "\r\n")),
            )],
            &[],
        ),
        case(
            "yaml-syntax/crlf-positions",
            vec![Op::Write(
                T,
                item(&[("visits: 1\n", "visits: 2\n")]).replace('\n', "\r\n"),
            )],
            &[(T, "visits-exceed-one", 46, 9)],
        ),
        case(
            "yaml-syntax/page-front-matter-position-is-in-file-lines",
            vec![Op::Write(PAGE, "---\ntitle: 关于\norder: [\nmenu: true\n---\n正文\n".into())],
            &[(PAGE, "yaml-syntax", 4, 1)],
        ),
        case(
            "unsafe-markdown/crlf-page-position",
            vec![Op::Write(
                PAGE,
                "---\r\ntitle: 关于\r\norder: 1\r\n---\r\n正文\r\n\r\n见[x](javascript:alert(1))\r\n".into(),
            )],
            &[(PAGE, "unsafe-markdown", 7, 2)],
        ),
        // missing-field ----------------------------------------------------------------------
        item_case(
            "missing-field/name",
            &[("name: 测试事项\n", "")],
            &[("missing-field", 1, 1)],
        ),
        item_case(
            "missing-field/updated",
            &[("updated: 2026-10-01\n", "")],
            &[("missing-field", 1, 1)],
        ),
        item_case(
            "missing-field/legal-basis",
            &[("legal_basis:\n  - {law: xzxkf, article: 第三十条}\n", "")],
            &[("missing-field", 1, 1)],
        ),
        item_case(
            "missing-field/points-at-first-key-of-material",
            &[("    copies: 1\n    medium: 纸质\n", "    copies: 1\n")],
            &[("missing-field", 22, 5)],
        ),
        item_case(
            "missing-field/result-type",
            &[("  type: 证照\n", "")],
            &[("missing-field", 43, 3)],
        ),
        item_case(
            "missing-field/article-of-law-reference",
            &[("  - {law: xzxkf, article: 第三十条}", "  - {law: xzxkf}")],
            &[("missing-field", 8, 6)],
        ),
        item_case(
            "missing-field/law-of-law-reference",
            &[(
                "  - {law: xzxkf, article: 第三十条}",
                "  - {article: 第三十条}",
            )],
            &[("missing-field", 8, 6)],
        ),
        item_case(
            "missing-field/time-span-unit",
            &[(
                "  promised: {value: 5, unit: 工作日}",
                "  promised: {value: 5}",
            )],
            &[("missing-field", 36, 14)],
        ),
        item_case(
            "missing-field/empty-text",
            &[("name: 测试事项\n", "name: \"\"\n")],
            &[("missing-field", 2, 7)],
        ),
        item_case(
            "missing-field/empty-list",
            &[("audience: [自然人]", "audience: []")],
            &[("missing-field", 5, 11)],
        ),
        case(
            "missing-field/site-address",
            vec![Op::Write(
                SITE,
                valid_file(SITE, &[("address: 测试县政务服务中心一楼 3 号窗口\n", "")]),
            )],
            &[(SITE, "missing-field", 1, 1)],
        ),
        case(
            "missing-field/law-issuer",
            vec![Op::Write(
                LAW,
                valid_file(LAW, &[("issuer: 全国人民代表大会常务委员会\n", "")]),
            )],
            &[(LAW, "missing-field", 1, 1)],
        ),
        case(
            "missing-field/page-title",
            vec![Op::Write(
                PAGE,
                valid_file(PAGE, &[("title: 关于本指南\n", "")]),
            )],
            &[(PAGE, "missing-field", 2, 1)],
        ),
        item_case(
            "missing-field/near-optional-keys-absent",
            &[
                ("summary: 测试事项的说明。\n", ""),
                ("    note: 经营者本人签字。\n", ""),
                (
                    "faq:\n  - q: 可以委托他人办理吗？\n    a: 可以，需提交委托书。\n",
                    "",
                ),
                ("tags: [开办企业]\n", ""),
                ("    basis: {law: djtl, article: 第十一条}\n", ""),
            ],
            &[],
        ),
        item_case(
            "missing-field/material-name",
            &[(
                "  - name: 经营者身份证明\n    required: 委托代理人办理的\n",
                "  - required: 委托代理人办理的\n",
            )],
            &[("missing-field", 22, 5)],
        ),
        // unknown-field ----------------------------------------------------------------------
        item_case(
            "unknown-field/top-level",
            &[("tags: [开办企业]\n", "remark: 备注\ntags: [开办企业]\n")],
            &[("unknown-field", 63, 1)],
        ),
        item_case(
            "unknown-field/typo-gives-only-unknown-field",
            &[("materials:\n", "materals:\n")],
            &[("unknown-field", 12, 1)],
        ),
        item_case(
            "unknown-field/in-material",
            &[(
                "    note: 经营者本人签字。\n",
                "    note: 经营者本人签字。\n    colour: 红色\n",
            )],
            &[("unknown-field", 22, 5)],
        ),
        case(
            "unknown-field/in-site",
            vec![Op::Write(
                SITE,
                valid_file(
                    SITE,
                    &[(
                        "timezone: Asia/Shanghai\n",
                        "timezone: Asia/Shanghai\ntheme: dark\n",
                    )],
                ),
            )],
            &[(SITE, "unknown-field", 17, 1)],
        ),
        case(
            "unknown-field/in-page-front-matter",
            vec![Op::Write(
                PAGE,
                valid_file(PAGE, &[("menu: true\n", "menu: true\nauthor: 办公室\n")]),
            )],
            &[(PAGE, "unknown-field", 5, 1)],
        ),
        item_case(
            "unknown-field/near-every-optional-key",
            &[
                (
                    "    issuer: 公安机关\n",
                    "    issuer: 公安机关\n    paper_size: A4\n    basis: {law: djtl, article: 第三条}\n",
                ),
                (
                    "handlers:\n",
                    "place:\n  address: 测试县政务服务中心二楼\n  hours: 工作日 9:00-17:00\n  phone: \"0000-1000011\"\nhandlers:\n",
                ),
            ],
            &[],
        ),
        // invalid-value ----------------------------------------------------------------------
        item_case(
            "invalid-value/type",
            &[("type: 行政许可", "type: 许可")],
            &[("invalid-value", 3, 7)],
        ),
        item_case(
            "invalid-value/boolean-yes",
            &[("  available: true", "  available: yes")],
            &[("invalid-value", 49, 14)],
        ),
        item_case(
            "invalid-value/boolean-on",
            &[("  available: true", "  available: on")],
            &[("invalid-value", 49, 14)],
        ),
        item_case(
            "invalid-value/required-false",
            &[("    required: true", "    required: false")],
            &[("invalid-value", 14, 15)],
        ),
        item_case(
            "invalid-value/required-yes",
            &[("    required: true", "    required: yes")],
            &[("invalid-value", 14, 15)],
        ),
        item_case(
            "invalid-value/negative-number",
            &[(
                "    originals: 1\n    copies: 0",
                "    originals: -1\n    copies: 0",
            )],
            &[("invalid-value", 15, 16)],
        ),
        item_case(
            "invalid-value/fraction",
            &[(
                "    originals: 1\n    copies: 0",
                "    originals: 1.5\n    copies: 0",
            )],
            &[("invalid-value", 15, 16)],
        ),
        item_case(
            "invalid-value/number-in-chinese",
            &[("visits: 1\n", "visits: 一\n")],
            &[("invalid-value", 46, 9)],
        ),
        item_case(
            "invalid-value/date-without-padding",
            &[("updated: 2026-10-01", "updated: 2026-2-3")],
            &[("invalid-value", 64, 10)],
        ),
        item_case(
            "invalid-value/date-that-does-not-exist",
            &[("updated: 2026-10-01", "updated: 2026-02-30")],
            &[("invalid-value", 64, 10)],
        ),
        item_case(
            "invalid-value/date-with-slashes",
            &[("updated: 2026-10-01", "updated: 2026/10/01")],
            &[("invalid-value", 64, 10)],
        ),
        item_case(
            "invalid-value/department-id",
            &[("department: dengji", "department: Dengji")],
            &[("invalid-value", 4, 13)],
        ),
        item_case(
            "invalid-value/audience",
            &[("audience: [自然人]", "audience: [公民]")],
            &[("invalid-value", 5, 12)],
        ),
        item_case(
            "invalid-value/result-type",
            &[("  type: 证照", "  type: 文书")],
            &[("invalid-value", 44, 9)],
        ),
        item_case(
            "invalid-value/medium",
            &[(
                "    copies: 0\n    medium: 纸质",
                "    copies: 0\n    medium: 复印件",
            )],
            &[("invalid-value", 17, 13)],
        ),
        item_case(
            "invalid-value/time-unit",
            &[(
                "  promised: {value: 5, unit: 工作日}",
                "  promised: {value: 5, unit: 周}",
            )],
            &[("invalid-value", 36, 30)],
        ),
        item_case(
            "invalid-value/form-path-with-parent-once",
            &[(
                "    blank_form: forms/geti-shenqingshu.docx",
                "    blank_form: ../forms/geti-shenqingshu.docx",
            )],
            &[("invalid-value", 19, 17)],
        ),
        case(
            "invalid-value/law-url",
            vec![Op::Write(
                LAW,
                valid_file(
                    LAW,
                    &[("url: https://www.npc.gov.cn/", "url: www.npc.gov.cn")],
                ),
            )],
            &[(LAW, "invalid-value", 6, 6)],
        ),
        item_case(
            "invalid-value/fees-free-yes",
            &[("fees: {free: true}", "fees: {free: yes}")],
            &[("invalid-value", 41, 14)],
        ),
        item_case(
            "invalid-value/fees-free-and-items",
            &[(
                "fees: {free: true}\n",
                "fees:\n  free: true\n  items:\n    - {name: 工本费, amount: 每件 10 元, basis: {law: xzxkf, article: 第三十条}}\n",
            )],
            &[("invalid-value", 42, 9)],
        ),
        item_case(
            "invalid-value/path-with-parent",
            &[(
                "    issuer: 公安机关\n",
                "    issuer: 公安机关\n    blank_form: ../secret.pdf\n",
            )],
            &[("invalid-value", 29, 17)],
        ),
        item_case(
            "invalid-value/absolute-path",
            &[(
                "    issuer: 公安机关\n",
                "    issuer: 公安机关\n    sample: /etc/passwd\n",
            )],
            &[("invalid-value", 29, 13)],
        ),
        item_case(
            "invalid-value/windows-path",
            &[(
                "    issuer: 公安机关\n",
                "    issuer: 公安机关\n    sample: C:\\forms\\x.docx\n",
            )],
            &[("invalid-value", 29, 13)],
        ),
        case(
            "invalid-value/bad-file-stem",
            vec![Op::Write(
                "content/items/Geti_Biangeng.yaml",
                BASE_ITEM.into(),
            )],
            &[("content/items/Geti_Biangeng.yaml", "invalid-value", 1, 1)],
        ),
        case(
            "invalid-value/wrong-extension",
            vec![Op::Write("content/items/notes.txt", "备忘\n".into())],
            &[("content/items/notes.txt", "invalid-value", 1, 1)],
        ),
        case(
            "invalid-value/department-in-sub-folder",
            vec![Op::Write(
                "content/departments/old/dengji2.yaml",
                valid_file(DEPT, &[]),
            )],
            &[(
                "content/departments/old/dengji2.yaml",
                "invalid-value",
                1,
                1,
            )],
        ),
        case(
            "invalid-value/site-base-url",
            vec![Op::Write(
                SITE,
                valid_file(
                    SITE,
                    &[(
                        "base_url: https://test.example.gov.cn/bszn/",
                        "base_url: test.example.gov.cn",
                    )],
                ),
            )],
            &[(SITE, "invalid-value", 3, 11)],
        ),
        case(
            "invalid-value/site-review-months",
            vec![Op::Write(
                SITE,
                valid_file(SITE, &[("review_months: 12", "review_months: 十二")]),
            )],
            &[(SITE, "invalid-value", 15, 16)],
        ),
        case(
            "invalid-value/site-timezone",
            vec![Op::Write(
                SITE,
                valid_file(
                    SITE,
                    &[("timezone: Asia/Shanghai", "timezone: Mars/Olympus")],
                ),
            )],
            &[(SITE, "invalid-value", 16, 11)],
        ),
        case(
            "invalid-value/law-date",
            vec![Op::Write(
                LAW,
                valid_file(LAW, &[("effective: 2004-07-01", "effective: 2004-7-1")]),
            )],
            &[(LAW, "invalid-value", 4, 12)],
        ),
        case(
            "invalid-value/page-menu",
            vec![Op::Write(
                PAGE,
                valid_file(PAGE, &[("menu: true", "menu: yes")]),
            )],
            &[(PAGE, "invalid-value", 4, 7)],
        ),
        case(
            "invalid-value/lint-lowers-structural-rule",
            vec![Op::Write(
                SITE,
                valid_file(
                    SITE,
                    &[(
                        "timezone: Asia/Shanghai\n",
                        "timezone: Asia/Shanghai\nlint:\n  missing-field: warning\n",
                    )],
                ),
            )],
            &[(SITE, "invalid-value", 18, 3)],
        ),
        case(
            "invalid-value/lint-turns-off-structural-rule",
            vec![Op::Write(
                SITE,
                valid_file(
                    SITE,
                    &[(
                        "timezone: Asia/Shanghai\n",
                        "timezone: Asia/Shanghai\nlint:\n  yaml-syntax: off\n",
                    )],
                ),
            )],
            &[(SITE, "invalid-value", 18, 3)],
        ),
        case(
            "invalid-value/lint-unknown-rule",
            vec![Op::Write(
                SITE,
                valid_file(
                    SITE,
                    &[(
                        "timezone: Asia/Shanghai\n",
                        "timezone: Asia/Shanghai\nlint:\n  no-such-rule: off\n",
                    )],
                ),
            )],
            &[(SITE, "invalid-value", 18, 3)],
        ),
        case(
            "invalid-value/lint-unknown-level",
            vec![Op::Write(
                SITE,
                valid_file(
                    SITE,
                    &[(
                        "timezone: Asia/Shanghai\n",
                        "timezone: Asia/Shanghai\nlint:\n  stale-review: loud\n",
                    )],
                ),
            )],
            &[(SITE, "invalid-value", 18, 17)],
        ),
        case(
            "invalid-value/near-lint-structural-stays-error",
            vec![Op::Write(
                SITE,
                valid_file(
                    SITE,
                    &[(
                        "timezone: Asia/Shanghai\n",
                        "timezone: Asia/Shanghai\nlint:\n  missing-field: error\n  stale-review: warning\n",
                    )],
                ),
            )],
            &[],
        ),
        item_case(
            "invalid-value/near-code-with-leading-zeros",
            &[("code: T-001", "code: 0020")],
            &[],
        ),
        case(
            "invalid-value/near-phone-digits-only",
            vec![Op::Write(
                DEPT,
                valid_file(DEPT, &[("phone: \"0000-1000010\"", "phone: 12345")]),
            )],
            &[],
        ),
        item_case(
            "invalid-value/near-booleans-and-numbers",
            &[
                (
                    "  available: true\n  url: https://zwfw.example.gov.cn/t",
                    "  available: false\n  reason: 需核验原件",
                ),
                (
                    "    originals: 1\n    copies: 0",
                    "    originals: 0\n    copies: 12",
                ),
            ],
            &[],
        ),
        case(
            "invalid-value/near-yml-extension",
            vec![
                Op::Remove(T),
                Op::Write("content/items/t.yml", BASE_ITEM.into()),
            ],
            &[],
        ),
        case(
            "invalid-value/bad-page-slug",
            vec![Op::Write(
                "content/pages/About_Us.md",
                valid_file(PAGE, &[]),
            )],
            &[("content/pages/About_Us.md", "invalid-value", 1, 1)],
        ),
        // unresolved-reference ---------------------------------------------------------------
        item_case(
            "unresolved-reference/department",
            &[("department: dengji", "department: nosuch")],
            &[("unresolved-reference", 4, 13)],
        ),
        item_case(
            "unresolved-reference/law",
            &[(
                "  - {law: xzxkf, article: 第三十条}",
                "  - {law: nosuch, article: 第三十条}",
            )],
            &[("unresolved-reference", 8, 11)],
        ),
        item_case(
            "unresolved-reference/article-in-arabic-numerals",
            &[(
                "  - {law: xzxkf, article: 第三十条}",
                "  - {law: xzxkf, article: 第30条}",
            )],
            &[("unresolved-reference", 8, 27)],
        ),
        item_case(
            "unresolved-reference/condition-basis",
            &[(
                "    basis: {law: djtl, article: 第十一条}",
                "    basis: {law: nosuch, article: 第十一条}",
            )],
            &[("unresolved-reference", 11, 18)],
        ),
        item_case(
            "unresolved-reference/refusal-basis",
            &[(
                "    basis: {law: xzxkf, article: 第三十二条}",
                "    basis: {law: xzxkf, article: 第九十九条}",
            )],
            &[("unresolved-reference", 59, 34)],
        ),
        item_case(
            "unresolved-reference/excluded-basis",
            &[(
                "      basis: {law: xzxkf, article: 第四十二条}",
                "      basis: {law: xzxkf, article: 第一百条}",
            )],
            &[("unresolved-reference", 40, 36)],
        ),
        item_case(
            "unresolved-reference/material-basis",
            &[(
                "    issuer: 公安机关\n",
                "    issuer: 公安机关\n    basis: {law: xzxkf, article: 第一条}\n",
            )],
            &[("unresolved-reference", 29, 34)],
        ),
        item_case(
            "unresolved-reference/fee-basis",
            &[(
                "fees: {free: true}\n",
                &fees_items(
                    "    - name: 工本费\n      amount: 每件 10 元\n      basis: {law: xzxkf, article: 第一条}\n",
                ),
            )],
            &[("unresolved-reference", 45, 36)],
        ),
        item_case(
            "unresolved-reference/blank-form-file",
            &[(
                "    blank_form: forms/geti-shenqingshu.docx",
                "    blank_form: forms/nosuch.docx",
            )],
            &[("unresolved-reference", 19, 17)],
        ),
        item_case(
            "unresolved-reference/sample-file",
            &[(
                "    sample: samples/geti-shenqingshu-yangben.docx",
                "    sample: samples/nosuch.docx",
            )],
            &[("unresolved-reference", 20, 13)],
        ),
        case(
            "unresolved-reference/removed-department",
            vec![Op::Remove(DEPT)],
            &[
                (T, "unresolved-reference", 4, 13),
                (GETI, "unresolved-reference", 4, 13),
            ],
        ),
        item_case(
            "unresolved-reference/near-law-without-articles",
            &[(
                "    basis: {law: djtl, article: 第十一条}",
                "    basis: {law: djtl, article: 第九十九条}",
            )],
            &[],
        ),
        // unsafe-markdown --------------------------------------------------------------------
        item_case(
            "unsafe-markdown/html-in-summary",
            &[(
                "summary: 测试事项的说明。",
                "summary: 说明<img src=x onerror=alert(1)>",
            )],
            &[("unsafe-markdown", 6, 12)],
        ),
        item_case(
            "unsafe-markdown/javascript-link-in-faq",
            &[(
                "    a: 可以，需提交委托书。",
                "    a: 可以，见[说明](javascript:alert(1))。",
            )],
            &[("unsafe-markdown", 62, 17)],
        ),
        item_case(
            "unsafe-markdown/external-image-in-note",
            &[(
                "    note: 经营者本人签字。",
                "    note: 样本见![样本](https://evil.example.com/x.png)",
            )],
            &[("unsafe-markdown", 21, 20)],
        ),
        case(
            "unsafe-markdown/html-in-department-functions",
            vec![Op::Write(
                DEPT,
                valid_file(
                    DEPT,
                    &[(
                        "  负责个体工商户、企业的设立、变更、注销登记。",
                        "  负责登记。<img src=x onerror=alert(1)>",
                    )],
                ),
            )],
            &[(DEPT, "unsafe-markdown", 3, 8)],
        ),
        case(
            "unsafe-markdown/html-in-page-body",
            vec![Op::Write(
                PAGE,
                format!("{}<script>alert(1)</script>\n", valid_file(PAGE, &[])),
            )],
            &[(PAGE, "unsafe-markdown", 10, 1)],
        ),
        case(
            "unsafe-markdown/data-link-in-page-body",
            vec![Op::Write(
                PAGE,
                format!(
                    "{}\n见[附件](data:text/html;base64,PHNjcmlwdD4=)。\n",
                    valid_file(PAGE, &[])
                ),
            )],
            &[(PAGE, "unsafe-markdown", 11, 2)],
        ),
        item_case(
            "unsafe-markdown/near-safe-links-and-images",
            &[(
                "summary: 测试事项的说明。",
                "summary: 见[须知](/pages/guanyu/)、[官网](https://www.gov.cn/)、[电话](tel:0000-1000010)、<mailto:a@example.gov.cn>和![样本](/files/samples/geti-shenqingshu-yangben.docx)。",
            )],
            &[],
        ),
        // catch-all-wording ------------------------------------------------------------------
        item_case(
            "catch-all-wording/deng-at-end",
            &[(
                "  - name: 经营者身份证明",
                "  - name: 经营者身份证、户口簿等",
            )],
            &[("catch-all-wording", 22, 21)],
        ),
        item_case(
            "catch-all-wording/deng-before-zhengming",
            &[("  - name: 经营者身份证明", "  - name: 身份证、户口簿等证明")],
            &[("catch-all-wording", 22, 18)],
        ),
        item_case(
            "catch-all-wording/deng-before-punctuation",
            &[(
                "  - name: 经营者身份证明",
                "  - name: 身份证、护照等（任选一种）",
            )],
            &[("catch-all-wording", 22, 17)],
        ),
        item_case(
            "catch-all-wording/two-deng-in-one-name",
            &[("  - name: 经营者身份证明", "  - name: 身份证等、护照等")],
            &[("catch-all-wording", 22, 14), ("catch-all-wording", 22, 18)],
        ),
        item_case(
            "catch-all-wording/qita-cailiao",
            &[("  - name: 经营者身份证明", "  - name: 其他材料")],
            &[("catch-all-wording", 22, 11)],
        ),
        item_case(
            "catch-all-wording/qita-xiangguan-cailiao-once",
            &[("  - name: 经营者身份证明", "  - name: 其他相关材料")],
            &[("catch-all-wording", 22, 11)],
        ),
        item_case(
            "catch-all-wording/xiangguan-cailiao-mid-name",
            &[(
                "  - name: 经营者身份证明",
                "  - name: 申请人认为需要的相关材料",
            )],
            &[("catch-all-wording", 22, 19)],
        ),
        item_case(
            "catch-all-wording/youguan-cailiao",
            &[("  - name: 经营者身份证明", "  - name: 有关材料")],
            &[("catch-all-wording", 22, 11)],
        ),
        item_case(
            "catch-all-wording/youguan-bumen-yaoqiu-de-qita",
            &[(
                "  - name: 经营者身份证明",
                "  - name: 有关部门要求的其他证明",
            )],
            &[("catch-all-wording", 22, 11)],
        ),
        item_case(
            "catch-all-wording/in-condition",
            &[(
                "  - text: 有经营能力的自然人",
                "  - text: 有经营能力的自然人等",
            )],
            &[("catch-all-wording", 10, 20)],
        ),
        item_case(
            "catch-all-wording/law-catch-all-in-condition",
            &[(
                "  - text: 有经营能力的自然人",
                "  - text: 符合法律、行政法规规定的其他条件",
            )],
            &[("catch-all-wording", 10, 13)],
        ),
        item_case(
            "catch-all-wording/in-block-scalar-condition",
            &[(
                "  - text: 有经营能力的自然人\n",
                "  - text: |\n      有经营能力的自然人，\n      持身份证、护照等证件\n",
            )],
            &[("catch-all-wording", 12, 14)],
        ),
        item_case(
            "catch-all-wording/column-counts-scalar-values",
            &[("  - name: 经营者身份证明", "  - name: 𠀀身份证、护照等")],
            &[("catch-all-wording", 22, 18)],
        ),
        item_case(
            "catch-all-wording/near-dengji-zhengshu",
            &[("  - name: 经营者身份证明", "  - name: 职业技能等级证书")],
            &[],
        ),
        item_case(
            "catch-all-wording/near-tongdeng",
            &[(
                "  - name: 经营者身份证明",
                "  - name: 学历证书（大专或同等）",
            )],
            &[],
        ),
        item_case(
            "catch-all-wording/near-pingdeng",
            &[(
                "  - name: 经营者身份证明",
                "  - name: 合伙协议（合伙人地位平等）",
            )],
            &[],
        ),
        item_case(
            "catch-all-wording/near-xiangdeng",
            &[("  - name: 经营者身份证明", "  - name: 实测面积相等证明")],
            &[],
        ),
        item_case(
            "catch-all-wording/near-gaodeng",
            &[("  - name: 经营者身份证明", "  - name: 高等学校毕业证书")],
            &[],
        ),
        item_case(
            "catch-all-wording/near-dengyu",
            &[(
                "  - name: 经营者身份证明",
                "  - name: 注册资本等于或高于十万元的验资证明",
            )],
            &[],
        ),
        item_case(
            "catch-all-wording/near-yingye-zhizhao",
            &[("  - name: 经营者身份证明", "  - name: 营业执照")],
            &[],
        ),
        item_case(
            "catch-all-wording/near-qita-zhuti-zige",
            &[("  - name: 经营者身份证明", "  - name: 其他主体资格证明文件")],
            &[],
        ),
        item_case(
            "catch-all-wording/near-enum-value-qita",
            &[(
                "    source: 政府部门核发\n    issuer: 公安机关",
                "    source: 其他\n    issuer: 村民委员会",
            )],
            &[],
        ),
        item_case(
            "catch-all-wording/near-not-checked-in-note",
            &[("    note: 经营者本人签字。", "    note: 身份证、护照等均可")],
            &[],
        ),
        // vague-wording ----------------------------------------------------------------------
        item_case(
            "vague-wording/step-description",
            &[(
                "    description: 当场受理。",
                "    description: 必要时进行现场核查。",
            )],
            &[("vague-wording", 32, 18)],
        ),
        item_case(
            "vague-wording/condition",
            &[("  - text: 有经营能力的自然人", "  - text: 原则上为本县居民")],
            &[("vague-wording", 10, 11)],
        ),
        item_case(
            "vague-wording/material-name",
            &[("  - name: 经营者身份证明", "  - name: 尽快补充的证明")],
            &[("vague-wording", 22, 11)],
        ),
        item_case(
            "vague-wording/material-note",
            &[("    note: 经营者本人签字。", "    note: 视情况提供复印件。")],
            &[("vague-wording", 21, 11)],
        ),
        item_case(
            "vague-wording/near-required-case-is-not-in-scope",
            &[(
                "    required: 委托代理人办理的",
                "    required: 经办人酌情要求的",
            )],
            &[],
        ),
        item_case(
            "vague-wording/step",
            &[("  - step: 受理", "  - step: 及时受理")],
            &[("vague-wording", 30, 11)],
        ),
        item_case(
            "vague-wording/refusal-case",
            &[(
                "  - case: 申请事项不属于本机关职权范围的",
                "  - case: 一般情况下不予受理的",
            )],
            &[("vague-wording", 58, 11)],
        ),
        item_case(
            "vague-wording/literal-block-scalar",
            &[(
                "    description: 当场受理。\n",
                "    description: |\n      当场受理。\n      必要时进行现场核查。\n",
            )],
            &[("vague-wording", 34, 7)],
        ),
        item_case(
            "vague-wording/folded-block-scalar",
            &[(
                "    description: 当场受理。\n",
                "    description: >\n      当场受理，\n      现场核查原则上在三日内完成。\n",
            )],
            &[("vague-wording", 34, 11)],
        ),
        item_case(
            "vague-wording/same-word-twice",
            &[(
                "    description: 当场受理。",
                "    description: 必要时受理，必要时核查。",
            )],
            &[("vague-wording", 32, 18), ("vague-wording", 32, 24)],
        ),
        item_case(
            "vague-wording/plain-multi-line-scalar",
            &[(
                "  - text: 有经营能力的自然人\n",
                "  - text: 有经营能力的\n      自然人，原则上年满十八周岁\n",
            )],
            &[("vague-wording", 11, 11)],
        ),
        item_case(
            "vague-wording/near-yiban-nashuiren",
            &[("  - name: 经营者身份证明", "  - name: 一般纳税人资格证明")],
            &[],
        ),
        item_case(
            "vague-wording/near-jishilv",
            &[(
                "    description: 当场受理。",
                "    description: 按期办结及时率达到百分之百，及时性考核按月通报。",
            )],
            &[],
        ),
        item_case(
            "vague-wording/near-not-checked-in-summary",
            &[("summary: 测试事项的说明。", "summary: 必要时可电话咨询。")],
            &[],
        ),
        // material-count ---------------------------------------------------------------------
        item_case(
            "material-count/zero-and-zero",
            &[(
                "    originals: 1\n    copies: 0",
                "    originals: 0\n    copies: 0",
            )],
            &[("material-count", 15, 16)],
        ),
        item_case(
            "material-count/near-copies-only",
            &[(
                "    originals: 1\n    copies: 0",
                "    originals: 0\n    copies: 1",
            )],
            &[],
        ),
        // material-issuer --------------------------------------------------------------------
        item_case(
            "material-issuer/government-issued",
            &[("    issuer: 公安机关\n", "")],
            &[("material-issuer", 22, 5)],
        ),
        item_case(
            "material-issuer/agency-issued",
            &[(
                "    source: 政府部门核发\n    issuer: 公安机关\n",
                "    source: 中介机构出具\n",
            )],
            &[
                ("material-issuer", 22, 5),
                ("intermediary-undeclared", 27, 13),
            ],
        ),
        item_case(
            "material-issuer/near-self-prepared",
            &[(
                "    source: 政府部门核发\n    issuer: 公安机关\n",
                "    source: 申请人自备\n",
            )],
            &[],
        ),
        // form-without-template --------------------------------------------------------------
        item_case(
            "form-without-template/no-sample",
            &[("    sample: samples/geti-shenqingshu-yangben.docx\n", "")],
            &[("form-without-template", 13, 5)],
        ),
        item_case(
            "form-without-template/neither-once",
            &[
                ("    sample: samples/geti-shenqingshu-yangben.docx\n", ""),
                ("    blank_form: forms/geti-shenqingshu.docx\n", ""),
            ],
            &[("form-without-template", 13, 5)],
        ),
        item_case(
            "form-without-template/shenqingbiao",
            &[("  - name: 经营者身份证明", "  - name: 变更登记申请表")],
            &[("form-without-template", 22, 5)],
        ),
        item_case(
            "form-without-template/dengjibiao",
            &[("  - name: 经营者身份证明", "  - name: 从业人员登记表")],
            &[("form-without-template", 22, 5)],
        ),
        item_case(
            "form-without-template/chengnuoshu",
            &[("  - name: 经营者身份证明", "  - name: 告知承诺书")],
            &[("form-without-template", 22, 5)],
        ),
        item_case(
            "form-without-template/weituoshu-is-a-form-in-v2",
            &[("  - name: 经营者身份证明", "  - name: 授权委托书")],
            &[("form-without-template", 22, 5)],
        ),
        // promised-exceeds-statutory ---------------------------------------------------------
        item_case(
            "promised-exceeds-statutory/same-unit",
            &[(
                "  promised: {value: 5, unit: 工作日}",
                "  promised: {value: 30, unit: 工作日}",
            )],
            &[("promised-exceeds-statutory", 36, 13)],
        ),
        item_case(
            "promised-exceeds-statutory/hours-vs-working-day",
            &[
                (
                    "  statutory: {value: 20, unit: 工作日, basis: {law: xzxkf, article: 第四十二条}}",
                    "  statutory: {value: 1, unit: 工作日, basis: {law: xzxkf, article: 第四十二条}}",
                ),
                (
                    "  promised: {value: 5, unit: 工作日}",
                    "  promised: {value: 9, unit: 小时}",
                ),
            ],
            &[("promised-exceeds-statutory", 36, 13)],
        ),
        item_case(
            "promised-exceeds-statutory/hours-vs-calendar-day",
            &[
                (
                    "  statutory: {value: 20, unit: 工作日, basis: {law: xzxkf, article: 第四十二条}}",
                    "  statutory: {value: 1, unit: 自然日, basis: {law: xzxkf, article: 第四十二条}}",
                ),
                (
                    "  promised: {value: 5, unit: 工作日}",
                    "  promised: {value: 25, unit: 小时}",
                ),
            ],
            &[("promised-exceeds-statutory", 36, 13)],
        ),
        item_case(
            "promised-exceeds-statutory/calendar-days-vs-hours",
            &[
                (
                    "  statutory: {value: 20, unit: 工作日, basis: {law: xzxkf, article: 第四十二条}}",
                    "  statutory: {value: 48, unit: 小时, basis: {law: xzxkf, article: 第四十二条}}",
                ),
                (
                    "  promised: {value: 5, unit: 工作日}",
                    "  promised: {value: 3, unit: 自然日}",
                ),
            ],
            &[("promised-exceeds-statutory", 36, 13)],
        ),
        item_case(
            "promised-exceeds-statutory/near-8-hours-is-a-working-day",
            &[
                (
                    "  statutory: {value: 20, unit: 工作日, basis: {law: xzxkf, article: 第四十二条}}",
                    "  statutory: {value: 1, unit: 工作日, basis: {law: xzxkf, article: 第四十二条}}",
                ),
                (
                    "  promised: {value: 5, unit: 工作日}",
                    "  promised: {value: 8, unit: 小时}",
                ),
            ],
            &[],
        ),
        item_case(
            "promised-exceeds-statutory/near-24-hours-is-a-calendar-day",
            &[
                (
                    "  statutory: {value: 20, unit: 工作日, basis: {law: xzxkf, article: 第四十二条}}",
                    "  statutory: {value: 1, unit: 自然日, basis: {law: xzxkf, article: 第四十二条}}",
                ),
                (
                    "  promised: {value: 5, unit: 工作日}",
                    "  promised: {value: 24, unit: 小时}",
                ),
            ],
            &[],
        ),
        item_case(
            "promised-exceeds-statutory/near-equal",
            &[(
                "  promised: {value: 5, unit: 工作日}",
                "  promised: {value: 20, unit: 工作日}",
            )],
            &[],
        ),
        // time-unit-mismatch -----------------------------------------------------------------
        item_case(
            "time-unit-mismatch/working-vs-calendar",
            &[(
                "  promised: {value: 5, unit: 工作日}",
                "  promised: {value: 5, unit: 自然日}",
            )],
            &[("time-unit-mismatch", 36, 13)],
        ),
        item_case(
            "time-unit-mismatch/near-both-calendar-days",
            &[
                (
                    "  statutory: {value: 20, unit: 工作日, basis: {law: xzxkf, article: 第四十二条}}",
                    "  statutory: {value: 30, unit: 自然日, basis: {law: xzxkf, article: 第四十二条}}",
                ),
                (
                    "  promised: {value: 5, unit: 工作日}",
                    "  promised: {value: 10, unit: 自然日}",
                ),
            ],
            &[],
        ),
        // fee-unspecified --------------------------------------------------------------------
        item_case(
            "fee-unspecified/fees-missing",
            &[("fees: {free: true}\n", "")],
            &[("fee-unspecified", 1, 1)],
        ),
        item_case(
            "fee-unspecified/not-free-no-items",
            &[("fees: {free: true}", "fees: {free: false}")],
            &[("fee-unspecified", 41, 8)],
        ),
        item_case(
            "fee-unspecified/item-without-amount",
            &[(
                "fees: {free: true}\n",
                &fees_items("    - name: 工本费\n      basis: {law: xzxkf, article: 第三十条}\n"),
            )],
            &[("fee-unspecified", 43, 7)],
        ),
        item_case(
            "fee-unspecified/item-without-basis",
            &[(
                "fees: {free: true}\n",
                &fees_items("    - name: 工本费\n      amount: 每件 10 元\n"),
            )],
            &[("fee-unspecified", 43, 7)],
        ),
        item_case(
            "fee-unspecified/amount-wu",
            &[(
                "fees: {free: true}\n",
                &fees_items(
                    "    - name: 工本费\n      amount: 无\n      basis: {law: xzxkf, article: 第三十条}\n",
                ),
            )],
            &[("fee-unspecified", 44, 15)],
        ),
        item_case(
            "fee-unspecified/near-itemised",
            &[(
                "fees: {free: true}\n",
                &fees_items(
                    "    - name: 工本费\n      amount: 每件十元\n      basis: {law: xzxkf, article: 第三十条}\n",
                ),
            )],
            &[],
        ),
        // refusal-without-basis --------------------------------------------------------------
        item_case(
            "refusal-without-basis/no-basis",
            &[("    basis: {law: xzxkf, article: 第三十二条}\n", "")],
            &[("refusal-without-basis", 58, 5)],
        ),
        item_case(
            "refusal-without-basis/near-with-basis-second-case",
            &[(
                "    basis: {law: xzxkf, article: 第三十二条}\n",
                "    basis: {law: xzxkf, article: 第三十二条}\n  - case: 申请人隐瞒有关情况的\n    basis: {law: xzxkf, article: 第三十二条}\n",
            )],
            &[],
        ),
        // no-refusals ------------------------------------------------------------------------
        item_case(
            "no-refusals/licensing-without-refusals",
            &[(
                "refusals:\n  - case: 申请事项不属于本机关职权范围的\n    basis: {law: xzxkf, article: 第三十二条}\n",
                "",
            )],
            &[("no-refusals", 1, 1)],
        ),
        item_case(
            "no-refusals/near-public-service",
            &[
                ("type: 行政许可", "type: 公共服务"),
                (
                    "refusals:\n  - case: 申请事项不属于本机关职权范围的\n    basis: {law: xzxkf, article: 第三十二条}\n",
                    "",
                ),
            ],
            &[],
        ),
        // no-substitute ----------------------------------------------------------------------
        item_case(
            "no-substitute/no-handlers",
            &[(
                "handlers:\n  primary: 登记注册股A岗\n  substitute: 登记注册股B岗\n",
                "",
            )],
            &[("no-substitute", 1, 1)],
        ),
        item_case(
            "no-substitute/no-substitute-key",
            &[("  substitute: 登记注册股B岗\n", "")],
            &[("no-substitute", 52, 3)],
        ),
        item_case(
            "no-substitute/same-as-primary",
            &[("  substitute: 登记注册股B岗", "  substitute: 登记注册股A岗")],
            &[("no-substitute", 53, 15)],
        ),
        item_case(
            "no-substitute/near-different-posts",
            &[(
                "  substitute: 登记注册股B岗",
                "  substitute: 食品经营监管股A岗",
            )],
            &[],
        ),
        // no-appointment ---------------------------------------------------------------------
        item_case(
            "no-appointment/no-appointment",
            &[(
                "appointment:\n  channels: [电话 0000-1000010]\n  reply_within: {value: 1, unit: 工作日}\n",
                "",
            )],
            &[("no-appointment", 1, 1)],
        ),
        item_case(
            "no-appointment/no-reply-within",
            &[("  reply_within: {value: 1, unit: 工作日}\n", "")],
            &[("no-appointment", 55, 3)],
        ),
        item_case(
            "no-appointment/no-channels",
            &[("  channels: [电话 0000-1000010]\n", "")],
            &[("no-appointment", 55, 3)],
        ),
        item_case(
            "no-appointment/near-hours",
            &[(
                "  reply_within: {value: 1, unit: 工作日}",
                "  reply_within: {value: 4, unit: 小时}",
            )],
            &[],
        ),
        // no-complaint-channel ---------------------------------------------------------------
        case(
            "no-complaint-channel/no-complaint",
            vec![Op::Write(
                SITE,
                valid_file(
                    SITE,
                    &[(
                        "complaint:\n  phone: \"0000-1000001\"\n  address: 测试县市场监督管理局监察室（三楼 301 室）\n  email: jiancha@test.example.gov.cn\n",
                        "",
                    )],
                ),
            )],
            &[(SITE, "no-complaint-channel", 1, 1)],
        ),
        case(
            "no-complaint-channel/no-phone",
            vec![Op::Write(
                SITE,
                valid_file(SITE, &[("  phone: \"0000-1000001\"\n", "")]),
            )],
            &[(SITE, "no-complaint-channel", 9, 3)],
        ),
        case(
            "no-complaint-channel/near-phone-only",
            vec![Op::Write(
                SITE,
                valid_file(
                    SITE,
                    &[(
                        "  address: 测试县市场监督管理局监察室（三楼 301 室）\n  email: jiancha@test.example.gov.cn\n",
                        "",
                    )],
                ),
            )],
            &[],
        ),
        // department-without-phone -----------------------------------------------------------
        case(
            "department-without-phone/no-phone",
            vec![Op::Write(
                DEPT,
                valid_file(DEPT, &[("phone: \"0000-1000010\"\n", "")]),
            )],
            &[(DEPT, "department-without-phone", 1, 1)],
        ),
        case(
            "department-without-phone/near-phone-last",
            vec![Op::Write(
                DEPT,
                valid_file(
                    DEPT,
                    &[
                        ("phone: \"0000-1000010\"\n", ""),
                        ("head: 股长\n", "head: 股长\nphone: \"0000-1000010\"\n"),
                    ],
                ),
            )],
            &[],
        ),
        // visits-exceed-one ------------------------------------------------------------------
        item_case(
            "visits-exceed-one/two-visits",
            &[("visits: 1\n", "visits: 2\n")],
            &[("visits-exceed-one", 46, 9)],
        ),
        item_case(
            "visits-exceed-one/two-visits-without-reason-once",
            &[("visits: 1\nvisits_reason: 需核验原件\n", "visits: 2\n")],
            &[("visits-exceed-one", 46, 9)],
        ),
        item_case(
            "visits-exceed-one/one-visit-without-reason",
            &[("visits_reason: 需核验原件\n", "")],
            &[("visits-exceed-one", 1, 1)],
        ),
        item_case(
            "visits-exceed-one/near-zero-visits-without-reason",
            &[("visits: 1\nvisits_reason: 需核验原件\n", "visits: 0\n")],
            &[],
        ),
        // online-without-url -----------------------------------------------------------------
        item_case(
            "online-without-url/available-without-url",
            &[("  url: https://zwfw.example.gov.cn/t\n", "")],
            &[("online-without-url", 49, 3)],
        ),
        item_case(
            "online-without-url/unavailable-without-reason",
            &[(
                "  available: true\n  url: https://zwfw.example.gov.cn/t\n",
                "  available: false\n",
            )],
            &[("online-without-url", 49, 3)],
        ),
        item_case(
            "online-without-url/near-unavailable-with-reason",
            &[(
                "  available: true\n  url: https://zwfw.example.gov.cn/t\n",
                "  available: false\n  reason: 需现场核验原件\n",
            )],
            &[],
        ),
        // stale-review -----------------------------------------------------------------------
        item_case(
            "stale-review/older-than-12-months",
            &[("updated: 2026-10-01", "updated: 2025-11-28")],
            &[("stale-review", 64, 10)],
        ),
        item_case(
            "stale-review/after-today",
            &[("updated: 2026-10-01", "updated: 2026-11-30")],
            &[("stale-review", 64, 10)],
        ),
        item_case(
            "stale-review/near-exactly-12-months",
            &[("updated: 2026-10-01", "updated: 2025-11-29")],
            &[],
        ),
        item_case(
            "stale-review/near-today",
            &[("updated: 2026-10-01", "updated: 2026-11-29")],
            &[],
        ),
        case(
            "stale-review/near-review-months-widens-window",
            vec![
                Op::Write(
                    SITE,
                    valid_file(SITE, &[("review_months: 12", "review_months: 24")]),
                ),
                Op::Write(T, item(&[("updated: 2026-10-01", "updated: 2024-11-29")])),
            ],
            &[],
        ),
        case(
            "stale-review/review-months-narrows-window",
            vec![
                Op::Write(
                    SITE,
                    valid_file(SITE, &[("review_months: 12", "review_months: 1")]),
                ),
                Op::Write(T, item(&[("updated: 2026-10-01", "updated: 2026-10-29")])),
            ],
            &[
                (GETI, "stale-review", 81, 10),
                (SHIPIN, "stale-review", 59, 10),
            ],
        ),
        case(
            "stale-review/review-months-24-still-stale",
            vec![
                Op::Write(
                    SITE,
                    valid_file(SITE, &[("review_months: 12", "review_months: 24")]),
                ),
                Op::Write(T, item(&[("updated: 2026-10-01", "updated: 2024-11-28")])),
            ],
            &[(T, "stale-review", 64, 10)],
        ),
        // duplicate-material -----------------------------------------------------------------
        item_case(
            "duplicate-material/same-name-twice",
            &[("procedure:\n", THIRD_MATERIAL)],
            &[("duplicate-material", 29, 11)],
        ),
        item_case(
            "duplicate-material/near-different-names",
            &[(
                "procedure:\n",
                &THIRD_MATERIAL.replace("经营者身份证明", "代理人身份证明"),
            )],
            &[],
        ),
        // excluded-without-basis -------------------------------------------------------------
        item_case(
            "excluded-without-basis/near-with-basis",
            &[("    - name: 听证", "    - name: 检验检测")],
            &[],
        ),
        // lint map ---------------------------------------------------------------------------
        case(
            "lint/vague-wording-off",
            vec![
                Op::Write(
                    SITE,
                    valid_file(
                        SITE,
                        &[(
                            "timezone: Asia/Shanghai\n",
                            "timezone: Asia/Shanghai\nlint:\n  vague-wording: off\n",
                        )],
                    ),
                ),
                Op::Write(
                    T,
                    item(&[(
                        "    description: 当场受理。",
                        "    description: 必要时进行现场核查。",
                    )]),
                ),
            ],
            &[],
        ),
        case(
            "lint/stale-review-off",
            vec![
                Op::Write(
                    SITE,
                    valid_file(
                        SITE,
                        &[(
                            "timezone: Asia/Shanghai\n",
                            "timezone: Asia/Shanghai\nlint:\n  stale-review: off\n",
                        )],
                    ),
                ),
                Op::Write(T, item(&[("updated: 2026-10-01", "updated: 2020-01-01")])),
            ],
            &[],
        ),
        case(
            "lint/lint-not-a-map",
            vec![Op::Write(
                SITE,
                valid_file(
                    SITE,
                    &[(
                        "timezone: Asia/Shanghai\n",
                        "timezone: Asia/Shanghai\nlint: [vague-wording]\n",
                    )],
                ),
            )],
            &[(SITE, "invalid-value", 17, 7)],
        ),
        // scalars kept as written ------------------------------------------------------------
        item_case(
            "scalars/code-0010-is-the-text-0010",
            &[("code: T-001", "code: 0010")],
            &[("duplicate-code", 1, 7)],
        ),
        item_case(
            "scalars/near-code-010-is-not-0010",
            &[("code: T-001", "code: 010")],
            &[],
        ),
    ];
    cases.extend(version_two_cases());
    cases
}

/// Content format version 2: the new rules, the widened ones, the scalars paragraph. Positions
/// are where the spec says (a wording rule at the matched word; a dedicated rule at its key).
fn version_two_cases() -> Vec<Case> {
    vec![
        item_case(
            "formula-text/name",
            &[("name: 测试事项", "name: =HYPERLINK(\"x\")")],
            &[("formula-text", 2, 7)],
        ),
        item_case(
            "formula-text/near-equals-inside",
            &[(
                "  - text: 有经营能力的自然人",
                "  - text: 年龄>=18 的自然人",
            )],
            &[],
        ),
        item_case(
            "fee-unspecified/amount-without-unit",
            &[(
                "fees: {free: true}",
                "fees:\n  items:\n    - {name: 工本费, amount: \"10\", basis: {law: xzxkf, article: 第三十条}}",
            )],
            &[("fee-unspecified", 43, 27)],
        ),
        item_case(
            "fee-unspecified/near-chinese-amount-with-unit",
            &[(
                "fees: {free: true}",
                "fees:\n  items:\n    - {name: 工本费, amount: 每本十元, basis: {law: xzxkf, article: 第三十条}}",
            )],
            &[],
        ),
        item_case(
            "invalid-value/merge-key-hides-no-key",
            &[(
                "  - name: 经营者身份证明\n    required: 委托代理人办理的\n",
                "  - <<: {name: 经营者身份证明, required: true}\n",
            )],
            &[("invalid-value", 22, 5)],
        ),
        item_case(
            "catch-all-wording/v2-youguan-zhengjian",
            &[("  - name: 经营者身份证明", "  - name: 身份证等有关证件")],
            &[("catch-all-wording", 22, 14)],
        ),
        item_case(
            "duplicate-material/title-marks-folded",
            &[(
                "  - name: 经营者身份证明",
                "  - name: 《个体工商户登记申请书》原件",
            )],
            &[("duplicate-material", 22, 11)],
        ),
        item_case(
            "yaml-syntax/typo-full-width-colon",
            &[("name: 测试事项", "name：测试事项")],
            &[("yaml-syntax", 2, 5)],
        ),
        item_case(
            "yaml-syntax/typo-full-width-colon-in-entry",
            &[("  - name: 经营者身份证明", "  - name：经营者身份证明")],
            &[("yaml-syntax", 22, 9)],
        ),
        item_case(
            "yaml-syntax/typo-no-space-after-colon",
            &[("name: 测试事项", "name:测试事项")],
            &[("yaml-syntax", 2, 5)],
        ),
        item_case(
            "yaml-syntax/typo-tab-before-entry",
            &[("  - name: 经营者身份证明", "\t- name: 经营者身份证明")],
            &[("yaml-syntax", 22, 1)],
        ),
        item_case(
            "yaml-syntax/typo-full-width-space-before-entry",
            &[("  - name: 经营者身份证明", "　 - name: 经营者身份证明")],
            &[("yaml-syntax", 22, 1)],
        ),
        item_case(
            "yaml-syntax/typo-missing-colon-points-at-its-line",
            &[("name: 测试事项", "name 测试事项")],
            &[("yaml-syntax", 2, 1)],
        ),
        item_case(
            "yaml-syntax/typo-unclosed-quote",
            &[("name: 测试事项", "name: \"测试事项")],
            &[("yaml-syntax", 2, 7)],
        ),
        item_case(
            "yaml-syntax/near-full-width-colon-in-text",
            &[(
                "    note: 经营者本人签字。",
                "    note: 注意：经营者本人签字。",
            )],
            &[],
        ),
        item_case(
            "yaml-syntax/near-full-width-space-in-block",
            &[(
                "summary: 测试事项的说明。",
                "summary: |\n  　　测试事项的说明。\n  name：不是字段。",
            )],
            &[],
        ),
        item_case(
            "exemption-in-note/shared-data",
            &[(
                "    note: 经营者本人签字。",
                "    note: 经营者本人签字；通过数据共享能够获取的，免于提交。",
            )],
            &[("exemption-in-note", 21, 31)],
        ),
        item_case(
            "exemption-in-note/no-longer",
            &[(
                "    note: 经营者本人签字。",
                "    note: 已在本局登记的不再提交。",
            )],
            &[("exemption-in-note", 21, 18)],
        ),
        item_case(
            "exemption-in-note/near-with-exempt",
            &[(
                "    note: 经营者本人签字。",
                "    note: 通过数据共享能够获取的，免于提交。\n    exempt: {by: 共享获取, when: 在本县登记的}",
            )],
            &[],
        ),
        item_case(
            "material-in-note/title",
            &[(
                "    note: 经营者本人签字。",
                "    note: 经营者本人签字，另附《设备基本信息汇总表》。",
            )],
            &[("material-in-note", 21, 19)],
        ),
        item_case(
            "material-in-note/untitled-copy",
            &[(
                "    note: 经营者本人签字。",
                "    note: 经营者本人签字，并附股东名册复印件。",
            )],
            &[("material-in-note", 21, 19)],
        ),
        item_case(
            "material-in-note/second-title-not-a-material",
            &[(
                "    note: 经营者本人签字。",
                "    note: 还需提交《经营者身份证明》和《场所平面图》。",
            )],
            &[("material-in-note", 21, 11)],
        ),
        item_case(
            "material-in-note/near-cross-reference",
            &[(
                "    note: 经营者本人签字。",
                "    note: 另附《经营者身份证明》。",
            )],
            &[],
        ),
        item_case(
            "material-in-note/near-no-document",
            &[(
                "    note: 经营者本人签字。",
                "    note: 同时提交原件以便核验。",
            )],
            &[],
        ),
        item_case(
            "material-in-note/near-other-sentence",
            &[(
                "    note: 经营者本人签字。",
                "    note: 经营者本人签字并附上日期。表格用黑色墨水填写。",
            )],
            &[],
        ),
        item_case(
            "steps-exceed-promised/working-days",
            &[(
                "    time_limit: {value: 0, unit: 工作日}\ntime_limit:",
                "    time_limit: {value: 6, unit: 工作日}\ntime_limit:",
            )],
            &[("steps-exceed-promised", 36, 3)],
        ),
        item_case(
            "steps-exceed-promised/hours",
            &[(
                "    time_limit: {value: 0, unit: 工作日}\ntime_limit:",
                "    time_limit: {value: 41, unit: 小时}\ntime_limit:",
            )],
            &[("steps-exceed-promised", 36, 3)],
        ),
        item_case(
            "steps-exceed-promised/near-40-hours-is-5-days",
            &[(
                "    time_limit: {value: 0, unit: 工作日}\ntime_limit:",
                "    time_limit: {value: 40, unit: 小时}\ntime_limit:",
            )],
            &[],
        ),
        item_case(
            "steps-exceed-promised/near-calendar-days-left-out",
            &[(
                "    time_limit: {value: 0, unit: 工作日}\ntime_limit:",
                "    time_limit: {value: 30, unit: 自然日}\ntime_limit:",
            )],
            &[],
        ),
        item_case(
            "statutory-without-basis/licensing",
            &[(
                ", basis: {law: xzxkf, article: 第四十二条}}\n  promised",
                "}\n  promised",
            )],
            &[("statutory-without-basis", 35, 3)],
        ),
        item_case(
            "statutory-without-basis/near-confirmation",
            &[
                (
                    ", basis: {law: xzxkf, article: 第四十二条}}\n  promised",
                    "}\n  promised",
                ),
                ("type: 行政许可", "type: 行政确认"),
            ],
            &[],
        ),
        item_case(
            "no-quantity-limit/licensing",
            &[("quantity_limit: 无数量限制\n", "")],
            &[("no-quantity-limit", 1, 1)],
        ),
        item_case(
            "no-quantity-limit/near-filing",
            &[
                ("quantity_limit: 无数量限制\n", ""),
                ("type: 行政许可", "type: 行政备案"),
            ],
            &[],
        ),
        item_case(
            "commitment-incomplete/no-commitment",
            &[(
                "    issuer: 公安机关\n",
                "    issuer: 公安机关\n    exempt: {by: 告知承诺}\n",
            )],
            &[("commitment-incomplete", 29, 5)],
        ),
        item_case(
            "commitment-incomplete/no-consequence",
            &[(
                "quantity_limit: 无数量限制\n",
                "quantity_limit: 无数量限制\ncommitment:\n  form: forms/geti-shenqingshu.docx\n  verification: 受理后 30 日内核查。\n",
            )],
            &[("commitment-incomplete", 66, 1)],
        ),
        item_case(
            "commitment-incomplete/near-complete",
            &[
                (
                    "    issuer: 公安机关\n",
                    "    issuer: 公安机关\n    exempt: {by: 告知承诺}\n",
                ),
                (
                    "quantity_limit: 无数量限制\n",
                    "quantity_limit: 无数量限制\ncommitment:\n  form: forms/geti-shenqingshu.docx\n  verification: 受理后 30 日内核查。\n  consequence: 撤销登记并记入信用记录。\n",
                ),
            ],
            &[],
        ),
        item_case(
            "entrustment-incomplete/bare",
            &[(
                "quantity_limit: 无数量限制\n",
                "quantity_limit: 无数量限制\nauthority:\n  nature: 受委托组织\n",
            )],
            &[
                ("entrustment-incomplete", 66, 1),
                ("entrustment-incomplete", 66, 1),
                ("entrustment-incomplete", 66, 1),
            ],
        ),
        item_case(
            "entrustment-incomplete/no-redress",
            &[(
                "quantity_limit: 无数量限制\n",
                "quantity_limit: 无数量限制\nauthority:\n  nature: 受委托组织\n  entrusted_by: 示例市市场监督管理局\n  entrustment_basis: {law: xzxkf, article: 第三十条}\n",
            )],
            &[("entrustment-incomplete", 66, 1)],
        ),
        item_case(
            "entrustment-incomplete/near-complete",
            &[(
                "quantity_limit: 无数量限制\n",
                "quantity_limit: 无数量限制\nauthority:\n  nature: 受委托组织\n  entrusted_by: 示例市市场监督管理局\n  entrustment_basis: {law: xzxkf, article: 第三十条}\nredress:\n  review: 示例市人民政府\n  litigation: 示例市某区人民法院\n",
            )],
            &[],
        ),
        item_case(
            "entrustment-incomplete/near-statutory-body",
            &[(
                "quantity_limit: 无数量限制\n",
                "quantity_limit: 无数量限制\nauthority:\n  nature: 法定机关\n",
            )],
            &[],
        ),
        item_case(
            "intermediary-undeclared/agency",
            &[(
                "    source: 政府部门核发\n    issuer: 公安机关\n",
                "    source: 中介机构出具\n    issuer: 示例检测有限公司\n",
            )],
            &[("intermediary-undeclared", 27, 13)],
        ),
        item_case(
            "intermediary-undeclared/near-declared",
            &[
                (
                    "    source: 政府部门核发\n    issuer: 公安机关\n",
                    "    source: 中介机构出具\n    issuer: 示例检测有限公司\n",
                ),
                (
                    "quantity_limit: 无数量限制\n",
                    "quantity_limit: 无数量限制\nintermediary:\n  - name: 检测服务\n    fee: 按市场价\n",
                ),
            ],
            &[],
        ),
        item_case(
            "undeclared-situation/other-wording",
            &[(
                "quantity_limit: 无数量限制\n",
                "quantity_limit: 无数量限制\nsituations: [委托他人办理的]\n",
            )],
            &[("undeclared-situation", 23, 15)],
        ),
        item_case(
            "undeclared-situation/near-declared",
            &[(
                "quantity_limit: 无数量限制\n",
                "quantity_limit: 无数量限制\nsituations: [委托代理人办理的, 经营者为外国人的]\n",
            )],
            &[],
        ),
        item_case(
            "catch-all-wording/v2-1-qita",
            &[(
                "  - name: 经营者身份证明",
                "  - name: 经营者身份证明及其它材料",
            )],
            &[("catch-all-wording", 22, 19)],
        ),
        item_case(
            "catch-all-wording/v2-2-ziliao",
            &[(
                "  - name: 经营者身份证明",
                "  - name: 经营者身份证明和其他资料",
            )],
            &[("catch-all-wording", 22, 19)],
        ),
        item_case(
            "catch-all-wording/v2-3-zhengming",
            &[("  - name: 经营者身份证明", "  - name: 经营者相关证明")],
            &[("catch-all-wording", 22, 14)],
        ),
        item_case(
            "catch-all-wording/v2-4-wenjian",
            &[("  - name: 经营者身份证明", "  - name: 经营者身份的相关文件")],
            &[("catch-all-wording", 22, 17)],
        ),
        item_case(
            "catch-all-wording/v2-5-youguan",
            &[("  - name: 经营者身份证明", "  - name: 经营者有关证明")],
            &[("catch-all-wording", 22, 14)],
        ),
        item_case(
            "catch-all-wording/v2-6-xiangying",
            &[("  - name: 经营者身份证明", "  - name: 经营者身份相应材料")],
            &[("catch-all-wording", 22, 16)],
        ),
        item_case(
            "catch-all-wording/v2-7-suoxu",
            &[("  - name: 经营者身份证明", "  - name: 核验所需材料")],
            &[("catch-all-wording", 22, 13)],
        ),
        item_case(
            "catch-all-wording/v2-8-buxianyu",
            &[(
                "  - name: 经营者身份证明",
                "  - name: 身份证明，包括但不限于身份证",
            )],
            &[("catch-all-wording", 22, 16)],
        ),
        item_case(
            "catch-all-wording/v2-9-youxiao",
            &[("  - name: 经营者身份证明", "  - name: 身份证等有效证件")],
            &[("catch-all-wording", 22, 14)],
        ),
        item_case(
            "catch-all-wording/v2-10-ellipsis",
            &[("  - name: 经营者身份证明", "  - name: 身份证、护照……")],
            &[("catch-all-wording", 22, 17)],
        ),
        item_case(
            "catch-all-wording/v2-11-dots",
            &[("  - name: 经营者身份证明", "  - name: 身份证、护照...")],
            &[("catch-all-wording", 22, 17)],
        ),
        item_case(
            "catch-all-wording/in-note",
            &[(
                "    note: 经营者本人签字。",
                "    note: 经营者本人签字，并提交其他材料。",
            )],
            &[("catch-all-wording", 21, 22)],
        ),
        item_case(
            "catch-all-wording/in-required",
            &[(
                "    required: 委托代理人办理的",
                "    required: 需要相关证明的",
            )],
            &[("catch-all-wording", 23, 17)],
        ),
        item_case(
            "catch-all-wording/in-refusal",
            &[(
                "  - case: 申请事项不属于本机关职权范围的",
                "  - case: 其他不符合法律法规规定的情形",
            )],
            &[("catch-all-wording", 58, 11)],
        ),
        item_case(
            "catch-all-wording/near-ellipsis-inside",
            &[(
                "  - name: 经营者身份证明",
                "  - name: 经营者身份证明……户口簿",
            )],
            &[],
        ),
        item_case(
            "catch-all-wording/near-other-authority",
            &[(
                "  - case: 申请事项不属于本机关职权范围的",
                "  - case: 申请事项依法属于其他行政机关职权范围的",
            )],
            &[],
        ),
        item_case(
            "vague-wording/v2-1",
            &[(
                "  - text: 有经营能力的自然人",
                "  - text: 有经营能力的自然人，根据需要补充说明",
            )],
            &[("vague-wording", 10, 21)],
        ),
        item_case(
            "vague-wording/v2-2",
            &[(
                "  - text: 有经营能力的自然人",
                "  - text: 有经营能力的自然人，如有需要补充说明",
            )],
            &[("vague-wording", 10, 21)],
        ),
        item_case(
            "vague-wording/v2-3",
            &[(
                "  - text: 有经营能力的自然人",
                "  - text: 有经营能力的自然人，根据实际情况补充说明",
            )],
            &[("vague-wording", 10, 21)],
        ),
        item_case(
            "vague-wording/v2-4",
            &[(
                "  - text: 有经营能力的自然人",
                "  - text: 有经营能力的自然人，视具体情况补充说明",
            )],
            &[("vague-wording", 10, 21)],
        ),
        item_case(
            "vague-wording/v2-5",
            &[(
                "  - text: 有经营能力的自然人",
                "  - text: 有经营能力的自然人，另行通知补充说明",
            )],
            &[("vague-wording", 10, 21)],
        ),
        item_case(
            "vague-wording/v2-6",
            &[(
                "  - text: 有经营能力的自然人",
                "  - text: 有经营能力的自然人，以窗口要求为准补充说明",
            )],
            &[("vague-wording", 10, 21)],
        ),
        item_case(
            "vague-wording/v2-7",
            &[(
                "  - text: 有经营能力的自然人",
                "  - text: 有经营能力的自然人，按有关规定补充说明",
            )],
            &[("vague-wording", 10, 21)],
        ),
        item_case(
            "material-count/near-exempt-always",
            &[
                (
                    "    originals: 1\n    copies: 1\n",
                    "    originals: 0\n    copies: 0\n",
                ),
                (
                    "    issuer: 公安机关\n",
                    "    issuer: 公安机关\n    exempt: {by: 共享获取}\n",
                ),
            ],
            &[],
        ),
        item_case(
            "material-count/exempt-only-in-a-case",
            &[
                (
                    "    originals: 1\n    copies: 1\n",
                    "    originals: 0\n    copies: 0\n",
                ),
                (
                    "    issuer: 公安机关\n",
                    "    issuer: 公安机关\n    exempt: {by: 共享获取, when: 在本县登记的}\n",
                ),
            ],
            &[("material-count", 24, 16)],
        ),
        item_case(
            "form-without-template/v2-bracketed-filing-form",
            &[(
                "  - name: 经营者身份证明",
                "  - name: 个体工商户备案表（原件）",
            )],
            &[("form-without-template", 22, 5)],
        ),
        item_case(
            "form-without-template/v2-title-declaration",
            &[("  - name: 经营者身份证明", "  - name: 《经营者声明书》")],
            &[("form-without-template", 22, 5)],
        ),
        item_case(
            "form-without-template/near-form-in-the-middle",
            &[("  - name: 经营者身份证明", "  - name: 申请表填写说明")],
            &[],
        ),
        item_case(
            "no-refusals/confirmation",
            &[
                (
                    "refusals:\n  - case: 申请事项不属于本机关职权范围的\n    basis: {law: xzxkf, article: 第三十二条}\n",
                    "",
                ),
                ("type: 行政许可", "type: 行政确认"),
            ],
            &[("no-refusals", 1, 1)],
        ),
        item_case(
            "no-refusals/near-public-service-without-quantity",
            &[
                (
                    "refusals:\n  - case: 申请事项不属于本机关职权范围的\n    basis: {law: xzxkf, article: 第三十二条}\n",
                    "",
                ),
                ("type: 行政许可", "type: 公共服务"),
                ("quantity_limit: 无数量限制\n", ""),
            ],
            &[],
        ),
        item_case(
            "duplicate-material/folded-suffixes",
            &[(
                "  - name: 经营者身份证明",
                "  - name: 个体工商户登记申请书 复印件",
            )],
            &[("duplicate-material", 22, 11)],
        ),
        item_case(
            "duplicate-material/near-different-document",
            &[(
                "  - name: 经营者身份证明",
                "  - name: 个体工商户登记申请书填写说明",
            )],
            &[],
        ),
        item_case(
            "invalid-value/required-yes-no-1",
            &[("    required: 委托代理人办理的", "    required: 否")],
            &[("invalid-value", 23, 15)],
        ),
        item_case(
            "invalid-value/required-yes-no-2",
            &[("    required: 委托代理人办理的", "    required: 是")],
            &[("invalid-value", 23, 15)],
        ),
        item_case(
            "invalid-value/required-yes-no-3",
            &[("    required: 委托代理人办理的", "    required: 必须")],
            &[("invalid-value", 23, 15)],
        ),
        item_case(
            "invalid-value/required-yes-no-4",
            &[("    required: 委托代理人办理的", "    required: 不需要")],
            &[("invalid-value", 23, 15)],
        ),
        item_case(
            "invalid-value/required-yes-no-5",
            &[("    required: 委托代理人办理的", "    required: N")],
            &[("invalid-value", 23, 15)],
        ),
        item_case(
            "invalid-value/required-yes-no-6",
            &[("    required: 委托代理人办理的", "    required: yes")],
            &[("invalid-value", 23, 15)],
        ),
        item_case(
            "invalid-value/yaml-tag",
            &[("summary: 测试事项的说明。", "summary: !include summary.md")],
            &[("invalid-value", 6, 10)],
        ),
        item_case(
            "invalid-value/binary-tag",
            &[(
                "    blank_form: forms/geti-shenqingshu.docx",
                "    blank_form: !!binary AAAA",
            )],
            &[("invalid-value", 19, 17)],
        ),
        item_case(
            "invalid-value/merge-key",
            &[(
                "quantity_limit: 无数量限制\n",
                "quantity_limit: 无数量限制\n<<: {tags: [开办企业]}\n",
            )],
            &[("invalid-value", 66, 1)],
        ),
        item_case(
            "invalid-value/near-dot-slash-path",
            &[
                (
                    "    blank_form: forms/geti-shenqingshu.docx",
                    "    blank_form: ./forms/geti-shenqingshu.docx",
                ),
                (
                    "    sample: samples/geti-shenqingshu-yangben.docx",
                    "    sample: samples//geti-shenqingshu-yangben.docx",
                ),
            ],
            &[],
        ),
        item_case(
            "invalid-value/refusal-kind",
            &[(
                "    basis: {law: xzxkf, article: 第三十二条}\nfaq",
                "    basis: {law: xzxkf, article: 第三十二条}\n    kind: 不予办理\nfaq",
            )],
            &[("invalid-value", 60, 11)],
        ),
        item_case(
            "invalid-value/exempt-by",
            &[(
                "    issuer: 公安机关\n",
                "    issuer: 公安机关\n    exempt: {by: 免提交}\n",
            )],
            &[("invalid-value", 29, 18)],
        ),
        item_case(
            "unknown-field/near-v2-keys-are-known",
            &[(
                "quantity_limit: 无数量限制\n",
                "quantity_limit: 无数量限制\nsituations: [委托代理人办理的]\nintermediary:\n  - {name: 场所测绘, provider: 具备测绘资质的机构, fee: 按市场价}\nresult_note: x\n",
            )],
            &[("unknown-field", 69, 1)],
        ),
    ]
}

/// The typing mistakes of a Chinese keyboard are told in the reporting language, at the culprit.
#[test]
fn typing_mistakes_are_named_in_chinese_and_english() {
    let site = Site::with_item();
    site.write(T, item(&[("name: 测试事项", "name：测试事项")]));
    let zh = site.check(&["--lang", "zh"]);
    assert_eq!(zh.code, 1);
    assert!(
        zh.stdout.contains("字段名 `name` 后面是全角冒号“：”")
            && zh.stdout.contains("content/items/t.yaml:2:5")
            && zh.stdout.contains("`name: `"),
        "{}",
        zh.stdout
    );
    let en = site.check(&["--lang", "en"]);
    assert!(
        en.stdout
            .contains("the key `name` is followed by a full-width colon")
            && en.stdout.contains("content/items/t.yaml:2:5"),
        "{}",
        en.stdout
    );
}

/// Every typing mistake of a Chinese keyboard: its words in both languages, at the culprit's
/// line and column, with the fix.
#[test]
fn each_typing_mistake_is_told_at_its_place_in_both_languages() {
    let cases: &[(&str, &str, &str, &str, &str)] = &[
        // (from, to, position, Chinese words, English words)
        (
            "name: 测试事项",
            "name：测试事项",
            "t.yaml:2:5",
            "后面是全角冒号“：”",
            "full-width colon",
        ),
        (
            "name: 测试事项",
            "name:测试事项",
            "t.yaml:2:5",
            "的冒号后面缺少空格",
            "no space after the colon of `name`",
        ),
        (
            "name: 测试事项",
            "name:　测试事项",
            "t.yaml:2:6",
            "全角空格",
            "full-width space",
        ),
        (
            "  - name: 经营者身份证明",
            "\t- name: 经营者身份证明",
            "t.yaml:22:1",
            "行首缩进里有制表符（Tab）",
            "a tab in the indentation",
        ),
        (
            "  - name: 经营者身份证明",
            "　 - name: 经营者身份证明",
            "t.yaml:22:1",
            "行首缩进里有全角空格",
            "a full-width space (U+3000) in the indentation",
        ),
        (
            "name: 测试事项",
            "name: “测试事项”",
            "t.yaml:2:7",
            "的值两端是全角引号“”",
            "wrapped in full-width quotes",
        ),
        (
            "name: 测试事项",
            "name: \"测试事项",
            "t.yaml:2:7",
            "引号没有配对",
            "a quote is not closed",
        ),
        (
            "    copies: 0\n    medium: 纸质\n",
            "    copies: 0\n   medium: 纸质\n",
            "t.yaml:",
            "缩进不对",
            "wrong indentation",
        ),
    ];
    for (from, to, position, zh_words, en_words) in cases {
        let site = Site::with_item();
        site.write(T, item(&[(from, to)]));
        let zh = site.check(&["--lang", "zh"]);
        assert_eq!(zh.code, 1, "{to}: {}", zh.stdout);
        assert!(
            zh.stdout.contains(zh_words)
                && zh.stdout.contains(position)
                && zh.stdout.contains("help"),
            "{to}: {}",
            zh.stdout
        );
        let en = site.check(&["--lang", "en"]);
        assert!(
            en.stdout.contains(en_words)
                && en.stdout.contains(position)
                && en.stdout.contains("help"),
            "{to}: {}",
            en.stdout
        );
    }
}

#[test]
fn rule_table_cases() {
    run_cases(&cases());
}

/// Bug: `excluded-without-basis` points at the procedure's *value* (`听证`, 38:13); the output
/// contract says a missing key is reported at the first key of the map that lacks it (`name`,
/// 38:7), as `refusal-without-basis` does.
#[test]
fn excluded_without_basis_points_at_first_key() {
    run_cases(&[item_case(
        "excluded-without-basis/no-basis",
        &[("      basis: {law: xzxkf, article: 第四十二条}\n", "")],
        &[("excluded-without-basis", 38, 7)],
    )]);
}

/// The rule fires (whatever the column) — kept separate from the position bug above.
#[test]
fn excluded_without_basis_fires_once_as_warning() {
    let site = Site::with_item();
    site.write(
        T,
        item(&[("      basis: {law: xzxkf, article: 第四十二条}\n", "")]),
    );
    let diagnostics = site.diagnostics();
    assert_eq!(diagnostics.len(), 1, "{}", show(&diagnostics));
    assert_eq!(diagnostics[0].rule, "excluded-without-basis");
    assert_eq!(diagnostics[0].severity, "warning");
    assert_eq!((diagnostics[0].file.as_str(), diagnostics[0].line), (T, 38));
}

/// Bug: with content/site.yaml missing, empty or not parseable, the site model keeps
/// `Site::default()`, whose `review_months` is 0 instead of the format's default 12, so every
/// item gets a spurious `stale-review` ("已超过 0 个月") besides the one real problem.
#[test]
fn unusable_site_yaml_keeps_the_default_review_months() {
    run_cases(&[
        case(
            "missing-field/no-site-yaml",
            vec![Op::Remove(SITE)],
            &[(SITE, "missing-field", 1, 1)],
        ),
        case(
            "yaml-syntax/empty-site-yaml",
            vec![Op::Write(SITE, String::new())],
            &[(SITE, "yaml-syntax", 1, 1)],
        ),
        case(
            "yaml-syntax/broken-site-yaml",
            vec![Op::Write(
                SITE,
                valid_file(
                    SITE,
                    &[("title: 测试县市场监督管理局办事指南", "title: [测试县")],
                ),
            )],
            &[(SITE, "yaml-syntax", 2, 10)],
        ),
    ]);
}

/// A key that a dedicated rule is about, written but of the wrong type, is one `invalid-value`
/// and not also the dedicated rule's "missing" diagnostic (the format: "A key that is present but
/// of the wrong type or outside its enum is `invalid-value`"). The cases in
/// [`WRITTEN_BUT_INVALID_BUGS`] still fail: see the ignored test below.
fn written_but_invalid_cases() -> Vec<Case> {
    let fee_item = |amount: &str, basis: &str| {
        fees_items(&format!(
            "    - name: 工本费\n      amount: {amount}\n      basis: {basis}\n"
        ))
    };
    vec![
        item_case(
            "fees-not-a-map",
            &[("fees: {free: true}", "fees: 免费")],
            &[("invalid-value", 41, 7)],
        ),
        item_case(
            "refusals-not-a-list",
            &[(
                "refusals:\n  - case: 申请事项不属于本机关职权范围的\n    basis: {law: xzxkf, article: 第三十二条}\n",
                "refusals: 无\n",
            )],
            &[("invalid-value", 57, 11)],
        ),
        item_case(
            "handlers-not-a-map",
            &[(
                "handlers:\n  primary: 登记注册股A岗\n  substitute: 登记注册股B岗\n",
                "handlers: 登记注册股A岗\n",
            )],
            &[("invalid-value", 51, 11)],
        ),
        item_case(
            "substitute-not-text",
            &[(
                "  substitute: 登记注册股B岗",
                "  substitute: [登记注册股B岗]",
            )],
            &[("invalid-value", 53, 15)],
        ),
        item_case(
            "channels-not-a-list",
            &[(
                "  channels: [电话 0000-1000010]",
                "  channels: 电话 0000-1000010",
            )],
            &[("invalid-value", 55, 13)],
        ),
        item_case(
            "reply-within-not-a-span",
            &[(
                "  reply_within: {value: 1, unit: 工作日}",
                "  reply_within: 1 个工作日",
            )],
            &[("invalid-value", 56, 17)],
        ),
        item_case(
            "refusal-basis-not-a-reference",
            &[(
                "    basis: {law: xzxkf, article: 第三十二条}",
                "    basis: 行政许可法第三十二条",
            )],
            &[("invalid-value", 59, 12)],
        ),
        item_case(
            "excluded-basis-not-a-reference",
            &[(
                "      basis: {law: xzxkf, article: 第四十二条}",
                "      basis: 第四十二条",
            )],
            &[("invalid-value", 40, 14)],
        ),
        item_case(
            "issuer-not-text",
            &[("    issuer: 公安机关", "    issuer: [公安机关]")],
            &[("invalid-value", 28, 13)],
        ),
        item_case(
            "visits-reason-not-text",
            &[("visits_reason: 需核验原件", "visits_reason: [需核验原件]")],
            &[("invalid-value", 47, 16)],
        ),
        item_case(
            "online-url-not-a-url",
            &[(
                "  url: https://zwfw.example.gov.cn/t",
                "  url: zwfw.example.gov.cn/t",
            )],
            &[("invalid-value", 50, 8)],
        ),
        item_case(
            "fee-amount-not-text",
            &[(
                "fees: {free: true}\n",
                &fee_item("[10]", "{law: xzxkf, article: 第三十条}"),
            )],
            &[("invalid-value", 44, 15)],
        ),
        item_case(
            "fee-basis-not-a-reference",
            &[("fees: {free: true}\n", &fee_item("每件 10 元", "第三十条"))],
            &[("invalid-value", 45, 14)],
        ),
        case(
            "complaint-phone-not-text",
            vec![Op::Write(
                SITE,
                valid_file(
                    SITE,
                    &[("  phone: \"0000-1000001\"", "  phone: [0000-1000001]")],
                ),
            )],
            &[(SITE, "invalid-value", 9, 10)],
        ),
        case(
            "department-phone-not-text",
            vec![Op::Write(
                DEPT,
                valid_file(
                    DEPT,
                    &[("phone: \"0000-1000010\"", "phone: [0000-1000010]")],
                ),
            )],
            &[(DEPT, "invalid-value", 4, 8)],
        ),
    ]
}

/// Cases of [`written_but_invalid_cases`] that still report the dedicated rule too.
const WRITTEN_BUT_INVALID_BUGS: &[&str] =
    &["refusals-not-a-list", "excluded-basis-not-a-reference"];

#[test]
fn written_but_invalid_keys_are_only_invalid_value() {
    let cases: Vec<Case> = written_but_invalid_cases()
        .into_iter()
        .filter(|case| !WRITTEN_BUT_INVALID_BUGS.contains(&case.name))
        .collect();
    assert_eq!(cases.len(), 13);
    run_cases(&cases);
}

/// Bug: `refusals: 无` (not a list) on a 行政许可 item also gives `no-refusals`; an excluded
/// procedure's `basis: 第四十二条` (not a `{law, article}` map) also gives `excluded-without-basis`.
#[test]
fn written_but_invalid_refusals_and_excluded_basis_are_only_invalid_value() {
    let cases: Vec<Case> = written_but_invalid_cases()
        .into_iter()
        .filter(|case| WRITTEN_BUT_INVALID_BUGS.contains(&case.name))
        .collect();
    assert_eq!(cases.len(), 2);
    run_cases(&cases);
}

// ---------------------------------------------------------------------------------------------
// The rule list
// ---------------------------------------------------------------------------------------------

#[test]
fn rules_lists_every_rule_with_its_default_severity() {
    let run = zhinan(&["rules"], &[]);
    assert_eq!(run.code, 0);
    let listed: Vec<(String, String)> = run
        .stdout
        .lines()
        .map(|line| {
            let mut words = line.split_whitespace();
            (
                words.next().unwrap().to_string(),
                words.next().unwrap().to_string(),
            )
        })
        .collect();
    let expected: Vec<(String, String)> = RULES
        .iter()
        .map(|(name, severity)| (name.to_string(), severity.to_string()))
        .collect();
    assert_eq!(listed, expected);
    let english = zhinan(&["rules", "--lang", "en"], &[]);
    assert_eq!(english.code, 0);
    assert!(
        english.stdout.contains("two items share a `code`"),
        "{}",
        english.stdout
    );
}

#[test]
fn every_rule_has_a_trigger_and_a_near_miss() {
    let cases = cases();
    let triggered: BTreeSet<&str> = cases
        .iter()
        .flat_map(|case| case.expected.iter().map(|(_, rule, _, _)| *rule))
        .collect();
    let mut missing = Vec::new();
    for (rule, _) in RULES {
        if RULES_WITH_DEDICATED_TESTS.contains(rule) {
            continue;
        }
        // excluded-without-basis is triggered by its own tests (see the bug note there).
        if !triggered.contains(rule) && *rule != "excluded-without-basis" {
            missing.push(format!("{rule}: no case triggers it"));
        }
        let prefix = format!("{rule}/near-");
        if !cases.iter().any(|case| case.name.starts_with(&prefix)) {
            missing.push(format!("{rule}: no near-miss case"));
        }
    }
    assert!(missing.is_empty(), "{missing:#?}");
}

#[test]
fn rules_markdown_equals_docs_rules_md() {
    let run = zhinan(&["rules", "--markdown"], &[]);
    assert_eq!(run.code, 0);
    let path = manifest_dir().join("docs/rules.md");
    let on_disk = fs::read_to_string(&path).unwrap_or_else(|error| {
        panic!(
            "{} is missing ({error}); generate it with `zhinan rules --markdown > docs/rules.md`",
            path.display()
        )
    });
    assert!(
        run.stdout == on_disk,
        "docs/rules.md is out of date; regenerate it with `zhinan rules --markdown > docs/rules.md`"
    );
}

// ---------------------------------------------------------------------------------------------
// Multi-file rules
// ---------------------------------------------------------------------------------------------

#[test]
fn duplicate_code_one_diagnostic_per_later_file_with_related() {
    let site = Site::overlay("duplicate-code");
    let diagnostics = site.diagnostics();
    let a = "content/items/dup-a.yaml";
    assert_diagnostics(
        &diagnostics,
        &[
            ("content/items/dup-b.yaml", "duplicate-code", 2, 7, "error"),
            (
                "content/items/sub/dup-c.yaml",
                "duplicate-code",
                1,
                7,
                "error",
            ),
        ],
    );
    for diagnostic in &diagnostics {
        assert_eq!(diagnostic.related.len(), 1, "{diagnostic:?}");
        let (file, line, column, message) = &diagnostic.related[0];
        assert_eq!((file.as_str(), *line, *column), (a, 1, 7));
        assert!(!message.is_empty());
        assert!(
            diagnostic.message.contains("D-001"),
            "{}",
            diagnostic.message
        );
        assert!(
            diagnostic.help.as_deref().unwrap_or("").contains(a),
            "help names the first file: {:?}",
            diagnostic.help
        );
    }
}

#[test]
fn duplicate_id_in_sub_folders_at_1_1() {
    let site = Site::overlay("duplicate-id");
    let diagnostics = site.diagnostics();
    assert_diagnostics(
        &diagnostics,
        &[("content/items/b/same.yaml", "duplicate-id", 1, 1, "error")],
    );
    assert_eq!(
        diagnostics[0].related,
        vec![(
            "content/items/a/same.yaml".to_string(),
            1,
            1,
            diagnostics[0].related[0].3.clone()
        )]
    );
}

#[test]
fn near_miss_same_stem_in_other_kinds_of_content_is_not_duplicate_id() {
    // An item and a department may share an id: their URLs differ (/items/x/, /departments/x/).
    let site = Site::with_item();
    site.write(
        "content/items/dengji.yaml",
        item(&[("code: T-001", "code: T-009")]),
    );
    assert_diagnostics(&site.diagnostics(), &[]);
}

#[test]
fn template_rule_in_build() {
    let site = Site::overlay("template");
    let out = site.path("public");
    let run = zhinan(
        &[
            "build",
            "--root",
            site.root_str(),
            "--today",
            TODAY,
            "--out",
            out.to_str().unwrap(),
        ],
        &[("NO_COLOR", "1")],
    );
    assert_eq!(run.code, 1, "stderr:\n{}", run.stderr);
    assert!(
        run.stderr.contains("error[template]"),
        "stderr:\n{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("templates/item.html:"),
        "stderr:\n{}",
        run.stderr
    );
    assert!(!out.exists(), "a refused build writes nothing");
}

#[test]
fn template_near_miss_valid_override_builds() {
    let site = Site::valid();
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<p>页面不存在</p>{% endblock %}",
    );
    let out = site.path("public");
    let run = zhinan(
        &[
            "build",
            "--root",
            site.root_str(),
            "--today",
            TODAY,
            "--out",
            out.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(run.code, 0, "stderr:\n{}", run.stderr);
    assert!(
        !run.stderr.contains("[template]"),
        "stderr:\n{}",
        run.stderr
    );
}

/// Bug: the spec lists `template` in the rule set of `check` ("a template (default or the
/// site's own) fails to parse or render"), but `zhinan check` never loads the templates, so a
/// broken site template passes `check` (exit 0) and only `build` fails.
#[test]
fn template_rule_in_check() {
    let site = Site::overlay("template");
    let diagnostics = site.diagnostics();
    assert_eq!(diagnostics.len(), 1, "{}", show(&diagnostics));
    assert_eq!(diagnostics[0].rule, "template");
    assert_eq!(diagnostics[0].file, "templates/item.html");
    // Where `build` reports the same template error.
    assert_eq!((diagnostics[0].line, diagnostics[0].column), (5, 4));
}

// ---------------------------------------------------------------------------------------------
// Symlinks
// ---------------------------------------------------------------------------------------------

#[test]
fn symlinked_attachment_out_of_the_site_is_invalid() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.docx"), "secret").unwrap();
    fs::create_dir(outside.path().join("folder")).unwrap();
    fs::write(outside.path().join("folder/x.docx"), "secret").unwrap();

    let site = Site::with_item();
    std::os::unix::fs::symlink(
        outside.path().join("secret.docx"),
        site.path("content/files/forms/link.docx"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("folder"),
        site.path("content/files/ext"),
    )
    .unwrap();
    site.write(
        T,
        item(&[
            (
                "    blank_form: forms/geti-shenqingshu.docx",
                "    blank_form: forms/link.docx",
            ),
            (
                "    sample: samples/geti-shenqingshu-yangben.docx",
                "    sample: ext/x.docx",
            ),
        ]),
    );
    assert_diagnostics(
        &site.diagnostics(),
        &[
            (T, "invalid-value", 19, 17, "error"),
            (T, "invalid-value", 20, 13, "error"),
        ],
    );
}

#[test]
fn near_miss_symlink_inside_files_is_fine() {
    let site = Site::with_item();
    std::os::unix::fs::symlink(
        "geti-shenqingshu.docx",
        site.path("content/files/forms/alias.docx"),
    )
    .unwrap();
    site.write(
        T,
        item(&[(
            "    blank_form: forms/geti-shenqingshu.docx",
            "    blank_form: forms/alias.docx",
        )]),
    );
    assert_diagnostics(&site.diagnostics(), &[]);
}

#[test]
fn symlinked_content_file_is_not_followed() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(
        outside.path().join("x.yaml"),
        BASE_ITEM.replace("T-001", "T-777"),
    )
    .unwrap();
    let site = Site::with_item();
    std::os::unix::fs::symlink(
        outside.path().join("x.yaml"),
        site.path("content/items/x.yaml"),
    )
    .unwrap();
    assert_diagnostics(
        &site.diagnostics(),
        &[("content/items/x.yaml", "invalid-value", 1, 1, "error")],
    );
}

// ---------------------------------------------------------------------------------------------
// Severities, lint map, several problems
// ---------------------------------------------------------------------------------------------

#[test]
fn lint_raises_vague_wording_to_error() {
    let site = Site::with_item();
    site.write(
        SITE,
        valid_file(
            SITE,
            &[("timezone: Asia/Shanghai\n", "timezone: Asia/Shanghai\nlint:\n  vague-wording: error\n  catch-all-wording: warning\n")],
        ),
    );
    site.write(
        T,
        item(&[
            (
                "    description: 当场受理。",
                "    description: 必要时进行现场核查。",
            ),
            ("  - name: 经营者身份证明", "  - name: 其他材料"),
        ]),
    );
    assert_diagnostics(
        &site.diagnostics(),
        &[
            (T, "vague-wording", 32, 18, "error"),
            (T, "catch-all-wording", 22, 11, "warning"),
        ],
    );
}

#[test]
fn one_file_with_many_problems_reports_them_all() {
    let site = Site::with_item();
    site.write(
        T,
        item(&[
            ("name: 测试事项\n", ""),
            ("type: 行政许可", "type: 许可"),
            (
                "  - {law: xzxkf, article: 第三十条}",
                "  - {law: xzxkf, article: 第30条}",
            ),
            ("  - name: 经营者身份证明", "  - name: 身份证、户口簿等证明"),
            ("visits: 1\n", "visits: 3\n"),
            ("tags: [开办企业]\n", "remark: 备注\ntags: [开办企业]\n"),
            ("updated: 2026-10-01", "updated: 2020-01-01"),
        ]),
    );
    // `name` removed: every later line moves up by one.
    assert_diagnostics(
        &site.diagnostics(),
        &[
            (T, "missing-field", 1, 1, "error"),
            (T, "invalid-value", 2, 7, "error"),
            (T, "unresolved-reference", 7, 27, "error"),
            (T, "catch-all-wording", 21, 18, "error"),
            (T, "visits-exceed-one", 45, 9, "warning"),
            (T, "unknown-field", 62, 1, "error"),
            (T, "stale-review", 64, 10, "warning"),
        ],
    );
}

#[test]
fn unknown_field_help_suggests_the_closest_key() {
    let site = Site::with_item();
    site.write(
        T,
        item(&[(
            "  - name: 经营者身份证明\n",
            "  - nmae: 经营者身份证明\n    name: 经营者身份证明\n",
        )]),
    );
    let diagnostics = site.diagnostics();
    assert_eq!(diagnostics.len(), 1, "{}", show(&diagnostics));
    assert_eq!(
        (
            diagnostics[0].rule.as_str(),
            diagnostics[0].line,
            diagnostics[0].column
        ),
        ("unknown-field", 22, 5)
    );
    let help = diagnostics[0].help.as_deref().unwrap_or("");
    assert!(
        help.contains("`name`") || help.contains("name"),
        "help: {help}"
    );
    assert!(
        diagnostics[0].message.contains("nmae"),
        "{}",
        diagnostics[0].message
    );
}

#[test]
fn paths_are_relative_to_the_root_however_it_is_given() {
    let site = Site::with_item();
    site.write(T, item(&[("type: 行政许可", "type: 许可")]));
    let expected = [(T, "invalid-value", 3, 7, "error")];
    // From inside the site, without --root.
    let output = Command::new(env!("CARGO_BIN_EXE_zhinan"))
        .args(["check", "--today", TODAY, "--format", "json"])
        .current_dir(site.root())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_diagnostics(
        &parse_json(&String::from_utf8(output.stdout).unwrap()),
        &expected,
    );
    // From the parent folder, with a relative root and a trailing slash.
    let parent = site.root().parent().unwrap();
    let name = site.root().file_name().unwrap().to_str().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_zhinan"))
        .args([
            "check",
            "--root",
            &format!("./{name}/"),
            "--today",
            TODAY,
            "--format",
            "json",
        ])
        .current_dir(parent)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_diagnostics(
        &parse_json(&String::from_utf8(output.stdout).unwrap()),
        &expected,
    );
    // `check` writes nothing into the site.
    assert!(!site.path("public").exists());
}

#[test]
fn boolean_help_asks_for_true() {
    let site = Site::with_item();
    site.write(T, item(&[("  available: true", "  available: yes")]));
    let diagnostics = site.diagnostics();
    assert_eq!(diagnostics.len(), 1, "{}", show(&diagnostics));
    let help = diagnostics[0].help.as_deref().unwrap_or("");
    assert!(help.contains("true"), "help: {help}");
    assert!(
        diagnostics[0].message.contains("yes"),
        "{}",
        diagnostics[0].message
    );
}

#[test]
fn article_help_suggests_the_chinese_spelling() {
    let site = Site::with_item();
    site.write(
        T,
        item(&[(
            "  - {law: xzxkf, article: 第三十条}",
            "  - {law: xzxkf, article: 第30条}",
        )]),
    );
    let diagnostics = site.diagnostics();
    assert_eq!(diagnostics.len(), 1, "{}", show(&diagnostics));
    assert!(
        diagnostics[0]
            .help
            .as_deref()
            .unwrap_or("")
            .contains("第三十条"),
        "{:?}",
        diagnostics[0].help
    );
}

// ---------------------------------------------------------------------------------------------
// Hostile input
// ---------------------------------------------------------------------------------------------

/// Deterministic "random" bytes that are certainly not UTF-8.
fn noise(length: usize) -> Vec<u8> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut bytes: Vec<u8> = (0..length)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 56) as u8
        })
        .collect();
    bytes[0] = 0xFF;
    bytes
}

fn billion_laughs() -> String {
    let mut text = String::from(
        "a: &a [\"哈\", \"哈\", \"哈\", \"哈\", \"哈\", \"哈\", \"哈\", \"哈\", \"哈\"]\n",
    );
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for pair in names.windows(2) {
        let (previous, name) = (pair[0], pair[1]);
        let refs = vec![format!("*{previous}"); 9].join(", ");
        let _ = writeln!(text, "{name}: &{name} [{refs}]");
    }
    text
}

#[test]
fn hostile_files_give_yaml_syntax_and_the_run_goes_on() {
    let site = Site::with_item();
    let block_map: String = (0..1000)
        .map(|depth| format!("{}k{depth}:\n", " ".repeat(depth)))
        .collect::<String>()
        + &" ".repeat(1000)
        + "x\n";
    site.write(
        "content/items/h-malformed.yaml",
        "code: T-1\n name: 缩进错误\n",
    );
    site.write("content/items/h-noise.yaml", noise(4096));
    site.write("content/items/h-empty.yaml", "");
    site.write("content/items/h-flow.yaml", "[".repeat(10_000));
    site.write(
        "content/items/h-block-seq.yaml",
        "- ".repeat(10_000) + "x\n",
    );
    site.write("content/items/h-block-map.yaml", block_map);
    site.write("content/items/h-laughs.yaml", billion_laughs());
    site.write("content/items/h-nul.yaml", "code: T-1\0\nname: x\n");
    site.write(
        "content/items/h-gbk.yaml",
        b"name: \xb2\xe2\xca\xd4\n".as_slice(),
    );
    // Another broken file in the same run: its diagnostic must still appear.
    site.write(DEPT, valid_file(DEPT, &[("phone: \"0000-1000010\"\n", "")]));

    let run = site.check(&["--format", "json"]);
    assert_eq!(run.code, 1, "stderr:\n{}", run.stderr);
    let diagnostics = parse_json(&run.stdout);
    let mut by_file: BTreeMap<&str, Vec<&Diag>> = BTreeMap::new();
    for diagnostic in &diagnostics {
        by_file
            .entry(diagnostic.file.as_str())
            .or_default()
            .push(diagnostic);
    }
    let expect = [
        ("content/items/h-malformed.yaml", Some((2, 6))),
        ("content/items/h-noise.yaml", Some((1, 1))),
        ("content/items/h-empty.yaml", Some((1, 1))),
        ("content/items/h-flow.yaml", None),
        ("content/items/h-block-seq.yaml", None),
        ("content/items/h-block-map.yaml", Some((65, 65))),
        ("content/items/h-laughs.yaml", Some((5, 8))),
        ("content/items/h-nul.yaml", Some((1, 10))),
        ("content/items/h-gbk.yaml", Some((1, 7))),
    ];
    for (file, position) in expect {
        let found = by_file.remove(file).unwrap_or_default();
        assert_eq!(found.len(), 1, "{file}: {found:#?}");
        let diagnostic = found[0];
        assert_eq!(diagnostic.rule, "yaml-syntax", "{file}");
        assert_eq!(diagnostic.severity, "error", "{file}");
        assert!(!diagnostic.message.is_empty());
        match position {
            Some(position) => {
                assert_eq!((diagnostic.line, diagnostic.column), position, "{file}")
            }
            None => assert_eq!(diagnostic.line, 1, "{file}"),
        }
    }
    let rest: Vec<_> = by_file
        .into_values()
        .flatten()
        .map(|d| (d.file.as_str(), d.rule.as_str(), d.line, d.column))
        .collect();
    assert_eq!(rest, vec![(DEPT, "department-without-phone", 1, 1)]);

    // The human report of the same run quotes these files without trouble.
    let human = site.check_env(&[], &[("NO_COLOR", "1")]);
    assert_eq!(human.code, 1);
    assert!(human.stdout.contains("error[yaml-syntax]"));
}

#[test]
fn twenty_megabyte_file_is_refused_quickly() {
    let site = Site::with_item();
    let mut big = String::with_capacity(20 * 1024 * 1024 + 64);
    big.push_str("code: T-BIG\nname: ");
    while big.len() < 20 * 1024 * 1024 {
        big.push_str("很长的名称");
    }
    big.push('\n');
    site.write("content/items/big.yaml", &big);
    site.write(
        PAGE,
        format!("{}<script>x</script>\n", valid_file(PAGE, &[])),
    );
    let started = std::time::Instant::now();
    let diagnostics = site.diagnostics();
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "took {:?}",
        started.elapsed()
    );
    assert_diagnostics(
        &diagnostics,
        &[
            ("content/items/big.yaml", "yaml-syntax", 1, 1, "error"),
            (PAGE, "unsafe-markdown", 10, 1, "error"),
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// Exit codes
// ---------------------------------------------------------------------------------------------

#[test]
fn exit_codes() {
    // 0: clean.
    let site = Site::with_item();
    let run = site.check(&[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stdout, "未发现问题（检查了 9 个文件）\n");
    let json: Value = serde_json::from_str(&site.check(&["--format", "json"]).stdout).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"diagnostics": [], "errors": 0, "warnings": 0})
    );
    let github = site.check(&["--format", "github"]);
    assert_eq!((github.code, github.stdout.as_str()), (0, ""));
    let sarif: Value = serde_json::from_str(&site.check(&["--format", "sarif"]).stdout).unwrap();
    assert_eq!(sarif["runs"][0]["results"], serde_json::json!([]));

    // 0: only warnings; 1 with --deny-warnings.
    site.write(
        T,
        item(&[(
            "    description: 当场受理。",
            "    description: 必要时进行现场核查。",
        )]),
    );
    assert_eq!(site.check(&[]).code, 0);
    assert_eq!(site.check(&["--format", "json"]).code, 0);
    assert_eq!(site.check(&["--deny-warnings"]).code, 1);
    assert_eq!(
        site.check(&["--deny-warnings", "--format", "sarif"]).code,
        1
    );

    // 1: errors, in every format.
    site.write(T, item(&[("type: 行政许可", "type: 许可")]));
    for format in ["human", "json", "github", "sarif"] {
        assert_eq!(site.check(&["--format", format]).code, 1, "{format}");
    }

    // 2: could not run.
    let nowhere = site.path("no/such/folder");
    let run = zhinan(
        &[
            "check",
            "--root",
            nowhere.to_str().unwrap(),
            "--today",
            TODAY,
        ],
        &[],
    );
    assert_eq!(run.code, 2);
    assert!(!run.stderr.is_empty());
    assert!(run.stdout.is_empty());

    let empty = tempfile::tempdir().unwrap();
    let run = zhinan(
        &[
            "check",
            "--root",
            empty.path().to_str().unwrap(),
            "--today",
            TODAY,
        ],
        &[],
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("content"), "{}", run.stderr);

    let file_root = tempfile::tempdir().unwrap();
    fs::write(file_root.path().join("content"), "not a folder").unwrap();
    let run = zhinan(
        &["check", "--root", file_root.path().to_str().unwrap()],
        &[],
    );
    assert_eq!(run.code, 2);

    for today in ["2026-13-01", "2026-02-30", "yesterday", "2026-1-1"] {
        let run = zhinan(&["check", "--root", site.root_str(), "--today", today], &[]);
        assert_eq!(run.code, 2, "--today {today}");
        assert!(!run.stderr.is_empty());
    }
    let run = site.check(&["--format", "xml"]);
    assert_eq!(run.code, 2);
    let run = site.check(&["--lang", "fr"]);
    assert_eq!(run.code, 2);
    let run = zhinan(&["check", "--no-such-flag"], &[]);
    assert_eq!(run.code, 2);
}

// ---------------------------------------------------------------------------------------------
// Report formats
// ---------------------------------------------------------------------------------------------

/// Compares `actual` with tests/snapshots/<name>, or writes it when ZHINAN_BLESS=1.
fn snapshot(name: &str, actual: &str) {
    let path = manifest_dir().join("tests/snapshots").join(name);
    if std::env::var_os("ZHINAN_BLESS").is_some_and(|v| v == "1") {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, actual).unwrap();
        return;
    }
    let expected = fs::read_to_string(&path).unwrap_or_else(|error| {
        panic!(
            "snapshot {} missing ({error}); run with ZHINAN_BLESS=1 to create it",
            path.display()
        )
    });
    if expected != actual {
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(e, a)| e != a)
            .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        panic!(
            "snapshot {name} differs (first at line {}):\n  expected: {:?}\n  actual:   {:?}\n\
             --- actual output ---\n{actual}\n(run with ZHINAN_BLESS=1 to accept)",
            first + 1,
            expected.lines().nth(first),
            actual.lines().nth(first),
        );
    }
}

fn snapshot_site() -> Site {
    Site::overlay("snapshot")
}

#[test]
fn snapshot_human_zh() {
    let site = snapshot_site();
    let run = site.check_env(&[], &[("NO_COLOR", "1")]);
    assert_eq!(run.code, 1);
    assert!(!run.stdout.contains('\u{1b}'), "no colour when piped");
    assert!(!run.stdout.contains(site.root_str()), "paths are relative");
    snapshot("check-human-zh.txt", &run.stdout);
}

#[test]
fn snapshot_human_en() {
    let site = snapshot_site();
    let run = site.check_env(&["--lang", "en"], &[("NO_COLOR", "1")]);
    assert_eq!(run.code, 1);
    assert!(!run.stdout.contains('\u{1b}'));
    snapshot("check-human-en.txt", &run.stdout);
}

#[test]
fn snapshot_json() {
    let site = snapshot_site();
    let run = site.check(&["--format", "json"]);
    assert_eq!(run.code, 1);
    parse_json(&run.stdout);
    snapshot("check.json", &run.stdout);
}

#[test]
fn snapshot_github() {
    let site = snapshot_site();
    let run = site.check(&["--format", "github"]);
    assert_eq!(run.code, 1);
    for line in run.stdout.lines() {
        assert!(
            line.starts_with("::error file=") || line.starts_with("::warning file="),
            "{line}"
        );
    }
    snapshot("check-github.txt", &run.stdout);
}

#[test]
fn snapshot_sarif() {
    let site = snapshot_site();
    let run = site.check(&["--format", "sarif"]);
    assert_eq!(run.code, 1);
    snapshot("check.sarif.json", &run.stdout);
}

/// SARIF in English: the rules' descriptions and help, and every result's message, carry no
/// Chinese of the tool's own (the why and fix of a rule are written in Chinese only: an English
/// report gives the English summary instead).
#[test]
fn sarif_in_english_carries_no_chinese_of_the_tool() {
    let site = snapshot_site();
    let run = site.check(&["--format", "sarif", "--lang", "en"]);
    assert_eq!(run.code, 1);
    let sarif: Value = serde_json::from_str(&run.stdout).unwrap();
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert!(rules.len() > 30);
    let mut texts: Vec<String> = Vec::new();
    for rule in rules {
        for pointer in [
            "/shortDescription/text",
            "/fullDescription/text",
            "/help/text",
            "/help/markdown",
        ] {
            texts.push(rule.pointer(pointer).unwrap().as_str().unwrap().to_string());
        }
    }
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for result in results {
        texts.push(result["message"]["text"].as_str().unwrap().to_string());
    }
    for text in texts {
        assert_eq!(chinese_outside_quotes(&text), None, "{text}");
    }
}

#[test]
fn json_lists_the_snapshot_problems() {
    let site = snapshot_site();
    let diagnostics = site.diagnostics();
    let snap = "content/items/snap.yaml";
    let office = "content/departments/wudianhua.yaml";
    assert_diagnostics(
        &diagnostics,
        &[
            (office, "department-without-phone", 1, 1, "error"),
            (snap, "duplicate-code", 1, 7, "error"),
            (snap, "invalid-value", 3, 7, "error"),
            (snap, "unresolved-reference", 7, 27, "error"),
            (snap, "catch-all-wording", 11, 18, "error"),
            (snap, "vague-wording", 22, 7, "warning"),
            (snap, "invalid-value", 33, 14, "error"),
            (snap, "unknown-field", 40, 1, "error"),
            (snap, "stale-review", 41, 10, "warning"),
        ],
    );
    let duplicate = diagnostics
        .iter()
        .find(|d| d.rule == "duplicate-code")
        .unwrap();
    assert_eq!(duplicate.related.len(), 1);
    assert_eq!(
        (
            duplicate.related[0].0.as_str(),
            duplicate.related[0].1,
            duplicate.related[0].2
        ),
        (GETI, 1, 7)
    );
}

#[test]
fn github_format_escapes_and_positions() {
    let site = snapshot_site();
    let run = site.check(&["--format", "github"]);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 9, "{}", run.stdout);
    let invalid = lines
        .iter()
        .find(|line| line.contains("line=3,col=7"))
        .expect("the invalid type");
    assert!(
        invalid
            .starts_with("::error file=content/items/snap.yaml,line=3,col=7,title=invalid-value::"),
        "{invalid}"
    );
    // `%` in the value is escaped, and the help line is joined with %0A, not a raw newline.
    assert!(invalid.contains("许可%25"), "{invalid}");
    assert!(invalid.contains("%0Ahelp: "), "{invalid}");
    let vague = lines
        .iter()
        .find(|line| line.contains("title=vague-wording"))
        .unwrap();
    assert!(
        vague.starts_with("::warning file=content/items/snap.yaml,line=22,col=7,"),
        "{vague}"
    );
}

#[test]
fn github_format_escapes_properties_and_newlines() {
    let site = Site::with_item();
    site.write("content/items/a,b:c.yaml", BASE_ITEM);
    site.write(T, item(&[("type: 行政许可", "type: \"许可\\n证\"")]));
    let run = site.check(&["--format", "github"]);
    assert_eq!(run.code, 1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    assert!(
        lines[0].starts_with(
            "::error file=content/items/a%2Cb%3Ac.yaml,line=1,col=1,title=invalid-value::"
        ),
        "{}",
        lines[0]
    );
    assert!(
        lines[1]
            .starts_with("::error file=content/items/t.yaml,line=3,col=7,title=invalid-value::"),
        "{}",
        lines[1]
    );
    assert!(lines[1].contains("许可%0A证"), "{}", lines[1]);
}

#[test]
fn sarif_structure() {
    let site = snapshot_site();
    let run = site.check(&["--format", "sarif"]);
    let sarif: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert!(
        sarif["$schema"].as_str().unwrap_or("").contains("sarif"),
        "{}",
        sarif["$schema"]
    );
    let runs = sarif["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let run0 = &runs[0];
    assert_eq!(run0["tool"]["driver"]["name"], "zhinan");
    assert_eq!(run0["columnKind"], "unicodeCodePoints");

    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let listed = zhinan(&["rules"], &[]).stdout;
    let names: Vec<&str> = listed
        .lines()
        .map(|line| line.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(
        ids, names,
        "driver.rules lists every rule of `zhinan rules`"
    );
    for rule in rules {
        assert!(
            !rule["shortDescription"]["text"]
                .as_str()
                .unwrap_or("")
                .is_empty(),
            "{rule}"
        );
        assert!(
            !rule["help"]["text"].as_str().unwrap_or("").is_empty(),
            "{rule}"
        );
    }

    let results = run0["results"].as_array().unwrap();
    let json = parse_json(&site.check(&["--format", "json"]).stdout);
    assert_eq!(results.len(), json.len());
    for (result, diagnostic) in results.iter().zip(&json) {
        assert_eq!(result["ruleId"], diagnostic.rule.as_str());
        assert_eq!(result["level"], diagnostic.severity.as_str());
        let text = result["message"]["text"].as_str().unwrap();
        assert!(text.starts_with(&diagnostic.message), "{text}");
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(
            location["artifactLocation"]["uri"],
            diagnostic.file.as_str()
        );
        assert_eq!(location["region"]["startLine"], diagnostic.line);
        assert_eq!(location["region"]["startColumn"], diagnostic.column);
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(ids[index], diagnostic.rule);
    }
    let duplicate = results
        .iter()
        .find(|r| r["ruleId"] == "duplicate-code")
        .unwrap();
    let related = &duplicate["relatedLocations"][0]["physicalLocation"];
    assert_eq!(related["artifactLocation"]["uri"], GETI);
    assert_eq!(related["region"]["startLine"], 1);
    assert_eq!(related["region"]["startColumn"], 7);
}

/// The lines of the human report after the `-->` line of `location`: (source line, caret line),
/// each without the gutter and the `| `.
fn quoted(human: &str, location: &str) -> (String, String) {
    let lines: Vec<&str> = human.lines().collect();
    let arrow = lines
        .iter()
        .position(|line| line.trim_start() == format!("--> {location}"))
        .unwrap_or_else(|| panic!("no `--> {location}` in:\n{human}"));
    let strip = |line: &str| -> String {
        let bar = line
            .find('|')
            .unwrap_or_else(|| panic!("no gutter in {line:?}"));
        line[bar + 1..].strip_prefix(' ').unwrap_or("").to_string()
    };
    (strip(lines[arrow + 2]), strip(lines[arrow + 3]))
}

#[test]
fn carets_are_aligned_by_display_width() {
    let site = snapshot_site();
    let run = site.check_env(&[], &[("NO_COLOR", "1")]);
    // (location, column, the text the carets underline)
    let cases = [
        ("content/items/snap.yaml:11:18", 18, "等证明"),
        ("content/items/snap.yaml:22:7", 7, "必要时"),
        ("content/items/snap.yaml:7:27", 27, "第30条"),
        ("content/items/snap.yaml:3:7", 7, "许可%"),
    ];
    for (location, column, underlined) in cases {
        let (source, carets) = quoted(&run.stdout, location);
        let before: String = source.chars().take(column - 1).collect();
        let indent = carets.len() - carets.trim_start().len();
        assert_eq!(
            indent,
            display_width(&before),
            "{location}: caret indent for {before:?}\n{source}\n{carets}"
        );
        let marks = carets
            .trim_start()
            .chars()
            .take_while(|c| *c == '^')
            .count();
        assert_eq!(marks, display_width(underlined), "{location}: {carets}");
        let rest: String = source.chars().skip(column - 1).collect();
        assert!(rest.starts_with(underlined), "{location}: {rest}");
    }
}

#[test]
fn human_report_in_english_and_with_colour_off_by_default_when_piped() {
    let site = snapshot_site();
    let run = site.check(&["--lang", "en"]);
    assert!(
        !run.stdout.contains('\u{1b}'),
        "stdout is a pipe: no colour"
    );
    assert!(
        run.stdout.contains("error[duplicate-code]: "),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("--> content/items/snap.yaml:1:7"));
    assert!(
        run.stdout
            .contains("::: content/items/dengji/geti-sheli.yaml:1:7")
    );
    assert!(run.stdout.contains("= help: "));
}
