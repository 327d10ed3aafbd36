//! Watching the site root for changes: notify's native watcher (inotify, FSEvents, …) or, with
//! `--poll`, its `PollWatcher` for file systems that send no events; both behind
//! notify-debouncer-full, which merges a burst of events on one file (an editor's
//! write-to-temp-then-rename, a `git checkout`) into one, within [`DEBOUNCE`].
//!
//! Watched: content/ and templates/ (recursively, symlinks not followed) and the root itself
//! (not recursively), so that a templates/ folder created later is picked up. Editors' scratch
//! files (vim's `.swp` and `4913`, Emacs' `.#lock`, `backup~`) and pure reads are dropped here;
//! the rebuild decides what the remaining paths mean. Polling reads every watched file at each
//! poll (notify's modification times have whole-second resolution), so keep the interval
//! reasonable on large sites.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{
    DebounceEventResult, Debouncer, NoCache, RecommendedCache, new_debouncer_opt,
};

/// How long an event waits before it is reported, so that the events of one save (an editor's
/// write-to-temp-then-rename) arrive together: they come within a millisecond. Short, because
/// it adds to every save's latency.
pub const DEBOUNCE: Duration = Duration::from_millis(5);

/// How often the debouncer looks for events that have waited long enough: an event is reported
/// [`DEBOUNCE`] to `DEBOUNCE + TICK` after it happened. Not shorter: the debouncer wakes up
/// this often also while nothing happens.
const TICK: Duration = Duration::from_millis(5);

/// What the watcher tells the rebuild loop.
#[derive(Debug)]
pub enum WatchMessage {
    /// Paths that changed (absolute, as watched).
    Changed(Vec<PathBuf>),
    /// The watcher reported a problem (events may have been lost).
    Failed(String),
}

/// Whether a file name is an editor's scratch file, never content.
pub fn is_editor_scratch(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|name| name.to_str()) else {
        return false;
    };
    name == "4913"
        || name.ends_with('~')
        || name.starts_with(".#")
        || name.starts_with('#') && name.ends_with('#')
        || [".swp", ".swo", ".swn", ".swx", ".swpx"]
            .iter()
            .any(|suffix| name.ends_with(suffix))
}

/// Reads (open, close after reading) are not changes; the rebuild's own reads must not start
/// another rebuild.
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// Counts the messages sent to the rebuild loop, so that a long rebuild can tell that changes
/// are waiting (and stop) without taking them off the channel.
#[derive(Debug, Clone, Default)]
pub struct MessageCount(Arc<AtomicU64>);

impl MessageCount {
    pub fn get(&self) -> u64 {
        self.0.load(Ordering::Acquire)
    }

    pub fn add_one(&self) {
        self.0.fetch_add(1, Ordering::AcqRel);
    }
}

fn handler(
    sender: Sender<WatchMessage>,
    sent: MessageCount,
) -> impl FnMut(DebounceEventResult) + Send + 'static {
    let send = move |message: WatchMessage| {
        // Counted after it is on the channel: a count never runs ahead of the messages.
        if sender.send(message).is_ok() {
            sent.add_one();
        }
    };
    move |result: DebounceEventResult| match result {
        Ok(events) => {
            let paths: Vec<PathBuf> = events
                .iter()
                .filter(|event| is_change(&event.kind))
                .flat_map(|event| event.paths.iter().cloned())
                .filter(|path| !is_editor_scratch(path))
                .collect();
            if !paths.is_empty() {
                send(WatchMessage::Changed(paths));
            }
        }
        Err(errors) => {
            let text = errors
                .iter()
                .map(|error| error.to_string())
                .collect::<Vec<_>>()
                .join("; ");
            send(WatchMessage::Failed(text));
        }
    }
}

enum Backend {
    Events(Debouncer<RecommendedWatcher, RecommendedCache>),
    Polling(Debouncer<PollWatcher, NoCache>),
}

/// A running watcher; dropping it stops watching.
pub struct Watching {
    backend: Backend,
    root: PathBuf,
    templates_watched: bool,
}

impl Watching {
    /// Starts watching `root` (`poll`: poll at this interval instead of waiting for events);
    /// `sent` counts the messages sent.
    pub fn start(
        root: &Path,
        poll: Option<Duration>,
        sender: Sender<WatchMessage>,
        sent: MessageCount,
    ) -> notify::Result<Watching> {
        let config = notify::Config::default().with_follow_symlinks(false);
        let backend = match poll {
            None => Backend::Events(new_debouncer_opt(
                DEBOUNCE,
                Some(TICK),
                handler(sender, sent),
                RecommendedCache::new(),
                config,
            )?),
            Some(interval) => Backend::Polling(new_debouncer_opt(
                DEBOUNCE,
                Some(TICK),
                handler(sender, sent),
                NoCache,
                // notify compares modification times in whole seconds: without the contents,
                // a second save within the same second would be missed.
                config
                    .with_poll_interval(interval)
                    .with_compare_contents(true),
            )?),
        };
        let mut watching = Watching {
            backend,
            root: root.to_path_buf(),
            templates_watched: false,
        };
        watching.watch(root, RecursiveMode::NonRecursive)?;
        watching.watch(&root.join("content"), RecursiveMode::Recursive)?;
        watching.watch_new_folders()?;
        Ok(watching)
    }

    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match &mut self.backend {
            Backend::Events(debouncer) => debouncer.watch(path, mode),
            Backend::Polling(debouncer) => debouncer.watch(path, mode),
        }
    }

    /// Starts watching templates/ once it exists (call after each batch of changes).
    pub fn watch_new_folders(&mut self) -> notify::Result<()> {
        let templates = self.root.join("templates");
        if !templates.is_dir() {
            // Removed: watch it again when it comes back.
            self.templates_watched = false;
        } else if !self.templates_watched {
            self.watch(&templates, RecursiveMode::Recursive)?;
            self.templates_watched = true;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scratch_files() {
        for name in [
            "content/items/.x.yaml.swp",
            "content/items/x.yaml~",
            "content/items/.#x.yaml",
            "content/items/4913",
            "content/items/#x.yaml#",
            "content/items/.x.yaml.swx",
        ] {
            assert!(is_editor_scratch(Path::new(name)), "{name}");
        }
        for name in [
            "content/items/x.yaml",
            "content/site.yaml",
            "templates/base.html",
        ] {
            assert!(!is_editor_scratch(Path::new(name)), "{name}");
        }
    }
}
