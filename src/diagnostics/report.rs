//! One reporter, many formats: human (rustc-style, carets aligned by display width, control
//! characters from the content escaped: [`escape_controls`]), JSON, GitHub workflow annotations
//! and SARIF 2.1.0. Pure functions from diagnostics to text; the CLI
//! prints the result.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;

use serde_json::{Value, json};
use unicode_width::UnicodeWidthStr;

use super::SourceFile;
use super::{Diagnostic, Language, Position, Severity, Span, Text, messages as m};
use crate::rules::RULES;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    #[default]
    Human,
    Json,
    Github,
    Sarif,
}

/// `text` with every control character (ESC, carriage return, backspace, C1 controls such as
/// CSI) and every bidirectional override written as `\u{1b}`, so that content never drives
/// the terminal or reorders what is shown; line breaks and tabs stay.
pub fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    let needs_escape = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(needs_escape) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs_escape(c) {
            let _ = write!(escaped, "\\u{{{:x}}}", c as u32);
        } else {
            escaped.push(c);
        }
    }
    std::borrow::Cow::Owned(escaped)
}

pub struct Report<'a> {
    pub diagnostics: &'a [Diagnostic],
    pub sources: &'a HashMap<String, SourceFile>,
    pub language: Language,
    pub file_count: usize,
    pub color: bool,
}

impl Report<'_> {
    pub fn render(&self, format: Format) -> String {
        match format {
            Format::Human => self.human(),
            Format::Json => self.json(),
            Format::Github => self.github(),
            Format::Sarif => self.sarif(),
        }
    }

    fn counts(&self) -> (usize, usize) {
        super::count(self.diagnostics)
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    /// `^^^^` under the span on its line, offset by the display width of what precedes it.
    fn snippet(
        &self,
        output: &mut String,
        file: &str,
        span: Span,
        gutter: usize,
        marker: char,
        label: Option<&str>,
    ) {
        let Some(source) = self.sources.get(file) else {
            return;
        };
        let Some(line) = source.line(span.start.line) else {
            return;
        };
        let line = line.replace('\t', " ");
        let column = (span.start.column as usize).saturating_sub(1);
        let length = if span.end.line == span.start.line && span.end.column > span.start.column {
            (span.end.column - span.start.column) as usize
        } else {
            // To the end of the token: the rest of a key or value on this line.
            let rest: String = line.chars().skip(column).collect();
            let token = rest.split(": ").next().unwrap_or("").trim_end();
            let token = token.strip_suffix(':').unwrap_or(token);
            token.chars().count().max(1)
        };
        // Control characters are shown escaped; the carets follow the escaped text.
        let shown = |chars: &mut dyn Iterator<Item = char>| -> String {
            chars
                .map(|c| escape_controls(c.encode_utf8(&mut [0; 4])).into_owned())
                .collect()
        };
        let prefix = shown(&mut line.chars().take(column));
        let underlined = shown(&mut line.chars().skip(column).take(length));
        let line = escape_controls(&line);
        let pad = " ".repeat(gutter);
        let bar = self.paint("1;34", "|");
        let _ = writeln!(output, "{pad} {bar}");
        let number = self.paint("1;34", &format!("{:>gutter$}", span.start.line));
        let _ = writeln!(output, "{number} {bar} {line}");
        let carets = marker
            .to_string()
            .repeat(UnicodeWidthStr::width(underlined.as_str()).max(1));
        let carets = match label {
            Some(label) => format!("{carets} {label}"),
            None => carets,
        };
        let color = if marker == '^' { "1;31" } else { "1;34" };
        let _ = writeln!(
            output,
            "{pad} {bar} {}{}",
            " ".repeat(UnicodeWidthStr::width(prefix.as_str())),
            self.paint(color, &carets)
        );
    }

    pub fn human(&self) -> String {
        let mut output = String::new();
        for diagnostic in self.diagnostics {
            let (label, color) = match diagnostic.severity {
                Severity::Error => ("error", "1;31"),
                Severity::Warning => ("warning", "1;33"),
            };
            let heading = format!("{label}[{}]", diagnostic.rule);
            let _ = writeln!(
                output,
                "{}: {}",
                self.paint(color, &heading),
                self.paint(
                    "1",
                    &escape_controls(&diagnostic.text.render(self.language))
                )
            );
            let gutter = std::iter::once(diagnostic.span.start.line)
                .chain(diagnostic.related.iter().map(|r| r.span.start.line))
                .max()
                .unwrap_or(1)
                .to_string()
                .len();
            let arrow = self.paint("1;34", "-->");
            let _ = writeln!(
                output,
                "{}{arrow} {}:{}:{}",
                " ".repeat(gutter),
                escape_controls(&diagnostic.file),
                diagnostic.span.start.line,
                diagnostic.span.start.column
            );
            self.snippet(
                &mut output,
                &diagnostic.file,
                diagnostic.span,
                gutter,
                '^',
                None,
            );
            for related in &diagnostic.related {
                let _ = writeln!(
                    output,
                    "{}{} {}:{}:{}",
                    " ".repeat(gutter),
                    self.paint("1;34", ":::"),
                    escape_controls(&related.file),
                    related.span.start.line,
                    related.span.start.column
                );
                let note = escape_controls(&related.text.render(self.language)).into_owned();
                self.snippet(
                    &mut output,
                    &related.file,
                    related.span,
                    gutter,
                    '-',
                    Some(&note),
                );
            }
            if let Some(help) = &diagnostic.help {
                let _ = writeln!(
                    output,
                    "{} {} {}",
                    " ".repeat(gutter),
                    self.paint("1;34", "="),
                    self.paint(
                        "1",
                        &format!("help: {}", escape_controls(&help.render(self.language)))
                    )
                );
            }
            output.push('\n');
        }
        let (errors, warnings) = self.counts();
        let files: BTreeSet<&str> = self.diagnostics.iter().map(|d| d.file.as_str()).collect();
        let summary = if self.diagnostics.is_empty() {
            Text::new(&m::SUMMARY_CLEAN).with("files", self.file_count.to_string())
        } else {
            Text::new(&m::SUMMARY)
                .with("errors", errors.to_string())
                .with("warnings", warnings.to_string())
                .with("files", files.len().to_string())
        };
        let _ = writeln!(output, "{}", summary.render(self.language));
        output
    }

    fn location(file: &str, position: Position) -> Value {
        json!({"file": file, "line": position.line, "column": position.column})
    }

    pub fn json(&self) -> String {
        let diagnostics: Vec<Value> = self
            .diagnostics
            .iter()
            .map(|diagnostic| {
                let mut value = json!({
                    "rule": diagnostic.rule,
                    "severity": diagnostic.severity.as_str(),
                    "file": diagnostic.file,
                    "line": diagnostic.span.start.line,
                    "column": diagnostic.span.start.column,
                    "message": diagnostic.text.render(self.language),
                });
                if let Some(help) = &diagnostic.help {
                    value["help"] = json!(help.render(self.language));
                }
                if !diagnostic.related.is_empty() {
                    value["related"] = diagnostic
                        .related
                        .iter()
                        .map(|related| {
                            let mut location = Self::location(&related.file, related.span.start);
                            location["message"] = json!(related.text.render(self.language));
                            location
                        })
                        .collect();
                }
                value
            })
            .collect();
        let (errors, warnings) = self.counts();
        let document = json!({"diagnostics": diagnostics, "errors": errors, "warnings": warnings});
        let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
        text.push('\n');
        text
    }

    pub fn github(&self) -> String {
        fn escape_data(text: &str) -> String {
            // Control and bidirectional characters from the content never reach the CI log raw.
            let text = text
                .replace('%', "%25")
                .replace('\r', "%0D")
                .replace('\n', "%0A");
            escape_controls(&text).into_owned()
        }
        fn escape_property(text: &str) -> String {
            escape_data(text).replace(':', "%3A").replace(',', "%2C")
        }
        let mut output = String::new();
        for diagnostic in self.diagnostics {
            let command = match diagnostic.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let mut message = diagnostic.text.render(self.language);
            if let Some(help) = &diagnostic.help {
                message.push_str("\nhelp: ");
                message.push_str(&help.render(self.language));
            }
            let _ = writeln!(
                output,
                "::{command} file={},line={},col={},title={}::{}",
                escape_property(&diagnostic.file),
                diagnostic.span.start.line,
                diagnostic.span.start.column,
                escape_property(diagnostic.rule.name()),
                escape_data(&message)
            );
        }
        output
    }

    pub fn sarif(&self) -> String {
        let rules: Vec<Value> = RULES
            .iter()
            .map(|rule| {
                let (summary, level) = (
                    if self.language == Language::En {
                        rule.summary_en
                    } else {
                        rule.summary_zh
                    },
                    if rule.default_severity == Severity::Error {
                        "error"
                    } else {
                        "warning"
                    },
                );
                // The why and the fix are written in Chinese only (docs/rules.md): an English
                // report gives the English summary in their place.
                let (full, help, markdown) = if self.language == Language::En {
                    (
                        summary.to_string(),
                        summary.to_string(),
                        format!("**{}**\n\n{summary}", rule.name),
                    )
                } else {
                    (
                        format!("{} {}", rule.summary_zh, rule.why),
                        rule.fix.to_string(),
                        format!("**{}**\n\n{}\n\n{}", rule.name, rule.why, rule.fix),
                    )
                };
                json!({
                    "id": rule.name,
                    "name": rule.name,
                    "shortDescription": {"text": summary},
                    "fullDescription": {"text": full},
                    "help": {"text": help, "markdown": markdown},
                    "helpUri": format!("docs/rules.md#{}", rule.name),
                    "defaultConfiguration": {"level": level},
                })
            })
            .collect();
        let results: Vec<Value> = self
            .diagnostics
            .iter()
            .map(|diagnostic| {
                let index = diagnostic.rule as usize;
                let mut text = diagnostic.text.render(self.language);
                if let Some(help) = &diagnostic.help {
                    text.push_str("\nhelp: ");
                    text.push_str(&help.render(self.language));
                }
                let mut result = json!({
                    "ruleId": diagnostic.rule,
                    "ruleIndex": index,
                    "level": diagnostic.severity.as_str(),
                    "message": {"text": text},
                    "locations": [{
                        "physicalLocation": {
                            "artifactLocation": {"uri": diagnostic.file, "uriBaseId": "%SRCROOT%"},
                            "region": {"startLine": diagnostic.span.start.line, "startColumn": diagnostic.span.start.column},
                        }
                    }],
                });
                if !diagnostic.related.is_empty() {
                    result["relatedLocations"] = diagnostic
                        .related
                        .iter()
                        .enumerate()
                        .map(|(id, related)| {
                            json!({
                                "id": id,
                                "message": {"text": related.text.render(self.language)},
                                "physicalLocation": {
                                    "artifactLocation": {"uri": related.file, "uriBaseId": "%SRCROOT%"},
                                    "region": {"startLine": related.span.start.line, "startColumn": related.span.start.column},
                                }
                            })
                        })
                        .collect();
                }
                result
            })
            .collect();
        let document = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "zhinan",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }],
        });
        let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
        text.push('\n');
        text
    }
}
