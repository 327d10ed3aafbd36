//! The pipeline up to a checked model: `load` -> `model` -> `check`, per file in parallel, shared
//! by `check`, `build` and `serve`.
//!
//! Items are processed one file per task (read, parse, convert, resolve, check) so a file's
//! tree is dropped as soon as it is converted, and its text is kept only when it has diagnostics
//! (for quoting). Departments and laws are loaded first because items refer to them.

use crate::rules::RuleId;
use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;

use crate::check::{self, CheckContext, LintConfig};
use crate::diagnostics::{self, Diagnostic, Severity};
use crate::fs::FsResult;
use crate::load::{self, ContentFile, SourceFile, front_matter};
use crate::model::convert::{self, Reader};
use crate::model::resolve::{self, References};
use crate::model::{Attachment, Department, Interner, Item, Law, Page, SiteModel};
use crate::theme::Theme;

#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Pins "today" for `stale-review` (tests, reproducible CI runs).
    pub today: Option<jiff::civil::Date>,
    /// The drafts are to be published (`build --drafts`): their problems keep their severity, so
    /// a draft with errors blocks the build like any other entry.
    pub publish_drafts: bool,
    /// Read the content files from this snapshot (a git revision) instead of the file system.
    pub snapshot: Option<std::sync::Arc<load::snapshot::Snapshot>>,
    /// Only the model is wanted (`zhinan diff`): the rules of `check` are not run, the
    /// diagnostics of loading and converting still are.
    pub model_only: bool,
}

/// A loaded and checked site.
pub struct Loaded {
    pub model: SiteModel,
    /// Sorted, severities final, rules that are off removed.
    pub diagnostics: Vec<Diagnostic>,
    /// Source text of every file that has a diagnostic (for quoting).
    pub sources: HashMap<String, SourceFile>,
    pub today: jiff::civil::Date,
    /// Content files read.
    pub file_count: usize,
    pub lint: LintConfig,
}

impl Loaded {
    /// Adds diagnostics found after loading (templates, rendering), with the source text of
    /// their files for quoting, and re-sorts.
    pub fn add_diagnostics(&mut self, root: &Path, diagnostics: Vec<Diagnostic>) {
        for diagnostic in &diagnostics {
            if self.sources.contains_key(&diagnostic.file) {
                continue;
            }
            let path = root.join(&diagnostic.file);
            // A built-in template's error is quoted from the built-in, never a site file that
            // could not be read in its place; a link out of the site is not read at all.
            let text =
                quotable_text(root, &diagnostic.file, &LoadOptions::default()).or_else(|| {
                    let name = diagnostic.file.strip_prefix("templates/")?;
                    let site_file = crate::fs::symlink_metadata(&path).is_ok();
                    Theme::builtin_template(name)
                        .filter(|_| !site_file)
                        .map(str::to_string)
                });
            if let Some(text) = text {
                self.sources.insert(
                    diagnostic.file.clone(),
                    SourceFile::new(diagnostic.file.clone(), text),
                );
            }
        }
        self.diagnostics.extend(diagnostics);
        diagnostics::sort(&mut self.diagnostics);
    }

    pub fn error_count(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }
}

struct Parsed<T> {
    value: Option<T>,
    diagnostics: Vec<Diagnostic>,
    source: Option<SourceFile>,
}

fn parse_file<T>(
    file: &ContentFile,
    interner: &Interner,
    convert: impl FnOnce(&mut Reader, &crate::load::yaml::Node) -> T,
) -> FsResult<Parsed<T>> {
    let mut diagnostics = Vec::new();
    let Some(source) = load::read(file, &mut diagnostics)? else {
        return Ok(Parsed {
            value: None,
            diagnostics,
            source: None,
        });
    };
    let value = load::parse_yaml(&file.relative, &source.text, 0, &mut diagnostics).map(|node| {
        let mut reader = Reader {
            file: &file.relative,
            diagnostics: &mut diagnostics,
            interner,
        };
        convert(&mut reader, &node)
    });
    Ok(Parsed {
        value,
        diagnostics,
        source: Some(source),
    })
}

/// An item file's text read as an item, its problems ignored (the history reads every version
/// of an item, however incomplete it was then). `None` when it is not YAML at all.
pub fn parse_item(relative: &str, text: &str, interner: &Interner) -> Option<Item> {
    parse_entry(relative, text, interner, convert::item)
}

/// A department file's text read as a department, its problems ignored (the history).
pub fn parse_department(relative: &str, text: &str, interner: &Interner) -> Option<Department> {
    parse_entry(relative, text, interner, convert::department)
}

/// site.yaml's text read as the site settings, its problems ignored (the history).
pub fn parse_site(relative: &str, text: &str, interner: &Interner) -> Option<crate::model::Site> {
    parse_entry(relative, text, interner, |reader, _, node| {
        convert::site(reader, node)
    })
}

/// A law file's text read as a law, its problems ignored (the history).
pub fn parse_law(relative: &str, text: &str, interner: &Interner) -> Option<Law> {
    parse_entry(relative, text, interner, convert::law)
}

fn parse_entry<T>(
    relative: &str,
    text: &str,
    interner: &Interner,
    convert: impl FnOnce(&mut Reader, &str, &crate::load::yaml::Node) -> T,
) -> Option<T> {
    let mut diagnostics = Vec::new();
    let name = relative.rsplit('/').next().unwrap_or(relative);
    let id = name.rsplit_once('.').map(|(stem, _)| stem).unwrap_or(name);
    let node = load::parse_yaml(relative, text, 0, &mut diagnostics)?;
    if diagnostics
        .iter()
        .any(|diagnostic| diagnostic.rule == RuleId::YamlSyntax)
    {
        return None;
    }
    let mut reader = Reader {
        file: relative,
        diagnostics: &mut diagnostics,
        interner,
    };
    Some(convert(&mut reader, id, &node))
}

/// Today in the site's time zone, unless pinned.
pub fn today_in(timezone: &str, pinned: Option<jiff::civil::Date>) -> jiff::civil::Date {
    if let Some(date) = pinned {
        return date;
    }
    let zone = jiff::tz::TimeZone::get(timezone).unwrap_or(jiff::tz::TimeZone::UTC);
    jiff::Timestamp::now().to_zoned_datetime(zone).date()
}

/// Loads, converts, resolves and checks the site under `root`. `Err` only when the environment
/// fails (content/ missing or unreadable); every content problem is a diagnostic.
pub fn load_site(root: &Path, options: &LoadOptions) -> FsResult<Loaded> {
    let inventory = load::discover_in(root, options.snapshot.as_ref())?;
    let interner = Interner::default();
    let mut diagnostics = inventory.diagnostics.clone();
    let mut sources: HashMap<String, SourceFile> = HashMap::new();
    let keep = |parsed_source: Option<SourceFile>, sources: &mut HashMap<String, SourceFile>| {
        if let Some(source) = parsed_source {
            sources.insert(source.relative.clone(), source);
        }
    };

    let mut model = SiteModel {
        site: crate::model::Site::with_defaults(""),
        ..SiteModel::default()
    };
    if let Some(file) = &inventory.site {
        let parsed = parse_file(file, &interner, convert::site)?;
        diagnostics.extend(parsed.diagnostics);
        if let Some(site) = parsed.value {
            model.site = site;
        }
        keep(parsed.source, &mut sources);
    }

    let departments: Vec<Parsed<Department>> = inventory
        .departments
        .par_iter()
        .map(|file| {
            parse_file(file, &interner, |reader, node| {
                convert::department(reader, &file.id, node)
            })
        })
        .collect::<FsResult<_>>()?;
    for parsed in departments {
        diagnostics.extend(parsed.diagnostics);
        if let Some(department) = parsed.value {
            if !options.model_only {
                check::check_department(&department, parsed.source.as_ref(), &mut diagnostics);
            }
            model.departments.insert(department.id.clone(), department);
        }
        keep(parsed.source, &mut sources);
    }
    let laws: Vec<Parsed<Law>> = inventory
        .laws
        .par_iter()
        .map(|file| {
            parse_file(file, &interner, |reader, node| {
                convert::law(reader, &file.id, node)
            })
        })
        .collect::<FsResult<_>>()?;
    for parsed in laws {
        diagnostics.extend(parsed.diagnostics);
        if let Some(law) = parsed.value {
            model.laws.insert(law.id.clone(), law);
        }
        keep(parsed.source, &mut sources);
    }

    let lint = LintConfig::from_site(&model.site, &mut diagnostics);
    check::check_site(&model.site, &mut diagnostics);
    let today = today_in(&model.site.timezone, options.today);
    let references = References::new(
        &model.departments,
        &model.laws,
        &inventory.attachments,
        &inventory.files_root,
    );
    let context = CheckContext {
        site: &model.site,
        today,
    };

    let items: Vec<Parsed<Item>> = inventory
        .items
        .par_iter()
        .map(|file| {
            let mut parsed = parse_file(file, &interner, |reader, node| {
                convert::item(reader, &file.id, node)
            })?;
            if let Some(item) = &parsed.value
                && !options.model_only
            {
                resolve::resolve_item(item, &references, &mut parsed.diagnostics);
                check::check_item(
                    item,
                    &context,
                    parsed.source.as_ref(),
                    &mut parsed.diagnostics,
                );
            }
            if parsed.diagnostics.is_empty() {
                parsed.source = None;
            }
            Ok(parsed)
        })
        .collect::<FsResult<_>>()?;
    let mut item_list = Vec::with_capacity(items.len());
    for parsed in items {
        diagnostics.extend(parsed.diagnostics);
        if let Some(item) = parsed.value {
            item_list.push(item);
        }
        keep(parsed.source, &mut sources);
    }
    diagnostics.extend(resolve::duplicates(&item_list));
    item_list.sort_by(|a, b| a.id.cmp(&b.id).then_with(|| a.file.cmp(&b.file)));
    model.items = item_list;

    let pages: Vec<Parsed<Page>> = inventory
        .pages
        .par_iter()
        .map(|file| parse_page(file, &interner))
        .collect::<FsResult<_>>()?;
    for parsed in pages {
        diagnostics.extend(parsed.diagnostics);
        if let Some(page) = parsed.value {
            model.pages.push(page);
        }
        keep(parsed.source, &mut sources);
    }
    model
        .pages
        .sort_by(|a, b| a.order.cmp(&b.order).then_with(|| a.slug.cmp(&b.slug)));

    model.attachments = safe_attachments(&inventory, &references);
    drop(references);

    lint.apply(&mut diagnostics);
    if !options.publish_drafts {
        mark_drafts(&model, &mut diagnostics);
    }
    diagnostics::sort(&mut diagnostics);
    let quoted = quoted_sources(root, options, &diagnostics, sources);
    let file_count = inventory.entry_count();
    Ok(Loaded {
        model,
        diagnostics,
        sources: quoted,
        today,
        file_count,
        lint,
    })
}

/// The files under content/files/ that may be published (no link out of it).
fn safe_attachments(inventory: &load::Inventory, references: &References) -> Vec<Attachment> {
    inventory
        .attachments
        .iter()
        .filter(|file| references.attachment_is_safe(&file.relative))
        .map(|file| Attachment {
            relative: file.relative.clone(),
            path: file.path.clone(),
        })
        .collect()
}

/// A free page (content/pages/<slug>.md): its front matter converted, its Markdown checked.
fn parse_page(file: &ContentFile, interner: &Interner) -> FsResult<Parsed<Page>> {
    let mut diagnostics = Vec::new();
    let Some(source) = load::read(file, &mut diagnostics)? else {
        return Ok(Parsed {
            value: None,
            diagnostics,
            source: None,
        });
    };
    let Some((front, body, body_line)) = front_matter::split(&source.text) else {
        diagnostics.push(
            Diagnostic::new(
                RuleId::YamlSyntax,
                &file.relative,
                diagnostics::Span::point(diagnostics::Position::START),
                diagnostics::Text::new(&diagnostics::messages::NO_FRONT_MATTER),
            )
            .help(diagnostics::Text::new(
                &diagnostics::messages::NO_FRONT_MATTER_HELP,
            )),
        );
        return Ok(Parsed {
            value: None,
            diagnostics,
            source: Some(source),
        });
    };
    let body = body.to_string();
    let value = load::parse_yaml(&file.relative, front, 1, &mut diagnostics).map(|node| {
        let mut reader = Reader {
            file: &file.relative,
            diagnostics: &mut diagnostics,
            interner,
        };
        convert::page(&mut reader, &file.id, &node, body, body_line)
    });
    if let Some(page) = &value {
        check::check_page(page, &source, &mut diagnostics);
    }
    Ok(Parsed {
        value,
        diagnostics,
        source: Some(source),
    })
}

/// The sources that diagnostics quote: kept from parsing, or read again for the few that were
/// dropped but later gained a diagnostic (duplicates).
fn quoted_sources(
    root: &Path,
    options: &LoadOptions,
    diagnostics: &[Diagnostic],
    mut sources: HashMap<String, SourceFile>,
) -> HashMap<String, SourceFile> {
    let mut quoted: HashMap<String, SourceFile> = HashMap::new();
    for diagnostic in diagnostics {
        for file in
            std::iter::once(&diagnostic.file).chain(diagnostic.related.iter().map(|r| &r.file))
        {
            if quoted.contains_key(file) {
                continue;
            }
            if let Some(source) = sources.remove(file) {
                quoted.insert(file.clone(), source);
            } else if !file.starts_with("content/files/")
                && let Some(text) = quotable_text(root, file, options)
            {
                quoted.insert(file.clone(), SourceFile::new(file.clone(), text));
            }
        }
    }
    quoted
}

/// The text of a site file to quote in a report, from the source `options` name; `None` when it
/// cannot be read or, on disk, is a link that leads out of the site folder: such a link
/// (`content/items/x.yaml -> /etc/passwd`) is reported, never read, or its first line would end
/// up in terminals and CI logs.
fn quotable_text(root: &Path, relative: &str, options: &LoadOptions) -> Option<String> {
    match &options.snapshot {
        Some(snapshot) => {
            let bytes = snapshot.read_bytes(root, relative).ok()?;
            Some(String::from_utf8_lossy(&bytes).into_owned())
        }
        None => {
            let path = root.join(relative);
            let site = crate::fs::canonicalize(root).ok()?;
            match crate::fs::resolve_within(&site, &path)? {
                (_, true) => crate::fs::read_to_string(&path).ok(),
                (_, false) => None,
            }
        }
    }
}

/// (v2) The problems of a draft item or page, all but `yaml-syntax`, are warnings marked 草稿:
/// a half-finished entry does not block CI, and `build` leaves it out.
fn mark_drafts(model: &SiteModel, diagnostics: &mut [Diagnostic]) {
    let drafts: std::collections::HashSet<&str> = model
        .items
        .iter()
        .filter(|item| item.draft)
        .map(|item| item.file.as_str())
        .chain(
            model
                .pages
                .iter()
                .filter(|page| page.draft)
                .map(|page| page.file.as_str()),
        )
        .collect();
    if drafts.is_empty() {
        return;
    }
    for diagnostic in diagnostics {
        if diagnostic.rule != RuleId::YamlSyntax && drafts.contains(diagnostic.file.as_str()) {
            diagnostic.severity = Severity::Warning;
            diagnostic.text = diagnostic
                .text
                .clone()
                .wrapped_in(&crate::diagnostics::messages::DRAFT_NOTE);
        }
    }
}

/// Re-reads the item files `relatives` (paths relative to `root`, as in [`Item::file`]) and
/// updates `loaded` in place to what [`load_site`] would return now: those items, their
/// diagnostics and quoted sources, and the cross-item `duplicate-*` diagnostics. For the
/// incremental rebuild of `serve`, when nothing but these files changed since `loaded` was made.
///
/// Returns `Ok(false)`, leaving `loaded` untouched, when a path is not an item file of the
/// content folder now (added, removed or renamed files need [`load_site`]).
pub fn reload_items(root: &Path, loaded: &mut Loaded, relatives: &[String]) -> FsResult<bool> {
    let inventory = load::discover(root)?;
    let interner = Interner::default();
    let mut files = Vec::with_capacity(relatives.len());
    for relative in relatives {
        match inventory
            .items
            .iter()
            .find(|file| &file.relative == relative)
        {
            Some(file) => files.push(file),
            None => return Ok(false),
        }
    }
    let references = References::new(
        &loaded.model.departments,
        &loaded.model.laws,
        &inventory.attachments,
        &inventory.files_root,
    );
    let context = CheckContext {
        site: &loaded.model.site,
        today: loaded.today,
    };
    // The same steps as the item pass of `load_site`.
    let mut reparsed: Vec<Parsed<Item>> = Vec::with_capacity(files.len());
    for file in files {
        let mut parsed = parse_file(file, &interner, |reader, node| {
            convert::item(reader, &file.id, node)
        })?;
        if let Some(item) = &parsed.value {
            resolve::resolve_item(item, &references, &mut parsed.diagnostics);
            check::check_item(
                item,
                &context,
                parsed.source.as_ref(),
                &mut parsed.diagnostics,
            );
        }
        reparsed.push(parsed);
    }
    drop(references);

    let is_reloaded = |file: &str| relatives.iter().any(|relative| relative == file);
    loaded.diagnostics.retain(|diagnostic| {
        !is_reloaded(&diagnostic.file)
            && diagnostic.rule != RuleId::DuplicateCode
            && diagnostic.rule != RuleId::DuplicateId
    });
    loaded.model.items.retain(|item| !is_reloaded(&item.file));
    let mut fresh = Vec::new();
    let mut reread_sources: HashMap<String, SourceFile> = HashMap::new();
    for parsed in reparsed {
        fresh.extend(parsed.diagnostics);
        if let Some(item) = parsed.value {
            loaded.model.items.push(item);
        }
        if let Some(source) = parsed.source {
            reread_sources.insert(source.relative.clone(), source);
        }
    }
    loaded
        .model
        .items
        .sort_by(|a, b| a.id.cmp(&b.id).then_with(|| a.file.cmp(&b.file)));
    fresh.extend(resolve::duplicates(&loaded.model.items));
    loaded.lint.apply(&mut fresh);
    mark_drafts(&loaded.model, &mut fresh);
    loaded.diagnostics.extend(fresh);
    diagnostics::sort(&mut loaded.diagnostics);

    // Quoted sources: exactly the files the diagnostics name, as `load_site` keeps them.
    let mut previous = std::mem::take(&mut loaded.sources);
    for relative in relatives {
        previous.remove(relative);
    }
    for diagnostic in &loaded.diagnostics {
        for file in
            std::iter::once(&diagnostic.file).chain(diagnostic.related.iter().map(|r| &r.file))
        {
            if loaded.sources.contains_key(file) {
                continue;
            }
            let source = previous
                .remove(file)
                .or_else(|| reread_sources.remove(file))
                .or_else(|| {
                    // An attachment is never quoted (a .env would print its secrets).
                    if file.starts_with("content/files/") {
                        return None;
                    }
                    crate::fs::read_to_string(&root.join(file))
                        .ok()
                        .map(|text| SourceFile::new(file.clone(), text))
                });
            if let Some(source) = source {
                loaded.sources.insert(file.clone(), source);
            }
        }
    }
    Ok(true)
}
