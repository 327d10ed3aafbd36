//! The route table: where every output of the site goes, and which entity it belongs to.
//!
//! Render builds output paths and links only through [`Route`]; `serve` asks [`owner_of`] which
//! entity an output belongs to (to re-render only what a change touches) instead of parsing paths
//! itself. A page route's path ends in `index.html` and its URL is its folder (`items/x/`).
//!
//! Architecture invariant: `Route::X(..).path()` and `owner_of` are inverse: the owner of a
//! route's path is the route's owner (a test walks every kind).

/// One output of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route<'a> {
    Home,
    Item(&'a str),
    /// The one-time notification slip of an item.
    Slip(&'a str),
    Departments,
    Department(&'a str),
    /// The visitor registration form of a department.
    Register(&'a str),
    Laws,
    Law(&'a str),
    /// A free page, by slug.
    Page(&'a str),
    /// The print index (`print/`), or a department's guide book (`print/<id>/`).
    Book(Option<&'a str>),
    Search,
    /// (history) The site's recent changes from git, 最近更新; only when there is a history.
    Changes,
    SearchIndex,
    SearchShard(usize),
    Data,
    ItemsJson,
    ItemsCsv,
    Schema,
    Feed,
    Sitemap,
    Robots,
    NotFound,
    /// A file of the theme, by name (`style.css`).
    Asset(&'a str),
    /// An attachment, by its path under content/files/.
    File(&'a str),
}

/// The entity an output belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner<'a> {
    Item(&'a str),
    Department(&'a str),
    Law(&'a str),
    Page(&'a str),
    Asset(&'a str),
    /// The print books: rendered along with the pages they print.
    Print,
    /// 404.html and robots.txt: site-wide values only, no content.
    Static,
    /// Everything else: lists, indexes, search, open data.
    Site,
}

impl Route<'_> {
    /// The output file, relative to the output folder.
    pub fn path(&self) -> String {
        match self {
            Route::Home => "index.html".into(),
            Route::Item(id) => format!("items/{id}/index.html"),
            Route::Slip(id) => format!("items/{id}/slip/index.html"),
            Route::Departments => "departments/index.html".into(),
            Route::Department(id) => format!("departments/{id}/index.html"),
            Route::Register(id) => format!("departments/{id}/register/index.html"),
            Route::Laws => "laws/index.html".into(),
            Route::Law(id) => format!("laws/{id}/index.html"),
            Route::Page(slug) => format!("pages/{slug}/index.html"),
            Route::Book(None) => "print/index.html".into(),
            Route::Book(Some(id)) => format!("print/{id}/index.html"),
            Route::Search => "search/index.html".into(),
            Route::Changes => "changes/index.html".into(),
            Route::SearchIndex => "search/index.json".into(),
            Route::SearchShard(number) => format!("search/shard-{number}.json"),
            Route::Data => "data/index.html".into(),
            Route::ItemsJson => "data/items.json".into(),
            Route::ItemsCsv => "data/items.csv".into(),
            Route::Schema => "data/schema.json".into(),
            Route::Feed => "feed.xml".into(),
            Route::Sitemap => "sitemap.xml".into(),
            Route::Robots => "robots.txt".into(),
            Route::NotFound => "404.html".into(),
            Route::Asset(name) => format!("assets/{name}"),
            Route::File(relative) => format!("files/{relative}"),
        }
    }

    /// The path its links use, relative to the base path: a page's folder (`items/x/`), any
    /// other file's own path.
    pub fn link(&self) -> String {
        if let Route::File(relative) = self {
            // Each segment percent-encoded: names with `#`, `?`, `%` or spaces download.
            let encoded: Vec<String> = relative.split('/').map(percent_encode).collect();
            return format!("files/{}", encoded.join("/"));
        }
        let path = self.path();
        match path.strip_suffix("index.html") {
            Some(folder) => folder.to_string(),
            None => path,
        }
    }

    pub fn owner(&self) -> Owner<'_> {
        match *self {
            Route::Item(id) | Route::Slip(id) => Owner::Item(id),
            Route::Department(id) | Route::Register(id) => Owner::Department(id),
            Route::Law(id) => Owner::Law(id),
            Route::Page(slug) => Owner::Page(slug),
            Route::Asset(name) => Owner::Asset(name),
            Route::Book(_) => Owner::Print,
            Route::NotFound | Route::Robots => Owner::Static,
            _ => Owner::Site,
        }
    }
}

/// `segment` with every byte but ASCII letters, digits and `-._~` percent-encoded (RFC 3986).
fn percent_encode(segment: &str) -> String {
    let mut encoded = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

/// The entity the output at `path` (relative to the output folder) belongs to: every output
/// under `items/<id>/`, `departments/<id>/`, `laws/<id>/` and `pages/<slug>/` belongs to that
/// entity, `assets/<name>` to that asset, `print/` to the books.
pub fn owner_of(path: &str) -> Owner<'_> {
    let mut segments = path.splitn(3, '/');
    let (first, second, rest) = (segments.next(), segments.next(), segments.next());
    match (first, second, rest) {
        (Some("items"), Some(id), Some(_)) => Owner::Item(id),
        (Some("departments"), Some(id), Some(_)) => Owner::Department(id),
        (Some("laws"), Some(id), Some(_)) => Owner::Law(id),
        (Some("pages"), Some(slug), Some(_)) => Owner::Page(slug),
        (Some("assets"), Some(name), None) => Owner::Asset(name),
        (Some("print"), _, _) => Owner::Print,
        (Some("404.html" | "robots.txt"), None, None) => Owner::Static,
        _ => Owner::Site,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_owner_of_a_routes_path_is_the_routes_owner() {
        let routes = [
            Route::Home,
            Route::Item("a"),
            Route::Slip("a"),
            Route::Departments,
            Route::Department("d"),
            Route::Register("d"),
            Route::Laws,
            Route::Law("x"),
            Route::Page("guanyu"),
            Route::Book(None),
            Route::Book(Some("d")),
            Route::Search,
            Route::Changes,
            Route::SearchIndex,
            Route::SearchShard(3),
            Route::Data,
            Route::ItemsJson,
            Route::ItemsCsv,
            Route::Schema,
            Route::Feed,
            Route::Sitemap,
            Route::Robots,
            Route::NotFound,
            Route::Asset("style.css"),
        ];
        for route in routes {
            assert_eq!(owner_of(&route.path()), route.owner(), "{route:?}");
        }
        assert_eq!(Route::Item("a").link(), "items/a/");
        assert_eq!(Route::Home.link(), "");
        assert_eq!(Route::ItemsJson.link(), "data/items.json");
        assert_eq!(
            Route::File("forms/a b#1?.pdf").link(),
            "files/forms/a%20b%231%3F.pdf"
        );
        assert_eq!(Route::File("forms/x.docx").link(), "files/forms/x.docx");
    }
}
