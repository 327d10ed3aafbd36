//! The command line: raw arguments (clap) turned into settings, the commands run, and the only
//! place that prints reports and picks exit codes ([`ExitCode`]: 0 no errors, 1 content errors,
//! 2 could not run).
//!
//! - this file: the arguments, dispatch and the helpers every command shares;
//! - [`check`](mod@check): `zhinan check` and `zhinan rules`;
//! - [`build`](mod@build): `zhinan build` (the output folder's guard and lock, then `write`);
//! - [`diff`](mod@diff): `zhinan diff` (what changed between two versions of the guide);
//! - [`serve`](mod@serve): `zhinan serve` (settings for `serve`, the start-up lines);
//! - [`init`](mod@init) and [`new`](mod@new): a new site, a new file of every key
//!   ([`template_file`] walks the format table);
//! - [`help`](mod@help): the `--help` texts in Chinese; [`messages`]: every line the commands
//!   print, in both languages.
//!
//! The stages never import this module: they take plain settings and return results.

pub mod build;
pub mod check;
pub mod diff;
pub mod exit_code;
pub mod help;
pub mod init;
pub mod messages;
pub mod new;
pub mod progress;
pub mod serve;
pub mod template_file;

use std::io::Write;
use std::path::PathBuf;
use std::sync::OnceLock;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

pub use exit_code::ExitCode;

use crate::diagnostics::Language;
use crate::diagnostics::report::Format;
use crate::write::Minify;

#[derive(Debug, Parser)]
#[command(
    name = "zhinan",
    version = VERSION,
    about = "Static-site generator and linter for a public service guide"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Print only problems (no summary when there are none, no status lines)
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print more: the steps of a build and their times
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// Colours in the terminal output
    #[arg(
        long,
        value_enum,
        global = true,
        value_name = "WHEN",
        default_value = "auto"
    )]
    pub color: ColorChoice,
}

/// The version with the git commit it was built from, when it was built in a git checkout
/// (build.rs).
pub const VERSION: &str = env!("ZHINAN_VERSION_TEXT");

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colours when the output is a terminal and NO_COLOR is unset
    Auto,
    Always,
    Never,
}

/// The global settings every command reads (`-q`, `-v`, `--color`), set once in [`main`].
#[derive(Debug, Clone, Copy)]
struct Globals {
    quiet: bool,
    verbose: bool,
    color: ColorChoice,
}

static GLOBALS: OnceLock<Globals> = OnceLock::new();

/// `-q`: print only problems.
pub fn quiet() -> bool {
    GLOBALS.get().is_some_and(|globals| globals.quiet)
}

/// `-v`: print the steps and their times.
pub fn verbose() -> bool {
    GLOBALS.get().is_some_and(|globals| globals.verbose)
}

/// Whether human output to a stream gets colours: `--color`, else a terminal with `NO_COLOR`
/// unset.
pub fn color_for(is_terminal: bool) -> bool {
    match GLOBALS
        .get()
        .map_or(ColorChoice::Auto, |globals| globals.color)
    {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => colors_on(is_terminal),
    }
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
    /// Create a new site (an example of every kind of file) in a new or empty folder
    Init(InitArgs),
    /// Create a new file with every key of the format and a comment for each
    New(NewArgs),
    /// What changed in the guide between two versions (git revisions, or a folder and the work tree)
    Diff(diff::DiffArgs),
    /// Print the shell completion script (bash, zsh, fish, powershell, elvish)
    Completions(CompletionsArgs),
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder of the new site (created if missing; must be empty)
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Language of the messages (default: the locale's)
    #[arg(long, value_enum)]
    pub lang: Option<Language>,
    /// Pin "today" (YYYY-MM-DD) for the example's review date
    #[arg(long, value_parser = parse_date)]
    pub today: Option<jiff::civil::Date>,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    #[command(subcommand)]
    pub kind: NewKind,
}

#[derive(Debug, Clone, Subcommand)]
pub enum NewKind {
    /// A new item: content/items/<DEPARTMENT>/<ID>.yaml
    Item {
        /// The department's id and the item's id, e.g. dengji/geti-biangeng
        #[arg(value_name = "DEPARTMENT/ID")]
        path: String,
        #[command(flatten)]
        common: CommonArgs,
    },
    /// A new department: content/departments/<ID>.yaml
    Department {
        /// The department's id, e.g. dengji
        id: String,
        #[command(flatten)]
        common: CommonArgs,
    },
    /// A new law: content/laws/<ID>.yaml
    Law {
        /// The law's id, e.g. xzxkf
        id: String,
        #[command(flatten)]
        common: CommonArgs,
    },
    /// A new free page: content/pages/<SLUG>.md
    Page {
        /// The page's address, e.g. guanyu
        slug: String,
        #[command(flatten)]
        common: CommonArgs,
    },
}

impl NewKind {
    pub fn common(&self) -> &CommonArgs {
        match self {
            NewKind::Item { common, .. }
            | NewKind::Department { common, .. }
            | NewKind::Law { common, .. }
            | NewKind::Page { common, .. } => common,
        }
    }
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

fn parse_date(text: &str) -> Result<jiff::civil::Date, String> {
    crate::model::convert::parse_date(text)
        .ok_or_else(|| format!("`{text}` is not a date in YYYY-MM-DD form"))
}

#[derive(Debug, Args, Clone)]
pub struct CommonArgs {
    /// The site root: the folder that holds content/
    #[arg(short, long, default_value = ".")]
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
        let language = self
            .lang
            .or_else(|| site_language(&self.root))
            .unwrap_or_else(locale_language);
        let _ = LANGUAGE.set(language);
        language
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
                .find(|(key, _)| key.as_scalar() == Some(crate::model::format::site::LANGUAGE.name))
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
/// with zh, else en; on Windows without any of them, the user interface's language.
pub fn locale_language() -> Language {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.is_empty());
    if cfg!(windows) && locale.is_none() {
        return windows_ui_language();
    }
    let locale = locale.unwrap_or_default();
    if locale.to_ascii_lowercase().starts_with("zh") {
        Language::Zh
    } else {
        Language::En
    }
}

/// The language of the Windows user interface (Windows sets no LANG): Chinese when its primary
/// language is Chinese (LANG_CHINESE, 0x04), else English.
#[cfg(windows)]
fn windows_ui_language() -> Language {
    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn GetUserDefaultUILanguage() -> u16;
    }
    // SAFETY: takes nothing, returns a LANGID; available on every supported Windows.
    let language_id = unsafe { GetUserDefaultUILanguage() };
    if language_id & 0x3ff == 0x04 {
        Language::Zh
    } else {
        Language::En
    }
}

#[cfg(not(windows))]
fn windows_ui_language() -> Language {
    Language::En
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Output folder (default: <root>/public)
    #[arg(short, long)]
    pub out: Option<PathBuf>,
    /// Override site.yaml's base_url (e.g. for a staging host)
    #[arg(short = 'u', long)]
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
    /// Leave out the change history from git (the item pages' history, the recent changes
    /// page): the site is built as if it were in no repository
    #[arg(long)]
    pub no_history: bool,
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
    /// Report only the diagnostics in these files (the whole site is still loaded)
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
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
    #[arg(short, long)]
    pub port: Option<u16>,
    /// Poll the files every MS milliseconds (default 300) instead of waiting for file-system
    /// events (network drives, some containers)
    #[arg(long, value_name = "MS", num_args = 0..=1, require_equals = true, default_missing_value = "300")]
    pub poll: Option<u64>,
    /// Open the preview in the default browser
    #[arg(long)]
    pub open: bool,
    /// Serve under this base URL instead of site.yaml's: a full URL, or a path like /preview/
    #[arg(short = 'u', long)]
    pub base_url: Option<String>,
    /// How HTML pages are minified (as `build --minify`)
    #[arg(long, value_enum, value_name = "MODE", default_value = "whitespace")]
    pub minify: Minify,
    /// Do not minify (as `--minify off`)
    #[arg(long, conflicts_with = "minify")]
    pub no_minify: bool,
    /// Leave out the change history from git and the uncommitted changes
    #[arg(long)]
    pub no_history: bool,
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
    let arguments: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let language = help::help_language(&arguments);
    let command = help::localized(Cli::command(), language);
    let cli = match command
        .try_get_matches_from(&arguments)
        .and_then(|matches| Cli::from_arg_matches(&matches))
    {
        Ok(cli) => cli,
        Err(error) => {
            if !error.use_stderr() {
                // --help and --version: clap prints them (the help already localized).
                let _ = error.print();
                return ExitCode::Ok;
            }
            match (language, help::chinese_parse_error(&error)) {
                (Language::Zh, Some(message)) => eprint!("{message}"),
                _ => {
                    let _ = error.print();
                }
            }
            return ExitCode::CouldNotRun;
        }
    };
    let _ = GLOBALS.set(Globals {
        quiet: cli.quiet,
        verbose: cli.verbose,
        color: cli.color,
    });
    match cli.command {
        Command::Check(args) => check::run_check(args),
        Command::Build(args) => build::run_build(args),
        Command::Rules(args) => check::run_rules(args),
        Command::Serve(args) => serve::run_serve(args),
        Command::Init(args) => init::run_init(
            &args.dir,
            args.today,
            args.lang.unwrap_or_else(locale_language),
        ),
        Command::New(args) => new::run_new(args.kind),
        Command::Diff(args) => diff::run_diff(args),
        Command::Completions(args) => {
            let mut command = help::localized(Cli::command(), language);
            clap_complete::generate(args.shell, &mut command, "zhinan", &mut std::io::stdout());
            ExitCode::Ok
        }
    }
}

pub fn print_stdout(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
}

/// Prints `error: ...` (`错误：...` in Chinese) and gives [`ExitCode::CouldNotRun`].
pub fn could_not_run(error: impl std::fmt::Display) -> ExitCode {
    let language = LANGUAGE.get().copied().unwrap_or_else(locale_language);
    let prefix = messages::say(&messages::ERROR_PREFIX, language, &[]);
    let colon = if language == Language::Zh {
        "："
    } else {
        ": "
    };
    eprintln!("{prefix}{colon}{error}");
    ExitCode::CouldNotRun
}

/// [`could_not_run`] for a file-system error, in the running command's language.
pub fn could_not_run_fs(error: &crate::fs::FsError) -> ExitCode {
    let language = LANGUAGE.get().copied().unwrap_or_else(locale_language);
    could_not_run(error.describe(language == Language::Zh))
}

/// The language the running command chose (set by [`CommonArgs::language`]).
static LANGUAGE: OnceLock<Language> = OnceLock::new();

/// A status line's prefix (`warning: `, `警告：`) in `language`.
pub fn prefix(message: &messages::Message, language: Language) -> String {
    let colon = if language == Language::Zh {
        "："
    } else {
        ": "
    };
    format!("{}{colon}", messages::say(message, language, &[]))
}

/// Whether human output to this stream gets colours (a terminal, `NO_COLOR` unset).
pub fn colors_on(is_terminal: bool) -> bool {
    is_terminal && std::env::var_os("NO_COLOR").is_none()
}

/// Puts the change history from git into `model` (feature `history`). A repository that
/// cannot be read is a warning: the site is built without history.
pub fn attach_history(
    root: &std::path::Path,
    model: &mut crate::model::SiteModel,
    today: jiff::civil::Date,
    language: Language,
) {
    #[cfg(feature = "history")]
    match crate::history::site_history(root, model, today) {
        Ok(history) => {
            if history.shallow {
                eprintln!(
                    "{}{}",
                    prefix(&messages::WARNING_PREFIX, language),
                    messages::say(&messages::HISTORY_SHALLOW, language, &[])
                );
            }
            model.history = history;
        }
        Err(error) => eprintln!(
            "{}{}",
            prefix(&messages::WARNING_PREFIX, language),
            messages::say(
                &messages::HISTORY_UNREADABLE,
                language,
                &[("error", error.to_string())]
            )
        ),
    }
    #[cfg(not(feature = "history"))]
    let _ = (root, model, today, language);
}

pub fn root_exists(common: &CommonArgs) -> Result<(), String> {
    if !common.root.join("content").is_dir() {
        return Err(messages::say(
            &messages::NOT_A_SITE_ROOT,
            common.language(),
            &[("root", common.root.display().to_string())],
        ));
    }
    Ok(())
}
