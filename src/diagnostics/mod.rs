//! Problems as data. Every stage that finds something wrong with the content pushes a
//! [`Diagnostic`] (rule, file, position, message, help, related places) and carries on; nothing in
//! the content ever aborts a run. Rendering diagnostics to text is the job of [`report`].
//!
//! Messages are not strings but entries of the one bilingual table in [`messages`], with named
//! arguments, so the same diagnostic prints in Chinese (default) or English.

pub mod messages;
pub mod report;

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

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A message of the table plus the values of its `{name}` placeholders.
#[derive(Debug, Clone)]
pub struct Text {
    pub message: &'static Message,
    pub arguments: Vec<(&'static str, String)>,
}

impl Text {
    pub fn new(message: &'static Message) -> Self {
        Text {
            message,
            arguments: Vec::new(),
        }
    }

    pub fn with(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.arguments.push((name, value.into()));
        self
    }

    pub fn render(&self, language: Language) -> String {
        self.message.format(language, &self.arguments)
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
    pub rule: &'static str,
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
    pub fn new(rule: &'static str, file: impl Into<String>, span: Span, text: Text) -> Self {
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
        (&self.file, self.span.start, self.rule)
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
