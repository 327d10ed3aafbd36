//! Head metadata of the item pages: schema.org JSON-LD (GovernmentService) and the plain-text
//! description for Open Graph, built next to the views.

use serde::Serialize;

use super::view::{ItemView, Views};
use crate::model::{Item, TimeSpan, TimeUnit};

// ---------------------------------------------------------------------------------------------
// Metadata of item pages: JSON-LD and Open Graph.

/// Makes JSON safe inside `<script type="application/ld+json">`: `<`, `>` and `&` become
/// `\u003c`, `\u003e`, `\u0026` (valid JSON escapes; they only occur inside strings).
pub fn script_safe_json(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// The area an authority serves, from its name: the longest prefix that ends in an
/// administrative unit (省 市 州 盟 县 区 旗), not counting 市 of 市场 (示例县市场监督管理局: 示例县).
pub fn area_served(authority: &str) -> &str {
    let chars: Vec<(usize, char)> = authority.char_indices().collect();
    let mut end = None;
    for (position, (offset, c)) in chars.iter().enumerate() {
        let next = chars.get(position + 1).map(|(_, c)| *c);
        if matches!(c, '省' | '市' | '州' | '盟' | '县' | '区' | '旗') && next != Some('场')
        {
            end = Some(offset + c.len_utf8());
        }
    }
    end.map(|end| &authority[..end]).unwrap_or(authority)
}

/// ISO 8601 duration of a promised limit in 自然日 (`P5D`) or 小时 (`PT4H`); a limit in 工作日
/// has none (a working day is not a fixed duration).
pub fn iso_duration(span: &TimeSpan) -> Option<String> {
    match span.unit {
        TimeUnit::CalendarDays => Some(format!("P{}D", span.value)),
        TimeUnit::Hours => Some(format!("PT{}H", span.value)),
        TimeUnit::WorkingDays => None,
    }
}

/// What item.html puts in its head besides the title.
#[derive(Debug, Serialize, Default)]
pub struct ItemMetadata {
    /// schema.org GovernmentService, already escaped for a `<script>` element (use `| safe`).
    pub json_ld: String,
    /// Plain-text description (summary, else a sentence from the facts), at most 120 characters.
    pub description: String,
}

/// The metadata of an item page, from the model and its view (which holds the effective phone,
/// address and URLs).
pub fn item_metadata(views: &Views, item: &Item, view: &ItemView) -> ItemMetadata {
    let site = &views.model.site;
    let summary = item
        .summary
        .as_ref()
        .map(|s| {
            crate::markdown::plain_text(&s.value)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default();
    let description = if summary.is_empty() {
        format!(
            "{}（{}，{}）办事指南：申请条件、申请材料、办理流程、办理时限、收费和咨询电话",
            view.name, view.item_type, view.department.name
        )
    } else {
        summary
    };
    let description: String = if description.chars().count() > 120 {
        description.chars().take(119).chain(['…']).collect()
    } else {
        description
    };
    let service_url = if view.online_available && !view.online_url.is_empty() {
        view.online_url.to_string()
    } else {
        view.permalink.clone()
    };
    let mut channel = serde_json::json!({
        "@type": "ServiceChannel",
        "name": format!("{}办理渠道", view.name),
        "servicePhone": {"@type": "ContactPoint", "telephone": view.phone},
        "serviceUrl": service_url,
        "serviceLocation": {"@type": "Place", "address": view.address},
    });
    if let Some(duration) = item
        .time_limit
        .as_ref()
        .and_then(|t| t.promised.as_ref())
        .and_then(iso_duration)
    {
        channel["processingTime"] = duration.into();
    }
    let mut json_ld = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": view.name,
        "identifier": view.code,
        "url": view.permalink,
        "description": description,
        "serviceType": view.item_type,
        "provider": {
            "@type": "GovernmentOrganization",
            "name": site.authority.value,
            "url": views.base_url,
            "telephone": site.phone.value,
        },
        "areaServed": {"@type": "AdministrativeArea", "name": area_served(&site.authority.value)},
        "availableChannel": channel,
    });
    if !view.audience.is_empty() {
        json_ld["audience"] = serde_json::json!({
            "@type": "Audience",
            "audienceType": view.audience.join("、"),
        });
    }
    ItemMetadata {
        json_ld: script_safe_json(&serde_json::to_string(&json_ld).expect("json-ld serializes")),
        description,
    }
}
