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

impl FsError {
    /// The error in Chinese (`无法读取“content/x.yaml”：不存在`) or, as [`fmt::Display`], in
    /// English: the commands print it in the language they speak.
    pub fn describe(&self, chinese: bool) -> String {
        if !chinese {
            return self.to_string();
        }
        let action = match self.action {
            "read" => "读取",
            "walk" => "遍历",
            "write" => "写入",
            "copy" => "复制",
            "create" => "创建",
            "create folder" => "创建文件夹",
            "inspect" => "查看",
            "remove folder" => "删除文件夹",
            "rename" => "重命名",
            "resolve" => "解析路径",
            "list" => "列出",
            "minify and write" => "压缩并写入",
            other => other,
        };
        let reason = if self.is_not_regular_file() {
            "不是普通文件（是 FIFO、套接字或设备）".to_string()
        } else {
            match self.source.kind() {
                io::ErrorKind::NotFound => "不存在".to_string(),
                io::ErrorKind::PermissionDenied => "没有权限".to_string(),
                io::ErrorKind::AlreadyExists => "已经存在".to_string(),
                io::ErrorKind::StorageFull => "磁盘已满".to_string(),
                io::ErrorKind::IsADirectory => "这是一个文件夹".to_string(),
                io::ErrorKind::NotADirectory => "这不是文件夹".to_string(),
                io::ErrorKind::ReadOnlyFilesystem => "文件系统是只读的".to_string(),
                io::ErrorKind::DirectoryNotEmpty => "文件夹不是空的".to_string(),
                _ => self.source.to_string(),
            }
        };
        format!("无法{action}“{}”：{reason}", self.path.display())
    }
}

pub type FsResult<T> = Result<T, FsError>;

fn wrap<T>(action: &'static str, path: &Path, result: io::Result<T>) -> FsResult<T> {
    result.map_err(|source| FsError {
        action,
        path: path.to_path_buf(),
        source,
    })
}

/// The error of opening something that is not a regular file (a FIFO, a socket, a device): the
/// tool never reads one, since reading a FIFO would wait forever.
#[derive(Debug)]
pub struct NotRegularFile;

impl fmt::Display for NotRegularFile {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("not a regular file (a FIFO, socket or device)")
    }
}

impl std::error::Error for NotRegularFile {}

impl FsError {
    /// Whether the path was not a regular file (see [`NotRegularFile`]).
    pub fn is_not_regular_file(&self) -> bool {
        self.source
            .get_ref()
            .is_some_and(|inner| inner.is::<NotRegularFile>())
    }
}

/// Opens a regular file for reading without ever blocking: on Unix the open does not wait for a
/// FIFO's writer (`O_NONBLOCK`, which changes nothing for regular files), and anything but a
/// regular file is refused with [`NotRegularFile`].
fn open_regular(path: &Path) -> io::Result<(std::fs::File, u64)> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(|error| {
        // A socket cannot be opened at all (ENXIO): say what it is.
        #[cfg(unix)]
        let is_socket = error.raw_os_error() == Some(libc::ENXIO);
        #[cfg(not(unix))]
        let is_socket = false;
        if is_socket {
            io::Error::other(NotRegularFile)
        } else {
            error
        }
    })?;
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return Err(io::Error::other(NotRegularFile));
    }
    Ok((file, metadata.len()))
}

/// The bytes of the regular file at `path` (never blocks on a FIFO: see `open_regular`).
pub fn read_bytes(path: &Path) -> FsResult<Vec<u8>> {
    use std::io::Read;
    wrap(
        "read",
        path,
        open_regular(path).and_then(|(mut file, size)| {
            let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
            file.read_to_end(&mut bytes).map(|_| bytes)
        }),
    )
}

/// The text of the regular file at `path` (never blocks on a FIFO).
pub fn read_to_string(path: &Path) -> FsResult<String> {
    let bytes = read_bytes(path)?;
    String::from_utf8(bytes).map_err(|error| FsError {
        action: "read",
        path: path.to_path_buf(),
        source: io::Error::new(io::ErrorKind::InvalidData, error),
    })
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

/// Copies the regular file `from` to `to` (never blocks on a FIFO).
pub fn copy(from: &Path, to: &Path) -> FsResult<u64> {
    let (mut source, _) = wrap("copy", from, open_regular(from))?;
    let mut target = wrap("create", to, std::fs::File::create(to))?;
    wrap("copy", from, io::copy(&mut source, &mut target))
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
    /// Neither a regular file nor a symlink: a FIFO, a socket or a device, never to be read.
    pub is_special: bool,
}

/// Every file under `root`, sorted by relative path, not following symlinks. A missing `root`
/// yields no files. Symlinks are returned (flagged) but never descended into.
/// Where `path` leads after every link, and whether that is inside `folder` (already
/// canonical): the one test of "a link out of the site" for the theme, the attachments and the
/// quoting of reports. `None` when `path` cannot be resolved (absent, a dangling link).
pub fn resolve_within(folder: &Path, path: &Path) -> Option<(PathBuf, bool)> {
    let target = std::fs::canonicalize(path).ok()?;
    let inside = target.starts_with(folder);
    Some((target, inside))
}

/// `path` relative to `root`, `/`-separated on every system (`content/items/x.yaml`), as
/// diagnostics, routes and the watcher name files; `None` when `path` is not under `root` or is
/// `root` itself.
pub fn relative_path(root: &Path, path: &Path) -> Option<String> {
    let parts: Vec<String> = path
        .strip_prefix(root)
        .ok()?
        .components()
        .map(|component| component.as_os_str().to_string_lossy().into_owned())
        .collect();
    (!parts.is_empty()).then(|| parts.join("/"))
}

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
        let relative = relative_path(root, entry.path()).unwrap_or_default();
        files.push(WalkedFile {
            path: entry.path().to_path_buf(),
            relative,
            is_symlink: file_type.is_symlink(),
            is_special: !file_type.is_file() && !file_type.is_symlink(),
        });
    }
    files.sort_by(|left, right| left.relative.cmp(&right.relative));
    Ok(files)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn errors_are_told_in_chinese_too() {
        let error = read_bytes(Path::new("/nonexistent/zhinan/x.yaml")).unwrap_err();
        assert_eq!(
            error.describe(true),
            "无法读取“/nonexistent/zhinan/x.yaml”：不存在"
        );
        assert!(
            error
                .describe(false)
                .starts_with("could not read `/nonexistent/zhinan/x.yaml`")
        );
    }

    #[test]
    fn a_fifo_is_refused_without_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(status.success());
        let error = read_bytes(&fifo).unwrap_err();
        assert!(error.is_not_regular_file(), "{error}");
        assert!(copy(&fifo, &dir.path().join("copy")).is_err());
        let walked = walk_files(dir.path()).unwrap();
        assert!(walked[0].is_special && !walked[0].is_symlink);
    }

    #[test]
    fn a_socket_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("socket");
        let _listener = std::os::unix::net::UnixListener::bind(&path).unwrap();
        let error = read_bytes(&path).unwrap_err();
        assert!(error.is_not_regular_file(), "{error}");
        assert!(walk_files(dir.path()).unwrap()[0].is_special);
    }

    #[test]
    fn a_device_is_refused() {
        let error = read_bytes(Path::new("/dev/zero")).unwrap_err();
        assert!(error.is_not_regular_file(), "{error}");
    }
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
