//! `zhinan build`: the output folder is checked before any work ([`choose_output`]), the site is
//! loaded and checked, and only then, holding the output's lock, rendered and published by
//! [`write_site`]. Everything printed by a build is printed here: the refusal of an output
//! folder, the report of the diagnostics (stderr), notes on leftovers, the summary line.

use std::io::IsTerminal;
use std::time::Instant;

use super::{BuildArgs, ExitCode, colors_on, could_not_run, root_exists};
use crate::diagnostics::Severity;
use crate::diagnostics::report::{Format, Report};
use crate::render;
use crate::site::{LoadOptions, Loaded, load_site};
use crate::write::minify::full_minify_missing;
use crate::write::output_folder::{self, OutputLock, choose_output, clean_leftovers};
use crate::write::{WriteFailure, WriteSettings, write_site};

pub fn run_build(args: BuildArgs) -> ExitCode {
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
    let language = args.common.language();
    if let Some(message) = full_minify_missing(args.minify_mode(), language) {
        return could_not_run(message);
    }
    let out = args.out.clone().unwrap_or_else(|| root.join("public"));
    // Before any work, so that a refused folder costs nothing and nothing is touched.
    let output = match choose_output(root, &out, args.force) {
        Ok(output) => output,
        Err(refusal) => {
            let (message, help) = refusal.message(language);
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
    if !args.drafts {
        // (v2) A draft is checked (its problems are warnings) but published nowhere.
        loaded.model.remove_drafts();
    }
    let (tera, template_diagnostics) = render::load_templates(root);
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
            color: colors_on(std::io::stderr().is_terminal()),
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
        return ExitCode::ContentErrors;
    };

    // From here on a staging folder exists: SIGINT and SIGTERM remove it before exiting.
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
    match clean_leftovers(&output) {
        Ok(leftovers) => {
            for leftover in leftovers {
                eprintln!("note: {}", leftover.message(&output, language));
            }
        }
        Err(error) => return could_not_run(error),
    }

    let settings = WriteSettings {
        root,
        output: &output,
        base_url: args.base_url.as_deref(),
        minify: args.minify_mode(),
    };
    let written = match write_site(&loaded.model, &tera, &settings) {
        Ok(written) => written,
        Err(WriteFailure::Io(error)) => {
            eprintln!("error: {error}");
            eprintln!("build failed; `{}` was left untouched", out.display());
            return ExitCode::CouldNotRun;
        }
        Err(WriteFailure::Swap(error)) => return could_not_run(error),
        Err(WriteFailure::Templates(diagnostics)) => {
            loaded.add_diagnostics(root, diagnostics);
            print_report(&loaded);
            eprintln!(
                "build refused: fix the template errors above; `{}` was left untouched",
                out.display()
            );
            return ExitCode::ContentErrors;
        }
    };
    print_report(&loaded);
    let warnings = loaded.diagnostics.len();
    eprintln!(
        "built {} pages ({} items, {} files, {:.1} MB) into `{}` in {} ms (load and check {} ms){}",
        written.pages,
        loaded.model.items.len(),
        written.files,
        written.bytes as f64 / 1_048_576.0,
        out.display(),
        started.elapsed().as_millis(),
        loaded_at.as_millis(),
        if warnings > 0 {
            format!(", {warnings} warnings")
        } else {
            String::new()
        }
    );
    ExitCode::Ok
}
