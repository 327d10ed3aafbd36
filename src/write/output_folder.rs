//! The output folder of `build`: which folder a build may replace, the lock that keeps two
//! builds into one output apart, the leftovers of interrupted builds, and the clean-up on
//! SIGINT/SIGTERM.
//!
//! `build` replaces its output folder as a whole (a staging folder is renamed into its place),
//! so the folder must be one that zhinan made. [`choose_output`] decides before anything is
//! written or renamed:
//!
//! - refused always (also with `--force`): the site root, a folder above it, a folder inside
//!   `content/` or `templates/`, anything that is not a folder (a file), a symlink whose target
//!   is missing;
//! - refused unless `--force`: an existing, non-empty folder that zhinan did not make. zhinan's
//!   own output carries [`MARKER_FILE`] at its root; an unmarked folder that is plainly an earlier
//!   build (`index.html`, `items/` and `assets/`) and the default `<root>/public` count as its own.
//!
//! A symlinked `--out` is followed: the build is published into the folder it points to (the
//! swap happens there), and the link stays.
//!
//! Architecture invariant: a refusal leaves every file as it was; nothing is created before the
//! checks pass (the lock file, beside the output, is made only afterwards and removed at the end).

use std::ffi::OsString;
use std::fs::{File, OpenOptions};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::diagnostics::Language;
use crate::diagnostics::messages::Message;
use crate::fs::{self, FsError, FsResult};

/// The file at the root of every output folder that says zhinan made it.
pub const MARKER_FILE: &str = ".zhinan";

/// The content of [`MARKER_FILE`]: fixed, so that builds stay byte-identical.
pub const MARKER_TEXT: &str = "本文件夹由 zhinan build 生成：每次生成都会整个替换其中的内容，请勿在此存放其他文件。\n\
This folder is the output of `zhinan build`: every build replaces all of it; keep no other files here.\n";

macro_rules! output_messages {
    ($($name:ident: $zh:literal / $en:literal;)*) => {
        $(pub static $name: Message = Message { zh: $zh, en: $en };)*
        /// Every message of this module, for the completeness test.
        pub static OUTPUT_MESSAGES: &[&Message] = &[$(&$name),*];
    };
}

output_messages! {
    OUT_IS_ROOT: "不能生成到 `{out}`：它就是站点根目录，生成会删除整个站点" / "refusing to build into `{out}`: it is the site root, and publishing there would delete the whole site";
    OUT_ABOVE_ROOT: "不能生成到 `{out}`：站点根目录 `{root}` 就在其中，生成会删除整个站点和其中的其他文件" / "refusing to build into `{out}`: it holds the site root `{root}`, and publishing there would delete the site and every other file in it";
    OUT_IN_SOURCES: "不能生成到 `{out}`：它在 {folder}/ 之内，生成会覆盖站点的源文件" / "refusing to build into `{out}`: it is inside {folder}/, and publishing there would replace the site's source files";
    OUT_NOT_A_FOLDER: "不能生成到 `{out}`：它是一个文件，不是文件夹" / "refusing to build into `{out}`: it is a file, not a folder";
    OUT_DANGLING_LINK: "不能生成到 `{out}`：它是符号链接，但指向的位置不存在" / "refusing to build into `{out}`: it is a symlink to a place that does not exist";
    OUT_ALWAYS_HELP: "用 `--out` 另选站点根目录下、content/ 和 templates/ 以外的文件夹，例如 `public`；`--force` 也不能跳过这项检查" / "choose another folder with --out, e.g. `public` in the site root, outside content/ and templates/; --force does not override this";
    OUT_NOT_OURS: "不能生成到 `{out}`：该文件夹不是空的，也不是 zhinan 生成的，生成会删除其中的所有文件" / "refusing to build into `{out}`: the folder is not empty and zhinan did not make it, and publishing there would delete every file in it";
    OUT_NOT_OURS_HELP: "确认其中的文件都可以删除时加 `--force`，或用 `--out` 指定一个空的或新的文件夹" / "add --force if every file in it may be deleted, or choose an empty or new folder with --out";
    OUT_CANNOT_INSPECT: "无法检查输出文件夹：{error}" / "could not inspect the output folder: {error}";
    OUT_WAITING: "另一个 zhinan build 正在生成到 `{out}`，等它结束……" / "another zhinan build is publishing into `{out}`; waiting for it to finish...";
    OUT_LEFTOVER_REMOVED: "已删除上次中断的生成留下的 `{path}`" / "removed `{path}`, left over by an interrupted build";
    OUT_LEFTOVER_RESTORED: "上次生成在替换时中断：已把原有网站 `{path}` 恢复为 `{out}`" / "an earlier build was interrupted while swapping: restored the previous site `{path}` as `{out}`";
}

/// Why `build` will not publish into the folder it was given.
#[derive(Debug)]
pub enum OutputRefusal {
    /// The output is the site root.
    SiteRoot { out: PathBuf },
    /// The output is a folder above the site root.
    AboveRoot { out: PathBuf, root: PathBuf },
    /// The output is inside `content/` or `templates/` (`folder`).
    InSources { out: PathBuf, folder: &'static str },
    /// Something that is not a folder is at the output path.
    NotAFolder { out: PathBuf },
    /// The output is a symlink to nothing.
    DanglingLink { out: PathBuf },
    /// A non-empty folder zhinan did not make, without `--force`.
    NotOurs { out: PathBuf },
    /// The output (or the site root) could not be inspected.
    CannotInspect(FsError),
}

impl OutputRefusal {
    /// The message and its help line, in `language`.
    pub fn message(&self, language: Language) -> (String, String) {
        let display = |path: &Path| path.display().to_string();
        let (message, arguments, help): (&Message, Vec<(&'static str, String)>, &Message) =
            match self {
                OutputRefusal::SiteRoot { out } => {
                    (&OUT_IS_ROOT, vec![("out", display(out))], &OUT_ALWAYS_HELP)
                }
                OutputRefusal::AboveRoot { out, root } => (
                    &OUT_ABOVE_ROOT,
                    vec![("out", display(out)), ("root", display(root))],
                    &OUT_ALWAYS_HELP,
                ),
                OutputRefusal::InSources { out, folder } => (
                    &OUT_IN_SOURCES,
                    vec![("out", display(out)), ("folder", folder.to_string())],
                    &OUT_ALWAYS_HELP,
                ),
                OutputRefusal::NotAFolder { out } => (
                    &OUT_NOT_A_FOLDER,
                    vec![("out", display(out))],
                    &OUT_ALWAYS_HELP,
                ),
                OutputRefusal::DanglingLink { out } => (
                    &OUT_DANGLING_LINK,
                    vec![("out", display(out))],
                    &OUT_ALWAYS_HELP,
                ),
                OutputRefusal::NotOurs { out } => (
                    &OUT_NOT_OURS,
                    vec![("out", display(out))],
                    &OUT_NOT_OURS_HELP,
                ),
                OutputRefusal::CannotInspect(error) => (
                    &OUT_CANNOT_INSPECT,
                    vec![("error", error.to_string())],
                    &OUT_ALWAYS_HELP,
                ),
            };
        (
            message.format(language, &arguments),
            help.format(language, &[]),
        )
    }
}

/// The output folder a build publishes into.
#[derive(Debug, Clone)]
pub struct OutputFolder {
    /// The folder as given (`--out`, or `<root>/public`), for messages.
    pub given: PathBuf,
    /// Where the swap happens: the given path made absolute, symlinks resolved.
    pub target: PathBuf,
}

impl OutputFolder {
    /// `<target>.<suffix>-<pid>`, beside the target.
    pub fn sibling(&self, suffix: &str) -> PathBuf {
        sibling_for_process(&self.target, suffix, std::process::id())
    }
}

fn file_name_of(path: &Path) -> OsString {
    path.file_name()
        .map(|name| name.to_os_string())
        .unwrap_or_else(|| "public".into())
}

fn sibling_for_process(target: &Path, suffix: &str, process: u32) -> PathBuf {
    let mut name = file_name_of(target);
    name.push(format!(".{suffix}-{process}"));
    target.with_file_name(name)
}

/// `path` made absolute, the longest part of it that exists resolved (symlinks followed), the
/// rest appended with `.` and `..` applied by name.
fn resolve(path: &Path) -> std::io::Result<PathBuf> {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.join(path)
    };
    let components: Vec<Component> = absolute.components().collect();
    for existing in (1..=components.len()).rev() {
        let prefix: PathBuf = components[..existing].iter().collect();
        let Ok(mut resolved) = std::fs::canonicalize(&prefix) else {
            continue;
        };
        for component in &components[existing..] {
            match component {
                Component::ParentDir => {
                    resolved.pop();
                }
                Component::CurDir => {}
                other => resolved.push(other.as_os_str()),
            }
        }
        return Ok(resolved);
    }
    Ok(absolute)
}

/// Whether the folder at `path` is zhinan's own output: it carries the marker, or it is plainly
/// an earlier build (its `index.html`, `items/` and `assets/`).
fn is_zhinan_output(path: &Path) -> bool {
    let is_file = |name: &str| {
        std::fs::symlink_metadata(path.join(name)).is_ok_and(|metadata| metadata.is_file())
    };
    let is_folder = |name: &str| {
        std::fs::symlink_metadata(path.join(name)).is_ok_and(|metadata| metadata.is_dir())
    };
    is_file(MARKER_FILE) || (is_file("index.html") && is_folder("items") && is_folder("assets"))
}

/// Decides whether `build` may publish into `out` (for the site at `root`), before anything is
/// written; see the module documentation for the rules.
pub fn choose_output(root: &Path, out: &Path, force: bool) -> Result<OutputFolder, OutputRefusal> {
    let inspect = |path: &Path, source: std::io::Error| {
        OutputRefusal::CannotInspect(FsError {
            action: "inspect",
            path: path.to_path_buf(),
            source,
        })
    };
    let root_resolved = std::fs::canonicalize(root).map_err(|error| inspect(root, error))?;
    let given = out.to_path_buf();
    if let Ok(metadata) = std::fs::symlink_metadata(out)
        && metadata.is_symlink()
        && std::fs::metadata(out).is_err()
    {
        return Err(OutputRefusal::DanglingLink { out: given });
    }
    let target = resolve(out).map_err(|error| inspect(out, error))?;
    if target == root_resolved {
        return Err(OutputRefusal::SiteRoot { out: given });
    }
    if root_resolved.starts_with(&target) {
        return Err(OutputRefusal::AboveRoot {
            out: given,
            root: root.to_path_buf(),
        });
    }
    for folder in ["content", "templates"] {
        let sources =
            std::fs::canonicalize(root.join(folder)).unwrap_or_else(|_| root_resolved.join(folder));
        if target.starts_with(&sources) || target.starts_with(root_resolved.join(folder)) {
            return Err(OutputRefusal::InSources { out: given, folder });
        }
    }
    match std::fs::symlink_metadata(&target) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
        Err(error) => return Err(inspect(out, error)),
        Ok(metadata) if metadata.is_symlink() => {
            // A link that `resolve` could not follow (a loop, a missing target on the way).
            return Err(OutputRefusal::DanglingLink { out: given });
        }
        Ok(metadata) if !metadata.is_dir() => return Err(OutputRefusal::NotAFolder { out: given }),
        Ok(_) => {
            let empty = std::fs::read_dir(&target)
                .map_err(|error| inspect(out, error))?
                .next()
                .is_none();
            let default = target == root_resolved.join("public");
            if !empty && !default && !force && !is_zhinan_output(&target) {
                return Err(OutputRefusal::NotOurs { out: given });
            }
        }
    }
    Ok(OutputFolder { given, target })
}

/// Writes the marker into a staging folder.
pub fn write_marker(staging: &Path) -> FsResult<()> {
    fs::write(&staging.join(MARKER_FILE), MARKER_TEXT.as_bytes())
}

/// An advisory lock on an output folder, held by one build at a time: the file
/// `.<name>.zhinan-lock` beside the folder, removed when the lock is released.
pub struct OutputLock {
    path: PathBuf,
    file: Option<File>,
}

impl OutputLock {
    /// Takes the lock of `output`; when another build holds it, calls `waiting` once and waits.
    pub fn acquire(output: &OutputFolder, waiting: impl FnOnce()) -> FsResult<OutputLock> {
        let mut name = OsString::from(".");
        name.push(file_name_of(&output.target));
        name.push(".zhinan-lock");
        let path = output.target.with_file_name(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        let error = |action: &'static str, source: std::io::Error| FsError {
            action,
            path: path.clone(),
            source,
        };
        let mut waiting = Some(waiting);
        loop {
            let file = OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&path)
                .map_err(|source| error("create the lock file", source))?;
            match file.try_lock() {
                Ok(()) => {}
                Err(std::fs::TryLockError::WouldBlock) => {
                    if let Some(waiting) = waiting.take() {
                        waiting();
                    }
                    file.lock().map_err(|source| error("lock", source))?;
                }
                Err(std::fs::TryLockError::Error(source)) => return Err(error("lock", source)),
            }
            // The build that held it may have removed the file meanwhile: then this lock is on
            // a file nobody else will open, and the lock must be taken again on the new one.
            if same_file(&file, &path) {
                set_lock_path(Some(path.clone()));
                return Ok(OutputLock {
                    path,
                    file: Some(file),
                });
            }
        }
    }
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(open), Ok(named)) => open.dev() == named.dev() && open.ino() == named.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &File, path: &Path) -> bool {
    path.exists()
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        // Removed while still held, so that a build waiting on it retries on a new file.
        let _ = std::fs::remove_file(&self.path);
        set_lock_path(None);
        self.file.take();
    }
}

/// Whether the process `process` still runs (unknown counts as gone: the caller holds the lock
/// of the output, so no other build of it runs).
fn process_is_running(process: u32) -> bool {
    if process == std::process::id() {
        return true;
    }
    #[cfg(target_os = "linux")]
    {
        Path::new("/proc").join(process.to_string()).exists()
    }
    #[cfg(not(target_os = "linux"))]
    {
        false
    }
}

/// What [`clean_leftovers`] did to one leftover folder.
#[derive(Debug, PartialEq, Eq)]
pub enum Leftover {
    /// An interrupted build's folder, removed.
    Removed(PathBuf),
    /// The previous output, renamed aside by a build killed before it put the new one in place,
    /// renamed back.
    Restored(PathBuf),
}

impl Leftover {
    pub fn message(&self, output: &OutputFolder, language: Language) -> String {
        match self {
            Leftover::Removed(path) => {
                OUT_LEFTOVER_REMOVED.format(language, &[("path", path.display().to_string())])
            }
            Leftover::Restored(path) => OUT_LEFTOVER_RESTORED.format(
                language,
                &[
                    ("path", path.display().to_string()),
                    ("out", output.given.display().to_string()),
                ],
            ),
        }
    }
}

/// Removes `<out>.staging-PID` and `<out>.old-PID` of builds whose process is gone and that
/// zhinan made (they carry its marker or are plainly an earlier zhinan build); when the
/// output itself is missing, the newest `<out>.old-PID` (a complete earlier output) is renamed
/// back instead. Call it holding the output's lock.
pub fn clean_leftovers(output: &OutputFolder) -> FsResult<Vec<Leftover>> {
    let Some(parent) = output.target.parent() else {
        return Ok(Vec::new());
    };
    let name = file_name_of(&output.target).to_string_lossy().into_owned();
    let entries = match std::fs::read_dir(parent) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(FsError {
                action: "list",
                path: parent.to_path_buf(),
                source,
            });
        }
    };
    let mut found: Vec<(bool, u32, PathBuf)> = Vec::new();
    for entry in entries.flatten() {
        let entry_name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = entry_name.strip_prefix(&name) else {
            continue;
        };
        let (old, number) = if let Some(number) = rest.strip_prefix(".staging-") {
            (false, number)
        } else if let Some(number) = rest.strip_prefix(".old-") {
            (true, number)
        } else {
            continue;
        };
        let Ok(process) = number.parse::<u32>() else {
            continue;
        };
        let is_folder = entry.file_type().is_ok_and(|kind| kind.is_dir());
        // Only what zhinan provably made: its marker (written first into every staging folder)
        // or the shape of an earlier zhinan build. A folder that merely has the name is left.
        if is_folder && !process_is_running(process) && is_zhinan_output(&entry.path()) {
            found.push((old, process, entry.path()));
        }
    }
    found.sort();
    let mut done = Vec::new();
    if std::fs::symlink_metadata(&output.target).is_err()
        && let Some(position) = found.iter().rposition(|(old, _, _)| *old)
    {
        let (_, _, path) = found.remove(position);
        fs::rename(&path, &output.target)?;
        done.push(Leftover::Restored(path));
    }
    for (_, _, path) in found {
        fs::remove_dir_all(&path)?;
        done.push(Leftover::Removed(path));
    }
    Ok(done)
}

/// Set once SIGINT or SIGTERM arrived: writers stop writing into the staging folder.
static STOPPING: AtomicBool = AtomicBool::new(false);

/// What an interrupted build leaves to clean up: its staging folder and its lock file.
#[derive(Default)]
struct InProgress {
    staging: Option<PathBuf>,
    lock: Option<PathBuf>,
}

/// Held while the staging folder is swapped in, so that a signal waits for the swap to end.
static IN_PROGRESS: Mutex<InProgress> = Mutex::new(InProgress {
    staging: None,
    lock: None,
});

fn in_progress() -> std::sync::MutexGuard<'static, InProgress> {
    IN_PROGRESS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn set_lock_path(path: Option<PathBuf>) {
    in_progress().lock = path;
}

/// Whether the build is being stopped by a signal (writers check it before every file).
pub fn stopping() -> bool {
    STOPPING.load(Ordering::Relaxed)
}

/// The error a writer returns once the build is being stopped.
pub fn stopped_error(path: &Path) -> FsError {
    FsError {
        action: "write (the build is being stopped)",
        path: path.to_path_buf(),
        source: std::io::Error::from(std::io::ErrorKind::Interrupted),
    }
}

/// Records the staging folder that a signal must remove (`None` once it is swapped in or
/// removed).
pub fn set_staging(path: Option<PathBuf>) {
    in_progress().staging = path;
}

/// Runs `swap` so that a signal arriving meanwhile waits for it to end (a half-done swap would
/// leave no output in place); afterwards there is no staging folder to clean up.
pub fn while_swapping<T>(swap: impl FnOnce() -> T) -> T {
    let mut guard = in_progress();
    let result = swap();
    guard.staging = None;
    result
}

/// Whether a signal is being handled: the build's own error (a page written into the staging
/// folder the handler is removing) is no error then, and the handler's exit code (130) is the one.
pub fn is_stopping() -> bool {
    STOPPING.load(Ordering::SeqCst)
}

/// On SIGINT or SIGTERM: stops the writers, removes the staging folder and the lock file. The
/// caller exits afterwards.
pub fn clean_up_after_signal() {
    STOPPING.store(true, Ordering::SeqCst);
    let (staging, lock) = {
        let mut guard = in_progress();
        (guard.staging.take(), guard.lock.take())
    };
    if let Some(staging) = staging {
        // Twice: a page being written as the flag was set may create a folder again.
        let _ = std::fs::remove_dir_all(&staging);
        std::thread::sleep(Duration::from_millis(100));
        let _ = std::fs::remove_dir_all(&staging);
    }
    if let Some(lock) = lock {
        let _ = std::fs::remove_file(lock);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolving_applies_dots_by_name_after_the_existing_part() {
        let dir = tempfile::tempdir().unwrap();
        let base = std::fs::canonicalize(dir.path()).unwrap();
        assert_eq!(resolve(&base.join("a/../b/./c")).unwrap(), base.join("b/c"));
        std::fs::create_dir(base.join("real")).unwrap();
        assert_eq!(resolve(&base.join("real/..")).unwrap(), base);
    }

    #[test]
    fn siblings_carry_the_process() {
        assert_eq!(
            sibling_for_process(Path::new("/site/public"), "staging", 42),
            PathBuf::from("/site/public.staging-42")
        );
    }

    #[test]
    fn every_message_has_both_languages() {
        for message in OUTPUT_MESSAGES {
            assert!(!message.zh.is_empty() && !message.en.is_empty());
            assert!(message.zh.chars().any(|c| c > '\u{2e80}'), "{}", message.zh);
        }
    }
}
