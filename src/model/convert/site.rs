//! site.yaml to [`Site`]: the publishing body, its contacts, complaint channel, redress and
//! settings (language, time zone, history, lint levels).

use super::reader::Reader;
use super::values::is_safe_base_url;
use crate::diagnostics::{Text, messages as m};
use crate::load::yaml::{Node, Value};
use crate::model::format::{self};
use crate::model::*;
use crate::rules::RuleId;

/// site.yaml. `root` is `None` for an empty file (already reported).
pub fn site(reader: &mut Reader, root: &Node) -> Site {
    let mut site = Site::with_defaults(reader.file);
    let Some(fields) = reader.map_fields(root, format::SITE.name, &format::SITE) else {
        return site;
    };
    site.first_key = fields.first_key;
    site.written = fields.written();
    site.title = reader.required_text(&fields, format::site::TITLE);
    site.authority = reader.required_text(&fields, format::site::AUTHORITY);
    site.base_url = reader
        .url(&fields, format::site::BASE_URL)
        .and_then(|url| {
            if is_safe_base_url(&url.value) {
                return Some(url);
            }
            reader.push(
                RuleId::InvalidValue,
                url.span,
                Text::new(&m::BAD_BASE_URL).with("value", url.value.to_string()),
                Some(Text::new(&m::BAD_BASE_URL_HELP)),
            );
            None
        })
        .unwrap_or_default();
    if let Some(language) = reader.text(&fields, format::site::LANGUAGE) {
        if is_language_tag(&language.value) {
            site.language = language.value.to_string();
        } else {
            reader.push(
                RuleId::InvalidValue,
                language.span,
                Text::new(&m::BAD_LANGUAGE).with("value", language.value.to_string()),
                Some(Text::new(&m::BAD_LANGUAGE_HELP)),
            );
        }
    }
    site.address = reader.required_text(&fields, format::site::ADDRESS);
    site.hours = reader.required_text(&fields, format::site::HOURS);
    site.phone = reader.required_text(&fields, format::site::PHONE);
    if let Some(node) = reader.node(&fields, format::site::COMPLAINT) {
        site.complaint_span = Some(node.span);
        if let Some(inner) = reader.fields(node, format::site::COMPLAINT) {
            site.complaint = Some(Complaint {
                written: inner.written(),
                first_key: inner.first_key,
                phone: reader.text(&inner, format::complaint::PHONE),
                address: reader.text(&inner, format::complaint::ADDRESS),
                email: reader.text(&inner, format::complaint::EMAIL),
                url: reader.url(&inner, format::complaint::URL),
            });
        }
    }
    if let Some(node) = reader.node(&fields, format::site::REDRESS)
        && let Some(inner) = reader.fields(node, format::site::REDRESS)
    {
        site.redress = Redress {
            review: reader.required_text(&inner, format::site_redress::REVIEW),
            litigation: reader.required_text(&inner, format::site_redress::LITIGATION),
            review_first: false,
        };
    }
    if let Some(limit) = reader.number(&fields, format::site::HISTORY_LIMIT) {
        site.history_limit = limit.value.min(10_000) as u32;
    }
    if let Some(months) = reader.number(&fields, format::site::HISTORY_MONTHS) {
        site.history_months = months.value.min(1200) as u32;
    }
    if let Some(months) = reader.number(&fields, format::site::REVIEW_MONTHS) {
        site.review_months = months.value.min(1200) as u32;
    }
    if let Some(zone) = reader.text(&fields, format::site::TIMEZONE) {
        if jiff::tz::TimeZone::get(&zone.value).is_ok() {
            site.timezone = zone.value.to_string();
        } else {
            reader.push(
                RuleId::InvalidValue,
                zone.span,
                Text::new(&m::BAD_TIMEZONE).with("value", zone.value.to_string()),
                Some(Text::new(&m::BAD_TIMEZONE_HELP)),
            );
        }
    }
    if let Some(node) = fields.get(format::site::LINT) {
        if let Value::Mapping(entries) = &node.value {
            for (key, value) in entries {
                match (key.as_scalar(), value.as_scalar()) {
                    (Some(rule), Some(level)) => site.lint.push(LintSetting {
                        rule: Spanned {
                            value: rule.into(),
                            span: key.span,
                        },
                        level: Spanned {
                            value: level.into(),
                            span: value.span,
                        },
                    }),
                    _ => reader.push(
                        RuleId::InvalidValue,
                        value.span,
                        Text::new(&m::LINT_LEVEL).with("value", value.kind_name()),
                        Some(Text::new(&m::LINT_LEVEL_HELP)),
                    ),
                }
            }
        } else {
            reader.push(
                RuleId::InvalidValue,
                node.span,
                Text::new(&m::EXPECTED_MAP).with("key", format::site::LINT.name),
                None,
            );
        }
    }
    site
}

fn is_language_tag(tag: &str) -> bool {
    !tag.is_empty()
        && tag.split('-').all(|part| {
            !part.is_empty() && part.len() <= 8 && part.bytes().all(|b| b.is_ascii_alphanumeric())
        })
        && tag.split('-').next().is_some_and(|primary| {
            primary.len() >= 2 && primary.bytes().all(|b| b.is_ascii_alphabetic())
        })
}
