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

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Instant;

use crate::cli::{BuildArgs, could_not_run, root_exists};
use crate::diagnostics::Severity;
use crate::diagnostics::report::{Format, Report};
use crate::fs::{self, FsError, FsResult};
use crate::render::{self, PageSink, RenderOptions};
use crate::site::{LoadOptions, load_site};

pub mod minify;
pub mod output_folder;
pub use minify::{Minify, minify_page};
use output_folder::{OutputFolder, OutputLock};

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

pub fn run_build(args: BuildArgs) -> i32 {
    let started = Instant::now();
    if let Err(message) = root_exists(&args.common) {
        return could_not_run(message);
    }
    if let Some(base_url) = &args.base_url
        && !crate::model::convert::is_absolute_http_url(base_url)
    {
        return could_not_run(format!(
            "--base-url `{base_url}` is not an absolute http(s) URL"
        ));
    }
    let root = &args.common.root;
    let out = args.out.clone().unwrap_or_else(|| root.join("public"));
    let output = match output_folder::choose_output(root, &out, args.force) {
        Ok(output) => output,
        Err(refusal) => {
            let (message, help) = refusal.message(args.common.lang);
            return could_not_run(format!("{message}\nhelp: {help}"));
        }
    };
    let mut loaded = match load_site(
        root,
        &LoadOptions {
            today: args.common.today,
        },
    ) {
        Ok(loaded) => loaded,
        Err(error) => return could_not_run(error),
    };
    let (tera, template_diagnostics) = render::load_templates(root);
    loaded.add_diagnostics(root, template_diagnostics);
    let loaded_at = started.elapsed();
    crate::fs::release_free_memory();

    let print_report = |loaded: &crate::site::Loaded| {
        if loaded.diagnostics.is_empty() {
            return;
        }
        let report = Report {
            diagnostics: &loaded.diagnostics,
            sources: &loaded.sources,
            language: args.common.lang,
            file_count: loaded.file_count,
            color: std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        };
        eprint!("{}", report.render(Format::Human));
    };

    let has_errors = loaded
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error);
    let Some(tera) = tera.filter(|_| !has_errors) else {
        print_report(&loaded);
        eprintln!(
            "build refused: fix the errors above; `{}` was left untouched",
            out.display()
        );
        return 1;
    };

    let language = args.common.lang;
    if let Err(error) = ctrlc::set_handler(|| {
        output_folder::clean_up_after_signal();
        std::process::exit(130);
    }) {
        eprintln!("warning: an interrupted build may leave its staging folder: {error}");
    }
    let _lock = match OutputLock::acquire(&output, || {
        eprintln!(
            "{}",
            output_folder::OUT_WAITING.format(language, &[("out", out.display().to_string())])
        )
    }) {
        Ok(lock) => lock,
        Err(error) => return could_not_run(error),
    };
    match output_folder::clean_leftovers(&output) {
        Ok(leftovers) => {
            for leftover in leftovers {
                eprintln!("note: {}", leftover.message(&output, language));
            }
        }
        Err(error) => return could_not_run(error),
    }
    let staging = output.sibling("staging");
    let _ = std::fs::remove_dir_all(&staging);
    output_folder::set_staging(Some(staging.clone()));
    let writer = StagingWriter::new(staging.clone(), args.minify_mode());
    let options = RenderOptions {
        root,
        base_url: args.base_url.as_deref(),
    };
    // Rendered on threads of its own: glibc gives new threads new heaps, so rendering allocates
    // in heaps without the holes that parsing thousands of files left between the model's
    // texts (with them, malloc's share of the work doubled from 1,000 to 10,000 items).
    let render = || render::render_site(&loaded.model, &tera, &options, &writer);
    let rendered = fs::create_dir_all(&staging).and_then(|_| match rayon::ThreadPoolBuilder::new()
        .thread_name(|index| format!("zhinan-render-{index}"))
        .build()
    {
        Ok(pool) => pool.install(render),
        Err(_) => render(),
    });
    // Always wait for the pages still being written, even when rendering failed, so that
    // nothing writes into the staging folder once it is removed.
    let written = writer.finish();
    let result = rendered.and_then(|(stats, diagnostics)| {
        written?;
        copy_attachments(&loaded.model.attachments, &staging)?;
        output_folder::write_marker(&staging)?;
        Ok((stats, diagnostics))
    });
    let (stats, render_diagnostics) = match result {
        Ok(value) => value,
        Err(error) => {
            let _ = std::fs::remove_dir_all(&staging);
            output_folder::set_staging(None);
            eprintln!("error: {error}");
            eprintln!("build failed; `{}` was left untouched", out.display());
            return 2;
        }
    };
    if !render_diagnostics.is_empty() {
        let _ = std::fs::remove_dir_all(&staging);
        output_folder::set_staging(None);
        loaded.add_diagnostics(root, render_diagnostics);
        print_report(&loaded);
        eprintln!(
            "build refused: fix the template errors above; `{}` was left untouched",
            out.display()
        );
        return 1;
    }
    if let Err(error) = output_folder::while_swapping(|| swap_in(&staging, &output)) {
        let _ = std::fs::remove_dir_all(&staging);
        eprintln!("error: {error}");
        return 2;
    }
    print_report(&loaded);
    let warnings = loaded.diagnostics.len();
    eprintln!(
        "built {} pages ({} items, {} files, {:.1} MB) into `{}` in {} ms (load and check {} ms){}",
        stats.pages,
        loaded.model.items.len(),
        writer.files() + loaded.model.attachments.len(),
        writer.bytes() as f64 / 1_048_576.0,
        out.display(),
        started.elapsed().as_millis(),
        loaded_at.as_millis(),
        if warnings > 0 {
            format!(", {warnings} warnings")
        } else {
            String::new()
        }
    );
    0
}
