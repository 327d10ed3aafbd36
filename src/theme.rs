//! The theme: the templates pages are made with and the static assets published under /assets/.
//! The built-in ones are compiled into the binary ([`BUILTIN_TEMPLATES`], [`BUILTIN_ASSETS`],
//! from the repository's templates/); a site overrides any of them with a file of the same name
//! in its own templates/.
//!
//! Plain data, below both `load` (which reads a site's overrides into a [`Theme`]:
//! `load::theme`) and `render` (which compiles the templates and publishes the assets). Imports
//! nothing of the crate; nothing here reads the disk.

use std::collections::BTreeMap;

/// Templates compiled into the binary: (name, source).
pub const BUILTIN_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("index.html", include_str!("../templates/index.html")),
    ("item.html", include_str!("../templates/item.html")),
    (
        "departments.html",
        include_str!("../templates/departments.html"),
    ),
    (
        "department.html",
        include_str!("../templates/department.html"),
    ),
    ("laws.html", include_str!("../templates/laws.html")),
    ("law.html", include_str!("../templates/law.html")),
    ("page.html", include_str!("../templates/page.html")),
    ("404.html", include_str!("../templates/404.html")),
    ("slip.html", include_str!("../templates/slip.html")),
    ("book.html", include_str!("../templates/book.html")),
    ("register.html", include_str!("../templates/register.html")),
    (
        "print-index.html",
        include_str!("../templates/print-index.html"),
    ),
    ("search.html", include_str!("../templates/search.html")),
    ("changes.html", include_str!("../templates/changes.html")),
    ("data.html", include_str!("../templates/data.html")),
];

/// Static assets compiled into the binary, published under /assets/; a site overrides one with
/// `templates/assets/<name>`.
pub const BUILTIN_ASSETS: &[(&str, &str)] = &[
    ("style.css", include_str!("../templates/assets/style.css")),
    ("print.css", include_str!("../templates/assets/print.css")),
    ("search.js", include_str!("../templates/assets/search.js")),
    ("search.css", include_str!("../templates/assets/search.css")),
    ("mode.js", include_str!("../templates/assets/mode.js")),
    ("site.js", include_str!("../templates/assets/site.js")),
];

/// The templates and assets of one site: the built-in ones with the site's overrides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    /// Template name (`item.html`, `partials/notice.html`) to source: every built-in template,
    /// replaced by the site's file of the same name, and the site's new ones.
    pub templates: BTreeMap<String, String>,
    /// Every built-in asset, in the order of [`BUILTIN_ASSETS`]: its name and its text, the
    /// site's override or the built-in one.
    pub assets: Vec<(&'static str, String)>,
}

impl Theme {
    /// The built-in theme, as a site without templates/ has it.
    pub fn builtin() -> Theme {
        Theme {
            templates: BUILTIN_TEMPLATES
                .iter()
                .map(|(name, source)| (name.to_string(), source.to_string()))
                .collect(),
            assets: BUILTIN_ASSETS
                .iter()
                .map(|(name, text)| (*name, text.to_string()))
                .collect(),
        }
    }

    /// The built-in template `name` (`item.html`), if there is one.
    pub fn builtin_template(name: &str) -> Option<&'static str> {
        BUILTIN_TEMPLATES
            .iter()
            .find(|(builtin, _)| *builtin == name)
            .map(|(_, source)| *source)
    }

    /// Whether `name` (`style.css`) is a built-in asset, the only ones a site can override.
    pub fn is_builtin_asset(name: &str) -> bool {
        BUILTIN_ASSETS.iter().any(|(builtin, _)| *builtin == name)
    }
}
