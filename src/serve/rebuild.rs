//! The incremental rebuild: from a batch of changed files to the pages that depend on them,
//! rendered into memory. The [`Rebuilder`] keeps what one rebuild needs of the last: the content
//! as last read, the theme and its compiled templates, what is served, and what the last
//! complete build depended on.
//!
//! A rebuild (1) re-reads the content: only the changed item files when nothing else changed
//! ([`site::reload_items`]), else the whole site ([`site::load_site`]; parsing is fast), and the
//! theme ([`read_theme`]: templates and assets) when anything under templates/ changed,
//! compiling the templates again when their sources changed; (2) refuses to publish when there
//! are errors, keeping the changed files pending so the next good rebuild still covers them;
//! (3) first phase ([`Rebuilder::rebuild`]): renders the changed entities' own pages
//! (everything under `items/<id>/`, `departments/<id>/`, … of the changed files) and publishes
//! them at once, so the page being edited shows its new bytes in a few milliseconds whatever
//! the size of the site;
//! (4) second phase ([`Rebuilder::finish`]): works out which outputs depend on the files changed
//! since the last complete build, from the model as it was then and as it is now
//! ([`pages_to_render`]; what depends on what: [`super::dependencies`]), renders only those
//! ([`render::render_pages_with`]) into a [`MemorySink`] and merges them over the pages served.
//! The second phase stops when more changes arrive (they are waiting on the watcher's channel);
//! it stays owed, and the next rebuild's second phase covers both. It renders the first phase's
//! pages again (a few pages; their bytes are unchanged, so nothing reloads twice), which keeps
//! its result exactly that of a one-phase rebuild.
//!
//! Architecture invariant: nothing here writes to disk, and nothing here prints; a rebuild
//! returns a [`Rebuild`] that the caller publishes and logs.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use tera::Tera;

use super::dependencies::{Affected, Dependencies, Role, Selection, pages_to_render, role_of};
use super::outcome::{
    EntityKind, Finish, FirstPhase, Outcome, OwnPages, Phase, Published, Rebuild, Refused, Reread,
};
use super::pages::{AttachmentMap, MemorySink, PageMap, merge_pages};
use crate::diagnostics::report::Report;
use crate::diagnostics::{self, Diagnostic, Language, Severity};
use crate::fs::FsResult;
use crate::load::theme::read_theme;
use crate::render::view::Views;
use crate::render::{self, Incremental, RenderCache, RenderOptions};
use crate::site::{self, LoadOptions, Loaded};
use crate::theme::Theme;
use crate::write::Minify;

/// Settings of the rebuilds, from the command line.
#[derive(Debug, Clone)]
pub struct RebuildSettings {
    pub root: PathBuf,
    pub load: LoadOptions,
    pub minify: Minify,
    pub language: Language,
    /// Color the terminal report.
    pub color: bool,
    /// Serve under this base URL instead of site.yaml's (`serve --base-url`).
    pub base_url: Option<String>,
    /// Show the change history from git and each item's uncommitted changes.
    pub history: bool,
}

/// What is served now.
struct Served {
    pages: Arc<PageMap>,
    attachments: Arc<AttachmentMap>,
    base_path: String,
}

/// The second phase a published first phase owes.
struct Owed {
    reread: Reread,
    /// The latest first phase, for the log.
    first: Option<FirstPhase>,
}

/// The state kept between rebuilds: the content as last read, the templates, what is served and
/// what the last complete build depended on.
pub struct Rebuilder {
    settings: RebuildSettings,
    content: Loaded,
    /// The templates and assets as last read ([`read_theme`]).
    theme: Theme,
    /// Compiled from `theme`'s templates; `None` when they do not compile.
    templates: Option<Tera>,
    /// The problems of reading the theme, and of compiling its templates.
    theme_diagnostics: Vec<Diagnostic>,
    compile_diagnostics: Vec<Diagnostic>,
    /// Every content file of the inventory behind `content` (relative paths).
    content_files: BTreeSet<String>,
    /// Item files of that inventory.
    item_files: BTreeSet<String>,
    /// `None` until the first build without errors.
    served: Option<Served>,
    /// What the pages of the last complete build (both phases) depended on.
    complete: Option<Dependencies>,
    /// Files changed since the last complete build (kept across refused rebuilds and
    /// interrupted second phases).
    pending: BTreeSet<String>,
    /// A template changed since the last complete build: the second phase renders everything.
    templates_pending: bool,
    owed: Option<Owed>,
    /// Search tokens and items.json lines, kept between renders.
    cache: RenderCache,
    /// The commit `HEAD` named when the history was last read (a new commit means a new
    /// history: everything is re-read).
    history_head: Option<String>,
}

fn inventory_files(root: &Path) -> FsResult<(BTreeSet<String>, BTreeSet<String>)> {
    let inventory = crate::load::discover(root)?;
    let items: BTreeSet<String> = inventory
        .items
        .iter()
        .map(|file| file.relative.clone())
        .collect();
    let all = inventory
        .site
        .iter()
        .chain(&inventory.departments)
        .chain(&inventory.laws)
        .chain(&inventory.items)
        .chain(&inventory.pages)
        .map(|file| file.relative.clone())
        // Files the walk reported (a FIFO, a symlinked item...): removing one matters too.
        .chain(
            inventory
                .diagnostics
                .iter()
                .map(|diagnostic| diagnostic.file.clone()),
        )
        .collect();
    Ok((all, items))
}

fn is_regular_file(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|metadata| metadata.is_file())
}

/// `item page`, `2 item pages`, `department page`, `3 own pages`.
fn describe_own(affected: &Affected) -> OwnPages {
    let kinds: Vec<(usize, EntityKind)> = [
        (affected.items.len(), EntityKind::Item),
        (affected.departments.len(), EntityKind::Department),
        (affected.laws.len(), EntityKind::Law),
        (affected.free_pages.len(), EntityKind::FreePage),
    ]
    .into_iter()
    .filter(|(count, _)| *count > 0)
    .collect();
    match kinds.as_slice() {
        [(count, kind)] => OwnPages {
            kind: Some(*kind),
            count: *count,
        },
        _ => OwnPages {
            kind: None,
            count: kinds.iter().map(|(count, _)| count).sum(),
        },
    }
}

/// The commit `HEAD` names in the repository of `root`, if any (feature `history`).
pub(crate) fn head_commit(root: &Path) -> Option<String> {
    #[cfg(feature = "history")]
    {
        let repository = crate::git::SiteRepository::discover(root)?;
        repository.resolve("HEAD").ok().map(|id| id.to_string())
    }
    #[cfg(not(feature = "history"))]
    {
        let _ = root;
        None
    }
}

impl Rebuilder {
    /// Puts the history from git and the uncommitted changes into the model just read: all of
    /// it after a full read; after a re-read of `items` (paths), only their uncommitted changes.
    fn attach_history(&mut self, items: Option<&[String]>) {
        if !self.settings.history {
            return;
        }
        #[cfg(feature = "history")]
        {
            let root = self.settings.root.clone();
            let model = &mut self.content.model;
            match items {
                None => {
                    self.history_head = head_commit(&root);
                    model.history = crate::history::site_history(&root, model, self.content.today)
                        .unwrap_or_default();
                    model.history.uncommitted =
                        crate::history::uncommitted_changes(&root, model, None);
                }
                Some(items) => {
                    let ids: Vec<String> = model
                        .items
                        .iter()
                        .filter(|item| items.contains(&item.file))
                        .map(|item| item.id.clone())
                        .collect();
                    let fresh = crate::history::uncommitted_changes(&root, model, Some(items));
                    let uncommitted = &mut model.history.uncommitted;
                    for id in ids {
                        uncommitted.remove(&id);
                    }
                    uncommitted.extend(fresh);
                }
            }
        }
        #[cfg(not(feature = "history"))]
        let _ = items;
    }

    /// Reads the site and renders every page: the first build of a serve session.
    pub fn start(settings: RebuildSettings) -> FsResult<(Rebuilder, Rebuild)> {
        let started = Instant::now();
        // The files first, as in `rebuild`.
        let (content_files, item_files) = inventory_files(&settings.root)?;
        let content = site::load_site(&settings.root, &settings.load)?;
        let (theme, theme_diagnostics) = read_theme(&settings.root);
        let (templates, compile_diagnostics) = render::compile_templates(&theme);
        let mut rebuilder = Rebuilder {
            settings,
            content,
            theme,
            templates,
            theme_diagnostics,
            compile_diagnostics,
            content_files,
            item_files,
            served: None,
            complete: None,
            pending: BTreeSet::new(),
            templates_pending: true,
            owed: None,
            cache: RenderCache::default(),
            history_head: None,
        };
        rebuilder.attach_history(None);
        let mut rebuild =
            rebuilder.first_phase(Vec::new(), Reread::Everything, Reread::Everything, started)?;
        if rebuilder.owed.is_some() {
            let owed = rebuilder.owed.take().expect("owed");
            rebuild = rebuilder
                .second_phase(&owed, &|| false, started)?
                .expect("an uninterruptible second phase");
        }
        rebuild.phase = Phase::Whole;
        Ok((rebuilder, rebuild))
    }

    /// Whether a changed path (relative to the root) can matter: the build reads it now, or read
    /// it before. A temporary file that is gone again (saved through temp-and-rename) cannot.
    fn matters(&self, relative: &str) -> bool {
        let Some(role) = role_of(relative) else {
            return false;
        };
        let is_content = !matches!(role, Role::Attachment | Role::Template | Role::Asset);
        let folder = format!("{relative}/");
        let holds_known_files = || {
            self.content_files
                .iter()
                .any(|file| file == relative || file.starts_with(&folder))
        };
        match self.settings.root.join(relative).symlink_metadata() {
            // A content folder that the build already reads: the events of its files say what
            // changed (polling reports the folder too when a file is created in it).
            Ok(metadata) if metadata.is_dir() && is_content => return !holds_known_files(),
            Ok(_) => return true,
            Err(_) => {}
        }
        match role {
            Role::Attachment => {
                let attachment = relative.trim_start_matches("content/files/");
                self.served
                    .as_ref()
                    .is_some_and(|served| served.attachments.contains_key(attachment))
                    || holds_known_files()
            }
            Role::Template => {
                relative == "templates" || relative.ends_with(".html") || relative.ends_with(".xml")
            }
            Role::Asset => relative
                .strip_prefix("templates/assets/")
                .is_some_and(Theme::is_builtin_asset),
            // A content file, or a folder of them moved away.
            _ => holds_known_files(),
        }
    }

    /// Whether `relative` is a content file of the site as last read that is not there now
    /// (deleted, or in the middle of an editor's save).
    pub fn is_missing_content_file(&self, relative: &str) -> bool {
        self.content_files.contains(relative)
            && self
                .settings
                .root
                .join(relative)
                .symlink_metadata()
                .is_err()
    }

    /// Rebuilds after `changed` files (relative to the root): re-reads the content and publishes
    /// the first phase (the changed entities' own pages). `None` when none of the files
    /// matters. Unless the rebuild is refused, the rest is owed: [`Rebuilder::finish`].
    pub fn rebuild(&mut self, changed: BTreeSet<String>) -> FsResult<Option<Rebuild>> {
        let started = Instant::now();
        let changed: Vec<String> = changed
            .into_iter()
            .filter(|relative| self.matters(relative))
            .collect();
        // A new commit (serve's HEAD watch sends `.git`): a new history, everything re-read.
        let new_commit =
            self.settings.history && self.history_head != head_commit(&self.settings.root);
        if changed.is_empty() && !new_commit {
            return Ok(None);
        }
        if new_commit {
            // Every item page and the list of recent changes may read differently now: the
            // second phase renders everything, as after a template change.
            self.templates_pending = true;
        }
        let roles: Vec<Role> = changed.iter().filter_map(|file| role_of(file)).collect();
        let templates_changed = roles.contains(&Role::Template);
        let theme_changed = templates_changed || roles.contains(&Role::Asset);
        let only_templates = roles
            .iter()
            .all(|role| matches!(role, Role::Template | Role::Asset));
        let only_known_items = changed.iter().all(|file| {
            role_of(file) == Some(Role::Item)
                && self.item_files.contains(file)
                && is_regular_file(&self.settings.root.join(file))
        });
        let root = self.settings.root.clone();
        let ids_of = |content: &Loaded| -> Vec<String> {
            content
                .model
                .items
                .iter()
                .filter(|item| changed.contains(&item.file))
                .map(|item| item.id.clone())
                .collect()
        };
        let before = ids_of(&self.content);
        let reread = if only_templates && !new_commit {
            Reread::Nothing
        } else if only_known_items
            && !new_commit
            && site::reload_items(&root, &mut self.content, &changed)?
        {
            let after = ids_of(&self.content);
            self.cache
                .forget_items(before.iter().chain(&after).map(String::as_str));
            self.attach_history(Some(&changed));
            Reread::Items(changed.len())
        } else {
            // The files first: one removed while the site loads stays known, so that its
            // removal is a change (the other way round its diagnostics would outlive it).
            let files = inventory_files(&root)?;
            self.content = site::load_site(&root, &self.settings.load)?;
            (self.content_files, self.item_files) = files;
            self.cache.forget_all_items();
            self.attach_history(None);
            Reread::Everything
        };
        if theme_changed {
            // An asset alone re-renders that asset; a template, everything.
            let new_templates = self.reload_theme();
            if templates_changed || new_templates {
                self.templates_pending = true;
            }
        }
        self.pending.extend(changed.iter().cloned());
        // The second phase, when it follows interrupted ones, reports every re-read.
        let owed_reread = match &self.owed {
            Some(owed) => owed.reread.and(reread),
            None => reread,
        };
        self.first_phase(changed, reread, owed_reread, started)
            .map(Some)
    }

    /// Whether a second phase is owed.
    pub fn owes_second_phase(&self) -> bool {
        self.owed.is_some()
    }

    /// Renders and publishes the rest of the site after a first phase: everything that depends
    /// on the files changed since the last complete build. Stops as soon as `interrupted`
    /// says so (changes arrived): the second phase stays owed, the next rebuild merges into it.
    pub fn finish(&mut self, interrupted: &(dyn Fn() -> bool + Sync)) -> FsResult<Finish> {
        let Some(owed) = self.owed.take() else {
            return Ok(Finish::Nothing);
        };
        match self.second_phase(&owed, interrupted, Instant::now()) {
            Ok(Some(rebuild)) => Ok(Finish::Done(Box::new(rebuild))),
            Ok(None) => {
                self.owed = Some(owed);
                Ok(Finish::Interrupted)
            }
            Err(error) => Err(error),
        }
    }

    /// Reads the theme again; compiles its templates again when their sources changed (an asset
    /// alone leaves them as they were). Returns whether they changed.
    fn reload_theme(&mut self) -> bool {
        let (theme, theme_diagnostics) = read_theme(&self.settings.root);
        let new_templates = theme.templates != self.theme.templates;
        if new_templates {
            (self.templates, self.compile_diagnostics) = render::compile_templates(&theme);
        }
        self.theme = theme;
        self.theme_diagnostics = theme_diagnostics;
        new_templates
    }

    /// The problems of the theme: reading it, compiling its templates.
    fn template_diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.theme_diagnostics
            .iter()
            .chain(&self.compile_diagnostics)
    }

    fn all_diagnostics(&self, extra: Vec<Diagnostic>) -> Vec<Diagnostic> {
        let mut all = self.content.diagnostics.clone();
        all.extend(self.template_diagnostics().cloned());
        all.extend(extra);
        diagnostics::sort(&mut all);
        all
    }

    fn report(&self, diagnostics: &[Diagnostic], color: bool) -> String {
        Report {
            diagnostics,
            sources: &self.content.sources,
            language: self.settings.language,
            file_count: self.content.file_count,
            color,
        }
        .human()
    }

    fn refuse(&self, diagnostics: Vec<Diagnostic>) -> (Outcome, Option<String>) {
        let (errors, warnings) = diagnostics::count(&diagnostics);
        let outcome = Outcome::Refused(Refused {
            errors,
            warnings,
            plain_report: self.report(&diagnostics, false),
        });
        (
            outcome,
            Some(self.report(&diagnostics, self.settings.color)),
        )
    }

    fn options(&self) -> RenderOptions<'_> {
        RenderOptions {
            theme: &self.theme,
            base_url: self.settings.base_url.as_deref(),
        }
    }

    fn attachments(&self) -> AttachmentMap {
        self.content
            .model
            .attachments
            .iter()
            .map(|attachment| (attachment.relative.clone(), attachment.path.clone()))
            .collect()
    }

    /// The own pages of the entities of `changed` files that the content has now (a new,
    /// edited or moved item's page; a removed one has none).
    fn own_pages(&self, changed: &[String]) -> Affected {
        let model = &self.content.model;
        let mut affected = Affected::default();
        for file in changed {
            match role_of(file) {
                Some(Role::Item) => affected.items.extend(
                    model
                        .items
                        .iter()
                        .filter(|item| item.file == *file)
                        .map(|item| item.id.clone()),
                ),
                Some(Role::Department) => affected.departments.extend(
                    model
                        .departments
                        .values()
                        .filter(|department| department.file == *file)
                        .map(|department| department.id.clone()),
                ),
                Some(Role::Law) => affected.laws.extend(
                    model
                        .laws
                        .values()
                        .filter(|law| law.file == *file)
                        .map(|law| law.id.clone()),
                ),
                Some(Role::FreePage) => affected.free_pages.extend(
                    model
                        .pages
                        .iter()
                        .filter(|page| page.file == *file)
                        .map(|page| page.slug.clone()),
                ),
                _ => {}
            }
        }
        affected
    }

    /// Checks the content, then renders and publishes the own pages of the entities of
    /// `changed`; the rest becomes owed (`owed_reread`: the re-reads it will report).
    fn first_phase(
        &mut self,
        changed_files: Vec<String>,
        reread: Reread,
        owed_reread: Reread,
        started: Instant,
    ) -> FsResult<Rebuild> {
        // Warnings are reported with the second phase: on a large site with many of them, the
        // report takes longer to make than the first phase.
        let has_errors = self
            .content
            .diagnostics
            .iter()
            .chain(self.template_diagnostics())
            .any(|d| d.severity == Severity::Error);
        let warnings = self.content.diagnostics.len() + self.template_diagnostics().count();
        let done = |outcome: Outcome, report: Option<String>, phase: Phase| Rebuild {
            changed_files: changed_files.clone(),
            reread,
            elapsed: started.elapsed(),
            outcome,
            report,
            phase,
        };
        let Some(tera) = self.templates.as_ref().filter(|_| !has_errors) else {
            self.owed = None;
            let (outcome, report) = self.refuse(self.all_diagnostics(Vec::new()));
            return Ok(done(outcome, report, Phase::Whole));
        };
        let report = None;
        self.owed = Some(Owed {
            reread: owed_reread,
            first: None,
        });
        let model = &self.content.model;
        let base_path = Views::new(model, self.settings.base_url.as_deref()).base_path;
        let own = self.own_pages(&changed_files);
        let nothing = |served: Option<&Served>| Published {
            pages: served.map_or_else(Default::default, |served| served.pages.clone()),
            attachments: served.map_or_else(Default::default, |served| served.attachments.clone()),
            base_path: base_path.clone(),
            rendered: 0,
            everything: false,
            changed_outputs: Vec::new(),
            changed_attachments: Vec::new(),
            items: model.items.len(),
            warnings,
        };
        // Nothing of its own (a template, site.yaml, an attachment, a removed file), nothing
        // served yet, or the site moves to another base path: the second phase does it all.
        let served = match &self.served {
            Some(served) if served.base_path == base_path && own != Affected::default() => served,
            served => {
                let published = nothing(served.as_ref());
                return Ok(done(
                    Outcome::Published(published),
                    report,
                    Phase::First(None),
                ));
            }
        };
        let selection = Selection::Affected(own.clone());
        let sink = MemorySink::new(self.settings.minify);
        let wanted = |output: &str| selection.contains(output);
        let incremental = Incremental {
            cache: Some(&self.cache),
            stop: None,
            entity_pages_only: true,
        };
        let (stats, render_diagnostics) =
            render::render_pages_with(model, tera, &self.options(), &sink, &wanted, &incremental)?;
        if !render_diagnostics.is_empty() {
            self.owed = None;
            let (outcome, report) = self.refuse(self.all_diagnostics(render_diagnostics));
            return Ok(done(outcome, report, Phase::Whole));
        }
        let rendered = sink.into_pages();
        // Minified now rather than when the browser asks for them: by then the second phase
        // keeps every core busy.
        for page in rendered.values() {
            page.served();
        }
        let (pages, changed_outputs) = merge_pages(&served.pages, rendered, false);
        let first = FirstPhase {
            own: describe_own(&own),
            rendered: stats.pages,
            changed: changed_outputs.len(),
            elapsed: started.elapsed(),
        };
        let pages = Arc::new(pages);
        let attachments = served.attachments.clone();
        self.served = Some(Served {
            pages: pages.clone(),
            attachments: attachments.clone(),
            base_path: base_path.clone(),
        });
        self.owed = Some(Owed {
            reread: owed_reread,
            first: Some(first.clone()),
        });
        let published = Published {
            pages,
            attachments,
            base_path,
            rendered: stats.pages,
            everything: false,
            changed_outputs,
            changed_attachments: Vec::new(),
            items: self.content.model.items.len(),
            warnings,
        };
        Ok(done(
            Outcome::Published(published),
            report,
            Phase::First(Some(first)),
        ))
    }

    /// Renders what depends on the pending files (everything after a template change or before
    /// the first complete build) and publishes it. `None` when `interrupted` stopped it.
    fn second_phase(
        &mut self,
        owed: &Owed,
        interrupted: &(dyn Fn() -> bool + Sync),
        started: Instant,
    ) -> FsResult<Option<Rebuild>> {
        let diagnostics = self.all_diagnostics(Vec::new());
        let changed_files: Vec<String> = self.pending.iter().cloned().collect();
        let reread = match owed.reread {
            Reread::Items(_) => Reread::Items(
                changed_files
                    .iter()
                    .filter(|file| role_of(file) == Some(Role::Item))
                    .count(),
            ),
            other => other,
        };
        let done = |outcome: Outcome, report: Option<String>| Rebuild {
            changed_files: changed_files.clone(),
            reread,
            elapsed: started.elapsed(),
            outcome,
            report,
            phase: Phase::Rest(owed.first.clone()),
        };
        let Some(tera) = self.templates.as_ref() else {
            let (outcome, report) = self.refuse(diagnostics);
            return Ok(Some(done(outcome, report)));
        };
        let dependencies = Dependencies::of(&self.content.model);
        let selection = match &self.complete {
            Some(before) if !self.templates_pending => {
                pages_to_render(&self.pending, before, &dependencies)
            }
            _ => Selection::Everything,
        };
        let stopped = AtomicBool::new(false);
        let stop = || {
            if !stopped.load(Ordering::Relaxed) && interrupted() {
                stopped.store(true, Ordering::Relaxed);
            }
            stopped.load(Ordering::Relaxed)
        };
        let wanted = |output: &str| selection.contains(output);
        let sink = MemorySink::new(self.settings.minify);
        let incremental = Incremental {
            cache: Some(&self.cache),
            stop: Some(&stop),
            entity_pages_only: false,
        };
        let (stats, render_diagnostics) = render::render_pages_with(
            &self.content.model,
            tera,
            &self.options(),
            &sink,
            &wanted,
            &incremental,
        )?;
        if stopped.load(Ordering::Relaxed) {
            return Ok(None);
        }
        if !render_diagnostics.is_empty() {
            let (outcome, report) = self.refuse(self.all_diagnostics(render_diagnostics));
            return Ok(Some(done(outcome, report)));
        }

        let everything = selection == Selection::Everything;
        let empty = PageMap::new();
        let previous = self
            .served
            .as_ref()
            .map_or(&empty, |served| served.pages.as_ref());
        let (pages, changed_outputs) = merge_pages(previous, sink.into_pages(), everything);
        let mut changed_attachments: Vec<String> = self
            .pending
            .iter()
            .filter_map(|file| file.strip_prefix("content/files/"))
            .map(str::to_string)
            .collect();
        changed_attachments.sort();

        let pages = Arc::new(pages);
        let attachments = Arc::new(self.attachments());
        let base_path =
            Views::new(&self.content.model, self.settings.base_url.as_deref()).base_path;
        let warnings = diagnostics.len();
        let report =
            (!diagnostics.is_empty()).then(|| self.report(&diagnostics, self.settings.color));
        let published = Published {
            pages: pages.clone(),
            attachments: attachments.clone(),
            base_path: base_path.clone(),
            rendered: stats.pages,
            everything,
            changed_outputs,
            changed_attachments,
            items: self.content.model.items.len(),
            warnings,
        };
        self.served = Some(Served {
            pages,
            attachments,
            base_path,
        });
        self.complete = Some(dependencies);
        self.pending.clear();
        self.templates_pending = false;
        Ok(Some(done(Outcome::Published(published), report)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn copy_folder(from: &Path, to: &Path) {
        for entry in walkdir::WalkDir::new(from) {
            let entry = entry.unwrap();
            let target = to.join(entry.path().strip_prefix(from).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).unwrap();
            } else {
                std::fs::copy(entry.path(), &target).unwrap();
            }
        }
    }

    fn fixture() -> tempfile::TempDir {
        let folder = tempfile::tempdir().unwrap();
        copy_folder(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid"),
            folder.path(),
        );
        folder
    }

    fn settings(root: &Path) -> RebuildSettings {
        RebuildSettings {
            root: root.to_path_buf(),
            load: LoadOptions {
                today: crate::model::convert::parse_date("2026-11-29"),
                publish_drafts: false,
                ..Default::default()
            },
            minify: Minify::Off,
            language: Language::En,
            color: false,
            base_url: None,
            history: false,
        }
    }

    fn published(rebuild: Rebuild) -> Published {
        match rebuild.outcome {
            Outcome::Published(published) => published,
            Outcome::Refused(refused) => panic!("refused:\n{}", refused.plain_report),
        }
    }

    /// Both phases of a rebuild; the first when it is refused.
    fn rebuild_completely(rebuilder: &mut Rebuilder, changed: BTreeSet<String>) -> Rebuild {
        let first = rebuilder.rebuild(changed).unwrap().unwrap();
        if !rebuilder.owes_second_phase() {
            assert!(matches!(first.outcome, Outcome::Refused(_)));
            return first;
        }
        match rebuilder.finish(&|| false).unwrap() {
            Finish::Done(rest) => {
                assert!(!rebuilder.owes_second_phase());
                *rest
            }
            other => panic!("{other:?}"),
        }
    }

    /// The two phases of a rebuild after one changed file.
    fn two_phases(rebuilder: &mut Rebuilder, changed: &str) -> (Rebuild, Rebuild) {
        let first = rebuilder
            .rebuild(BTreeSet::from([changed.to_string()]))
            .unwrap()
            .unwrap();
        match rebuilder.finish(&|| false).unwrap() {
            Finish::Done(rest) => (first, *rest),
            other => panic!("{other:?}"),
        }
    }

    fn edit(root: &Path, relative: &str, from: &str, to: &str) {
        let path = root.join(relative);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "`{from}` not in {relative}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }

    /// What a fresh full build of `root` renders.
    fn full_render(root: &Path) -> PageMap {
        let (_, rebuild) = Rebuilder::start(settings(root)).unwrap();
        (*published(rebuild).pages).clone()
    }

    fn assert_same_pages(incremental: &PageMap, full: &PageMap) {
        let mut left: Vec<&Arc<str>> = incremental.keys().collect();
        let mut right: Vec<&Arc<str>> = full.keys().collect();
        left.sort();
        right.sort();
        assert_eq!(left, right);
        for (path, bytes) in full {
            assert!(
                incremental[path] == *bytes,
                "{path} differs from a full build"
            );
        }
    }

    const SHIPIN: &str = "content/items/shipin-xuke.yaml";

    #[test]
    fn one_item_edit_renders_its_dependents_only_and_matches_a_full_build() {
        let folder = fixture();
        let root = folder.path();
        let (mut rebuilder, first) = Rebuilder::start(settings(root)).unwrap();
        let first = published(first);
        assert!(first.everything);

        edit(
            root,
            SHIPIN,
            "食品经营许可（新办）",
            "食品经营许可（新办，已改）",
        );
        let (own, rest) = two_phases(&mut rebuilder, SHIPIN);
        assert_eq!(own.reread, Reread::Items(1));
        assert_eq!(rest.reread, Reread::Items(1));
        assert_eq!(rest.changed_files, [SHIPIN]);
        // First the item's own pages, published at once.
        let Phase::First(Some(phase)) = &own.phase else {
            panic!("{:?}", own.phase)
        };
        assert_eq!(
            phase.own,
            OwnPages {
                kind: Some(EntityKind::Item),
                count: 1
            }
        );
        assert_eq!(phase.rendered, 2);
        let own = published(own);
        assert_eq!(
            own.changed_outputs,
            [
                "items/shipin-xuke/index.html",
                "items/shipin-xuke/slip/index.html"
            ]
        );
        let page = String::from_utf8_lossy(own.pages["items/shipin-xuke/index.html"].rendered());
        assert!(page.contains("食品经营许可（新办，已改）"));
        // Then what lists or prints it; the item's pages are already up to date.
        assert!(matches!(rest.phase, Phase::Rest(Some(_))));
        let second = published(rest);
        assert!(!second.everything);
        assert!(second.rendered < first.rendered, "{}", second.rendered);
        for output in ["index.html", "search/index.json", "print/shipin/index.html"] {
            assert!(
                second.changed_outputs.contains(&output.to_string()),
                "{output}: {:?}",
                second.changed_outputs
            );
        }
        assert!(
            !second
                .changed_outputs
                .contains(&"items/shipin-xuke/index.html".to_string())
        );
        assert!(!second.changed_outputs.contains(&"404.html".to_string()));
        assert_same_pages(&second.pages, &full_render(root));
    }

    #[test]
    fn changes_during_the_second_phase_are_merged_into_the_next() {
        let folder = fixture();
        let root = folder.path();
        let (mut rebuilder, _) = Rebuilder::start(settings(root)).unwrap();
        let geti = "content/items/dengji/geti-sheli.yaml";
        edit(root, SHIPIN, "食品经营许可（新办）", "食品经营许可（一）");
        let own = rebuilder
            .rebuild(BTreeSet::from([SHIPIN.to_string()]))
            .unwrap()
            .unwrap();
        assert!(matches!(own.phase, Phase::First(Some(_))));
        // Changes are waiting: the second phase stops and stays owed.
        assert!(matches!(
            rebuilder.finish(&|| true).unwrap(),
            Finish::Interrupted
        ));
        assert!(rebuilder.owes_second_phase());
        let geti_text = std::fs::read_to_string(root.join(geti)).unwrap();
        let name_line = geti_text
            .lines()
            .find(|line| line.starts_with("name: "))
            .unwrap()
            .to_string();
        edit(root, geti, &name_line, &format!("{name_line}（二）"));
        let (own, rest) = two_phases(&mut rebuilder, geti);
        let own = published(own);
        assert!(
            own.changed_outputs
                .iter()
                .all(|o| o.starts_with("items/geti-sheli/"))
        );
        // One second phase for both edits.
        assert_eq!(rest.changed_files, [geti, SHIPIN]);
        assert_eq!(rest.reread, Reread::Items(2));
        let rest = published(rest);
        assert!(!rest.everything);
        assert_same_pages(&rest.pages, &full_render(root));
    }

    #[test]
    fn per_item_reload_matches_a_full_load() {
        let folder = fixture();
        let root = folder.path();
        let options = settings(root).load;
        let mut loaded = site::load_site(root, &options).unwrap();
        // A broken value, a duplicate code, then the fix.
        let geti = "content/items/dengji/geti-sheli.yaml";
        let code = std::fs::read_to_string(root.join(SHIPIN)).unwrap();
        let shipin_code = code
            .lines()
            .find_map(|line| line.strip_prefix("code: "))
            .unwrap()
            .to_string();
        let geti_text = std::fs::read_to_string(root.join(geti)).unwrap();
        let geti_code = geti_text
            .lines()
            .find_map(|line| line.strip_prefix("code: "))
            .unwrap()
            .to_string();
        for (from, to) in [
            (format!("code: {geti_code}"), format!("code: {shipin_code}")),
            ("type: ".to_string(), "type: 不存在的类型\nx_".to_string()),
        ] {
            edit(root, geti, &from, &to);
            assert!(site::reload_items(root, &mut loaded, &[geti.to_string()]).unwrap());
            let fresh = site::load_site(root, &options).unwrap();
            let describe = |loaded: &Loaded| {
                let report = Report {
                    diagnostics: &loaded.diagnostics,
                    sources: &loaded.sources,
                    language: Language::En,
                    file_count: loaded.file_count,
                    color: false,
                }
                .human();
                (report, format!("{:?}", loaded.model.items))
            };
            assert!(!fresh.diagnostics.is_empty());
            assert_eq!(describe(&loaded), describe(&fresh));
        }
        assert!(
            !site::reload_items(root, &mut loaded, &["content/items/nope.yaml".into()]).unwrap()
        );
    }

    #[test]
    fn errors_keep_the_changes_pending_until_fixed() {
        let folder = fixture();
        let root = folder.path();
        let (mut rebuilder, _) = Rebuilder::start(settings(root)).unwrap();
        let original = std::fs::read_to_string(root.join(SHIPIN)).unwrap();
        edit(root, SHIPIN, "食品经营许可（新办）", "食品经营许可（改）");
        std::fs::write(
            root.join(SHIPIN),
            std::fs::read_to_string(root.join(SHIPIN)).unwrap() + "\nname: [unclosed\n",
        )
        .unwrap();
        let refused = rebuild_completely(&mut rebuilder, BTreeSet::from([SHIPIN.to_string()]));
        assert!(matches!(refused.outcome, Outcome::Refused(ref r) if r.errors > 0));
        std::fs::write(
            root.join(SHIPIN),
            original.replacen("食品经营许可（新办）", "食品经营许可（改）", 1),
        )
        .unwrap();
        let (own, rest) = two_phases(&mut rebuilder, SHIPIN);
        assert!(
            published(own)
                .changed_outputs
                .contains(&"items/shipin-xuke/index.html".to_string())
        );
        assert_same_pages(&published(rest).pages, &full_render(root));
    }

    #[test]
    fn department_law_page_and_template_edits_match_a_full_build() {
        let folder = fixture();
        let root = folder.path();
        let (mut rebuilder, _) = Rebuilder::start(settings(root)).unwrap();
        let department = "content/departments/shipin.yaml";
        let department_text = std::fs::read_to_string(root.join(department)).unwrap();
        let name_line = department_text
            .lines()
            .find(|line| line.starts_with("name: "))
            .unwrap()
            .to_string();
        edit(root, department, &name_line, &format!("{name_line}（改）"));
        let rebuild = published(rebuild_completely(
            &mut rebuilder,
            BTreeSet::from([department.to_string()]),
        ));
        assert!(!rebuild.everything);
        assert_same_pages(&rebuild.pages, &full_render(root));

        let law = "content/laws/xzxkf.yaml";
        let law_text = std::fs::read_to_string(root.join(law)).unwrap();
        let title_line = law_text
            .lines()
            .find(|line| line.starts_with("title: "))
            .unwrap()
            .to_string();
        edit(root, law, &title_line, &format!("{title_line}（修订）"));
        let rebuild = published(rebuild_completely(
            &mut rebuilder,
            BTreeSet::from([law.to_string()]),
        ));
        assert!(!rebuild.everything);
        assert_same_pages(&rebuild.pages, &full_render(root));

        let page = "content/pages/guanyu.md";
        let page_text = std::fs::read_to_string(root.join(page)).unwrap();
        std::fs::write(root.join(page), format!("{page_text}\n另加的一段。\n")).unwrap();
        let rebuild = published(rebuild_completely(
            &mut rebuilder,
            BTreeSet::from([page.to_string()]),
        ));
        assert_same_pages(&rebuild.pages, &full_render(root));

        std::fs::create_dir_all(root.join("templates")).unwrap();
        let base = Theme::builtin_template("base.html").unwrap();
        std::fs::write(
            root.join("templates/base.html"),
            base.replacen("<body>", "<body><p>自定义页头</p>", 1),
        )
        .unwrap();
        let rebuild = published(rebuild_completely(
            &mut rebuilder,
            BTreeSet::from(["templates/base.html".to_string()]),
        ));
        assert!(rebuild.everything);
        assert_same_pages(&rebuild.pages, &full_render(root));
    }

    #[test]
    fn an_asset_override_rerenders_that_asset_alone_and_an_unreadable_one_is_refused() {
        let folder = fixture();
        let root = folder.path();
        let (mut rebuilder, _) = Rebuilder::start(settings(root)).unwrap();
        let style = "templates/assets/style.css";
        std::fs::create_dir_all(root.join("templates/assets")).unwrap();
        std::fs::write(root.join(style), "body { color: #123; }").unwrap();
        let changed = || BTreeSet::from([style.to_string()]);
        let rebuild = published(rebuild_completely(&mut rebuilder, changed()));
        // Assets are not counted as pages: nothing else was rendered.
        assert!(!rebuild.everything);
        assert_eq!(rebuild.rendered, 0);
        assert_eq!(rebuild.changed_outputs, ["assets/style.css"]);
        assert_eq!(
            rebuild.pages["assets/style.css"].rendered().as_ref(),
            b"body { color: #123; }"
        );
        assert_same_pages(&rebuild.pages, &full_render(root));

        // Not UTF-8: refused, the last good build stays, not the built-in asset.
        std::fs::write(root.join(style), b"\xff\xfe").unwrap();
        let refused = rebuild_completely(&mut rebuilder, changed());
        let Outcome::Refused(refused) = refused.outcome else {
            panic!("{:?}", refused.outcome)
        };
        assert_eq!(refused.errors, 1);
        assert!(
            refused
                .plain_report
                .contains("--> templates/assets/style.css:1:1"),
            "{}",
            refused.plain_report
        );

        std::fs::remove_file(root.join(style)).unwrap();
        let rebuild = published(rebuild_completely(&mut rebuilder, changed()));
        assert_eq!(rebuild.changed_outputs, ["assets/style.css"]);
        assert_same_pages(&rebuild.pages, &full_render(root));
    }

    #[test]
    fn added_and_removed_items_rebuild_everything() {
        let folder = fixture();
        let root = folder.path();
        let (mut rebuilder, _) = Rebuilder::start(settings(root)).unwrap();
        let text = std::fs::read_to_string(root.join(SHIPIN)).unwrap();
        let code = text
            .lines()
            .find_map(|line| line.strip_prefix("code: "))
            .unwrap();
        std::fs::create_dir_all(root.join("content/items/new")).unwrap();
        std::fs::write(
            root.join("content/items/new/added.yaml"),
            text.replacen(&format!("code: {code}"), "code: ADDED-1", 1),
        )
        .unwrap();
        let added = published(rebuild_completely(
            &mut rebuilder,
            BTreeSet::from(["content/items/new".to_string()]),
        ));
        assert!(added.everything);
        assert!(added.pages.contains_key("items/added/index.html"));
        assert_same_pages(&added.pages, &full_render(root));

        std::fs::remove_file(root.join(SHIPIN)).unwrap();
        let removed = published(rebuild_completely(
            &mut rebuilder,
            BTreeSet::from([SHIPIN.to_string()]),
        ));
        assert!(!removed.pages.contains_key("items/shipin-xuke/index.html"));
        assert!(
            removed
                .changed_outputs
                .contains(&"items/shipin-xuke/index.html".to_string())
        );
        assert_same_pages(&removed.pages, &full_render(root));
    }

    #[test]
    fn vanished_temporary_files_do_not_rebuild() {
        let folder = fixture();
        let root = folder.path();
        let (mut rebuilder, _) = Rebuilder::start(settings(root)).unwrap();
        let changed = BTreeSet::from([
            "content/items/shipin-xuke.yaml.tmp".to_string(),
            "public/index.html".to_string(),
            "content/items".to_string(),
            "content".to_string(),
        ]);
        assert!(rebuilder.rebuild(changed).unwrap().is_none());
    }
}
