//! Stage 5, write: the only code that writes the published site. Pages arrive from `render`
//! one by one (memory stays bounded), are minified, and land in a staging folder beside the
//! output; only when everything succeeded is the staging folder swapped in.
//!
//! Architecture invariant: a failed build (content errors, template errors, I/O errors) leaves
//! the previous output folder exactly as it was.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Instant;

use crate::cli::{BuildArgs, could_not_run, root_exists};
use crate::diagnostics::Severity;
use crate::diagnostics::report::{Format, Report};
use crate::fs::{self, FsError, FsResult};
use crate::render::{self, PageSink, RenderOptions};
use crate::site::{LoadOptions, load_site};

/// Writes pages into a staging folder, minifying HTML.
pub struct StagingWriter {
    pub root: PathBuf,
    pub minify: bool,
    pub files: AtomicUsize,
    pub bytes: AtomicU64,
}

fn minify_config() -> minify_html::Cfg {
    let mut config = minify_html::Cfg::new();
    config.keep_html_and_head_opening_tags = true;
    config.keep_closing_tags = true;
    config.minify_css = true;
    config.minify_js = true;
    config
}

pub fn minify_page(path: &str, bytes: Vec<u8>) -> Vec<u8> {
    if path.ends_with(".html") {
        minify_html::minify(&bytes, &minify_config())
    } else {
        bytes
    }
}

impl PageSink for StagingWriter {
    fn page(&self, path: &str, bytes: Vec<u8>) -> Result<(), FsError> {
        let bytes = if self.minify {
            minify_page(path, bytes)
        } else {
            bytes
        };
        let target = self.root.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&target, &bytes)?;
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        Ok(())
    }
}

fn sibling(out: &Path, suffix: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    out.with_file_name(format!("{name}.{suffix}-{}", std::process::id()))
}

/// Replaces `out` with `staging` in two renames; the old output is removed afterwards.
pub fn swap_in(staging: &Path, out: &Path) -> FsResult<()> {
    if out.exists() {
        let old = sibling(out, "old");
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

    let staging = sibling(&out, "staging");
    let _ = std::fs::remove_dir_all(&staging);
    let writer = StagingWriter {
        root: staging.clone(),
        minify: !args.no_minify,
        files: AtomicUsize::new(0),
        bytes: AtomicU64::new(0),
    };
    let options = RenderOptions {
        root,
        base_url: args.base_url.as_deref(),
    };
    let result = fs::create_dir_all(&staging)
        .and_then(|_| render::render_site(&loaded.model, &tera, &options, &writer))
        .and_then(|(stats, diagnostics)| {
            copy_attachments(&loaded.model.attachments, &staging)?;
            Ok((stats, diagnostics))
        });
    let (stats, render_diagnostics) = match result {
        Ok(value) => value,
        Err(error) => {
            let _ = std::fs::remove_dir_all(&staging);
            eprintln!("error: {error}");
            eprintln!("build failed; `{}` was left untouched", out.display());
            return 2;
        }
    };
    if !render_diagnostics.is_empty() {
        let _ = std::fs::remove_dir_all(&staging);
        loaded.add_diagnostics(root, render_diagnostics);
        print_report(&loaded);
        eprintln!(
            "build refused: fix the template errors above; `{}` was left untouched",
            out.display()
        );
        return 1;
    }
    if let Err(error) = swap_in(&staging, &out) {
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
        writer.files.load(Ordering::Relaxed) + loaded.model.attachments.len(),
        writer.bytes.load(Ordering::Relaxed) as f64 / 1_048_576.0,
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
