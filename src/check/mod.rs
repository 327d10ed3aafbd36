//! Stage 3, check: the rules of the content format that go beyond structure, run over the model.
//!
//! Owns: the rule table ([`rules`]), the word lists ([`wording`]), the lint configuration from
//! site.yaml (severity overrides) and the final severity of every diagnostic. Checks never stop
//! at the first problem and never touch the disk; they read the model and the source text (to
//! point at a word inside a value).

pub mod rules;
pub mod wording;

use std::collections::HashMap;

use crate::diagnostics::{Diagnostic, Position, Severity, Span, Text, messages as m};
use crate::load::SourceFile;
use crate::markdown::{self, UnsafeKind};
use crate::model::{Department, Item, Page, Required, Site, Str, TimeSpan, TimeUnit};

/// Severity per rule after site.yaml's `lint` map; `None` means off.
#[derive(Debug, Clone)]
pub struct LintConfig {
    levels: HashMap<&'static str, Option<Severity>>,
}

impl Default for LintConfig {
    fn default() -> Self {
        LintConfig {
            levels: rules::RULES
                .iter()
                .map(|rule| (rule.name, Some(rule.default_severity)))
                .collect(),
        }
    }
}

impl LintConfig {
    /// Reads the `lint` map, reporting unknown rules, bad levels and lowered structural rules as
    /// `invalid-value` at the offending key or value.
    pub fn from_site(site: &Site, diagnostics: &mut Vec<Diagnostic>) -> Self {
        let mut config = LintConfig::default();
        for setting in &site.lint {
            let Some(rule) = rules::find(&setting.rule.value) else {
                diagnostics.push(
                    Diagnostic::new(
                        "invalid-value",
                        &site.file,
                        setting.rule.span,
                        Text::new(&m::LINT_UNKNOWN_RULE)
                            .with("value", setting.rule.value.to_string()),
                    )
                    .help(Text::new(&m::LINT_UNKNOWN_RULE_HELP)),
                );
                continue;
            };
            let level = match setting.level.as_str() {
                "error" => Some(Severity::Error),
                "warning" => Some(Severity::Warning),
                "off" => None,
                _ => {
                    diagnostics.push(
                        Diagnostic::new(
                            "invalid-value",
                            &site.file,
                            setting.level.span,
                            Text::new(&m::LINT_LEVEL)
                                .with("value", setting.level.value.to_string()),
                        )
                        .help(Text::new(&m::LINT_LEVEL_HELP)),
                    );
                    continue;
                }
            };
            if rule.structural && level != Some(Severity::Error) {
                diagnostics.push(
                    Diagnostic::new(
                        "invalid-value",
                        &site.file,
                        setting.rule.span,
                        Text::new(&m::LINT_STRUCTURAL).with("value", rule.name),
                    )
                    .help(Text::new(&m::LINT_STRUCTURAL_HELP)),
                );
                continue;
            }
            config.levels.insert(rule.name, level);
        }
        config
    }

    pub fn level(&self, rule: &str) -> Option<Severity> {
        self.levels
            .get(rule)
            .copied()
            .unwrap_or(Some(Severity::Error))
    }

    pub fn is_enabled(&self, rule: &str) -> bool {
        self.level(rule).is_some()
    }

    /// Sets every diagnostic's severity and drops those whose rule is off.
    pub fn apply(&self, diagnostics: &mut Vec<Diagnostic>) {
        diagnostics.retain_mut(|diagnostic| match self.level(diagnostic.rule) {
            Some(severity) => {
                diagnostic.severity = severity;
                true
            }
            None => false,
        });
    }
}

/// What the item checks need besides the item.
pub struct CheckContext<'a> {
    pub site: &'a Site,
    pub today: jiff::civil::Date,
}

/// Pushes diagnostics for one file, locating words inside values through the source text.
struct Emitter<'a> {
    file: &'a str,
    source: Option<&'a SourceFile>,
    out: &'a mut Vec<Diagnostic>,
}

impl Emitter<'_> {
    fn push(&mut self, rule: &'static str, span: Span, text: Text, help: Text) {
        self.out
            .push(Diagnostic::new(rule, self.file, span, text).help(help));
    }

    fn at(&mut self, rule: &'static str, position: Position, text: Text, help: Text) {
        self.push(rule, Span::point(position), text, help);
    }

    /// Position of the `occurrence`-th `words` inside `value`, else the value's start.
    fn locate(&self, value: &Str, words: &str, occurrence: usize) -> Span {
        let found = self
            .source
            .and_then(|source| source.locate(value.span, words, occurrence));
        match found {
            Some(start) => Span::new(
                start,
                Position::new(start.line, start.column + words.chars().count() as u32),
            ),
            None => value.span,
        }
    }

    fn wording(&mut self, value: &Str, catch_all: bool, vague: bool) {
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut report = |emitter: &mut Self, found: wording::WordMatch, rule: &'static str| {
            let occurrence = value.value[..found.byte]
                .matches(found.words.as_str())
                .count();
            let _ = seen.entry(found.words.clone()).or_default();
            let span = emitter.locate(value, &found.words, occurrence);
            let (message, help) = if rule == "catch-all-wording" {
                (&m::CATCH_ALL, &m::CATCH_ALL_HELP)
            } else {
                (&m::VAGUE, &m::VAGUE_HELP)
            };
            emitter.push(
                rule,
                span,
                Text::new(message).with("value", found.words.clone()),
                Text::new(help).with("value", found.words),
            );
        };
        if catch_all {
            for found in wording::catch_all(&value.value) {
                report(self, found, "catch-all-wording");
            }
        }
        if vague {
            for found in wording::vague(&value.value) {
                report(self, found, "vague-wording");
            }
        }
    }

    fn markdown(&mut self, value: &Str) {
        for problem in markdown::find_unsafe(&value.value) {
            let span = self.locate(value, problem.value.lines().next().unwrap_or(""), 0);
            self.unsafe_markdown(span, problem.kind, problem.value);
        }
    }

    fn unsafe_markdown(&mut self, span: Span, kind: UnsafeKind, value: String) {
        let (message, help) = match kind {
            UnsafeKind::Html => (&m::UNSAFE_HTML, &m::UNSAFE_HTML_HELP),
            UnsafeKind::Link => (&m::UNSAFE_LINK, &m::UNSAFE_LINK_HELP),
            UnsafeKind::Image => (&m::UNSAFE_IMAGE, &m::UNSAFE_IMAGE_HELP),
        };
        self.push(
            "unsafe-markdown",
            span,
            Text::new(message).with("value", value),
            Text::new(help),
        );
    }
}

fn in_hours(span: &TimeSpan) -> Option<u64> {
    match span.unit {
        TimeUnit::Hours => Some(span.value),
        _ => None,
    }
}

/// Compares promised with statutory; `None` when the units cannot be compared.
fn promised_exceeds(promised: &TimeSpan, statutory: &TimeSpan) -> Option<bool> {
    use TimeUnit::*;
    let factor = |unit: TimeUnit, other: TimeUnit| match (unit, other) {
        (WorkingDays, Hours) | (Hours, WorkingDays) => Some(8),
        (CalendarDays, Hours) | (Hours, CalendarDays) => Some(24),
        _ => None,
    };
    if promised.unit == statutory.unit {
        return Some(promised.value > statutory.value);
    }
    let per_day = factor(promised.unit, statutory.unit)?;
    let to_hours = |span: &TimeSpan| in_hours(span).unwrap_or(span.value.saturating_mul(per_day));
    Some(to_hours(promised) > to_hours(statutory))
}

const FORM_SUFFIXES: &[&str] = &["申请书", "申请表", "登记表", "承诺书"];

/// Every non-structural rule that concerns one item, plus `unsafe-markdown` in its Markdown fields.
pub fn check_item(
    item: &Item,
    context: &CheckContext,
    source: Option<&SourceFile>,
    out: &mut Vec<Diagnostic>,
) {
    let mut emit = Emitter {
        file: &item.file,
        source,
        out,
    };

    if let Some(summary) = &item.summary {
        emit.markdown(summary);
    }
    for faq in &item.faq {
        emit.markdown(&faq.answer);
    }
    for condition in &item.conditions {
        emit.wording(&condition.text, true, true);
    }
    let mut material_names: HashMap<&str, Position> = HashMap::new();
    for material in &item.materials {
        emit.wording(&material.name, true, true);
        if let Some(note) = &material.note {
            emit.wording(note, false, true);
            emit.markdown(note);
        }
        if let Required::When(case) = &material.required {
            emit.wording(case, false, true);
        }
        if let Some(first) = material_names.insert(material.name.as_str(), material.name.start()) {
            emit.push(
                "duplicate-material",
                material.name.span,
                Text::new(&m::DUPLICATE_MATERIAL).with("name", material.name.value.to_string()),
                Text::new(&m::DUPLICATE_MATERIAL_HELP).with("line", first.line.to_string()),
            );
        }
        if material.originals.value + material.copies.value == 0 {
            emit.push(
                "material-count",
                material.originals.span,
                Text::new(&m::MATERIAL_COUNT).with("name", material.name.value.to_string()),
                Text::new(&m::MATERIAL_COUNT_HELP),
            );
        }
        if &*material.source.value != "申请人自备" && !material.written.has("issuer") {
            emit.at(
                "material-issuer",
                material.first_key,
                Text::new(&m::MATERIAL_ISSUER)
                    .with("name", material.name.value.to_string())
                    .with("source", material.source.value.to_string()),
                Text::new(&m::MATERIAL_ISSUER_HELP),
            );
        }
        let name = material.name.value.trim_end();
        if FORM_SUFFIXES.iter().any(|suffix| name.ends_with(suffix)) {
            let missing: Vec<(&str, &'static crate::diagnostics::Message)> = [
                ("blank_form", !material.blank_form_written, &m::FORM_BLANK),
                ("sample", !material.sample_written, &m::FORM_SAMPLE),
            ]
            .into_iter()
            .filter(|(_, missing, _)| *missing)
            .map(|(key, _, what)| (key, what))
            .collect();
            if !missing.is_empty() {
                let keys = missing
                    .iter()
                    .map(|(key, _)| *key)
                    .collect::<Vec<_>>()
                    .join("`, `");
                let what = missing
                    .iter()
                    .map(|(_, what)| what.zh)
                    .collect::<Vec<_>>()
                    .join("和");
                emit.at(
                    "form-without-template",
                    material.first_key,
                    Text::new(&m::FORM_TEMPLATE)
                        .with("name", material.name.value.to_string())
                        .with("key", keys.clone()),
                    Text::new(&m::FORM_TEMPLATE_HELP)
                        .with("key", keys)
                        .with("what", what),
                );
            }
        }
    }
    for step in &item.procedure {
        emit.wording(&step.step, false, true);
        if let Some(description) = &step.description {
            emit.wording(description, false, true);
        }
    }

    if let Some(time_limit) = &item.time_limit {
        if let (Some(promised), Some(statutory)) = (&time_limit.promised, &time_limit.statutory) {
            match promised_exceeds(promised, statutory) {
                Some(true) => emit.push(
                    "promised-exceeds-statutory",
                    promised.span,
                    Text::new(&m::PROMISED_EXCEEDS)
                        .with("promised", promised.label())
                        .with("statutory", statutory.label()),
                    Text::new(&m::PROMISED_EXCEEDS_HELP),
                ),
                Some(false) => {}
                None => emit.push(
                    "time-unit-mismatch",
                    promised.span,
                    Text::new(&m::UNIT_MISMATCH)
                        .with("promised", promised.unit.label())
                        .with("statutory", statutory.unit.label()),
                    Text::new(&m::UNIT_MISMATCH_HELP),
                ),
            }
        }
        for excluded in &time_limit.excluded {
            if !excluded.written.has("basis") {
                emit.at(
                    "excluded-without-basis",
                    excluded.first_key,
                    Text::new(&m::EXCLUDED_NO_BASIS).with("value", excluded.name.value.to_string()),
                    Text::new(&m::EXCLUDED_NO_BASIS_HELP),
                );
            }
        }
    }

    match &item.fees {
        None if item.written.has("fees") => {}
        None => emit.at(
            "fee-unspecified",
            item.first_key,
            Text::new(&m::FEE_UNSPECIFIED),
            Text::new(&m::FEE_UNSPECIFIED_HELP),
        ),
        Some(fees) if fees.free_is_invalid => {}
        Some(fees) if !fees.is_free() && fees.items.is_empty() => emit.at(
            "fee-unspecified",
            fees.first_key,
            Text::new(&m::FEE_UNSPECIFIED),
            Text::new(&m::FEE_UNSPECIFIED_HELP),
        ),
        Some(fees) => {
            for fee in &fees.items {
                match &fee.amount {
                    None if fee.written.has("amount") => {}
                    None => emit.at(
                        "fee-unspecified",
                        fee.first_key,
                        Text::new(&m::FEE_ITEM_MISSING)
                            .with("name", fee.name.value.to_string())
                            .with("key", "amount"),
                        Text::new(&m::FEE_ITEM_MISSING_HELP),
                    ),
                    Some(amount)
                        if !amount.value.chars().any(|c| {
                            c.is_ascii_digit() || "零一二三四五六七八九十百千万".contains(c)
                        }) =>
                    {
                        emit.push(
                            "fee-unspecified",
                            amount.span,
                            Text::new(&m::FEE_AMOUNT_VAGUE).with("value", amount.value.to_string()),
                            Text::new(&m::FEE_AMOUNT_VAGUE_HELP),
                        )
                    }
                    Some(_) => {}
                }
                if !fee.written.has("basis") {
                    emit.at(
                        "fee-unspecified",
                        fee.first_key,
                        Text::new(&m::FEE_ITEM_MISSING)
                            .with("name", fee.name.value.to_string())
                            .with("key", "basis"),
                        Text::new(&m::FEE_ITEM_MISSING_HELP),
                    );
                }
            }
        }
    }

    match &item.refusals {
        Some(refusals) => {
            for refusal in refusals {
                emit.wording(&refusal.case, false, true);
                if !refusal.written.has("basis") {
                    emit.at(
                        "refusal-without-basis",
                        refusal.first_key,
                        Text::new(&m::REFUSAL_NO_BASIS)
                            .with("value", refusal.case.value.to_string()),
                        Text::new(&m::REFUSAL_NO_BASIS_HELP),
                    );
                }
            }
            if refusals.is_empty() && item.is_licensing() {
                emit.at(
                    "no-refusals",
                    item.first_key,
                    Text::new(&m::NO_REFUSALS),
                    Text::new(&m::NO_REFUSALS_HELP),
                );
            }
        }
        None if item.is_licensing() && !item.written.has("refusals") => emit.at(
            "no-refusals",
            item.first_key,
            Text::new(&m::NO_REFUSALS),
            Text::new(&m::NO_REFUSALS_HELP),
        ),
        None => {}
    }

    match &item.handlers {
        None if item.written.has("handlers") => {}
        None => emit.at(
            "no-substitute",
            item.first_key,
            Text::new(&m::NO_SUBSTITUTE),
            Text::new(&m::NO_SUBSTITUTE_HELP),
        ),
        Some(handlers) => match &handlers.substitute {
            None if handlers.written.has("substitute") => {}
            None => emit.at(
                "no-substitute",
                handlers.first_key,
                Text::new(&m::NO_SUBSTITUTE),
                Text::new(&m::NO_SUBSTITUTE_HELP),
            ),
            Some(substitute) if substitute.value.trim() == handlers.primary.value.trim() => emit
                .push(
                    "no-substitute",
                    substitute.span,
                    Text::new(&m::NO_SUBSTITUTE_SAME).with("value", substitute.value.to_string()),
                    Text::new(&m::NO_SUBSTITUTE_HELP),
                ),
            Some(_) => {}
        },
    }

    match &item.appointment {
        None if item.written.has("appointment") => {}
        None => emit.at(
            "no-appointment",
            item.first_key,
            Text::new(&m::NO_APPOINTMENT).with("key", "appointment"),
            Text::new(&m::NO_APPOINTMENT_HELP),
        ),
        Some(appointment) => {
            if !appointment.written.has("channels") {
                emit.at(
                    "no-appointment",
                    appointment.first_key,
                    Text::new(&m::NO_APPOINTMENT).with("key", "channels"),
                    Text::new(&m::NO_APPOINTMENT_HELP),
                );
            }
            if !appointment.written.has("reply_within") {
                emit.at(
                    "no-appointment",
                    appointment.first_key,
                    Text::new(&m::NO_APPOINTMENT).with("key", "reply_within"),
                    Text::new(&m::NO_APPOINTMENT_HELP),
                );
            }
        }
    }

    if let Some(visits) = &item.visits {
        if visits.value > 1 {
            emit.push(
                "visits-exceed-one",
                visits.span,
                Text::new(&m::VISITS_EXCEED).with("value", visits.value.to_string()),
                Text::new(&m::VISITS_EXCEED_HELP),
            );
        } else if visits.value > 0 && !item.written.has("visits_reason") {
            emit.at(
                "visits-exceed-one",
                item.first_key,
                Text::new(&m::VISITS_NO_REASON).with("value", visits.value.to_string()),
                Text::new(&m::VISITS_NO_REASON_HELP),
            );
        }
    }

    if let Some(online) = &item.online {
        if online.available.value && !online.written.has("url") {
            emit.at(
                "online-without-url",
                online.first_key,
                Text::new(&m::ONLINE_NO_URL),
                Text::new(&m::ONLINE_NO_URL_HELP),
            );
        }
        if !online.available.value && !online.written.has("reason") {
            emit.at(
                "online-without-url",
                online.first_key,
                Text::new(&m::ONLINE_NO_REASON),
                Text::new(&m::ONLINE_NO_REASON_HELP),
            );
        }
    }

    if let Some(updated) = &item.updated {
        let months = context.site.review_months;
        let oldest = context
            .today
            .checked_sub(jiff::Span::new().months(months as i64))
            .unwrap_or(context.today);
        if updated.value > context.today {
            emit.push(
                "stale-review",
                updated.span,
                Text::new(&m::FUTURE)
                    .with("updated", updated.value.to_string())
                    .with("today", context.today.to_string()),
                Text::new(&m::FUTURE_HELP),
            );
        } else if updated.value < oldest {
            emit.push(
                "stale-review",
                updated.span,
                Text::new(&m::STALE)
                    .with("updated", updated.value.to_string())
                    .with("months", months.to_string()),
                Text::new(&m::STALE_HELP),
            );
        }
    }
}

pub fn check_department(
    department: &Department,
    source: Option<&SourceFile>,
    out: &mut Vec<Diagnostic>,
) {
    let mut emit = Emitter {
        file: &department.file,
        source,
        out,
    };
    if !department.written.has("phone") {
        emit.at(
            "department-without-phone",
            department.first_key,
            Text::new(&m::DEPARTMENT_NO_PHONE),
            Text::new(&m::DEPARTMENT_NO_PHONE_HELP),
        );
    }
    emit.markdown(&department.functions);
}

pub fn check_site(site: &Site, out: &mut Vec<Diagnostic>) {
    if site.file.is_empty() {
        return;
    }
    let position = match &site.complaint {
        Some(complaint) if complaint.written.has("phone") => return,
        Some(complaint) => complaint.first_key,
        None if site.written.has("complaint") => return,
        None => site.first_key,
    };
    out.push(
        Diagnostic::new(
            "no-complaint-channel",
            &site.file,
            Span::point(position),
            Text::new(&m::NO_COMPLAINT),
        )
        .help(Text::new(&m::NO_COMPLAINT_HELP)),
    );
}

/// `unsafe-markdown` in a page body; positions come from the body's byte ranges.
pub fn check_page(page: &Page, source: &SourceFile, out: &mut Vec<Diagnostic>) {
    let body_offset = source.byte_offset(Position::new(page.body_line, 1));
    let mut emit = Emitter {
        file: &page.file,
        source: Some(source),
        out,
    };
    for problem in markdown::find_unsafe(&page.body) {
        let start = source.position_of(body_offset + problem.range.start);
        emit.unsafe_markdown(Span::point(start), problem.kind, problem.value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Span;

    fn span(value: u64, unit: TimeUnit) -> TimeSpan {
        TimeSpan {
            value,
            unit,
            span: Span::default(),
        }
    }

    #[test]
    fn compares_limits_across_units() {
        assert_eq!(
            promised_exceeds(
                &span(10, TimeUnit::WorkingDays),
                &span(20, TimeUnit::WorkingDays)
            ),
            Some(false)
        );
        assert_eq!(
            promised_exceeds(&span(9, TimeUnit::Hours), &span(1, TimeUnit::WorkingDays)),
            Some(true)
        );
        assert_eq!(
            promised_exceeds(&span(8, TimeUnit::Hours), &span(1, TimeUnit::WorkingDays)),
            Some(false)
        );
        assert_eq!(
            promised_exceeds(&span(25, TimeUnit::Hours), &span(1, TimeUnit::CalendarDays)),
            Some(true)
        );
        assert_eq!(
            promised_exceeds(
                &span(1, TimeUnit::CalendarDays),
                &span(1, TimeUnit::WorkingDays)
            ),
            None
        );
    }
}
