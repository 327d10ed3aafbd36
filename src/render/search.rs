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
//! Architecture invariant: output is deterministic (sorted maps, no clocks) and render does no
//! disk I/O: everything goes through the page sink.

use std::collections::{BTreeMap, BTreeSet};

use pulldown_cmark::{Event, Parser, TagEnd};
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

/// The plain text of a Markdown source: text and code, without link targets or markup.
pub fn markdown_text(source: &str) -> String {
    let mut text = String::with_capacity(source.len());
    for event in Parser::new(source) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_)) => text.push('\n'),
            _ => {}
        }
    }
    text
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

/// What is indexed for an item: name, code, result name, summary, material names, tags and the
/// department's name. For a free page: title and body.
pub fn item_texts<'a>(model: &'a SiteModel, item: &'a crate::model::Item) -> Vec<String> {
    let mut texts = vec![item.name.value.clone(), item.code.value.clone()];
    if let Some(result) = &item.result {
        texts.push(result.name.value.clone());
    }
    if let Some(summary) = &item.summary {
        texts.push(markdown_text(&summary.value));
    }
    texts.extend(item.materials.iter().map(|m| m.name.value.clone()));
    texts.extend(item.tags.iter().map(|t| t.value.clone()));
    if let Some(department) = model.departments.get(&item.department.value) {
        texts.push(department.name.value.clone());
    }
    texts
}

/// The distinct tokens of some texts.
fn token_set(texts: &[String]) -> BTreeSet<String> {
    texts.iter().flat_map(|t| tokenize(t)).collect()
}

impl SearchIndex {
    /// Indexes every item (by id) and free page (by order) of the model.
    pub fn build(model: &SiteModel) -> SearchIndex {
        let mut index = SearchIndex {
            departments: model
                .departments
                .values()
                .map(|d| d.name.value.clone())
                .collect(),
            types: crate::model::ITEM_TYPES
                .iter()
                .map(|t| t.to_string())
                .collect(),
            ..SearchIndex::default()
        };
        let department_numbers: BTreeMap<&str, i64> = model
            .departments
            .keys()
            .enumerate()
            .map(|(number, id)| (id.as_str(), number as i64))
            .collect();
        let item_documents = model.items.par_iter().map(|item| {
            let item_type = crate::model::ITEM_TYPES
                .iter()
                .position(|t| *t == item.item_type.value)
                .map_or(-1, |p| p as i64);
            let document = SearchDocument {
                path: format!("items/{}/", item.id),
                name: item.name.value.clone(),
                code: item.code.value.clone(),
                department: department_numbers
                    .get(item.department.as_str())
                    .copied()
                    .unwrap_or(-1),
                item_type,
                result: item
                    .result
                    .as_ref()
                    .map(|r| r.name.value.clone())
                    .unwrap_or_default(),
            };
            (document, token_set(&item_texts(model, item)))
        });
        let page_documents = model.pages.par_iter().map(|page| {
            let document = SearchDocument {
                path: format!("pages/{}/", page.slug),
                name: page.title.value.clone(),
                code: String::new(),
                department: -1,
                item_type: -1,
                result: String::new(),
            };
            let texts = [page.title.value.clone(), markdown_text(&page.body)];
            (document, token_set(&texts))
        });
        // Tokenized in parallel, numbered in order: items by id, then pages.
        let documents: Vec<(SearchDocument, BTreeSet<String>)> =
            item_documents.chain(page_documents).collect();
        for (document, tokens) in documents {
            let number = index.documents.len() as u32;
            index.documents.push(document);
            for token in tokens {
                index.postings.entry(token).or_default().push(number);
            }
        }
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
        let mut shard_maps: Vec<BTreeMap<&str, Vec<u32>>> = vec![BTreeMap::new(); shards];
        for (token, numbers) in &self.postings {
            let gaps: Vec<u32> = numbers
                .iter()
                .scan(0u32, |previous, &number| {
                    let gap = number - *previous;
                    *previous = number;
                    Some(gap)
                })
                .collect();
            shard_maps[token_hash(token) as usize % shards].insert(token, gaps);
        }
        let documents: Vec<serde_json::Value> = self
            .documents
            .iter()
            .map(|d| {
                serde_json::json!([d.path, d.name, d.code, d.department, d.item_type, d.result])
            })
            .collect();
        let meta = serde_json::json!({
            "version": INDEX_VERSION,
            "shards": shards,
            "departments": self.departments,
            "types": self.types,
            "documents": documents,
        });
        let mut files = vec![(
            "search/index.json".to_string(),
            serde_json::to_vec(&meta).expect("index serializes"),
        )];
        for (number, map) in shard_maps.iter().enumerate() {
            files.push((
                format!("search/shard-{number}.json"),
                serde_json::to_vec(map).expect("shard serializes"),
            ));
        }
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

    #[test]
    fn shard_counts_are_powers_of_two() {
        assert_eq!(shard_count(0), 1);
        assert_eq!(shard_count(34), 1);
        assert_eq!(shard_count(10_006), 16);
    }
}
