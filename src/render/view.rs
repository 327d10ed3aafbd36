//! The view model: what templates see. Built per page from the model, borrowing strings (no
//! whole-site clone per page); Markdown fields arrive as `*_html`, already rendered safely;
//! every other string is plain text that tera escapes. Each view is documented for template
//! authors in docs/templates.md.

use std::collections::BTreeMap;

use serde::Serialize;

use super::routes::Route;
use crate::markdown;
use crate::model::{
    Department, Item, Law, LawReference, Page, RefusalKind, Required, Site, SiteModel, TimeSpan,
};

/// Site-wide values, in tera's global context as `site`.
#[derive(Debug, Serialize)]
pub struct SiteView {
    pub title: String,
    pub authority: String,
    pub base_url: String,
    /// Path part of base_url, always ending in `/` (`/bszn/`); every link starts with it.
    pub base_path: String,
    pub language: String,
    pub address: String,
    pub hours: String,
    pub phone: String,
    pub complaint: ComplaintView,
    pub redress_review: String,
    pub redress_litigation: String,
    pub menu: Vec<LinkView>,
    pub item_count: usize,
    pub department_count: usize,
    /// There is a change history (git): the footer links the 最近更新 page.
    pub has_changes: bool,
}

#[derive(Debug, Serialize, Default)]
pub struct ComplaintView {
    pub phone: String,
    pub address: String,
    pub email: String,
    pub url: String,
}

#[derive(Debug, Serialize, Clone)]
pub struct LinkView {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Serialize)]
pub struct ReferenceView<'a> {
    pub law_id: &'a str,
    pub law_title: &'a str,
    pub article: &'a str,
    /// Link to the article on the law page.
    pub url: String,
}

#[derive(Debug, Serialize)]
pub struct LegalBasisView<'a> {
    #[serde(flatten)]
    pub reference: ReferenceView<'a>,
    /// The item's own wording, else the article summary from the law file, else empty.
    pub text: &'a str,
}

#[derive(Debug, Serialize)]
pub struct ConditionView<'a> {
    pub text: &'a str,
    pub basis: Option<ReferenceView<'a>>,
}

#[derive(Debug, Serialize)]
pub struct MaterialView<'a> {
    pub name: &'a str,
    /// True when always required; otherwise `case` names when it is needed.
    pub required: bool,
    pub case: &'a str,
    /// Position (from 1) of `case` in the item's `situations`; 0 when always required (or when
    /// `case` is none of them). Pages mark the material's row with it, for the situation filter.
    pub situation: usize,
    pub originals: u64,
    pub copies: u64,
    pub medium: &'a str,
    pub paper_size: &'a str,
    pub source: &'a str,
    pub issuer: &'a str,
    pub blank_form_url: String,
    pub sample_url: String,
    pub note_html: String,
    pub basis: Option<ReferenceView<'a>>,
    /// (v2) How the visitor is spared submitting it (共享获取...), empty when not exempt.
    pub exempt_by: &'a str,
    /// (v2) In which case it is exempt; empty: always.
    pub exempt_when: &'a str,
    /// (v2) Exempt in every case: nothing to bring (not counted on the slip).
    pub exempt_always: bool,
}

/// (v2) 告知承诺: the commitment a visitor may sign instead of some materials.
#[derive(Debug, Serialize)]
pub struct CommitmentView {
    pub form_url: String,
    /// The form's file name, for the link text.
    pub form_name: String,
    pub verification_html: String,
    pub consequence_html: String,
    /// The consequence as plain text, for the one line of the slip.
    pub consequence_text: String,
    pub scope_html: String,
    /// Names of the materials the commitment replaces.
    pub replaces: Vec<String>,
}

/// (v2) An intermediary service the applicant must buy.
#[derive(Debug, Serialize)]
pub struct IntermediaryView<'a> {
    pub name: &'a str,
    pub provider: &'a str,
    pub fee: &'a str,
    pub basis: Option<ReferenceView<'a>>,
}

/// Administrative review and litigation for an item (every type but 公共服务).
#[derive(Debug, Serialize)]
pub struct RedressView<'a> {
    pub review: &'a str,
    pub litigation: &'a str,
    /// 复议前置: review first, court only after the review decision.
    pub review_first: bool,
}

#[derive(Debug, Serialize)]
pub struct StepView<'a> {
    pub number: usize,
    pub step: &'a str,
    pub actor: &'a str,
    pub time_limit: String,
    pub description: &'a str,
}

#[derive(Debug, Serialize)]
pub struct ExcludedView<'a> {
    pub name: &'a str,
    pub time_limit: String,
    pub basis: Option<ReferenceView<'a>>,
}

#[derive(Debug, Serialize)]
pub struct FeeView<'a> {
    pub name: &'a str,
    pub amount: &'a str,
    pub basis: Option<ReferenceView<'a>>,
}

#[derive(Debug, Serialize)]
pub struct RefusalView<'a> {
    pub case: &'a str,
    pub basis: Option<ReferenceView<'a>>,
    /// (v2) 不予受理 or 不予批准.
    pub kind: &'static str,
}

#[derive(Debug, Serialize)]
pub struct FaqView<'a> {
    pub question: &'a str,
    pub answer_html: String,
}

/// A short reference to an item, for lists.
#[derive(Debug, Serialize, Clone)]
pub struct ItemLink<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub code: &'a str,
    pub item_type: &'a str,
    pub url: String,
}

#[derive(Debug, Serialize)]
pub struct DepartmentLink<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub phone: &'a str,
    pub room: &'a str,
    pub head: &'a str,
    pub url: String,
}

/// `item` in item.html.
#[derive(Debug, Serialize)]
pub struct ItemView<'a> {
    pub id: &'a str,
    pub url: String,
    /// Absolute URL (base_url + path), for print and sharing.
    pub permalink: String,
    /// QR code of `permalink` as inline SVG (no XML declaration), for printed pages: paper is
    /// checked against the online version by scanning it. Deterministic.
    pub qr_svg: String,
    pub code: &'a str,
    pub name: &'a str,
    pub item_type: &'a str,
    pub is_licensing: bool,
    pub department: DepartmentLink<'a>,
    pub audience: Vec<&'a str>,
    pub summary_html: String,
    pub legal_basis: Vec<LegalBasisView<'a>>,
    pub conditions: Vec<ConditionView<'a>>,
    pub materials: Vec<MaterialView<'a>>,
    /// The situations (办事情形) a visitor may be in, as questions above the materials:
    /// [`item_situations`].
    pub situations: Vec<&'a str>,
    pub procedure: Vec<StepView<'a>>,
    pub statutory_limit: String,
    pub promised_limit: String,
    pub excluded: Vec<ExcludedView<'a>>,
    pub free: bool,
    pub fees: Vec<FeeView<'a>>,
    pub result_name: &'a str,
    pub result_type: &'a str,
    pub delivery: Vec<&'a str>,
    pub visits: u64,
    pub visits_reason: &'a str,
    pub online_available: bool,
    pub online_url: &'a str,
    pub online_reason: &'a str,
    /// Effective place of service: the item's own address, hours and phone; else the site's
    /// address and hours and the department's phone (then the site's).
    pub address: &'a str,
    pub hours: &'a str,
    pub phone: &'a str,
    pub primary_post: &'a str,
    pub substitute_post: &'a str,
    pub appointment_channels: Vec<&'a str>,
    pub reply_within: String,
    pub refusals: Vec<RefusalView<'a>>,
    /// (v2) A draft (shown only by `serve` and `build --drafts`, with a banner).
    pub draft: bool,
    /// (v2) The refusals grouped: refused at the window, refused after review.
    pub refusals_not_accepted: Vec<RefusalView<'a>>,
    pub refusals_not_approved: Vec<RefusalView<'a>>,
    /// (v2) The implementing body's nature (法定机关...); empty when the site's authority acts.
    pub authority_nature: &'a str,
    /// (v2) The body in whose name decisions are made: the entrusting body for an entrusted
    /// item, else the site's authority.
    pub decides_in_name_of: &'a str,
    pub entrusted_by: &'a str,
    pub entrustment_basis: Option<ReferenceView<'a>>,
    /// (v2) The basis of the statutory limit, its extension (`20 个工作日`), who approves it
    /// and on what basis.
    pub statutory_basis: Option<ReferenceView<'a>>,
    pub extension: String,
    pub extension_approver: &'a str,
    pub extension_basis: Option<ReferenceView<'a>>,
    pub quantity_limit: &'a str,
    pub commitment: Option<CommitmentView>,
    pub intermediary: Vec<IntermediaryView<'a>>,
    pub result_sample_url: String,
    pub result_validity: &'a str,
    pub fee_waiver_html: String,
    /// (v2) Review and litigation; `None` for 公共服务.
    pub redress: Option<RedressView<'a>>,
    /// Materials to bring: all but those exempt in every case.
    pub materials_to_bring: usize,
    pub faq: Vec<FaqView<'a>>,
    pub tags: Vec<&'a str>,
    pub updated: String,
    /// The change history from git, newest first (empty without git: the page is then as it
    /// was before the history existed).
    pub history: &'a [crate::model::history::HistoryEntry],
    /// (serve) The changes of the item's file not yet committed.
    pub uncommitted: &'a [crate::model::history::ChangeLine],
    /// Head metadata: schema.org JSON-LD (escaped for `<script>`, use `| safe`) and a plain-text
    /// description for Open Graph (src/render/data.rs).
    pub metadata: super::metadata::ItemMetadata,
}

/// Builds views with the site's base path and the lookups every view needs.
pub struct Views<'a> {
    pub model: &'a SiteModel,
    pub base_path: String,
    pub base_url: String,
}

pub fn base_path_of(base_url: &str) -> String {
    let after_scheme = base_url
        .split_once("://")
        .map(|(_, rest)| rest)
        .unwrap_or(base_url);
    let path = after_scheme
        .find('/')
        .map(|index| &after_scheme[index..])
        .unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let mut path = path.trim_end_matches('/').to_string();
    path.push('/');
    path
}

/// The situations of `item`, in order: its own `situations` (content format v2) when it has them,
/// else the distinct texts of its materials' `required`, in order of first use. The item page
/// asks about each; a material needed in one of them is listed only when the visitor ticks it.
pub fn item_situations(item: &Item) -> Vec<&str> {
    if !item.situations.is_empty() {
        return item.situations.iter().map(|s| s.as_str()).collect();
    }
    let mut situations: Vec<&str> = Vec::new();
    for material in &item.materials {
        if let Required::When(case) = &material.required
            && !situations.contains(&case.as_str())
        {
            situations.push(case.as_str());
        }
    }
    situations
}

fn limit(span: &Option<TimeSpan>) -> String {
    span.as_ref().map(TimeSpan::label).unwrap_or_default()
}

impl<'a> Views<'a> {
    pub fn new(model: &'a SiteModel, base_url_override: Option<&str>) -> Self {
        let base_url = base_url_override
            .unwrap_or(&model.site.base_url.value)
            .to_string();
        let base_url = if base_url.ends_with('/') {
            base_url
        } else {
            format!("{base_url}/")
        };
        Views {
            model,
            base_path: base_path_of(&base_url),
            base_url,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_path, path)
    }

    pub fn item_url(&self, id: &str) -> String {
        self.url(&Route::Item(id).link())
    }

    pub fn department_url(&self, id: &str) -> String {
        self.url(&Route::Department(id).link())
    }

    pub fn law_url(&self, id: &str) -> String {
        self.url(&Route::Law(id).link())
    }

    pub fn file_url(&self, relative: &str) -> String {
        self.url(&Route::File(relative).link())
    }

    pub fn markdown(&self, text: &str) -> String {
        markdown::to_html(text, &self.base_path)
    }

    pub fn site(&self) -> SiteView {
        let site: &Site = &self.model.site;
        let complaint = site.complaint.as_ref().map(|c| ComplaintView {
            phone: c
                .phone
                .as_ref()
                .map(|t| t.value.to_string())
                .unwrap_or_default(),
            address: c
                .address
                .as_ref()
                .map(|t| t.value.to_string())
                .unwrap_or_default(),
            email: c
                .email
                .as_ref()
                .map(|t| t.value.to_string())
                .unwrap_or_default(),
            url: c
                .url
                .as_ref()
                .map(|t| t.value.to_string())
                .unwrap_or_default(),
        });
        SiteView {
            title: site.title.value.to_string(),
            authority: site.authority.value.to_string(),
            base_url: self.base_url.clone(),
            base_path: self.base_path.clone(),
            language: site.language.clone(),
            address: site.address.value.to_string(),
            hours: site.hours.value.to_string(),
            phone: site.phone.value.to_string(),
            complaint: complaint.unwrap_or_default(),
            redress_review: site.redress.review.value.to_string(),
            redress_litigation: site.redress.litigation.value.to_string(),
            menu: self
                .model
                .pages
                .iter()
                .filter(|page| page.menu)
                .map(|page| LinkView {
                    title: page.title.value.to_string(),
                    url: self.url(&Route::Page(&page.slug).link()),
                })
                .collect(),
            item_count: self.model.items.len(),
            department_count: self.model.departments.len(),
            has_changes: !self.model.history.recent.is_empty(),
        }
    }

    /// Anchor of an article on its law page (`art-3`), by its position in the law's list.
    pub fn article_anchor(law: &Law, article: &str) -> Option<String> {
        let articles = law.articles.as_ref()?;
        let index = articles
            .iter()
            .position(|(key, _)| &*key.value == article)?;
        Some(format!("art-{}", index + 1))
    }

    pub fn reference(&self, reference: &'a LawReference) -> ReferenceView<'a> {
        let law = self.model.laws.get(&*reference.law.value);
        let anchor = law.and_then(|law| Self::article_anchor(law, &reference.article.value));
        let mut url = self.law_url(&reference.law.value);
        if let Some(anchor) = anchor {
            url.push('#');
            url.push_str(&anchor);
        }
        ReferenceView {
            law_id: &reference.law.value,
            law_title: law
                .map(|law| law.title.as_str())
                .unwrap_or(&reference.law.value),
            article: &reference.article.value,
            url,
        }
    }

    pub fn item_link(&self, item: &'a Item) -> ItemLink<'a> {
        ItemLink {
            id: &item.id,
            name: &item.name.value,
            code: &item.code.value,
            item_type: &item.item_type.value,
            url: self.item_url(&item.id),
        }
    }

    pub fn department_link(
        &self,
        department: Option<&'a Department>,
        id: &'a str,
    ) -> DepartmentLink<'a> {
        let text = |value: Option<&'a crate::model::Str>| value.map(|t| t.as_str()).unwrap_or("");
        DepartmentLink {
            id,
            name: department.map(|d| d.name.as_str()).unwrap_or(id),
            phone: department.map(|d| text(d.phone.as_ref())).unwrap_or(""),
            room: department.map(|d| text(d.room.as_ref())).unwrap_or(""),
            head: department.map(|d| text(d.head.as_ref())).unwrap_or(""),
            url: self.department_url(id),
        }
    }

    pub fn item(&self, item: &'a Item) -> ItemView<'a> {
        self.item_view(item, true)
    }

    fn refusal(&self, refusal: &'a crate::model::Refusal) -> RefusalView<'a> {
        RefusalView {
            case: &refusal.case.value,
            basis: refusal.basis.as_ref().map(|b| self.reference(b)),
            kind: refusal.kind.label(),
        }
    }

    /// The view of `item` with an empty `qr_svg`, for outputs that do not print it (the feed).
    pub fn item_without_qr(&self, item: &'a Item) -> ItemView<'a> {
        self.item_view(item, false)
    }

    /// Long on purpose: one struct literal with a line per field of [`ItemView`] (what the item
    /// page, the slip and the book show), in the page's order, beside the few values several
    /// fields share (the place, the phone, the situations).
    fn item_view(&self, item: &'a Item, with_qr: bool) -> ItemView<'a> {
        let text =
            |value: &'a Option<crate::model::Str>| value.as_ref().map(|t| t.as_str()).unwrap_or("");
        let site = &self.model.site;
        let department = self.model.departments.get(&*item.department.value);
        let place = item.place.as_ref();
        let place_text = |pick: fn(&'a crate::model::Place) -> &'a Option<crate::model::Str>| {
            place.and_then(|p| pick(p).as_ref()).map(|t| t.as_str())
        };
        let address = place_text(|p| &p.address).unwrap_or(site.address.as_str());
        let phone = place_text(|p| &p.phone)
            .or_else(|| {
                department
                    .and_then(|d| d.phone.as_ref())
                    .map(|p| p.as_str())
            })
            .unwrap_or(site.phone.as_str());
        let time_limit = item.time_limit.as_ref();
        let fees = item.fees.as_ref();
        let permalink = format!("{}items/{}/", self.base_url, item.id);
        let situations = item_situations(item);
        let situation_of = |required: &Required| match required {
            Required::When(case) => situations
                .iter()
                .position(|situation| *situation == case.as_str())
                .map_or(0, |index| index + 1),
            Required::Always => 0,
        };
        let mut view = ItemView {
            id: &item.id,
            url: self.item_url(&item.id),
            qr_svg: if with_qr {
                super::qr::qr_svg(&permalink)
            } else {
                String::new()
            },
            permalink,
            code: &item.code.value,
            name: &item.name.value,
            item_type: &item.item_type.value,
            is_licensing: item.is_licensing(),
            department: self.department_link(department, &item.department.value),
            audience: item.audience.iter().map(|a| a.as_str()).collect(),
            summary_html: item
                .summary
                .as_ref()
                .map(|s| self.markdown(&s.value))
                .unwrap_or_default(),
            legal_basis: item
                .legal_basis
                .iter()
                .map(|basis| LegalBasisView {
                    reference: self.reference(&basis.reference),
                    text: basis.text.as_ref().map(|t| t.as_str()).unwrap_or_else(|| {
                        self.model
                            .laws
                            .get(&*basis.reference.law.value)
                            .and_then(|law| law.article_text(&basis.reference.article.value))
                            .unwrap_or("")
                    }),
                })
                .collect(),
            conditions: item
                .conditions
                .iter()
                .map(|c| ConditionView {
                    text: &c.text.value,
                    basis: c.basis.as_ref().map(|b| self.reference(b)),
                })
                .collect(),
            materials: item
                .materials
                .iter()
                .map(|m| MaterialView {
                    name: &m.name.value,
                    required: matches!(m.required, Required::Always),
                    case: match &m.required {
                        Required::When(case) => case.as_str(),
                        Required::Always => "",
                    },
                    situation: situation_of(&m.required),
                    originals: m.originals.value,
                    copies: m.copies.value,
                    medium: &m.medium.value,
                    paper_size: text(&m.paper_size),
                    source: &m.source.value,
                    issuer: text(&m.issuer),
                    blank_form_url: m
                        .blank_form
                        .as_ref()
                        .map(|p| self.file_url(&p.value))
                        .unwrap_or_default(),
                    sample_url: m
                        .sample
                        .as_ref()
                        .map(|p| self.file_url(&p.value))
                        .unwrap_or_default(),
                    note_html: m
                        .note
                        .as_ref()
                        .map(|n| self.markdown(&n.value))
                        .unwrap_or_default(),
                    basis: m.basis.as_ref().map(|b| self.reference(b)),
                    exempt_by: m.exempt.as_ref().map(|e| e.by.as_str()).unwrap_or(""),
                    exempt_when: m.exempt.as_ref().map(|e| text(&e.when)).unwrap_or(""),
                    exempt_always: m.is_exempt_always(),
                })
                .collect(),
            situations: situations.clone(),
            procedure: item
                .procedure
                .iter()
                .enumerate()
                .map(|(index, s)| StepView {
                    number: index + 1,
                    step: &s.step.value,
                    actor: &s.actor.value,
                    time_limit: limit(&s.time_limit),
                    description: text(&s.description),
                })
                .collect(),
            statutory_limit: time_limit.map(|t| limit(&t.statutory)).unwrap_or_default(),
            promised_limit: time_limit.map(|t| limit(&t.promised)).unwrap_or_default(),
            excluded: time_limit
                .map(|t| {
                    t.excluded
                        .iter()
                        .map(|e| ExcludedView {
                            name: &e.name.value,
                            time_limit: limit(&e.time_limit),
                            basis: e.basis.as_ref().map(|b| self.reference(b)),
                        })
                        .collect()
                })
                .unwrap_or_default(),
            free: fees.is_some_and(|f| f.is_free()),
            fees: fees
                .map(|f| {
                    f.items
                        .iter()
                        .map(|i| FeeView {
                            name: &i.name.value,
                            amount: text(&i.amount),
                            basis: i.basis.as_ref().map(|b| self.reference(b)),
                        })
                        .collect()
                })
                .unwrap_or_default(),
            result_name: item.result.as_ref().map(|r| r.name.as_str()).unwrap_or(""),
            result_type: item.result.as_ref().map(|r| r.kind.as_str()).unwrap_or(""),
            delivery: item
                .result
                .iter()
                .flat_map(|r| r.delivery.iter().map(|d| d.as_str()))
                .collect(),
            visits: item.visits.as_ref().map(|v| v.value).unwrap_or(0),
            visits_reason: text(&item.visits_reason),
            online_available: item.online.as_ref().is_some_and(|o| o.available.value),
            online_url: item.online.as_ref().map(|o| text(&o.url)).unwrap_or(""),
            online_reason: item.online.as_ref().map(|o| text(&o.reason)).unwrap_or(""),
            address,
            hours: place_text(|p| &p.hours).unwrap_or(site.hours.as_str()),
            phone,
            primary_post: item
                .handlers
                .as_ref()
                .map(|h| h.primary.as_str())
                .unwrap_or(""),
            substitute_post: item
                .handlers
                .as_ref()
                .map(|h| text(&h.substitute))
                .unwrap_or(""),
            appointment_channels: item
                .appointment
                .iter()
                .flat_map(|a| a.channels.iter().map(|c| c.as_str()))
                .collect(),
            reply_within: item
                .appointment
                .as_ref()
                .map(|a| limit(&a.reply_within))
                .unwrap_or_default(),
            refusals: item
                .refusals
                .iter()
                .flatten()
                .map(|r| self.refusal(r))
                .collect(),
            draft: item.draft,
            refusals_not_accepted: item
                .refusals
                .iter()
                .flatten()
                .filter(|r| r.kind == RefusalKind::NotAccepted)
                .map(|r| self.refusal(r))
                .collect(),
            refusals_not_approved: item
                .refusals
                .iter()
                .flatten()
                .filter(|r| r.kind == RefusalKind::NotApproved)
                .map(|r| self.refusal(r))
                .collect(),
            authority_nature: item
                .authority
                .as_ref()
                .map(|a| a.nature.as_str())
                .unwrap_or(""),
            decides_in_name_of: item
                .authority
                .as_ref()
                .filter(|a| a.is_entrusted())
                .and_then(|a| a.entrusted_by.as_ref())
                .map(|by| by.as_str())
                .unwrap_or(site.authority.as_str()),
            entrusted_by: item
                .authority
                .as_ref()
                .map(|a| text(&a.entrusted_by))
                .unwrap_or(""),
            entrustment_basis: item
                .authority
                .as_ref()
                .and_then(|a| a.entrustment_basis.as_ref())
                .map(|b| self.reference(b)),
            statutory_basis: time_limit
                .and_then(|t| t.statutory_basis.as_ref())
                .map(|b| self.reference(b)),
            extension: time_limit
                .and_then(|t| t.extension.as_ref())
                .map(|e| limit(&e.span))
                .unwrap_or_default(),
            extension_approver: time_limit
                .and_then(|t| t.extension.as_ref())
                .map(|e| text(&e.approver))
                .unwrap_or(""),
            extension_basis: time_limit
                .and_then(|t| t.extension.as_ref()?.basis.as_ref())
                .map(|b| self.reference(b)),
            quantity_limit: text(&item.quantity_limit),
            commitment: item.commitment.as_ref().map(|c| CommitmentView {
                form_url: c
                    .form
                    .as_ref()
                    .map(|p| self.file_url(&p.value))
                    .unwrap_or_default(),
                form_name: c
                    .form
                    .as_ref()
                    .map(|p| p.value.rsplit('/').next().unwrap_or_default().to_string())
                    .unwrap_or_default(),
                verification_html: c
                    .verification
                    .as_ref()
                    .map(|t| self.markdown(&t.value))
                    .unwrap_or_default(),
                consequence_html: c
                    .consequence
                    .as_ref()
                    .map(|t| self.markdown(&t.value))
                    .unwrap_or_default(),
                consequence_text: c
                    .consequence
                    .as_ref()
                    .map(|t| {
                        crate::markdown::plain_text(&t.value)
                            .trim()
                            .replace('\n', " ")
                    })
                    .unwrap_or_default(),
                scope_html: c
                    .scope
                    .as_ref()
                    .map(|t| self.markdown(&t.value))
                    .unwrap_or_default(),
                replaces: item
                    .materials
                    .iter()
                    .filter(|m| {
                        m.exempt
                            .as_ref()
                            .is_some_and(|e| &*e.by.value == "告知承诺")
                    })
                    .map(|m| m.name.value.to_string())
                    .collect(),
            }),
            intermediary: item
                .intermediary
                .iter()
                .map(|i| IntermediaryView {
                    name: &i.name.value,
                    provider: text(&i.provider),
                    fee: text(&i.fee),
                    basis: i.basis.as_ref().map(|b| self.reference(b)),
                })
                .collect(),
            result_sample_url: item
                .result
                .as_ref()
                .and_then(|r| r.sample.as_ref())
                .map(|p| self.file_url(&p.value))
                .unwrap_or_default(),
            result_validity: item
                .result
                .as_ref()
                .map(|r| text(&r.validity))
                .unwrap_or(""),
            fee_waiver_html: fees
                .and_then(|f| f.waiver.as_ref())
                .map(|w| self.markdown(&w.value))
                .unwrap_or_default(),
            // Every item but 公共服务 states review and litigation; a 公共服务 item only when it
            // names its own (a refusal to disclose information, reviewed first).
            redress: (item.redress.is_some()
                || (!item.item_type.value.is_empty() && &*item.item_type.value != "公共服务"))
                .then(|| match &item.redress {
                    Some(own) => RedressView {
                        review: &own.review.value,
                        litigation: &own.litigation.value,
                        review_first: own.review_first,
                    },
                    None => RedressView {
                        review: &site.redress.review.value,
                        litigation: &site.redress.litigation.value,
                        review_first: false,
                    },
                }),
            materials_to_bring: item
                .materials
                .iter()
                .filter(|m| !m.is_exempt_always())
                .count(),
            faq: item
                .faq
                .iter()
                .map(|f| FaqView {
                    question: &f.question.value,
                    answer_html: self.markdown(&f.answer.value),
                })
                .collect(),
            tags: item.tags.iter().map(|t| t.as_str()).collect(),
            updated: item
                .updated
                .as_ref()
                .map(|u| u.value.to_string())
                .unwrap_or_default(),
            history: self
                .model
                .history
                .items
                .get(item.id.as_str())
                .map(Vec::as_slice)
                .unwrap_or(&[]),
            uncommitted: self
                .model
                .history
                .uncommitted
                .get(item.id.as_str())
                .map(Vec::as_slice)
                .unwrap_or(&[]),
            metadata: Default::default(),
        };
        view.metadata = super::metadata::item_metadata(self, item, &view);
        view
    }
}

/// An entry of changes.html: a change of an item, a department or a law, with a link to its page.
#[derive(Debug, Serialize)]
pub struct RecentChangeView<'a> {
    #[serde(flatten)]
    pub entry: &'a crate::model::history::HistoryEntry,
    /// 股室 or 法规 before a department's or a law's name; empty for an item.
    pub kind: &'static str,
    pub name: &'a str,
    /// Its page; empty when it no longer exists.
    pub url: String,
}

impl<'a> Views<'a> {
    /// The site's recent changes for changes.html, newest first.
    pub fn recent_changes(&self) -> Vec<RecentChangeView<'a>> {
        use super::routes::Route;
        use crate::model::history::Subject;
        self.model
            .history
            .recent
            .iter()
            .map(|change| RecentChangeView {
                entry: &change.entry,
                kind: match change.subject {
                    Subject::Item => "",
                    Subject::Department => "股室",
                    Subject::Law => "法规",
                    Subject::Site => "",
                },
                name: &change.name,
                url: change
                    .id
                    .as_deref()
                    .map(|id| {
                        self.url(
                            &match change.subject {
                                Subject::Item => Route::Item(id),
                                Subject::Department => Route::Department(id),
                                Subject::Law => Route::Law(id),
                                Subject::Site => Route::Home,
                            }
                            .link(),
                        )
                    })
                    .unwrap_or_default(),
            })
            .collect()
    }
}

/// `department` in department.html and entries of departments.html.
#[derive(Debug, Serialize)]
pub struct DepartmentView<'a> {
    #[serde(flatten)]
    pub link: DepartmentLink<'a>,
    pub functions_html: String,
    /// [`ItemLink`]s as template values (shared with the lists by tag).
    pub items: Vec<tera::Value>,
}

/// An article on a law page with the items that cite it.
#[derive(Debug, Serialize)]
pub struct ArticleView<'a> {
    pub article: &'a str,
    pub anchor: String,
    pub text: &'a str,
    pub cited_by: Vec<ItemLink<'a>>,
}

/// `law` in law.html.
#[derive(Debug, Serialize)]
pub struct LawView<'a> {
    #[serde(flatten)]
    pub summary: LawSummary<'a>,
    /// Listed articles in file order, then articles cited but not listed.
    pub articles: Vec<ArticleView<'a>>,
}

/// A law in laws.html (the index of laws): what [`LawView`] shows without its articles.
#[derive(Debug, Serialize)]
pub struct LawSummary<'a> {
    #[serde(flatten)]
    pub facts: LawFacts<'a>,
    pub url: String,
    /// Distinct items that cite the law.
    pub cited_by_count: usize,
}

/// What every view of a law shows about it (the law pages, their index, the print books).
#[derive(Debug, Serialize)]
pub struct LawFacts<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub doc_no: &'a str,
    pub issuer: &'a str,
    pub effective: String,
    pub amended: String,
    pub official_url: &'a str,
}

impl<'a> LawFacts<'a> {
    pub fn of(law: &'a Law) -> Self {
        let date = |date: &Option<crate::model::Spanned<jiff::civil::Date>>| {
            date.as_ref()
                .map(|d| d.value.to_string())
                .unwrap_or_default()
        };
        LawFacts {
            id: &law.id,
            title: &law.title.value,
            doc_no: law.doc_no.as_ref().map(|t| t.as_str()).unwrap_or(""),
            issuer: &law.issuer.value,
            effective: date(&law.effective),
            amended: date(&law.amended),
            official_url: law.url.as_ref().map(|t| t.as_str()).unwrap_or(""),
        }
    }
}

/// `page` in page.html.
#[derive(Debug, Serialize)]
pub struct PageView<'a> {
    pub slug: &'a str,
    pub url: String,
    pub title: &'a str,
    pub body_html: String,
    /// (v2) A draft page (shown only by `serve` and `build --drafts`, with a banner).
    pub draft: bool,
}

impl<'a> Views<'a> {
    pub fn page(&self, page: &'a Page) -> PageView<'a> {
        PageView {
            draft: page.draft,
            slug: &page.slug,
            url: self.url(&Route::Page(&page.slug).link()),
            title: &page.title.value,
            body_html: markdown::to_html_at(
                &page.body,
                &self.base_path,
                markdown::HeadingLevel::H2,
            ),
        }
    }

    /// law id -> article -> citing items (each item once per article), in item order.
    pub fn citations(&self) -> BTreeMap<&'a str, BTreeMap<&'a str, Vec<&'a Item>>> {
        let mut citations: BTreeMap<&str, BTreeMap<&str, Vec<&Item>>> = BTreeMap::new();
        for item in &self.model.items {
            for reference in item.law_references() {
                let list = citations
                    .entry(reference.law.as_str())
                    .or_default()
                    .entry(reference.article.as_str())
                    .or_default();
                if list.last().is_none_or(|last| last.id != item.id) {
                    list.push(item);
                }
            }
        }
        citations
    }

    pub fn law(
        &self,
        law: &'a Law,
        cited: Option<&BTreeMap<&'a str, Vec<&'a Item>>>,
    ) -> LawView<'a> {
        let empty = BTreeMap::new();
        let cited = cited.unwrap_or(&empty);
        let links = |article: &str| -> Vec<ItemLink<'a>> {
            cited
                .get(article)
                .map(|items| items.iter().map(|item| self.item_link(item)).collect())
                .unwrap_or_default()
        };
        let mut articles: Vec<ArticleView<'a>> = law
            .articles
            .iter()
            .flatten()
            .enumerate()
            .map(|(index, (key, text))| ArticleView {
                article: &key.value,
                anchor: format!("art-{}", index + 1),
                text: &text.value,
                cited_by: links(&key.value),
            })
            .collect();
        if law.articles.is_none() {
            for (index, article) in cited.keys().enumerate() {
                articles.push(ArticleView {
                    article,
                    anchor: format!("cited-{}", index + 1),
                    text: "",
                    cited_by: links(article),
                });
            }
        }
        LawView {
            summary: self.law_summary(law, Some(cited)),
            articles,
        }
    }

    /// The summary of `law` for the index of laws; `cited` as for [`Views::law`].
    pub fn law_summary(
        &self,
        law: &'a Law,
        cited: Option<&BTreeMap<&'a str, Vec<&'a Item>>>,
    ) -> LawSummary<'a> {
        let mut citing: Vec<&str> = cited
            .into_iter()
            .flat_map(|cited| cited.values().flatten())
            .map(|item| item.id.as_str())
            .collect();
        citing.sort_unstable();
        citing.dedup();
        LawSummary {
            facts: LawFacts::of(law),
            url: self.law_url(&law.id),
            cited_by_count: citing.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Required;

    /// On every item of the shipped site: the situations are the item's `situations` when it has
    /// them, else the distinct `required` texts in order of first use; each material's
    /// `situation` points at its own text (0: always).
    #[test]
    fn situations_are_the_distinct_required_texts_and_materials_point_at_theirs() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let loaded = crate::site::load_site(root, &Default::default()).unwrap();
        let views = super::Views::new(&loaded.model, None);
        let mut asked = 0;
        for item in &loaded.model.items {
            let situations = super::item_situations(item);
            let mut expected: Vec<&str> = item.situations.iter().map(|s| s.as_str()).collect();
            for material in item.materials.iter().filter(|_| item.situations.is_empty()) {
                if let Required::When(case) = &material.required
                    && !expected.contains(&case.as_str())
                {
                    expected.push(case.as_str());
                }
            }
            assert_eq!(situations, expected, "{}", item.id);
            let view = views.item_without_qr(item);
            assert_eq!(view.situations, situations);
            for (material, shown) in item.materials.iter().zip(&view.materials) {
                match &material.required {
                    Required::Always => assert_eq!(shown.situation, 0),
                    Required::When(case) => {
                        assert_eq!(situations[shown.situation - 1], case.as_str())
                    }
                }
            }
            asked += usize::from(!situations.is_empty());
        }
        assert!(asked >= 10, "the shipped site asks on {asked} items");
    }

    #[test]
    fn base_paths() {
        assert_eq!(super::base_path_of("https://x.gov.cn/bszn/"), "/bszn/");
        assert_eq!(super::base_path_of("https://x.gov.cn/bszn"), "/bszn/");
        assert_eq!(super::base_path_of("https://x.gov.cn"), "/");
        assert_eq!(super::base_path_of("https://x.gov.cn/"), "/");
    }
}
