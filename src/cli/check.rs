//! `zhinan check` (the content against the format and the rules, a report on stdout) and
//! `zhinan rules` (the rule table, or docs/rules.md).

use std::io::IsTerminal;

use super::{CheckArgs, ExitCode, RulesArgs, colors_on, could_not_run, print_stdout, root_exists};
use crate::check::rules::{RULES, markdown_documentation};
use crate::diagnostics::report::{Format, Report};
use crate::diagnostics::{Language, Severity};
use crate::site::{LoadOptions, load_site};

pub fn run_check(args: CheckArgs) -> ExitCode {
    if let Err(message) = root_exists(&args.common) {
        return could_not_run(message);
    }
    let mut loaded = match load_site(
        &args.common.root,
        &LoadOptions {
            today: args.common.today,
            publish_drafts: false,
        },
    ) {
        Ok(loaded) => loaded,
        Err(error) => return could_not_run(error),
    };
    // Templates are part of the site: a broken one is a `template` error for `check` too.
    let (_, template_diagnostics) = crate::render::load_templates(&args.common.root);
    loaded.add_diagnostics(&args.common.root, template_diagnostics);
    let report = Report {
        diagnostics: &loaded.diagnostics,
        sources: &loaded.sources,
        language: args.common.language(),
        file_count: loaded.file_count,
        color: args.format == Format::Human && colors_on(std::io::stdout().is_terminal()),
    };
    print_stdout(&report.render(args.format));
    let errors = loaded.error_count();
    let warnings = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    if errors > 0 || (args.deny_warnings && warnings > 0) {
        ExitCode::ContentErrors
    } else {
        ExitCode::Ok
    }
}

pub fn run_rules(args: RulesArgs) -> ExitCode {
    if args.markdown {
        print_stdout(&markdown_documentation());
        return ExitCode::Ok;
    }
    let mut output = String::new();
    for rule in RULES {
        let severity = if rule.default_severity == Severity::Error {
            "error"
        } else {
            "warning"
        };
        let summary = if args.lang.unwrap_or_else(super::locale_language) == Language::En {
            rule.summary_en
        } else {
            rule.summary_zh
        };
        output.push_str(&format!("{:<28} {:<8} {}\n", rule.name, severity, summary));
    }
    print_stdout(&output);
    ExitCode::Ok
}
