//! A site's content files as they were at a git revision, held in memory: the other source the
//! load stage reads from besides the file system (`zhinan diff`, the history of item pages).
//!
//! A snapshot is made by the git module (src/git.rs, feature `history`) or by tests; the
//! load stage walks and reads it exactly as it walks and reads the content folder, so files,
//! diagnostics and spans are the same whichever source a site comes from.

use std::collections::BTreeMap;
use std::io;
use std::path::Path;

use crate::fs::{FsError, FsResult, WalkedFile};

/// One file of a snapshot.
#[derive(Debug, Clone)]
pub struct SnapshotFile {
    /// The bytes, or `None` for an attachment under content/files/ (listed, never read: the
    /// published files are not part of what a diff compares).
    pub bytes: Option<Vec<u8>>,
    /// A symlink in the tree (git mode 120000): flagged, never followed, as on disk.
    pub is_symlink: bool,
}

/// The files under a site's content/ at one revision, by path relative to the site root
/// (`content/items/x.yaml`).
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// How errors name the revision (`HEAD`, `v1.2`, a commit id).
    pub revision: String,
    pub files: BTreeMap<String, SnapshotFile>,
}

impl Snapshot {
    fn missing(&self, root: &Path, relative: &str) -> FsError {
        FsError {
            action: "read",
            path: root.join(relative),
            source: io::Error::new(
                io::ErrorKind::NotFound,
                format!("not in revision {}", self.revision),
            ),
        }
    }

    /// Whether the snapshot has a content folder (some file under content/).
    pub fn require_content(&self, root: &Path) -> FsResult<()> {
        if self.files.keys().any(|path| path.starts_with("content/")) {
            Ok(())
        } else {
            Err(self.missing(root, "content"))
        }
    }

    pub fn has_file(&self, relative: &str) -> bool {
        self.files.contains_key(relative)
    }

    /// The files under `folder` (relative to the site root, no trailing `/`), sorted, with
    /// paths relative to that folder: what [`crate::fs::walk_files`] returns for it on disk.
    pub fn walk_files(&self, root: &Path, folder: &str) -> Vec<WalkedFile> {
        let prefix = format!("{folder}/");
        self.files
            .range(prefix.clone()..)
            .take_while(|(path, _)| path.starts_with(&prefix))
            .map(|(path, file)| WalkedFile {
                path: root.join(path),
                relative: path[prefix.len()..].to_string(),
                is_symlink: file.is_symlink,
                is_special: false,
            })
            .collect()
    }

    /// The bytes of a content file.
    pub fn read_bytes(&self, root: &Path, relative: &str) -> FsResult<Vec<u8>> {
        match self.files.get(relative) {
            Some(SnapshotFile {
                bytes: Some(bytes), ..
            }) => Ok(bytes.clone()),
            _ => Err(self.missing(root, relative)),
        }
    }
}
