//! Stage 5, write: the only code that writes the published site. Pages arrive from `render`
//! one by one (memory stays bounded), are minified, and land in a staging folder beside the
//! output; only when everything succeeded is the staging folder swapped in.
//!
//! `build` renders on a rayon pool of its own (fresh heaps: see `run_build`), and pages rendered
//! on a rayon worker are minified and written right there; large outputs (items.json, the print
//! books) arrive part by part ([`PageSink::page_in_parts`]) and are written, minified part by
//! part, as they come. A page that arrives from any other thread is handed to one writer thread
//! (`zhinan-write`), so that minifying it overlaps rendering the next; at most
//! [`PENDING_BYTES`] of them wait at a time, and [`StagingWriter::finish`] waits for the last
//! ones. Minification modes: [`minify`].
//!
//! Architecture invariant: a failed build (content errors, template errors, I/O errors) leaves
//! the previous output folder exactly as it was.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;

use tera::Tera;

use crate::diagnostics::Diagnostic;
use crate::fs::{self, FsError, FsResult};
use crate::model::SiteModel;
use crate::render::{self, PageSink, RenderOptions};
use crate::theme::Theme;

pub mod minify;
pub mod output_folder;
pub use minify::{Minify, minify_page};
use output_folder::OutputFolder;

/// Most page bytes handed to the writer thread and not yet written; a page that would go over
/// waits (a single larger page is still accepted when nothing else waits).
pub const PENDING_BYTES: usize = 8 * 1024 * 1024;

/// A page for the writer thread: output path and bytes.
type QueuedPage = (String, Vec<u8>);

/// Writes pages into a staging folder, minifying HTML.
pub struct StagingWriter {
    root: PathBuf,
    minify: Minify,
    shared: Arc<Shared>,
    /// Pages for the writer thread (`None` once closed by `drop`).
    queue: Mutex<Option<Sender<QueuedPage>>>,
    thread: Option<JoinHandle<()>>,
}

/// What the writer and its writer thread share.
#[derive(Default)]
struct Shared {
    files: AtomicUsize,
    bytes: AtomicU64,
    pending: Mutex<Pending>,
    changed: Condvar,
}

#[derive(Default)]
struct Pending {
    pages: usize,
    bytes: usize,
    /// The first error of a page written by the writer thread (reported by `finish`).
    error: Option<FsError>,
}

impl Shared {
    fn pending(&self) -> MutexGuard<'_, Pending> {
        self.pending
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Minifies (when asked) and writes one page under `root`.
    fn write(&self, root: &Path, minify: Minify, path: &str, bytes: Vec<u8>) -> FsResult<()> {
        let target = root.join(path);
        if output_folder::stopping() {
            return Err(output_folder::stopped_error(&target));
        }
        let bytes = minify_page(minify, path, bytes);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&target, &bytes)?;
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        Ok(())
    }
}

impl StagingWriter {
    pub fn new(root: PathBuf, minify: Minify) -> Self {
        let shared: Arc<Shared> = Arc::default();
        let (queue, pages) = mpsc::channel::<(String, Vec<u8>)>();
        let thread = {
            let shared = Arc::clone(&shared);
            let root = root.clone();
            std::thread::Builder::new()
                .name("zhinan-write".into())
                .spawn(move || {
                    for (path, bytes) in pages {
                        shared.write_handed_over(&root, minify, &path, bytes);
                    }
                })
                .ok()
        };
        StagingWriter {
            root,
            minify,
            shared,
            // Without a thread, pages are written where they arrive.
            queue: Mutex::new(thread.as_ref().map(|_| queue)),
            thread,
        }
    }

    /// Files written so far.
    pub fn files(&self) -> usize {
        self.shared.files.load(Ordering::Relaxed)
    }

    /// Bytes written so far (after minification).
    pub fn bytes(&self) -> u64 {
        self.shared.bytes.load(Ordering::Relaxed)
    }

    /// Waits until every page handed to the writer thread is written; the first error of one of
    /// them.
    /// Call it before reading [`Self::files`] or touching the staging folder.
    pub fn finish(&self) -> FsResult<()> {
        let mut pending = self.shared.pending();
        while pending.pages > 0 {
            pending = self
                .shared
                .changed
                .wait(pending)
                .unwrap_or_else(|poisoned| poisoned.into_inner());
        }
        match pending.error.take() {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }
}

impl Shared {
    /// Writes a page handed to the writer thread and accounts for it: it no longer waits, and
    /// its error (a panic of the minifier included) is kept for `finish`.
    fn write_handed_over(&self, root: &Path, minify: Minify, path: &str, bytes: Vec<u8>) {
        let size = bytes.len();
        let written = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.write(root, minify, path, bytes)
        }))
        .unwrap_or_else(|_| {
            Err(FsError {
                action: "minify and write",
                path: root.join(path),
                source: std::io::Error::other("the minifier failed on this page"),
            })
        });
        let mut pending = self.pending();
        pending.pages -= 1;
        pending.bytes -= size;
        if let Err(error) = written
            && pending.error.is_none()
        {
            pending.error = Some(error);
        }
        drop(pending);
        self.changed.notify_all();
    }
}

impl PageSink for StagingWriter {
    fn page_in_parts(
        &self,
        path: &str,
        parts: &mut dyn Iterator<Item = Vec<u8>>,
    ) -> Result<(), FsError> {
        self.write_parts(path, parts)
    }

    fn page(&self, path: &str, bytes: Vec<u8>) -> Result<(), FsError> {
        if rayon::current_thread_index().is_some() {
            // Already one of many pages rendered in parallel: no hand-off.
            return self.shared.write(&self.root, self.minify, path, bytes);
        }
        let queue = self
            .queue
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone();
        let Some(queue) = queue else {
            return self.shared.write(&self.root, self.minify, path, bytes);
        };
        let size = bytes.len();
        {
            let mut pending = self.shared.pending();
            while pending.pages > 0 && pending.bytes + size > PENDING_BYTES {
                pending = self
                    .shared
                    .changed
                    .wait(pending)
                    .unwrap_or_else(|poisoned| poisoned.into_inner());
            }
            if pending.error.is_some() {
                return Ok(()); // reported by `finish`; nothing more is written
            }
            pending.pages += 1;
            pending.bytes += size;
        }
        if let Err(mpsc::SendError((path, bytes))) = queue.send((path.to_string(), bytes)) {
            // The writer thread is gone (it cannot panic, but): write here, and account for it.
            self.shared
                .write_handed_over(&self.root, self.minify, &path, bytes);
        }
        Ok(())
    }
}

impl StagingWriter {
    /// Writes a page made in parts ([`PageSink::page_in_parts`]) on the calling thread.
    fn write_parts(&self, path: &str, parts: &mut dyn Iterator<Item = Vec<u8>>) -> FsResult<()> {
        if path.ends_with(".html") && self.minify == Minify::Full {
            // minify-html needs the whole document.
            let whole: Vec<u8> = parts.flatten().collect();
            return self.shared.write(&self.root, self.minify, path, whole);
        }
        let whitespace = path.ends_with(".html") && self.minify == Minify::Whitespace;
        let mut parts = parts.map(|part| {
            if whitespace {
                minify::collapse_whitespace_fragment(&part)
            } else {
                part
            }
        });
        let parts: &mut dyn Iterator<Item = Vec<u8>> = &mut parts;
        let target = self.root.join(path);
        if output_folder::stopping() {
            return Err(output_folder::stopped_error(&target));
        }
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        let written = fs::write_parts(&target, parts)?;
        self.shared.files.fetch_add(1, Ordering::Relaxed);
        self.shared.bytes.fetch_add(written, Ordering::Relaxed);
        Ok(())
    }
}

impl Drop for StagingWriter {
    fn drop(&mut self) {
        // Closing the queue ends the writer thread once it has written what it was given.
        self.queue
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .take();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Replaces the output folder with `staging` in two renames (into the folder a symlinked
/// output points to: the link stays); the old output is removed afterwards.
pub fn swap_in(staging: &Path, output: &OutputFolder) -> FsResult<()> {
    let out = &output.target;
    if out.exists() {
        let old = output.sibling("old");
        fs::rename(out, &old)?;
        if let Err(error) = fs::rename(staging, out) {
            let _ = std::fs::rename(&old, out);
            return Err(error);
        }
        fs::remove_dir_all(&old)?;
    } else {
        fs::rename(staging, out)?;
    }
    Ok(())
}

/// Copies content/files/ (only files that stay inside it) to `<staging>/files/`.
fn copy_attachments(attachments: &[crate::model::Attachment], staging: &Path) -> FsResult<()> {
    for attachment in attachments {
        let target = staging.join("files").join(&attachment.relative);
        if output_folder::stopping() {
            return Err(output_folder::stopped_error(&target));
        }
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::copy(&attachment.path, &target)?;
    }
    Ok(())
}

/// What `build` asks of this stage: where the site goes, how pages are minified.
pub struct WriteSettings<'a> {
    pub output: &'a OutputFolder,
    pub base_url: Option<&'a str>,
    pub minify: Minify,
}

/// A published site: counts for the build summary.
#[derive(Debug, Clone, Copy)]
pub struct Written {
    pub pages: usize,
    /// Files written, attachments and the marker included.
    pub files: usize,
    /// Bytes of the written pages (after minification).
    pub bytes: u64,
}

/// Why nothing was published; the output folder is as it was in both cases.
#[derive(Debug)]
pub enum WriteFailure {
    /// Templates failed while rendering (`template` diagnostics).
    Templates(Vec<Diagnostic>),
    /// Writing or copying failed.
    Io(FsError),
    /// Swapping the staging folder in failed (the old output is put back when the second rename
    /// fails; a failure to remove it afterwards leaves the new output in place).
    Swap(FsError),
}

/// Renders the checked `model` with the templates compiled from `theme` (`tera`) into a staging
/// folder beside the output, copies the attachments, marks the folder as zhinan's and swaps it
/// in. Call it holding the output's [`output_folder::OutputLock`]; the staging folder is
/// registered for the clean-up on a signal ([`output_folder::clean_up_after_signal`]).
pub fn write_site(
    model: &SiteModel,
    tera: &Tera,
    theme: &Theme,
    settings: &WriteSettings,
) -> Result<Written, WriteFailure> {
    let staging = settings.output.sibling("staging");
    let _ = std::fs::remove_dir_all(&staging);
    output_folder::set_staging(Some(staging.clone()));
    let writer = StagingWriter::new(staging.clone(), settings.minify);
    let options = RenderOptions {
        theme,
        base_url: settings.base_url,
    };
    // Rendered on threads of its own: glibc gives new threads new heaps, so rendering allocates
    // in heaps without the holes that parsing thousands of files left between the model's
    // texts (with them, malloc's share of the work doubled from 1,000 to 10,000 items).
    let render = || render::render_site(model, tera, &options, &writer);
    // The marker goes in first: a staging folder left by a killed build is then provably
    // zhinan's, and the next build may remove it.
    let rendered = fs::create_dir_all(&staging)
        .and_then(|_| output_folder::write_marker(&staging))
        .and_then(|_| {
            match rayon::ThreadPoolBuilder::new()
                .thread_name(|index| format!("zhinan-render-{index}"))
                .build()
            {
                Ok(pool) => pool.install(render),
                Err(_) => render(),
            }
        });
    // Always wait for the pages still being written, even when rendering failed, so that
    // nothing writes into the staging folder once it is removed.
    let written = writer.finish();
    let result = rendered.and_then(|(stats, diagnostics)| {
        written?;
        copy_attachments(&model.attachments, &staging)?;
        Ok((stats, diagnostics))
    });
    let discard = || {
        let _ = std::fs::remove_dir_all(&staging);
        output_folder::set_staging(None);
    };
    let (stats, render_diagnostics) = match result {
        Ok(value) => value,
        Err(error) => {
            discard();
            return Err(WriteFailure::Io(error));
        }
    };
    if !render_diagnostics.is_empty() {
        discard();
        return Err(WriteFailure::Templates(render_diagnostics));
    }
    if let Err(error) = output_folder::while_swapping(|| swap_in(&staging, settings.output)) {
        discard();
        return Err(WriteFailure::Swap(error));
    }
    Ok(Written {
        pages: stats.pages,
        files: writer.files() + model.attachments.len() + 1,
        bytes: writer.bytes(),
    })
}
