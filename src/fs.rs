//! The one file-system wrapper: every read, walk and write of the tool goes through here, and every
//! error names the path it concerns.
//!
//! Content problems are not errors of this module: a file that cannot be *parsed* is a diagnostic
//! of the `load` stage. This module only reports the environment failing (a folder that cannot be
//! read, a disk that is full).

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// An I/O failure, with the path it happened on and what was being done.
#[derive(Debug)]
pub struct FsError {
    pub action: &'static str,
    pub path: PathBuf,
    pub source: io::Error,
}

impl fmt::Display for FsError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            formatter,
            "could not {} `{}`: {}",
            self.action,
            self.path.display(),
            self.source
        )
    }
}

impl std::error::Error for FsError {}

pub type FsResult<T> = Result<T, FsError>;

fn wrap<T>(action: &'static str, path: &Path, result: io::Result<T>) -> FsResult<T> {
    result.map_err(|source| FsError {
        action,
        path: path.to_path_buf(),
        source,
    })
}

pub fn read_bytes(path: &Path) -> FsResult<Vec<u8>> {
    wrap("read", path, std::fs::read(path))
}

pub fn read_to_string(path: &Path) -> FsResult<String> {
    wrap("read", path, std::fs::read_to_string(path))
}

pub fn write(path: &Path, bytes: &[u8]) -> FsResult<()> {
    wrap("write", path, std::fs::write(path, bytes))
}

/// Writes `parts` one after another into the file at `path` (created or truncated), so that a
/// large file is never whole in memory; returns the number of bytes written.
pub fn write_parts(path: &Path, parts: &mut dyn Iterator<Item = Vec<u8>>) -> FsResult<u64> {
    use std::io::Write;
    let mut file = wrap("create", path, std::fs::File::create(path))?;
    let mut written = 0;
    for part in parts {
        wrap("write", path, file.write_all(&part))?;
        written += part.len() as u64;
    }
    Ok(written)
}

pub fn create_dir_all(path: &Path) -> FsResult<()> {
    wrap("create folder", path, std::fs::create_dir_all(path))
}

pub fn remove_dir_all(path: &Path) -> FsResult<()> {
    wrap("remove folder", path, std::fs::remove_dir_all(path))
}

pub fn rename(from: &Path, to: &Path) -> FsResult<()> {
    wrap("rename", from, std::fs::rename(from, to)).map_err(|mut error| {
        error.action = "rename (to the sibling folder)";
        error.path = from.to_path_buf();
        error
    })
}

pub fn copy(from: &Path, to: &Path) -> FsResult<u64> {
    wrap("copy", from, std::fs::copy(from, to))
}

pub fn canonicalize(path: &Path) -> FsResult<PathBuf> {
    wrap("resolve", path, std::fs::canonicalize(path))
}

pub fn symlink_metadata(path: &Path) -> FsResult<std::fs::Metadata> {
    wrap("inspect", path, std::fs::symlink_metadata(path))
}

pub fn metadata(path: &Path) -> FsResult<std::fs::Metadata> {
    wrap("inspect", path, std::fs::metadata(path))
}

/// A file found by [`walk_files`]: its absolute path and its path relative to the walked folder,
/// with `/` separators.
#[derive(Debug, Clone)]
pub struct WalkedFile {
    pub path: PathBuf,
    pub relative: String,
    pub is_symlink: bool,
}

/// Every file under `root`, sorted by relative path, not following symlinks. A missing `root`
/// yields no files. Symlinks are returned (flagged) but never descended into.
pub fn walk_files(root: &Path) -> FsResult<Vec<WalkedFile>> {
    if !root.exists() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
    {
        let entry = entry.map_err(|error| {
            let path = error.path().unwrap_or(root).to_path_buf();
            let source = error
                .into_io_error()
                .unwrap_or_else(|| io::Error::other("file system loop"));
            FsError {
                action: "walk",
                path,
                source,
            }
        })?;
        let file_type = entry.file_type();
        if file_type.is_dir() {
            continue;
        }
        let relative = entry
            .path()
            .strip_prefix(root)
            .unwrap_or(entry.path())
            .components()
            .map(|component| component.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        files.push(WalkedFile {
            path: entry.path().to_path_buf(),
            relative,
            is_symlink: file_type.is_symlink(),
        });
    }
    files.sort_by(|left, right| left.relative.cmp(&right.relative));
    Ok(files)
}

/// Gives the memory that the allocator holds but nothing uses back to the system. After the
/// parallel load, the freed texts and YAML trees of thousands of files leave holes between the
/// model's allocations in every thread's heap; glibc keeps them (they count in the peak memory
/// of the whole build) unless asked. A no-op elsewhere.
pub fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        unsafe extern "C" {
            fn malloc_trim(pad: usize) -> std::ffi::c_int;
        }
        // SAFETY: malloc_trim only returns free pages of glibc's heaps to the kernel.
        unsafe {
            malloc_trim(0);
        }
    }
}
