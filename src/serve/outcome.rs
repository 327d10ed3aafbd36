//! What a rebuild reports: how the content was re-read ([`Reread`]), what was published or why
//! nothing was ([`Outcome`]: [`Published`], [`Refused`]), which phase ([`Phase`], [`FirstPhase`]),
//! all of it in one [`Rebuild`] for the server to publish and the log to describe, and what
//! [`Rebuilder::finish`](super::rebuild::Rebuilder::finish) did ([`Finish`]). Plain data.

use std::sync::Arc;
use std::time::Duration;

use super::pages::{AttachmentMap, PageMap};

/// How the content was re-read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reread {
    /// Only the templates changed.
    Nothing,
    /// Only these item files were re-read.
    Items(usize),
    /// The whole content folder.
    Everything,
}

impl Reread {
    /// Two re-reads reported as one (a second phase that covers several first phases).
    pub(super) fn and(self, other: Reread) -> Reread {
        match (self, other) {
            (Reread::Everything, _) | (_, Reread::Everything) => Reread::Everything,
            (Reread::Items(a), Reread::Items(b)) => Reread::Items(a + b),
            (Reread::Nothing, other) | (other, Reread::Nothing) => other,
        }
    }
}

/// A published build: what the server serves from now on.
#[derive(Debug)]
pub struct Published {
    pub pages: Arc<PageMap>,
    pub attachments: Arc<AttachmentMap>,
    /// Path part of base_url (`/bszn/`), where the site is served.
    pub base_path: String,
    /// Pages rendered by this rebuild (this phase of it).
    pub rendered: usize,
    /// Whether every page was rendered.
    pub everything: bool,
    /// Outputs whose bytes changed, appeared or disappeared, sorted.
    pub changed_outputs: Vec<String>,
    /// Attachments (paths under content/files/) added, removed or touched.
    pub changed_attachments: Vec<String>,
    pub items: usize,
    pub warnings: usize,
}

/// A rebuild with errors: the last published build stays.
#[derive(Debug)]
pub struct Refused {
    pub errors: usize,
    pub warnings: usize,
    /// The diagnostics as `check` prints them, without color (for the browser overlay).
    pub plain_report: String,
}

#[derive(Debug)]
pub enum Outcome {
    Published(Published),
    Refused(Refused),
}

/// What the first phase of a rebuild published: the pages of the changed items, departments,
/// laws or free pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirstPhase {
    /// How many pages of which kind of entity.
    pub own: OwnPages,
    pub rendered: usize,
    /// Outputs whose bytes changed.
    pub changed: usize,
    /// From the start of the rebuild (re-reading included) to the pages published.
    pub elapsed: Duration,
}

/// Which part of a rebuild a [`Rebuild`] reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phase {
    /// All of it: the first build, or a rebuild refused before anything was published.
    Whole,
    /// The first phase, published at once: the changed entities' own pages (`None`: there was
    /// nothing to publish first). [`Rebuilder::finish`](super::rebuild::Rebuilder::finish) owes the
    /// rest.
    First(Option<FirstPhase>),
    /// The rest of the site, after the first phase (or phases, when later changes interrupted
    /// it) that it follows.
    Rest(Option<FirstPhase>),
}

/// The result of one rebuild, for the server to publish and the log to describe.
#[derive(Debug)]
pub struct Rebuild {
    /// The files (relative to the root) that this rebuild was started for; for the rest of a
    /// rebuild, every file changed since the last complete build.
    pub changed_files: Vec<String>,
    pub reread: Reread,
    /// This phase's time (the first phase's includes re-reading the content).
    pub elapsed: Duration,
    pub outcome: Outcome,
    /// The diagnostics as `check` prints them (colored when asked), when there are any.
    pub report: Option<String>,
    pub phase: Phase,
}

/// What [`Rebuilder::finish`](super::rebuild::Rebuilder::finish) did.
#[derive(Debug)]
pub enum Finish {
    /// No second phase was owed.
    Nothing,
    /// Changes arrived meanwhile: the second phase stopped, and is still owed (the next rebuild
    /// merges into it).
    Interrupted,
    Done(Box<Rebuild>),
}

/// The kind of entity whose own pages a first phase published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntityKind {
    Item,
    Department,
    Law,
    FreePage,
}

/// The pages a first phase published: `count` pages of the entities of `kind`, or of several
/// kinds (`None`). The log says it in the reporting language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OwnPages {
    pub kind: Option<EntityKind>,
    pub count: usize,
}
