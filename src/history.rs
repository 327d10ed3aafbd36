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
use crate::model::history::{ChangeLine, HistoryEntry, RecentChange, SiteHistory};
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

/// One commit's change to one item.
struct ItemChange {
    /// The item's key before and after (either absent when added or removed).
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
    let per_commit: Vec<Vec<ItemChange>> = commits
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
    for (commit, changes) in commits.iter().zip(per_commit) {
        if changes.is_empty() {
            continue;
        }
        let date = commit_date(commit);
        for change in changes {
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
            let entry = HistoryEntry {
                date,
                commit: commit.short_id.clone(),
                presence: text::presence_word(change.presence, language),
                changes: change.changes,
            };
            if let Some(id) = &current_id {
                let entries = history.items.entry(id.clone()).or_default();
                if entries.len() < limit {
                    entries.push(entry.clone());
                }
            }
            if history.recent.len() < RECENT_LENGTH {
                history.recent.push(RecentChange {
                    entry,
                    item_name: change.name,
                    item_id: current_id,
                });
            }
        }
    }
    Ok(history)
}

/// What one commit changed in the items, compared with its parent (everything is new in a root
/// commit). A merge reports nothing, as in `git log -p`: its changes are those of the commits it
/// merges. A parent missing from a shallow clone: nothing either.
fn commit_changes(
    repository: &SiteRepository,
    commit: &CommitInfo,
    model: &SiteModel,
    known: &HashMap<gix::ObjectId, &Item>,
    language: Language,
) -> Result<Vec<ItemChange>, GitError> {
    let new_tree = repository.content_tree(commit.id)?;
    let old_tree = match commit.parents.as_slice() {
        [] => None,
        [parent] => match repository.content_tree(*parent) {
            Ok(tree) => tree,
            Err(_) => return Ok(Vec::new()),
        },
        _ => return Ok(Vec::new()),
    };
    let changed: Vec<_> = repository
        .changed_files(old_tree, new_tree)?
        .into_iter()
        .filter(|file| is_item_path(&file.path))
        .collect();
    if changed.is_empty() {
        return Ok(Vec::new());
    }
    let interner = Interner::default();
    // An item file's version at a blob: the model's item when it is that blob, else parsed.
    let read = |id: Option<gix::ObjectId>, path: &str| -> Option<Cow<'_, Item>> {
        let id = id?;
        if let Some(item) = known.get(&id) {
            return Some(Cow::Borrowed(*item));
        }
        let bytes = repository.blob(id, path).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        crate::site::parse_item(path, text.trim_start_matches('\u{feff}'), &interner)
            .filter(|item| !item.draft)
            .map(Cow::Owned)
    };
    // (path in this commit, item)
    let olds: Vec<(&str, Cow<Item>)> = changed
        .iter()
        .filter_map(|file| Some((file.path.as_str(), read(file.old, &file.path)?)))
        .collect();
    let news: Vec<(&str, Cow<Item>)> = changed
        .iter()
        .filter_map(|file| Some((file.path.as_str(), read(file.new, &file.path)?)))
        .collect();
    // Pair the versions: same code (a renamed file), then same file.
    let mut old_used = vec![false; olds.len()];
    let mut changes = Vec::new();
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
                let old = &olds[index].1;
                let lines = change_lines(&diff::item_changes(model, old, model, new), language);
                if !lines.is_empty() {
                    changes.push(ItemChange {
                        old_key: Some(key_of(old)),
                        new_key: Some(key_of(new)),
                        name: new.name.value.to_string(),
                        presence: Presence::Changed,
                        changes: lines,
                    });
                }
            }
            None => changes.push(ItemChange {
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
            changes.push(ItemChange {
                old_key: Some(key_of(old)),
                new_key: None,
                name: old.name.value.to_string(),
                presence: Presence::Removed,
                changes: Vec::new(),
            });
        }
    }
    Ok(changes)
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
