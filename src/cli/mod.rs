//! The command line: raw arguments (clap) turned into settings, the commands run, and the only
//! place that prints reports and picks exit codes ([`ExitCode`]: 0 no errors, 1 content errors,
//! 2 could not run).
//!
//! - this file: the arguments, dispatch and the helpers every command shares;
//! - [`check`](mod@check): `zhinan check` and `zhinan rules`;
//! - [`build`](mod@build): `zhinan build` (the output folder's guard and lock, then `write`);
//! - [`serve`](mod@serve): `zhinan serve` (settings for `serve`, the start-up lines).
//!
//! The stages never import this module: they take plain settings and return results.

pub mod build;
pub mod check;
pub mod exit_code;
pub mod serve;

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

pub use exit_code::ExitCode;

use crate::diagnostics::Language;
use crate::diagnostics::report::Format;
use crate::write::Minify;

#[derive(Debug, Parser)]
#[command(
    name = "zhinan",
    version,
    about = "办事指南站点生成器与检查器 — static-site generator and linter for a public service guide"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the content, render the site and publish it into the output folder (atomically)
    Build(BuildArgs),
    /// Check the content against the format and the rules (for editors and CI)
    Check(CheckArgs),
    /// List the rules of `check`, or print docs/rules.md with --markdown
    Rules(RulesArgs),
    /// Preview the site: serve it from memory, rebuild on every save, reload the browser
    Serve(ServeArgs),
}

fn parse_date(text: &str) -> Result<jiff::civil::Date, String> {
    crate::model::convert::parse_date(text)
        .ok_or_else(|| format!("`{text}` is not a date in YYYY-MM-DD form"))
}

#[derive(Debug, Args, Clone)]
pub struct CommonArgs {
    /// The site root: the folder that holds content/
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Pin "today" (YYYY-MM-DD) for the stale-review rule
    #[arg(long, value_parser = parse_date)]
    pub today: Option<jiff::civil::Date>,
    /// Language of the messages (default: the site's `language`, zh unless it says otherwise)
    #[arg(long, value_enum)]
    pub lang: Option<Language>,
}

impl CommonArgs {
    /// The language of the messages: `--lang`, else the site's `language` (content format v2,
    /// output contract), else the locale.
    pub fn language(&self) -> Language {
        self.lang
            .or_else(|| site_language(&self.root))
            .unwrap_or_else(locale_language)
    }
}

/// The language site.yaml asks for (`language: zh-CN`): zh when it starts with zh. `None` when
/// the site has no readable site.yaml or no `language` (then the format's default, zh-CN).
fn site_language(root: &std::path::Path) -> Option<Language> {
    let path = root.join("content/site.yaml");
    let metadata = std::fs::symlink_metadata(&path).ok()?;
    if !metadata.is_file() || metadata.len() > crate::load::MAX_FILE_BYTES as u64 {
        return None;
    }
    let text = crate::fs::read_to_string(&path).ok()?;
    let language = match crate::load::yaml::parse(&text, 0) {
        Ok(Some(node)) => match &node.value {
            crate::load::yaml::Value::Mapping(entries) => entries
                .iter()
                .find(|(key, _)| key.as_scalar() == Some("language"))
                .and_then(|(_, value)| value.as_scalar().map(str::to_string)),
            _ => None,
        },
        _ => None,
    };
    Some(match language {
        Some(tag) if !tag.trim().to_ascii_lowercase().starts_with("zh") => Language::En,
        _ => Language::Zh,
    })
}

/// The locale's language (LC_ALL, LC_MESSAGES, LANG, the first that is set): zh when it starts
/// with zh, else en.
pub fn locale_language() -> Language {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.is_empty())
        .unwrap_or_default();
    if locale.to_ascii_lowercase().starts_with("zh") {
        Language::Zh
    } else {
        Language::En
    }
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Output folder (default: <root>/public)
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Override site.yaml's base_url (e.g. for a staging host)
    #[arg(long)]
    pub base_url: Option<String>,
    /// How HTML pages are minified
    #[arg(long, value_enum, value_name = "MODE", default_value = "whitespace")]
    pub minify: Minify,
    /// Do not minify (as `--minify off`)
    #[arg(long, conflicts_with = "minify")]
    pub no_minify: bool,
    /// Replace an existing, non-empty --out folder that zhinan did not make (every file in it is
    /// deleted); never the site root, a folder above it, content/ or templates/
    #[arg(long)]
    pub force: bool,
    /// Publish drafts (`draft: true`) too; by default they are left out of every output
    #[arg(long)]
    pub drafts: bool,
}

impl BuildArgs {
    pub fn minify_mode(&self) -> Minify {
        if self.no_minify {
            Minify::Off
        } else {
            self.minify
        }
    }
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Output format
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Fail (exit 1) on warnings too
    #[arg(long)]
    pub deny_warnings: bool,
}

fn parse_bind_address(text: &str) -> Result<std::net::IpAddr, String> {
    if text.eq_ignore_ascii_case("localhost") {
        return Ok(std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST));
    }
    text.parse()
        .map_err(|_| format!("`{text}` is not an IP address (e.g. 127.0.0.1 or ::1)"))
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Address to listen on; anything but loopback makes the preview reachable from other machines
    #[arg(long, default_value = "127.0.0.1", value_parser = parse_bind_address)]
    pub bind: std::net::IpAddr,
    /// Port to listen on (default 1111, or the next free one); 0 picks any free port
    #[arg(long)]
    pub port: Option<u16>,
    /// Poll the files every MS milliseconds (default 300) instead of waiting for file-system
    /// events (network drives, some containers)
    #[arg(long, value_name = "MS", num_args = 0..=1, require_equals = true, default_missing_value = "300")]
    pub poll: Option<u64>,
    /// Open the preview in the default browser
    #[arg(long)]
    pub open: bool,
    /// How HTML pages are minified (as `build --minify`)
    #[arg(long, value_enum, value_name = "MODE", default_value = "whitespace")]
    pub minify: Minify,
    /// Do not minify (as `--minify off`)
    #[arg(long, conflicts_with = "minify")]
    pub no_minify: bool,
}

impl ServeArgs {
    pub fn minify_mode(&self) -> Minify {
        if self.no_minify {
            Minify::Off
        } else {
            self.minify
        }
    }
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Print docs/rules.md (Chinese documentation of every rule)
    #[arg(long)]
    pub markdown: bool,
    /// Language of the summaries (default: the locale's)
    #[arg(long, value_enum)]
    pub lang: Option<Language>,
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let code = if error.use_stderr() {
                ExitCode::CouldNotRun
            } else {
                ExitCode::Ok
            };
            let _ = error.print();
            return code;
        }
    };
    match cli.command {
        Command::Check(args) => check::run_check(args),
        Command::Build(args) => build::run_build(args),
        Command::Rules(args) => check::run_rules(args),
        Command::Serve(args) => serve::run_serve(args),
    }
}

pub fn print_stdout(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
}

/// Prints `error: ...` and gives [`ExitCode::CouldNotRun`].
pub fn could_not_run(error: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {error}");
    ExitCode::CouldNotRun
}

/// Whether human output to this stream gets colours (a terminal, `NO_COLOR` unset).
pub fn colors_on(is_terminal: bool) -> bool {
    is_terminal && std::env::var_os("NO_COLOR").is_none()
}

pub fn root_exists(common: &CommonArgs) -> Result<(), String> {
    if !common.root.join("content").is_dir() {
        return Err(format!(
            "`{}` is not a site root: it has no content/ folder (use --root DIR)",
            common.root.display()
        ));
    }
    Ok(())
}
