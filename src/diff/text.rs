//! A change in words (Chinese or English): the path by the format table's labels
//! (`申请材料「营业执照」› 原件份数`), what happened (新增, 文字修改, 从第 3 项移到第 1 项) and the
//! values before and after. Shared by `zhinan diff` and the change history of the pages.

use super::{Change, ChangeKind, Presence, Step, describe};
use crate::diagnostics::Language;
use crate::diagnostics::messages::Message;

macro_rules! messages {
    ($($name:ident: $zh:literal / $en:literal;)*) => {
        $(pub static $name: Message = Message { zh: $zh, en: $en };)*
        /// Every message, for the completeness test.
        pub static ALL: &[&Message] = &[$(&$name),*];
    };
}

messages! {
    SITE_SETTINGS: "网站设置" / "site settings";
    FIRST_PUBLISHED: "首次发布" / "first published";
    ADDRESS_CHANGED: "页面网址由 items/{old}/ 改为 items/{new}/" / "page address moved from items/{old}/ to items/{new}/";
    ADDRESS: "页面网址" / "page address";
    ADDRESS_MOVED: "修改：items/{old}/ → items/{new}/" / "changed: items/{old}/ → items/{new}/";
    ADDED: "新增" / "added";
    REMOVED: "删除" / "removed";
    CHANGED: "修改" / "changed";
    WORDING: "文字修改" / "wording changed";
    MOVED: "从第 {from} 项移到第 {to} 项" / "moved from position {from} to {to}";
    WHOLE: "整体" / "as a whole";
    PRESENCE_ADDED: "新增" / "added";
    PRESENCE_REMOVED: "删除" / "removed";
    PRESENCE_CHANGED: "修改" / "changed";
    RENAMED: "文件由 {old} 改为 {new}" / "file moved from {old} to {new}";
}

fn say(message: &Message, language: Language, arguments: &[(&'static str, String)]) -> String {
    message.format(language, arguments)
}

/// Shortens a long value for a line of text (JSON keeps it whole).
pub fn shorten(text: &str, limit: usize) -> String {
    let text = text.replace(['\n', '\r'], " ");
    if text.chars().count() <= limit {
        text
    } else {
        let mut short: String = text.chars().take(limit).collect();
        short.push('…');
        short
    }
}

/// Two long texts shortened so that what differs stays in view: the common start and end cut
/// down to a few characters around the difference (`…须在有效期内…` → `…不要求在有效期内…`).
pub fn excerpts(before: &str, after: &str, limit: usize) -> (String, String) {
    let (left, right): (Vec<char>, Vec<char>) = (before.chars().collect(), after.chars().collect());
    if left.len() <= limit && right.len() <= limit {
        return (shorten(before, limit), shorten(after, limit));
    }
    let prefix = left.iter().zip(&right).take_while(|(a, b)| a == b).count();
    let suffix = left[prefix..]
        .iter()
        .rev()
        .zip(right[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    const CONTEXT: usize = 12;
    let cut = |text: &[char]| -> String {
        let start = prefix.saturating_sub(CONTEXT);
        let end = (text.len() - suffix + CONTEXT).min(text.len());
        let middle = &text[start..end];
        let mut excerpt = String::new();
        if start > 0 {
            excerpt.push('…');
        }
        if middle.len() <= limit {
            excerpt.extend(middle.iter());
        } else {
            // The differences at both ends of a long changed stretch, so that a second change
            // (申请人 → 代理人 at the start, 三个月 → 六个月 at the end) is not cut off.
            let half = limit / 2;
            excerpt.extend(middle[..half].iter());
            excerpt.push_str(" … ");
            excerpt.extend(middle[middle.len() - half..].iter());
        }
        if end < text.len() {
            excerpt.push('…');
        }
        excerpt.replace(['\n', '\r'], " ")
    };
    (cut(&left), cut(&right))
}

/// The path of a change in words: `申请材料「营业执照」› 原件份数`.
pub fn path_label(path: &[Step], language: Language) -> String {
    let mut label = String::new();
    for step in path {
        match step {
            Step::Key(key) => {
                if !label.is_empty() {
                    label.push_str(" › ");
                }
                label.push_str(&key.label(language == Language::Zh));
            }
            Step::Position(position) => match language {
                Language::Zh => label.push_str(&format!("第 {position} 项")),
                Language::En => label.push_str(&format!(" #{position}")),
            },
            Step::Element(name) => {
                let name = shorten(name, 40);
                match language {
                    Language::Zh => label.push_str(&format!("「{name}」")),
                    Language::En => label.push_str(&format!(" “{name}”")),
                }
            }
        }
    }
    if label.is_empty() {
        label = say(&WHOLE, language, &[]);
    }
    label
}

/// One change in words, without the path: `修改：20工作日 → 15工作日`.
pub fn change_text(change: &Change, language: Language) -> String {
    let value = |json: &Option<crate::render::data::Json>| {
        json.as_ref()
            .map(|json| shorten(&describe(json, change.map, language == Language::Zh), 120))
            .unwrap_or_default()
    };
    let colon = if language == Language::Zh {
        "："
    } else {
        ": "
    };
    match change.kind {
        ChangeKind::Added => match &change.after {
            Some(_) => format!(
                "{}{colon}{}",
                say(&ADDED, language, &[]),
                value(&change.after)
            ),
            None => say(&ADDED, language, &[]),
        },
        ChangeKind::Removed => match &change.before {
            Some(_) => format!(
                "{}{colon}{}",
                say(&REMOVED, language, &[]),
                value(&change.before)
            ),
            None => say(&REMOVED, language, &[]),
        },
        ChangeKind::Changed | ChangeKind::Wording => {
            let word = if change.kind == ChangeKind::Wording {
                &WORDING
            } else {
                &CHANGED
            };
            let whole = |json: &Option<crate::render::data::Json>| {
                json.as_ref()
                    .map(|json| describe(json, change.map, language == Language::Zh))
                    .unwrap_or_default()
            };
            let (before, after) = excerpts(&whole(&change.before), &whole(&change.after), 120);
            format!("{}{colon}{before} → {after}", say(word, language, &[]))
        }
        ChangeKind::Moved { from, to } => say(
            &MOVED,
            language,
            &[("from", from.to_string()), ("to", to.to_string())],
        ),
    }
}

/// How the history names site.yaml: 网站设置.
pub fn site_settings(language: Language) -> String {
    say(&SITE_SETTINGS, language, &[])
}

/// The word of the entry of the commit that brought the content folder: 首次发布.
pub fn first_published(language: Language) -> String {
    say(&FIRST_PUBLISHED, language, &[])
}

/// A change of an item's page address as a line of the history: (`页面网址`,
/// `修改：items/a/ → items/b/`).
pub fn address_changed(old: &str, new: &str, language: Language) -> (String, String) {
    (
        say(&ADDRESS, language, &[]),
        say(
            &ADDRESS_MOVED,
            language,
            &[("old", old.to_string()), ("new", new.to_string())],
        ),
    )
}

pub fn presence_word(presence: Presence, language: Language) -> String {
    let message = match presence {
        Presence::Added => &PRESENCE_ADDED,
        Presence::Removed => &PRESENCE_REMOVED,
        Presence::Changed => &PRESENCE_CHANGED,
    };
    say(message, language, &[])
}
