//! Print: the pages made to be printed on A4 and handed over, rendered after the online pages.
//!
//! - `items/<id>/slip/`: the one-time notification slip (一次性告知单, slip.html) of every item;
//!   one A4 page for an item of up to 12 materials and 6 steps. Rendered by `render` together
//!   with the item's page, from the same view ([`slip_wanted`]).
//! - `departments/<id>/register/`: the blank visitor registration form (办事登记表, 首问负责制,
//!   register.html) of every department.
//! - `print/<department>/`: the guide book (办事指南汇编, book.html) of one department.
//! - `print/`: the guide book of the whole site; above [`WHOLE_BOOK_ITEM_LIMIT`] items an index of
//!   the department books instead (print-index.html).
//!
//! Every printed item carries its code, the date of its last review, its online URL and a QR code
//! of that URL ([`qr_svg`], inline SVG made at build time), so paper can be checked against the
//! current online version.
//!
//! A book is rendered in parts by the one template book.html (`part` is `front`: head, cover and
//! contents; `department`: one department's items; `back`: the laws cited, and the end of the
//! document) and the parts are joined: at most one department's item views are alive at a time.
//! In a book, every id of an item's section starts with the item id (`geti-sheli_materials`;
//! item ids never contain `_`), the book's own ids start with `_` (`_toc`, `_dept_dengji`,
//! `_law_xzxkf_art-2`), and every link to an item, department or law article that is in the book
//! is rewritten to its anchor ([`BookLinks`]); any other site link becomes the absolute online
//! URL, which the print stylesheet prints after the link text.
//!
//! A partial render (serve's rebuild) renders a print page when it is asked for by its own path
//! or when one of the online pages it prints is: a slip with its item page, a registration form
//! with its department page, a department book with its department page or any of its items'
//! pages, the whole book with any department book.
//!
//! Like the rest of render: no disk I/O (pages go to the sink), no page opens the print dialog
//! by itself (the templates only offer a button).

use crate::render::routes::Route;
use std::collections::{BTreeMap, BTreeSet};

use super::qr::qr_svg;
use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use super::PageSink;
use super::view::{DepartmentLink, ItemView, LawFacts, ReferenceView, Views};
use crate::diagnostics::Diagnostic;
use crate::fs::FsError;
use crate::model::{Item, SiteModel};

/// Items per `department` part of a book: a part's context holds the full view of each of its
/// items, so a department of 1,000 items is rendered in runs instead of all at once.
pub const BOOK_ITEMS_PER_PART: usize = 16;

/// Above this many items, `print/` lists the department books instead of holding every item.
pub const WHOLE_BOOK_ITEM_LIMIT: usize = 500;

/// Sections of an item in a book (ids `<item id>_<section>`), always present; a link to another
/// fragment of an item page goes to the item itself.
const ITEM_SECTIONS: &[&str] = &[
    "about",
    "conditions",
    "materials",
    "procedure",
    "time-limit",
    "fees",
    "result",
    "place",
    "online",
    "appointment",
    "handlers",
    "refusals",
    "legal-basis",
    "redress",
];

pub(super) fn escape_attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn unescape_attribute(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Output paths of the print pages.
pub fn slip_path(item_id: &str) -> String {
    Route::Slip(item_id).path()
}

/// Whether the slip of `item_id` is rendered: when asked for, or with its item's page.
pub fn slip_wanted(item_id: &str, wanted: &(dyn Fn(&str) -> bool + Sync)) -> bool {
    wanted(&slip_path(item_id)) || wanted(&Route::Item(item_id).path())
}

pub fn register_path(department_id: &str) -> String {
    Route::Register(department_id).path()
}

/// `print/index.html` for the whole site, `print/<id>/index.html` for a department.
pub fn book_path(department_id: Option<&str>) -> String {
    Route::Book(department_id).path()
}

fn folder_of(path: &str) -> &str {
    path.strip_suffix("index.html").unwrap_or(path)
}

/// What [`render_print`] made.
#[derive(Debug, Default)]
pub struct Printed {
    pub pages: usize,
    /// `template` diagnostics of print templates; rendering goes on past a failing page.
    pub diagnostics: Vec<Diagnostic>,
}

/// An entry of a book's table of contents, also the list on a department's divider page.
#[derive(Debug, Serialize)]
pub struct ContentsEntry<'a> {
    /// Position in the book, from 1.
    pub number: usize,
    pub id: &'a str,
    pub name: &'a str,
    pub code: &'a str,
    pub item_type: &'a str,
    /// In-book anchor (`#geti-sheli`).
    pub anchor: String,
}

#[derive(Debug, Serialize)]
pub struct ContentsDepartment<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub anchor: String,
    pub items: Vec<ContentsEntry<'a>>,
}

/// `book` in book.html's `front` part.
#[derive(Debug, Serialize)]
pub struct BookFront<'a> {
    /// `site` or `department`.
    pub scope: &'static str,
    /// The department of a department book.
    pub department: Option<DepartmentLink<'a>>,
    /// Date of the newest review of the book's items (`2026-10-01`), empty without items.
    pub newest_review: String,
    pub item_count: usize,
    /// Absolute URL of the book online, and its QR code.
    pub permalink: String,
    pub qr_svg: String,
    pub contents: Vec<ContentsDepartment<'a>>,
}

/// An item in a book, links rewritten to the book.
#[derive(Debug, Serialize)]
pub struct BookItem<'a> {
    pub number: usize,
    pub item: ItemView<'a>,
}

/// `section` in book.html's `department` part: one run of at most [`BOOK_ITEMS_PER_PART`] of a
/// department's items. The first run `opens` the department's section (its divider, with
/// `entries`, the list of all its items), the last `closes` it.
#[derive(Debug, Serialize)]
pub struct BookDepartment<'a> {
    pub opens: bool,
    pub closes: bool,
    pub anchor: String,
    #[serde(flatten)]
    pub link: DepartmentLink<'a>,
    pub functions_html: String,
    pub entries: Vec<ContentsEntry<'a>>,
    pub items: Vec<BookItem<'a>>,
}

#[derive(Debug, Serialize)]
pub struct BookCitation<'a> {
    pub number: usize,
    pub name: &'a str,
    pub anchor: String,
}

#[derive(Debug, Serialize)]
pub struct BookArticle<'a> {
    pub article: &'a str,
    /// `_law_<law>_art-<n>` when the law lists its articles, else empty.
    pub anchor: String,
    pub text: &'a str,
    pub cited_by: Vec<BookCitation<'a>>,
}

/// A run of a department's items in a book, and whether it is the first or last run.
#[derive(Clone, Copy)]
struct Run<'r, 'a> {
    items: &'r [&'a Item],
    first: bool,
    last: bool,
}

/// An entry of `laws` in book.html's `back` part: a law cited in the book, listed once.
#[derive(Debug, Serialize)]
pub struct BookLaw<'a> {
    #[serde(flatten)]
    pub facts: LawFacts<'a>,
    pub anchor: String,
    pub articles: Vec<BookArticle<'a>>,
}

/// `departments` of print-index.html: one department book each.
#[derive(Debug, Serialize)]
pub struct BookIndexEntry<'a> {
    #[serde(flatten)]
    pub link: DepartmentLink<'a>,
    pub book_url: String,
    pub register_url: String,
    pub item_count: usize,
}

/// The items of one book, in book order, numbered, and where its links lead.
struct BookPlan<'a> {
    department: Option<&'a str>,
    /// (department id, its items), departments without items left out.
    sections: Vec<(&'a str, Vec<&'a Item>)>,
    links: BookLinks<'a>,
}

/// The page a link was written on: an item's, or a department's (its functions).
#[derive(Debug, Clone, Copy)]
pub enum LinkSource<'a> {
    Item(&'a str),
    Department(&'a str),
}

/// Rewrites links for one book: to an in-book anchor when the target is in the book, else to
/// the absolute online URL. Fragments that the book has no anchor for fall back to the nearest
/// anchor that exists (the item, the law), never to a missing one.
pub struct BookLinks<'a> {
    base_path: &'a str,
    base_url: &'a str,
    /// Item id to its number in the book.
    numbers: BTreeMap<&'a str, usize>,
    departments: BTreeSet<&'a str>,
    /// Law and article anchors present in the book's list of laws.
    law_anchors: BTreeSet<String>,
}

impl BookLinks<'_> {
    /// `url` as written on the online page `source`, for the book.
    pub fn rewrite(&self, url: &str, source: LinkSource) -> String {
        if let Some(fragment) = url.strip_prefix('#') {
            let online = match source {
                LinkSource::Item(id) => {
                    if let Some(anchor) = self.item_anchor(id, fragment) {
                        return anchor;
                    }
                    Route::Item(id).link()
                }
                LinkSource::Department(id) => Route::Department(id).link(),
            };
            return format!("{}{online}{url}", self.base_url);
        }
        let Some(rest) = url.strip_prefix(self.base_path) else {
            return url.to_string();
        };
        let (path, fragment) = rest.split_once('#').unwrap_or((rest, ""));
        let path = path.split('?').next().unwrap_or(path);
        let segments: Vec<&str> = path.trim_end_matches('/').split('/').collect();
        let anchor = match segments.as_slice() {
            ["items", id] => self.item_anchor(id, fragment),
            ["departments", id] if self.departments.contains(id) => Some(format!("#_dept_{id}")),
            ["laws", id] if self.law_anchors.contains(&format!("_law_{id}")) => {
                let article = format!("_law_{id}_{fragment}");
                if !fragment.is_empty() && self.law_anchors.contains(&article) {
                    Some(format!("#{article}"))
                } else {
                    Some(format!("#_law_{id}"))
                }
            }
            _ => None,
        };
        anchor.unwrap_or_else(|| format!("{}{rest}", self.base_url))
    }

    fn item_anchor(&self, id: &str, fragment: &str) -> Option<String> {
        self.numbers.get(id)?;
        if ITEM_SECTIONS.contains(&fragment) {
            Some(format!("#{id}_{fragment}"))
        } else {
            Some(format!("#{id}"))
        }
    }

    /// Every `href="…"` of rendered Markdown, rewritten. Markdown output has no ids of its own
    /// (heading attributes and footnotes are not enabled), so only links need care.
    pub fn rewrite_html(&self, html: &str, source: LinkSource) -> String {
        const HREF: &str = "href=\"";
        let mut out = String::with_capacity(html.len());
        let mut rest = html;
        while let Some(index) = rest.find(HREF) {
            let (before, after) = rest.split_at(index + HREF.len());
            out.push_str(before);
            let end = after.find('"').unwrap_or(after.len());
            let url = unescape_attribute(&after[..end]);
            out.push_str(&escape_attribute(&self.rewrite(&url, source)));
            rest = &after[end..];
        }
        out.push_str(rest);
        out
    }

    fn reference(&self, reference: &mut ReferenceView, source: LinkSource) {
        reference.url = self.rewrite(&reference.url, source);
    }

    /// The view of `item`, every link and Markdown field rewritten for the book.
    fn item<'a>(&self, views: &Views<'a>, item: &'a Item) -> ItemView<'a> {
        let mut view = views.item(item);
        view.url = format!("#{}", view.id);
        let id = LinkSource::Item(view.id);
        view.department.url = self.rewrite(&view.department.url, id);
        view.summary_html = self.rewrite_html(&view.summary_html, id);
        for basis in &mut view.legal_basis {
            self.reference(&mut basis.reference, id);
        }
        for condition in &mut view.conditions {
            if let Some(basis) = &mut condition.basis {
                self.reference(basis, id);
            }
        }
        for material in &mut view.materials {
            if let Some(basis) = &mut material.basis {
                self.reference(basis, id);
            }
            material.note_html = self.rewrite_html(&material.note_html, id);
            if !material.blank_form_url.is_empty() {
                material.blank_form_url = self.rewrite(&material.blank_form_url, id);
            }
            if !material.sample_url.is_empty() {
                material.sample_url = self.rewrite(&material.sample_url, id);
            }
        }
        for excluded in &mut view.excluded {
            if let Some(basis) = &mut excluded.basis {
                self.reference(basis, id);
            }
        }
        for fee in &mut view.fees {
            if let Some(basis) = &mut fee.basis {
                self.reference(basis, id);
            }
        }
        for refusal in &mut view.refusals {
            if let Some(basis) = &mut refusal.basis {
                self.reference(basis, id);
            }
        }
        for faq in &mut view.faq {
            faq.answer_html = self.rewrite_html(&faq.answer_html, id);
        }
        view
    }
}

/// Laws cited by `items`: law id to (article, citing items) in the law's article order (else in
/// the order first cited).
fn cited_laws<'a>(
    model: &'a SiteModel,
    items: impl Iterator<Item = &'a Item>,
) -> BTreeMap<&'a str, Vec<(&'a str, Vec<&'a Item>)>> {
    let mut laws: BTreeMap<&str, Vec<(&str, Vec<&Item>)>> = BTreeMap::new();
    for item in items {
        for reference in item.law_references() {
            let articles = laws.entry(reference.law.as_str()).or_default();
            let article = reference.article.as_str();
            match articles.iter_mut().find(|(known, _)| *known == article) {
                Some((_, citing)) => {
                    if citing.last().is_none_or(|last| last.id != item.id) {
                        citing.push(item);
                    }
                }
                None => articles.push((article, vec![item])),
            }
        }
    }
    for (law_id, articles) in laws.iter_mut() {
        if let Some(listed) = model
            .laws
            .get(*law_id)
            .and_then(|law| law.articles.as_ref())
        {
            let position = |article: &str| {
                listed
                    .iter()
                    .position(|(key, _)| &*key.value == article)
                    .unwrap_or(usize::MAX)
            };
            articles.sort_by_key(|(article, _)| position(article));
        }
    }
    laws
}

fn article_anchor(model: &SiteModel, law_id: &str, article: &str) -> String {
    model
        .laws
        .get(law_id)
        .and_then(|law| Views::article_anchor(law, article))
        .map(|anchor| format!("_law_{law_id}_{anchor}"))
        .unwrap_or_default()
}

impl<'a> BookPlan<'a> {
    fn new(
        model: &'a SiteModel,
        views: &'a Views<'a>,
        department: Option<&'a str>,
        sections: Vec<(&'a str, Vec<&'a Item>)>,
    ) -> Self {
        let mut numbers = BTreeMap::new();
        for item in sections.iter().flat_map(|(_, items)| items) {
            let number = numbers.len() + 1;
            numbers.insert(item.id.as_str(), number);
        }
        let mut law_anchors = BTreeSet::new();
        let cited = cited_laws(model, sections.iter().flat_map(|(_, items)| items).copied());
        for (law_id, articles) in &cited {
            if !model.laws.contains_key(*law_id) {
                continue;
            }
            law_anchors.insert(format!("_law_{law_id}"));
            for (article, _) in articles {
                let anchor = article_anchor(model, law_id, article);
                if !anchor.is_empty() {
                    law_anchors.insert(anchor);
                }
            }
        }
        let mut departments: BTreeSet<&str> = sections.iter().map(|(id, _)| *id).collect();
        if let Some(id) = department {
            departments.insert(id);
        }
        BookPlan {
            department,
            links: BookLinks {
                base_path: &views.base_path,
                base_url: &views.base_url,
                numbers,
                departments,
                law_anchors,
            },
            sections,
        }
    }

    fn items(&self) -> impl Iterator<Item = &'a Item> + '_ {
        self.sections
            .iter()
            .flat_map(|(_, items)| items.iter().copied())
    }

    fn entry(&self, item: &'a Item) -> ContentsEntry<'a> {
        ContentsEntry {
            number: self.links.numbers[item.id.as_str()],
            id: &item.id,
            name: &item.name.value,
            code: &item.code.value,
            item_type: &item.item_type.value,
            anchor: format!("#{}", item.id),
        }
    }

    fn front(&self, model: &'a SiteModel, views: &Views<'a>) -> BookFront<'a> {
        let department_name = |id: &'a str| {
            model
                .departments
                .get(id)
                .map(|d| d.name.as_str())
                .unwrap_or(id)
        };
        let permalink = format!(
            "{}{}",
            views.base_url,
            folder_of(&book_path(self.department))
        );
        BookFront {
            scope: if self.department.is_some() {
                "department"
            } else {
                "site"
            },
            department: self
                .department
                .map(|id| views.department_link(model.departments.get(id), id)),
            newest_review: self
                .items()
                .filter_map(|item| item.updated.as_ref().map(|u| u.value))
                .max()
                .map(|date| date.to_string())
                .unwrap_or_default(),
            item_count: self.links.numbers.len(),
            qr_svg: qr_svg(&permalink),
            permalink,
            contents: self
                .sections
                .iter()
                .map(|(id, items)| ContentsDepartment {
                    id,
                    name: department_name(id),
                    anchor: format!("#_dept_{id}"),
                    items: items.iter().map(|item| self.entry(item)).collect(),
                })
                .collect(),
        }
    }

    /// The part of department `id`'s section that shows `run`, a run of its `items`.
    fn department(
        &self,
        model: &'a SiteModel,
        views: &Views<'a>,
        id: &'a str,
        items: &[&'a Item],
        run: Run<'_, 'a>,
    ) -> BookDepartment<'a> {
        let department = model.departments.get(id);
        let mut link = views.department_link(department, id);
        link.url = format!("#_dept_{id}");
        BookDepartment {
            opens: run.first,
            closes: run.last,
            anchor: format!("_dept_{id}"),
            link,
            functions_html: department
                .filter(|_| run.first)
                .map(|d| {
                    self.links.rewrite_html(
                        &views.markdown(&d.functions.value),
                        LinkSource::Department(id),
                    )
                })
                .unwrap_or_default(),
            entries: if run.first {
                items.iter().map(|item| self.entry(item)).collect()
            } else {
                Vec::new()
            },
            items: run
                .items
                .iter()
                .map(|item| BookItem {
                    number: self.links.numbers[item.id.as_str()],
                    item: self.links.item(views, item),
                })
                .collect(),
        }
    }

    fn laws(&self, model: &'a SiteModel) -> Vec<BookLaw<'a>> {
        cited_laws(model, self.items())
            .into_iter()
            .filter_map(|(law_id, articles)| {
                let law = model.laws.get(law_id)?;
                Some(BookLaw {
                    facts: LawFacts::of(law),
                    anchor: format!("_law_{law_id}"),
                    articles: articles
                        .into_iter()
                        .map(|(article, citing)| BookArticle {
                            article,
                            anchor: article_anchor(model, law_id, article),
                            text: law.article_text(article).unwrap_or(""),
                            cited_by: citing
                                .into_iter()
                                .map(|item| BookCitation {
                                    number: self.links.numbers[item.id.as_str()],
                                    name: &item.name.value,
                                    anchor: format!("#{}", item.id),
                                })
                                .collect(),
                        })
                        .collect(),
                })
            })
            .collect()
    }
}

/// Renders the print pages of the site into `sink` (only those `wanted` asks for, directly or
/// through the online pages they print; the books only when `books`). `tera` has `site` in its
/// global context.
///
/// Long on purpose: the slips, the registration forms and the books share one set of closures
/// over the render context (render, context, which pages are wanted, the sink); split up, each
/// part would take them all as arguments.
pub fn render_print(
    model: &SiteModel,
    tera: &Tera,
    views: &Views,
    sink: &dyn PageSink,
    wanted: &(dyn Fn(&str) -> bool + Sync),
    books: bool,
) -> Result<Printed, FsError> {
    let render = |template: &str, context: &Context| -> Result<Vec<u8>, Box<Diagnostic>> {
        super::render_bytes(tera, template, context)
            .map_err(|error| Box::new(super::template_diagnostic(template, &error)))
    };
    let context_for = |path: &str| {
        let mut context = Context::new();
        context.insert("page_url", &views.url(folder_of(path)));
        context
    };
    let item_page = |item: &Item| Route::Item(&item.id).path();
    let department_page = |id: &str| Route::Department(id).path();
    let mut printed = Printed::default();

    let emit =
        |printed: &mut Printed, path: &str, html: Result<Vec<u8>, Box<Diagnostic>>| match html {
            Ok(html) => {
                printed.pages += 1;
                sink.page(path, html)
            }
            Err(diagnostic) => {
                printed.diagnostics.push(*diagnostic);
                Ok(())
            }
        };

    // Registration forms.
    for department in model.departments.values() {
        let path = register_path(&department.id);
        if !(wanted(&path) || wanted(&department_page(&department.id))) {
            continue;
        }
        let mut context = context_for(&path);
        context.insert(
            "department",
            &views.department_link(Some(department), &department.id),
        );
        emit(&mut printed, &path, render("register.html", &context))?;
    }

    if !books {
        return Ok(printed);
    }
    // Books: every department's, then the whole site's (or the index of the department books).
    let mut by_department: BTreeMap<&str, Vec<&Item>> = BTreeMap::new();
    for item in &model.items {
        by_department
            .entry(item.department.as_str())
            .or_default()
            .push(item);
    }
    let department_ids: Vec<&str> = model
        .departments
        .keys()
        .map(String::as_str)
        .chain(
            by_department
                .keys()
                .copied()
                .filter(|id| !model.departments.contains_key(*id)),
        )
        .collect();
    let book_wanted = |id: &str| {
        wanted(&book_path(Some(id)))
            || wanted(&department_page(id))
            || by_department
                .get(id)
                .is_some_and(|items| items.iter().any(|item| wanted(&item_page(item))))
    };
    let whole_book_wanted =
        wanted(&book_path(None)) || department_ids.iter().any(|id| book_wanted(id));

    // A book goes to the sink part by part (front, runs of a department's items, back), each
    // rendered when the sink asks for it: a 12 MB book is never whole in memory. The first
    // template error stops the parts and becomes the book's diagnostic.
    let write_book = |plan: &BookPlan| -> Result<Option<Diagnostic>, FsError> {
        let scope = if plan.department.is_some() {
            "department"
        } else {
            "site"
        };
        let path = book_path(plan.department);
        let failed: std::cell::Cell<Option<Box<Diagnostic>>> = std::cell::Cell::new(None);
        let part = |fill: &dyn Fn(&mut Context)| -> Option<Vec<u8>> {
            let mut context = context_for(&path);
            context.insert("book_scope", scope);
            fill(&mut context);
            match render("book.html", &context) {
                Ok(html) => Some(html),
                Err(diagnostic) => {
                    failed.set(Some(diagnostic));
                    None
                }
            }
        };
        let front = std::iter::once_with(|| {
            part(&|context| {
                context.insert("part", "front");
                context.insert("book", &plan.front(model, views));
            })
        });
        let departments = plan.sections.iter().flat_map(|(id, items)| {
            let runs: Vec<&[&Item]> = items.chunks(BOOK_ITEMS_PER_PART).collect();
            let count = runs.len();
            let part = &part;
            runs.into_iter().enumerate().map(move |(index, run)| {
                let run = Run {
                    items: run,
                    first: index == 0,
                    last: index + 1 == count,
                };
                part(&|context| {
                    context.insert("part", "department");
                    context.insert("section", &plan.department(model, views, id, items, run));
                })
            })
        });
        let back = std::iter::once_with(|| {
            part(&|context| {
                context.insert("part", "back");
                context.insert("laws", &plan.laws(model));
            })
        });
        let mut parts = front.chain(departments).chain(back).map_while(|part| part);
        sink.page_in_parts(&path, &mut parts)?;
        Ok(failed.take().map(|diagnostic| *diagnostic))
    };

    // Department books in parallel (each is independent, and at 10,000 items a book is 4-12 MB
    // of HTML), each handed to the sink as soon as it is made.
    let book_results: Vec<Result<Option<Diagnostic>, FsError>> = department_ids
        .par_iter()
        .filter(|id| book_wanted(id))
        .map(|id| {
            let items = by_department.get(id).cloned().unwrap_or_default();
            let sections = if items.is_empty() {
                Vec::new()
            } else {
                vec![(*id, items)]
            };
            let plan = BookPlan::new(model, views, Some(id), sections);
            write_book(&plan)
        })
        .collect();
    printed.pages += book_results.len();
    for result in book_results {
        if let Some(diagnostic) = result? {
            printed.pages -= 1;
            printed.diagnostics.push(diagnostic);
        }
    }

    if whole_book_wanted {
        let path = book_path(None);
        if model.items.len() > WHOLE_BOOK_ITEM_LIMIT {
            let mut context = context_for(&path);
            let entries: Vec<BookIndexEntry> = department_ids
                .iter()
                .map(|id| BookIndexEntry {
                    link: views.department_link(model.departments.get(*id), id),
                    book_url: views.url(folder_of(&book_path(Some(id)))),
                    register_url: views.url(folder_of(&register_path(id))),
                    item_count: by_department.get(id).map_or(0, Vec::len),
                })
                .collect();
            context.insert("departments", &entries);
            context.insert("item_count", &model.items.len());
            emit(&mut printed, &path, render("print-index.html", &context))?;
        } else {
            let sections: Vec<(&str, Vec<&Item>)> = department_ids
                .iter()
                .filter_map(|id| Some((*id, by_department.get(id)?.clone())))
                .collect();
            let plan = BookPlan::new(model, views, None, sections);
            match write_book(&plan)? {
                Some(diagnostic) => printed.diagnostics.push(diagnostic),
                None => printed.pages += 1,
            }
        }
    }
    Ok(printed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qr_codes_are_inline_svg_and_deterministic() {
        let first = qr_svg("https://x.example.gov.cn/bszn/items/geti-sheli/");
        assert!(
            first.starts_with("<svg class=\"qr\" role=\"img\""),
            "{first}"
        );
        assert!(!first.contains("<?xml"));
        assert!(first.ends_with("</svg>"));
        assert_eq!(
            first,
            qr_svg("https://x.example.gov.cn/bszn/items/geti-sheli/")
        );
        assert_ne!(first, qr_svg("https://x.example.gov.cn/bszn/items/other/"));
    }

    #[test]
    fn links_go_to_the_book_or_online() {
        let links = BookLinks {
            base_path: "/bszn/",
            base_url: "https://x.gov.cn/bszn/",
            numbers: [("a", 1), ("b", 2)].into_iter().collect(),
            departments: ["dengji"].into_iter().collect(),
            law_anchors: ["_law_xzxkf".to_string(), "_law_xzxkf_art-2".to_string()]
                .into_iter()
                .collect(),
        };
        assert_eq!(links.rewrite("/bszn/items/b/", LinkSource::Item("a")), "#b");
        assert_eq!(
            links.rewrite("/bszn/items/b/#materials", LinkSource::Item("a")),
            "#b_materials"
        );
        assert_eq!(
            links.rewrite("/bszn/items/b/#nowhere", LinkSource::Item("a")),
            "#b"
        );
        assert_eq!(links.rewrite("#fees", LinkSource::Item("a")), "#a_fees");
        assert_eq!(
            links.rewrite("/bszn/items/c/", LinkSource::Item("a")),
            "https://x.gov.cn/bszn/items/c/"
        );
        assert_eq!(
            links.rewrite("/bszn/laws/xzxkf/#art-2", LinkSource::Item("a")),
            "#_law_xzxkf_art-2"
        );
        assert_eq!(
            links.rewrite("/bszn/laws/xzxkf/#art-9", LinkSource::Item("a")),
            "#_law_xzxkf"
        );
        assert_eq!(
            links.rewrite("/bszn/laws/other/#art-1", LinkSource::Item("a")),
            "https://x.gov.cn/bszn/laws/other/#art-1"
        );
        assert_eq!(
            links.rewrite("/bszn/departments/dengji/", LinkSource::Item("a")),
            "#_dept_dengji"
        );
        assert_eq!(
            links.rewrite("/bszn/files/forms/x.docx", LinkSource::Item("a")),
            "https://x.gov.cn/bszn/files/forms/x.docx"
        );
        assert_eq!(
            links.rewrite("tel:12345", LinkSource::Item("a")),
            "tel:12345"
        );
        assert_eq!(
            links.rewrite_html(
                "<a href=\"/bszn/items/b/?x=1&amp;y=2\">b</a>",
                LinkSource::Item("a")
            ),
            "<a href=\"#b\">b</a>"
        );
        assert_eq!(
            links.rewrite_html(
                "<a href=\"/bszn/pages/p/?x=1&amp;y=2\">p</a>",
                LinkSource::Item("a")
            ),
            "<a href=\"https://x.gov.cn/bszn/pages/p/?x=1&amp;y=2\">p</a>"
        );
    }
}
