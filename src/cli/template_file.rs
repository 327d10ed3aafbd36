//! The text of a new, blank content file for `zhinan new`: every key of the format, generated
//! by walking the map tables of `model::format` (never a hand-written key list), each key with
//! its Chinese meaning (the table's `zh`) as a comment.
//!
//! Keys that are required (also those a dedicated rule reports) are written with an empty value,
//! so that `check` names each one still to fill in; optional and conditional keys are written as
//! comments, ready to be uncommented.

use crate::model::format::{self, Key, Kind, Map, Need};

/// Nested maps deeper than this are not expanded (the format has no deeper ones).
const MAX_DEPTH: usize = 5;

/// Values the caller knows: the department of a new item, today's date for `updated`.
#[derive(Debug, Default)]
pub struct KnownValues<'a> {
    pub department: Option<&'a str>,
    pub today: Option<jiff::civil::Date>,
}

/// The YAML text of a blank file of `map` (site.yaml, a department, a law, an item, a page's
/// front matter), with `header` as the comment lines on top.
pub fn blank_yaml(map: &Map, header: &[&str], known: &KnownValues) -> String {
    let mut output = String::new();
    for line in header {
        output.push_str("# ");
        output.push_str(line);
        output.push('\n');
    }
    write_keys(&mut output, map, 0, false, false, known, 0);
    output
}

/// The comment on a key: its meaning, how it is required, the values an enum allows.
fn comment(key: &Key) -> String {
    let mut text = format!("{}【{}】", key.zh, format::need_label(key));
    match key.kind {
        Kind::Enum(values) | Kind::Enums(values) if !key.zh.contains(values[0]) => {
            text.push_str("。可选：");
            text.push_str(&values.join("、"));
        }
        Kind::Date => text.push_str("。写成 YYYY-MM-DD"),
        Kind::Boolean => text.push_str("。写 true 或 false"),
        Kind::Url => text.push_str("。以 https:// 开头"),
        _ => {}
    }
    text
}

fn is_active(key: &Key) -> bool {
    matches!(key.need, Need::Required | Need::Dedicated(_))
}

/// The map a key's value holds, if it is a map or a list of maps.
fn nested(kind: Kind) -> Option<(&'static Map, bool)> {
    match kind {
        Kind::Map(map) => Some((map, false)),
        Kind::Maps(map) => Some((map, true)),
        Kind::Span => Some((&format::TIME_SPAN, false)),
        Kind::LawReference => Some((&format::LAW_REFERENCE, false)),
        _ => None,
    }
}

/// Writes the keys of `map` at `indent` spaces. `list_entry`: the first active key opens a list
/// entry (`- `). `commented`: every line is a comment (an optional map).
fn write_keys(
    output: &mut String,
    map: &Map,
    indent: usize,
    list_entry: bool,
    commented: bool,
    known: &KnownValues,
    depth: usize,
) {
    let mut entry_open = !list_entry;
    for key in map.keys {
        let active = !commented && is_active(key);
        let pad = " ".repeat(indent);
        output.push_str(&format!("{pad}# {}\n", comment(key)));
        let mut line = String::new();
        line.push_str(&pad);
        if !active {
            line.push_str("# ");
        }
        if list_entry && !entry_open && (active || commented) {
            // The entry's first key carries the dash, two columns left of the keys.
            let dash_pad = " ".repeat(indent.saturating_sub(2));
            line = if active {
                format!("{dash_pad}- ")
            } else {
                format!("{dash_pad}# - ")
            };
            entry_open = true;
        }
        line.push_str(key.name);
        line.push(':');
        match nested(key.kind).filter(|_| depth < MAX_DEPTH) {
            Some((inner, is_list)) => {
                output.push_str(&line);
                output.push('\n');
                let inner_indent = indent + if is_list { 4 } else { 2 };
                write_keys(
                    output,
                    inner,
                    inner_indent,
                    is_list,
                    !active,
                    known,
                    depth + 1,
                );
            }
            None => {
                // An item's department and review date, when `zhinan new` knows them.
                let value = match key.kind {
                    Kind::Id if key.name == format::item::DEPARTMENT.name => {
                        known.department.map(str::to_string)
                    }
                    Kind::Date if key.name == format::item::UPDATED.name => {
                        known.today.map(|date| date.to_string())
                    }
                    _ => None,
                };
                if let Some(value) = value {
                    line.push(' ');
                    line.push_str(&value);
                }
                output.push_str(&line);
                output.push('\n');
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_of_the_item_table_is_in_the_blank_item() {
        let text = blank_yaml(&format::ITEM, &["新事项"], &KnownValues::default());
        for key in format::ITEM.keys {
            assert!(
                text.lines().any(|line| {
                    let line = line.trim_start().trim_start_matches("# ");
                    let line = line.trim_start_matches("- ");
                    line.starts_with(&format!("{}:", key.name))
                }),
                "{} missing from\n{text}",
                key.name
            );
        }
        for key in format::MATERIAL.keys {
            assert!(text.contains(&format!("{}:", key.name)), "{}", key.name);
        }
    }

    #[test]
    fn the_blank_item_parses_and_has_the_department_and_date() {
        let known = KnownValues {
            department: Some("dengji"),
            today: Some(jiff::civil::date(2026, 11, 29)),
        };
        let text = blank_yaml(&format::ITEM, &[], &known);
        assert!(text.contains("\ndepartment: dengji\n"), "{text}");
        assert!(text.contains("\nupdated: 2026-11-29\n"), "{text}");
        assert!(
            matches!(crate::load::yaml::parse(&text, 0), Ok(Some(_))),
            "{text}"
        );
        assert!(text.contains("# 事项名称"), "{text}");
    }
}
