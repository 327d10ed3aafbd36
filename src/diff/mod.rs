//! What changed between two versions of a site, as data: per item, department and law, what a
//! visitor would notice (an item added, removed or moved to a new file; a material added,
//! removed, moved in the list or changed; a time limit, fee, step or legal basis changed...).
//!
//! The comparison walks the content format's table ([`format`]): every key of an item, of each
//! map inside it and of each element of its lists, in the table's order, so the field names of a
//! change are the table's keys and a key added to the format is compared without a line here.
//! Values are compared in their published form (the JSON of data/items.json), so a change of
//! whitespace or of YAML style is no change at all.
//!
//! Lists of maps (materials, conditions, steps, fees, refusals...) are matched element by element
//! on their first key (a material's name, a step's name): an element found in both is compared
//! key by key, one found at another place among the others is *moved* (the longest common
//! subsequence stays in place), an element whose first key changed but is like the old one (its
//! other keys the same, or its name mostly the same) is *changed*, the rest are added or removed.
//!
//! A change of a text that keeps its numbers is a *wording* change (文字修改); one that changes a
//! number (an amount, a count in a text) or any value that is not free text is a change.
//!
//! Deterministic: items in id order, departments and laws in id order, changes in the format's
//! key order, list elements in the new version's order.

pub mod text;

use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::model::format::{self, Key, Kind, Map};
use crate::model::{Department, Item, Law, SiteModel};
use crate::render::data::Json;
use crate::render::view::Views;

/// Whether an entry is new, gone or changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Presence {
    Added,
    Removed,
    Changed,
}

/// How one field or list element changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase", tag = "kind")]
pub enum ChangeKind {
    Added,
    Removed,
    /// The value changed in substance.
    Changed,
    /// Only the wording of a text changed (its numbers are the same): 文字修改.
    Wording,
    /// The element is elsewhere in its list (1-based positions).
    Moved {
        from: usize,
        to: usize,
    },
}

/// One step of the path to a change: a key of the format table, or an element of a list, named
/// by its first key's value (a material's name).
#[derive(Debug, Clone)]
pub enum Step {
    Key(&'static Key),
    Element(String),
    /// An element named by its place in the list (1-based): when its name itself changed, the
    /// change shows the old and the new name.
    Position(usize),
}

impl PartialEq for Step {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Step::Key(left), Step::Key(right)) => std::ptr::eq(*left, *right),
            (Step::Element(left), Step::Element(right)) => left == right,
            (Step::Position(left), Step::Position(right)) => left == right,
            _ => false,
        }
    }
}

impl Serialize for Step {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Step::Key(key) => serializer.serialize_str(key.name),
            Step::Element(name) => serializer.serialize_str(&format!("[{name}]")),
            Step::Position(position) => serializer.serialize_str(&format!("[#{position}]")),
        }
    }
}

/// One change of a field or list element.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub path: Vec<Step>,
    #[serde(flatten)]
    pub kind: ChangeKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<Json>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<Json>,
    /// The format table's map of `before` and `after` when they are maps (an added material),
    /// to name their keys ([`describe`]).
    #[serde(skip)]
    pub map: Option<&'static Map>,
}

impl PartialEq for Change {
    fn eq(&self, other: &Self) -> bool {
        self.path == other.path
            && self.kind == other.kind
            && self.before == other.before
            && self.after == other.after
    }
}

/// What changed in one item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemDiff {
    /// The id in the newer version (the older one's when removed).
    pub id: String,
    pub code: String,
    pub name: String,
    pub presence: Presence,
    /// The item's file in the newer version (the older one's when removed).
    pub file: String,
    /// The older version's file, when the item (same code) moved to another file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
    pub changes: Vec<Change>,
}

/// What changed in one department or law.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntryDiff {
    pub id: String,
    pub name: String,
    pub presence: Presence,
    pub file: String,
    pub changes: Vec<Change>,
}

/// The substantive difference between two versions of a site.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SiteDiff {
    /// site.yaml: what every page shows (the enquiry and complaint phones, the review body and
    /// the court of the redress statement, the address and hours).
    pub site: Vec<Change>,
    pub items: Vec<ItemDiff>,
    pub departments: Vec<EntryDiff>,
    pub laws: Vec<EntryDiff>,
}

impl SiteDiff {
    pub fn is_empty(&self) -> bool {
        self.site.is_empty()
            && self.items.is_empty()
            && self.departments.is_empty()
            && self.laws.is_empty()
    }

    /// Leaves out what only looks added or removed because its file could not be read in the
    /// other version (`old_unreadable`, `new_unreadable`: paths of entry files).
    pub fn leave_out_unreadable(&mut self, old_unreadable: &[String], new_unreadable: &[String]) {
        let unknown = |presence: Presence, file: &String| match presence {
            Presence::Added => old_unreadable.contains(file),
            Presence::Removed => new_unreadable.contains(file),
            Presence::Changed => false,
        };
        self.items
            .retain(|item| !unknown(item.presence, &item.file));
        self.departments
            .retain(|entry| !unknown(entry.presence, &entry.file));
        self.laws
            .retain(|entry| !unknown(entry.presence, &entry.file));
    }
}

/// The difference from `old` to `new`.
pub fn diff_sites(old: &SiteModel, new: &SiteModel) -> SiteDiff {
    SiteDiff {
        site: site_changes(&old.site, &new.site),
        items: diff_items(old, new),
        departments: diff_entries(
            &old.departments,
            &new.departments,
            &format::DEPARTMENT,
            department_json,
            |department| department.name.value.to_string(),
            |department| department.file.clone(),
        ),
        laws: diff_entries(
            &old.laws,
            &new.laws,
            &format::LAW,
            law_json,
            |law| law.title.value.to_string(),
            |law| law.file.clone(),
        ),
    }
}

/// The changes of one item from `old` (an item of `old_model`) to `new` (of `new_model`): the
/// models give the law titles the references are shown with.
pub fn item_changes(
    old_model: &SiteModel,
    old: &Item,
    new_model: &SiteModel,
    new: &Item,
) -> Vec<Change> {
    let mut changes = Vec::new();
    compare_maps(
        &format::ITEM,
        &item_fields(old_model, old, new_model),
        &item_fields(new_model, new, old_model),
        &mut Vec::new(),
        &mut changes,
    );
    changes
}

/// The changes of site.yaml that a visitor sees (title, body, address, hours, phone, complaint
/// channels, redress), from `old` to `new`; the build settings (base_url, lint, time zone...)
/// are no change for a visitor.
pub fn site_changes(old: &crate::model::Site, new: &crate::model::Site) -> Vec<Change> {
    let mut changes = Vec::new();
    compare_maps(
        &format::SITE,
        &site_json(old),
        &site_json(new),
        &mut Vec::new(),
        &mut changes,
    );
    changes
}

fn site_json(site: &crate::model::Site) -> Vec<(&'static str, Json)> {
    let text = |value: &crate::model::Str| Json::Text(value.value.to_string());
    let mut fields = vec![
        (format::site::TITLE.name, text(&site.title)),
        (format::site::AUTHORITY.name, text(&site.authority)),
        (format::site::ADDRESS.name, text(&site.address)),
        (format::site::HOURS.name, text(&site.hours)),
        (format::site::PHONE.name, text(&site.phone)),
    ];
    if let Some(complaint) = &site.complaint {
        let mut channels = Vec::new();
        for (key, value) in [
            (format::complaint::PHONE.name, &complaint.phone),
            (format::complaint::ADDRESS.name, &complaint.address),
            (format::complaint::EMAIL.name, &complaint.email),
            (format::complaint::URL.name, &complaint.url),
        ] {
            if let Some(value) = value {
                channels.push((key, text(value)));
            }
        }
        fields.push((format::site::COMPLAINT.name, Json::Object(channels)));
    }
    fields.push((
        format::site::REDRESS.name,
        Json::Object(vec![
            (
                format::site_redress::REVIEW.name,
                text(&site.redress.review),
            ),
            (
                format::site_redress::LITIGATION.name,
                text(&site.redress.litigation),
            ),
        ]),
    ));
    fields
}

/// The changes of a department from `old` to `new`.
pub fn department_changes(old: &Department, new: &Department) -> Vec<Change> {
    let mut changes = Vec::new();
    compare_maps(
        &format::DEPARTMENT,
        &department_json(old),
        &department_json(new),
        &mut Vec::new(),
        &mut changes,
    );
    changes
}

/// The changes of a law from `old` to `new`.
pub fn law_changes(old: &Law, new: &Law) -> Vec<Change> {
    let mut changes = Vec::new();
    compare_maps(
        &format::LAW,
        &law_json(old),
        &law_json(new),
        &mut Vec::new(),
        &mut changes,
    );
    changes
}

/// An item in the form it is compared in: its published JSON (no URLs: base_url is empty).
/// `other` is the other version's model: a department is named as this version names it, or as
/// the other does when this one could not read its file (no false change of 承办股室).
fn item_fields(model: &SiteModel, item: &Item, other: &SiteModel) -> Vec<(&'static str, Json)> {
    let views = Views {
        model,
        base_path: "/".into(),
        base_url: String::new(),
    };
    match crate::render::data::item_json(model, &views, item) {
        Json::Object(mut fields) => {
            // The department as the page names it: its name, with the id.
            let department = Some(format::item::DEPARTMENT.name);
            for (key, value) in fields.iter_mut() {
                if Some(*key) == department
                    && let Json::Text(id) = value
                    && let Some(found) = model
                        .departments
                        .get(id.as_str())
                        .or_else(|| other.departments.get(id.as_str()))
                {
                    *value = Json::Text(format!("{}（{id}）", found.name.value));
                }
            }
            fields
        }
        _ => Vec::new(),
    }
}

/// The items of `old` and `new` paired: by code first (a renamed file keeps its code), then by
/// id (a changed code).
fn diff_items(old: &SiteModel, new: &SiteModel) -> Vec<ItemDiff> {
    let code = |item: &Item| item.code.value.trim().to_string();
    let mut old_by_code: std::collections::HashMap<String, usize> = Default::default();
    for (index, item) in old.items.iter().enumerate() {
        if !code(item).is_empty() {
            old_by_code.entry(code(item)).or_insert(index);
        }
    }
    let old_by_id: std::collections::HashMap<&str, usize> = old
        .items
        .iter()
        .enumerate()
        .map(|(index, item)| (item.id.as_str(), index))
        .collect();
    let mut old_used = vec![false; old.items.len()];
    let mut pairs: Vec<(Option<usize>, usize)> = Vec::new();
    // First every pairing by code, then by id among the rest, so that an item whose code moved
    // to another file does not take the id of a different item.
    let mut new_matched = vec![None; new.items.len()];
    for (index, item) in new.items.iter().enumerate() {
        if let Some(&old_index) = old_by_code.get(&code(item))
            && !old_used[old_index]
        {
            old_used[old_index] = true;
            new_matched[index] = Some(old_index);
        }
    }
    for (index, item) in new.items.iter().enumerate() {
        if new_matched[index].is_none()
            && let Some(&old_index) = old_by_id.get(item.id.as_str())
            && !old_used[old_index]
        {
            old_used[old_index] = true;
            new_matched[index] = Some(old_index);
        }
        pairs.push((new_matched[index], index));
    }

    // Each pair on its own, in parallel: the JSON of 2 × 10,000 items is most of the work.
    let mut diffs: Vec<ItemDiff> = pairs
        .par_iter()
        .filter_map(|&(old_index, new_index)| {
            let item = &new.items[new_index];
            let Some(old_index) = old_index else {
                return Some(ItemDiff {
                    id: item.id.clone(),
                    code: code(item),
                    name: item.name.value.to_string(),
                    presence: Presence::Added,
                    file: item.file.clone(),
                    renamed_from: None,
                    changes: Vec::new(),
                });
            };
            let before = &old.items[old_index];
            let changes = item_changes(old, before, new, item);
            let renamed_from = (before.file != item.file).then(|| before.file.clone());
            (!changes.is_empty() || renamed_from.is_some()).then(|| ItemDiff {
                id: item.id.clone(),
                code: code(item),
                name: item.name.value.to_string(),
                presence: Presence::Changed,
                file: item.file.clone(),
                renamed_from,
                changes,
            })
        })
        .collect();
    for (index, item) in old.items.iter().enumerate() {
        if !old_used[index] {
            diffs.push(ItemDiff {
                id: item.id.clone(),
                code: code(item),
                name: item.name.value.to_string(),
                presence: Presence::Removed,
                file: item.file.clone(),
                renamed_from: None,
                changes: Vec::new(),
            });
        }
    }
    diffs.sort_by(|a, b| a.id.cmp(&b.id).then_with(|| a.file.cmp(&b.file)));
    diffs
}

fn department_json(department: &Department) -> Vec<(&'static str, Json)> {
    let text = |value: &crate::model::Str| Json::Text(value.value.to_string());
    let mut fields = vec![
        (format::department::NAME.name, text(&department.name)),
        (
            format::department::FUNCTIONS.name,
            text(&department.functions),
        ),
    ];
    for (key, value) in [
        (format::department::PHONE.name, &department.phone),
        (format::department::ROOM.name, &department.room),
        (format::department::HEAD.name, &department.head),
    ] {
        if let Some(value) = value {
            fields.push((key, text(value)));
        }
    }
    fields
}

fn law_json(law: &Law) -> Vec<(&'static str, Json)> {
    let text = |value: &crate::model::Str| Json::Text(value.value.to_string());
    let mut fields = vec![(format::law::TITLE.name, text(&law.title))];
    if let Some(doc_no) = &law.doc_no {
        fields.push((format::law::DOC_NO.name, text(doc_no)));
    }
    fields.push((format::law::ISSUER.name, text(&law.issuer)));
    for (key, date) in [
        (format::law::EFFECTIVE.name, &law.effective),
        (format::law::AMENDED.name, &law.amended),
    ] {
        if let Some(date) = date {
            fields.push((key, Json::Text(date.value.to_string())));
        }
    }
    if let Some(url) = &law.url {
        fields.push((format::law::URL.name, text(url)));
    }
    if let Some(articles) = &law.articles {
        // Article key to its text, as an object of its own (compared article by article).
        fields.push((
            format::law::ARTICLES.name,
            Json::List(
                articles
                    .iter()
                    .map(|(key, value)| Json::List(vec![text(key), text(value)]))
                    .collect(),
            ),
        ));
    }
    fields
}

fn diff_entries<T>(
    old: &std::collections::BTreeMap<String, T>,
    new: &std::collections::BTreeMap<String, T>,
    map: &'static Map,
    fields: impl Fn(&T) -> Vec<(&'static str, Json)>,
    name: impl Fn(&T) -> String,
    file: impl Fn(&T) -> String,
) -> Vec<EntryDiff> {
    let mut diffs = Vec::new();
    let ids: std::collections::BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    for id in ids {
        let (presence, entry, changes) = match (old.get(id), new.get(id)) {
            (Some(before), Some(after)) => {
                let mut changes = Vec::new();
                compare_maps(
                    map,
                    &fields(before),
                    &fields(after),
                    &mut Vec::new(),
                    &mut changes,
                );
                if changes.is_empty() {
                    continue;
                }
                (Presence::Changed, after, changes)
            }
            (None, Some(after)) => (Presence::Added, after, Vec::new()),
            (Some(before), None) => (Presence::Removed, before, Vec::new()),
            (None, None) => continue,
        };
        diffs.push(EntryDiff {
            id: id.clone(),
            name: name(entry),
            presence,
            file: file(entry),
            changes,
        });
    }
    diffs
}

fn field<'a>(fields: &'a [(&'static str, Json)], name: &str) -> Option<&'a Json> {
    fields
        .iter()
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// Whether a key is the number or the unit of a time span (compared together, as one value).
fn is_span_part(key: &Key) -> bool {
    matches!(key.kind, Kind::Count) && key.name == format::TIME_SPAN.keys[0].name
        || matches!(key.kind, Kind::Enum(values) if values == format::TIME_UNITS)
}

/// The time span of a map that has one (`{value, unit}` among its keys), as a span object.
fn span_of(map: &'static Map, fields: &[(&'static str, Json)]) -> Option<Json> {
    let parts: Vec<(&'static str, Json)> = map
        .keys
        .iter()
        .filter(|key| is_span_part(key))
        .filter_map(|key| field(fields, key.name).map(|value| (key.name, value.clone())))
        .collect();
    (!parts.is_empty()).then_some(Json::Object(parts))
}

/// Compares two maps of the format table's `map`, key by key in the table's order.
fn compare_maps(
    map: &'static Map,
    old: &[(&'static str, Json)],
    new: &[(&'static str, Json)],
    path: &mut Vec<Step>,
    changes: &mut Vec<Change>,
) {
    let has_span = map.keys.iter().filter(|key| is_span_part(key)).count() == 2;
    if has_span {
        let (before, after) = (span_of(map, old), span_of(map, new));
        if before != after {
            changes.push(leaf_change(path, None, before, after, ChangeKind::Changed));
        }
    }
    for key in map.keys {
        if has_span && is_span_part(key) {
            continue;
        }
        let (mut before, mut after) = (field(old, key.name), field(new, key.name));
        if matches!(key.kind, Kind::Boolean) {
            // An absent flag is `false`: 不收费 是 → 否, never 不收费 删除.
            const FALSE: &Json = &Json::Bool(false);
            before = before.or(Some(FALSE));
            after = after.or(Some(FALSE));
        }
        if before == after {
            continue;
        }
        path.push(Step::Key(key));
        match (before, after, key.kind) {
            (Some(Json::Object(before)), Some(Json::Object(after)), Kind::Map(inner)) => {
                compare_maps(inner, before, after, path, changes);
            }
            (Some(Json::List(before)), Some(Json::List(after)), Kind::Maps(inner)) => {
                compare_lists(inner, before, after, path, changes);
            }
            (Some(Json::List(before)), Some(Json::List(after)), Kind::Articles) => {
                compare_articles(before, after, path, changes);
            }
            (Some(Json::List(before)), Some(Json::List(after)), Kind::Texts | Kind::Enums(_)) => {
                compare_texts(before, after, path, changes);
            }
            (before, after, kind) => {
                let change = match (before, after) {
                    (None, _) => ChangeKind::Added,
                    (_, None) => ChangeKind::Removed,
                    (Some(before), Some(after)) => value_change(kind, before, after),
                };
                // Markdown is shown as the text a visitor reads (no `**`, no link targets),
                // unless only the markup changed.
                let plain = |value: Option<&Json>| match value {
                    Some(Json::Text(text)) => Some(Json::Text(
                        crate::markdown::plain_text_with_links(text)
                            .trim()
                            .to_string(),
                    )),
                    other => other.cloned(),
                };
                let (before, after) = match kind {
                    Kind::Markdown if plain(before) != plain(after) => {
                        (plain(before), plain(after))
                    }
                    _ => (before.cloned(), after.cloned()),
                };
                let (before, after) = (before.as_ref(), after.as_ref());
                let map = match kind {
                    Kind::Map(inner) | Kind::Maps(inner) => Some(inner),
                    _ => None,
                };
                changes.push(Change {
                    map,
                    ..leaf_change(path, None, before.cloned(), after.cloned(), change)
                });
            }
        }
        path.pop();
    }
}

fn leaf_change(
    path: &[Step],
    element: Option<String>,
    before: Option<Json>,
    after: Option<Json>,
    kind: ChangeKind,
) -> Change {
    let mut path = path.to_vec();
    if let Some(element) = element {
        path.push(Step::Element(element));
    }
    Change {
        path,
        kind,
        before,
        after,
        map: None,
    }
}

/// A change of a scalar value: wording only when a free text changed in form, not in meaning
/// (see [`is_wording_only`]); anything else is a change.
fn value_change(kind: Kind, before: &Json, after: &Json) -> ChangeKind {
    match (kind, before, after) {
        (Kind::Text | Kind::Markdown, Json::Text(before), Json::Text(after))
            if is_wording_only(before, after) =>
        {
            ChangeKind::Wording
        }
        _ => ChangeKind::Changed,
    }
}

/// A text without its spaces and punctuation, full-width letters and digits folded.
fn letters_of(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !c.is_ascii_punctuation() && !is_cjk_punctuation(*c))
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            c => c,
        })
        .collect()
}

fn is_cjk_punctuation(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303f}' | '\u{ff01}'..='\u{ff0f}' | '\u{ff1a}'..='\u{ff20}'
        | '\u{ff3b}'..='\u{ff40}' | '\u{ff5b}'..='\u{ff65}' | '\u{2010}'..='\u{2027}'
        | '\u{00b7}')
}

/// Whether a text changed in form only (文字修改): the same letters and the same numbers, only
/// spaces, punctuation or the width of letters changed. Any other change of wording can change
/// what a visitor must do (原件 and 复印件 swapped, 工作日 for 自然日, 准予 for 驳回, a fee of
/// 1.0 元 made 10 元), so it is a change: a reviewer reads the before and after either way, and
/// in doubt a change is a change.
fn is_wording_only(before: &str, after: &str) -> bool {
    letters_of(before) == letters_of(after) && numbers_of(before) == numbers_of(after)
}

/// The numbers written in a text (ASCII and full-width digits, and Chinese numerals), in order.
fn numbers_of(text: &str) -> Vec<String> {
    let mut numbers = Vec::new();
    let mut current = String::new();
    for character in text.chars() {
        let digit = match character {
            '0'..='9' | '.' => Some(character),
            '０'..='９' => char::from_u32(character as u32 - '０' as u32 + '0' as u32),
            '零' | '〇' | '一' | '二' | '两' | '三' | '四' | '五' | '六' | '七' | '八' | '九'
            | '十' | '百' | '千' | '万' | '亿' => Some(character),
            _ => None,
        };
        match digit {
            Some(digit) => current.push(digit),
            None if !current.is_empty() => numbers.push(std::mem::take(&mut current)),
            None => {}
        }
    }
    if !current.is_empty() {
        numbers.push(current);
    }
    numbers
}

/// A value as one line of text, language-neutral (list elements' names): texts as written,
/// spans as `20工作日`, law references as `《title》article`, lists joined with 、.
pub fn display(value: &Json) -> String {
    describe(value, None, true)
}

/// A value as one line of text for people: as [`display`], with `true`/`false` as 是/否 (yes/no)
/// and, when the value is a map of the format table's `map`, each key after the first named by
/// its label (`原件份数：1`).
pub fn describe(value: &Json, map: Option<&'static Map>, chinese: bool) -> String {
    let colon = if chinese { "：" } else { ": " };
    match value {
        Json::Bool(true) => if chinese { "是" } else { "yes" }.into(),
        Json::Bool(false) => if chinese { "否" } else { "no" }.into(),
        Json::Number(number) => number.to_string(),
        Json::Text(text) => text.clone(),
        Json::List(values) => values
            .iter()
            .map(|value| describe(value, map, chinese))
            .collect::<Vec<_>>()
            .join(if chinese { "、" } else { ", " }),
        Json::Object(fields) => {
            let get = |name: &str| field(fields, name).map(|value| describe(value, None, chinese));
            let law_key = format::LAW_REFERENCE.keys[0].name;
            let article_key = format::LAW_REFERENCE.keys[1].name;
            let inner = |key: &str| {
                map.and_then(|map| map.key(key))
                    .and_then(|key| match key.kind {
                        Kind::Map(inner) | Kind::Maps(inner) => Some(inner),
                        _ => None,
                    })
            };
            if let (Some(value), Some(unit)) = (
                get(format::TIME_SPAN.keys[0].name),
                get(format::TIME_SPAN.keys[1].name),
            ) {
                let rest = fields
                    .iter()
                    .filter(|(key, _)| {
                        *key != format::TIME_SPAN.keys[0].name
                            && *key != format::TIME_SPAN.keys[1].name
                    })
                    .map(|(key, value)| describe(value, inner(key), chinese))
                    .collect::<Vec<_>>();
                // 0 days is done on the spot (the item page says 即办).
                let span = if value == "0" {
                    if chinese { "即办" } else { "on the spot" }.to_string()
                } else {
                    format!("{value}{unit}")
                };
                if rest.is_empty() {
                    span
                } else {
                    format!("{span}（{}）", rest.join("；"))
                }
            } else if let (Some(law), Some(article)) = (get(law_key), get(article_key)) {
                let title = get(crate::render::data::LAW_TITLE).unwrap_or(law);
                match get(format::legal_basis::TEXT.name) {
                    Some(text) => format!("《{title}》{article}{colon}{text}"),
                    None => format!("《{title}》{article}"),
                }
            } else {
                fields
                    .iter()
                    .enumerate()
                    .filter(|(_, (key, _))| {
                        !key.ends_with("_url") && *key != crate::render::data::LAW_TITLE
                    })
                    .map(|(index, (key, value))| {
                        let text = describe(value, inner(key), chinese);
                        match map.and_then(|map| map.key(key)) {
                            Some(key) if index > 0 && !text.is_empty() => {
                                format!("{}{colon}{text}", key.label(chinese))
                            }
                            _ => text,
                        }
                    })
                    .filter(|text| !text.is_empty())
                    .collect::<Vec<_>>()
                    .join("；")
            }
        }
    }
}

/// How an element of a list of `map` is matched: its first key's value, and its second's when
/// the first is a reference (a legal basis is a law *and* an article).
fn identity(map: &'static Map, element: &Json) -> String {
    if let (Json::Object(fields), Some(first), Some(second)) =
        (element, map.keys.first(), map.keys.get(1))
        && matches!(first.kind, Kind::Id)
    {
        return [first, second]
            .iter()
            .filter_map(|key| field(fields, key.name).map(display))
            .collect::<Vec<_>>()
            .join(" ");
    }
    match element {
        Json::Object(fields) => map
            .keys
            .iter()
            .find_map(|key| field(fields, key.name))
            .map(|value| match value {
                Json::Object(reference) => {
                    // A law reference as the first key: the title is not part of the identity.
                    reference
                        .iter()
                        .filter(|(key, _)| *key != crate::render::data::LAW_TITLE)
                        .map(|(_, value)| display(value))
                        .collect::<Vec<_>>()
                        .join(" ")
                }
                other => display(other),
            })
            .unwrap_or_default(),
        other => display(other),
    }
}

/// How an element is named for people: its identity, or for a reference the law's title and the
/// article (《行政许可法》第三十条).
fn element_label(map: &'static Map, element: &Json) -> String {
    match (element, map.keys.first()) {
        (Json::Object(fields), Some(first)) if matches!(first.kind, Kind::Id) => {
            let reference: Vec<(&'static str, Json)> = fields
                .iter()
                .filter(|(key, _)| *key != format::legal_basis::TEXT.name)
                .cloned()
                .collect();
            describe(&Json::Object(reference), None, true)
        }
        _ => identity(map, element),
    }
}

/// The identities of a list, with a `#2`, `#3` for the second and third of the same name.
fn identities(map: &'static Map, elements: &[Json]) -> Vec<String> {
    let mut seen: std::collections::HashMap<String, usize> = Default::default();
    elements
        .iter()
        .map(|element| {
            let name = identity(map, element);
            let count = seen.entry(name.clone()).or_insert(0);
            *count += 1;
            if *count == 1 {
                name
            } else {
                format!("{name} #{count}")
            }
        })
        .collect()
}

/// The longest common subsequence of two sequences of indices into the matched pairs.
fn longest_common_subsequence(left: &[usize], right: &[usize]) -> std::collections::HashSet<usize> {
    let (n, m) = (left.len(), right.len());
    let mut table = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            table[i][j] = if left[i] == right[j] {
                table[i + 1][j + 1] + 1
            } else {
                table[i + 1][j].max(table[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut kept = std::collections::HashSet::new();
    while i < n && j < m {
        if left[i] == right[j] {
            kept.insert(left[i]);
            i += 1;
            j += 1;
        } else if table[i + 1][j] >= table[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    kept
}

/// How alike two names are: the Dice coefficient of their character bigrams (0 to 1).
fn likeness(left: &str, right: &str) -> f64 {
    let bigrams = |text: &str| -> Vec<(char, char)> {
        let characters: Vec<char> = text.chars().collect();
        if characters.len() < 2 {
            return characters.iter().map(|&c| (c, c)).collect();
        }
        characters
            .windows(2)
            .map(|pair| (pair[0], pair[1]))
            .collect()
    };
    let (left, right) = (bigrams(left), bigrams(right));
    if left.is_empty() && right.is_empty() {
        return 1.0;
    }
    let total = left.len() + right.len();
    // Counted, not searched: linear in the lengths (a 60,000-character text is no stall).
    let mut counts: HashMap<(char, char), usize> = HashMap::new();
    for bigram in right {
        *counts.entry(bigram).or_default() += 1;
    }
    let mut common = 0;
    for bigram in left {
        if let Some(count) = counts.get_mut(&bigram).filter(|count| **count > 0) {
            *count -= 1;
            common += 1;
        }
    }
    2.0 * common as f64 / total as f64
}

/// Whether an old and a new element that do not share their first key are one element changed:
/// their names mostly the same (营业执照 and 营业执照副本; not 授权委托书 and 单位介绍信, which
/// are another document however alike the rest of the entry is).
fn is_same_element(map: &'static Map, old: &Json, new: &Json) -> bool {
    // A reference (law and article) is what it points at: another article is another basis.
    !map.keys
        .first()
        .is_some_and(|key| matches!(key.kind, Kind::Id))
        && likeness(&identity(map, old), &identity(map, new)) >= 0.7
}

/// Compares two lists of maps of `map`, element by element (see the module documentation).
fn compare_lists(
    map: &'static Map,
    old: &[Json],
    new: &[Json],
    path: &mut Vec<Step>,
    changes: &mut Vec<Change>,
) {
    let old_names = identities(map, old);
    let new_names = identities(map, new);
    let old_index: std::collections::HashMap<&str, usize> = old_names
        .iter()
        .enumerate()
        .map(|(index, name)| (name.as_str(), index))
        .collect();
    // For each new element, its old element: same name, else a like one left over.
    let mut matched: Vec<Option<usize>> = new_names
        .iter()
        .map(|name| old_index.get(name.as_str()).copied())
        .collect();
    let mut old_used = vec![false; old.len()];
    for index in matched.iter().flatten() {
        old_used[*index] = true;
    }
    // Lists of ordinary length get the fuzzy pairing and the moves; a list of thousands of
    // elements (only a hostile or broken file has one) is compared element by element only.
    let small = old.len().saturating_mul(new.len()) <= 2_500;
    for (new_position, slot) in matched.iter_mut().enumerate() {
        if small
            && slot.is_none()
            && let Some(old_position) = (0..old.len())
                .find(|&i| !old_used[i] && is_same_element(map, &old[i], &new[new_position]))
        {
            old_used[old_position] = true;
            *slot = Some(old_position);
        }
    }
    // Moves: of the elements found in both, those out of the longest common order.
    let old_order: Vec<usize> = (0..old.len()).filter(|index| old_used[*index]).collect();
    let new_order: Vec<usize> = matched.iter().flatten().copied().collect();
    let in_place = if small {
        longest_common_subsequence(&old_order, &new_order)
    } else {
        old_order.iter().copied().collect()
    };
    let labels = |elements: &[Json], names: &[String]| -> Vec<String> {
        elements
            .iter()
            .zip(names)
            .map(|(element, name)| match name.rsplit_once(" #") {
                Some((_, count)) => format!("{} #{count}", element_label(map, element)),
                None => element_label(map, element),
            })
            .collect()
    };
    let (old_labels, new_labels) = (labels(old, &old_names), labels(new, &new_names));

    for (new_position, element) in new.iter().enumerate() {
        let name = new_labels[new_position].clone();
        match matched[new_position] {
            None => changes.push(Change {
                map: Some(map),
                ..leaf_change(
                    path,
                    Some(name),
                    None,
                    Some(element.clone()),
                    ChangeKind::Added,
                )
            }),
            Some(old_position) => {
                if !in_place.contains(&old_position) {
                    changes.push(leaf_change(
                        path,
                        Some(name.clone()),
                        None,
                        None,
                        ChangeKind::Moved {
                            from: old_position + 1,
                            to: new_position + 1,
                        },
                    ));
                }
                if let (Json::Object(before), Json::Object(after)) = (&old[old_position], element) {
                    // Named by its new name, unless the name itself changed: then by its place.
                    let renamed = old_names[old_position] != new_names[new_position];
                    path.push(if renamed {
                        Step::Position(new_position + 1)
                    } else {
                        Step::Element(name)
                    });
                    compare_maps(map, before, after, path, changes);
                    path.pop();
                }
            }
        }
    }
    for (old_position, element) in old.iter().enumerate() {
        if !old_used[old_position] {
            changes.push(Change {
                map: Some(map),
                ..leaf_change(
                    path,
                    Some(old_labels[old_position].clone()),
                    Some(element.clone()),
                    None,
                    ChangeKind::Removed,
                )
            });
        }
    }
}

/// Compares two lists of texts (audience, delivery, tags...): added and removed texts; a list
/// with the same texts in another order is one change.
fn compare_texts(old: &[Json], new: &[Json], path: &mut [Step], changes: &mut Vec<Change>) {
    let removed: Vec<&Json> = old.iter().filter(|text| !new.contains(text)).collect();
    let added: Vec<&Json> = new.iter().filter(|text| !old.contains(text)).collect();
    for text in &added {
        changes.push(leaf_change(
            path,
            None,
            None,
            Some((*text).clone()),
            ChangeKind::Added,
        ));
    }
    for text in &removed {
        changes.push(leaf_change(
            path,
            None,
            Some((*text).clone()),
            None,
            ChangeKind::Removed,
        ));
    }
    if added.is_empty() && removed.is_empty() {
        changes.push(leaf_change(
            path,
            None,
            Some(Json::List(old.to_vec())),
            Some(Json::List(new.to_vec())),
            ChangeKind::Changed,
        ));
    }
}

/// Compares a law's articles (pairs of key and text) article by article.
fn compare_articles(old: &[Json], new: &[Json], path: &mut [Step], changes: &mut Vec<Change>) {
    let pair = |article: &Json| match article {
        Json::List(pair) if pair.len() == 2 => (display(&pair[0]), pair[1].clone()),
        other => (display(other), Json::Text(String::new())),
    };
    let old: Vec<(String, Json)> = old.iter().map(pair).collect();
    let new: Vec<(String, Json)> = new.iter().map(pair).collect();
    for (key, text) in &new {
        match old.iter().find(|(old_key, _)| old_key == key) {
            None => changes.push(leaf_change(
                path,
                Some(key.clone()),
                None,
                Some(text.clone()),
                ChangeKind::Added,
            )),
            Some((_, before)) if before != text => changes.push(leaf_change(
                path,
                Some(key.clone()),
                Some(before.clone()),
                Some(text.clone()),
                value_change(Kind::Text, before, text),
            )),
            Some(_) => {}
        }
    }
    for (key, text) in &old {
        if !new.iter().any(|(new_key, _)| new_key == key) {
            changes.push(leaf_change(
                path,
                Some(key.clone()),
                Some(text.clone()),
                None,
                ChangeKind::Removed,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_decide_between_wording_and_change() {
        assert_eq!(
            value_change(
                Kind::Text,
                &Json::Text("每本 10 元".into()),
                &Json::Text("每本 20 元".into())
            ),
            ChangeKind::Changed
        );
        assert_eq!(
            value_change(
                Kind::Text,
                &Json::Text("营业执照副本".into()),
                &Json::Text("营业执照（副本）".into())
            ),
            ChangeKind::Wording
        );
        assert_eq!(
            value_change(
                Kind::Markdown,
                &Json::Text("三个月内".into()),
                &Json::Text("六个月内".into())
            ),
            ChangeKind::Changed
        );
    }

    #[test]
    fn a_moved_element_is_one_move_not_a_removal_and_an_addition() {
        let element = |name: &str| {
            Json::Object(vec![
                ("name", Json::Text(name.into())),
                ("required", Json::Bool(true)),
            ])
        };
        let old = [element("甲"), element("乙"), element("丙"), element("丁")];
        let new = [element("乙"), element("丙"), element("丁"), element("甲")];
        let mut changes = Vec::new();
        compare_lists(&format::MATERIAL, &old, &new, &mut Vec::new(), &mut changes);
        assert_eq!(changes.len(), 1, "{changes:?}");
        assert_eq!(changes[0].kind, ChangeKind::Moved { from: 1, to: 4 });
        assert_eq!(changes[0].path, vec![Step::Element("甲".into())]);
    }

    #[test]
    fn a_renamed_element_with_a_like_name_is_changed_in_place() {
        let element = |name: &str| {
            Json::Object(vec![
                ("name", Json::Text(name.into())),
                ("required", Json::Bool(true)),
                ("originals", Json::Number(1)),
            ])
        };
        let mut changes = Vec::new();
        compare_lists(
            &format::MATERIAL,
            &[element("营业执照")],
            &[element("营业执照副本")],
            &mut Vec::new(),
            &mut changes,
        );
        assert_eq!(changes.len(), 1, "{changes:?}");
        // One change in place (not a removal and an addition); a name that grew is a change.
        assert_eq!(changes[0].kind, ChangeKind::Changed);
        assert_eq!(
            changes[0].path,
            vec![Step::Position(1), Step::Key(&format::MATERIAL.keys[0])]
        );
    }

    #[test]
    fn a_change_of_meaning_is_never_mere_wording() {
        let kind = |before: &str, after: &str| {
            value_change(
                Kind::Text,
                &Json::Text(before.into()),
                &Json::Text(after.into()),
            )
        };
        // Found by review: each of these changes what a visitor must do or may expect.
        for (before, after) in [
            (
                "申请人持有的许可证且在有效期内",
                "申请人持有的许可证，不要求在有效期内",
            ),
            ("只填写经营者姓名", "不只填写经营者姓名，须填写全部事项"),
            ("经营场所发生迁移的", "申请人未取得营业执照的"),
            ("无数量限制", "有数量限制，额满即止"),
            (
                "受委托组织不得再委托其他组织",
                "受委托组织可以再委托其他组织",
            ),
            ("授权委托书", "单位介绍信"),
            ("十八周岁以上", "十八周岁以下"),
        ] {
            assert_eq!(
                kind(before, after),
                ChangeKind::Changed,
                "{before} → {after}"
            );
        }
        // Found by the second review: one word or one character in a long text.
        for (before, after) in [
            ("每页 1.0 元", "每页 10 元"),
            (
                "现场办理的查验原件，不收复印件。",
                "现场办理的查验复印件，不收原件。",
            ),
            ("在5个自然日内办结", "在5个工作日内办结"),
            ("二楼1—3号窗口", "二楼13号窗口"),
            ("向县人民政府申请行政复议", "向市人民政府申请行政复议"),
            ("有经营能力的自然人", "具有经营能力的自然人"),
        ] {
            assert_eq!(
                kind(before, after),
                ChangeKind::Changed,
                "{before} → {after}"
            );
        }
        for (before, after) in [
            ("营业执照副本", "营业执照（副本）"),
            ("申请书 (原件)", "申请书（原件）。"),
            ("经营者本人签字。", "经营者本人签字；"),
            ("ＡＢＣ证书", "ABC 证书"),
        ] {
            assert_eq!(
                kind(before, after),
                ChangeKind::Wording,
                "{before} → {after}"
            );
        }
    }

    #[test]
    fn a_legal_basis_is_a_law_and_an_article() {
        let reference = |article: &str| {
            Json::Object(vec![
                ("law", Json::Text("xzxkf".into())),
                ("law_title", Json::Text("行政许可法".into())),
                ("article", Json::Text(article.into())),
            ])
        };
        let mut changes = Vec::new();
        compare_lists(
            &format::LEGAL_BASIS,
            &[reference("第四条"), reference("第二十三条")],
            &[reference("第二十三条")],
            &mut Vec::new(),
            &mut changes,
        );
        assert_eq!(changes.len(), 1, "{changes:?}");
        assert_eq!(changes[0].kind, ChangeKind::Removed);
        assert_eq!(
            changes[0].path,
            vec![Step::Element("《行政许可法》第四条".into())]
        );
    }

    #[test]
    fn long_texts_are_compared_in_linear_time() {
        // A hostile 60,000-character condition: counted bigrams, not searched ones.
        let long: String = "申请人应当提交".repeat(8_000);
        let other: String = "申请材料齐全".repeat(10_000);
        assert!(likeness(&long, &other) < 0.5);
        let many: Vec<Json> = (0..2_000)
            .map(|index| {
                Json::Object(vec![
                    ("name", Json::Text(format!("材料{index}"))),
                    ("required", Json::Bool(true)),
                ])
            })
            .collect();
        let mut reversed = many.clone();
        reversed.reverse();
        let mut changes = Vec::new();
        compare_lists(
            &format::MATERIAL,
            &many,
            &reversed,
            &mut Vec::new(),
            &mut changes,
        );
        assert!(
            changes
                .iter()
                .all(|change| change.kind != ChangeKind::Added)
        );
    }

    #[test]
    fn likeness_of_names() {
        assert!(likeness("营业执照", "营业执照副本") >= 0.5);
        assert!(likeness("身份证", "申请书") < 0.5);
    }
}
