//! feed.xml: Atom, the most recently reviewed (or, with a git history, changed) items.
use super::*;

/// How many items the feed lists.
pub const FEED_LENGTH: usize = 50;

// ---------------------------------------------------------------------------------------------
// The Atom feed.

/// `text` for XML: markup escaped, and the characters XML 1.0 cannot hold at all (control
/// characters but tab and line breaks, U+FFFE, U+FFFF) left out, so that the feed always parses.
pub fn escape_xml(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            let allowed_control = matches!(c, '\t' | '\n' | '\r' | '\u{80}'..='\u{9f}');
            (allowed_control || !c.is_control()) && !matches!(c, '\u{fffe}' | '\u{ffff}')
        })
        .collect::<String>()
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A date at midnight in the site's time zone, as RFC 3339 (`2026-10-01T00:00:00+08:00`).
pub fn rfc3339_midnight(date: jiff::civil::Date, timezone: &str) -> String {
    let zone = jiff::tz::TimeZone::get(timezone).unwrap_or(jiff::tz::TimeZone::UTC);
    date.to_zoned_datetime(zone)
        .map(|zoned| zoned.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string())
        .unwrap_or_else(|_| format!("{date}T00:00:00Z"))
}

/// `feed.xml`: Atom, the [`FEED_LENGTH`] most recently reviewed items (by `updated`, or the date of
/// the last change in the history when later; newest
/// first, then by id); the feed's `updated` is the newest review date, never the build time.
pub fn feed_xml(model: &SiteModel, views: &Views) -> Vec<u8> {
    let site = &model.site;
    let timezone = if site.timezone.is_empty() {
        "Asia/Shanghai"
    } else {
        site.timezone.as_str()
    };
    // An item's date: its review, or (history) its last change when that is later.
    let last_change = |item: &Item| {
        model
            .history
            .items
            .get(item.id.as_str())
            .and_then(|entries| entries.iter().find(|entry| !entry.initial))
            .map(|entry| entry.date)
    };
    let mut items: Vec<(&Item, jiff::civil::Date)> = model
        .items
        .iter()
        .filter_map(|item| {
            let reviewed = item.updated.as_ref().map(|u| u.value);
            let date = match (reviewed, last_change(item)) {
                (Some(reviewed), Some(changed)) => Some(reviewed.max(changed)),
                (reviewed, changed) => reviewed.or(changed),
            };
            date.map(|date| (item, date))
        })
        .collect();
    items.sort_by(|(a, a_date), (b, b_date)| b_date.cmp(a_date).then_with(|| a.id.cmp(&b.id)));
    items.truncate(FEED_LENGTH);
    let updated = items
        .first()
        .map(|(_, date)| rfc3339_midnight(*date, timezone))
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string());
    let base = &views.base_url;
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        escape_xml(&site.language)
    ));
    xml.push_str(&format!(
        "<title>{}：最近审核的事项</title>\n",
        escape_xml(&site.title.value)
    ));
    xml.push_str(&format!(
        "<subtitle>{}办事指南中最近审核、更新的 {} 个事项</subtitle>\n",
        escape_xml(&site.authority.value),
        items.len()
    ));
    xml.push_str(&format!(
        "<id>{}</id>\n",
        escape_xml(&format!("{base}feed.xml"))
    ));
    xml.push_str(&format!(
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        escape_xml(&format!("{base}feed.xml"))
    ));
    xml.push_str(&format!(
        "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape_xml(base)
    ));
    xml.push_str(&format!("<updated>{updated}</updated>\n"));
    xml.push_str(&format!(
        "<author><name>{}</name><uri>{}</uri></author>\n",
        escape_xml(&site.authority.value),
        escape_xml(base)
    ));
    xml.push_str("<generator>zhinan</generator>\n");
    for (item, date) in &items {
        let view = views.item_without_qr(item);
        xml.push_str("<entry>\n");
        xml.push_str(&format!("<title>{}</title>\n", escape_xml(view.name)));
        xml.push_str(&format!("<id>{}</id>\n", escape_xml(&view.permalink)));
        xml.push_str(&format!(
            "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            escape_xml(&view.permalink)
        ));
        let latest = view.history.iter().find(|entry| !entry.initial);
        xml.push_str(&format!(
            "<updated>{}</updated>\n",
            rfc3339_midnight(*date, timezone)
        ));
        xml.push_str(&format!(
            "<category term=\"{}\" label=\"{}\"/>\n",
            escape_xml(view.item_type),
            escape_xml(view.item_type)
        ));
        xml.push_str(&format!(
            "<summary>{}（{}，实施编码 {}）</summary>\n",
            escape_xml(&view.metadata.description),
            escape_xml(view.department.name),
            escape_xml(view.code)
        ));
        // (history) What the last commit that changed the item changed.
        if let Some(latest) = latest {
            let mut text = format!("{} {}", latest.date, latest.presence);
            for change in &latest.changes {
                text.push_str(&format!("\n{}：{}", change.field, change.text));
            }
            xml.push_str(&format!(
                "<content type=\"text\">{}</content>\n",
                escape_xml(&text)
            ));
        }
        xml.push_str("</entry>\n");
    }
    xml.push_str("</feed>\n");
    xml.into_bytes()
}
