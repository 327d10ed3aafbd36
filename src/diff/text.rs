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
            format!(
                "{}{colon}{} → {}",
                say(word, language, &[]),
                value(&change.before),
                value(&change.after)
            )
        }
        ChangeKind::Moved { from, to } => say(
            &MOVED,
            language,
            &[("from", from.to_string()), ("to", to.to_string())],
        ),
    }
}

pub fn presence_word(presence: Presence, language: Language) -> String {
    let message = match presence {
        Presence::Added => &PRESENCE_ADDED,
        Presence::Removed => &PRESENCE_REMOVED,
        Presence::Changed => &PRESENCE_CHANGED,
    };
    say(message, language, &[])
}
