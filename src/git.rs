//! Reading a site out of git without a checkout (feature `history`, gitoxide): the content
//! folder of a revision as a [`Snapshot`] for the load stage, and the commits that changed it.
//!
//! The site may live in a sub-folder of the repository: every path is taken relative to the
//! site root, as the load stage names files (`content/items/x.yaml`). Only reading: nothing here
//! writes to the repository, its index or its work tree.

use std::path::Path;

use gix::bstr::ByteSlice;

use crate::load::snapshot::{Snapshot, SnapshotFile};

/// Why git could not be read: the revision, the repository, or an object.
#[derive(Debug)]
pub struct GitError(pub String);

impl std::fmt::Display for GitError {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(&self.0)
    }
}

impl std::error::Error for GitError {}

fn failed(what: impl std::fmt::Display, error: impl std::fmt::Display) -> GitError {
    GitError(format!("{what}: {error}"))
}

/// A commit, as the history needs it.
#[derive(Debug, Clone)]
pub struct CommitInfo {
    pub id: gix::ObjectId,
    /// The first seven hex digits.
    pub short_id: String,
    /// Seconds since the epoch and the committer's offset from UTC in seconds.
    pub seconds: i64,
    pub offset: i32,
    /// The first line of the message.
    pub summary: String,
    pub parents: Vec<gix::ObjectId>,
}

/// A [`SiteRepository`] that threads share; each makes its own with [`Self::to_local`].
pub struct SharedSiteRepository {
    repository: gix::ThreadSafeRepository,
    prefix: String,
}

impl SharedSiteRepository {
    pub fn to_local(&self) -> SiteRepository {
        SiteRepository {
            repository: self.repository.to_thread_local(),
            prefix: self.prefix.clone(),
        }
    }
}

/// The repository that holds a site, and where in it the site is.
pub struct SiteRepository {
    repository: gix::Repository,
    /// The site root relative to the work tree, `/`-separated with a trailing `/` (empty when
    /// the site is the top of the repository).
    prefix: String,
}

impl SiteRepository {
    /// The repository whose work tree holds `root`, or `None` when `root` is in none (or the
    /// repository is bare).
    pub fn discover(root: &Path) -> Option<SiteRepository> {
        let root = std::fs::canonicalize(root).ok()?;
        let repository = gix::discover(&root).ok()?;
        let workdir = std::fs::canonicalize(repository.workdir()?).ok()?;
        let relative = root.strip_prefix(&workdir).ok()?;
        let mut prefix = String::new();
        for component in relative.components() {
            prefix.push_str(component.as_os_str().to_str()?);
            prefix.push('/');
        }
        Some(SiteRepository { repository, prefix })
    }

    /// This repository for several threads.
    pub fn to_shared(&self) -> SharedSiteRepository {
        SharedSiteRepository {
            repository: self.repository.clone().into_sync(),
            prefix: self.prefix.clone(),
        }
    }

    /// The commit a revision names (`HEAD`, `main`, `v1.0`, `HEAD~3`, a commit id).
    pub fn resolve(&self, revision: &str) -> Result<gix::ObjectId, GitError> {
        let id = self
            .repository
            .rev_parse_single(revision)
            .map_err(|error| failed(format!("revision `{revision}`"), error))?;
        let object = id
            .object()
            .map_err(|error| failed(format!("revision `{revision}`"), error))?;
        let commit = object
            .peel_to_commit()
            .map_err(|error| failed(format!("revision `{revision}`"), error))?;
        Ok(commit.id)
    }

    /// The content folder of the site at `revision`.
    pub fn snapshot(&self, revision: &str) -> Result<Snapshot, GitError> {
        let commit = self.resolve(revision)?;
        self.snapshot_of(commit, revision)
    }

    /// The content folder of the site at `commit`; `label` names it in errors. The blobs are
    /// read in parallel (10,000 loose objects are 10,000 files to open and inflate).
    pub fn snapshot_of(&self, commit: gix::ObjectId, label: &str) -> Result<Snapshot, GitError> {
        use rayon::prelude::*;
        let mut snapshot = Snapshot {
            revision: label.to_string(),
            ..Snapshot::default()
        };
        let Some(content) = self.content_tree(commit)? else {
            return Ok(snapshot);
        };
        let mut entries = Vec::new();
        self.list_tree(content, "content", &mut entries)?;
        let shared = self.to_shared();
        let files: Vec<(String, SnapshotFile)> = entries
            .into_par_iter()
            .map_init(
                || shared.to_local(),
                |repository, (path, id, is_symlink)| {
                    let bytes = if is_symlink || path.starts_with("content/files/") {
                        None
                    } else {
                        Some(repository.blob(id, &path)?)
                    };
                    Ok((path, SnapshotFile { bytes, is_symlink }))
                },
            )
            .collect::<Result<_, GitError>>()?;
        snapshot.files.extend(files);
        Ok(snapshot)
    }

    /// Every file under the tree `tree` (at `path`): its path, blob id and whether it is a
    /// symlink. Submodules are left out.
    fn list_tree(
        &self,
        tree: gix::ObjectId,
        path: &str,
        entries: &mut Vec<(String, gix::ObjectId, bool)>,
    ) -> Result<(), GitError> {
        for entry in self.entries(tree, path)? {
            let child = format!("{path}/{}", entry.name);
            if entry.is_tree {
                self.list_tree(entry.id, &child, entries)?;
            } else {
                entries.push((child, entry.id, entry.is_link));
            }
        }
        Ok(())
    }

    /// The entries of the tree `tree` (at `path`, for errors), submodules left out.
    fn entries(&self, tree: gix::ObjectId, path: &str) -> Result<Vec<TreeEntry>, GitError> {
        let tree = self
            .repository
            .find_tree(tree)
            .map_err(|error| failed(format!("tree {path}"), error))?;
        let decoded = tree
            .decode()
            .map_err(|error| failed(format!("tree {path}"), error))?;
        Ok(decoded
            .entries
            .iter()
            .filter(|entry| !entry.mode.is_commit())
            .map(|entry| TreeEntry {
                name: entry.filename.to_str_lossy().into_owned(),
                id: entry.oid.to_owned(),
                is_tree: entry.mode.is_tree(),
                is_link: entry.mode.is_link(),
            })
            .collect())
    }

    /// The blob of `path` (relative to the site root) at `commit`, if it has one.
    pub fn blob_at(&self, commit: gix::ObjectId, path: &str) -> Option<gix::ObjectId> {
        let tree = self.repository.find_commit(commit).ok()?.tree().ok()?;
        let entry = tree
            .lookup_entry_by_path(format!("{}{path}", self.prefix))
            .ok()??;
        (!entry.mode().is_tree()).then(|| entry.oid().to_owned())
    }

    /// The first parent of `commit`, if it has one that can be read.
    pub fn first_parent(&self, commit: gix::ObjectId) -> Option<gix::ObjectId> {
        let commit = self.repository.find_commit(commit).ok()?;
        let parent = commit.parent_ids().next()?.detach();
        self.repository.find_commit(parent).ok().map(|_| parent)
    }

    /// Whether the repository is a shallow clone (its history is cut off).
    pub fn is_shallow(&self) -> bool {
        self.repository.is_shallow().unwrap_or(false)
    }

    /// The id of the site's content/ tree at `commit`, if it has one.
    pub fn content_tree(&self, commit: gix::ObjectId) -> Result<Option<gix::ObjectId>, GitError> {
        let tree = self
            .repository
            .find_commit(commit)
            .map_err(|error| failed(format!("commit {commit}"), error))?
            .tree()
            .map_err(|error| failed(format!("tree of {commit}"), error))?;
        let path = format!("{}content", self.prefix);
        let entry = tree
            .lookup_entry_by_path(&path)
            .map_err(|error| failed(format!("{path} in {commit}"), error))?;
        Ok(entry
            .filter(|entry| entry.mode().is_tree())
            .map(|entry| entry.oid().to_owned()))
    }

    /// The bytes of a blob; `path` names it in errors.
    pub fn blob(&self, id: gix::ObjectId, path: &str) -> Result<Vec<u8>, GitError> {
        let mut blob = self
            .repository
            .find_blob(id)
            .map_err(|error| failed(format!("{path} ({id})"), error))?;
        Ok(std::mem::take(&mut blob.data))
    }

    /// The commits reachable from `HEAD`, newest first (by committer time, then id), none older
    /// than `since` (seconds since the epoch): what `git log` lists. Empty when the repository
    /// has no commit. A parent missing from a shallow clone ends that line.
    pub fn history(&self, since: i64) -> Result<Vec<CommitInfo>, GitError> {
        let Ok(head) = self.resolve("HEAD") else {
            return Ok(Vec::new());
        };
        let mut commits = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut queue = std::collections::BinaryHeap::new();
        let mut pending = std::collections::HashMap::new();
        if let Some(info) = self.commit_info(head)? {
            seen.insert(head);
            queue.push((info.seconds, info.id));
            pending.insert(info.id, info);
        }
        while let Some((_, id)) = queue.pop() {
            let Some(info) = pending.remove(&id) else {
                continue;
            };
            if info.seconds < since {
                continue;
            }
            for parent in &info.parents {
                if seen.insert(*parent)
                    && let Some(parent_info) = self.commit_info(*parent).ok().flatten()
                {
                    queue.push((parent_info.seconds, parent_info.id));
                    pending.insert(parent_info.id, parent_info);
                }
            }
            commits.push(info);
        }
        Ok(commits)
    }

    /// A commit's date, summary and parents; `None` when the object is missing (shallow).
    fn commit_info(&self, id: gix::ObjectId) -> Result<Option<CommitInfo>, GitError> {
        let Ok(commit) = self.repository.find_commit(id) else {
            return Ok(None);
        };
        let time = commit
            .time()
            .map_err(|error| failed(format!("commit {id}"), error))?;
        let summary = commit
            .message()
            .map(|message| message.summary().to_str_lossy().into_owned())
            .unwrap_or_default();
        let parents = commit.parent_ids().map(|parent| parent.detach()).collect();
        let hex = id.to_hex().to_string();
        Ok(Some(CommitInfo {
            id,
            short_id: hex[..7.min(hex.len())].to_string(),
            seconds: time.seconds,
            offset: time.offset,
            summary,
            parents,
        }))
    }

    /// The files under content/ that differ between two content trees (either may be absent),
    /// with their blob ids on each side, sorted by path. Subtrees with the same id are skipped
    /// whole, so the cost is in the changed files, not the size of the site.
    pub fn changed_files(
        &self,
        old: Option<gix::ObjectId>,
        new: Option<gix::ObjectId>,
    ) -> Result<Vec<ChangedFile>, GitError> {
        let mut changed = Vec::new();
        self.compare_trees(old, new, "content", &mut changed)?;
        changed.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(changed)
    }

    /// The entries of a tree that may be absent, symlinks left out (never read as content).
    fn tree_entries(
        &self,
        tree: Option<gix::ObjectId>,
        path: &str,
    ) -> Result<Vec<(String, bool, gix::ObjectId)>, GitError> {
        let Some(tree) = tree else {
            return Ok(Vec::new());
        };
        Ok(self
            .entries(tree, path)?
            .into_iter()
            .filter(|entry| !entry.is_link)
            .map(|entry| (entry.name, entry.is_tree, entry.id))
            .collect())
    }

    fn compare_trees(
        &self,
        old: Option<gix::ObjectId>,
        new: Option<gix::ObjectId>,
        path: &str,
        changed: &mut Vec<ChangedFile>,
    ) -> Result<(), GitError> {
        if old == new {
            return Ok(());
        }
        let old_entries = self.tree_entries(old, path)?;
        let new_entries = self.tree_entries(new, path)?;
        let mut names: Vec<&String> = old_entries
            .iter()
            .chain(&new_entries)
            .map(|(name, _, _)| name)
            .collect();
        names.sort();
        names.dedup();
        for name in names {
            let find = |entries: &[(String, bool, gix::ObjectId)], tree: bool| {
                entries
                    .iter()
                    .find(|(other, is_tree, _)| other == name && *is_tree == tree)
                    .map(|(_, _, id)| *id)
            };
            let child = format!("{path}/{name}");
            let (old_tree, new_tree) = (find(&old_entries, true), find(&new_entries, true));
            if old_tree.is_some() || new_tree.is_some() {
                self.compare_trees(old_tree, new_tree, &child, changed)?;
            }
            let (old_blob, new_blob) = (find(&old_entries, false), find(&new_entries, false));
            if old_blob != new_blob {
                changed.push(ChangedFile {
                    path: child,
                    old: old_blob,
                    new: new_blob,
                });
            }
        }
        Ok(())
    }
}

impl SiteRepository {
    /// Every file of a content tree with its blob id, by path relative to the site root.
    pub fn blob_ids(
        &self,
        tree: gix::ObjectId,
    ) -> Result<std::collections::HashMap<String, gix::ObjectId>, GitError> {
        let mut files = Vec::new();
        self.list_tree(tree, "content", &mut files)?;
        Ok(files
            .into_iter()
            .filter(|(_, _, is_link)| !is_link)
            .map(|(path, id, _)| (path, id))
            .collect())
    }
}

/// The id git gives a file's bytes as a blob (to tell whether a file differs from a commit's
/// without reading the commit's copy).
pub fn blob_id(bytes: &[u8]) -> gix::ObjectId {
    gix::objs::compute_hash(gix::hash::Kind::Sha1, gix::objs::Kind::Blob, bytes)
        .unwrap_or_else(|_| gix::ObjectId::null(gix::hash::Kind::Sha1))
}

/// An entry of a tree.
struct TreeEntry {
    name: String,
    id: gix::ObjectId,
    is_tree: bool,
    is_link: bool,
}

/// A file under content/ that a commit changed.
#[derive(Debug, Clone)]
pub struct ChangedFile {
    /// Relative to the site root (`content/items/x.yaml`).
    pub path: String,
    pub old: Option<gix::ObjectId>,
    pub new: Option<gix::ObjectId>,
}
