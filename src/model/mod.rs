//! The typed model of a site: what the content *means*, validated against the content format.
//!
//! Built by [`convert`] from the positioned YAML trees of `load`, one file at a time, and linked by
//! [`resolve`] (department, law, article and file references; duplicate codes and ids). Every value
//! that a rule may point at keeps its [`Span`], so `check` can report at the exact key or value.
//!
//! Architecture invariant: a missing or invalid value is reported once, here or by the dedicated
//! rule of `check`, and the model still gets built (with the value absent), so one run reports
//! every problem of every file.

pub mod convert;
pub mod format;
pub mod history;
pub mod resolve;

use std::collections::BTreeMap;

use crate::diagnostics::{Position, Span};

/// The keys of a map that are written (present and not empty), even when their value was
/// invalid: a dedicated rule reports a key only when it is *not written*, so a key of the wrong
/// type gives exactly one diagnostic (`invalid-value`), never a second one.
///
/// A bit per key of the map's row in the format table: no allocation for each of the hundreds of
/// thousands of maps of a large site.
#[derive(Debug, Clone, Copy, Default)]
pub struct Written {
    map: Option<&'static format::Map>,
    bits: u64,
}

impl PartialEq for Written {
    fn eq(&self, other: &Self) -> bool {
        self.bits == other.bits
            && match (self.map, other.map) {
                (Some(left), Some(right)) => std::ptr::eq(left, right),
                (None, None) => true,
                _ => false,
            }
    }
}

impl Written {
    /// Of the keys of `map` (at most 64), those for which `is_written` says yes.
    pub fn of(map: &'static format::Map, is_written: impl Fn(&str) -> bool) -> Written {
        debug_assert!(map.keys.len() <= 64);
        let bits = map
            .keys
            .iter()
            .take(64)
            .enumerate()
            .filter(|(_, key)| is_written(key.name))
            .fold(0u64, |bits, (index, _)| bits | 1 << index);
        Written {
            map: Some(map),
            bits,
        }
    }

    /// Whether `key`, a key of the format table's map these bits are of, was written.
    pub fn has(&self, key: &format::Key) -> bool {
        let Some(map) = self.map else {
            return false;
        };
        debug_assert!(
            map.allows(key.name),
            "`{}` is not a key of `{}` in the format table",
            key.name,
            map.name
        );
        map.keys
            .iter()
            .take(64)
            .position(|known| known.name == key.name)
            .is_some_and(|index| self.bits & (1 << index) != 0)
    }
}

/// A value with the span of the YAML node it came from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn start(&self) -> Position {
        self.span.start
    }
}

/// Text of the model: immutable and shared. Equal texts read in one load share one allocation
/// ([`Interner`]): a service guide repeats the same material names, sources, media, law ids and
/// article numbers from item to item.
pub type SharedText = std::sync::Arc<str>;

pub type Str = Spanned<SharedText>;

/// Gives equal texts one shared allocation, from any thread (16 locked shards); one per load,
/// dropped with it, so a long `serve` session keeps no text it no longer uses.
pub struct Interner {
    shards: [std::sync::Mutex<std::collections::HashSet<SharedText>>; 16],
}

impl Default for Interner {
    fn default() -> Self {
        Interner {
            shards: std::array::from_fn(|_| Default::default()),
        }
    }
}

impl Interner {
    pub fn intern(&self, text: &str) -> SharedText {
        // FNV-1a of the first bytes picks the shard; the set hashes the whole text.
        let shard = text.bytes().take(16).fold(0x811c_9dc5_u32, |hash, byte| {
            (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
        });
        let mut set = self.shards[(shard ^ text.len() as u32) as usize % 16]
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(shared) = set.get(text) {
            return shared.clone();
        }
        let shared = SharedText::from(text);
        set.insert(shared.clone());
        shared
    }
}

impl Str {
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TimeUnit {
    WorkingDays,
    CalendarDays,
    Hours,
}

impl TimeUnit {
    pub const ALL: [(&'static str, TimeUnit); 3] = [
        ("工作日", TimeUnit::WorkingDays),
        ("自然日", TimeUnit::CalendarDays),
        ("小时", TimeUnit::Hours),
    ];

    pub fn label(self) -> &'static str {
        match self {
            TimeUnit::WorkingDays => "工作日",
            TimeUnit::CalendarDays => "自然日",
            TimeUnit::Hours => "小时",
        }
    }
}

/// `{value, unit}`; `0 工作日` is 即办.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeSpan {
    pub value: u64,
    pub unit: TimeUnit,
    pub span: Span,
}

impl TimeSpan {
    pub fn label(&self) -> String {
        if self.value == 0 && self.unit == TimeUnit::WorkingDays {
            "即办".to_string()
        } else {
            format!("{} 个{}", self.value, self.unit.label()).replace("个小时", "小时")
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct LawReference {
    pub law: Str,
    pub article: Str,
    /// Start of the reference's map, for whole-reference problems.
    pub span: Span,
}

#[derive(Debug, Clone, Default)]
pub struct Complaint {
    pub written: Written,
    pub first_key: Position,
    pub phone: Option<Str>,
    pub address: Option<Str>,
    pub email: Option<Str>,
    pub url: Option<Str>,
}

#[derive(Debug, Clone, Default)]
pub struct Redress {
    pub review: Str,
    pub litigation: Str,
    /// (v2, items only) 复议前置: administrative review is required before a lawsuit.
    pub review_first: bool,
}

#[derive(Debug, Clone)]
pub struct LintSetting {
    pub rule: Str,
    pub level: Str,
}

#[derive(Debug, Clone, Default)]
pub struct Site {
    pub written: Written,
    pub file: String,
    pub first_key: Position,
    pub title: Str,
    pub authority: Str,
    pub base_url: Str,
    pub language: String,
    pub address: Str,
    pub hours: Str,
    pub phone: Str,
    /// `None` when the key is absent; `no-complaint-channel` reports it.
    pub complaint: Option<Complaint>,
    pub complaint_span: Option<Span>,
    pub redress: Redress,
    pub review_months: u32,
    pub timezone: String,
    /// (v2) Most change-history entries per item page (0: no history).
    pub history_limit: u32,
    /// (v2) How many months back the change history reaches.
    pub history_months: u32,
    pub lint: Vec<LintSetting>,
}

impl Site {
    /// A site with the format's defaults for the optional keys (language, review_months,
    /// timezone), used also when site.yaml is missing or unreadable.
    pub fn with_defaults(file: &str) -> Self {
        Site {
            file: file.to_string(),
            language: "zh-CN".into(),
            review_months: 12,
            timezone: "Asia/Shanghai".into(),
            history_limit: 10,
            history_months: 24,
            ..Site::default()
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Department {
    pub written: Written,
    pub id: String,
    pub file: String,
    pub first_key: Position,
    pub name: Str,
    pub functions: Str,
    pub phone: Option<Str>,
    pub room: Option<Str>,
    pub head: Option<Str>,
}

#[derive(Debug, Clone, Default)]
pub struct Law {
    pub id: String,
    pub file: String,
    pub first_key: Position,
    pub title: Str,
    pub doc_no: Option<Str>,
    pub issuer: Str,
    pub effective: Option<Spanned<jiff::civil::Date>>,
    pub amended: Option<Spanned<jiff::civil::Date>>,
    pub url: Option<Str>,
    /// Article key (第三十条) to its text, in the order written. `None`: the law lists no articles,
    /// so any article may be cited.
    pub articles: Option<Vec<(Str, Str)>>,
}

impl Law {
    pub fn article_text(&self, article: &str) -> Option<&str> {
        self.articles
            .as_ref()?
            .iter()
            .find(|(key, _)| &*key.value == article)
            .map(|(_, text)| text.as_str())
    }
}

#[derive(Debug, Clone)]
pub enum Required {
    Always,
    When(Str),
}

#[derive(Debug, Clone)]
pub struct Material {
    pub written: Written,
    pub first_key: Position,
    pub name: Str,
    pub required: Required,
    pub originals: Spanned<u64>,
    pub copies: Spanned<u64>,
    pub medium: Str,
    pub paper_size: Option<Str>,
    pub source: Str,
    pub issuer: Option<Str>,
    pub blank_form: Option<Str>,
    pub sample: Option<Str>,
    /// The keys are written, even if their value was invalid (so `form-without-template` stays
    /// quiet about a path already reported as `invalid-value`).
    pub blank_form_written: bool,
    pub sample_written: bool,
    pub note: Option<Str>,
    pub basis: Option<LawReference>,
    /// (v2) The visitor need not submit this material.
    pub exempt: Option<Exemption>,
}

impl Material {
    /// Exempt in every case (no `when`): nothing to bring.
    pub fn is_exempt_always(&self) -> bool {
        self.exempt
            .as_ref()
            .is_some_and(|exempt| exempt.when.is_none())
    }
}

/// (v2) `exempt: {by, when?}` of a material.
#[derive(Debug, Clone)]
pub struct Exemption {
    /// Position of the `exempt` key.
    pub key: Position,
    /// 共享获取 / 电子证照 / 告知承诺 / 申报承诺; empty when invalid (already reported).
    pub by: Str,
    pub when: Option<Str>,
}

#[derive(Debug, Clone)]
pub struct LegalBasis {
    pub reference: LawReference,
    pub text: Option<Str>,
}

#[derive(Debug, Clone)]
pub struct Condition {
    pub text: Str,
    pub basis: Option<LawReference>,
}

#[derive(Debug, Clone)]
pub struct Step {
    pub step: Str,
    pub actor: Str,
    pub time_limit: Option<TimeSpan>,
    pub description: Option<Str>,
}

#[derive(Debug, Clone)]
pub struct ExcludedProcedure {
    pub first_key: Position,
    pub written: Written,
    pub name: Str,
    pub time_limit: Option<TimeSpan>,
    pub basis: Option<LawReference>,
}

#[derive(Debug, Clone)]
pub struct TimeLimit {
    pub statutory: Option<TimeSpan>,
    /// Position of the `statutory` key (where `statutory-without-basis` points).
    pub statutory_key: Position,
    /// (v2) The law reference that sets the statutory limit.
    pub statutory_basis: Option<LawReference>,
    /// `basis` is written under `statutory`, even if invalid.
    pub statutory_basis_written: bool,
    pub promised: Option<TimeSpan>,
    /// Position of the `promised` key (where `steps-exceed-promised` points).
    pub promised_key: Position,
    pub excluded: Vec<ExcludedProcedure>,
    /// (v2) By how much the statutory limit may be extended, by whom, on what basis.
    pub extension: Option<Extension>,
}

/// (v2) `time_limit.extension: {value, unit, approver, basis}`.
#[derive(Debug, Clone)]
pub struct Extension {
    pub span: Option<TimeSpan>,
    pub approver: Option<Str>,
    pub basis: Option<LawReference>,
}

#[derive(Debug, Clone)]
pub struct FeeItem {
    pub written: Written,
    pub first_key: Position,
    pub name: Str,
    pub amount: Option<Str>,
    pub basis: Option<LawReference>,
}

#[derive(Debug, Clone)]
pub struct Fees {
    pub first_key: Position,
    /// (v2, md) Who may be spared or reduced the fee, and the basis.
    pub waiver: Option<Str>,
    pub free: Option<Spanned<bool>>,
    /// `free` is written but is not a boolean (already an `invalid-value`).
    pub free_is_invalid: bool,
    pub items: Vec<FeeItem>,
}

impl Fees {
    pub fn is_free(&self) -> bool {
        self.free.as_ref().is_some_and(|free| free.value)
    }
}

#[derive(Debug, Clone)]
pub struct ResultDocument {
    pub name: Str,
    pub kind: Str,
    pub delivery: Vec<Str>,
    /// (v2) Path under content/files/ of a specimen of the result.
    pub sample: Option<Str>,
    /// (v2) Term of validity, as text (5年, 长期有效).
    pub validity: Option<Str>,
}

#[derive(Debug, Clone)]
pub struct Online {
    pub written: Written,
    pub first_key: Position,
    pub available: Spanned<bool>,
    pub url: Option<Str>,
    pub reason: Option<Str>,
}

#[derive(Debug, Clone, Default)]
pub struct Place {
    pub address: Option<Str>,
    pub hours: Option<Str>,
    pub phone: Option<Str>,
}

#[derive(Debug, Clone)]
pub struct Handlers {
    pub written: Written,
    pub first_key: Position,
    pub primary: Str,
    pub substitute: Option<Str>,
}

#[derive(Debug, Clone)]
pub struct Appointment {
    pub written: Written,
    pub first_key: Position,
    pub channels: Vec<Str>,
    pub reply_within: Option<TimeSpan>,
}

#[derive(Debug, Clone)]
pub struct Refusal {
    pub written: Written,
    pub first_key: Position,
    pub case: Str,
    pub basis: Option<LawReference>,
    /// (v2) 不予受理 (the default) or 不予批准.
    pub kind: RefusalKind,
}

/// (v2) Refused at the window (行政许可法第三十二条) or after review (第三十八条).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum RefusalKind {
    #[default]
    NotAccepted,
    NotApproved,
}

impl RefusalKind {
    pub const ALL: [(&'static str, RefusalKind); 2] = [
        ("不予受理", RefusalKind::NotAccepted),
        ("不予批准", RefusalKind::NotApproved),
    ];

    pub fn label(self) -> &'static str {
        match self {
            RefusalKind::NotAccepted => "不予受理",
            RefusalKind::NotApproved => "不予批准",
        }
    }
}

/// (v2) The implementing body when it is not simply the site's authority in its own name.
#[derive(Debug, Clone, Default)]
pub struct Authority {
    /// Position of the `authority` key.
    pub key: Position,
    /// 法定机关 / 法律法规授权组织 / 受委托组织; empty when invalid (already reported).
    pub nature: Str,
    pub entrusted_by: Option<Str>,
    pub entrustment_basis: Option<LawReference>,
    pub written: Written,
}

impl Authority {
    pub fn is_entrusted(&self) -> bool {
        &*self.nature.value == "受委托组织"
    }
}

/// (v2) 告知承诺: the commitment a visitor may sign instead of submitting materials.
#[derive(Debug, Clone, Default)]
pub struct Commitment {
    /// Position of the `commitment` key.
    pub key: Position,
    pub written: Written,
    pub form: Option<Str>,
    pub verification: Option<Str>,
    pub consequence: Option<Str>,
    pub scope: Option<Str>,
}

/// (v2) An intermediary service the applicant must buy.
#[derive(Debug, Clone)]
pub struct Intermediary {
    pub name: Str,
    pub provider: Option<Str>,
    pub fee: Option<Str>,
    pub basis: Option<LawReference>,
}

#[derive(Debug, Clone)]
pub struct Faq {
    pub question: Str,
    pub answer: Str,
}

/// One approval or service item (事项).
#[derive(Debug, Clone, Default)]
pub struct Item {
    pub written: Written,
    pub id: String,
    pub file: String,
    pub first_key: Position,
    pub code: Str,
    pub name: Str,
    pub item_type: Str,
    pub department: Str,
    pub audience: Vec<Str>,
    pub summary: Option<Str>,
    pub legal_basis: Vec<LegalBasis>,
    pub conditions: Vec<Condition>,
    pub materials: Vec<Material>,
    pub procedure: Vec<Step>,
    pub time_limit: Option<TimeLimit>,
    pub fees: Option<Fees>,
    pub result: Option<ResultDocument>,
    pub visits: Option<Spanned<u64>>,
    pub visits_reason: Option<Str>,
    pub online: Option<Online>,
    pub place: Option<Place>,
    pub handlers: Option<Handlers>,
    pub appointment: Option<Appointment>,
    pub refusals: Option<Vec<Refusal>>,
    pub faq: Vec<Faq>,
    pub tags: Vec<Str>,
    pub updated: Option<Spanned<jiff::civil::Date>>,
    /// (v2) A draft: checked as warnings, left out of `build` unless `--drafts`.
    pub draft: bool,
    /// (v2)
    pub authority: Option<Authority>,
    /// (v2) Overrides site.yaml's redress for this item.
    pub redress: Option<Redress>,
    /// (v2) 数量限制 (行政许可法第三十条).
    pub quantity_limit: Option<Str>,
    /// (v2)
    pub commitment: Option<Commitment>,
    /// (v2)
    pub intermediary: Vec<Intermediary>,
    /// (v2) The situations (办事情形) a visitor may be in.
    pub situations: Vec<Str>,
}

impl Item {
    pub fn is_licensing(&self) -> bool {
        &*self.item_type.value == "行政许可"
    }

    /// Every law reference of the item, wherever it sits.
    pub fn law_references(&self) -> impl Iterator<Item = &LawReference> {
        let legal = self.legal_basis.iter().map(|basis| &basis.reference);
        let conditions = self.conditions.iter().filter_map(|c| c.basis.as_ref());
        let materials = self.materials.iter().filter_map(|m| m.basis.as_ref());
        let refusals = self
            .refusals
            .iter()
            .flatten()
            .filter_map(|r| r.basis.as_ref());
        let fees = self
            .fees
            .iter()
            .flat_map(|f| f.items.iter())
            .filter_map(|i| i.basis.as_ref());
        let excluded = self
            .time_limit
            .iter()
            .flat_map(|t| t.excluded.iter())
            .filter_map(|e| e.basis.as_ref());
        let statutory = self
            .time_limit
            .iter()
            .filter_map(|t| t.statutory_basis.as_ref());
        let extension = self
            .time_limit
            .iter()
            .filter_map(|t| t.extension.as_ref()?.basis.as_ref());
        let intermediary = self.intermediary.iter().filter_map(|i| i.basis.as_ref());
        let entrustment = self
            .authority
            .iter()
            .filter_map(|a| a.entrustment_basis.as_ref());
        legal
            .chain(conditions)
            .chain(materials)
            .chain(refusals)
            .chain(fees)
            .chain(excluded)
            .chain(statutory)
            .chain(extension)
            .chain(intermediary)
            .chain(entrustment)
    }

    /// Every path under content/files/ the item names: forms and samples of materials, the
    /// commitment form, the result's sample.
    pub fn file_paths(&self) -> impl Iterator<Item = &Str> {
        let materials = self
            .materials
            .iter()
            .flat_map(|m| m.blank_form.iter().chain(m.sample.iter()));
        let commitment = self.commitment.iter().filter_map(|c| c.form.as_ref());
        let result = self.result.iter().filter_map(|r| r.sample.as_ref());
        materials.chain(commitment).chain(result)
    }
}

/// A free Markdown page.
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub slug: String,
    pub file: String,
    pub title: Str,
    pub order: i64,
    pub menu: bool,
    /// (v2) A draft page.
    pub draft: bool,
    pub body: String,
    /// Line of the file on which `body` starts.
    pub body_line: u32,
}

/// A file under content/files/ (relative path with `/`), published under /files/.
#[derive(Debug, Clone)]
pub struct Attachment {
    pub relative: String,
    pub path: std::path::PathBuf,
}

/// The whole content of a site.
#[derive(Debug, Default)]
pub struct SiteModel {
    pub site: Site,
    pub departments: BTreeMap<String, Department>,
    pub laws: BTreeMap<String, Law>,
    /// Sorted by id.
    pub items: Vec<Item>,
    /// Sorted by (order, slug).
    pub pages: Vec<Page>,
    pub attachments: Vec<Attachment>,
    /// What git says changed, and when (empty without git or without the `history` feature).
    pub history: history::SiteHistory,
}

impl SiteModel {
    /// Leaves out draft items and pages (`build` without `--drafts`).
    pub fn remove_drafts(&mut self) {
        self.items.retain(|item| !item.draft);
        self.pages.retain(|page| !page.draft);
    }
}

pub const ITEM_TYPES: &[&str] = &[
    "行政许可",
    "行政确认",
    "行政给付",
    "行政裁决",
    "行政奖励",
    "行政备案",
    "其他行政权力",
    "公共服务",
];
pub const AUDIENCES: &[&str] = &["自然人", "法人", "非法人组织"];
pub const MEDIUMS: &[&str] = &["纸质", "电子", "纸质或电子"];
pub const SOURCES: &[&str] = &["申请人自备", "政府部门核发", "中介机构出具", "其他"];
pub const RESULT_TYPES: &[&str] = &["证照", "批文", "其他"];
/// (v2) How a material is exempt.
pub const EXEMPTION_KINDS: &[&str] = &["共享获取", "电子证照", "告知承诺", "申报承诺"];
/// (v2) The nature of the implementing body.
pub const AUTHORITY_NATURES: &[&str] = &["法定机关", "法律法规授权组织", "受委托组织"];

pub use crate::load::is_valid_id;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_share_one_allocation_and_written_keys_are_bits() {
        let interner = Interner::default();
        let first = interner.intern("申请人自备");
        let again = interner.intern(&String::from("申请人自备"));
        let other = interner.intern("政府部门核发");
        assert!(std::sync::Arc::ptr_eq(&first, &again));
        assert!(!std::sync::Arc::ptr_eq(&first, &other));
        assert_eq!(&*other, "政府部门核发");
        assert_eq!(&*interner.intern(""), "");

        let written = Written::of(&format::DEPARTMENT, |key| key != "room");
        assert!(written.has(format::department::PHONE) && written.has(format::department::HEAD));
        assert!(!written.has(format::department::ROOM));
        assert!(!Written::default().has(format::department::PHONE));
    }
}
