//! `zhinan serve`: the arguments turned into [`ServeSettings`], the preview started, the
//! start-up lines printed (a warning when it is reachable from the network, the port note, the
//! address), the browser opened on request, the log of every rebuild (`TerminalLog`), and
//! the exit code when the server stops.

use std::io::IsTerminal;
use std::time::Duration;

use super::{ExitCode, ServeArgs, colors_on, could_not_run, root_exists};
use crate::serve::rebuild::{FirstPhase, Outcome, Phase, Rebuild, Reread};
use crate::serve::{ServeLog, ServeSettings, start};
use crate::site::LoadOptions;
use crate::write::minify::full_minify_missing;

pub fn run_serve(args: ServeArgs) -> ExitCode {
    if let Err(message) = root_exists(&args.common) {
        return could_not_run(message);
    }
    if let Some(message) = full_minify_missing(args.minify_mode(), args.common.language()) {
        return could_not_run(message);
    }
    if !args.bind.is_loopback() {
        eprintln!(
            "warning: listening on {}: the preview is reachable from other machines of the network",
            args.bind
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
        },
        minify: args.minify_mode(),
        language: args.common.language(),
        color: colors_on(std::io::stderr().is_terminal()),
    };
    let preview = match start(settings, Box::new(TerminalLog::default())) {
        Ok(preview) => preview,
        Err(message) => return could_not_run(message),
    };
    if let Some(note) = &preview.port_note {
        println!("{note}");
    }
    println!(
        "serving {} (watching `{}`{}; Ctrl-C to stop)",
        preview.url,
        preview.root.display(),
        match args.poll {
            Some(milliseconds) => format!(", polling every {milliseconds} ms"),
            None => String::new(),
        }
    );
    if args.open
        && let Err(error) = open_in_browser(&preview.url)
    {
        eprintln!("warning: could not open a browser: {error}");
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
    std::thread::spawn(move || child.wait());
    Ok(())
}

fn describe_files(files: &[String]) -> String {
    match files {
        [] => "nothing changed".to_string(),
        [one] => format!("{one} changed"),
        [one, two] => format!("{one} and {two} changed"),
        [one, rest @ ..] => format!("{one} and {} more files changed", rest.len()),
    }
}

fn now() -> String {
    jiff::ZonedDateTime::now().strftime("%H:%M:%S").to_string()
}

/// The terminal log of a serve session: one line per rebuild on stdout (with the time), the
/// diagnostics on stderr when they differ from the ones printed last.
#[derive(Default)]
struct TerminalLog {
    origin: String,
    base_path: String,
    last_report: Option<String>,
}

impl TerminalLog {
    fn line(&self, text: &str) {
        println!("{} {text}", now());
    }
}

impl ServeLog for TerminalLog {
    fn started(&mut self, origin: &str, base_path: &str) {
        self.origin = origin.to_string();
        self.base_path = base_path.to_string();
    }

    fn problem(&mut self, text: &str) {
        self.line(text);
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
        let what = describe_files(&rebuild.changed_files);
        let milliseconds = rebuild.elapsed.as_millis();
        match &rebuild.outcome {
            Outcome::Published(published) => {
                let reread = describe_reread(rebuild.reread, published.items);
                let warnings = match published.warnings {
                    0 => String::new(),
                    1 => ", 1 warning".to_string(),
                    count => format!(", {count} warnings"),
                };
                let first = match &rebuild.phase {
                    Phase::Rest(Some(first)) => Some(first),
                    _ => None,
                };
                let changed = published.changed_outputs.len() + first.map_or(0, |f| f.changed);
                if rebuild.changed_files.is_empty() {
                    self.line(&format!(
                        "loaded {} items, rendered {} pages in {milliseconds} ms{warnings}",
                        published.items, published.rendered
                    ));
                } else if let Some(first) = first {
                    // `item page in 12 ms, then re-rendered 27 pages (9 changed) in 280 ms`
                    self.line(&format!(
                        "{what}: {} in {} ms, then re-rendered {} pages ({changed} changed{}) in {milliseconds} ms ({reread}{warnings})",
                        first.own,
                        first.elapsed.as_millis(),
                        published.rendered,
                        if published.everything { ", all" } else { "" },
                    ));
                } else {
                    self.line(&format!(
                        "{what}: re-rendered {} pages ({changed} changed{}) in {milliseconds} ms ({reread}{warnings})",
                        published.rendered,
                        if published.everything { ", all" } else { "" },
                    ));
                }
                if published.base_path != self.base_path {
                    if !rebuild.changed_files.is_empty() {
                        self.line(&format!("serving {}{}", self.origin, published.base_path));
                    }
                    self.base_path = published.base_path.clone();
                }
            }
            Outcome::Refused(refused) if rebuild.changed_files.is_empty() => {
                self.line(&format!(
                    "the content has {} error(s) and {} warning(s): every page shows them until they are fixed",
                    refused.errors, refused.warnings
                ));
            }
            Outcome::Refused(refused) => {
                self.line(&format!(
                    "{what}: {} error(s), {} warning(s) in {milliseconds} ms; still serving the last good build, the browser shows the problems",
                    refused.errors, refused.warnings
                ));
            }
        }
        // Diagnostics on stderr, when they differ from the ones printed last.
        if rebuild.report != self.last_report {
            if let Some(report) = &rebuild.report {
                eprint!("{report}");
            } else if self.last_report.is_some() {
                self.line("no more problems");
            }
            self.last_report = rebuild.report.clone();
        }
    }

    /// A first phase whose rest was interrupted by more changes: its line now, the rest comes
    /// with theirs.
    fn interrupted(&mut self, files: &[String], first: &FirstPhase, reread: Reread, items: usize) {
        self.line(&format!(
            "{}: {} in {} ms ({}); more changes arrived, the other pages follow them",
            describe_files(files),
            first.own,
            first.elapsed.as_millis(),
            describe_reread(reread, items),
        ));
    }
}

fn describe_reread(reread: Reread, items: usize) -> String {
    match reread {
        Reread::Nothing => "templates only".to_string(),
        Reread::Items(1) => "1 item re-read".to_string(),
        Reread::Items(count) => format!("{count} items re-read"),
        Reread::Everything => format!("{items} items read"),
    }
}
