//! Terminal safety: control characters that come from the content (an ESC starting a colour or
//! cursor sequence, a carriage return, a C1 CSI, a bidirectional override) are shown escaped in
//! human output, never sent to the terminal: `check` and `build` alike.

mod common;
use common::{fixture_copy, stderr, zhinan};

use common::TODAY;
const SHIPIN: &str = "content/items/shipin-xuke.yaml";

/// No raw control character but line breaks (and no bidi override) in `text`.
fn assert_no_raw_controls(text: &str) {
    for (index, c) in text.char_indices() {
        let raw_control = c.is_control() && c != '\n';
        let bidi = matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        assert!(
            !raw_control && !bidi,
            "raw U+{:04X} at byte {index} in:\n{text}",
            c as u32
        );
    }
}

#[test]
fn a_value_with_escape_sequences_is_shown_escaped() {
    let site = fixture_copy("valid");
    let path = site.path().join(SHIPIN);
    let text = std::fs::read_to_string(&path).unwrap();
    // A value the parser decodes to ESC (YAML's "\e") and C1 CSI, in an invalid enum value.
    let text = text.replacen(
        "type: 行政许可",
        "type: \"\\e[2J\\e]0;pwned\\a行政\\u009B31m许可\\r\"",
        1,
    );
    std::fs::write(&path, text).unwrap();
    let root = site.path().to_str().unwrap();
    let check = zhinan(&["check", "--root", root, "--today", TODAY, "--lang", "en"]);
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert_eq!(check.status.code(), Some(1), "{stdout}");
    assert_no_raw_controls(&stdout);
    assert!(
        stdout.contains("\\u{1b}[2J\\u{1b}]0;pwned\\u{7}行政\\u{9b}31m许可\\u{d}"),
        "{stdout}"
    );
    let out = site.path().join("public");
    let build = zhinan(&[
        "build",
        "--root",
        root,
        "--out",
        out.to_str().unwrap(),
        "--today",
        TODAY,
    ]);
    assert_eq!(build.status.code(), Some(1));
    assert_no_raw_controls(&stderr(&build));
    assert!(stderr(&build).contains("\\u{1b}[2J"), "{}", stderr(&build));
}

#[test]
fn a_raw_escape_in_the_source_line_is_escaped_and_the_caret_follows() {
    let site = fixture_copy("valid");
    let path = site.path().join(SHIPIN);
    let text = std::fs::read_to_string(&path).unwrap();
    // Raw ESC and a right-to-left override in the file itself, before an unknown key.
    let text = text.replacen("code: SP-002", "code: SP-002\nnote\u{1b}[8m\u{202e}: x", 1);
    std::fs::write(&path, text).unwrap();
    let check = zhinan(&[
        "check",
        "--root",
        site.path().to_str().unwrap(),
        "--today",
        TODAY,
        "--lang",
        "en",
    ]);
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert_eq!(check.status.code(), Some(1), "{stdout}");
    assert_no_raw_controls(&stdout);
    let quoted = stdout
        .lines()
        .find(|line| line.contains("| note\\u{1b}[8m\\u{202e}"))
        .unwrap_or_else(|| panic!("the line is quoted escaped:\n{stdout}"));
    // The carets sit under the escaped key, as wide as it is shown.
    let carets = stdout
        .lines()
        .skip_while(|line| *line != quoted)
        .nth(1)
        .unwrap();
    let start = quoted.find("note").unwrap();
    assert_eq!(carets.find('^'), Some(start), "{quoted}\n{carets}");
    assert_eq!(
        carets.matches('^').count(),
        "note\\u{1b}[8m\\u{202e}".len(),
        "{quoted}\n{carets}"
    );
}
