//! Open data and metadata: `data/items.json`, `data/items.csv`, `data/schema.json` and the page
//! that documents them (`data/`), the Atom feed `feed.xml`, each item page's schema.org JSON-LD,
//! and (through [`render_data_and_search`]) the search index and search page of [`super::search`].
//!
//! - items.json keeps the content format's structure and keys (a reader who knows the YAML knows
//!   the JSON); references stay as written and get their titles beside them (`department_name`,
//!   `law_title`), files their published URL (`blank_form_url`), and every item its `id` and
//!   `url`. Keys are written in the format's order.
//! - schema.json is the JSON Schema (draft 2020-12) of an item file, written here by hand from the
//!   format's tables (the enums are the model's constants); editors point VS Code's YAML
//!   extension at it (docs/editors.md), and the data page lists its keys.
//!
//! Architecture invariant: everything is derived from the model alone: no clocks (the feed's
//! `updated` is the newest review date), sorted input, so two builds are byte-identical.

use crate::render::routes::Route;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use serde::Serialize;
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use tera::Context;

use super::Incremental;
use super::PageSink;
use super::search::{SearchIndex, search_page_view};
use super::view::Views;
use crate::diagnostics::Diagnostic;
use crate::fs::FsError;
use crate::model::format;
use crate::model::{Item, LawReference, Required, SiteModel, TimeSpan};

/// Format version of items.json.
mod csv;
mod feed;
mod items_json;
mod schema;

pub use super::metadata::script_safe_json;
pub use csv::*;
pub use feed::*;
pub use items_json::*;
pub use schema::*;

// ---------------------------------------------------------------------------------------------
// The data page and the entry point.

#[derive(Serialize)]
struct KeyView {
    key: &'static str,
    required: String,
    meaning: &'static str,
}

#[derive(Serialize)]
struct ColumnView {
    header: &'static str,
    key: String,
    meaning: &'static str,
}

/// `data` in data.html.
#[derive(Serialize)]
struct DataPageView {
    items_json_url: String,
    items_csv_url: String,
    schema_url: String,
    feed_url: String,
    item_count: usize,
    feed_length: usize,
    newest_update: String,
    keys: Vec<KeyView>,
    columns: Vec<ColumnView>,
}

/// Renders a template with a context; a template error is a `template` diagnostic.
pub type RenderTemplate<'a> = dyn Fn(&str, &Context) -> Result<Vec<u8>, Box<Diagnostic>> + 'a;

/// Renders the search index and search page, the open data and its page, and the feed. Called
/// once from [`super::render_pages`] with its template renderer; a template error becomes a
/// diagnostic in `diagnostics`. Whole-site outputs are rendered whenever `wanted` accepts any
/// page of an item, department, law or free page (they depend on all of them), or the output
/// itself. The search index and items.json come from serve's cache when it has one, and
/// `incremental.stop` stops the render. Returns the number of outputs written.
pub fn render_data_and_search(
    model: &SiteModel,
    views: &Views,
    sink: &dyn PageSink,
    wanted: &(dyn Fn(&str) -> bool + Sync),
    render: &RenderTemplate,
    diagnostics: &mut Vec<Diagnostic>,
    incremental: &Incremental,
) -> Result<usize, FsError> {
    let cache = incremental.cache;
    let stopped = || incremental.stop.is_some_and(|stop| stop());
    let content_changed = model
        .items
        .iter()
        .any(|i| wanted(&Route::Item(&i.id).path()))
        || model
            .departments
            .keys()
            .any(|id| wanted(&Route::Department(id).path()))
        || model.laws.keys().any(|id| wanted(&Route::Law(id).path()))
        || model
            .pages
            .iter()
            .any(|p| wanted(&Route::Page(&p.slug).path()));
    let wanted = |path: &str| (content_changed || wanted(path)) && !stopped();
    let written = std::cell::Cell::new(0usize);
    let put = |path: &str, bytes: Vec<u8>| -> Result<(), FsError> {
        sink.page(path, bytes)?;
        written.set(written.get() + 1);
        Ok(())
    };

    let shards = super::search::shard_count(model.items.len() + model.pages.len());
    if wanted(&Route::SearchIndex.path())
        || (0..shards).any(|n| wanted(&Route::SearchShard(n).path()))
    {
        let files = match cache {
            Some(cache) => cache.search.files(model),
            None => SearchIndex::build(model).files(),
        };
        for (path, bytes) in files {
            put(&path, bytes)?;
        }
    }
    if wanted(&Route::ItemsJson.path()) {
        match cache {
            Some(cache) => {
                if let Some(bytes) = cache.items_json.items_json(model, views, &stopped) {
                    put(&Route::ItemsJson.path(), bytes)?;
                }
            }
            None => {
                sink.page_in_parts(
                    &Route::ItemsJson.path(),
                    &mut items_json_parts(model, views),
                )?;
                written.set(written.get() + 1);
            }
        }
    }
    if wanted(&Route::ItemsCsv.path()) {
        put(&Route::ItemsCsv.path(), items_csv(model, views))?;
    }
    if wanted(&Route::Schema.path()) {
        let mut schema =
            serde_json::to_vec_pretty(&item_schema(&views.base_url)).expect("schema serializes");
        schema.push(b'\n');
        put(&Route::Schema.path(), schema)?;
    }
    if wanted(&Route::Feed.path()) {
        put(&Route::Feed.path(), feed_xml(model, views))?;
    }

    let mut render_page = |path: &str, template: &str, context: Context| -> Result<(), FsError> {
        let mut context = context;
        context.insert("page_url", &views.url(path.trim_end_matches("index.html")));
        match render(template, &context) {
            Ok(html) => put(path, html),
            Err(diagnostic) => {
                diagnostics.push(*diagnostic);
                Ok(())
            }
        }
    };
    if wanted(&Route::Search.path()) {
        let mut context = Context::new();
        context.insert("search", &search_page_view(model, views));
        render_page(&Route::Search.path(), "search.html", context)?;
    }
    if wanted(&Route::Data.path()) {
        let data = DataPageView {
            items_json_url: views.url(&Route::ItemsJson.link()),
            items_csv_url: views.url(&Route::ItemsCsv.link()),
            schema_url: views.url(&Route::Schema.link()),
            feed_url: views.url(&Route::Feed.link()),
            item_count: model.items.len(),
            feed_length: FEED_LENGTH.min(model.items.len()),
            newest_update: model
                .items
                .iter()
                .filter_map(|i| i.updated.as_ref().map(|u| u.value))
                .max()
                .map(|d| d.to_string())
                .unwrap_or_default(),
            keys: format::ITEM
                .keys
                .iter()
                .map(|key| KeyView {
                    key: key.name,
                    required: format::need_label(key),
                    meaning: key.zh,
                })
                .collect(),
            columns: CSV_COLUMNS
                .iter()
                .map(|(header, column, meaning)| ColumnView {
                    header,
                    key: column.path(),
                    meaning,
                })
                .collect(),
        };
        let mut context = Context::new();
        context.insert("data", &data);
        render_page(&Route::Data.path(), "data.html", context)?;
    }
    Ok(written.get())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::metadata::area_served;

    /// The cached items.json is the uncached one: after a department is renamed (a key
    /// changes), after an item is edited and forgotten, and after a stopped render.
    #[test]
    fn the_items_json_cache_writes_what_no_cache_writes() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
        let options = crate::site::LoadOptions {
            today: crate::model::convert::parse_date("2026-11-29"),
            publish_drafts: false,
            ..Default::default()
        };
        let mut model = crate::site::load_site(&root, &options).unwrap().model;
        let cache = ItemsJsonCache::default();
        let go_on = || false;
        let check = |model: &SiteModel, what: &str| {
            let views = Views::new(model, None);
            let cached = cache.items_json(model, &views, &go_on).unwrap();
            assert!(cached == items_json(model, &views), "{what}");
        };
        check(&model, "the first");
        check(&model, "the same");
        let department = model.items[0].department.value.clone();
        model.departments.get_mut(&*department).unwrap().name.value = "改名的股室".into();
        check(&model, "a department renamed");
        model.items[0].name.value = format!("{}（改）", model.items[0].name.value).into();
        cache.forget([model.items[0].id.as_str()]);
        check(&model, "an item edited");
        let views = Views::new(&model, None);
        assert!(cache.items_json(&model, &views, &|| true).is_none());
        check(&model, "after a stopped render");
    }

    #[test]
    fn areas_from_authority_names() {
        assert_eq!(area_served("示例县市场监督管理局"), "示例县");
        assert_eq!(area_served("杭州市西湖区市场监督管理局"), "杭州市西湖区");
        assert_eq!(area_served("国家药品监督管理局"), "国家药品监督管理局");
    }

    #[test]
    fn csv_fields_are_quoted_as_rfc_4180_says() {
        assert_eq!(csv_field("a"), "a");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("说\"明\""), "\"说\"\"明\"\"\"");
        assert_eq!(csv_field("a\nb"), "\"a\nb\"");
    }

    #[test]
    fn csv_columns_come_from_keys_of_the_format_table() {
        for (header, column, _) in CSV_COLUMNS {
            match column {
                csv::Column::Added(name) => assert!(
                    ["id", "url", "department_name"].contains(name),
                    "CSV column {header} reads `{name}`, which items.json does not add"
                ),
                csv::Column::Key(key) => assert!(
                    format::ITEM.allows(key.name),
                    "CSV column {header}: `{}` is not a key of an item",
                    key.name
                ),
                csv::Column::Inner(outer, inner) => match outer.kind {
                    format::Kind::Map(map) | format::Kind::Maps(map) => assert!(
                        map.allows(inner.name),
                        "CSV column {header}: `{}`",
                        column.path()
                    ),
                    _ => panic!("CSV column {header}: `{}` is not a map", outer.name),
                },
            }
        }
    }

    #[test]
    fn csv_formulas_are_neutralised() {
        assert_eq!(csv_field("=1+1"), "'=1+1");
        assert_eq!(csv_field("+86 10"), "'+86 10");
        assert_eq!(csv_field("-2"), "'-2");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("\tx"), "'\tx");
        assert_eq!(
            csv_field("=HYPERLINK(\"a\",\"b\")"),
            "\"'=HYPERLINK(\"\"a\"\",\"\"b\"\")\""
        );
        assert_eq!(csv_field("0000-1000010"), "0000-1000010");
    }

    #[test]
    fn script_safe_json_escapes_markup() {
        assert_eq!(
            script_safe_json(r#"{"a":"</script><b>&"}"#),
            r#"{"a":"\u003c/script\u003e\u003cb\u003e\u0026"}"#
        );
    }
}
