//! Client-side search: the tokenizer, the search index written at build time, and the search page.
//!
//! The same tokenizer runs in the browser (templates/assets/search.js); the shared vectors of
//! tests/fixtures/tokenizer-vectors.json prove the two agree. Tokenizing a text:
//!
//! 1. normalise: NFKC, then lower case (`ＳＣＪＧ－００１` is `scjg-001`);
//! 2. a run of Han characters (U+3400–4DBF, U+4E00–9FFF, U+F900–FAFF, U+20000–3FFFF) gives, in
//!    order, each character and each overlapping pair: `营业执照` is 营, 营业, 业, 业执, 执, 执照,
//!    照, so 营业执照, 执照 and 个体 find their items without a dictionary;
//! 3. a run of other letters and digits (Unicode alphabetic or numeric) is a word; words joined
//!    by single `-`, `_` or `.` form a compound, which gives the whole compound and then each
//!    part: `scjg-001` is scjg-001, scjg, 001 (so a code is found whole, by its prefix and by its
//!    number, and a query tokenizes exactly like the indexed text);
//! 4. everything else (spaces, punctuation) separates tokens. Duplicates are kept in the list.
//!
//! The index (under `search/`): `index.json` holds the documents (items, then free pages) with
//! what a result shows (`[path, name, code, department number, type number, result name]`), the
//! department names, the item types and the number of shards; `shard-<n>.json` maps each token whose FNV-1a
//! hash (32-bit, over its UTF-8 bytes) modulo the shard count is `n` to its postings, the sorted
//! document numbers written as gaps. The browser loads `index.json` when a visitor starts
//! searching and then only the shards of the query's tokens. The shard count depends only on the
//! number of documents, and every shard is always written (possibly empty), so the set of files
//! never depends on the words.
//!
//! Serve keeps a [`SearchCache`] between rebuilds: each document's tokens by a hash of its
//! searchable text, the postings and the bytes of every shard, so that an edit re-tokenizes only
//! the documents whose text changed and re-writes only the shards whose postings changed. The
//! files are byte for byte those of [`SearchIndex::build`] and [`SearchIndex::files`].
//!
//! Architecture invariant: output is deterministic (sorted maps, no clocks) and render does no
//! disk I/O: everything goes through the page sink.

use crate::render::routes::Route;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{Hash, Hasher};
use std::io::Write as _;
use std::sync::Mutex;

use rayon::prelude::*;
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use crate::model::SiteModel;

/// Format version of `search/index.json`; the script refuses an index of another version.
pub const INDEX_VERSION: u32 = 1;

/// Documents per shard, roughly: the shard count is the next power of two of documents / this.
pub const DOCUMENTS_PER_SHARD: usize = 800;

/// NFKC, then lower case.
pub fn normalize(text: &str) -> String {
    text.nfkc().collect::<String>().to_lowercase()
}

/// Han characters as the tokenizer sees them (explicit ranges, so that Rust and the browser's
/// Unicode tables cannot disagree).
pub fn is_han(c: char) -> bool {
    matches!(
        c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF
    )
}

fn is_word(c: char) -> bool {
    !is_han(c) && c.is_alphanumeric()
}

fn is_connector(c: char) -> bool {
    matches!(c, '-' | '_' | '.')
}

/// The tokens of a text, in order, duplicates kept (see the module documentation).
pub fn tokenize(text: &str) -> Vec<String> {
    let chars: Vec<char> = normalize(text).chars().collect();
    let mut tokens = Vec::new();
    let mut index = 0;
    while index < chars.len() {
        let c = chars[index];
        if is_han(c) {
            let start = index;
            while index < chars.len() && is_han(chars[index]) {
                index += 1;
            }
            for position in start..index {
                tokens.push(chars[position].to_string());
                if position + 1 < index {
                    tokens.push(chars[position..position + 2].iter().collect());
                }
            }
        } else if is_word(c) {
            let start = index;
            let mut parts: Vec<String> = Vec::new();
            loop {
                let part_start = index;
                while index < chars.len() && is_word(chars[index]) {
                    index += 1;
                }
                parts.push(chars[part_start..index].iter().collect());
                if index + 1 < chars.len()
                    && is_connector(chars[index])
                    && is_word(chars[index + 1])
                {
                    index += 1;
                } else {
                    break;
                }
            }
            if parts.len() > 1 {
                tokens.push(chars[start..index].iter().collect());
            }
            tokens.extend(parts);
        } else {
            index += 1;
        }
    }
    tokens
}

/// FNV-1a, 32-bit, over the UTF-8 bytes of `token`: picks a token's shard.
pub fn token_hash(token: &str) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in token.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash
}

/// The shard count for `documents` documents: a power of two, 1 for small sites.
pub fn shard_count(documents: usize) -> usize {
    documents
        .div_ceil(DOCUMENTS_PER_SHARD)
        .max(1)
        .next_power_of_two()
}

/// One searchable document: an item or a free page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchDocument {
    /// Path under the site root (`items/x/`), without the base path.
    pub path: String,
    /// Item name or page title.
    pub name: String,
    /// Item code, empty for a page.
    pub code: String,
    /// Index into [`SearchIndex::departments`], -1 for a page.
    pub department: i64,
    /// Index into [`SearchIndex::types`], -1 for a page.
    pub item_type: i64,
    /// Name of the item's result (营业执照), shown with the hit; empty for a page.
    pub result: String,
}

/// The whole index, before it is split into files.
#[derive(Debug, Default)]
pub struct SearchIndex {
    pub departments: Vec<String>,
    pub types: Vec<String>,
    pub documents: Vec<SearchDocument>,
    /// Token to the sorted, distinct numbers of the documents that contain it.
    pub postings: BTreeMap<String, Vec<u32>>,
}

/// A searchable text as written: plain, or Markdown (indexed as [`crate::markdown::plain_text`]).
#[derive(Debug, Clone, Copy, Hash)]
enum Source<'a> {
    Plain(&'a str),
    Markdown(&'a str),
}

impl Source<'_> {
    fn text(self) -> String {
        match self {
            Source::Plain(text) => text.to_string(),
            Source::Markdown(source) => crate::markdown::plain_text(source),
        }
    }
}

/// What is indexed for an item: name, code, result name, summary, material names, tags and the
/// department's name.
fn item_sources<'a>(model: &'a SiteModel, item: &'a crate::model::Item) -> Vec<Source<'a>> {
    let mut sources = vec![
        Source::Plain(&item.name.value),
        Source::Plain(&item.code.value),
    ];
    if let Some(result) = &item.result {
        sources.push(Source::Plain(&result.name.value));
    }
    if let Some(summary) = &item.summary {
        sources.push(Source::Markdown(&summary.value));
    }
    sources.extend(item.materials.iter().map(|m| Source::Plain(&m.name.value)));
    sources.extend(item.tags.iter().map(|t| Source::Plain(&t.value)));
    if let Some(department) = model.departments.get(&*item.department.value) {
        sources.push(Source::Plain(&department.name.value));
    }
    sources
}

/// What is indexed for a free page: title and body.
fn page_sources(page: &crate::model::Page) -> Vec<Source<'_>> {
    vec![
        Source::Plain(&page.title.value),
        Source::Markdown(&page.body),
    ]
}

/// What is indexed for an item: name, code, result name, summary, material names, tags and the
/// department's name. For a free page: title and body.
pub fn item_texts<'a>(model: &'a SiteModel, item: &'a crate::model::Item) -> Vec<String> {
    item_sources(model, item)
        .into_iter()
        .map(Source::text)
        .collect()
}

fn department_names(model: &SiteModel) -> Vec<String> {
    model
        .departments
        .values()
        .map(|d| d.name.value.to_string())
        .collect()
}

fn type_names() -> Vec<String> {
    crate::model::ITEM_TYPES
        .iter()
        .map(|t| t.to_string())
        .collect()
}

/// Every document of the model with what is indexed for it, numbered in order: items by id,
/// then free pages.
fn documents(model: &SiteModel) -> Vec<(SearchDocument, Vec<Source<'_>>)> {
    let department_numbers: BTreeMap<&str, i64> = model
        .departments
        .keys()
        .enumerate()
        .map(|(number, id)| (id.as_str(), number as i64))
        .collect();
    let items = model.items.iter().map(|item| {
        let item_type = crate::model::ITEM_TYPES
            .iter()
            .position(|t| *t == &*item.item_type.value)
            .map_or(-1, |p| p as i64);
        let document = SearchDocument {
            path: Route::Item(&item.id).link(),
            name: item.name.value.to_string(),
            code: item.code.value.to_string(),
            department: department_numbers
                .get(item.department.as_str())
                .copied()
                .unwrap_or(-1),
            item_type,
            result: item
                .result
                .as_ref()
                .map(|r| r.name.value.to_string())
                .unwrap_or_default(),
        };
        (document, item_sources(model, item))
    });
    let pages = model.pages.iter().map(|page| {
        let document = SearchDocument {
            path: Route::Page(&page.slug).link(),
            name: page.title.value.to_string(),
            code: String::new(),
            department: -1,
            item_type: -1,
            result: String::new(),
        };
        (document, page_sources(page))
    });
    items.chain(pages).collect()
}

/// The distinct tokens of what is indexed for a document, sorted.
fn source_tokens(sources: &[Source]) -> Vec<String> {
    let mut tokens: Vec<String> = sources.iter().flat_map(|s| tokenize(&s.text())).collect();
    tokens.sort_unstable();
    tokens.dedup();
    tokens
}

/// A hash of what is indexed for a document: equal hashes, equal tokens.
fn fingerprint(sources: &[Source]) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    sources.hash(&mut hasher);
    hasher.finish()
}

/// Sorted document numbers as gaps (the first one as is).
fn gaps(numbers: &[u32]) -> Vec<u32> {
    numbers
        .iter()
        .scan(0u32, |previous, &number| {
            let gap = number - *previous;
            *previous = number;
            Some(gap)
        })
        .collect()
}

/// A shard: `{"token":[gaps],...}` in token order, as serde_json writes a map of token to
/// [`gaps`], without making the map.
fn shard_json(tokens: &[(&str, &[u32])]) -> Vec<u8> {
    let mut json = Vec::with_capacity(tokens.len() * 24 + 2);
    json.push(b'{');
    for (index, (token, numbers)) in tokens.iter().enumerate() {
        if index > 0 {
            json.push(b',');
        }
        serde_json::to_writer(&mut json, token).expect("a token serializes");
        json.extend_from_slice(b":[");
        let mut previous = 0u32;
        for (position, &number) in numbers.iter().enumerate() {
            if position > 0 {
                json.push(b',');
            }
            let _ = write!(json, "{}", number - previous);
            previous = number;
        }
        json.push(b']');
    }
    json.push(b'}');
    json
}

/// `search/index.json`.
fn index_json(
    departments: &[String],
    types: &[String],
    documents: &[SearchDocument],
    shards: usize,
) -> Vec<u8> {
    let documents: Vec<serde_json::Value> = documents
        .iter()
        .map(|d| serde_json::json!([d.path, d.name, d.code, d.department, d.item_type, d.result]))
        .collect();
    let meta = serde_json::json!({
        "version": INDEX_VERSION,
        "shards": shards,
        "departments": departments,
        "types": types,
        "documents": documents,
    });
    serde_json::to_vec(&meta).expect("index serializes")
}

/// Documents tokenized together by [`SearchIndex::build`].
const TOKENIZE_RUN: usize = 256;

fn shard_path(number: usize) -> String {
    Route::SearchShard(number).path()
}

impl SearchIndex {
    /// Indexes every item (by id) and free page (by order) of the model.
    pub fn build(model: &SiteModel) -> SearchIndex {
        let mut index = SearchIndex {
            departments: department_names(model),
            types: type_names(),
            ..SearchIndex::default()
        };
        // Tokenized in parallel, a run of documents at a time (the token sets of a whole large
        // site would be several times the index), numbered in order: items by id, then pages.
        let mut postings: HashMap<String, Vec<u32>> = HashMap::new();
        let mut pending = documents(model).into_iter();
        loop {
            let run: Vec<_> = pending.by_ref().take(TOKENIZE_RUN).collect();
            if run.is_empty() {
                break;
            }
            let tokenized: Vec<(SearchDocument, Vec<String>)> = run
                .into_par_iter()
                .map(|(document, sources)| (document, source_tokens(&sources)))
                .collect();
            for (document, tokens) in tokenized {
                let number = index.documents.len() as u32;
                index.documents.push(document);
                for token in tokens {
                    postings.entry(token).or_default().push(number);
                }
            }
        }
        // Sorted once at the end (a tree updated token by token compared strings 6 % of a build).
        index.postings = postings.into_iter().collect();
        index
    }

    /// The documents that contain every token of `query` (the browser's first three tiers,
    /// without the ranking): for tests and tools.
    pub fn matching(&self, query: &str) -> Vec<&SearchDocument> {
        let tokens: BTreeSet<String> = tokenize(query).into_iter().collect();
        if tokens.is_empty() {
            return Vec::new();
        }
        let mut result: Option<BTreeSet<u32>> = None;
        for token in &tokens {
            let found: BTreeSet<u32> = self
                .postings
                .get(token)
                .map(|p| p.iter().copied().collect())
                .unwrap_or_default();
            result = Some(match result {
                None => found,
                Some(so_far) => so_far.intersection(&found).copied().collect(),
            });
        }
        result
            .unwrap_or_default()
            .into_iter()
            .map(|number| &self.documents[number as usize])
            .collect()
    }

    /// The files: `search/index.json` and every `search/shard-<n>.json`, as (path, bytes).
    pub fn files(&self) -> Vec<(String, Vec<u8>)> {
        let shards = shard_count(self.documents.len());
        // Tokens by shard, in token order (the order of `postings`), by reference.
        let mut shard_tokens: Vec<Vec<(&str, &[u32])>> = vec![Vec::new(); shards];
        for (token, numbers) in &self.postings {
            shard_tokens[token_hash(token) as usize % shards].push((token, numbers));
        }
        let mut files = vec![(
            Route::SearchIndex.path(),
            index_json(&self.departments, &self.types, &self.documents, shards),
        )];
        for (number, tokens) in shard_tokens.iter().enumerate() {
            files.push((shard_path(number), shard_json(tokens)));
        }
        files
    }
}

/// The search index kept between renders (see the module documentation). Empty until the first
/// [`SearchCache::files`]; any model can follow any other.
#[derive(Default)]
pub struct SearchCache {
    state: Mutex<CachedIndex>,
}

#[derive(Default)]
struct CachedIndex {
    /// By document number: its path, the fingerprint of its text and its distinct tokens (ids,
    /// sorted).
    paths: Vec<String>,
    fingerprints: Vec<u64>,
    tokens: Vec<Vec<u32>>,
    /// Token ids: the text of each, and the id of each text.
    names: Vec<String>,
    ids: HashMap<String, u32>,
    /// By token id: the sorted numbers of the documents that contain it.
    postings: Vec<Vec<u32>>,
    /// The bytes of every shard file.
    shards: Vec<Vec<u8>>,
}

impl CachedIndex {
    fn intern(&mut self, tokens: Vec<String>) -> Vec<u32> {
        let mut ids: Vec<u32> = tokens
            .into_iter()
            .map(|token| match self.ids.get(&token) {
                Some(&id) => id,
                None => {
                    let id = self.names.len() as u32;
                    self.names.push(token.clone());
                    self.ids.insert(token, id);
                    self.postings.push(Vec::new());
                    id
                }
            })
            .collect();
        ids.sort_unstable();
        ids
    }

    fn shard_of(&self, id: u32) -> usize {
        token_hash(&self.names[id as usize]) as usize % self.shards.len()
    }

    /// Document `number` now has the tokens `new`: updates the postings, marks the shards whose
    /// postings changed.
    fn retokenize(&mut self, number: u32, new: Vec<u32>, dirty: &mut [bool]) {
        let old = std::mem::take(&mut self.tokens[number as usize]);
        for &id in old.iter().filter(|id| new.binary_search(id).is_err()) {
            let postings = &mut self.postings[id as usize];
            if let Ok(position) = postings.binary_search(&number) {
                postings.remove(position);
            }
            dirty[self.shard_of(id)] = true;
        }
        for &id in new.iter().filter(|id| old.binary_search(id).is_err()) {
            let postings = &mut self.postings[id as usize];
            if let Err(position) = postings.binary_search(&number) {
                postings.insert(position, number);
            }
            dirty[self.shard_of(id)] = true;
        }
        self.tokens[number as usize] = new;
    }
}

impl SearchCache {
    /// The files of the model's search index, as [`SearchIndex::files`] makes them.
    pub fn files(&self, model: &SiteModel) -> Vec<(String, Vec<u8>)> {
        let documents = documents(model);
        let fingerprints: Vec<u64> = documents
            .par_iter()
            .map(|(_, sources)| fingerprint(sources))
            .collect();
        let shards = shard_count(documents.len());
        let mut state = self
            .state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let same_documents = state.shards.len() == shards
            && state.paths.len() == documents.len()
            && state
                .paths
                .iter()
                .zip(&documents)
                .all(|(path, (document, _))| *path == document.path);
        let mut dirty = vec![!same_documents; shards];
        if same_documents {
            // Only the documents whose text changed.
            let changed: Vec<usize> = (0..documents.len())
                .filter(|&number| state.fingerprints[number] != fingerprints[number])
                .collect();
            let tokens: Vec<Vec<String>> = changed
                .par_iter()
                .map(|&number| source_tokens(&documents[number].1))
                .collect();
            for (number, tokens) in changed.into_iter().zip(tokens) {
                let ids = state.intern(tokens);
                state.retokenize(number as u32, ids, &mut dirty);
                state.fingerprints[number] = fingerprints[number];
            }
        } else {
            // Documents added, removed or renumbered: new postings, from the tokens of the
            // documents whose text is known.
            let known: HashMap<(&str, u64), usize> = state
                .paths
                .iter()
                .zip(&state.fingerprints)
                .enumerate()
                .map(|(number, (path, fingerprint))| ((path.as_str(), *fingerprint), number))
                .collect();
            let reuse: Vec<Option<usize>> = documents
                .iter()
                .zip(&fingerprints)
                .map(|((document, _), fingerprint)| {
                    known.get(&(document.path.as_str(), *fingerprint)).copied()
                })
                .collect();
            drop(known);
            let fresh: Vec<Option<Vec<String>>> = documents
                .par_iter()
                .zip(&reuse)
                .map(|((_, sources), reused)| reused.is_none().then(|| source_tokens(sources)))
                .collect();
            let old_tokens = std::mem::take(&mut state.tokens);
            let mut tokens = Vec::with_capacity(documents.len());
            for (reused, fresh) in reuse.into_iter().zip(fresh) {
                tokens.push(match (reused, fresh) {
                    (Some(number), _) => old_tokens[number].clone(),
                    (None, Some(fresh)) => state.intern(fresh),
                    (None, None) => Vec::new(),
                });
            }
            drop(old_tokens);
            for postings in &mut state.postings {
                postings.clear();
            }
            for (number, ids) in tokens.iter().enumerate() {
                for &id in ids {
                    state.postings[id as usize].push(number as u32);
                }
            }
            state.tokens = tokens;
            state.paths = documents.iter().map(|(d, _)| d.path.clone()).collect();
            state.fingerprints = fingerprints;
            state.shards = vec![Vec::new(); shards];
        }

        // Re-write the shards whose postings changed.
        let mut maps: Vec<Option<BTreeMap<&str, Vec<u32>>>> = dirty
            .iter()
            .map(|&dirty| dirty.then(BTreeMap::new))
            .collect();
        for (id, numbers) in state.postings.iter().enumerate() {
            if numbers.is_empty() {
                continue;
            }
            let name = state.names[id].as_str();
            if let Some(map) = &mut maps[token_hash(name) as usize % shards] {
                map.insert(name, gaps(numbers));
            }
        }
        let written: Vec<(usize, Vec<u8>)> = maps
            .into_iter()
            .enumerate()
            .filter_map(|(number, map)| {
                map.map(|map| (number, serde_json::to_vec(&map).expect("shard serializes")))
            })
            .collect();
        for (number, bytes) in written {
            state.shards[number] = bytes;
        }

        let documents: Vec<SearchDocument> = documents.into_iter().map(|(d, _)| d).collect();
        let mut files = vec![(
            Route::SearchIndex.path(),
            index_json(&department_names(model), &type_names(), &documents, shards),
        )];
        files.extend(
            state
                .shards
                .iter()
                .enumerate()
                .map(|(number, bytes)| (shard_path(number), bytes.clone())),
        );
        files
    }
}

/// An item in the list of the search page (shown without JavaScript, and below the results).
#[derive(Debug, Serialize)]
pub struct SearchListItem<'a> {
    pub name: &'a str,
    pub code: &'a str,
    pub url: String,
}

/// A department's items on the search page.
#[derive(Debug, Serialize)]
pub struct SearchListGroup<'a> {
    pub name: &'a str,
    pub items: Vec<SearchListItem<'a>>,
}

/// `search` in search.html.
#[derive(Debug, Serialize)]
pub struct SearchPageView<'a> {
    pub groups: Vec<SearchListGroup<'a>>,
    pub item_count: usize,
}

pub fn search_page_view<'a>(
    model: &'a SiteModel,
    views: &super::view::Views<'a>,
) -> SearchPageView<'a> {
    let mut groups: BTreeMap<&str, Vec<SearchListItem>> = BTreeMap::new();
    for item in &model.items {
        groups
            .entry(item.department.as_str())
            .or_default()
            .push(SearchListItem {
                name: &item.name.value,
                code: &item.code.value,
                url: views.item_url(&item.id),
            });
    }
    SearchPageView {
        groups: groups
            .into_iter()
            .map(|(department, items)| SearchListGroup {
                name: model
                    .departments
                    .get(department)
                    .map(|d| d.name.as_str())
                    .unwrap_or(department),
                items,
            })
            .collect(),
        item_count: model.items.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_runs_give_characters_and_pairs() {
        assert_eq!(
            tokenize("营业执照"),
            ["营", "营业", "业", "业执", "执", "执照", "照"]
        );
    }

    #[test]
    fn codes_give_the_compound_and_its_parts() {
        assert_eq!(tokenize("ＳＣＪＧ－００１"), ["scjg-001", "scjg", "001"]);
        assert_eq!(tokenize("-a--b-"), ["a", "b"]);
    }

    /// The cache's files are the uncached ones, after every kind of change (the cache is built
    /// once, then updated).
    #[test]
    fn the_cache_writes_what_a_fresh_index_writes() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
        let options = crate::site::LoadOptions {
            today: crate::model::convert::parse_date("2026-11-29"),
            publish_drafts: false,
            ..Default::default()
        };
        let mut model = crate::site::load_site(&root, &options).unwrap().model;
        let cache = SearchCache::default();
        let check = |model: &SiteModel, what: &str| {
            let fresh = SearchIndex::build(model).files();
            let cached = cache.files(model);
            assert_eq!(fresh.len(), cached.len(), "{what}");
            for ((path, bytes), (cached_path, cached_bytes)) in fresh.iter().zip(&cached) {
                assert_eq!(path, cached_path, "{what}");
                assert!(bytes == cached_bytes, "{what}: {path} differs");
            }
        };
        check(&model, "the first index");
        check(&model, "nothing changed");
        model.items[0].name.value =
            format!("{}（补充营业执照ＡＢＣ－１２）", model.items[0].name.value).into();
        check(&model, "a new name");
        model.items[0].tags.clear();
        model.items[1].summary = None;
        check(&model, "tags and a summary removed");
        let department = model.items[1].department.value.clone();
        model.departments.get_mut(&*department).unwrap().name.value = "另一个名称的股室".into();
        check(&model, "a department renamed");
        let removed = model.items.remove(0);
        check(&model, "an item removed");
        model.items.insert(0, removed);
        model.pages.clear();
        check(&model, "an item back, the pages gone");
    }

    #[test]
    fn shard_counts_are_powers_of_two() {
        assert_eq!(shard_count(0), 1);
        assert_eq!(shard_count(34), 1);
        assert_eq!(shard_count(10_006), 16);
    }
}
