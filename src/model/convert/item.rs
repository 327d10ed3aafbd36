//! An item file (content/items/<id>.yaml) to [`Item`]: every key of the one-time notification,
//! its time limit, materials and the keys version 2 added.

use super::reader::{Fields, Reader};
use crate::diagnostics::{Text, messages as m};
use crate::load::yaml::{Node, Style, Value};
use crate::model::format::{self};
use crate::model::*;
use crate::rules::RuleId;

pub fn item(reader: &mut Reader, id: &str, root: &Node) -> Item {
    let mut item = Item {
        id: id.to_string(),
        file: reader.file.to_string(),
        ..Item::default()
    };
    let Some(fields) = reader.map_fields(root, format::ITEM.name, &format::ITEM) else {
        return item;
    };
    item.first_key = fields.first_key;
    item.written = fields.written();
    item.draft = reader
        .boolean(&fields, format::item::DRAFT)
        .is_some_and(|draft| draft.value);
    item.code = reader.required_text(&fields, format::item::CODE);
    item.name = reader.required_text(&fields, format::item::NAME);
    item.item_type = reader
        .enumerated(&fields, format::item::TYPE)
        .unwrap_or_default();
    item.department = reader.required_text(&fields, format::item::DEPARTMENT);
    if !item.department.value.is_empty() && !is_valid_id(&item.department.value) {
        reader.push(
            RuleId::InvalidValue,
            item.department.span,
            Text::new(&m::BAD_ID).with("value", item.department.value.to_string()),
            None,
        );
        item.department = Str::default();
    }
    item.audience = reader.enumerated_list(&fields, format::item::AUDIENCE);
    item.summary = reader.text(&fields, format::item::SUMMARY);

    for (inner, node) in reader.each_map(&fields, format::item::LEGAL_BASIS) {
        let text = reader.text(&inner, format::legal_basis::TEXT);
        if let Some(reference) = reader.law_reference_fields(&inner, node) {
            item.legal_basis.push(LegalBasis { reference, text });
        }
    }
    for (inner, _) in reader.each_map(&fields, format::item::CONDITIONS) {
        let text = reader.text(&inner, format::condition::TEXT);
        let basis = reader.optional_law_reference(&inner, format::condition::BASIS);
        if let Some(text) = text {
            item.conditions.push(Condition { text, basis });
        }
    }
    for (inner, _) in reader.each_map(&fields, format::item::MATERIALS) {
        if let Some(material) = material(reader, &inner) {
            item.materials.push(material);
        }
    }
    item.procedure = procedure(reader, &fields);
    if let Some(node) = reader.node(&fields, format::item::TIME_LIMIT)
        && let Some(inner) = reader.fields(node, format::item::TIME_LIMIT)
    {
        item.time_limit = Some(time_limit(reader, &inner));
    }
    if let Some(node) = fields.get(format::item::FEES)
        && let Some(inner) = reader.fields(node, format::item::FEES)
    {
        item.fees = Some(fees(reader, &inner));
    }
    if let Some(node) = reader.node(&fields, format::item::RESULT)
        && let Some(inner) = reader.fields(node, format::item::RESULT)
    {
        let name = reader.required_text(&inner, format::result::NAME);
        let kind = reader
            .enumerated(&inner, format::result::TYPE)
            .unwrap_or_default();
        let delivery = reader.text_list(&inner, format::result::DELIVERY);
        let sample = reader.file_path(&inner, format::result::SAMPLE);
        let validity = reader.text(&inner, format::result::VALIDITY);
        item.result = Some(ResultDocument {
            name,
            kind,
            delivery,
            sample,
            validity,
        });
    }
    item.visits = reader.number(&fields, format::item::VISITS);
    item.visits_reason = reader.text(&fields, format::item::VISITS_REASON);
    if let Some(node) = reader.node(&fields, format::item::ONLINE)
        && let Some(inner) = reader.fields(node, format::item::ONLINE)
    {
        let available = reader.boolean(&inner, format::online::AVAILABLE);
        let url = reader.url(&inner, format::online::URL);
        let reason = reader.text(&inner, format::online::REASON);
        if let Some(available) = available {
            item.online = Some(Online {
                written: inner.written(),
                first_key: inner.first_key,
                available,
                url,
                reason,
            });
        }
    }
    if let Some(node) = fields.get(format::item::PLACE)
        && let Some(inner) = reader.fields(node, format::item::PLACE)
    {
        item.place = Some(Place {
            address: reader.text(&inner, format::place::ADDRESS),
            hours: reader.text(&inner, format::place::HOURS),
            phone: reader.text(&inner, format::place::PHONE),
        });
    }
    if let Some(node) = fields.get(format::item::HANDLERS)
        && let Some(inner) = reader.fields(node, format::item::HANDLERS)
    {
        let primary = reader.required_text(&inner, format::handlers::PRIMARY);
        let substitute = reader.text(&inner, format::handlers::SUBSTITUTE);
        item.handlers = Some(Handlers {
            written: inner.written(),
            first_key: inner.first_key,
            primary,
            substitute,
        });
    }
    if let Some(node) = fields.get(format::item::APPOINTMENT)
        && let Some(inner) = reader.fields(node, format::item::APPOINTMENT)
    {
        let channels = reader.text_list(&inner, format::appointment::CHANNELS);
        let reply_within = reader.time_span(&inner, format::appointment::REPLY_WITHIN);
        item.appointment = Some(Appointment {
            written: inner.written(),
            first_key: inner.first_key,
            channels,
            reply_within,
        });
    }
    item.refusals = refusals(reader, &fields);
    for (inner, _) in reader.each_map(&fields, format::item::FAQ) {
        let question = reader.text(&inner, format::faq::Q);
        let answer = reader.text(&inner, format::faq::A);
        if let (Some(question), Some(answer)) = (question, answer) {
            item.faq.push(Faq { question, answer });
        }
    }
    item.tags = reader.text_list(&fields, format::item::TAGS);
    item.updated = reader.date(&fields, format::item::UPDATED);
    version_two_keys(reader, &fields, &mut item);
    release_spare_capacity(&mut item);
    item
}

/// `procedure`: the steps, each with who does it and its time limit.
fn procedure(reader: &mut Reader, fields: &Fields) -> Vec<Step> {
    let mut steps = Vec::new();
    for (inner, _) in reader.each_map(fields, format::item::PROCEDURE) {
        let step = reader.text(&inner, format::step::STEP);
        let actor = reader.text(&inner, format::step::ACTOR);
        let time_limit = reader.time_span(&inner, format::step::TIME_LIMIT);
        let description = reader.text(&inner, format::step::DESCRIPTION);
        if let (Some(step), Some(actor)) = (step, actor) {
            steps.push(Step {
                step,
                actor,
                time_limit,
                description,
            });
        }
    }
    steps
}

/// `fees`: free or the fee items, each with its basis, and the waiver.
fn fees(reader: &mut Reader, inner: &Fields) -> Fees {
    let free = reader.boolean(inner, format::fees::FREE);
    let waiver = reader.text(inner, format::fees::WAIVER);
    let mut items = Vec::new();
    for (entry, _) in reader.each_map(inner, format::fees::ITEMS) {
        let name = reader
            .text(&entry, format::fee_item::NAME)
            .unwrap_or_default();
        let amount = reader.text(&entry, format::fee_item::AMOUNT);
        let basis = match entry.get(format::fee_item::BASIS) {
            Some(basis) => reader.law_reference(basis, format::fee_item::BASIS),
            None => None,
        };
        items.push(FeeItem {
            written: entry.written(),
            first_key: entry.first_key,
            name,
            amount,
            basis,
        });
    }
    if free.as_ref().is_some_and(|f| f.value) && !items.is_empty() {
        let span = free.as_ref().map(|f| f.span).unwrap_or_default();
        reader.push(
            RuleId::InvalidValue,
            span,
            Text::new(&m::FEES_BOTH),
            Some(Text::new(&m::FEES_BOTH_HELP)),
        );
    }
    let free_is_invalid = free.is_none() && inner.has(format::fees::FREE);
    Fees {
        first_key: inner.first_key,
        waiver,
        free,
        free_is_invalid,
        items,
    }
}

/// `refusals`: each case with its basis and kind; `None` when absent or not a list (one
/// invalid-value, not also `no-refusals`).
fn refusals(reader: &mut Reader, fields: &Fields) -> Option<Vec<Refusal>> {
    if !fields.has(format::item::REFUSALS) {
        return None;
    }
    let mut refusals = Vec::new();
    for (inner, _) in reader.each_map(fields, format::item::REFUSALS) {
        let case = reader.text(&inner, format::refusal::CASE);
        let basis = reader.optional_law_reference(&inner, format::refusal::BASIS);
        let kind = reader
            .enumerated(&inner, format::refusal::KIND)
            .and_then(|text| {
                RefusalKind::ALL
                    .iter()
                    .find(|(label, _)| *label == &*text.value)
                    .map(|(_, kind)| *kind)
            })
            .unwrap_or_default();
        if let Some(case) = case {
            refusals.push(Refusal {
                written: inner.written(),
                first_key: inner.first_key,
                case,
                basis,
                kind,
            });
        }
    }
    // A `refusals` that is not a list is one invalid-value, not also `no-refusals`.
    if fields
        .get(format::item::REFUSALS)
        .is_some_and(|node| matches!(node.value, Value::Sequence(_)))
    {
        return Some(refusals);
    }
    None
}

/// `time_limit`: the statutory and promised spans, the excluded procedures and (v2) the basis of
/// the statutory limit and its extension.
fn time_limit(reader: &mut Reader, inner: &Fields) -> TimeLimit {
    let mut statutory = None;
    let mut statutory_basis = None;
    let mut statutory_basis_written = false;
    match inner.get(format::time_limit::STATUTORY) {
        Some(node) => {
            if let Some(span_fields) = reader.fields(node, format::time_limit::STATUTORY) {
                statutory = reader.time_span_of(&span_fields, node);
                statutory_basis_written = span_fields.is_written(format::statutory::BASIS);
                statutory_basis =
                    reader.optional_law_reference(&span_fields, format::statutory::BASIS);
            }
        }
        None => reader.missing(inner, format::time_limit::STATUTORY),
    }
    let promised = reader.time_span(inner, format::time_limit::PROMISED);
    let mut excluded = Vec::new();
    for (entry, _) in reader.each_map(inner, format::time_limit::EXCLUDED) {
        let name = reader.text(&entry, format::excluded::NAME);
        let time_limit = reader.time_span(&entry, format::excluded::TIME_LIMIT);
        let basis = reader.optional_law_reference(&entry, format::excluded::BASIS);
        if let Some(name) = name {
            excluded.push(ExcludedProcedure {
                first_key: entry.first_key,
                written: entry.written(),
                name,
                time_limit,
                basis,
            });
        }
    }
    let extension = inner.get(format::time_limit::EXTENSION).and_then(|node| {
        let fields = reader.fields(node, format::time_limit::EXTENSION)?;
        let span = reader.time_span_of(&fields, node);
        let approver = reader.text(&fields, format::extension::APPROVER);
        let basis = match reader.node(&fields, format::extension::BASIS) {
            Some(basis) => reader.law_reference(basis, format::extension::BASIS),
            None => None,
        };
        Some(Extension {
            span,
            approver,
            basis,
        })
    });
    TimeLimit {
        statutory,
        statutory_key: inner.key_position(format::time_limit::STATUTORY),
        statutory_basis,
        statutory_basis_written,
        promised,
        promised_key: inner.key_position(format::time_limit::PROMISED),
        excluded,
        extension,
    }
}

/// The keys that version 2 of the format added to an item.
fn version_two_keys(reader: &mut Reader, fields: &Fields, item: &mut Item) {
    if let Some(node) = fields.get(format::item::AUTHORITY)
        && let Some(inner) = reader.fields(node, format::item::AUTHORITY)
    {
        let nature = reader
            .enumerated(&inner, format::authority::NATURE)
            .unwrap_or_default();
        let entrusted_by = reader.text(&inner, format::authority::ENTRUSTED_BY);
        let entrustment_basis =
            reader.optional_law_reference(&inner, format::authority::ENTRUSTMENT_BASIS);
        item.authority = Some(Authority {
            key: fields.key_position(format::item::AUTHORITY),
            written: inner.written(),
            nature,
            entrusted_by,
            entrustment_basis,
        });
    }
    if let Some(node) = fields.get(format::item::REDRESS)
        && let Some(inner) = reader.fields(node, format::item::REDRESS)
    {
        item.redress = Some(Redress {
            review: reader.required_text(&inner, format::redress::REVIEW),
            litigation: reader.required_text(&inner, format::redress::LITIGATION),
            review_first: reader
                .boolean(&inner, format::redress::REVIEW_FIRST)
                .is_some_and(|first| first.value),
        });
    }
    item.quantity_limit = reader.text(fields, format::item::QUANTITY_LIMIT);
    if let Some(node) = fields.get(format::item::COMMITMENT)
        && let Some(inner) = reader.fields(node, format::item::COMMITMENT)
    {
        item.commitment = Some(Commitment {
            key: fields.key_position(format::item::COMMITMENT),
            written: inner.written(),
            form: reader.file_path(&inner, format::commitment::FORM),
            verification: reader.text(&inner, format::commitment::VERIFICATION),
            consequence: reader.text(&inner, format::commitment::CONSEQUENCE),
            scope: reader.text(&inner, format::commitment::SCOPE),
        });
    }
    for (inner, _) in reader.each_map(fields, format::item::INTERMEDIARY) {
        let name = reader.text(&inner, format::intermediary::NAME);
        let provider = reader.text(&inner, format::intermediary::PROVIDER);
        let fee = reader.text(&inner, format::intermediary::FEE);
        let basis = reader.optional_law_reference(&inner, format::intermediary::BASIS);
        if let Some(name) = name {
            item.intermediary.push(Intermediary {
                name,
                provider,
                fee,
                basis,
            });
        }
    }
    item.situations = reader.text_list(fields, format::item::SITUATIONS);
}

/// The lists of an item grow by pushing (a list of 9 materials ends with room for 16); the
/// model of every item stays in memory for the whole build, so the spare room is given back.
fn release_spare_capacity(item: &mut Item) {
    item.audience.shrink_to_fit();
    item.legal_basis.shrink_to_fit();
    item.conditions.shrink_to_fit();
    item.materials.shrink_to_fit();
    item.procedure.shrink_to_fit();
    if let Some(time_limit) = &mut item.time_limit {
        time_limit.excluded.shrink_to_fit();
    }
    if let Some(fees) = &mut item.fees {
        fees.items.shrink_to_fit();
    }
    if let Some(result) = &mut item.result {
        result.delivery.shrink_to_fit();
    }
    if let Some(appointment) = &mut item.appointment {
        appointment.channels.shrink_to_fit();
    }
    if let Some(refusals) = &mut item.refusals {
        refusals.shrink_to_fit();
    }
    item.faq.shrink_to_fit();
    item.tags.shrink_to_fit();
    item.intermediary.shrink_to_fit();
    item.situations.shrink_to_fit();
}

fn material(reader: &mut Reader, fields: &Fields) -> Option<Material> {
    let name = reader.text(fields, format::material::NAME);
    let required = match reader.node(fields, format::material::REQUIRED) {
        Some(node) => match &node.value {
            Value::Scalar {
                text,
                style: Style::Plain,
            } if text == "true" => Some(Required::Always),
            Value::Scalar {
                text,
                style: Style::Plain,
            } if text == "false" => {
                reader.push(
                    RuleId::InvalidValue,
                    node.span,
                    Text::new(&m::REQUIRED_FALSE),
                    Some(Text::new(&m::REQUIRED_FALSE_HELP)),
                );
                None
            }
            Value::Scalar { text, style } if says_only_yes_or_no(text, *style) => {
                reader.push(
                    RuleId::InvalidValue,
                    node.span,
                    Text::new(&m::REQUIRED_YES_NO).with("value", text.trim().to_string()),
                    Some(Text::new(&m::REQUIRED_YES_NO_HELP)),
                );
                None
            }
            Value::Scalar { text, .. } if !text.trim().is_empty() => {
                Some(Required::When(Spanned {
                    value: reader.interner.intern(text),
                    span: node.span,
                }))
            }
            _ => {
                reader.push(
                    RuleId::InvalidValue,
                    node.span,
                    Text::new(&m::EXPECTED_TEXT).with("key", format::material::REQUIRED.name),
                    Some(Text::new(&m::REQUIRED_FALSE_HELP)),
                );
                None
            }
        },
        None => None,
    };
    let originals = reader.number(fields, format::material::ORIGINALS);
    let copies = reader.number(fields, format::material::COPIES);
    let medium = reader.enumerated(fields, format::material::MEDIUM);
    let paper_size = reader.text(fields, format::material::PAPER_SIZE);
    let source = reader.enumerated(fields, format::material::SOURCE);
    let issuer = reader.text(fields, format::material::ISSUER);
    let blank_form = reader.file_path(fields, format::material::BLANK_FORM);
    let sample = reader.file_path(fields, format::material::SAMPLE);
    let note = reader.text(fields, format::material::NOTE);
    let basis = reader.optional_law_reference(fields, format::material::BASIS);
    let exempt = fields.get(format::material::EXEMPT).and_then(|node| {
        let inner = reader.fields(node, format::material::EXEMPT)?;
        let by = reader.enumerated(&inner, format::exempt::BY);
        let when = reader.text(&inner, format::exempt::WHEN);
        Some(Exemption {
            key: fields.key_position(format::material::EXEMPT),
            by: by.unwrap_or_default(),
            when,
        })
    });
    Some(Material {
        written: fields.written(),
        first_key: fields.first_key,
        name: name?,
        required: required?,
        originals: originals?,
        copies: copies?,
        medium: medium?,
        paper_size,
        source: source?,
        issuer,
        blank_form,
        sample,
        blank_form_written: fields.has(format::material::BLANK_FORM),
        sample_written: fields.has(format::material::SAMPLE),
        note,
        basis,
        exempt,
    })
}

/// A `required` that only says yes or no (content format v2, scalars paragraph): it names no
/// case, so it must be `true` or the case. `true` itself (plain) is read before this.
fn says_only_yes_or_no(text: &str, style: Style) -> bool {
    const WORDS: &[&str] = &[
        "是",
        "否",
        "必须",
        "需要",
        "不需要",
        "必交",
        "非必交",
        "必需",
        "必须提交",
        "需提交",
        "不需提交",
        "可选",
        "选填",
        "必填",
        "非必须",
    ];
    let text = text.trim();
    WORDS.contains(&text)
        || ["y", "n", "yes", "no", "on", "off", "true", "false"]
            .iter()
            .any(|word| {
                text.eq_ignore_ascii_case(word) && (style != Style::Plain || text != "true")
            })
}
