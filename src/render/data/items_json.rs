//! data/items.json: every item as JSON, one line each, keys in the format table's order, streamed
//! in parts; and the cache `serve` keeps of its lines.
use super::*;

pub const ITEMS_VERSION: u32 = 1;

/// The key items.json adds beside a reference's `law`: the law's title.
pub const LAW_TITLE: &str = "law_title";

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
        .value(format::time_span::VALUE.name, Json::Number(span.value))
        .text(format::time_span::UNIT.name, span.unit.label())
        .done()
}

/// A law reference as written, with the law's title.
pub fn reference_json(model: &SiteModel, reference: &LawReference) -> Object {
    let mut object = Object::default().text(format::law_reference::LAW.name, &reference.law.value);
    if let Some(law) = model.laws.get(&*reference.law.value) {
        object = object.text(LAW_TITLE, &law.title.value);
    }
    object.text(
        format::law_reference::ARTICLE.name,
        &reference.article.value,
    )
}

/// One item in the content format's structure (see the module documentation).
///
/// Long on purpose: one line per key of an item, in the order of the format table (the order
/// items.json promises); the nested lists with more than a few keys have their own functions.
pub fn item_json(model: &SiteModel, views: &Views, item: &Item) -> Json {
    let reference = |r: &LawReference| reference_json(model, r).done();
    let department = model.departments.get(&*item.department.value);
    let mut object = Object::default()
        .text("id", &item.id)
        .text("url", &format!("{}items/{}/", views.base_url, item.id))
        .text(format::item::CODE.name, &item.code.value)
        .text(format::item::NAME.name, &item.name.value)
        .text(format::item::TYPE.name, &item.item_type.value)
        .text(format::item::DEPARTMENT.name, &item.department.value);
    if let Some(department) = department {
        object = object.text("department_name", &department.name.value);
    }
    object = object
        .value(format::item::AUDIENCE.name, texts(&item.audience))
        .maybe_text(format::item::SUMMARY.name, item.summary.as_ref())
        .value(
            format::item::LEGAL_BASIS.name,
            Json::List(
                item.legal_basis
                    .iter()
                    .map(|basis| {
                        reference_json(model, &basis.reference)
                            .maybe_text(format::legal_basis::TEXT.name, basis.text.as_ref())
                            .done()
                    })
                    .collect(),
            ),
        )
        .value(
            format::item::CONDITIONS.name,
            Json::List(
                item.conditions
                    .iter()
                    .map(|c| {
                        Object::default()
                            .text(format::condition::TEXT.name, &c.text.value)
                            .maybe(
                                format::condition::BASIS.name,
                                c.basis.as_ref().map(reference),
                            )
                            .done()
                    })
                    .collect(),
            ),
        )
        .value(
            format::item::MATERIALS.name,
            Json::List(
                item.materials
                    .iter()
                    .map(|m| material_json(views, m, &reference))
                    .collect(),
            ),
        )
        .value(
            format::item::PROCEDURE.name,
            Json::List(
                item.procedure
                    .iter()
                    .map(|s| {
                        Object::default()
                            .text(format::step::STEP.name, &s.step.value)
                            .text(format::step::ACTOR.name, &s.actor.value)
                            .maybe(
                                format::step::TIME_LIMIT.name,
                                s.time_limit.as_ref().map(span_json),
                            )
                            .maybe_text(format::step::DESCRIPTION.name, s.description.as_ref())
                            .done()
                    })
                    .collect(),
            ),
        );
    if let Some(limit) = &item.time_limit {
        object = object.value(
            format::item::TIME_LIMIT.name,
            time_limit_json(limit, &reference),
        );
    }
    if let Some(fees) = &item.fees {
        let items = (!fees.items.is_empty()).then(|| {
            Json::List(
                fees.items
                    .iter()
                    .map(|i| {
                        Object::default()
                            .text(format::fee_item::NAME.name, &i.name.value)
                            .maybe_text(format::fee_item::AMOUNT.name, i.amount.as_ref())
                            .maybe(
                                format::fee_item::BASIS.name,
                                i.basis.as_ref().map(reference),
                            )
                            .done()
                    })
                    .collect(),
            )
        });
        object = object.value(
            format::item::FEES.name,
            Object::default()
                .maybe(
                    format::fees::FREE.name,
                    fees.free.as_ref().map(|f| Json::Bool(f.value)),
                )
                .maybe(format::fees::ITEMS.name, items)
                .maybe_text(format::fees::WAIVER.name, fees.waiver.as_ref())
                .done(),
        );
    }
    if let Some(result) = &item.result {
        object = object.value(
            format::item::RESULT.name,
            Object::default()
                .text(format::result::NAME.name, &result.name.value)
                .text(format::result::TYPE.name, &result.kind.value)
                .value(format::result::DELIVERY.name, texts(&result.delivery))
                .maybe_text(format::result::SAMPLE.name, result.sample.as_ref())
                .maybe(
                    "sample_url",
                    result
                        .sample
                        .as_ref()
                        .map(|path| Json::Text(format!("{}files/{}", views.base_url, path.value))),
                )
                .maybe_text(format::result::VALIDITY.name, result.validity.as_ref())
                .done(),
        );
    }
    object = object
        .maybe(
            format::item::VISITS.name,
            item.visits.as_ref().map(|v| Json::Number(v.value)),
        )
        .maybe_text(
            format::item::VISITS_REASON.name,
            item.visits_reason.as_ref(),
        );
    if let Some(online) = &item.online {
        object = object.value(
            format::item::ONLINE.name,
            Object::default()
                .value(
                    format::online::AVAILABLE.name,
                    Json::Bool(online.available.value),
                )
                .maybe_text(format::online::URL.name, online.url.as_ref())
                .maybe_text(format::online::REASON.name, online.reason.as_ref())
                .done(),
        );
    }
    if let Some(place) = &item.place {
        object = object.value(
            format::item::PLACE.name,
            Object::default()
                .maybe_text(format::place::ADDRESS.name, place.address.as_ref())
                .maybe_text(format::place::HOURS.name, place.hours.as_ref())
                .maybe_text(format::place::PHONE.name, place.phone.as_ref())
                .done(),
        );
    }
    if let Some(handlers) = &item.handlers {
        object = object.value(
            format::item::HANDLERS.name,
            Object::default()
                .text(format::handlers::PRIMARY.name, &handlers.primary.value)
                .maybe_text(
                    format::handlers::SUBSTITUTE.name,
                    handlers.substitute.as_ref(),
                )
                .done(),
        );
    }
    if let Some(appointment) = &item.appointment {
        object = object.value(
            format::item::APPOINTMENT.name,
            Object::default()
                .value(
                    format::appointment::CHANNELS.name,
                    texts(&appointment.channels),
                )
                .maybe(
                    format::appointment::REPLY_WITHIN.name,
                    appointment.reply_within.as_ref().map(span_json),
                )
                .done(),
        );
    }
    if let Some(refusals) = &item.refusals {
        object = object.value(
            format::item::REFUSALS.name,
            Json::List(
                refusals
                    .iter()
                    .map(|r| {
                        Object::default()
                            .text(format::refusal::CASE.name, &r.case.value)
                            .maybe(format::refusal::BASIS.name, r.basis.as_ref().map(reference))
                            .text(format::refusal::KIND.name, r.kind.label())
                            .done()
                    })
                    .collect(),
            ),
        );
    }
    if !item.faq.is_empty() {
        object = object.value(
            format::item::FAQ.name,
            Json::List(
                item.faq
                    .iter()
                    .map(|f| {
                        Object::default()
                            .text(format::faq::Q.name, &f.question.value)
                            .text(format::faq::A.name, &f.answer.value)
                            .done()
                    })
                    .collect(),
            ),
        );
    }
    if !item.tags.is_empty() {
        object = object.value(format::item::TAGS.name, texts(&item.tags));
    }
    object = object.maybe(
        format::item::UPDATED.name,
        item.updated
            .as_ref()
            .map(|u| Json::Text(u.value.to_string())),
    );
    version_two_json(object, views, item, &reference).done()
}

/// One material of an item.
fn material_json(
    views: &Views,
    m: &crate::model::Material,
    reference: &dyn Fn(&LawReference) -> Json,
) -> Json {
    let file_url =
        |path: &crate::model::Str| Json::Text(format!("{}files/{}", views.base_url, path.value));
    Object::default()
        .text(format::material::NAME.name, &m.name.value)
        .value(
            format::material::REQUIRED.name,
            match &m.required {
                Required::Always => Json::Bool(true),
                Required::When(case) => Json::Text(case.value.to_string()),
            },
        )
        .value(
            format::material::ORIGINALS.name,
            Json::Number(m.originals.value),
        )
        .value(format::material::COPIES.name, Json::Number(m.copies.value))
        .text(format::material::MEDIUM.name, &m.medium.value)
        .maybe_text(format::material::PAPER_SIZE.name, m.paper_size.as_ref())
        .text(format::material::SOURCE.name, &m.source.value)
        .maybe_text(format::material::ISSUER.name, m.issuer.as_ref())
        .maybe_text(format::material::BLANK_FORM.name, m.blank_form.as_ref())
        .maybe("blank_form_url", m.blank_form.as_ref().map(file_url))
        .maybe_text(format::material::SAMPLE.name, m.sample.as_ref())
        .maybe("sample_url", m.sample.as_ref().map(file_url))
        .maybe_text(format::material::NOTE.name, m.note.as_ref())
        .maybe(
            format::material::BASIS.name,
            m.basis.as_ref().map(reference),
        )
        .maybe(
            format::material::EXEMPT.name,
            m.exempt.as_ref().map(|e| {
                Object::default()
                    .text(format::exempt::BY.name, &e.by.value)
                    .maybe_text(format::exempt::WHEN.name, e.when.as_ref())
                    .done()
            }),
        )
        .done()
}

/// An item's time limit: statutory (with its basis), promised, excluded procedures, extension.
fn time_limit_json(
    limit: &crate::model::TimeLimit,
    reference: &dyn Fn(&LawReference) -> Json,
) -> Json {
    let excluded = (!limit.excluded.is_empty()).then(|| {
        Json::List(
            limit
                .excluded
                .iter()
                .map(|e| {
                    Object::default()
                        .text(format::excluded::NAME.name, &e.name.value)
                        .maybe(
                            format::excluded::TIME_LIMIT.name,
                            e.time_limit.as_ref().map(span_json),
                        )
                        .maybe(
                            format::excluded::BASIS.name,
                            e.basis.as_ref().map(reference),
                        )
                        .done()
                })
                .collect(),
        )
    });
    let statutory = limit.statutory.as_ref().map(|span| match span_json(span) {
        Json::Object(mut fields) => {
            if let Some(basis) = &limit.statutory_basis {
                fields.push((format::statutory::BASIS.name, reference(basis)));
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
            fields.push((
                format::extension::APPROVER.name,
                Json::Text(approver.value.to_string()),
            ));
        }
        if let Some(basis) = &extension.basis {
            fields.push((format::extension::BASIS.name, reference(basis)));
        }
        Json::Object(fields)
    });
    Object::default()
        .maybe(format::time_limit::STATUTORY.name, statutory)
        .maybe(
            format::time_limit::PROMISED.name,
            limit.promised.as_ref().map(span_json),
        )
        .maybe(format::time_limit::EXCLUDED.name, excluded)
        .maybe(format::time_limit::EXTENSION.name, extension)
        .done()
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
            format::item::AUTHORITY.name,
            Object::default()
                .text(format::authority::NATURE.name, &authority.nature.value)
                .maybe_text(
                    format::authority::ENTRUSTED_BY.name,
                    authority.entrusted_by.as_ref(),
                )
                .maybe(
                    format::authority::ENTRUSTMENT_BASIS.name,
                    authority.entrustment_basis.as_ref().map(reference),
                )
                .done(),
        );
    }
    if let Some(redress) = &item.redress {
        object = object.value(
            format::item::REDRESS.name,
            Object::default()
                .text(format::redress::REVIEW.name, &redress.review.value)
                .text(format::redress::LITIGATION.name, &redress.litigation.value)
                .maybe(
                    format::redress::REVIEW_FIRST.name,
                    redress.review_first.then_some(Json::Bool(true)),
                )
                .done(),
        );
    }
    object = object.maybe_text(
        format::item::QUANTITY_LIMIT.name,
        item.quantity_limit.as_ref(),
    );
    if let Some(commitment) = &item.commitment {
        object = object.value(
            format::item::COMMITMENT.name,
            Object::default()
                .maybe_text(format::commitment::FORM.name, commitment.form.as_ref())
                .maybe(
                    "form_url",
                    commitment
                        .form
                        .as_ref()
                        .map(|path| Json::Text(format!("{}files/{}", views.base_url, path.value))),
                )
                .maybe_text(
                    format::commitment::VERIFICATION.name,
                    commitment.verification.as_ref(),
                )
                .maybe_text(
                    format::commitment::CONSEQUENCE.name,
                    commitment.consequence.as_ref(),
                )
                .maybe_text(format::commitment::SCOPE.name, commitment.scope.as_ref())
                .done(),
        );
    }
    if !item.intermediary.is_empty() {
        object = object.value(
            format::item::INTERMEDIARY.name,
            Json::List(
                item.intermediary
                    .iter()
                    .map(|service| {
                        Object::default()
                            .text(format::intermediary::NAME.name, &service.name.value)
                            .maybe_text(
                                format::intermediary::PROVIDER.name,
                                service.provider.as_ref(),
                            )
                            .maybe_text(format::intermediary::FEE.name, service.fee.as_ref())
                            .maybe(
                                format::intermediary::BASIS.name,
                                service.basis.as_ref().map(reference),
                            )
                            .done()
                    })
                    .collect(),
            ),
        );
    }
    if !item.situations.is_empty() {
        object = object.value(format::item::SITUATIONS.name, texts(&item.situations));
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
