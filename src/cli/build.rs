//! `zhinan build`: the output folder is checked before any work ([`choose_output`]), the site is
//! loaded and checked, its theme read and its templates compiled, and only then, holding the
//! output's lock, rendered and published by [`write_site`]. Everything printed by a build is
//! printed here: the refusal of an output folder, the report of the diagnostics (stderr), notes
//! on leftovers, the summary line.

use std::io::IsTerminal;
use std::path::Path;
use std::time::{Duration, Instant};

use super::messages::{self as m, say};
use super::{BuildArgs, ExitCode, could_not_run, prefix, root_exists};
use crate::diagnostics::report::{Format, Report};
use crate::diagnostics::{Language, Severity};
use crate::load::theme::read_theme;
use crate::render;
use crate::site::{LoadOptions, Loaded, load_site};
use crate::write::minify::full_minify_missing;
use crate::write::output_folder::{self, OutputFolder, OutputLock, choose_output, clean_leftovers};
use crate::write::{WriteFailure, WriteSettings, Written, write_site};

pub fn run_build(args: BuildArgs) -> ExitCode {
    let started = Instant::now();
    let language = args.common.language();
    if let Err(code) = check_arguments(&args, language) {
        return code;
    }
    let root = &args.common.root;
    let out = args.out.clone().unwrap_or_else(|| root.join("public"));
    // Before any work, so that a refused folder costs nothing and nothing is touched.
    let output = match choose_output(root, &out, args.force) {
        Ok(output) => output,
        Err(refusal) => {
            let (message, help) = refusal.message(language);
            return could_not_run(format!(
                "{message}\n{}{help}",
                prefix(&m::HELP_PREFIX, language)
            ));
        }
    };
    let mut loaded = match load_site(
        root,
        &LoadOptions {
            today: args.common.today,
            publish_drafts: args.drafts,
            ..Default::default()
        },
    ) {
        Ok(loaded) => loaded,
        Err(error) => return super::could_not_run_fs(&error),
    };
    if !args.drafts {
        // (v2) A draft is checked (its problems are warnings) but published nowhere.
        loaded.model.remove_drafts();
    }
    if !args.no_history {
        super::attach_history(root, &mut loaded.model, loaded.today, language);
    }
    let (theme, mut template_diagnostics) = read_theme(root);
    let (tera, compile_diagnostics) = render::compile_templates(&theme);
    template_diagnostics.extend(compile_diagnostics);
    loaded.add_diagnostics(root, template_diagnostics);
    let loaded_at = started.elapsed();
    crate::fs::release_free_memory();

    let print_report = |loaded: &Loaded| {
        if loaded.diagnostics.is_empty() {
            return;
        }
        let report = Report {
            diagnostics: &loaded.diagnostics,
            sources: &loaded.sources,
            language,
            file_count: loaded.file_count,
            color: super::color_for(std::io::stderr().is_terminal()),
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
            "{}",
            say(
                &m::BUILD_REFUSED,
                language,
                &[("out", out.display().to_string())]
            )
        );
        return ExitCode::ContentErrors;
    };
    let mut progress = super::progress::Progress::start(language, loaded.model.items.len());

    let _lock = match prepare_output(&output, &out, language) {
        Ok(lock) => lock,
        Err(code) => return code,
    };

    let settings = WriteSettings {
        output: &output,
        base_url: args.base_url.as_deref(),
        minify: args.minify_mode(),
    };
    let written = match write_site(&loaded.model, &tera, &theme, &settings) {
        Ok(written) => written,
        Err(_) if output_folder::is_stopping() => {
            // Interrupted: the signal handler cleans up and exits with 130; wait for it.
            loop {
                std::thread::sleep(std::time::Duration::from_secs(1));
            }
        }
        Err(WriteFailure::Io(error)) => {
            progress.finish();
            eprintln!(
                "{}{}",
                prefix(&m::ERROR_PREFIX, language),
                error.describe(language == crate::diagnostics::Language::Zh)
            );
            eprintln!(
                "{}",
                say(
                    &m::BUILD_FAILED,
                    language,
                    &[("out", out.display().to_string())]
                )
            );
            return ExitCode::CouldNotRun;
        }
        Err(WriteFailure::Swap(error)) => {
            progress.finish();
            return super::could_not_run_fs(&error);
        }
        Err(WriteFailure::Templates(diagnostics)) => {
            progress.finish();
            loaded.add_diagnostics(root, diagnostics);
            print_report(&loaded);
            eprintln!(
                "{}",
                say(
                    &m::BUILD_REFUSED_TEMPLATES,
                    language,
                    &[("out", out.display().to_string())]
                )
            );
            return ExitCode::ContentErrors;
        }
    };
    if output_folder::is_stopping() {
        // A signal arrived as the build ended: the handler's exit code (130) is the one.
        loop {
            std::thread::sleep(std::time::Duration::from_secs(1));
        }
    }
    progress.finish();
    print_report(&loaded);
    let warnings = loaded.diagnostics.len();
    if super::quiet() {
        return ExitCode::Ok;
    }
    print_summary(
        language, &written, &loaded, &out, warnings, started, loaded_at,
    );
    ExitCode::Ok
}

/// The last line of a build: what was written, where, how long it took, how many warnings.
fn print_summary(
    language: Language,
    written: &Written,
    loaded: &Loaded,
    out: &Path,
    warnings: usize,
    started: Instant,
    loaded_at: Duration,
) {
    let warnings = if warnings > 0 {
        say(
            &m::BUILT_WARNINGS,
            language,
            &[("count", warnings.to_string())],
        )
    } else {
        String::new()
    };
    eprintln!(
        "{}",
        say(
            &m::BUILT,
            language,
            &[
                ("pages", written.pages.to_string()),
                ("items", loaded.model.items.len().to_string()),
                ("files", written.files.to_string()),
                (
                    "megabytes",
                    format!("{:.1}", written.bytes as f64 / 1_048_576.0)
                ),
                ("out", out.display().to_string()),
                ("ms", started.elapsed().as_millis().to_string()),
                ("load_ms", loaded_at.as_millis().to_string()),
                ("warnings", warnings),
            ]
        )
    );
}

/// Makes ready to write: the signal handler that removes the staging folder, the lock on the
/// output folder (waiting for another build of it), the leftovers of an interrupted build
/// cleaned. `Err` is the exit code when one of them fails.
fn prepare_output(
    output: &OutputFolder,
    out: &Path,
    language: Language,
) -> Result<OutputLock, ExitCode> {
    // From here on a staging folder exists: SIGINT and SIGTERM remove it before exiting.
    if let Err(error) = ctrlc::set_handler(|| {
        output_folder::clean_up_after_signal();
        std::process::exit(130);
    }) {
        eprintln!(
            "{}{}",
            prefix(&m::WARNING_PREFIX, language),
            say(
                &m::BUILD_STAGING_WARNING,
                language,
                &[("error", error.to_string())]
            )
        );
    }
    let lock = match OutputLock::acquire(output, || {
        eprintln!(
            "{}",
            output_folder::OUT_WAITING.format(language, &[("out", out.display().to_string())])
        )
    }) {
        Ok(lock) => lock,
        Err(error) => return Err(super::could_not_run_fs(&error)),
    };
    match clean_leftovers(output) {
        Ok(leftovers) => {
            for leftover in leftovers {
                eprintln!(
                    "{}{}",
                    prefix(&m::NOTE_PREFIX, language),
                    leftover.message(output, language)
                );
            }
        }
        Err(error) => return Err(super::could_not_run_fs(&error)),
    }
    Ok(lock)
}

/// What can be refused before any work: a root without content/, an unsafe `--base-url`,
/// `--minify full` in a build without the feature.
fn check_arguments(args: &BuildArgs, language: Language) -> Result<(), ExitCode> {
    if let Err(message) = root_exists(&args.common) {
        return Err(could_not_run(message));
    }
    if let Some(base_url) = &args.base_url
        && !crate::model::convert::is_safe_base_url(base_url)
    {
        return Err(could_not_run(say(
            &m::BAD_BUILD_BASE_URL,
            language,
            &[("url", base_url.clone())],
        )));
    }
    if let Some(message) = full_minify_missing(args.minify_mode(), language) {
        return Err(could_not_run(message));
    }
    Ok(())
}
