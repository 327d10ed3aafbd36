//! Stage 4, render: the checked model to pages (output path + bytes), handed one by one to a
//! [`PageSink`] as they are made, in parallel. No disk I/O here: the templates and assets come
//! read, as a [`Theme`] (`load::theme` reads the site's overrides of the built-in ones), and the
//! sink writes; no page's context holds more than that page needs.
//!
//! Templates are compiled from the theme's sources ([`compile_templates`]); the theme's assets
//! are published as they are, under assets/. Template problems are `template` diagnostics with
//! the template's file, line and column.

pub mod data;
pub mod metadata;
pub mod print;
pub mod qr;
pub mod routes;
pub mod search;
pub mod view;

use crate::render::routes::Route;
use crate::rules::RuleId;
use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::diagnostics::{Diagnostic, Position, Span, Text, messages as m};
use crate::fs::FsError;
use crate::model::SiteModel;
use crate::theme::Theme;
use view::{DepartmentView, Views};

/// Where rendered pages go. Implemented by `write` (staging folder) and by serve (memory).
pub trait PageSink: Sync {
    /// `path` is relative to the output root, `/`-separated (`items/x/index.html`).
    fn page(&self, path: &str, bytes: Vec<u8>) -> Result<(), FsError>;

    /// Like [`page`](Self::page), for a large output made in parts (data/items.json, the print
    /// books), each part made when the sink asks for the next: a sink that writes files writes
    /// (and minifies) each part as it comes, so the whole is never in memory. By default the
    /// parts are joined and handed to `page`.
    fn page_in_parts(
        &self,
        path: &str,
        parts: &mut dyn Iterator<Item = Vec<u8>>,
    ) -> Result<(), FsError> {
        self.page(path, parts.flatten().collect())
    }
}

fn template_file(name: &str) -> String {
    format!("templates/{name}")
}

/// Converts a tera error into a `template` diagnostic at the template's line and column.
fn template_diagnostic(fallback_name: &str, error: &tera::Error) -> Diagnostic {
    let (name, position, detail) = match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let span = report.span();
            (
                if report.filename().is_empty() {
                    fallback_name.to_string()
                } else {
                    report.filename().to_string()
                },
                Position::new(span.start_line.max(1) as u32, span.start_col as u32 + 1),
                report.message().to_string(),
            )
        }
        _ => {
            let mut detail = error.to_string();
            let mut source = std::error::Error::source(error);
            while let Some(inner) = source {
                detail.push_str(": ");
                detail.push_str(&inner.to_string());
                source = inner.source();
            }
            (fallback_name.to_string(), Position::START, detail)
        }
    };
    let file = template_file(&name);
    Diagnostic::new(
        RuleId::Template,
        file.clone(),
        Span::point(position),
        Text::new(&m::TEMPLATE_ERROR).with("detail", detail),
    )
    .help(Text::new(&m::TEMPLATE_ERROR_HELP).with("template", file))
}

/// Compiles the theme's templates (the built-in ones with the site's overrides and new ones);
/// `None` and a `template` diagnostic when one of them does not compile.
pub fn compile_templates(theme: &Theme) -> (Option<Tera>, Vec<Diagnostic>) {
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    match tera.add_raw_templates(
        theme
            .templates
            .iter()
            .map(|(name, source)| (name.as_str(), source.as_str())),
    ) {
        Ok(()) => (Some(tera), Vec::new()),
        Err(error) => (None, vec![template_diagnostic("base.html", &error)]),
    }
}

#[derive(Serialize)]
struct TagView<'a> {
    name: &'a str,
    anchor: String,
    /// [`view::ItemLink`]s as template values.
    items: Vec<tera::Value>,
}

#[derive(Serialize)]
struct SitemapEntry {
    loc: String,
    lastmod: String,
}

fn escape_xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Renders `template` into bytes. Like `Tera::render`, without checking again that the output
/// is UTF-8 (templates and values are `str`; the check cost 3.5 % of a build) and into a buffer
/// that starts at the size of a typical page.
pub fn render_bytes(tera: &Tera, template: &str, context: &Context) -> tera::TeraResult<Vec<u8>> {
    let mut output = Vec::with_capacity(32 * 1024);
    tera.render_to(template, context, &mut output)?;
    Ok(output)
}

/// What a render needs besides the model and the compiled templates.
pub struct RenderOptions<'a> {
    /// The theme the templates were compiled from: its assets are published as they are.
    pub theme: &'a Theme,
    /// Instead of site.yaml's (`--base-url`).
    pub base_url: Option<&'a str>,
}

/// Counts of what was rendered, for the build summary.
#[derive(Debug, Default, Clone, Copy)]
pub struct RenderStats {
    pub pages: usize,
}

/// Renders every page of the site into `sink`. Returns template diagnostics (rendering goes on
/// past a failing page so that all template errors are reported).
pub fn render_site(
    model: &SiteModel,
    tera: &Tera,
    options: &RenderOptions,
    sink: &dyn PageSink,
) -> Result<(RenderStats, Vec<Diagnostic>), FsError> {
    render_pages(model, tera, options, sink, &|_| true)
}

/// Like [`render_site`], but renders only the outputs whose path (`items/x/index.html`,
/// `sitemap.xml`, `assets/style.css`) `wanted` accepts: the incremental rebuild of `serve`.
/// `RenderStats::pages` counts the pages rendered.
pub fn render_pages(
    model: &SiteModel,
    tera: &Tera,
    options: &RenderOptions,
    sink: &dyn PageSink,
    wanted: &(dyn Fn(&str) -> bool + Sync),
) -> Result<(RenderStats, Vec<Diagnostic>), FsError> {
    render_pages_with(model, tera, options, sink, wanted, &Incremental::default())
}

/// What serve's rebuilds add to [`render_pages`].
#[derive(Default, Clone, Copy)]
pub struct Incremental<'a> {
    /// Kept between renders: the search index's tokens, the lines of items.json.
    pub cache: Option<&'a RenderCache>,
    /// Asked before each output: once it says `true`, nothing more is rendered (the render is
    /// incomplete, and the caller, which knows, throws it away).
    pub stop: Option<&'a (dyn Fn() -> bool + Sync)>,
    /// Render only pages that belong to one item, department, law or free page (everything under
    /// `items/<id>/`, `departments/<id>/`, `laws/<id>/`, `pages/<slug>/` that `wanted` asks for,
    /// slips and registration forms with their pages), none of the site-wide outputs (home,
    /// indexes, search, data, feed, sitemap, books, assets): the first phase of a rebuild.
    pub entity_pages_only: bool,
}

/// What serve keeps from one render to the next; a fresh cache renders exactly what no cache
/// renders. A document's search tokens are keyed by a hash of its searchable text, so they are
/// never stale; the lines of items.json must be told which items
/// were re-read ([`RenderCache::forget_items`], [`RenderCache::forget_all_items`]).
#[derive(Default)]
pub struct RenderCache {
    pub search: search::SearchCache,
    pub items_json: data::ItemsJsonCache,
}

impl RenderCache {
    /// These items were re-read: what was made from their content is stale.
    pub fn forget_items<'a>(&self, ids: impl IntoIterator<Item = &'a str>) {
        self.items_json.forget(ids);
    }

    /// Every item was re-read.
    pub fn forget_all_items(&self) {
        self.items_json.clear();
    }
}

/// [`render_pages`] with serve's cache and the entity-pages-only mode of its first phase.
pub fn render_pages_with(
    model: &SiteModel,
    tera: &Tera,
    options: &RenderOptions,
    sink: &dyn PageSink,
    wanted: &(dyn Fn(&str) -> bool + Sync),
    incremental: &Incremental,
) -> Result<(RenderStats, Vec<Diagnostic>), FsError> {
    let stopped = || incremental.stop.is_some_and(|stop| stop());
    let selected = wanted;
    let wanted: &(dyn Fn(&str) -> bool + Sync) = &|output: &str| selected(output) && !stopped();
    let views = Views::new(model, options.base_url);
    let site_wide = !incremental.entity_pages_only;
    let mut tera = tera.clone();
    tera.global_context().insert("site", &views.site());
    let tera = &tera;

    let render = |template: &str, context: &Context| -> Result<Vec<u8>, Box<Diagnostic>> {
        render_bytes(tera, template, context)
            .map_err(|error| Box::new(template_diagnostic(template, &error)))
    };
    let page_context = |path: &str| {
        let mut context = Context::new();
        context.insert("page_url", &views.url(path));
        context
    };

    // Items, in parallel: the bulk of the site. An item's page and its one-time notification
    // slip show the same view, made into a template value once for both.
    let item_results: Vec<Result<(usize, Vec<Diagnostic>), FsError>> = model
        .items
        .par_iter()
        .filter(|item| {
            wanted(&Route::Item(&item.id).path()) || print::slip_wanted(&item.id, wanted)
        })
        .map(|item| {
            let view = tera::Value::from_serializable(&views.item(item));
            let mut outputs = Vec::with_capacity(2);
            let page = Route::Item(&item.id).path();
            if wanted(&page) {
                outputs.push((page, Route::Item(&item.id).link(), "item.html"));
            }
            if print::slip_wanted(&item.id, wanted) {
                let slip = print::slip_path(&item.id);
                let folder = slip.trim_end_matches("index.html").to_string();
                outputs.push((slip, folder, "slip.html"));
            }
            let mut item_diagnostics = Vec::new();
            let count = outputs.len();
            for (path, folder, template) in outputs {
                let mut context = page_context(&folder);
                context.insert_value("item", view.clone());
                match render(template, &context) {
                    Ok(html) => sink.page(&path, html)?,
                    Err(diagnostic) => item_diagnostics.push(*diagnostic),
                }
            }
            Ok((count, item_diagnostics))
        })
        .collect();
    let mut diagnostics = Vec::new();
    let mut pages = 0;
    for result in item_results {
        let (count, item_diagnostics) = result?;
        pages += count;
        diagnostics.extend(item_diagnostics);
    }

    // The rest: the listing pages (home, departments, laws, free pages, 404, sitemap), the
    // search index and open data, and the print pages (slips, registration forms, books), side
    // by side: each is independent of the others, and only the slips are parallel within.
    let listings = || {
        listing_pages(
            model,
            &views,
            sink,
            wanted,
            &render,
            &page_context,
            site_wide,
            &stopped,
        )
    };
    if !site_wide {
        // Slips and registration forms come with their item and department pages.
        let (listed, listing_diagnostics) = listings()?;
        diagnostics.extend(listing_diagnostics);
        let printed = print::render_print(model, tera, &views, sink, wanted, false)?;
        diagnostics.extend(printed.diagnostics);
        return Ok((
            RenderStats {
                pages: pages + listed + printed.pages,
            },
            diagnostics,
        ));
    }
    let data_and_search = || {
        let mut data_diagnostics = Vec::new();
        data::render_data_and_search(
            model,
            &views,
            sink,
            wanted,
            &render,
            &mut data_diagnostics,
            incremental,
        )
        .map(|written| (written, data_diagnostics))
    };
    let print_pages = || print::render_print(model, tera, &views, sink, wanted, true);
    let (listed, (data_written, printed)) =
        rayon::join(listings, || rayon::join(data_and_search, print_pages));
    let (listed, listing_diagnostics) = listed?;
    let (data_written, data_diagnostics) = data_written?;
    let printed = printed?;
    pages += listed + data_written + printed.pages;
    diagnostics.extend(listing_diagnostics);
    diagnostics.extend(data_diagnostics);
    diagnostics.extend(printed.diagnostics);
    for (name, text) in &options.theme.assets {
        let path = Route::Asset(name).path();
        if wanted(&path) {
            sink.page(&path, text.as_bytes().to_vec())?;
        }
    }
    Ok((RenderStats { pages }, diagnostics))
}

/// Renders a template with a context, from any thread; a template error is a diagnostic.
type RenderPage<'a> = dyn Fn(&str, &Context) -> Result<Vec<u8>, Box<Diagnostic>> + Sync + 'a;

/// The pages that list items, departments and laws, and the free pages: home, department
/// index and pages, law index and pages, free pages; when `site_wide`, also 404.html,
/// sitemap.xml and robots.txt. Returns the number of outputs written and the template
/// diagnostics.
///
/// Long on purpose: one block per listing page, in the order of the site's menu, each a few
/// lines over the same render closures.
#[allow(clippy::too_many_arguments)]
fn listing_pages(
    model: &SiteModel,
    views: &Views,
    sink: &dyn PageSink,
    wanted: &(dyn Fn(&str) -> bool + Sync),
    render: &RenderPage,
    page_context: &(dyn Fn(&str) -> Context + Sync),
    site_wide: bool,
    stopped: &(dyn Fn() -> bool + Sync),
) -> Result<(usize, Vec<Diagnostic>), FsError> {
    let mut pages = 0;
    let mut diagnostics = Vec::new();
    // Items grouped by department, and by tag; only when a page that lists them is wanted (a
    // partial render of a few pages of a large site skips the lists of every item).
    let department_page = |id: &str| Route::Department(id).path();
    let home_wanted = site_wide && wanted(&Route::Home.path());
    let lists_wanted = home_wanted
        || site_wide && wanted(&Route::Departments.path())
        || model
            .departments
            .keys()
            .any(|id| wanted(&department_page(id)));
    // Each item's link is made into a template value once and shared (values are reference
    // counted) by its department's list and every tag's list: at 10,000 items the lists are
    // otherwise several copies of 10,000 small maps.
    let mut by_department: BTreeMap<&str, Vec<tera::Value>> = BTreeMap::new();
    let mut by_tag: BTreeMap<&str, Vec<tera::Value>> = BTreeMap::new();
    for item in model.items.iter().filter(|_| lists_wanted) {
        let link = tera::Value::from_serializable(&views.item_link(item));
        for tag in item.tags.iter().filter(|_| home_wanted) {
            by_tag.entry(tag.as_str()).or_default().push(link.clone());
        }
        by_department
            .entry(item.department.as_str())
            .or_default()
            .push(link);
    }
    let department_views: Vec<DepartmentView> = model
        .departments
        .values()
        .filter(|_| lists_wanted)
        .map(|department| DepartmentView {
            link: views.department_link(Some(department), &department.id),
            functions_html: views.markdown(&department.functions.value),
            items: by_department
                .get(department.id.as_str())
                .cloned()
                .unwrap_or_default(),
        })
        .collect();
    let tags: Vec<TagView> = by_tag
        .into_iter()
        .enumerate()
        .map(|(index, (name, items))| TagView {
            name,
            anchor: format!("tag-{}", index + 1),
            items,
        })
        .collect();

    let mut emit = |path: &str, template: &str, context: Context| -> Result<(), FsError> {
        if !wanted(path) {
            return Ok(());
        }
        match render(template, &context) {
            Ok(html) => {
                pages += 1;
                sink.page(path, html)
            }
            Err(diagnostic) => {
                diagnostics.push(*diagnostic);
                Ok(())
            }
        }
    };

    // Made once for the home page and the department index.
    let departments_value = tera::Value::from_serializable(&department_views);
    if home_wanted && wanted(&Route::Home.path()) {
        let mut context = page_context("");
        context.insert_value("departments", departments_value.clone());
        context.insert("tags", &tags);
        emit(&Route::Home.path(), "index.html", context)?;
    }

    if site_wide && wanted(&Route::Departments.path()) {
        let mut context = page_context(&Route::Departments.link());
        context.insert_value("departments", departments_value.clone());
        emit(&Route::Departments.path(), "departments.html", context)?;
    }
    for department in &department_views {
        let path = Route::Department(department.link.id).link();
        // Asked before the context is made: serializing a view is most of a page's cost.
        if !wanted(&format!("{path}index.html")) {
            continue;
        }
        let mut context = page_context(&path);
        context.insert("department", department);
        emit(&format!("{path}index.html"), "department.html", context)?;
    }

    // The index of laws lists summaries; each law page's full view (every article with the
    // items that cite it) is made for that page alone.
    let law_page = |id: &str| Route::Law(id).path();
    let laws_index_wanted = site_wide && wanted(&Route::Laws.path());
    let law_wanted = |id: &str| laws_index_wanted || wanted(&law_page(id));
    let citations = if model.laws.keys().any(|id| law_wanted(id)) {
        views.citations()
    } else {
        BTreeMap::new()
    };
    if laws_index_wanted && wanted(&Route::Laws.path()) {
        let summaries: Vec<_> = model
            .laws
            .values()
            .map(|law| views.law_summary(law, citations.get(law.id.as_str())))
            .collect();
        let mut context = page_context(&Route::Laws.link());
        context.insert("laws", &summaries);
        emit(&Route::Laws.path(), "laws.html", context)?;
    }
    for law in model.laws.values().take_while(|_| !stopped()) {
        let path = Route::Law(&law.id).link();
        if !wanted(&format!("{path}index.html")) {
            continue;
        }
        let mut context = page_context(&path);
        context.insert("law", &views.law(law, citations.get(law.id.as_str())));
        emit(&format!("{path}index.html"), "law.html", context)?;
    }

    for page in &model.pages {
        let path = Route::Page(&page.slug).link();
        if !wanted(&format!("{path}index.html")) {
            continue;
        }
        let mut context = page_context(&path);
        context.insert("page", &views.page(page));
        emit(&format!("{path}index.html"), "page.html", context)?;
    }

    if !site_wide {
        return Ok((pages, diagnostics));
    }
    emit(
        &Route::NotFound.path(),
        "404.html",
        page_context(&Route::NotFound.link()),
    )?;
    if !model.history.recent.is_empty() && wanted(&Route::Changes.path()) {
        let mut context = page_context(&Route::Changes.link());
        context.insert("changes", &views.recent_changes());
        emit(&Route::Changes.path(), "changes.html", context)?;
    }

    if wanted(&Route::Sitemap.path()) {
        sink.page(&Route::Sitemap.path(), sitemap(model, views).into_bytes())?;
        pages += 1;
    }
    if wanted(&Route::Robots.path()) {
        let robots = format!(
            "User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n",
            views.base_url
        );
        sink.page(&Route::Robots.path(), robots.into_bytes())?;
        pages += 1;
    }
    Ok((pages, diagnostics))
}

/// sitemap.xml: a fixed format, built here.
fn sitemap(model: &SiteModel, views: &Views) -> String {
    let mut entries: Vec<SitemapEntry> = Vec::new();
    let absolute = |path: &str| format!("{}{}", views.base_url, path);
    let newest = model
        .items
        .iter()
        .filter_map(|item| item.updated.as_ref())
        .map(|u| u.value)
        .max();
    let newest = newest.map(|date| date.to_string()).unwrap_or_default();
    entries.push(SitemapEntry {
        loc: absolute(""),
        lastmod: newest.clone(),
    });
    for item in &model.items {
        entries.push(SitemapEntry {
            loc: absolute(&Route::Item(&item.id).link()),
            lastmod: item
                .updated
                .as_ref()
                .map(|u| u.value.to_string())
                .unwrap_or_default(),
        });
    }
    entries.push(SitemapEntry {
        loc: absolute(&Route::Departments.link()),
        lastmod: newest.clone(),
    });
    for department in model.departments.keys() {
        entries.push(SitemapEntry {
            loc: absolute(&Route::Department(department).link()),
            lastmod: String::new(),
        });
    }
    entries.push(SitemapEntry {
        loc: absolute(&Route::Laws.link()),
        lastmod: String::new(),
    });
    for law in model.laws.keys() {
        entries.push(SitemapEntry {
            loc: absolute(&Route::Law(law).link()),
            lastmod: String::new(),
        });
    }
    for page in &model.pages {
        entries.push(SitemapEntry {
            loc: absolute(&Route::Page(&page.slug).link()),
            lastmod: String::new(),
        });
    }
    if let Some(newest) = model.history.recent.first() {
        entries.push(SitemapEntry {
            loc: absolute(&Route::Changes.link()),
            lastmod: newest.entry.date.to_string(),
        });
    }
    let mut sitemap = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for entry in &entries {
        sitemap.push_str("<url><loc>");
        sitemap.push_str(&escape_xml(&entry.loc));
        sitemap.push_str("</loc>");
        if !entry.lastmod.is_empty() {
            sitemap.push_str("<lastmod>");
            sitemap.push_str(&entry.lastmod);
            sitemap.push_str("</lastmod>");
        }
        sitemap.push_str("</url>\n");
    }
    sitemap.push_str("</urlset>\n");
    sitemap
}
