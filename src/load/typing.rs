//! The typing mistakes of a Chinese keyboard, found beside the YAML parser, at the culprit's own
//! line and column, in words an office clerk understands.
//!
//! A full-width colon after a key (`name：…`), a missing space after the colon (`name:…`), a tab
//! or a full-width space (U+3000) in the indentation: the YAML parser either reports them on
//! another line (the line after a full-width colon, the line before a tab) with a message about
//! "simple keys" and "block indentation", or does not see them at all (a full-width space before
//! `- ` makes the line part of the previous value). [`find_typing_mistakes`] looks for them line by
//! line, outside block scalars and comments; [`translate`] turns every remaining message of the
//! parser into a message of the table, with a help line.
//!
//! Architecture invariant: a mistake is only reported where the text can mean nothing else: a
//! key-like ASCII word at the start of a structural line followed by `：`, or a full-width space
//! right before `- ` or before such a key. Block scalars (`|`, `>`) and comments are never read.

use crate::diagnostics::{Message, Position, messages as m};

/// What is wrong at a position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MistakeKind {
    /// `key：` instead of `key: `.
    FullWidthColon,
    /// `key:value` without the space.
    NoSpaceAfterColon,
    /// `key:　value`: the space after the colon is full-width (U+3000).
    FullWidthSpaceAfterColon,
    /// A tab in the indentation.
    TabIndent,
    /// A full-width space (U+3000) in the indentation.
    FullWidthSpaceIndent,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypingMistake {
    pub kind: MistakeKind,
    pub position: Position,
    /// The key concerned, when there is one.
    pub key: String,
}

impl TypingMistake {
    /// The message and help line of the table for this mistake.
    pub fn messages(&self) -> (&'static Message, &'static Message) {
        match self.kind {
            MistakeKind::FullWidthColon => {
                (&m::TYPO_FULLWIDTH_COLON, &m::TYPO_FULLWIDTH_COLON_HELP)
            }
            MistakeKind::NoSpaceAfterColon => (&m::TYPO_NO_SPACE, &m::TYPO_NO_SPACE_HELP),
            MistakeKind::FullWidthSpaceAfterColon => (
                &m::TYPO_FULLWIDTH_SPACE_AFTER,
                &m::TYPO_FULLWIDTH_SPACE_AFTER_HELP,
            ),
            MistakeKind::TabIndent => (&m::TYPO_TAB, &m::TYPO_TAB_HELP),
            MistakeKind::FullWidthSpaceIndent => {
                (&m::TYPO_FULLWIDTH_SPACE, &m::TYPO_FULLWIDTH_SPACE_HELP)
            }
        }
    }

    /// Whether the parser may read the file without an error although the mistake is there (a
    /// full-width space makes a list entry part of the previous value): such a mistake is
    /// reported even when the parse succeeds.
    pub fn hides_from_the_parser(&self) -> bool {
        matches!(
            self.kind,
            MistakeKind::FullWidthSpaceIndent | MistakeKind::FullWidthSpaceAfterColon
        )
    }
}

/// A key as the format spells them: ASCII letters, digits and `_`, starting with a letter.
fn key_length(text: &str) -> usize {
    let bytes = text.as_bytes();
    if !bytes.first().is_some_and(|b| b.is_ascii_alphabetic()) {
        return 0;
    }
    bytes
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
        .count()
}

/// Where a block scalar's header ends a line: `key: |`, `- key: >-`, `|2+`...
fn opens_block_scalar(content: &str) -> bool {
    let content = match content.find(" #") {
        Some(comment) => &content[..comment],
        None => content,
    }
    .trim_end();
    let header = content.trim_end_matches(|c: char| c == '-' || c == '+' || c.is_ascii_digit());
    (header.ends_with('|') || header.ends_with('>'))
        && header[..header.len() - 1].trim_end().ends_with([':', '-'])
}

/// The typing mistakes of `text`, in order. `line_offset` is added to every line (front matter).
pub fn find_typing_mistakes(text: &str, line_offset: u32) -> Vec<TypingMistake> {
    let mut mistakes = Vec::new();
    // Indentation of the line that opened the block scalar we are in.
    let mut block_parent: Option<usize> = None;
    for (index, line) in text.lines().enumerate() {
        let line_number = index as u32 + 1 + line_offset;
        let indent = line.bytes().take_while(|b| *b == b' ').count();
        let rest = &line[indent..];
        if let Some(parent) = block_parent {
            if rest.trim().is_empty() || indent > parent {
                continue;
            }
            block_parent = None;
        }
        if rest.trim().is_empty() || rest.starts_with('#') {
            continue;
        }
        // Whitespace of any kind at the start of the line.
        let leading: String = rest
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t' || *c == '\u{3000}')
            .collect();
        let after_leading = &rest[leading.len()..];
        let column_of = |byte_in_line: usize| line[..byte_in_line].chars().count() as u32 + 1;
        if let Some(tab) = leading.find('\t') {
            mistakes.push(TypingMistake {
                kind: MistakeKind::TabIndent,
                position: Position::new(line_number, column_of(indent + tab)),
                key: String::new(),
            });
        }
        // Entries: `- `, repeated.
        let mut structural = after_leading;
        while let Some(after_dash) = structural.strip_prefix("- ") {
            structural = after_dash.trim_start_matches(' ');
        }
        let key = &structural[..key_length(structural)];
        let after_key = &structural[key.len()..];
        let is_entry = after_leading.starts_with("- ") || after_leading == "-";
        let is_key_line = !key.is_empty()
            && (after_key.starts_with(':') || after_key.trim_start().starts_with('：'));
        if let Some(full_width) = leading.find('\u{3000}')
            && (is_entry || is_key_line)
        {
            mistakes.push(TypingMistake {
                kind: MistakeKind::FullWidthSpaceIndent,
                position: Position::new(line_number, column_of(indent + full_width)),
                key: String::new(),
            });
        }
        if !key.is_empty() {
            let key_start = line.len() - structural.len();
            let spaces = after_key.len() - after_key.trim_start_matches(' ').len();
            if after_key.trim_start_matches(' ').starts_with('：') {
                mistakes.push(TypingMistake {
                    kind: MistakeKind::FullWidthColon,
                    position: Position::new(line_number, column_of(key_start + key.len() + spaces)),
                    key: key.to_string(),
                });
            } else if let Some(value) = after_key.strip_prefix(':')
                && value.starts_with('\u{3000}')
            {
                // The space typed after the colon is a full-width one.
                mistakes.push(TypingMistake {
                    kind: MistakeKind::FullWidthSpaceAfterColon,
                    position: Position::new(line_number, column_of(key_start + key.len() + 1)),
                    key: key.to_string(),
                });
            } else if let Some(value) = after_key.strip_prefix(':')
                && !value.is_empty()
                && !value.starts_with([' ', '\t'])
                && !value.starts_with("//")
            {
                mistakes.push(TypingMistake {
                    kind: MistakeKind::NoSpaceAfterColon,
                    position: Position::new(line_number, column_of(key_start + key.len())),
                    key: key.to_string(),
                });
            }
        }
        if opens_block_scalar(rest) {
            block_parent = Some(indent);
        }
    }
    mistakes
}

/// The parser's message as a message of the table (Chinese first) and its help line. The
/// original English text is kept as `{detail}` only when no entry of the table knows it.
pub fn translate(detail: &str) -> (&'static Message, &'static Message) {
    const TABLE: &[(&str, &Message, &Message)] = &[
        (
            "simple key expect ':'",
            &m::PARSE_NO_COLON,
            &m::PARSE_NO_COLON_HELP,
        ),
        (
            "could not find expected ':'",
            &m::PARSE_NO_COLON,
            &m::PARSE_NO_COLON_HELP,
        ),
        (
            "simple key expected",
            &m::PARSE_NO_COLON,
            &m::PARSE_NO_COLON_HELP,
        ),
        ("tabs disallowed", &m::TYPO_TAB, &m::TYPO_TAB_HELP),
        ("found a tab", &m::TYPO_TAB, &m::TYPO_TAB_HELP),
        (
            "mapping values are not allowed",
            &m::PARSE_MAPPING_VALUE,
            &m::PARSE_MAPPING_VALUE_HELP,
        ),
        (
            "block sequence entries are not allowed",
            &m::PARSE_LIST_ENTRY,
            &m::PARSE_LIST_ENTRY_HELP,
        ),
        (
            "did not find expected '-' indicator",
            &m::PARSE_LIST_ENTRY,
            &m::PARSE_LIST_ENTRY_HELP,
        ),
        (
            "did not find expected key",
            &m::PARSE_INDENT,
            &m::PARSE_INDENT_HELP,
        ),
        (
            "invalid indentation in quoted scalar",
            &m::PARSE_QUOTE,
            &m::PARSE_QUOTE_HELP,
        ),
        (
            "while scanning a quoted scalar",
            &m::PARSE_QUOTE,
            &m::PARSE_QUOTE_HELP,
        ),
        (
            "invalid trailing content after double-quoted scalar",
            &m::PARSE_AFTER_QUOTE,
            &m::PARSE_AFTER_QUOTE_HELP,
        ),
        (
            "invalid indentation",
            &m::PARSE_INDENT,
            &m::PARSE_INDENT_HELP,
        ),
        (
            "while parsing a flow mapping",
            &m::PARSE_FLOW,
            &m::PARSE_FLOW_HELP,
        ),
        (
            "while parsing a flow sequence",
            &m::PARSE_FLOW,
            &m::PARSE_FLOW_HELP,
        ),
        (
            "invalid indentation in flow construct",
            &m::PARSE_FLOW,
            &m::PARSE_FLOW_HELP,
        ),
        ("misplaced bracket", &m::PARSE_FLOW, &m::PARSE_FLOW_HELP),
        (
            "did not find expected node content",
            &m::PARSE_NO_VALUE,
            &m::PARSE_NO_VALUE_HELP,
        ),
        (
            "unexpected character",
            &m::PARSE_CHARACTER,
            &m::PARSE_CHARACTER_HELP,
        ),
        (
            "found unprintable character",
            &m::PARSE_CHARACTER,
            &m::PARSE_CHARACTER_HELP,
        ),
        ("anchor", &m::PARSE_ANCHOR, &m::ALIAS_BUDGET_HELP),
        ("tag", &m::PARSE_TAG, &m::YAML_TAG_HELP),
        ("directive", &m::PARSE_DIRECTIVE, &m::PARSE_DIRECTIVE_HELP),
        (
            "document",
            &m::MULTIPLE_DOCUMENTS,
            &m::MULTIPLE_DOCUMENTS_HELP,
        ),
        ("unexpected eof", &m::PARSE_EOF, &m::PARSE_EOF_HELP),
        ("unexpected end", &m::PARSE_EOF, &m::PARSE_EOF_HELP),
    ];
    TABLE
        .iter()
        .find(|(english, _, _)| detail.contains(english))
        .map(|(_, message, help)| (*message, *help))
        .unwrap_or((&m::YAML_SYNTAX, &m::YAML_SYNTAX_HELP))
}

/// Whether the parser reports this message at the start of the line *after* the culprit (a key
/// without its colon is only found to be one when the next line starts).
pub fn reported_on_the_next_line(detail: &str) -> bool {
    detail.contains("simple key expect") || detail.contains("could not find expected ':'")
}

/// The previous line of `text` that holds something (not blank, not a comment) before
/// `line` (1-based, without offset), with the column of its first character.
pub fn previous_content_line(text: &str, line: u32) -> Option<(u32, u32)> {
    let lines: Vec<&str> = text.lines().collect();
    (0..(line as usize).saturating_sub(1).min(lines.len()))
        .rev()
        .find(|index| {
            let trimmed = lines[*index].trim();
            !trimmed.is_empty() && !trimmed.starts_with('#')
        })
        .map(|index| {
            let column = lines[index]
                .chars()
                .take_while(|c| c.is_whitespace())
                .count() as u32
                + 1;
            (index as u32 + 1, column)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(MistakeKind, u32, u32)> {
        find_typing_mistakes(text, 0)
            .into_iter()
            .map(|m| (m.kind, m.position.line, m.position.column))
            .collect()
    }

    #[test]
    fn finds_each_mistake_at_its_own_column() {
        use MistakeKind::*;
        assert_eq!(found("code: 1\nname：食品\n"), [(FullWidthColon, 2, 5)]);
        assert_eq!(found("name ：食品\n"), [(FullWidthColon, 1, 6)]);
        assert_eq!(found("name:食品\n"), [(NoSpaceAfterColon, 1, 5)]);
        assert_eq!(
            found("type:\u{3000}行政许可\n"),
            [(FullWidthSpaceAfterColon, 1, 6)]
        );
        assert_eq!(found("list:\n\t- a\n"), [(TabIndent, 2, 1)]);
        assert_eq!(found("list:\n  \t- a\n"), [(TabIndent, 2, 3)]);
        assert_eq!(
            found("list:\n\u{3000} - a\n"),
            [(FullWidthSpaceIndent, 2, 1)]
        );
        assert_eq!(
            found("materials:\n  - name：营业执照\n"),
            [(FullWidthColon, 2, 9)]
        );
    }

    #[test]
    fn leaves_text_alone() {
        assert!(found("note: |\n  name：不是字段\n  　　段落缩进\n").is_empty());
        assert!(found("url: https://x.gov.cn\n").is_empty());
        assert!(found("- https://x.gov.cn\n").is_empty());
        assert!(found("# name：注释\n").is_empty());
        assert!(found("text: 时间为10:30\n").is_empty());
        assert!(found("channels: [电话 0579:1]\n").is_empty());
        assert!(found("summary: >-\n  a:b\nname: x\n").is_empty());
    }

    #[test]
    fn previous_line_skips_blanks_and_comments() {
        assert_eq!(previous_content_line("a\n  b\n\n# c\nd\n", 5), Some((2, 3)));
        assert_eq!(previous_content_line("a\n", 1), None);
    }
}
