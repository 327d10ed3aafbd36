//! What serve serves, in memory: each rendered output as a [`Page`] (the bytes render made, and
//! the bytes served, minified on first request like `build` writes them), the [`PageMap`] of a
//! build, the [`MemorySink`] a render writes into, and how a rebuild's pages are merged over the
//! ones served (`merge_pages`).
//!
//! Architecture invariant: nothing here writes to disk: serve never writes into public/.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use axum::body::Bytes;

use crate::fs::FsError;
use crate::render::PageSink;
use crate::write::{Minify, minify_page};

/// Rendered outputs by their path relative to the site root (`items/x/index.html`). Keys are
/// shared, so that a rebuild's copy of a large site's map costs little.
pub type PageMap = HashMap<Arc<str>, Page>;

/// Published attachments: path under content/files/ (`forms/a.docx`) to the file.
pub type AttachmentMap = HashMap<String, PathBuf>;

/// One rendered output: the bytes render made, and what is served, minified like `build`
/// writes it when serve minifies. Minified the first time it is served: most pages of a large
/// site are never requested while it is edited, and minifying its largest pages (the home page,
/// a department's book) takes longer than rendering them. Two pages are equal when render made
/// the same bytes.
#[derive(Debug, Clone)]
pub struct Page(Arc<PageBytes>);

#[derive(Debug)]
struct PageBytes {
    path: String,
    rendered: Bytes,
    minify: Minify,
    served: OnceLock<Bytes>,
}

impl Page {
    /// The output at `path` (`items/x/index.html`), served minified as `minify` says.
    pub fn new(path: &str, rendered: Vec<u8>, minify: Minify) -> Page {
        Page(Arc::new(PageBytes {
            path: path.to_string(),
            rendered: Bytes::from(rendered),
            minify: if path.ends_with(".html") {
                minify
            } else {
                Minify::Off
            },
            served: OnceLock::new(),
        }))
    }

    /// What render made.
    pub fn rendered(&self) -> &Bytes {
        &self.0.rendered
    }

    /// What is served (minified on first use).
    pub fn served(&self) -> Bytes {
        let page = &self.0;
        if page.minify == Minify::Off {
            return page.rendered.clone();
        }
        page.served
            .get_or_init(|| {
                Bytes::from(minify_page(page.minify, &page.path, page.rendered.to_vec()))
            })
            .clone()
    }
}

impl PartialEq for Page {
    fn eq(&self, other: &Page) -> bool {
        self.0.rendered == other.0.rendered
    }
}

/// A [`PageSink`] that keeps every page in memory ([`Page`]): serve never writes into public/.
pub struct MemorySink {
    pages: Mutex<PageMap>,
    minify: Minify,
}

impl MemorySink {
    pub fn new(minify: Minify) -> Self {
        MemorySink {
            pages: Mutex::new(PageMap::new()),
            minify,
        }
    }

    pub fn into_pages(self) -> PageMap {
        self.pages
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl PageSink for MemorySink {
    fn page(&self, path: &str, bytes: Vec<u8>) -> Result<(), FsError> {
        let page = Page::new(path, bytes, self.minify);
        self.pages
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .insert(Arc::from(path), page);
        Ok(())
    }
}

/// `rendered` over `previous`: every page when `everything` (outputs not rendered are gone),
/// else only the rendered ones replaced. Returns the pages and the outputs that changed, sorted.
pub(super) fn merge_pages(
    previous: &PageMap,
    rendered: PageMap,
    everything: bool,
) -> (PageMap, Vec<String>) {
    // Compare only what was rendered: the rest is the previous bytes, shared.
    let mut changed: Vec<String> = rendered
        .iter()
        .filter(|(path, page)| previous.get::<str>(path) != Some(*page))
        .map(|(path, _)| path.to_string())
        .collect();
    let pages = if everything {
        changed.extend(
            previous
                .keys()
                .filter(|path| !rendered.contains_key::<str>(path))
                .map(|path| path.to_string()),
        );
        rendered
    } else {
        let mut pages = previous.clone();
        pages.extend(rendered);
        pages
    };
    changed.sort();
    (pages, changed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pages: &[(&str, &str)]) -> PageMap {
        pages
            .iter()
            .map(|(path, bytes)| {
                let page = Page::new(path, bytes.as_bytes().to_vec(), Minify::Off);
                (Arc::from(*path), page)
            })
            .collect()
    }

    #[test]
    fn merging_keeps_or_drops_what_was_not_rendered() {
        let previous = map(&[("a.html", "a"), ("b.html", "b"), ("c.html", "c")]);
        let rendered = map(&[("a.html", "a"), ("b.html", "B"), ("d.html", "d")]);
        let (pages, changed) = merge_pages(&previous, rendered.clone(), false);
        assert_eq!(changed, ["b.html", "d.html"]);
        assert_eq!(pages.len(), 4);
        assert_eq!(pages["c.html"].rendered().as_ref(), b"c");
        let (pages, changed) = merge_pages(&previous, rendered, true);
        assert_eq!(changed, ["b.html", "c.html", "d.html"]);
        assert_eq!(pages.len(), 3);
        assert!(!pages.contains_key("c.html"));
    }
}
