//! What the server serves, shared between the rebuild thread (the only writer) and the HTTP
//! handlers: the last published pages, the overlay of the latest refused rebuild, and the
//! stream of reload events with a short history so that a page can catch up with the rebuilds
//! that happened between its download and its event-stream connection.
//!
//! Architecture invariant: a reader always sees one consistent build (pages, attachments, base
//! path and generation are swapped together under one lock, held only to clone a few `Arc`s).

use std::collections::VecDeque;
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};

use serde::Serialize;
use tokio::sync::broadcast;

use super::outcome::Published;
use super::pages::{AttachmentMap, PageMap};

/// How many past events a reconnecting page can catch up with.
const HISTORY_LENGTH: usize = 64;

/// One reload event, sent to every open page over `/__zhinan/events`.
#[derive(Debug, Clone, Serialize)]
pub struct ReloadEvent {
    /// Increases by one per rebuild.
    pub generation: u64,
    /// URL paths whose bytes changed (`/bszn/items/x/`, `/bszn/assets/style.css`).
    pub changed: Vec<String>,
    /// The latest rebuild has errors: pages show the overlay.
    pub errors: bool,
    /// Every page should reload (the history no longer reaches back far enough).
    pub reload_all: bool,
}

/// One consistent view of what is served.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub generation: u64,
    /// `/bszn/`; the site is served under it.
    pub base_path: String,
    /// Empty until the first build without errors.
    pub pages: Arc<PageMap>,
    pub attachments: Arc<AttachmentMap>,
    /// HTML fragment with the diagnostics of the latest rebuild, when it has errors.
    pub overlay: Option<Arc<str>>,
}

struct Inner {
    snapshot: Snapshot,
    history: VecDeque<Arc<ReloadEvent>>,
}

pub struct SharedSite {
    inner: RwLock<Inner>,
    events: broadcast::Sender<Arc<ReloadEvent>>,
    /// Differs between two runs of serve: a page from an earlier run reloads.
    pub instance: String,
}

/// What a new event-stream subscriber gets: the events it missed, then the live ones.
pub struct Subscription {
    pub generation: u64,
    pub missed: Vec<Arc<ReloadEvent>>,
    pub live: broadcast::Receiver<Arc<ReloadEvent>>,
}

/// The URL path of an output: `items/x/index.html` under `/bszn/` is `/bszn/items/x/`.
pub fn url_of(base_path: &str, output: &str) -> String {
    let path = if output == "index.html" {
        ""
    } else {
        output.strip_suffix("/index.html").map_or(output, |folder| {
            // keep the trailing slash of the folder
            &output[..folder.len() + 1]
        })
    };
    format!("{base_path}{path}")
}

impl SharedSite {
    pub fn new(instance: String) -> Self {
        let (events, _) = broadcast::channel(256);
        SharedSite {
            inner: RwLock::new(Inner {
                snapshot: Snapshot {
                    generation: 0,
                    base_path: "/".to_string(),
                    pages: Arc::new(PageMap::new()),
                    attachments: Arc::new(AttachmentMap::new()),
                    overlay: None,
                },
                history: VecDeque::new(),
            }),
            events,
            instance,
        }
    }

    fn read(&self) -> RwLockReadGuard<'_, Inner> {
        self.inner
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn write(&self) -> RwLockWriteGuard<'_, Inner> {
        self.inner
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn snapshot(&self) -> Snapshot {
        self.read().snapshot.clone()
    }

    /// Serves a new build; pages whose bytes changed are told to reload.
    pub fn publish(&self, published: &Published) {
        let mut inner = self.write();
        let base_path = published.base_path.clone();
        let mut changed: Vec<String> = published
            .changed_outputs
            .iter()
            .map(|output| url_of(&base_path, output))
            .collect();
        changed.extend(
            published
                .changed_attachments
                .iter()
                .map(|attachment| format!("{base_path}files/{attachment}")),
        );
        // A page served under another base path is gone: reload everything.
        let reload_all = inner.snapshot.base_path != base_path && inner.snapshot.generation > 0;
        inner.snapshot.base_path = base_path;
        inner.snapshot.pages = published.pages.clone();
        inner.snapshot.attachments = published.attachments.clone();
        inner.snapshot.overlay = None;
        Self::send(&mut inner, &self.events, changed, false, reload_all);
    }

    /// Keeps serving the last build and shows `overlay` on every page.
    pub fn refuse(&self, overlay: String) {
        let mut inner = self.write();
        inner.snapshot.overlay = Some(Arc::from(overlay));
        Self::send(&mut inner, &self.events, Vec::new(), true, false);
    }

    fn send(
        inner: &mut Inner,
        events: &broadcast::Sender<Arc<ReloadEvent>>,
        changed: Vec<String>,
        errors: bool,
        reload_all: bool,
    ) {
        inner.snapshot.generation += 1;
        let event = Arc::new(ReloadEvent {
            generation: inner.snapshot.generation,
            changed,
            errors,
            reload_all,
        });
        if inner.history.len() == HISTORY_LENGTH {
            inner.history.pop_front();
        }
        inner.history.push_back(event.clone());
        // Sent under the lock, so a subscriber sees each event once: missed or live.
        let _ = events.send(event);
    }

    /// Subscribes to reload events; `since` is the generation the page was served at.
    pub fn subscribe(&self, since: Option<u64>) -> Subscription {
        let inner = self.read();
        let live = self.events.subscribe();
        let generation = inner.snapshot.generation;
        let missed = match since {
            Some(since) if since < generation => {
                let reaches_back = inner
                    .history
                    .front()
                    .is_some_and(|oldest| oldest.generation <= since + 1);
                if reaches_back {
                    inner
                        .history
                        .iter()
                        .filter(|event| event.generation > since)
                        .cloned()
                        .collect()
                } else {
                    vec![Arc::new(ReloadEvent {
                        generation,
                        changed: Vec::new(),
                        errors: inner.snapshot.overlay.is_some(),
                        reload_all: true,
                    })]
                }
            }
            _ => Vec::new(),
        };
        Subscription {
            generation,
            missed,
            live,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_of_outputs() {
        assert_eq!(url_of("/bszn/", "index.html"), "/bszn/");
        assert_eq!(url_of("/bszn/", "items/x/index.html"), "/bszn/items/x/");
        assert_eq!(url_of("/", "404.html"), "/404.html");
        assert_eq!(url_of("/", "assets/style.css"), "/assets/style.css");
    }

    fn published(changed: &[&str]) -> Published {
        Published {
            pages: Arc::new(PageMap::new()),
            attachments: Arc::new(AttachmentMap::new()),
            base_path: "/bszn/".into(),
            rendered: 1,
            everything: false,
            changed_outputs: changed.iter().map(|s| s.to_string()).collect(),
            changed_attachments: Vec::new(),
            items: 0,
            warnings: 0,
        }
    }

    #[test]
    fn a_late_subscriber_catches_up() {
        let shared = SharedSite::new("test".into());
        shared.publish(&published(&["index.html"]));
        let served_at = shared.snapshot().generation;
        shared.publish(&published(&["items/a/index.html"]));
        shared.refuse("<div>x</div>".into());
        let subscription = shared.subscribe(Some(served_at));
        let generations: Vec<u64> = subscription.missed.iter().map(|e| e.generation).collect();
        assert_eq!(generations, vec![2, 3]);
        assert_eq!(subscription.missed[0].changed, vec!["/bszn/items/a/"]);
        assert!(subscription.missed[1].errors);
        assert!(shared.subscribe(Some(3)).missed.is_empty());
        for _ in 0..HISTORY_LENGTH {
            shared.publish(&published(&[]));
        }
        let too_old = shared.subscribe(Some(served_at));
        assert!(too_old.missed.len() == 1 && too_old.missed[0].reload_all);
    }
}
