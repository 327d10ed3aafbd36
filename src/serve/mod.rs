//! Stage 6, serve: `zhinan serve`, the preview. Watches the site root, rebuilds incrementally on
//! every save, serves the site from memory over HTTP under its base path, and reloads the
//! pages whose bytes changed over Server-Sent Events.
//!
//! - [`watch`]: file-system events (or polling), debounced, editors' scratch files dropped;
//! - [`rebuild`]: changed files → re-read content → the pages that depend on them → memory,
//!   in two phases; [`dependencies`]: what depends on what (the role of each path, the outputs
//!   a change re-renders); [`pages`]: the pages in memory and the sink render writes them into;
//!   [`outcome`]: what a rebuild reports;
//! - [`state`]: the served build, swapped atomically, and the reload events;
//! - [`connections`]: the accept loop: the Host check (DNS rebinding) and header timeouts;
//! - [`http`]: axum handlers (pages, attachments, 404, events, overlay), path checks;
//! - [`live_reload`]: the script and error overlay added to served HTML only.
//!
//! A rebuild publishes in two phases: first the changed item's (department's, law's, free
//! page's) own pages, with a reload event for them, then the rest (home, indexes, search, data,
//! feed, sitemap, books) with a second event. A change that arrives during the second phase
//! stops it; the next rebuild's second phase covers both.
//!
//! Threads: the rebuild loop runs on its own thread (rebuilds are serialised; events that arrive
//! during one are merged into the next), the HTTP server on a small tokio runtime.
//!
//! Architecture invariants: serve never writes into the site root (pages live in memory); it
//! listens on loopback unless `--bind` says otherwise; when a rebuild has errors, the last good
//! build stays served and every page shows the diagnostics. [`start`] and [`Preview::serve`] take
//! plain settings and return errors; nothing here prints: what the rebuild loop does goes to a
//! [`ServeLog`], which the command (`cli::serve`) prints.

pub mod connections;
pub mod dependencies;
pub mod http;
pub mod live_reload;
pub mod outcome;
pub mod pages;
pub mod rebuild;
pub mod state;
pub mod watch;

use std::collections::BTreeSet;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, TryRecvError};
use std::time::{Duration, Instant};

use crate::diagnostics::Language;
use crate::site::LoadOptions;
use crate::write::Minify;
use outcome::{Finish, FirstPhase, Outcome, Phase, Rebuild, Reread};
use rebuild::{RebuildSettings, Rebuilder};
use state::SharedSite;
use watch::{MessageCount, WatchMessage, Watching};

/// How long the loop waits for the rest of a save when a changed content file is missing (an
/// editor between removing the old file and writing the new one) before rebuilding without it.
const MISSING_FILE_GRACE: Duration = Duration::from_millis(100);

/// The port tried first when `--port` is not given.
pub const DEFAULT_PORT: u16 = 1111;
/// How many ports after it are tried.
const PORTS_TRIED: u16 = 100;

/// Why serve could not start, as data: the command says it in the chosen language.
#[derive(Debug)]
pub enum StartError {
    /// The site root, or a file of the first build, could not be read.
    Files(crate::fs::FsError),
    /// The port given with `--port` is taken.
    PortInUse { address: IpAddr, port: u16 },
    /// Every port from [`DEFAULT_PORT`] on that serve tries is taken.
    NoFreePort { address: IpAddr, last: u16 },
    /// Listening failed for another reason.
    Listen {
        address: SocketAddr,
        error: std::io::Error,
    },
    /// The file watcher, the server's runtime or the rebuild thread could not be started.
    Start { what: StartPart, error: String },
}

/// The part of serve that could not be started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartPart {
    Watcher,
    Runtime,
    RebuildThread,
}

/// Listens on `address`: on `port` exactly when given (an error names it when it is taken),
/// else on the first free port from [`DEFAULT_PORT`] on. Also says whether that port is not the
/// default one.
pub fn listen(address: IpAddr, port: Option<u16>) -> Result<(TcpListener, bool), StartError> {
    let bind_error = |port: u16, error: std::io::Error| {
        if error.kind() == std::io::ErrorKind::AddrInUse {
            StartError::PortInUse { address, port }
        } else {
            StartError::Listen {
                address: SocketAddr::new(address, port),
                error,
            }
        }
    };
    if let Some(port) = port {
        return TcpListener::bind((address, port))
            .map(|listener| (listener, false))
            .map_err(|error| bind_error(port, error));
    }
    for port in DEFAULT_PORT..DEFAULT_PORT + PORTS_TRIED {
        match TcpListener::bind((address, port)) {
            Ok(listener) => return Ok((listener, port != DEFAULT_PORT)),
            Err(error) if error.kind() == std::io::ErrorKind::AddrInUse => continue,
            Err(error) => return Err(bind_error(port, error)),
        }
    }
    Err(StartError::NoFreePort {
        address,
        last: DEFAULT_PORT + PORTS_TRIED - 1,
    })
}

/// `http://127.0.0.1:1111` for a listening address (an unspecified one shown as loopback).
fn origin_of(address: SocketAddr) -> String {
    let ip = match address.ip() {
        ip if ip.is_unspecified() && ip.is_ipv4() => IpAddr::from([127, 0, 0, 1]),
        ip if ip.is_unspecified() => IpAddr::from([0u16, 0, 0, 0, 0, 0, 0, 1]),
        ip => ip,
    };
    match ip {
        IpAddr::V4(ip) => format!("http://{ip}:{}", address.port()),
        IpAddr::V6(ip) => format!("http://[{ip}]:{}", address.port()),
    }
}

/// A path reported by the watcher, relative to the root with `/` separators.
fn relative_to(root: &Path, path: &Path) -> Option<String> {
    crate::fs::relative_path(root, path)
}

/// Where serve reports what it does while it runs: the command (`cli::serve`) prints it, one
/// line per rebuild on stdout and the diagnostics on stderr. Called from the rebuild thread.
pub trait ServeLog: Send {
    /// The preview listens at `origin` and serves the site under `base_path`.
    fn started(&mut self, origin: &str, base_path: &str);
    /// A rebuild (a first or second phase, or the first build) ended.
    fn rebuild(&mut self, rebuild: &Rebuild);
    /// A first phase whose rest was interrupted by more changes.
    fn interrupted(&mut self, files: &[String], first: &FirstPhase, reread: Reread, items: usize);
    /// A problem while serving (a watcher warning, an I/O error).
    fn problem(&mut self, problem: &ServeProblem<'_>);
}

/// A problem while serving, as data: the log says it in its language.
#[derive(Debug)]
pub enum ServeProblem<'a> {
    /// The watcher reported an error: changes may have been missed.
    Watching(&'a str),
    /// A new folder under templates/ could not be watched.
    WatchingTemplates(String),
    /// A rebuild could not read a file: the last good build is still served.
    Reading(&'a crate::fs::FsError),
}

fn publish(site: &SharedSite, rebuild: &Rebuild, language: Language) {
    match &rebuild.outcome {
        // A first phase with nothing of its own publishes nothing: the rest will.
        Outcome::Published(_) if rebuild.phase == Phase::First(None) => {}
        Outcome::Published(published) => site.publish(published),
        Outcome::Refused(refused) => site.refuse(live_reload::overlay(
            &refused.plain_report,
            refused.errors,
            language,
        )),
    }
}

/// The changes waiting on the channel, merged; `None` when the watcher is gone.
struct Changes {
    receiver: Receiver<WatchMessage>,
    /// Messages taken off the channel, to compare with the watcher's count.
    taken: u64,
    sent: MessageCount,
    root: PathBuf,
}

impl Changes {
    fn take(
        &mut self,
        message: WatchMessage,
        changed: &mut BTreeSet<String>,
        log: &mut dyn ServeLog,
    ) {
        self.taken += 1;
        match message {
            WatchMessage::Changed(paths) => {
                changed.extend(
                    paths
                        .iter()
                        .filter_map(|path| relative_to(&self.root, path)),
                );
            }
            WatchMessage::Failed(text) => log.problem(&ServeProblem::Watching(&text)),
        }
    }

    /// Everything that has arrived, after waiting for the first message when `block`. `None`
    /// when the watcher stopped.
    fn next(&mut self, block: bool, log: &mut dyn ServeLog) -> Option<BTreeSet<String>> {
        let mut changed = BTreeSet::new();
        let first = if block {
            self.receiver.recv().ok()?
        } else {
            match self.receiver.try_recv() {
                Ok(message) => message,
                Err(TryRecvError::Empty) => return Some(changed),
                Err(TryRecvError::Disconnected) => return None,
            }
        };
        self.take(first, &mut changed, log);
        self.drain(&mut changed, log);
        Some(changed)
    }

    fn drain(&mut self, changed: &mut BTreeSet<String>, log: &mut dyn ServeLog) {
        while let Ok(more) = self.receiver.try_recv() {
            self.take(more, changed, log);
        }
    }

    /// Waits (a little) for the rest of a save while a changed content file is missing, so that
    /// an editor's remove-then-write is not rebuilt as a deletion.
    fn settle(
        &mut self,
        changed: &mut BTreeSet<String>,
        rebuilder: &Rebuilder,
        log: &mut dyn ServeLog,
    ) {
        let deadline = Instant::now() + MISSING_FILE_GRACE;
        while changed
            .iter()
            .any(|file| rebuilder.is_missing_content_file(file))
        {
            let Some(left) = deadline.checked_duration_since(Instant::now()) else {
                return;
            };
            match self.receiver.recv_timeout(left) {
                Ok(message) => {
                    self.take(message, changed, log);
                    self.drain(changed, log);
                }
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return,
            }
        }
    }
}

fn report_error(
    site: &SharedSite,
    log: &mut dyn ServeLog,
    error: &crate::fs::FsError,
    language: Language,
) {
    let chinese = language == Language::Zh;
    let text = error.describe(chinese);
    log.problem(&ServeProblem::Reading(error));
    let prefix = if chinese { "错误：" } else { "error: " };
    site.refuse(live_reload::overlay(
        &format!("{prefix}{text}\n"),
        1,
        language,
    ));
}

/// Looks at the repository's `HEAD` every second and tells the rebuild loop when it moved (a
/// commit, a checkout): the history changed, and so did the uncommitted changes. Ends with the
/// rebuild loop.
fn watch_head(root: PathBuf, sender: mpsc::Sender<WatchMessage>, sent: MessageCount) {
    let spawned = std::thread::Builder::new()
        .name("zhinan-head".into())
        .spawn(move || {
            let mut last = rebuild::head_commit(&root);
            loop {
                std::thread::sleep(Duration::from_secs(1));
                let head = rebuild::head_commit(&root);
                if head != last {
                    last = head;
                    sent.add_one();
                    if sender
                        .send(WatchMessage::Changed(vec![root.join(".git")]))
                        .is_err()
                    {
                        return;
                    }
                }
            }
        });
    // Without the thread the history follows the next saved file instead.
    drop(spawned);
}

fn rebuild_loop(
    mut rebuilder: Rebuilder,
    mut watching: Watching,
    mut changes: Changes,
    site: Arc<SharedSite>,
    mut log: Box<dyn ServeLog>,
    language: Language,
) {
    // The latest first phase, until its rest is published (or interrupted).
    let mut first: Option<Rebuild> = None;
    loop {
        // While a second phase is owed, take only what has arrived already; else wait.
        let owed = rebuilder.owes_second_phase();
        let Some(mut changed) = changes.next(!owed, log.as_mut()) else {
            return;
        };
        if !changed.is_empty() {
            changes.settle(&mut changed, &rebuilder, log.as_mut());
            if let Err(error) = watching.watch_new_folders() {
                log.problem(&ServeProblem::WatchingTemplates(error.to_string()));
            }
            match rebuilder.rebuild(changed) {
                Ok(Some(rebuild)) => {
                    publish(&site, &rebuild, language);
                    log.rebuild(&rebuild);
                    first = matches!(rebuild.phase, Phase::First(_)).then_some(rebuild);
                }
                Ok(None) => {}
                Err(error) => report_error(&site, log.as_mut(), &error, language),
            }
            // More may have arrived meanwhile: merge them before the second phase.
            continue;
        }
        let (sent, taken) = (changes.sent.clone(), changes.taken);
        match rebuilder.finish(&|| sent.get() > taken) {
            Ok(Finish::Done(rebuild)) => {
                publish(&site, &rebuild, language);
                log.rebuild(&rebuild);
                first = None;
            }
            Ok(Finish::Interrupted) => {
                if let Some(Rebuild {
                    changed_files,
                    reread,
                    phase: Phase::First(Some(phase)),
                    outcome: Outcome::Published(published),
                    ..
                }) = first.take()
                {
                    log.interrupted(&changed_files, &phase, reread, published.items);
                }
            }
            Ok(Finish::Nothing) => {}
            Err(error) => report_error(&site, log.as_mut(), &error, language),
        }
    }
}

/// What `zhinan serve` asks of this stage.
#[derive(Debug, Clone)]
pub struct ServeSettings {
    /// The site root (it holds content/).
    pub root: PathBuf,
    /// The address to listen on.
    pub bind: IpAddr,
    /// The port: exactly this one, or the first free one from [`DEFAULT_PORT`] on.
    pub port: Option<u16>,
    /// Poll the files at this interval instead of waiting for file-system events.
    pub poll: Option<Duration>,
    pub load: LoadOptions,
    pub minify: Minify,
    pub language: Language,
    /// Colours in the diagnostics printed by the rebuild loop.
    pub color: bool,
    /// Serve under this base URL instead of site.yaml's (an absolute URL; its path is where
    /// the pages are served).
    pub base_url: Option<String>,
    /// Show the change history from git and the uncommitted changes on the item pages.
    pub history: bool,
}

/// A preview that listens, has published its first build and watches the site; [`Self::serve`]
/// answers requests until the server stops.
pub struct Preview {
    /// Where the preview is: origin and base path.
    pub url: String,
    /// The site root, resolved.
    pub root: PathBuf,
    /// The port it listens on.
    pub port: u16,
    /// The default port was taken, and another one is used.
    pub default_port_taken: bool,
    listener: TcpListener,
    runtime: tokio::runtime::Runtime,
    state: Arc<http::ServerState>,
    hosts: Arc<connections::AllowedHosts>,
}

/// Listens (first, so that a port in use is reported before any work), builds the site into
/// memory, starts the watcher and the rebuild thread, which reports every rebuild to `log`.
pub fn start(settings: ServeSettings, mut log: Box<dyn ServeLog>) -> Result<Preview, StartError> {
    let root = crate::fs::canonicalize(&settings.root).map_err(StartError::Files)?;
    let (listener, default_port_taken) = listen(settings.bind, settings.port)?;
    let (origin, hosts, port) = match listener.local_addr() {
        Ok(address) => (
            origin_of(address),
            Arc::new(connections::AllowedHosts::new(
                settings.bind,
                address.port(),
            )),
            address.port(),
        ),
        Err(error) => {
            return Err(StartError::Listen {
                address: SocketAddr::new(settings.bind, settings.port.unwrap_or(DEFAULT_PORT)),
                error,
            });
        }
    };
    let language = settings.language;
    let rebuild_settings = RebuildSettings {
        root: root.clone(),
        load: settings.load,
        minify: settings.minify,
        language,
        color: settings.color,
        base_url: settings.base_url.clone(),
        history: settings.history,
    };
    let (rebuilder, first) = Rebuilder::start(rebuild_settings).map_err(StartError::Files)?;
    let instance = format!(
        "{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|elapsed| elapsed.as_nanos())
            .unwrap_or_default()
    );
    let site = Arc::new(SharedSite::new(instance));
    publish(&site, &first, language);
    log.started(&origin, &site.snapshot().base_path);
    log.rebuild(&first);

    let (sender, receiver) = mpsc::channel();
    let sent = MessageCount::default();
    if settings.history {
        watch_head(root.clone(), sender.clone(), sent.clone());
    }
    let watching =
        Watching::start(&root, settings.poll, sender, sent.clone()).map_err(|error| {
            StartError::Start {
                what: StartPart::Watcher,
                error: error.to_string(),
            }
        })?;

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|error| StartError::Start {
            what: StartPart::Runtime,
            error: error.to_string(),
        })?;
    let state = Arc::new(http::ServerState {
        site: site.clone(),
        files_root: root.join("content/files"),
    });
    let loop_site = site.clone();
    let changes = Changes {
        receiver,
        taken: 0,
        sent,
        root: root.clone(),
    };
    std::thread::Builder::new()
        .name("zhinan-rebuild".into())
        .spawn(move || rebuild_loop(rebuilder, watching, changes, loop_site, log, language))
        .map_err(|error| StartError::Start {
            what: StartPart::RebuildThread,
            error: error.to_string(),
        })?;

    let url = format!("{origin}{}", site.snapshot().base_path);
    Ok(Preview {
        url,
        root,
        port,
        default_port_taken,
        listener,
        runtime,
        state,
        hosts,
    })
}

impl Preview {
    /// Answers requests until the server stops (an error) or the process ends.
    pub fn serve(self) -> Result<(), String> {
        let Preview {
            listener,
            runtime,
            state,
            hosts,
            ..
        } = self;
        runtime
            .block_on(async move {
                listener.set_nonblocking(true)?;
                let listener = tokio::net::TcpListener::from_std(listener)?;
                connections::serve_connections(
                    listener,
                    http::router(state),
                    hosts,
                    connections::HEADER_TIMEOUT,
                )
                .await
            })
            .map_err(|error| format!("the server stopped: {error}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_explicit_port_in_use_is_named() {
        let loopback = IpAddr::from([127, 0, 0, 1]);
        let (taken, _) = listen(loopback, Some(0)).unwrap();
        let port = taken.local_addr().unwrap().port();
        match listen(loopback, Some(port)) {
            Err(StartError::PortInUse {
                address,
                port: named,
            }) => assert_eq!((address, named), (loopback, port)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn paths_relative_to_the_root() {
        let root = Path::new("/site");
        assert_eq!(
            relative_to(root, Path::new("/site/content/items/a.yaml")),
            Some("content/items/a.yaml".into())
        );
        assert_eq!(relative_to(root, Path::new("/site")), None);
        assert_eq!(relative_to(root, Path::new("/elsewhere/a")), None);
    }

    #[test]
    fn origins() {
        assert_eq!(
            origin_of("127.0.0.1:1111".parse().unwrap()),
            "http://127.0.0.1:1111"
        );
        assert_eq!(
            origin_of("0.0.0.0:80".parse().unwrap()),
            "http://127.0.0.1:80"
        );
        assert_eq!(
            origin_of("[::1]:1111".parse().unwrap()),
            "http://[::1]:1111"
        );
    }
}
