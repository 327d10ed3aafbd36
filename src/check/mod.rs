//! Stage 3, check: the rules of the content format that go beyond structure, run over the model.
//!
//! Owns: the rule table ([`rules`]), the word lists ([`wording`]), the lint configuration from
//! site.yaml (severity overrides) and the final severity of every diagnostic. Checks never stop
//! at the first problem and never touch the disk; they read the model and the source text (to
//! point at a word inside a value).

pub use crate::rules;
pub mod wording;

use crate::rules::RuleId;
use std::collections::HashMap;

use crate::diagnostics::{Diagnostic, Position, Severity, Span, Text, messages as m};
use crate::load::SourceFile;
use crate::markdown::{self, UnsafeKind};
use crate::model::{Department, Item, Page, Required, Site, Str, TimeSpan, TimeUnit, format};

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
                        RuleId::InvalidValue,
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
                            RuleId::InvalidValue,
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
                        RuleId::InvalidValue,
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
        diagnostics.retain_mut(|diagnostic| match self.level(diagnostic.rule.name()) {
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
    fn push(&mut self, rule: RuleId, span: Span, text: Text, help: Text) {
        self.out
            .push(Diagnostic::new(rule, self.file, span, text).help(help));
    }

    fn at(&mut self, rule: RuleId, position: Position, text: Text, help: Text) {
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
        let mut report = |emitter: &mut Self, found: wording::WordMatch, rule: RuleId| {
            let occurrence = value.value[..found.byte]
                .matches(found.words.as_str())
                .count();
            let _ = seen.entry(found.words.clone()).or_default();
            let span = emitter.locate(value, &found.words, occurrence);
            let (message, help) = if rule == RuleId::CatchAllWording {
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
                report(self, found, RuleId::CatchAllWording);
            }
        }
        if vague {
            for found in wording::vague(&value.value) {
                report(self, found, RuleId::VagueWording);
            }
        }
    }

    /// Calls `found` for each occurrence of any of `words` in `value` (longest first where two
    /// overlap) with the word, its span in the source and the byte offset in `value` after it.
    fn words(
        &mut self,
        value: &Str,
        words: &[&str],
        mut found: impl FnMut(&mut Self, String, Span, usize),
    ) {
        let mut matches: Vec<(usize, &str)> = words
            .iter()
            .filter(|word| {
                word.chars()
                    .next()
                    .is_some_and(|first| value.value.contains(first))
            })
            .flat_map(|word| value.value.match_indices(*word))
            .collect();
        if matches.is_empty() {
            return;
        }
        matches.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.len().cmp(&a.1.len())));
        let mut covered_to = 0;
        for (byte, word) in matches {
            if byte < covered_to {
                continue;
            }
            covered_to = byte + word.len();
            let occurrence = value.value[..byte].matches(word).count();
            let span = self.locate(value, word, occurrence);
            found(self, word.to_string(), span, byte + word.len());
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
            RuleId::UnsafeMarkdown,
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

/// Names that make a material a form (`form-without-template`); (v2) widened.
pub const FORM_SUFFIXES: &[&str] = &[
    "申请书",
    "申请表",
    "登记表",
    "承诺书",
    "备案表",
    "申报表",
    "审批表",
    "报告表",
    "采集表",
    "汇总表",
    "确认书",
    "委托书",
    "声明书",
];

/// The name without what may close it after the form word: a closing 》 and bracketed remarks
/// (`《申请表》（原件）` is a 申请表).
fn form_name_core(name: &str) -> &str {
    let mut name = name.trim_end();
    loop {
        let before = name;
        name = name
            .trim_end_matches(['》', '〉', '」', '』', '"', '”'])
            .trim_end();
        for (open, close) in [
            ('（', '）'),
            ('(', ')'),
            ('【', '】'),
            ('[', ']'),
            ('〔', '〕'),
        ] {
            if name.ends_with(close)
                && let Some(start) = name.rfind(open)
            {
                name = name[..start].trim_end();
            }
        }
        if name == before {
            return name;
        }
    }
}

pub fn is_form_like(name: &str) -> bool {
    let core = form_name_core(name);
    FORM_SUFFIXES.iter().any(|suffix| core.ends_with(suffix))
}

/// The name of a material for `duplicate-material`: spaces removed, then, repeatedly, a trailing
/// 原件, 复印件, 扫描件, 影印件, 正本 or 副本 (营业执照副本复印件 is 营业执照).
pub fn material_identity(name: &str) -> String {
    // 《营业执照》 is 营业执照 too.
    let mut folded: String = name
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}' && *c != '《' && *c != '》')
        .collect();
    loop {
        let Some(suffix) = ["原件", "复印件", "扫描件", "影印件", "正本", "副本"]
            .iter()
            .find(|suffix| folded.ends_with(**suffix) && folded.len() > suffix.len())
        else {
            return folded;
        };
        folded.truncate(folded.len() - suffix.len());
    }
}

/// (v2) Words by which a note exempts its material (`exemption-in-note`).
pub const EXEMPTION_WORDS: &[&str] = &[
    "免于提交",
    "免予提交",
    "免提交",
    "无需提交",
    "无须提交",
    "不再提交",
    "不需提交",
    "不需要提交",
    "不用提交",
    "免交",
];

/// (v2) Words by which a note asks for a further document (`material-in-note`).
pub const FURTHER_DOCUMENT_WORDS: &[&str] = &[
    "另附",
    "另需提交",
    "另行提交",
    "还需提交",
    "还需提供",
    "同时提交",
    "一并提交",
    "并附",
];

/// What a further-document word asks for, when it names a document that is not one of
/// `material_names`: the first 《title》 of the sentence that is not a material's name, or,
/// with no title at all, the rest of the sentence when it holds 表, 书, 证明, 复印件 or 清单.
fn further_document<'t>(rest: &'t str, material_names: &[&str]) -> Option<&'t str> {
    let sentence_end = rest
        .char_indices()
        .find(|(_, c)| "。；;！!？?".contains(*c))
        .map_or(rest.len(), |(index, _)| index);
    let sentence = &rest[..sentence_end];
    let mut titles = Vec::new();
    let mut search = sentence;
    while let Some(open) = search.find('《') {
        let after = &search[open + '《'.len_utf8()..];
        let Some(close) = after.find('》') else {
            break;
        };
        titles.push(&search[open..open + '《'.len_utf8() + close + '》'.len_utf8()]);
        search = &after[close + '》'.len_utf8()..];
    }
    if !titles.is_empty() {
        return titles.into_iter().find(|title| {
            let inner = &title['《'.len_utf8()..title.len() - '》'.len_utf8()];
            !material_names
                .iter()
                .any(|name| name.trim() == inner.trim() || name.trim() == title.trim())
        });
    }
    let trimmed = sentence.trim_matches(|c: char| c.is_whitespace() || "：:，,".contains(c));
    ["表", "书", "证明", "复印件", "清单"]
        .iter()
        .any(|word| trimmed.contains(word))
        .then_some(trimmed)
}

/// Hours in a span, for comparing across units (小时 to 工作日 at 8, to 自然日 at 24); `None`
/// when the unit cannot be converted to `target`.
fn in_hours_of(span: &TimeSpan, target: TimeUnit) -> Option<u64> {
    use TimeUnit::*;
    let per = |unit: TimeUnit| match unit {
        WorkingDays => 8,
        CalendarDays => 24,
        Hours => 1,
    };
    let convertible = span.unit == target || span.unit == Hours || target == Hours;
    convertible.then(|| span.value.saturating_mul(per(span.unit)))
}

/// The sum of the steps' limits in `promised`'s unit, in hours, when it exceeds the promise.
fn steps_exceeding(item: &Item, promised: &TimeSpan) -> Option<u64> {
    let promised_hours = in_hours_of(promised, promised.unit)?;
    let sum: u64 = item
        .procedure
        .iter()
        .filter_map(|step| in_hours_of(step.time_limit.as_ref()?, promised.unit))
        .sum();
    (sum > promised_hours).then_some(sum)
}

/// A sum of hours as a number of the promise's unit (`57`, `10.5`).
fn hours_in_unit(hours: u64, unit: TimeUnit) -> String {
    let per = match unit {
        TimeUnit::WorkingDays => 8,
        TimeUnit::CalendarDays => 24,
        TimeUnit::Hours => 1,
    };
    if hours.is_multiple_of(per) {
        (hours / per).to_string()
    } else {
        format!("{:.1}", hours as f64 / per as f64)
    }
}

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
    for markdown_field in item_markdown(item) {
        emit.markdown(markdown_field);
    }
    for condition in &item.conditions {
        emit.wording(&condition.text, true, true);
    }
    check_materials(item, &mut emit);
    for step in &item.procedure {
        emit.wording(&step.step, false, true);
        if let Some(description) = &step.description {
            emit.wording(description, false, true);
        }
    }
    check_time_limit(item, &mut emit);
    check_fees(item, &mut emit);
    check_refusals(item, &mut emit);
    check_handlers(item, &mut emit);
    check_appointment(item, &mut emit);
    check_visits(item, &mut emit);
    check_online(item, &mut emit);
    check_review_date(item, context, &mut emit);
    check_implementing_body(item, &mut emit);
    check_formula_text(item, &mut emit);
}

/// `formula-text`: a plain text of the item that starts with `=` (a spreadsheet formula pasted
/// in; items.csv neutralises such cells, the page would still show the formula).
fn check_formula_text(item: &Item, emit: &mut Emitter) {
    let materials = item.materials.iter().flat_map(|m| {
        std::iter::once(&m.name)
            .chain(m.issuer.iter())
            .chain(m.paper_size.iter())
    });
    let fees = item
        .fees
        .iter()
        .flat_map(|f| f.items.iter())
        .flat_map(|i| std::iter::once(&i.name).chain(i.amount.iter()));
    let place = item
        .place
        .iter()
        .flat_map(|p| p.address.iter().chain(p.hours.iter()).chain(p.phone.iter()));
    let texts = [&item.code, &item.name]
        .into_iter()
        .chain(item.conditions.iter().map(|c| &c.text))
        .chain(materials)
        .chain(item.procedure.iter().map(|s| &s.step))
        .chain(fees)
        .chain(item.result.iter().map(|r| &r.name))
        .chain(place)
        .chain(item.quantity_limit.iter())
        .chain(item.refusals.iter().flatten().map(|r| &r.case))
        .chain(item.tags.iter());
    for text in texts {
        if text.value.trim_start().starts_with('=') {
            emit.push(
                RuleId::FormulaText,
                text.span,
                Text::new(&m::FORMULA_TEXT).with("value", text.value.to_string()),
                Text::new(&m::FORMULA_TEXT_HELP),
            );
        }
    }
}

/// Every Markdown field of an item.
fn item_markdown(item: &Item) -> impl Iterator<Item = &Str> {
    let faq = item.faq.iter().map(|faq| &faq.answer);
    let notes = item.materials.iter().filter_map(|m| m.note.as_ref());
    let waiver = item.fees.iter().filter_map(|fees| fees.waiver.as_ref());
    let commitment = item.commitment.iter().flat_map(|commitment| {
        [
            &commitment.verification,
            &commitment.consequence,
            &commitment.scope,
        ]
        .into_iter()
        .flatten()
    });
    item.summary
        .iter()
        .chain(faq)
        .chain(notes)
        .chain(waiver)
        .chain(commitment)
}

/// Wording, counts, issuers, forms, duplicates, exemptions, further documents, situations and
/// intermediaries of the materials.
fn check_materials(item: &Item, emit: &mut Emitter) {
    for material in &item.materials {
        emit.wording(&material.name, true, true);
        if let Some(note) = &material.note {
            emit.wording(note, true, true);
        }
        if let Required::When(case) = &material.required {
            emit.wording(case, true, false);
        }
    }
    exemption_in_note(item, emit);
    material_in_note(item, emit);
    undeclared_situation(item, emit);
    duplicate_material(item, emit);
    material_count(item, emit);
    material_issuer(item, emit);
    intermediary_undeclared(item, emit);
    commitment_for_exemption(item, emit);
    form_without_template(item, emit);
}

/// `exemption-in-note`: a material's note says it may be left out (共享获取, 免于提交...) while the
/// material has no `exempt`.
fn exemption_in_note(item: &Item, emit: &mut Emitter) {
    for material in item.materials.iter().filter(|m| m.exempt.is_none()) {
        let Some(note) = &material.note else {
            continue;
        };
        emit.words(note, EXEMPTION_WORDS, |emit, word, span, _| {
            emit.push(
                RuleId::ExemptionInNote,
                span,
                Text::new(&m::EXEMPTION_IN_NOTE)
                    .with("name", material.name.value.to_string())
                    .with("value", word),
                Text::new(&m::EXEMPTION_IN_NOTE_HELP),
            )
        });
    }
}

/// `material-in-note`: a material's note asks for a further document that is not itself a
/// material of the item.
fn material_in_note(item: &Item, emit: &mut Emitter) {
    let names: Vec<&str> = item.materials.iter().map(|m| m.name.as_str()).collect();
    for (index, material) in item.materials.iter().enumerate() {
        let Some(note) = &material.note else {
            continue;
        };
        emit.words(note, FURTHER_DOCUMENT_WORDS, |emit, word, span, end| {
            let others: Vec<&str> = names
                .iter()
                .enumerate()
                .filter(|(other, _)| *other != index)
                .map(|(_, name)| *name)
                .collect();
            if let Some(document) = further_document(&note.value[end..], &others) {
                emit.push(
                    RuleId::MaterialInNote,
                    span,
                    Text::new(&m::MATERIAL_IN_NOTE)
                        .with("name", material.name.value.to_string())
                        .with("value", word)
                        .with("document", document.to_string()),
                    Text::new(&m::MATERIAL_IN_NOTE_HELP),
                )
            }
        });
    }
}

/// `undeclared-situation`: a material required in a case that is not one of the item's
/// `situations` (when it declares them).
fn undeclared_situation(item: &Item, emit: &mut Emitter) {
    if !item.written.has(format::item::SITUATIONS) || item.situations.is_empty() {
        return;
    }
    for material in &item.materials {
        if let Required::When(case) = &material.required
            && !item.situations.iter().any(|s| s.value == case.value)
        {
            emit.push(
                RuleId::UndeclaredSituation,
                case.span,
                Text::new(&m::UNDECLARED_SITUATION).with("value", case.value.to_string()),
                Text::new(&m::UNDECLARED_SITUATION_HELP),
            );
        }
    }
}

/// `duplicate-material`: two materials that are the same document (by [`material_identity`]).
fn duplicate_material(item: &Item, emit: &mut Emitter) {
    let mut identities: HashMap<String, (Position, &str)> = HashMap::new();
    for material in &item.materials {
        let identity = material_identity(&material.name.value);
        match identities.get(&identity) {
            Some((first, first_name)) => emit.push(
                RuleId::DuplicateMaterial,
                material.name.span,
                Text::new(&m::DUPLICATE_MATERIAL)
                    .with("name", material.name.value.to_string())
                    .with("other", first_name.to_string())
                    .with("line", first.line.to_string()),
                Text::new(&m::DUPLICATE_MATERIAL_HELP).with("line", first.line.to_string()),
            ),
            None => {
                identities.insert(identity, (material.name.start(), material.name.as_str()));
            }
        }
    }
}

/// `material-count`: no original and no copy of a material that is not always exempt.
fn material_count(item: &Item, emit: &mut Emitter) {
    for material in &item.materials {
        if material.originals.value + material.copies.value == 0 && !material.is_exempt_always() {
            emit.push(
                RuleId::MaterialCount,
                material.originals.span,
                Text::new(&m::MATERIAL_COUNT).with("name", material.name.value.to_string()),
                Text::new(&m::MATERIAL_COUNT_HELP),
            );
        }
    }
}

/// `material-issuer`: a material the applicant does not hold already, without who issues it.
fn material_issuer(item: &Item, emit: &mut Emitter) {
    for material in &item.materials {
        if &*material.source.value != "申请人自备"
            && !material.written.has(format::material::ISSUER)
        {
            emit.at(
                RuleId::MaterialIssuer,
                material.first_key,
                Text::new(&m::MATERIAL_ISSUER)
                    .with("name", material.name.value.to_string())
                    .with("source", material.source.value.to_string()),
                Text::new(&m::MATERIAL_ISSUER_HELP),
            );
        }
    }
}

/// `intermediary-undeclared`: a material an intermediary issues, and no `intermediary` service.
fn intermediary_undeclared(item: &Item, emit: &mut Emitter) {
    if item.written.has(format::item::INTERMEDIARY) {
        return;
    }
    for material in &item.materials {
        if &*material.source.value == "中介机构出具" {
            emit.push(
                RuleId::IntermediaryUndeclared,
                material.source.span,
                Text::new(&m::INTERMEDIARY_UNDECLARED)
                    .with("name", material.name.value.to_string()),
                Text::new(&m::INTERMEDIARY_UNDECLARED_HELP),
            );
        }
    }
}

/// `commitment-incomplete` (materials' part): a material exempt by 告知承诺 in an item without
/// `commitment`.
fn commitment_for_exemption(item: &Item, emit: &mut Emitter) {
    if item.written.has(format::item::COMMITMENT) {
        return;
    }
    for material in &item.materials {
        if let Some(exempt) = &material.exempt
            && &*exempt.by.value == "告知承诺"
        {
            emit.at(
                RuleId::CommitmentIncomplete,
                exempt.key,
                Text::new(&m::COMMITMENT_MISSING).with("name", material.name.value.to_string()),
                Text::new(&m::COMMITMENT_HELP),
            );
        }
    }
}

/// `form-without-template`: a form (申请表, 登记表...) without its blank form or filled sample.
fn form_without_template(item: &Item, emit: &mut Emitter) {
    for material in item
        .materials
        .iter()
        .filter(|material| is_form_like(&material.name.value))
    {
        let missing: Vec<(&str, &'static crate::diagnostics::Message)> = [
            (
                format::material::BLANK_FORM.name,
                !material.blank_form_written,
                &m::FORM_BLANK,
            ),
            (
                format::material::SAMPLE.name,
                !material.sample_written,
                &m::FORM_SAMPLE,
            ),
        ]
        .into_iter()
        .filter(|(_, missing, _)| *missing)
        .map(|(key, _, what)| (key, what))
        .collect();
        if missing.is_empty() {
            continue;
        }
        let keys = missing
            .iter()
            .map(|(key, _)| *key)
            .collect::<Vec<_>>()
            .join("`, `");
        emit.at(
            RuleId::FormWithoutTemplate,
            material.first_key,
            Text::new(&m::FORM_TEMPLATE)
                .with("name", material.name.value.to_string())
                .with("key", keys.clone()),
            Text::new(&m::FORM_TEMPLATE_HELP)
                .with("key", keys)
                .with_message_list("what", missing.iter().map(|(_, what)| *what)),
        );
    }
}

fn check_time_limit(item: &Item, emit: &mut Emitter) {
    let Some(time_limit) = &item.time_limit else {
        return;
    };
    promised_against_statutory(time_limit, emit);
    steps_exceed_promised(item, time_limit, emit);
    statutory_without_basis(item, time_limit, emit);
    excluded_without_basis(time_limit, emit);
}

/// `promised-exceeds-statutory`, or `time-unit-mismatch` when the two cannot be compared.
fn promised_against_statutory(time_limit: &crate::model::TimeLimit, emit: &mut Emitter) {
    if let (Some(promised), Some(statutory)) = (&time_limit.promised, &time_limit.statutory) {
        match promised_exceeds(promised, statutory) {
            Some(true) => emit.push(
                RuleId::PromisedExceedsStatutory,
                promised.span,
                Text::new(&m::PROMISED_EXCEEDS)
                    .with_span(
                        "promised",
                        promised.value.to_string(),
                        promised.unit.label(),
                    )
                    .with_span(
                        "statutory",
                        statutory.value.to_string(),
                        statutory.unit.label(),
                    ),
                Text::new(&m::PROMISED_EXCEEDS_HELP),
            ),
            Some(false) => {}
            None => emit.push(
                RuleId::TimeUnitMismatch,
                promised.span,
                Text::new(&m::UNIT_MISMATCH)
                    .with("promised", promised.unit.label())
                    .with("statutory", statutory.unit.label()),
                Text::new(&m::UNIT_MISMATCH_HELP),
            ),
        }
    }
}

/// `steps-exceed-promised`: the procedure's step time limits add up to more than the promise.
fn steps_exceed_promised(item: &Item, time_limit: &crate::model::TimeLimit, emit: &mut Emitter) {
    if let Some(promised) = &time_limit.promised
        && let Some(sum) = steps_exceeding(item, promised)
    {
        emit.at(
            RuleId::StepsExceedPromised,
            time_limit.promised_key,
            Text::new(&m::STEPS_EXCEED)
                .with_span(
                    "sum",
                    hours_in_unit(sum, promised.unit),
                    promised.unit.label(),
                )
                .with_span(
                    "promised",
                    promised.value.to_string(),
                    promised.unit.label(),
                ),
            Text::new(&m::STEPS_EXCEED_HELP),
        );
    }
}

/// `statutory-without-basis`: a licensing item's statutory time limit without its legal basis.
fn statutory_without_basis(item: &Item, time_limit: &crate::model::TimeLimit, emit: &mut Emitter) {
    if item.is_licensing() && time_limit.statutory.is_some() && !time_limit.statutory_basis_written
    {
        emit.at(
            RuleId::StatutoryWithoutBasis,
            time_limit.statutory_key,
            Text::new(&m::STATUTORY_NO_BASIS),
            Text::new(&m::STATUTORY_NO_BASIS_HELP),
        );
    }
}

/// `excluded-without-basis`: a procedure excluded from the time limit without its legal basis.
fn excluded_without_basis(time_limit: &crate::model::TimeLimit, emit: &mut Emitter) {
    for excluded in &time_limit.excluded {
        if !excluded.written.has(format::excluded::BASIS) {
            emit.at(
                RuleId::ExcludedWithoutBasis,
                excluded.first_key,
                Text::new(&m::EXCLUDED_NO_BASIS).with("value", excluded.name.value.to_string()),
                Text::new(&m::EXCLUDED_NO_BASIS_HELP),
            );
        }
    }
}

fn check_fees(item: &Item, emit: &mut Emitter) {
    match &item.fees {
        None if item.written.has(format::item::FEES) => {}
        None => emit.at(
            RuleId::FeeUnspecified,
            item.first_key,
            Text::new(&m::FEE_UNSPECIFIED),
            Text::new(&m::FEE_UNSPECIFIED_HELP),
        ),
        Some(fees) if fees.free_is_invalid => {}
        Some(fees) if !fees.is_free() && fees.items.is_empty() => emit.at(
            RuleId::FeeUnspecified,
            fees.first_key,
            Text::new(&m::FEE_UNSPECIFIED),
            Text::new(&m::FEE_UNSPECIFIED_HELP),
        ),
        Some(fees) => {
            for fee in &fees.items {
                match &fee.amount {
                    None if fee.written.has(format::fee_item::AMOUNT) => {}
                    None => emit.at(
                        RuleId::FeeUnspecified,
                        fee.first_key,
                        Text::new(&m::FEE_ITEM_MISSING)
                            .with("name", fee.name.value.to_string())
                            .with("key", format::fee_item::AMOUNT.name),
                        Text::new(&m::FEE_ITEM_MISSING_HELP),
                    ),
                    Some(amount) if !states_number_and_unit(&amount.value) => emit.push(
                        RuleId::FeeUnspecified,
                        amount.span,
                        Text::new(&m::FEE_AMOUNT_VAGUE).with("value", amount.value.to_string()),
                        Text::new(&m::FEE_AMOUNT_VAGUE_HELP),
                    ),
                    Some(_) => {}
                }
                if !fee.written.has(format::fee_item::BASIS) {
                    emit.at(
                        RuleId::FeeUnspecified,
                        fee.first_key,
                        Text::new(&m::FEE_ITEM_MISSING)
                            .with("name", fee.name.value.to_string())
                            .with("key", format::fee_item::BASIS.name),
                        Text::new(&m::FEE_ITEM_MISSING_HELP),
                    );
                }
            }
        }
    }
}

/// A fee amount names a number and a unit (每件 10 元, 二十元/次): some digit or Chinese numeral,
/// and something besides numbers, spaces and punctuation.
fn states_number_and_unit(amount: &str) -> bool {
    let is_number = |c: char| c.is_ascii_digit() || "零一二三四五六七八九十百千万".contains(c);
    amount.chars().any(is_number)
        && amount
            .chars()
            .any(|c| !is_number(c) && !c.is_whitespace() && !c.is_ascii_punctuation())
}

/// (v2) `no-refusals` covers every type but 公共服务 (一次性告知制 3 applies to every matter);
/// an item whose type is missing or invalid (already reported) is left alone.
fn needs_refusals(item: &Item) -> bool {
    let item_type = &*item.item_type.value;
    !item_type.is_empty() && item_type != "公共服务"
}

fn check_refusals(item: &Item, emit: &mut Emitter) {
    if let Some(refusals) = &item.refusals {
        for refusal in refusals {
            emit.wording(&refusal.case, true, true);
        }
    }
    no_refusals(item, emit);
    refusal_without_basis(item, emit);
}

/// `no-refusals`: an item that can be refused (not a public service) without its refusal cases.
fn no_refusals(item: &Item, emit: &mut Emitter) {
    let missing = match &item.refusals {
        Some(refusals) => refusals.is_empty(),
        None => !item.written.has(format::item::REFUSALS),
    };
    if missing && needs_refusals(item) {
        emit.at(
            RuleId::NoRefusals,
            item.first_key,
            Text::new(&m::NO_REFUSALS).with("type", item.item_type.value.to_string()),
            Text::new(&m::NO_REFUSALS_HELP),
        );
    }
}

/// `refusal-without-basis`: a refusal case without its legal basis.
fn refusal_without_basis(item: &Item, emit: &mut Emitter) {
    for refusal in item.refusals.iter().flatten() {
        if !refusal.written.has(format::refusal::BASIS) {
            emit.at(
                RuleId::RefusalWithoutBasis,
                refusal.first_key,
                Text::new(&m::REFUSAL_NO_BASIS).with("value", refusal.case.value.to_string()),
                Text::new(&m::REFUSAL_NO_BASIS_HELP),
            );
        }
    }
}

fn check_handlers(item: &Item, emit: &mut Emitter) {
    match &item.handlers {
        None if item.written.has(format::item::HANDLERS) => {}
        None => emit.at(
            RuleId::NoSubstitute,
            item.first_key,
            Text::new(&m::NO_SUBSTITUTE),
            Text::new(&m::NO_SUBSTITUTE_HELP),
        ),
        Some(handlers) => match &handlers.substitute {
            None if handlers.written.has(format::handlers::SUBSTITUTE) => {}
            None => emit.at(
                RuleId::NoSubstitute,
                handlers.first_key,
                Text::new(&m::NO_SUBSTITUTE),
                Text::new(&m::NO_SUBSTITUTE_HELP),
            ),
            Some(substitute) if substitute.value.trim() == handlers.primary.value.trim() => emit
                .push(
                    RuleId::NoSubstitute,
                    substitute.span,
                    Text::new(&m::NO_SUBSTITUTE_SAME).with("value", substitute.value.to_string()),
                    Text::new(&m::NO_SUBSTITUTE_HELP),
                ),
            Some(_) => {}
        },
    }
}

fn check_appointment(item: &Item, emit: &mut Emitter) {
    match &item.appointment {
        None if item.written.has(format::item::APPOINTMENT) => {}
        None => emit.at(
            RuleId::NoAppointment,
            item.first_key,
            Text::new(&m::NO_APPOINTMENT).with("key", format::item::APPOINTMENT.name),
            Text::new(&m::NO_APPOINTMENT_HELP),
        ),
        Some(appointment) => {
            for key in [
                format::appointment::CHANNELS,
                format::appointment::REPLY_WITHIN,
            ] {
                if !appointment.written.has(key) {
                    emit.at(
                        RuleId::NoAppointment,
                        appointment.first_key,
                        Text::new(&m::NO_APPOINTMENT).with("key", key.name),
                        Text::new(&m::NO_APPOINTMENT_HELP),
                    );
                }
            }
        }
    }
}

fn check_visits(item: &Item, emit: &mut Emitter) {
    let Some(visits) = &item.visits else {
        return;
    };
    if visits.value > 1 {
        emit.push(
            RuleId::VisitsExceedOne,
            visits.span,
            Text::new(&m::VISITS_EXCEED).with("value", visits.value.to_string()),
            Text::new(&m::VISITS_EXCEED_HELP),
        );
    } else if visits.value > 0 && !item.written.has(format::item::VISITS_REASON) {
        emit.at(
            RuleId::VisitsExceedOne,
            item.first_key,
            Text::new(&m::VISITS_NO_REASON).with("value", visits.value.to_string()),
            Text::new(&m::VISITS_NO_REASON_HELP),
        );
    }
}

fn check_online(item: &Item, emit: &mut Emitter) {
    let Some(online) = &item.online else {
        return;
    };
    if online.available.value && !online.written.has(format::online::URL) {
        emit.at(
            RuleId::OnlineWithoutUrl,
            online.first_key,
            Text::new(&m::ONLINE_NO_URL),
            Text::new(&m::ONLINE_NO_URL_HELP),
        );
    }
    if !online.available.value && !online.written.has(format::online::REASON) {
        emit.at(
            RuleId::OnlineWithoutUrl,
            online.first_key,
            Text::new(&m::ONLINE_NO_REASON),
            Text::new(&m::ONLINE_NO_REASON_HELP),
        );
    }
}

fn check_review_date(item: &Item, context: &CheckContext, emit: &mut Emitter) {
    let Some(updated) = &item.updated else {
        return;
    };
    let months = context.site.review_months;
    let oldest = context
        .today
        .checked_sub(jiff::Span::new().months(months as i64))
        .unwrap_or(context.today);
    if updated.value > context.today {
        emit.push(
            RuleId::StaleReview,
            updated.span,
            Text::new(&m::FUTURE)
                .with("updated", updated.value.to_string())
                .with("today", context.today.to_string()),
            Text::new(&m::FUTURE_HELP),
        );
    } else if updated.value < oldest {
        emit.push(
            RuleId::StaleReview,
            updated.span,
            Text::new(&m::STALE)
                .with("updated", updated.value.to_string())
                .with("months", months.to_string()),
            Text::new(&m::STALE_HELP),
        );
    }
}

/// (v2) `no-quantity-limit`, `commitment-incomplete` (the commitment's own keys) and
/// `entrustment-incomplete`.
fn check_implementing_body(item: &Item, emit: &mut Emitter) {
    no_quantity_limit(item, emit);
    commitment_incomplete(item, emit);
    entrustment_incomplete(item, emit);
}

/// `no-quantity-limit`: a licensing item that does not say whether its number is limited.
fn no_quantity_limit(item: &Item, emit: &mut Emitter) {
    if item.is_licensing() && !item.written.has(format::item::QUANTITY_LIMIT) {
        emit.at(
            RuleId::NoQuantityLimit,
            item.first_key,
            Text::new(&m::NO_QUANTITY_LIMIT),
            Text::new(&m::NO_QUANTITY_LIMIT_HELP),
        );
    }
}

/// `commitment-incomplete`: a `commitment` without its form, verification or consequence.
fn commitment_incomplete(item: &Item, emit: &mut Emitter) {
    if let Some(commitment) = &item.commitment {
        for key in [
            format::commitment::FORM,
            format::commitment::VERIFICATION,
            format::commitment::CONSEQUENCE,
        ] {
            if !commitment.written.has(key) {
                emit.at(
                    RuleId::CommitmentIncomplete,
                    commitment.key,
                    Text::new(&m::COMMITMENT_KEY_MISSING).with("key", key.name),
                    Text::new(&m::COMMITMENT_HELP),
                );
            }
        }
    }
}

/// `entrustment-incomplete`: an entrusted body without the entrusting body, the entrustment's
/// basis, or the item's `redress`.
fn entrustment_incomplete(item: &Item, emit: &mut Emitter) {
    if let Some(authority) = &item.authority
        && authority.is_entrusted()
    {
        let missing = [
            (
                !authority.written.has(format::authority::ENTRUSTED_BY),
                &m::ENTRUSTMENT_BY,
            ),
            (
                !authority.written.has(format::authority::ENTRUSTMENT_BASIS),
                &m::ENTRUSTMENT_BASIS,
            ),
            (
                !item.written.has(format::item::REDRESS),
                &m::ENTRUSTMENT_REDRESS,
            ),
        ];
        for (is_missing, what) in missing {
            if is_missing {
                emit.at(
                    RuleId::EntrustmentIncomplete,
                    authority.key,
                    Text::new(&m::ENTRUSTMENT_MISSING).with_message("what", what),
                    Text::new(&m::ENTRUSTMENT_HELP),
                );
            }
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
    if !department.written.has(format::department::PHONE) {
        emit.at(
            RuleId::DepartmentWithoutPhone,
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
        Some(complaint) if complaint.written.has(format::complaint::PHONE) => return,
        Some(complaint) => complaint.first_key,
        None if site.written.has(format::site::COMPLAINT) => return,
        None => site.first_key,
    };
    out.push(
        Diagnostic::new(
            RuleId::NoComplaintChannel,
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
