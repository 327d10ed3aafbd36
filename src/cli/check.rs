//! `zhinan check [FILE...]` (the content against the format and the rules, a report on stdout;
//! with files, the whole site is loaded but only the diagnostics located in those files are
//! reported and counted) and `zhinan rules` (the rule table, or docs/rules.md).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use super::messages::{self as m, say};
use super::{CheckArgs, CommonArgs, ExitCode, RulesArgs, could_not_run, print_stdout, root_exists};
use crate::check::rules::{RULES, markdown_documentation};
use crate::diagnostics::report::{Format, Report};
use crate::diagnostics::{Language, Severity};
use crate::site::{LoadOptions, load_site};

pub fn run_check(args: CheckArgs) -> ExitCode {
    check_files(&args.common, &args.files, args.format, args.deny_warnings)
}

/// Checks the site of `common` and reports every diagnostic, or with `files` only those located
/// in them or, for a folder, under it (the exit code follows the reported ones).
pub fn check_files(
    common: &CommonArgs,
    files: &[PathBuf],
    format: Format,
    deny_warnings: bool,
) -> ExitCode {
    let language = common.language();
    if let Err(message) = root_exists(common) {
        return could_not_run(message);
    }
    let mut wanted = Vec::new();
    for file in files {
        match relative_to_root(&common.root, file) {
            Some(relative) => wanted.push(relative),
            None => {
                return could_not_run(say(
                    &m::CHECK_FILE_NOT_FOUND,
                    language,
                    &[("file", file.display().to_string())],
                ));
            }
        }
    }
    let mut loaded = match load_site(
        &common.root,
        &LoadOptions {
            today: common.today,
            publish_drafts: false,
            ..Default::default()
        },
    ) {
        Ok(loaded) => loaded,
        Err(error) => return super::could_not_run_fs(&error),
    };
    // Templates and assets are part of the site: a broken or unreadable one is a `template`
    // error for `check` too.
    let (theme, mut template_diagnostics) = crate::load::theme::read_theme(&common.root);
    template_diagnostics.extend(crate::render::compile_templates(&theme).1);
    loaded.add_diagnostics(&common.root, template_diagnostics);
    let mut file_count = loaded.file_count;
    if !wanted.is_empty() {
        // A named folder stands for every file under it.
        let folders: Vec<String> = wanted
            .iter()
            .filter(|relative| common.root.join(relative.as_str()).is_dir())
            .map(|relative| format!("{}/", relative.trim_end_matches('/')))
            .collect();
        loaded.diagnostics.retain(|diagnostic| {
            wanted.contains(&diagnostic.file)
                || folders
                    .iter()
                    .any(|folder| diagnostic.file.starts_with(folder.as_str()))
        });
        file_count = wanted.len();
    }
    let report = Report {
        diagnostics: &loaded.diagnostics,
        sources: &loaded.sources,
        language,
        file_count,
        color: format == Format::Human && super::color_for(std::io::stdout().is_terminal()),
    };
    if !(super::quiet() && loaded.diagnostics.is_empty() && format == Format::Human) {
        print_stdout(&report.render(format));
    }
    let errors = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = loaded.diagnostics.len() - errors;
    if errors > 0 || (deny_warnings && warnings > 0) {
        ExitCode::ContentErrors
    } else {
        ExitCode::Ok
    }
}

/// `file` (relative to the working folder, or absolute) as the diagnostics name it: relative
/// to the site root, `/`-separated. `None` when it does not exist or is outside the root.
fn relative_to_root(root: &Path, file: &Path) -> Option<String> {
    let root = std::fs::canonicalize(root).ok()?;
    // The file itself may be a symlink (reported as such); its folder is resolved.
    let parent = file.parent().filter(|p| !p.as_os_str().is_empty());
    let folder = std::fs::canonicalize(parent.unwrap_or(Path::new("."))).ok()?;
    let full = folder.join(file.file_name()?);
    std::fs::symlink_metadata(&full).ok()?;
    crate::fs::relative_path(&root, &full)
}

pub fn run_rules(args: RulesArgs) -> ExitCode {
    if args.markdown {
        print_stdout(&markdown_documentation());
        return ExitCode::Ok;
    }
    let language = args.lang.unwrap_or_else(super::locale_language);
    let mut output = String::new();
    for rule in RULES {
        let severity = if rule.default_severity == Severity::Error {
            say(&m::SEVERITY_ERROR, language, &[])
        } else {
            say(&m::SEVERITY_WARNING, language, &[])
        };
        let summary = if language == Language::En {
            rule.summary_en
        } else {
            rule.summary_zh
        };
        // Pad by display width: 错误 is four columns wide.
        let width = unicode_width::UnicodeWidthStr::width(severity.as_str());
        let padding = " ".repeat(8usize.saturating_sub(width));
        output.push_str(&format!(
            "{:<28} {severity}{padding} {summary}\n",
            rule.name
        ));
    }
    print_stdout(&output);
    ExitCode::Ok
}
