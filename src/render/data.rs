//! Open data and metadata: `data/items.json`, `data/items.csv`, `data/schema.json` and the page
//! that documents them (`data/`), the Atom feed `feed.xml`, each item page's schema.org JSON-LD,
//! and (through [`render_data_and_search`]) the search index and search page of [`super::search`].
//!
//! - items.json keeps the content format's structure and keys (a reader who knows the YAML knows
//!   the JSON); references stay as written and get their titles beside them (`department_name`,
//!   `law_title`), files their published URL (`blank_form_url`), and every item its `id` and
//!   `url`. Keys are written in the format's order.
//! - schema.json is the JSON Schema (draft 2020-12) of an item file, written here by hand from the
//!   format's tables (the enums are the model's constants); editors point VS Code's YAML
//!   extension at it (docs/editors.md), and the data page lists its keys.
//!
//! Architecture invariant: everything is derived from the model alone: no clocks (the feed's
//! `updated` is the newest review date), sorted input, so two builds are byte-identical.

use crate::render::routes::Route;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use serde::Serialize;
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use tera::Context;

use super::Incremental;
use super::PageSink;
use super::search::{SearchIndex, search_page_view};
use super::view::{ItemView, Views};
use crate::diagnostics::Diagnostic;
use crate::fs::FsError;
use crate::model::format;
use crate::model::{Item, LawReference, Required, SiteModel, TimeSpan, TimeUnit};

/// Format version of items.json.
pub const ITEMS_VERSION: u32 = 1;

/// How many items the feed lists.
pub const FEED_LENGTH: usize = 50;

/// A JSON value that keeps its keys in the order they were added (serde_json's map sorts them).
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Bool(bool),
    Number(u64),
    Text(String),
    List(Vec<Json>),
    Object(Vec<(&'static str, Json)>),
}

impl Serialize for Json {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Bool(value) => serializer.serialize_bool(*value),
            Json::Number(value) => serializer.serialize_u64(*value),
            Json::Text(value) => serializer.serialize_str(value),
            Json::List(values) => {
                let mut seq = serializer.serialize_seq(Some(values.len()))?;
                for value in values {
                    seq.serialize_element(value)?;
                }
                seq.end()
            }
            Json::Object(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (key, value) in entries {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
    }
}

/// Builds a [`Json::Object`], skipping absent values.
#[derive(Default)]
struct Object(Vec<(&'static str, Json)>);

impl Object {
    fn text(mut self, key: &'static str, value: &str) -> Self {
        self.0.push((key, Json::Text(value.to_string())));
        self
    }
    fn maybe_text(self, key: &'static str, value: Option<&crate::model::Str>) -> Self {
        match value {
            Some(value) => self.text(key, &value.value),
            None => self,
        }
    }
    fn value(mut self, key: &'static str, value: Json) -> Self {
        self.0.push((key, value));
        self
    }
    fn maybe(self, key: &'static str, value: Option<Json>) -> Self {
        match value {
            Some(value) => self.value(key, value),
            None => self,
        }
    }
    fn done(self) -> Json {
        Json::Object(self.0)
    }
}

fn texts<'a>(values: impl IntoIterator<Item = &'a crate::model::Str>) -> Json {
    Json::List(
        values
            .into_iter()
            .map(|v| Json::Text(v.value.to_string()))
            .collect(),
    )
}

fn span_json(span: &TimeSpan) -> Json {
    Object::default()
        .value("value", Json::Number(span.value))
        .text("unit", span.unit.label())
        .done()
}

/// A law reference as written, with the law's title.
fn reference_json(model: &SiteModel, reference: &LawReference) -> Object {
    let mut object = Object::default().text("law", &reference.law.value);
    if let Some(law) = model.laws.get(&*reference.law.value) {
        object = object.text("law_title", &law.title.value);
    }
    object.text("article", &reference.article.value)
}

/// One item in the content format's structure (see the module documentation).
pub fn item_json(model: &SiteModel, views: &Views, item: &Item) -> Json {
    let reference = |r: &LawReference| reference_json(model, r).done();
    let department = model.departments.get(&*item.department.value);
    let mut object = Object::default()
        .text("id", &item.id)
        .text("url", &format!("{}items/{}/", views.base_url, item.id))
        .text("code", &item.code.value)
        .text("name", &item.name.value)
        .text("type", &item.item_type.value)
        .text("department", &item.department.value);
    if let Some(department) = department {
        object = object.text("department_name", &department.name.value);
    }
    object = object
        .value("audience", texts(&item.audience))
        .maybe_text("summary", item.summary.as_ref())
        .value(
            "legal_basis",
            Json::List(
                item.legal_basis
                    .iter()
                    .map(|basis| {
                        reference_json(model, &basis.reference)
                            .maybe_text("text", basis.text.as_ref())
                            .done()
                    })
                    .collect(),
            ),
        )
        .value(
            "conditions",
            Json::List(
                item.conditions
                    .iter()
                    .map(|c| {
                        Object::default()
                            .text("text", &c.text.value)
                            .maybe("basis", c.basis.as_ref().map(reference))
                            .done()
                    })
                    .collect(),
            ),
        )
        .value(
            "materials",
            Json::List(
                item.materials
                    .iter()
                    .map(|m| {
                        let file_url = |path: &crate::model::Str| {
                            Json::Text(format!("{}files/{}", views.base_url, path.value))
                        };
                        Object::default()
                            .text("name", &m.name.value)
                            .value(
                                "required",
                                match &m.required {
                                    Required::Always => Json::Bool(true),
                                    Required::When(case) => Json::Text(case.value.to_string()),
                                },
                            )
                            .value("originals", Json::Number(m.originals.value))
                            .value("copies", Json::Number(m.copies.value))
                            .text("medium", &m.medium.value)
                            .maybe_text("paper_size", m.paper_size.as_ref())
                            .text("source", &m.source.value)
                            .maybe_text("issuer", m.issuer.as_ref())
                            .maybe_text("blank_form", m.blank_form.as_ref())
                            .maybe("blank_form_url", m.blank_form.as_ref().map(file_url))
                            .maybe_text("sample", m.sample.as_ref())
                            .maybe("sample_url", m.sample.as_ref().map(file_url))
                            .maybe_text("note", m.note.as_ref())
                            .maybe("basis", m.basis.as_ref().map(reference))
                            .maybe(
                                "exempt",
                                m.exempt.as_ref().map(|e| {
                                    Object::default()
                                        .text("by", &e.by.value)
                                        .maybe_text("when", e.when.as_ref())
                                        .done()
                                }),
                            )
                            .done()
                    })
                    .collect(),
            ),
        )
        .value(
            "procedure",
            Json::List(
                item.procedure
                    .iter()
                    .map(|s| {
                        Object::default()
                            .text("step", &s.step.value)
                            .text("actor", &s.actor.value)
                            .maybe("time_limit", s.time_limit.as_ref().map(span_json))
                            .maybe_text("description", s.description.as_ref())
                            .done()
                    })
                    .collect(),
            ),
        );
    if let Some(limit) = &item.time_limit {
        let excluded = (!limit.excluded.is_empty()).then(|| {
            Json::List(
                limit
                    .excluded
                    .iter()
                    .map(|e| {
                        Object::default()
                            .text("name", &e.name.value)
                            .maybe("time_limit", e.time_limit.as_ref().map(span_json))
                            .maybe("basis", e.basis.as_ref().map(reference))
                            .done()
                    })
                    .collect(),
            )
        });
        let statutory = limit.statutory.as_ref().map(|span| match span_json(span) {
            Json::Object(mut fields) => {
                if let Some(basis) = &limit.statutory_basis {
                    fields.push(("basis", reference(basis)));
                }
                Json::Object(fields)
            }
            other => other,
        });
        let extension = limit.extension.as_ref().map(|extension| {
            let mut fields = match extension.span.as_ref().map(span_json) {
                Some(Json::Object(fields)) => fields,
                _ => Vec::new(),
            };
            if let Some(approver) = &extension.approver {
                fields.push(("approver", Json::Text(approver.value.to_string())));
            }
            if let Some(basis) = &extension.basis {
                fields.push(("basis", reference(basis)));
            }
            Json::Object(fields)
        });
        object = object.value(
            "time_limit",
            Object::default()
                .maybe("statutory", statutory)
                .maybe("promised", limit.promised.as_ref().map(span_json))
                .maybe("excluded", excluded)
                .maybe("extension", extension)
                .done(),
        );
    }
    if let Some(fees) = &item.fees {
        let items = (!fees.items.is_empty()).then(|| {
            Json::List(
                fees.items
                    .iter()
                    .map(|i| {
                        Object::default()
                            .text("name", &i.name.value)
                            .maybe_text("amount", i.amount.as_ref())
                            .maybe("basis", i.basis.as_ref().map(reference))
                            .done()
                    })
                    .collect(),
            )
        });
        object = object.value(
            "fees",
            Object::default()
                .maybe("free", fees.free.as_ref().map(|f| Json::Bool(f.value)))
                .maybe("items", items)
                .maybe_text("waiver", fees.waiver.as_ref())
                .done(),
        );
    }
    if let Some(result) = &item.result {
        object = object.value(
            "result",
            Object::default()
                .text("name", &result.name.value)
                .text("type", &result.kind.value)
                .value("delivery", texts(&result.delivery))
                .maybe_text("sample", result.sample.as_ref())
                .maybe(
                    "sample_url",
                    result
                        .sample
                        .as_ref()
                        .map(|path| Json::Text(format!("{}files/{}", views.base_url, path.value))),
                )
                .maybe_text("validity", result.validity.as_ref())
                .done(),
        );
    }
    object = object
        .maybe(
            "visits",
            item.visits.as_ref().map(|v| Json::Number(v.value)),
        )
        .maybe_text("visits_reason", item.visits_reason.as_ref());
    if let Some(online) = &item.online {
        object = object.value(
            "online",
            Object::default()
                .value("available", Json::Bool(online.available.value))
                .maybe_text("url", online.url.as_ref())
                .maybe_text("reason", online.reason.as_ref())
                .done(),
        );
    }
    if let Some(place) = &item.place {
        object = object.value(
            "place",
            Object::default()
                .maybe_text("address", place.address.as_ref())
                .maybe_text("hours", place.hours.as_ref())
                .maybe_text("phone", place.phone.as_ref())
                .done(),
        );
    }
    if let Some(handlers) = &item.handlers {
        object = object.value(
            "handlers",
            Object::default()
                .text("primary", &handlers.primary.value)
                .maybe_text("substitute", handlers.substitute.as_ref())
                .done(),
        );
    }
    if let Some(appointment) = &item.appointment {
        object = object.value(
            "appointment",
            Object::default()
                .value("channels", texts(&appointment.channels))
                .maybe(
                    "reply_within",
                    appointment.reply_within.as_ref().map(span_json),
                )
                .done(),
        );
    }
    if let Some(refusals) = &item.refusals {
        object = object.value(
            "refusals",
            Json::List(
                refusals
                    .iter()
                    .map(|r| {
                        Object::default()
                            .text("case", &r.case.value)
                            .maybe("basis", r.basis.as_ref().map(reference))
                            .text("kind", r.kind.label())
                            .done()
                    })
                    .collect(),
            ),
        );
    }
    if !item.faq.is_empty() {
        object = object.value(
            "faq",
            Json::List(
                item.faq
                    .iter()
                    .map(|f| {
                        Object::default()
                            .text("q", &f.question.value)
                            .text("a", &f.answer.value)
                            .done()
                    })
                    .collect(),
            ),
        );
    }
    if !item.tags.is_empty() {
        object = object.value("tags", texts(&item.tags));
    }
    object = object.maybe(
        "updated",
        item.updated
            .as_ref()
            .map(|u| Json::Text(u.value.to_string())),
    );
    version_two_json(object, views, item, &reference).done()
}

/// The keys content format version 2 added to an item, in the format's order.
fn version_two_json(
    mut object: Object,
    views: &Views,
    item: &Item,
    reference: &dyn Fn(&LawReference) -> Json,
) -> Object {
    if let Some(authority) = &item.authority {
        object = object.value(
            "authority",
            Object::default()
                .text("nature", &authority.nature.value)
                .maybe_text("entrusted_by", authority.entrusted_by.as_ref())
                .maybe(
                    "entrustment_basis",
                    authority.entrustment_basis.as_ref().map(reference),
                )
                .done(),
        );
    }
    if let Some(redress) = &item.redress {
        object = object.value(
            "redress",
            Object::default()
                .text("review", &redress.review.value)
                .text("litigation", &redress.litigation.value)
                .maybe(
                    "review_first",
                    redress.review_first.then_some(Json::Bool(true)),
                )
                .done(),
        );
    }
    object = object.maybe_text("quantity_limit", item.quantity_limit.as_ref());
    if let Some(commitment) = &item.commitment {
        object = object.value(
            "commitment",
            Object::default()
                .maybe_text("form", commitment.form.as_ref())
                .maybe(
                    "form_url",
                    commitment
                        .form
                        .as_ref()
                        .map(|path| Json::Text(format!("{}files/{}", views.base_url, path.value))),
                )
                .maybe_text("verification", commitment.verification.as_ref())
                .maybe_text("consequence", commitment.consequence.as_ref())
                .maybe_text("scope", commitment.scope.as_ref())
                .done(),
        );
    }
    if !item.intermediary.is_empty() {
        object = object.value(
            "intermediary",
            Json::List(
                item.intermediary
                    .iter()
                    .map(|service| {
                        Object::default()
                            .text("name", &service.name.value)
                            .maybe_text("provider", service.provider.as_ref())
                            .maybe_text("fee", service.fee.as_ref())
                            .maybe("basis", service.basis.as_ref().map(reference))
                            .done()
                    })
                    .collect(),
            ),
        );
    }
    if !item.situations.is_empty() {
        object = object.value("situations", texts(&item.situations));
    }
    object
}

/// `data/items.json`: `{"version": 1, "items": [...]}`, items in id order, one item per line
/// (compact, yet easy to diff and to read a line at a time).
pub fn items_json(model: &SiteModel, views: &Views) -> Vec<u8> {
    items_json_parts(model, views).flatten().collect()
}

/// Items per part of [`items_json_parts`]: enough to keep both cores busy, few enough that a
/// part stays small (about 3 MB).
const ITEMS_PER_PART: usize = 512;

/// [`items_json`] in parts of `ITEMS_PER_PART` (512) items, each part made in parallel when it is
/// asked for: written part by part, the file is never whole in memory (68 MB at 10,000 items).
pub fn items_json_parts<'a>(
    model: &'a SiteModel,
    views: &'a Views<'a>,
) -> impl Iterator<Item = Vec<u8>> + 'a {
    let chunks = model.items.chunks(ITEMS_PER_PART).enumerate();
    let body = chunks.map(move |(index, chunk)| {
        let lines: Vec<Vec<u8>> = chunk
            .par_iter()
            .map(|item| item_line(model, views, item))
            .collect();
        let mut part = Vec::with_capacity(lines.iter().map(|line| line.len() + 2).sum());
        push_lines(&mut part, lines.iter().map(Vec::as_slice), index == 0);
        part
    });
    std::iter::once(items_json_head())
        .chain(body)
        .chain(std::iter::once(ITEMS_JSON_TAIL.to_vec()))
}

/// What items.json starts with, before the first item's line.
fn items_json_head() -> Vec<u8> {
    format!("{{\"version\":{ITEMS_VERSION},\"items\":[\n").into_bytes()
}

/// What items.json ends with, after the last item's line.
const ITEMS_JSON_TAIL: &[u8] = b"\n]}\n";

/// Appends item lines separated by `,\n`; `first` when they begin the list of items.
fn push_lines<'l>(bytes: &mut Vec<u8>, lines: impl Iterator<Item = &'l [u8]>, first: bool) {
    for (index, line) in lines.enumerate() {
        if index > 0 || !first {
            bytes.extend_from_slice(b",\n");
        }
        bytes.extend_from_slice(line);
    }
}

fn item_line(model: &SiteModel, views: &Views, item: &Item) -> Vec<u8> {
    serde_json::to_vec(&item_json(model, views, item)).expect("item serializes")
}

fn join_items<'a>(lines: impl Iterator<Item = &'a [u8]>) -> Vec<u8> {
    let mut bytes = items_json_head();
    push_lines(&mut bytes, lines, true);
    bytes.extend_from_slice(ITEMS_JSON_TAIL);
    bytes
}

/// The lines of items.json kept between renders (serve), by item id. What else a line shows
/// (the base URL, the department's name, the titles of the laws it cites) is part of its key;
/// the item's own content is not: whoever re-reads an item [`forget`](Self::forget)s it, and
/// [`clear`](Self::clear)s the cache after re-reading the whole site.
#[derive(Default)]
pub struct ItemsJsonCache {
    lines: Mutex<HashMap<String, KeyedLine>>,
}

/// A line of items.json and the key of what it shows besides its item ([`line_key`]).
type KeyedLine = (u64, Arc<Vec<u8>>);

impl ItemsJsonCache {
    /// Forgets the lines of these items (their files were re-read).
    pub fn forget<'a>(&self, ids: impl IntoIterator<Item = &'a str>) {
        let mut lines = self.lines.lock().unwrap_or_else(|p| p.into_inner());
        for id in ids {
            lines.remove(id);
        }
    }

    pub fn clear(&self) {
        self.lines.lock().unwrap_or_else(|p| p.into_inner()).clear();
    }

    /// `data/items.json`, as [`items_json`] makes it, from the lines of unchanged items. `None`
    /// when `stop` says so before it is made (a large site's items.json takes a while).
    pub fn items_json(
        &self,
        model: &SiteModel,
        views: &Views,
        stop: &(dyn Fn() -> bool + Sync),
    ) -> Option<Vec<u8>> {
        let known = std::mem::take(&mut *self.lines.lock().unwrap_or_else(|p| p.into_inner()));
        let lines: Option<Vec<KeyedLine>> = model
            .items
            .par_iter()
            .map(|item| {
                if stop() {
                    return None;
                }
                let key = line_key(model, views, item);
                Some(match known.get(&item.id) {
                    Some((known_key, line)) if *known_key == key => (key, line.clone()),
                    _ => (key, Arc::new(item_line(model, views, item))),
                })
            })
            .collect();
        let Some(lines) = lines.filter(|_| !stop()) else {
            *self.lines.lock().unwrap_or_else(|p| p.into_inner()) = known;
            return None;
        };
        drop(known);
        let bytes = join_items(lines.iter().map(|(_, line)| line.as_slice()));
        *self.lines.lock().unwrap_or_else(|p| p.into_inner()) = model
            .items
            .iter()
            .map(|item| item.id.clone())
            .zip(lines)
            .collect();
        Some(bytes)
    }
}

/// A hash of what an item's line shows besides the item itself.
fn line_key(model: &SiteModel, views: &Views, item: &Item) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    views.base_url.hash(&mut hasher);
    model
        .departments
        .get(&*item.department.value)
        .map(|department| &department.name.value)
        .hash(&mut hasher);
    for reference in item.law_references() {
        reference.law.value.hash(&mut hasher);
        model
            .laws
            .get(&*reference.law.value)
            .map(|law| &law.title.value)
            .hash(&mut hasher);
    }
    hasher.finish()
}

/// The columns of items.csv: header, the items.json key it comes from, meaning.
pub const CSV_COLUMNS: &[(&str, &str, &str)] = &[
    ("编号", "id", "事项编号（网址中的名称）"),
    ("实施编码", "code", "事项的实施编码"),
    ("事项名称", "name", "事项名称"),
    ("事项类型", "type", "行政许可、公共服务等"),
    ("实施部门", "department_name", "承办部门（股室）"),
    ("部门编号", "department", "承办部门的编号"),
    (
        "服务对象",
        "audience",
        "自然人、法人、非法人组织，以顿号分隔",
    ),
    (
        "法定办结时限",
        "time_limit.statutory",
        "如“20 个工作日”；0 个工作日写作“即办”",
    ),
    ("承诺办结时限", "time_limit.promised", "同上"),
    ("是否收费", "fees", "“不收费”或“收费”"),
    ("收费标准", "fees.items", "收费项目及标准，以分号分隔"),
    ("到现场次数", "visits", "办理本事项需要到现场的次数"),
    ("网上办理", "online.available", "“是”或“否”"),
    ("网上办理网址", "online.url", "可以网上办理时的网址"),
    (
        "办理地点",
        "place.address",
        "事项自己的地点，否则为本局的办事地点",
    ),
    (
        "办理时间",
        "place.hours",
        "事项自己的时间，否则为本局的办公时间",
    ),
    (
        "咨询电话",
        "place.phone",
        "事项自己的电话，否则为承办部门电话，再否则为本局咨询电话",
    ),
    ("办理结果", "result.name", "办理结果（证照、批文）的名称"),
    ("申请材料数", "materials", "申请材料的项数"),
    (
        "免提交材料数",
        "materials.exempt",
        "可以共享获取、电子证照或承诺代替而免于提交的材料项数",
    ),
    (
        "告知承诺",
        "commitment",
        "“是”：可以选择告知承诺；否则为“否”",
    ),
    (
        "数量限制",
        "quantity_limit",
        "行政许可的数量限制；无限制时为“无数量限制”",
    ),
    (
        "实施主体性质",
        "authority.nature",
        "法定机关、法律法规授权组织或受委托组织；空白表示本局以自己的名义实施",
    ),
    (
        "委托机关",
        "authority.entrusted_by",
        "受委托实施时，以其名义作出决定的机关",
    ),
    (
        "中介服务",
        "intermediary",
        "需要申请人委托的中介服务，以分号分隔",
    ),
    ("最后审核日期", "updated", "本条指南最后一次审核的日期"),
    ("指南网址", "url", "本事项办事指南页面的网址"),
];

/// One CSV field, quoted when RFC 4180 requires it. A field that a spreadsheet would read as a
/// formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`
/// (OWASP, CSV injection), so opening the open data never runs anything.
fn csv_field(value: &str) -> String {
    let neutralised;
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        neutralised = format!("'{value}");
        neutralised.as_str()
    } else {
        value
    };
    if value.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

/// Where an item is served, by the item page's rule (its `place`, else its department's phone,
/// else the site's): (address, hours, phone).
pub fn service_place<'a>(model: &'a SiteModel, item: &'a Item) -> (&'a str, &'a str, &'a str) {
    let site = &model.site;
    let place = item.place.as_ref();
    let own = |pick: fn(&'a crate::model::Place) -> &'a Option<crate::model::Str>| {
        place.and_then(|p| pick(p).as_ref()).map(|t| t.as_str())
    };
    let department_phone = model
        .departments
        .get(&*item.department.value)
        .and_then(|d| d.phone.as_ref())
        .map(|p| p.as_str());
    (
        own(|p| &p.address).unwrap_or(site.address.as_str()),
        own(|p| &p.hours).unwrap_or(site.hours.as_str()),
        own(|p| &p.phone)
            .or(department_phone)
            .unwrap_or(site.phone.as_str()),
    )
}

/// `data/items.csv`: UTF-8 with a byte order mark (so Excel reads it as UTF-8), CRLF line ends,
/// a header row and one row per item (columns in [`CSV_COLUMNS`]).
pub fn items_csv(model: &SiteModel, views: &Views) -> Vec<u8> {
    let mut csv = String::from("\u{feff}");
    let header: Vec<String> = CSV_COLUMNS.iter().map(|(h, _, _)| csv_field(h)).collect();
    csv.push_str(&header.join(","));
    csv.push_str("\r\n");
    let label = |span: Option<&TimeSpan>| span.map(TimeSpan::label).unwrap_or_default();
    for item in &model.items {
        let (address, hours, phone) = service_place(model, item);
        let free = item.fees.as_ref().is_some_and(|f| f.is_free());
        let fees = item
            .fees
            .iter()
            .flat_map(|f| f.items.iter())
            .map(|i| {
                format!(
                    "{}：{}",
                    i.name.value,
                    i.amount.as_ref().map(|a| a.as_str()).unwrap_or("")
                )
            })
            .collect::<Vec<_>>()
            .join("；");
        let online = item.online.as_ref();
        let limit = item.time_limit.as_ref();
        let row = [
            item.id.as_str(),
            &item.code.value,
            &item.name.value,
            &item.item_type.value,
            model
                .departments
                .get(&*item.department.value)
                .map(|d| d.name.as_str())
                .unwrap_or(""),
            &item.department.value,
            &item
                .audience
                .iter()
                .map(|a| a.as_str())
                .collect::<Vec<_>>()
                .join("、"),
            &label(limit.and_then(|t| t.statutory.as_ref())),
            &label(limit.and_then(|t| t.promised.as_ref())),
            if free { "不收费" } else { "收费" },
            &fees,
            &item
                .visits
                .as_ref()
                .map(|v| v.value)
                .unwrap_or(0)
                .to_string(),
            if online.is_some_and(|o| o.available.value) {
                "是"
            } else {
                "否"
            },
            online
                .filter(|o| o.available.value)
                .and_then(|o| o.url.as_ref())
                .map(|u| u.as_str())
                .unwrap_or(""),
            address,
            hours,
            phone,
            item.result.as_ref().map(|r| r.name.as_str()).unwrap_or(""),
            &item.materials.len().to_string(),
            &item
                .materials
                .iter()
                .filter(|m| m.exempt.is_some())
                .count()
                .to_string(),
            if item.commitment.is_some() {
                "是"
            } else {
                "否"
            },
            item.quantity_limit
                .as_ref()
                .map(|q| q.as_str())
                .unwrap_or(""),
            item.authority
                .as_ref()
                .map(|a| a.nature.as_str())
                .unwrap_or(""),
            item.authority
                .as_ref()
                .and_then(|a| a.entrusted_by.as_ref())
                .map(|e| e.as_str())
                .unwrap_or(""),
            &item
                .intermediary
                .iter()
                .map(|i| i.name.as_str())
                .collect::<Vec<_>>()
                .join("；"),
            &item
                .updated
                .as_ref()
                .map(|u| u.value.to_string())
                .unwrap_or_default(),
            &format!("{}items/{}/", views.base_url, item.id),
        ];
        let row: Vec<String> = row.iter().map(|v| csv_field(v)).collect();
        csv.push_str(&row.join(","));
        csv.push_str("\r\n");
    }
    csv.into_bytes()
}

// ---------------------------------------------------------------------------------------------
// The JSON Schema of an item file.

fn describe(mut schema: serde_json::Value, description: &str) -> serde_json::Value {
    schema["description"] = serde_json::Value::String(description.to_string());
    schema
}

/// The schema of one key's value, from its kind in the format table.
fn kind_schema(key: &format::Key) -> serde_json::Value {
    use format::Kind;
    let description = key.zh;
    let at_least_one = matches!(
        key.need,
        format::Need::Required | format::Need::Dedicated(_)
    );
    let value = match key.kind {
        Kind::Text => serde_json::json!({"$ref": "#/$defs/text"}),
        Kind::Markdown => serde_json::json!({"$ref": "#/$defs/text"}),
        Kind::Boolean => serde_json::json!({"type": "boolean"}),
        Kind::Count => serde_json::json!({"$ref": "#/$defs/count"}),
        Kind::Integer => serde_json::json!({"type": "integer"}),
        Kind::Date => serde_json::json!({"$ref": "#/$defs/date"}),
        Kind::Url => serde_json::json!({"type": "string", "pattern": "^https?://"}),
        Kind::Id => serde_json::json!({"$ref": "#/$defs/id"}),
        Kind::FilePath => serde_json::json!({"$ref": "#/$defs/file_path"}),
        Kind::Span => serde_json::json!({"$ref": "#/$defs/time_span"}),
        Kind::LawReference => serde_json::json!({"$ref": "#/$defs/law_reference"}),
        Kind::Enum(values) => serde_json::json!({"enum": values}),
        Kind::Texts => serde_json::json!({
            "type": "array",
            "minItems": usize::from(at_least_one),
            "items": {"$ref": "#/$defs/text"},
        }),
        Kind::Enums(values) => serde_json::json!({
            "type": "array",
            "minItems": usize::from(at_least_one),
            "uniqueItems": true,
            "items": {"enum": values},
        }),
        Kind::Map(map) => map_schema(map),
        Kind::Maps(map) => serde_json::json!({
            "type": "array",
            "minItems": usize::from(at_least_one),
            "items": map_schema(map),
        }),
        Kind::RequiredOrCase => {
            serde_json::json!({"anyOf": [{"const": true}, {"type": "string", "minLength": 1}]})
        }
        Kind::Articles => {
            serde_json::json!({"type": "object", "additionalProperties": {"$ref": "#/$defs/text"}})
        }
        Kind::Lint => serde_json::json!({
            "type": "object",
            "additionalProperties": {"enum": ["error", "warning", "off"]},
        }),
    };
    describe(value, description)
}

/// The schema of a map of the format table: its keys, the required ones (including those a
/// dedicated rule reports), and the conditions the format states for it.
fn map_schema(map: &'static format::Map) -> serde_json::Value {
    let properties: serde_json::Map<String, serde_json::Value> = map
        .keys
        .iter()
        .map(|key| (key.name.to_string(), kind_schema(key)))
        .collect();
    let required: Vec<&str> = map
        .keys
        .iter()
        .filter(|key| {
            matches!(
                key.need,
                format::Need::Required | format::Need::Dedicated(_)
            )
        })
        .map(|key| key.name)
        .collect();
    let mut schema = serde_json::json!({
        "type": "object",
        "additionalProperties": false,
        "required": required,
        "properties": properties,
    });
    if let Some(conditions) = map_conditions(map) {
        schema["allOf"] = conditions;
    }
    schema
}

/// What the format requires of a map beyond its required keys, as JSON Schema conditions.
fn map_conditions(map: &'static format::Map) -> Option<serde_json::Value> {
    let forms = format!(
        "({})\\s*(》|（[^）]*）|\\([^)]*\\))*\\s*$",
        crate::check::FORM_SUFFIXES.join("|")
    );
    let conditions = if std::ptr::eq(map, &format::MATERIAL) {
        serde_json::json!([
            {
                "if": {"required": ["source"], "properties": {"source": {"not": {"const": "申请人自备"}}}},
                "then": {"required": ["issuer"]}
            },
            {
                "if": {"required": ["name"], "properties": {"name": {"type": "string", "pattern": forms}}},
                "then": {"required": ["blank_form", "sample"]}
            }
        ])
    } else if std::ptr::eq(map, &format::FEES) {
        serde_json::json!([{
            "if": {"required": ["free"], "properties": {"free": {"const": true}}},
            "then": {"not": {"required": ["items"]}},
            "else": {"required": ["items"]}
        }])
    } else if std::ptr::eq(map, &format::ONLINE) {
        serde_json::json!([{
            "if": {"required": ["available"], "properties": {"available": {"const": true}}},
            "then": {"required": ["url"]},
            "else": {"required": ["reason"]}
        }])
    } else if std::ptr::eq(map, &format::ITEM) {
        serde_json::json!([
            {
                "if": {"required": ["type"], "properties": {"type": {"not": {"const": "公共服务"}}}},
                "then": {"required": ["refusals"]}
            },
            {
                "if": {"required": ["visits"], "properties": {"visits": {"type": "integer", "minimum": 1}}},
                "then": {"required": ["visits_reason"]}
            },
            {
                "if": {"required": ["authority"], "properties": {"authority": {"properties": {"nature": {"const": "受委托组织"}}}}},
                "then": {"required": ["redress"], "properties": {"authority": {"required": ["entrusted_by", "entrustment_basis"]}}}
            }
        ])
    } else {
        return None;
    };
    Some(conditions)
}

/// `data/schema.json`: the JSON Schema (draft 2020-12) of `content/items/<id>.yaml`, generated
/// from the format table ([`format::ITEM`]).
pub fn item_schema(base_url: &str) -> serde_json::Value {
    let serde_json::Value::Object(item) = map_schema(&format::ITEM) else {
        unreachable!("a map's schema is an object")
    };
    let mut top = serde_json::Map::new();
    top.insert(
        "$schema".into(),
        "https://json-schema.org/draft/2020-12/schema".into(),
    );
    top.insert("$id".into(), format!("{base_url}data/schema.json").into());
    top.insert("title".into(), "办事指南事项文件".into());
    top.insert(
        "description".into(),
        "zhinan 内容格式第 2 版：一个办事事项（content/items/<编号>.yaml）".into(),
    );
    top.extend(item);
    top.insert(
        "$defs".into(),
        serde_json::json!({
            "text": {"type": ["string", "number"], "description": "文本，按原样读取（0010 仍是 0010；纯数字的值建议加引号）"},
            "id": {"type": "string", "pattern": "^[a-z0-9-]+$", "description": "编号：小写英文字母、数字和连字符"},
            "date": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "format": "date", "description": "日期 YYYY-MM-DD"},
            "count": {"type": "integer", "minimum": 0, "description": "非负整数"},
            "file_path": {"type": "string", "pattern": "^(?!/)(?!.*(^|/)\\.\\.(/|$)).+$", "description": "content/files/ 下的相对路径，不能以 / 开头，不能含 .."},
            "law_reference": map_schema(&format::LAW_REFERENCE),
            "time_span": map_schema(&format::TIME_SPAN),
        }),
    );
    serde_json::Value::Object(top)
}

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

// ---------------------------------------------------------------------------------------------
// The Atom feed.

fn escape_xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A date at midnight in the site's time zone, as RFC 3339 (`2026-10-01T00:00:00+08:00`).
fn rfc3339_midnight(date: jiff::civil::Date, timezone: &str) -> String {
    let zone = jiff::tz::TimeZone::get(timezone).unwrap_or(jiff::tz::TimeZone::UTC);
    date.to_zoned_datetime(zone)
        .map(|zoned| zoned.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string())
        .unwrap_or_else(|_| format!("{date}T00:00:00Z"))
}

/// `feed.xml`: Atom, the [`FEED_LENGTH`] most recently reviewed items (by `updated`, newest
/// first, then by id); the feed's `updated` is the newest review date, never the build time.
pub fn feed_xml(model: &SiteModel, views: &Views) -> Vec<u8> {
    let site = &model.site;
    let timezone = if site.timezone.is_empty() {
        "Asia/Shanghai"
    } else {
        site.timezone.as_str()
    };
    let mut items: Vec<(&Item, jiff::civil::Date)> = model
        .items
        .iter()
        .filter_map(|item| item.updated.as_ref().map(|u| (item, u.value)))
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
        xml.push_str("</entry>\n");
    }
    xml.push_str("</feed>\n");
    xml.into_bytes()
}

// ---------------------------------------------------------------------------------------------
// The data page and the entry point.

#[derive(Serialize)]
struct KeyView {
    key: &'static str,
    required: String,
    meaning: &'static str,
}

#[derive(Serialize)]
struct ColumnView {
    header: &'static str,
    key: &'static str,
    meaning: &'static str,
}

/// `data` in data.html.
#[derive(Serialize)]
struct DataPageView {
    items_json_url: String,
    items_csv_url: String,
    schema_url: String,
    feed_url: String,
    item_count: usize,
    feed_length: usize,
    newest_update: String,
    keys: Vec<KeyView>,
    columns: Vec<ColumnView>,
}

/// Renders a template with a context; a template error is a `template` diagnostic.
pub type RenderTemplate<'a> = dyn Fn(&str, &Context) -> Result<Vec<u8>, Box<Diagnostic>> + 'a;

/// Renders the search index and search page, the open data and its page, and the feed. Called
/// once from [`super::render_pages`] with its template renderer; a template error becomes a
/// diagnostic in `diagnostics`. Whole-site outputs are rendered whenever `wanted` accepts any
/// page of an item, department, law or free page (they depend on all of them), or the output
/// itself. The search index and items.json come from serve's cache when it has one, and
/// `incremental.stop` stops the render. Returns the number of outputs written.
pub fn render_data_and_search(
    model: &SiteModel,
    views: &Views,
    sink: &dyn PageSink,
    wanted: &(dyn Fn(&str) -> bool + Sync),
    render: &RenderTemplate,
    diagnostics: &mut Vec<Diagnostic>,
    incremental: &Incremental,
) -> Result<usize, FsError> {
    let cache = incremental.cache;
    let stopped = || incremental.stop.is_some_and(|stop| stop());
    let content_changed = model
        .items
        .iter()
        .any(|i| wanted(&Route::Item(&i.id).path()))
        || model
            .departments
            .keys()
            .any(|id| wanted(&Route::Department(id).path()))
        || model.laws.keys().any(|id| wanted(&Route::Law(id).path()))
        || model
            .pages
            .iter()
            .any(|p| wanted(&Route::Page(&p.slug).path()));
    let wanted = |path: &str| (content_changed || wanted(path)) && !stopped();
    let written = std::cell::Cell::new(0usize);
    let put = |path: &str, bytes: Vec<u8>| -> Result<(), FsError> {
        sink.page(path, bytes)?;
        written.set(written.get() + 1);
        Ok(())
    };

    let shards = super::search::shard_count(model.items.len() + model.pages.len());
    if wanted(&Route::SearchIndex.path())
        || (0..shards).any(|n| wanted(&Route::SearchShard(n).path()))
    {
        let files = match cache {
            Some(cache) => cache.search.files(model),
            None => SearchIndex::build(model).files(),
        };
        for (path, bytes) in files {
            put(&path, bytes)?;
        }
    }
    if wanted(&Route::ItemsJson.path()) {
        match cache {
            Some(cache) => {
                if let Some(bytes) = cache.items_json.items_json(model, views, &stopped) {
                    put(&Route::ItemsJson.path(), bytes)?;
                }
            }
            None => {
                sink.page_in_parts(
                    &Route::ItemsJson.path(),
                    &mut items_json_parts(model, views),
                )?;
                written.set(written.get() + 1);
            }
        }
    }
    if wanted(&Route::ItemsCsv.path()) {
        put(&Route::ItemsCsv.path(), items_csv(model, views))?;
    }
    if wanted(&Route::Schema.path()) {
        let mut schema =
            serde_json::to_vec_pretty(&item_schema(&views.base_url)).expect("schema serializes");
        schema.push(b'\n');
        put(&Route::Schema.path(), schema)?;
    }
    if wanted(&Route::Feed.path()) {
        put(&Route::Feed.path(), feed_xml(model, views))?;
    }

    let mut render_page = |path: &str, template: &str, context: Context| -> Result<(), FsError> {
        let mut context = context;
        context.insert("page_url", &views.url(path.trim_end_matches("index.html")));
        match render(template, &context) {
            Ok(html) => put(path, html),
            Err(diagnostic) => {
                diagnostics.push(*diagnostic);
                Ok(())
            }
        }
    };
    if wanted(&Route::Search.path()) {
        let mut context = Context::new();
        context.insert("search", &search_page_view(model, views));
        render_page(&Route::Search.path(), "search.html", context)?;
    }
    if wanted(&Route::Data.path()) {
        let data = DataPageView {
            items_json_url: views.url(&Route::ItemsJson.link()),
            items_csv_url: views.url(&Route::ItemsCsv.link()),
            schema_url: views.url(&Route::Schema.link()),
            feed_url: views.url(&Route::Feed.link()),
            item_count: model.items.len(),
            feed_length: FEED_LENGTH.min(model.items.len()),
            newest_update: model
                .items
                .iter()
                .filter_map(|i| i.updated.as_ref().map(|u| u.value))
                .max()
                .map(|d| d.to_string())
                .unwrap_or_default(),
            keys: format::ITEM
                .keys
                .iter()
                .map(|key| KeyView {
                    key: key.name,
                    required: format::need_label(key),
                    meaning: key.zh,
                })
                .collect(),
            columns: CSV_COLUMNS
                .iter()
                .map(|(header, key, meaning)| ColumnView {
                    header,
                    key,
                    meaning,
                })
                .collect(),
        };
        let mut context = Context::new();
        context.insert("data", &data);
        render_page(&Route::Data.path(), "data.html", context)?;
    }
    Ok(written.get())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cached items.json is the uncached one: after a department is renamed (a key
    /// changes), after an item is edited and forgotten, and after a stopped render.
    #[test]
    fn the_items_json_cache_writes_what_no_cache_writes() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
        let options = crate::site::LoadOptions {
            today: crate::model::convert::parse_date("2026-11-29"),
        };
        let mut model = crate::site::load_site(&root, &options).unwrap().model;
        let cache = ItemsJsonCache::default();
        let go_on = || false;
        let check = |model: &SiteModel, what: &str| {
            let views = Views::new(model, None);
            let cached = cache.items_json(model, &views, &go_on).unwrap();
            assert!(cached == items_json(model, &views), "{what}");
        };
        check(&model, "the first");
        check(&model, "the same");
        let department = model.items[0].department.value.clone();
        model.departments.get_mut(&*department).unwrap().name.value = "改名的股室".into();
        check(&model, "a department renamed");
        model.items[0].name.value = format!("{}（改）", model.items[0].name.value).into();
        cache.forget([model.items[0].id.as_str()]);
        check(&model, "an item edited");
        let views = Views::new(&model, None);
        assert!(cache.items_json(&model, &views, &|| true).is_none());
        check(&model, "after a stopped render");
    }

    #[test]
    fn areas_from_authority_names() {
        assert_eq!(area_served("示例县市场监督管理局"), "示例县");
        assert_eq!(area_served("杭州市西湖区市场监督管理局"), "杭州市西湖区");
        assert_eq!(area_served("国家药品监督管理局"), "国家药品监督管理局");
    }

    #[test]
    fn csv_fields_are_quoted_as_rfc_4180_says() {
        assert_eq!(csv_field("a"), "a");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("说\"明\""), "\"说\"\"明\"\"\"");
        assert_eq!(csv_field("a\nb"), "\"a\nb\"");
    }

    #[test]
    fn csv_columns_come_from_keys_of_the_format_table() {
        const ADDED: &[&str] = &["id", "url", "department_name"];
        for (header, key, _) in CSV_COLUMNS {
            let top = key.split('.').next().unwrap_or(key);
            assert!(
                ADDED.contains(&top) || format::ITEM.allows(top),
                "CSV column {header} reads `{key}`, which is not a key of the format table"
            );
            if let Some(inner) = key.split('.').nth(1)
                && let Some(format::Kind::Map(map) | format::Kind::Maps(map)) =
                    format::ITEM.key(top).map(|k| k.kind)
            {
                assert!(map.allows(inner), "CSV column {header}: `{key}`");
            }
        }
    }

    #[test]
    fn csv_formulas_are_neutralised() {
        assert_eq!(csv_field("=1+1"), "'=1+1");
        assert_eq!(csv_field("+86 10"), "'+86 10");
        assert_eq!(csv_field("-2"), "'-2");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("\tx"), "'\tx");
        assert_eq!(
            csv_field("=HYPERLINK(\"a\",\"b\")"),
            "\"'=HYPERLINK(\"\"a\"\",\"\"b\"\")\""
        );
        assert_eq!(csv_field("0000-1000010"), "0000-1000010");
    }

    #[test]
    fn script_safe_json_escapes_markup() {
        assert_eq!(
            script_safe_json(r#"{"a":"</script><b>&"}"#),
            r#"{"a":"\u003c/script\u003e\u003cb\u003e\u0026"}"#
        );
    }
}
