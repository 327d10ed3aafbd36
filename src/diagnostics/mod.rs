//! Problems as data. Every stage that finds something wrong with the content pushes a
//! [`Diagnostic`] (rule, file, position, message, help, related places) and carries on; nothing in
//! the content ever aborts a run. Rendering diagnostics to text is the job of [`report`].
//!
//! Messages are not strings but entries of the one bilingual table in [`messages`], with named
//! arguments, so the same diagnostic prints in Chinese (default) or English.

pub mod messages;
pub mod report;
pub mod source;

pub use source::SourceFile;

use serde::Serialize;

pub use messages::Message;

/// A place in a source file: 1-based line, 1-based column counted in characters (Unicode scalar
/// values), as the output contract requires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

impl Position {
    pub const START: Position = Position { line: 1, column: 1 };

    pub fn new(line: u32, column: u32) -> Self {
        Position { line, column }
    }
}

/// A range in a source file; `end` is exclusive and may sit on a later line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub start: Position,
    pub end: Position,
}

impl Span {
    pub fn new(start: Position, end: Position) -> Self {
        Span { start, end }
    }

    pub fn point(start: Position) -> Self {
        Span { start, end: start }
    }
}

pub use crate::rules::{RuleId, Severity};

/// A message of the table plus the values of its `{name}` placeholders.
#[derive(Debug, Clone)]
pub struct Text {
    pub message: &'static Message,
    pub arguments: Vec<(&'static str, Argument)>,
    /// A message the rendered text is put into as `{message}` (a draft's diagnostics).
    pub wrapper: Option<&'static Message>,
}

/// The value of a placeholder: text quoted from the site or a number, or messages of the table
/// that are rendered in the reporting language only when the diagnostic is reported.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Argument {
    Plain(String),
    Message(&'static str),
    /// Messages joined as a list (`空白表格和填写样本`, `blank form and filled-in sample`).
    List(Vec<&'static str>),
    /// A time span: its number (as text: `10.5`) and its unit's Chinese name (工作日, 自然日,
    /// 小时), rendered `20 个工作日` / `20 working days`; `0 工作日` is 即办 / `same day`.
    Span(String, &'static str),
}

impl Argument {
    fn render(&self, language: Language) -> String {
        let text = |name: &str| -> &'static str {
            messages::ALL
                .iter()
                .find(|message| message.zh == name)
                .map_or("", |message| match language {
                    Language::Zh => message.zh,
                    Language::En => message.en,
                })
        };
        match self {
            Argument::Plain(text) => text.clone(),
            Argument::Span(value, unit) => match language {
                Language::Zh if value == "0" && *unit == "工作日" => "即办".to_string(),
                Language::Zh if *unit == "小时" => format!("{value} 小时"),
                Language::Zh => format!("{value} 个{unit}"),
                Language::En if value == "0" && *unit == "工作日" => "same day".to_string(),
                Language::En => {
                    let unit = match *unit {
                        "工作日" => "working day",
                        "自然日" => "calendar day",
                        _ => "hour",
                    };
                    let plural = if value == "1" { "" } else { "s" };
                    format!("{value} {unit}{plural}")
                }
            },
            Argument::Message(name) => text(name).to_string(),
            Argument::List(names) => {
                let parts: Vec<&str> = names.iter().map(|name| text(name)).collect();
                let (separator, last) = match language {
                    Language::Zh => ("、", "和"),
                    Language::En => (", ", " and "),
                };
                match parts.split_last() {
                    None => String::new(),
                    Some((only, [])) => only.to_string(),
                    Some((final_part, rest)) => {
                        format!("{}{last}{final_part}", rest.join(separator))
                    }
                }
            }
        }
    }
}

impl Text {
    pub fn new(message: &'static Message) -> Self {
        Text {
            message,
            arguments: Vec::new(),
            wrapper: None,
        }
    }

    /// The text put into `wrapper`'s `{message}` when rendered.
    pub fn wrapped_in(mut self, wrapper: &'static Message) -> Self {
        self.wrapper = Some(wrapper);
        self
    }

    pub fn with(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.arguments.push((name, Argument::Plain(value.into())));
        self
    }

    /// A placeholder filled with a time span (`value` as text, `unit` its Chinese name), in the
    /// reporting language.
    pub fn with_span(
        mut self,
        name: &'static str,
        value: impl Into<String>,
        unit: &'static str,
    ) -> Self {
        self.arguments
            .push((name, Argument::Span(value.into(), unit)));
        self
    }

    /// A placeholder filled with another message of the table, in the reporting language.
    pub fn with_message(mut self, name: &'static str, message: &'static Message) -> Self {
        self.arguments.push((name, Argument::Message(message.zh)));
        self
    }

    /// A placeholder filled with a list of messages, joined in the reporting language.
    pub fn with_message_list(
        mut self,
        name: &'static str,
        list: impl IntoIterator<Item = &'static Message>,
    ) -> Self {
        let names = list.into_iter().map(|message| message.zh).collect();
        self.arguments.push((name, Argument::List(names)));
        self
    }

    pub fn render(&self, language: Language) -> String {
        let arguments: Vec<(&'static str, String)> = self
            .arguments
            .iter()
            .map(|(name, value)| (*name, value.render(language)))
            .collect();
        let text = self.message.format(language, &arguments);
        match self.wrapper {
            Some(wrapper) => wrapper.format(language, &[("message", text)]),
            None => text,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Language {
    #[default]
    Zh,
    En,
}

/// A second place that explains the first (the other file of a duplicate code).
#[derive(Debug, Clone)]
pub struct Related {
    pub file: String,
    pub span: Span,
    pub text: Text,
}

/// One problem found in the content.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// The stable kebab-case rule name (`missing-field`).
    pub rule: RuleId,
    /// Filled in from the lint configuration when the diagnostics are finalised.
    pub severity: Severity,
    /// Path relative to the site root, with `/` separators (`content/items/x.yaml`).
    pub file: String,
    pub span: Span,
    pub text: Text,
    pub help: Option<Text>,
    pub related: Vec<Related>,
}

impl Diagnostic {
    pub fn new(rule: RuleId, file: impl Into<String>, span: Span, text: Text) -> Self {
        Diagnostic {
            rule,
            severity: Severity::Error,
            file: file.into(),
            span,
            text,
            help: None,
            related: Vec::new(),
        }
    }

    pub fn help(mut self, help: Text) -> Self {
        self.help = Some(help);
        self
    }

    pub fn related(mut self, related: Related) -> Self {
        self.related.push(related);
        self
    }

    pub fn sort_key(&self) -> (&str, Position, &'static str) {
        (&self.file, self.span.start, self.rule.name())
    }
}

/// Sorts diagnostics by file, then position, then rule, and drops exact repeats.
pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|left, right| {
        left.sort_key()
            .cmp(&right.sort_key())
            .then_with(|| left.text.arguments.cmp(&right.text.arguments))
    });
    diagnostics.dedup_by(|right, left| {
        left.sort_key() == right.sort_key()
            && left.text.message.en == right.text.message.en
            && left.text.arguments == right.text.arguments
    });
}

pub fn count(diagnostics: &[Diagnostic]) -> (usize, usize) {
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    (errors, diagnostics.len() - errors)
}
