//! data/items.json: every item as JSON, one line each, keys in the format table's order, streamed
//! in parts; and the cache `serve` keeps of its lines.
use super::*;

pub const ITEMS_VERSION: u32 = 1;

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
pub struct Object(Vec<(&'static str, Json)>);

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

pub fn texts<'a>(values: impl IntoIterator<Item = &'a crate::model::Str>) -> Json {
    Json::List(
        values
            .into_iter()
            .map(|v| Json::Text(v.value.to_string()))
            .collect(),
    )
}

pub fn span_json(span: &TimeSpan) -> Json {
    Object::default()
        .value("value", Json::Number(span.value))
        .text("unit", span.unit.label())
        .done()
}

/// A law reference as written, with the law's title.
pub fn reference_json(model: &SiteModel, reference: &LawReference) -> Object {
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
pub fn version_two_json(
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
pub const ITEMS_PER_PART: usize = 512;

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
pub fn items_json_head() -> Vec<u8> {
    format!("{{\"version\":{ITEMS_VERSION},\"items\":[\n").into_bytes()
}

/// What items.json ends with, after the last item's line.
pub const ITEMS_JSON_TAIL: &[u8] = b"\n]}\n";

/// Appends item lines separated by `,\n`; `first` when they begin the list of items.
pub fn push_lines<'l>(bytes: &mut Vec<u8>, lines: impl Iterator<Item = &'l [u8]>, first: bool) {
    for (index, line) in lines.enumerate() {
        if index > 0 || !first {
            bytes.extend_from_slice(b",\n");
        }
        bytes.extend_from_slice(line);
    }
}

pub fn item_line(model: &SiteModel, views: &Views, item: &Item) -> Vec<u8> {
    serde_json::to_vec(&item_json(model, views, item)).expect("item serializes")
}

pub fn join_items<'a>(lines: impl Iterator<Item = &'a [u8]>) -> Vec<u8> {
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
pub type KeyedLine = (u64, Arc<Vec<u8>>);

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
pub fn line_key(model: &SiteModel, views: &Views, item: &Item) -> u64 {
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
