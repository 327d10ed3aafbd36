//! The change history of a site from git (feature `history`): what each commit changed in each
//! item, in words, for the 变更记录 of the item pages, the site's 最近更新 page and the feed; and,
//! for `serve`, the changes of the working tree not yet committed.
//!
//! Walks the commits reachable from `HEAD` (as `git log` does) back to `history_months` before
//! today, each commit once for all items: the item files it changed (unchanged sub-trees are skipped by id, so the cost
//! is in the changed files, not in the size of the site), each read before and after and compared
//! with [`crate::diff::item_changes`]. Items are followed by code (a file renamed with its code
//! kept is the same item), then by path. A commit that changed nothing a visitor would notice
//! (whitespace, comments, key order) gives no entry. Draft items are not published and have no
//! history. Without a repository, or with `history_limit: 0`, the history is empty and the site
//! builds exactly as without this feature.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;

use crate::diagnostics::Language;
use crate::diff::{self, Change, Presence, text};
use crate::git::{CommitInfo, GitError, SiteRepository};
use crate::model::history::{ChangeLine, HistoryEntry, RecentChange, SiteHistory, Subject};
use crate::model::{Interner, Item, SiteModel};

/// How many item changes the site's list of recent changes (and the feed) shows.
pub const RECENT_LENGTH: usize = 50;

/// The language of the history's words: the site's.
fn language_of(model: &SiteModel) -> Language {
    if model
        .site
        .language
        .trim()
        .to_ascii_lowercase()
        .starts_with("zh")
    {
        Language::Zh
    } else {
        Language::En
    }
}

/// A change in words.
pub fn change_lines(changes: &[Change], language: Language) -> Vec<ChangeLine> {
    changes
        .iter()
        .map(|change| ChangeLine {
            field: text::path_label(&change.path, language),
            text: text::change_text(change, language),
        })
        .collect()
}

/// How an item is followed through the history: its code, or its id when it has none.
fn key_of(item: &Item) -> String {
    let code = item.code.value.trim();
    if code.is_empty() {
        format!("id:{}", item.id)
    } else {
        code.to_string()
    }
}

/// One commit's change to one item, department or law.
struct EntryChange {
    subject: Subject,
    /// The item's key (code) before and after, or the department's or law's id (either absent
    /// when added or removed).
    old_key: Option<String>,
    new_key: Option<String>,
    name: String,
    presence: Presence,
    changes: Vec<ChangeLine>,
}

/// The date of a commit in its committer's time zone.
fn commit_date(commit: &CommitInfo) -> jiff::civil::Date {
    let offset = jiff::tz::Offset::from_seconds(commit.offset).unwrap_or(jiff::tz::Offset::UTC);
    jiff::Timestamp::from_second(commit.seconds)
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        .to_zoned_datetime(jiff::tz::TimeZone::fixed(offset))
        .date()
}

/// The history of the site under `root` as of `today`. Empty (never an error) when the site is
/// in no repository or the repository has no commit; `Err` when git's objects cannot be read.
pub fn site_history(
    root: &Path,
    model: &SiteModel,
    today: jiff::civil::Date,
) -> Result<SiteHistory, GitError> {
    let mut history = SiteHistory::default();
    let limit = model.site.history_limit as usize;
    if limit == 0 {
        return Ok(history);
    }
    let Some(repository) = SiteRepository::discover(root) else {
        return Ok(history);
    };
    let language = language_of(model);
    history.shallow = repository.is_shallow();
    let since = today
        .checked_sub(jiff::Span::new().months(i64::from(model.site.history_months)))
        .unwrap_or(today)
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .map(|zoned| zoned.timestamp().as_second())
        .unwrap_or(0);
    let commits = repository.history(since)?;
    let Some(head) = commits.first().map(|commit| commit.id) else {
        return Ok(history);
    };
    // The published items whose file is byte for byte the one in HEAD: a commit that wrote
    // that very blob is read from the model, not parsed again (the commit that added the
    // site's 10,000 items would otherwise parse them all a second time).
    let head_blobs = match repository.content_tree(head)? {
        Some(tree) => repository.blob_ids(tree)?,
        None => HashMap::new(),
    };
    let known: HashMap<gix::ObjectId, &Item> = model
        .items
        .par_iter()
        .filter(|item| !item.draft)
        .filter_map(|item| {
            let id = head_blobs.get(&item.file)?;
            let bytes = crate::fs::read_bytes(&root.join(&item.file)).ok()?;
            (crate::git::blob_id(&bytes) == *id).then_some((*id, item))
        })
        .collect();
    // Each commit on its own, in parallel (a repository handle per thread).
    let shared = repository.to_shared();
    let per_commit: Vec<(bool, Vec<EntryChange>)> = commits
        .par_iter()
        .map_init(
            || shared.to_local(),
            |repository, commit| commit_changes(repository, commit, model, &known, language),
        )
        .collect::<Result<_, _>>()?;

    let current: HashMap<String, &str> = model
        .items
        .iter()
        .filter(|item| !item.draft)
        .map(|item| (key_of(item), item.id.as_str()))
        .collect();
    // Older key to the newest key of the same item (a code changed in a commit).
    let mut aliases: HashMap<String, String> = HashMap::new();
    let resolve = |aliases: &HashMap<String, String>, key: &str| -> String {
        let mut key = key.to_string();
        let mut steps = 0;
        while let Some(newer) = aliases.get(&key) {
            if steps > 64 {
                break;
            }
            key = newer.clone();
            steps += 1;
        }
        key
    };
    for (commit, (initial, changes)) in commits.iter().zip(per_commit) {
        if changes.is_empty() {
            continue;
        }
        let date = commit_date(commit);
        for change in changes {
            let entry = |presence: String| HistoryEntry {
                date,
                commit: commit.short_id.clone(),
                presence,
                changes: change.changes.clone(),
                initial,
            };
            let presence = if initial {
                text::first_published(language)
            } else {
                text::presence_word(change.presence, language)
            };
            let current_id = match change.subject {
                Subject::Item => {
                    let newest = change
                        .new_key
                        .as_deref()
                        .or(change.old_key.as_deref())
                        .map(|key| resolve(&aliases, key))
                        .unwrap_or_default();
                    if let (Some(old), Some(new)) = (&change.old_key, &change.new_key)
                        && old != new
                    {
                        aliases.insert(old.clone(), newest.clone());
                    }
                    let current_id = current.get(&newest).map(|id| id.to_string());
                    if let Some(id) = &current_id {
                        let entries = history.items.entry(id.clone()).or_default();
                        if entries.len() < limit {
                            entries.push(entry(presence.clone()));
                        }
                    }
                    current_id
                }
                Subject::Department => change
                    .new_key
                    .clone()
                    .or(change.old_key.clone())
                    .filter(|id| model.departments.contains_key(id)),
                Subject::Law => change
                    .new_key
                    .clone()
                    .or(change.old_key.clone())
                    .filter(|id| model.laws.contains_key(id)),
                Subject::Site => None,
            };
            // The site's list: what a visitor would notice, not the first import.
            if !initial && history.recent.len() < RECENT_LENGTH {
                history.recent.push(RecentChange {
                    entry: entry(presence),
                    subject: change.subject,
                    name: change.name.clone(),
                    id: current_id,
                });
            }
        }
    }
    Ok(history)
}

/// One version of an entry file at a commit.
enum Version<'a, T: Clone> {
    Read(Cow<'a, T>),
    /// A draft: not published, so absent for a visitor.
    Draft,
    /// Not YAML (a syntax error, not UTF-8): what it says is unknown.
    Unreadable,
}

/// What one commit changed in the items, departments and laws, compared with its parent; and
/// whether it is the commit that brought the content folder (everything is new in it). A merge
/// reports nothing, as in `git log -p`: its changes are those of the commits it merges. A parent
/// missing from a shallow clone: nothing either. A version that cannot be read is no removal:
/// its change is left out, and the next commit compares with the last version that could be
/// read.
///
/// Long on purpose: the versions of one commit read, paired (renamed files by code) and
/// compared in one place, sharing the per-commit interner and the readers of old versions.
fn commit_changes(
    repository: &SiteRepository,
    commit: &CommitInfo,
    model: &SiteModel,
    known: &HashMap<gix::ObjectId, &Item>,
    language: Language,
) -> Result<(bool, Vec<EntryChange>), GitError> {
    let new_tree = repository.content_tree(commit.id)?;
    let (parent, old_tree) = match commit.parents.as_slice() {
        [] => (None, None),
        [parent] => match repository.content_tree(*parent) {
            Ok(tree) => (Some(*parent), tree),
            Err(_) => return Ok((false, Vec::new())),
        },
        _ => return Ok((false, Vec::new())),
    };
    let initial = old_tree.is_none();
    let changed = repository.changed_files(old_tree, new_tree)?;
    if changed.is_empty() {
        return Ok((initial, Vec::new()));
    }
    let interner = Interner::default();
    let text_of = |id: gix::ObjectId, path: &str| -> Option<String> {
        let bytes = repository.blob(id, path).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        Some(text.trim_start_matches('\u{feff}').to_string())
    };
    // An item file's version at a blob: the model's item when it is that blob, else parsed.
    let item_at = |id: gix::ObjectId, path: &str| -> Version<'_, Item> {
        if let Some(item) = known.get(&id) {
            return Version::Read(Cow::Borrowed(*item));
        }
        match text_of(id, path).and_then(|text| crate::site::parse_item(path, &text, &interner)) {
            Some(item) if item.draft => Version::Draft,
            Some(item) => Version::Read(Cow::Owned(item)),
            None => Version::Unreadable,
        }
    };
    // The last version before this commit that could be read (at most 100 commits back).
    let last_readable_item = |path: &str| -> Option<Item> {
        let mut at = parent?;
        for _ in 0..100 {
            at = repository.first_parent(at)?;
            let id = repository.blob_at(at, path)?;
            match item_at(id, path) {
                Version::Read(item) => return Some(item.into_owned()),
                Version::Draft => return None,
                Version::Unreadable => continue,
            }
        }
        None
    };

    let mut olds: Vec<(&str, Cow<Item>)> = Vec::new();
    let mut news: Vec<(&str, Cow<Item>)> = Vec::new();
    // Paths whose new version cannot be read: no entry for them in this commit.
    let mut unknown: Vec<&str> = Vec::new();
    let mut changes = Vec::new();
    for file in &changed {
        let path = file.path.as_str();
        if is_item_path(path) {
            match file.new.map(|id| item_at(id, path)) {
                Some(Version::Read(item)) => news.push((path, item)),
                Some(Version::Unreadable) => unknown.push(path),
                Some(Version::Draft) | None => {}
            }
            match file.old.map(|id| item_at(id, path)) {
                Some(Version::Read(item)) => olds.push((path, item)),
                Some(Version::Unreadable) => {
                    if let Some(item) = last_readable_item(path) {
                        olds.push((path, Cow::Owned(item)));
                    }
                }
                Some(Version::Draft) | None => {}
            }
        } else if let Some(subject) = entry_subject(path)
            && let Some(change) =
                entry_change(repository, subject, file, parent, &interner, language)
        {
            changes.push(change);
        }
    }
    // Pair the versions: same code (a renamed file), then same file.
    let mut old_used = vec![false; olds.len()];
    for (index, (old_path, _)) in olds.iter().enumerate() {
        if unknown.contains(old_path) {
            old_used[index] = true;
        }
    }
    let mut item_changes = Vec::new();
    for (new_path, new) in &news {
        let position = olds
            .iter()
            .enumerate()
            .position(|(index, (_, old))| !old_used[index] && key_of(old) == key_of(new))
            .or_else(|| {
                olds.iter()
                    .enumerate()
                    .position(|(index, (old_path, _))| !old_used[index] && old_path == new_path)
            });
        match position {
            Some(index) => {
                old_used[index] = true;
                let (old_path, old) = &olds[index];
                // A new review date alone is no news for a visitor (the page shows it anyway):
                // a commit that re-dates every item must not fill the recent changes.
                let updated = crate::model::format::item::UPDATED.name;
                let changes: Vec<Change> = diff::item_changes(model, old, model, new)
                    .into_iter()
                    .filter(|change| {
                        !matches!(change.path.first(), Some(diff::Step::Key(key))
                            if key.name == updated)
                    })
                    .collect();
                let mut lines = change_lines(&changes, language);
                // A new file name is a new id: the page has a new address. (The ids are read
                // from the paths: a file renamed without a change is one blob, one model item.)
                let stem = |path: &str| {
                    let name = path.rsplit('/').next().unwrap_or(path);
                    name.rsplit_once('.')
                        .map_or(name, |(stem, _)| stem)
                        .to_string()
                };
                let (old_id, new_id) = (stem(old_path), stem(new_path));
                if old_id != new_id {
                    let (field, text) = text::address_changed(&old_id, &new_id, language);
                    lines.insert(0, ChangeLine { field, text });
                }
                if !lines.is_empty() {
                    item_changes.push(EntryChange {
                        subject: Subject::Item,
                        old_key: Some(key_of(old)),
                        new_key: Some(key_of(new)),
                        name: new.name.value.to_string(),
                        presence: Presence::Changed,
                        changes: lines,
                    });
                }
            }
            None => item_changes.push(EntryChange {
                subject: Subject::Item,
                old_key: None,
                new_key: Some(key_of(new)),
                name: new.name.value.to_string(),
                presence: Presence::Added,
                changes: Vec::new(),
            }),
        }
    }
    for (index, (_, old)) in olds.iter().enumerate() {
        if !old_used[index] {
            item_changes.push(EntryChange {
                subject: Subject::Item,
                old_key: Some(key_of(old)),
                new_key: None,
                name: old.name.value.to_string(),
                presence: Presence::Removed,
                changes: Vec::new(),
            });
        }
    }
    item_changes.extend(changes);
    Ok((initial, item_changes))
}

/// Whether a path is site.yaml, a department or a law file, and which.
fn entry_subject(path: &str) -> Option<Subject> {
    if path == "content/site.yaml" {
        return Some(Subject::Site);
    }
    let (subject, rest) = if let Some(rest) = path.strip_prefix("content/departments/") {
        (Subject::Department, rest)
    } else if let Some(rest) = path.strip_prefix("content/laws/") {
        (Subject::Law, rest)
    } else {
        return None;
    };
    let is_file = !rest.contains('/')
        && !rest.starts_with('.')
        && (rest.ends_with(".yaml") || rest.ends_with(".yml"));
    is_file.then_some(subject)
}

/// The change of a department, law or site.yaml file in a commit. `None` when nothing a visitor
/// sees changed, or when the new version cannot be read; an old version that cannot be read is
/// replaced by the last one before it that can (at most 100 commits back).
fn entry_change(
    repository: &SiteRepository,
    subject: Subject,
    file: &crate::git::ChangedFile,
    parent: Option<gix::ObjectId>,
    interner: &Interner,
    language: Language,
) -> Option<EntryChange> {
    let path = file.path.as_str();
    let name = path.rsplit('/').next().unwrap_or(path);
    let id = name
        .rsplit_once('.')
        .map_or(name, |(stem, _)| stem)
        .to_string();
    let (presence, display_name, changes) = match subject {
        Subject::Department => compare_versions(
            repository,
            file,
            parent,
            |text| crate::site::parse_department(path, text, interner),
            diff::department_changes,
            |department| department.name.value.to_string(),
        )?,
        Subject::Law => compare_versions(
            repository,
            file,
            parent,
            |text| crate::site::parse_law(path, text, interner),
            diff::law_changes,
            |law| law.title.value.to_string(),
        )?,
        Subject::Site | Subject::Item => compare_versions(
            repository,
            file,
            parent,
            |text| crate::site::parse_site(path, text, interner),
            diff::site_changes,
            |_| text::site_settings(language),
        )?,
    };
    if presence == Presence::Changed && changes.is_empty() {
        return None;
    }
    Some(EntryChange {
        subject,
        old_key: Some(id.clone()),
        new_key: Some(id),
        name: display_name,
        presence,
        changes: change_lines(&changes, language),
    })
}

/// The two versions of a file in a commit, read with `parse`, compared with `changes_of`.
fn compare_versions<T>(
    repository: &SiteRepository,
    file: &crate::git::ChangedFile,
    parent: Option<gix::ObjectId>,
    parse: impl Fn(&str) -> Option<T>,
    changes_of: impl Fn(&T, &T) -> Vec<Change>,
    name_of: impl Fn(&T) -> String,
) -> Option<(Presence, String, Vec<Change>)> {
    let path = file.path.as_str();
    let read = |blob: gix::ObjectId| -> Option<T> {
        let bytes = repository.blob(blob, path).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        parse(text.trim_start_matches('\u{feff}'))
    };
    let new = match file.new {
        None => None,
        Some(blob) => Some(read(blob)?),
    };
    let old = match file.old {
        None => None,
        Some(blob) => match read(blob) {
            Some(old) => Some(old),
            None => {
                let mut at = parent?;
                let mut found = None;
                for _ in 0..100 {
                    at = repository.first_parent(at)?;
                    let blob = repository.blob_at(at, path)?;
                    if let Some(version) = read(blob) {
                        found = Some(version);
                        break;
                    }
                }
                Some(found?)
            }
        },
    };
    match (old, new) {
        (Some(old), Some(new)) => Some((Presence::Changed, name_of(&new), changes_of(&old, &new))),
        (None, Some(new)) => Some((Presence::Added, name_of(&new), Vec::new())),
        (Some(old), None) => Some((Presence::Removed, name_of(&old), Vec::new())),
        (None, None) => None,
    }
}

/// Whether a path (relative to the site root) is an item file the load stage would read.
fn is_item_path(path: &str) -> bool {
    let Some(rest) = path.strip_prefix("content/items/") else {
        return false;
    };
    let name = rest.rsplit('/').next().unwrap_or(rest);
    !name.starts_with('.') && (name.ends_with(".yaml") || name.ends_with(".yml"))
}

/// The changes of the working tree not yet committed, by item id: each published item whose
/// file differs from `HEAD`'s, compared with that version (`serve` shows them on the item page,
/// so that an editor sees how the change will read). Only files whose bytes differ from the
/// committed blob are parsed. Empty without a repository.
pub fn uncommitted_changes(
    root: &Path,
    model: &SiteModel,
    only: Option<&[String]>,
) -> HashMap<String, Vec<ChangeLine>> {
    let mut uncommitted = HashMap::new();
    let Some(repository) = SiteRepository::discover(root) else {
        return uncommitted;
    };
    let Ok(head) = repository.resolve("HEAD") else {
        return uncommitted;
    };
    let Ok(Some(tree)) = repository.content_tree(head) else {
        return uncommitted;
    };
    let language = language_of(model);
    let interner = Interner::default();
    let committed = repository.blob_ids(tree).unwrap_or_default();
    for item in &model.items {
        if item.draft || only.is_some_and(|only| !only.contains(&item.file)) {
            continue;
        }
        let Ok(bytes) = crate::fs::read_bytes(&root.join(&item.file)) else {
            continue;
        };
        let committed_id = committed.get(&item.file).copied();
        if committed_id == Some(crate::git::blob_id(&bytes)) {
            continue;
        }
        let lines = match committed_id.and_then(|id| {
            let bytes = repository.blob(id, &item.file).ok()?;
            let text = String::from_utf8(bytes).ok()?;
            crate::site::parse_item(&item.file, text.trim_start_matches('\u{feff}'), &interner)
        }) {
            Some(before) => {
                change_lines(&diff::item_changes(model, &before, model, item), language)
            }
            None => vec![ChangeLine {
                field: text::path_label(&[], language),
                text: text::presence_word(Presence::Added, language),
            }],
        };
        if !lines.is_empty() {
            uncommitted.insert(item.id.clone(), lines);
        }
    }
    uncommitted
}
