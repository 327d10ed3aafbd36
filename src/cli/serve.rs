//! `zhinan serve`: the arguments turned into [`ServeSettings`], the preview started, the
//! start-up lines printed (a warning when it is reachable from the network, the port note, the
//! address), the browser opened on request, the log of every rebuild (`TerminalLog`), and
//! the exit code when the server stops.

use std::io::IsTerminal;
use std::time::Duration;

use super::messages::{self as m, say};
use super::{ExitCode, ServeArgs, could_not_run, prefix, root_exists};
use crate::diagnostics::Language;
use crate::serve::outcome::{EntityKind, FirstPhase, Outcome, OwnPages, Phase, Rebuild, Reread};
use crate::serve::{ServeLog, ServeProblem, ServeSettings, StartError, StartPart, start};
use crate::site::LoadOptions;
use crate::write::minify::full_minify_missing;

/// `serve --base-url`: an absolute http(s) URL as it is, a path (`/preview/`) under the
/// preview's own host; `None` when it is neither.
fn preview_base_url(text: &str) -> Option<String> {
    if crate::model::convert::is_absolute_http_url(text) {
        return Some(text.to_string());
    }
    let path_is_plain = text.starts_with('/')
        && !text.starts_with("//")
        && !text.contains(['?', '#', '\\', ' '])
        && !text.split('/').any(|part| part == ".." || part == ".");
    path_is_plain.then(|| format!("http://localhost{text}"))
}

pub fn run_serve(args: ServeArgs) -> ExitCode {
    let language = args.common.language();
    if let Err(message) = root_exists(&args.common) {
        return could_not_run(message);
    }
    let base_url = match args
        .base_url
        .as_deref()
        .map(|text| (text, preview_base_url(text)))
    {
        None => None,
        Some((_, Some(url))) => Some(url),
        Some((text, None)) => {
            return could_not_run(say(
                &m::BAD_BASE_URL,
                language,
                &[("url", text.to_string())],
            ));
        }
    };
    if let Some(message) = full_minify_missing(args.minify_mode(), args.common.language()) {
        return could_not_run(message);
    }
    if !args.bind.is_loopback() {
        eprintln!(
            "{}{}",
            prefix(&m::WARNING_PREFIX, language),
            say(
                &m::SERVE_NETWORK_WARNING,
                language,
                &[("address", args.bind.to_string())]
            )
        );
    }
    let settings = ServeSettings {
        root: args.common.root.clone(),
        bind: args.bind,
        port: args.port,
        poll: args
            .poll
            .map(|milliseconds| Duration::from_millis(milliseconds.max(10))),
        load: LoadOptions {
            today: args.common.today,
            publish_drafts: false,
            ..Default::default()
        },
        minify: args.minify_mode(),
        language,
        history: !args.no_history,
        color: super::color_for(std::io::stderr().is_terminal()),
        base_url,
    };
    let log = TerminalLog {
        language,
        ..TerminalLog::default()
    };
    let preview = match start(settings, Box::new(log)) {
        Ok(preview) => preview,
        Err(StartError::Files(error)) => return super::could_not_run_fs(&error),
        Err(error) => return could_not_run(start_error(&error, language)),
    };
    if preview.default_port_taken {
        let port = preview.port.to_string();
        println!(
            "{}",
            say(
                &m::SERVE_PORT_NOTE,
                language,
                &[
                    ("default", crate::serve::DEFAULT_PORT.to_string()),
                    ("port", port)
                ]
            )
        );
    }
    let poll = match args.poll {
        Some(milliseconds) => say(
            &m::SERVING_POLL,
            language,
            &[("ms", milliseconds.to_string())],
        ),
        None => String::new(),
    };
    println!(
        "{}",
        say(
            &m::SERVING,
            language,
            &[
                ("url", preview.url.clone()),
                ("root", preview.root.display().to_string()),
                ("poll", poll),
            ]
        )
    );
    if args.open
        && let Err(error) = open_in_browser(&preview.url)
    {
        eprintln!(
            "{}{}",
            prefix(&m::WARNING_PREFIX, language),
            say(
                &m::NO_BROWSER,
                language,
                &[("error", error.to_string()), ("url", preview.url.clone())]
            )
        );
    }
    match preview.serve() {
        Ok(()) => ExitCode::Ok,
        Err(message) => could_not_run(message),
    }
}

fn open_in_browser(url: &str) -> std::io::Result<()> {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut command = std::process::Command::new("cmd");
        command.args(["/C", "start", ""]);
        command
    } else {
        std::process::Command::new("xdg-open")
    };
    let mut child = command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()?;
    // xdg-open fails at once (status 3 or 4) when it finds no browser; a browser it starts
    // keeps running, so only a quick failure is reported.
    for _ in 0..20 {
        match child.try_wait()? {
            Some(status) if !status.success() => {
                return Err(std::io::Error::other(format!("{status}")));
            }
            Some(_) => return Ok(()),
            None => std::thread::sleep(Duration::from_millis(50)),
        }
    }
    std::thread::spawn(move || child.wait());
    Ok(())
}

fn describe_files(files: &[String], language: Language) -> String {
    match files {
        [] => say(&m::SERVE_CHANGED_NOTHING, language, &[]),
        [one] => say(&m::SERVE_CHANGED_ONE, language, &[("file", one.clone())]),
        [one, two] => say(
            &m::SERVE_CHANGED_TWO,
            language,
            &[("file", one.clone()), ("other", two.clone())],
        ),
        [one, rest @ ..] => say(
            &m::SERVE_CHANGED_MANY,
            language,
            &[("file", one.clone()), ("more", rest.len().to_string())],
        ),
    }
}

fn now() -> String {
    jiff::ZonedDateTime::now().strftime("%H:%M:%S").to_string()
}

/// The terminal log of a serve session: one line per rebuild on stdout (with the time), the
/// diagnostics on stderr when they differ from the ones printed last.
#[derive(Default)]
struct TerminalLog {
    language: Language,
    origin: String,
    base_path: String,
    last_report: Option<String>,
}

impl TerminalLog {
    fn line(&self, text: &str) {
        if super::quiet() {
            return;
        }
        println!("{} {text}", now());
    }
}

impl ServeLog for TerminalLog {
    fn started(&mut self, origin: &str, base_path: &str) {
        self.origin = origin.to_string();
        self.base_path = base_path.to_string();
    }

    fn problem(&mut self, problem: &ServeProblem<'_>) {
        let language = self.language;
        let (kind, text) = match problem {
            ServeProblem::Watching(error) => (
                &m::WARNING_PREFIX,
                say(
                    &m::SERVE_WATCH_FAILED,
                    language,
                    &[("error", error.to_string())],
                ),
            ),
            ServeProblem::WatchingTemplates(error) => (
                &m::WARNING_PREFIX,
                say(
                    &m::SERVE_WATCH_TEMPLATES_FAILED,
                    language,
                    &[("error", error.clone())],
                ),
            ),
            ServeProblem::Reading(error) => (
                &m::ERROR_PREFIX,
                say(
                    &m::SERVE_READ_FAILED,
                    language,
                    &[("error", error.describe(language == Language::Zh))],
                ),
            ),
        };
        self.line(&format!("{}{text}", prefix(kind, language)));
    }

    /// The line of a rebuild and its diagnostics (a first phase has neither: they come with the
    /// rest).
    fn rebuild(&mut self, rebuild: &Rebuild) {
        if matches!(
            (&rebuild.outcome, &rebuild.phase),
            (Outcome::Published(_), Phase::First(_))
        ) {
            return;
        }
        let language = self.language;
        let what = describe_files(&rebuild.changed_files, language);
        let milliseconds = rebuild.elapsed.as_millis().to_string();
        match &rebuild.outcome {
            Outcome::Published(published) => {
                let reread = describe_reread(rebuild.reread, published.items, language);
                let warnings = match published.warnings {
                    0 => String::new(),
                    count => say(
                        &m::SERVE_WARNINGS,
                        language,
                        &[("count", count.to_string())],
                    ),
                };
                let first = match &rebuild.phase {
                    Phase::Rest(Some(first)) => Some(first),
                    _ => None,
                };
                let changed = published.changed_outputs.len() + first.map_or(0, |f| f.changed);
                let all = if published.everything {
                    say(&m::SERVE_ALL, language, &[])
                } else {
                    String::new()
                };
                if rebuild.changed_files.is_empty() {
                    self.line(&say(
                        &m::SERVE_LOADED,
                        language,
                        &[
                            ("items", published.items.to_string()),
                            ("pages", published.rendered.to_string()),
                            ("ms", milliseconds),
                            ("warnings", warnings),
                        ],
                    ));
                } else if let Some(first) = first {
                    // `item page in 12 ms, then re-rendered 27 pages (9 changed) in 280 ms`
                    self.line(&say(
                        &m::SERVE_TWO_PHASES,
                        language,
                        &[
                            ("what", what),
                            ("own", own_pages(&first.own, language)),
                            ("own_ms", first.elapsed.as_millis().to_string()),
                            ("pages", published.rendered.to_string()),
                            ("changed", changed.to_string()),
                            ("all", all),
                            ("ms", milliseconds),
                            ("reread", reread),
                            ("warnings", warnings),
                        ],
                    ));
                } else {
                    self.line(&say(
                        &m::SERVE_ONE_PHASE,
                        language,
                        &[
                            ("what", what),
                            ("pages", published.rendered.to_string()),
                            ("changed", changed.to_string()),
                            ("all", all),
                            ("ms", milliseconds),
                            ("reread", reread),
                            ("warnings", warnings),
                        ],
                    ));
                }
                if published.base_path != self.base_path {
                    if !rebuild.changed_files.is_empty() {
                        self.line(&say(
                            &m::SERVE_BASE_PATH,
                            language,
                            &[("url", format!("{}{}", self.origin, published.base_path))],
                        ));
                    }
                    self.base_path = published.base_path.clone();
                }
            }
            Outcome::Refused(refused) if rebuild.changed_files.is_empty() => {
                self.line(&say(
                    &m::SERVE_HAS_ERRORS,
                    language,
                    &[
                        ("errors", refused.errors.to_string()),
                        ("warnings", refused.warnings.to_string()),
                    ],
                ));
            }
            Outcome::Refused(refused) => {
                self.line(&say(
                    &m::SERVE_REFUSED,
                    language,
                    &[
                        ("what", what),
                        ("errors", refused.errors.to_string()),
                        ("warnings", refused.warnings.to_string()),
                        ("ms", milliseconds),
                    ],
                ));
            }
        }
        // Diagnostics on stderr, when they differ from the ones printed last.
        if rebuild.report != self.last_report {
            if let Some(report) = &rebuild.report {
                eprint!("{report}");
            } else if self.last_report.is_some() {
                self.line(&say(&m::SERVE_NO_MORE_PROBLEMS, language, &[]));
            }
            self.last_report = rebuild.report.clone();
        }
    }

    /// A first phase whose rest was interrupted by more changes: its line now, the rest comes
    /// with theirs.
    fn interrupted(&mut self, files: &[String], first: &FirstPhase, reread: Reread, items: usize) {
        let language = self.language;
        self.line(&say(
            &m::SERVE_INTERRUPTED,
            language,
            &[
                ("what", describe_files(files, language)),
                ("own", own_pages(&first.own, language)),
                ("own_ms", first.elapsed.as_millis().to_string()),
                ("reread", describe_reread(reread, items, language)),
            ],
        ));
    }
}

/// The first phase's pages (`item page`, `2 law pages`, `3 own pages`, from the rebuild) in
/// `language`.
/// Why serve could not start, in the chosen language.
fn start_error(error: &StartError, language: Language) -> String {
    match error {
        StartError::Files(error) => error.describe(language == Language::Zh),
        StartError::PortInUse { address, port } => say(
            &m::SERVE_PORT_IN_USE,
            language,
            &[("address", address.to_string()), ("port", port.to_string())],
        ),
        StartError::NoFreePort { address, last } => say(
            &m::SERVE_NO_FREE_PORT,
            language,
            &[
                ("address", address.to_string()),
                ("first", crate::serve::DEFAULT_PORT.to_string()),
                ("last", last.to_string()),
            ],
        ),
        StartError::Listen { address, error } => say(
            &m::SERVE_CANNOT_LISTEN,
            language,
            &[
                ("address", address.to_string()),
                ("error", error.to_string()),
            ],
        ),
        StartError::Start { what, error } => say(
            match what {
                StartPart::Watcher => &m::SERVE_CANNOT_WATCH,
                StartPart::Runtime => &m::SERVE_CANNOT_START,
                StartPart::RebuildThread => &m::SERVE_CANNOT_START_THREAD,
            },
            language,
            &[("error", error.clone())],
        ),
    }
}

/// `item page`, `2 item pages`, `3 own pages`; `事项页面`, `2 个事项页面`, `3 个相关页面`.
fn own_pages(own: &OwnPages, language: Language) -> String {
    let (zh, en) = match own.kind {
        Some(EntityKind::Item) => ("事项页面", "item"),
        Some(EntityKind::Department) => ("股室页面", "department"),
        Some(EntityKind::Law) => ("法规页面", "law"),
        Some(EntityKind::FreePage) => ("单独页面", "free"),
        None => ("相关页面", "own"),
    };
    match (language, own.count, own.kind.is_some()) {
        (Language::En, 1, true) => format!("{en} page"),
        (Language::En, count, _) => format!("{count} {en} pages"),
        (_, 1, true) => zh.to_string(),
        (_, count, _) => format!("{count} 个{zh}"),
    }
}

fn describe_reread(reread: Reread, items: usize, language: Language) -> String {
    match reread {
        Reread::Nothing => say(&m::SERVE_TEMPLATES_ONLY, language, &[]),
        Reread::Items(count) => say(
            &m::SERVE_ITEMS_REREAD,
            language,
            &[("count", count.to_string())],
        ),
        Reread::Everything => say(
            &m::SERVE_ITEMS_READ,
            language,
            &[("count", items.to_string())],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pages_a_first_phase_published_are_named_in_both_languages() {
        let own = |kind, count| OwnPages { kind, count };
        let cases = [
            (own(Some(EntityKind::Item), 1), "item page", "事项页面"),
            (own(Some(EntityKind::Law), 2), "2 law pages", "2 个法规页面"),
            (own(Some(EntityKind::FreePage), 1), "free page", "单独页面"),
            (own(None, 3), "3 own pages", "3 个相关页面"),
        ];
        for (pages, en, zh) in cases {
            assert_eq!(own_pages(&pages, Language::En), en);
            assert_eq!(own_pages(&pages, Language::Zh), zh);
        }
    }
}
