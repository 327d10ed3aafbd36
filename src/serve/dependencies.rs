//! What the pages depend on: the role of each file of the site root ([`role_of`]), what the
//! pages of a published model depend on ([`Dependencies`]), and from a batch of changed files the
//! outputs a rebuild renders ([`pages_to_render`] → [`Selection`]).
//!
//! What depends on what (the templates receive nothing else). An entity's pages are every
//! output under its folder (`items/<id>/`: the item page and its print slip); the site-wide
//! outputs are the home page, the indexes, sitemap.xml and any output that belongs to no
//! entity, so an output added to render later is re-rendered rather than left stale:
//!
//! - an item: its pages, its department's (old and new department), the pages of the laws it
//!   cites (old and new), the site-wide outputs;
//! - a department: its pages, the pages of the items it handles, the site-wide outputs;
//! - a law: its pages, the pages of the items that cite it, the site-wide outputs;
//! - a free page: its pages, the site-wide outputs;
//! - an asset under templates/assets/: that asset;
//! - site.yaml, a template, anything that changes the site-wide values every page shows (title,
//!   menu, item and department counts) or adds or removes an item, department, law or page:
//!   everything.
//!
//! Print books (print/) come along with the online pages they print (`render::print` renders
//! them when one of those is wanted).
//!
//! Plain computation over paths and models: nothing here reads the disk or renders.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::SiteModel;
use crate::render::routes::{Owner, owner_of};
use crate::render::view::Views;

/// What a file of the site root is to the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    SiteSettings,
    Item,
    Department,
    Law,
    FreePage,
    Attachment,
    Template,
    Asset,
    /// content/ itself or a file of it that belongs to no stage (reported by `load`).
    OtherContent,
}

/// The role of a path relative to the site root (`/`-separated); `None` for files the build
/// never reads (public/, README, …).
pub fn role_of(relative: &str) -> Option<Role> {
    let under = |folder: &str| {
        relative == folder
            || relative
                .strip_prefix(folder)
                .is_some_and(|rest| rest.starts_with('/'))
    };
    if relative == "content/site.yaml" {
        Some(Role::SiteSettings)
    } else if under("content/items") {
        Some(Role::Item)
    } else if under("content/departments") {
        Some(Role::Department)
    } else if under("content/laws") {
        Some(Role::Law)
    } else if under("content/pages") {
        Some(Role::FreePage)
    } else if under("content/files") {
        Some(Role::Attachment)
    } else if under("content") {
        Some(Role::OtherContent)
    } else if under("templates/assets") {
        Some(Role::Asset)
    } else if under("templates") {
        Some(Role::Template)
    } else {
        None
    }
}

#[derive(Debug, Clone, PartialEq)]
struct ItemLinks {
    id: String,
    department: String,
    laws: BTreeSet<String>,
}

/// What the pages of a published model depend on, kept to work out the next rebuild.
#[derive(Debug, Default)]
pub struct Dependencies {
    /// The site-wide values every page shows, serialized: when they change, every page does.
    site_values: String,
    /// By file (`content/items/x.yaml`).
    items: BTreeMap<String, ItemLinks>,
    /// File to id.
    departments: BTreeMap<String, String>,
    laws: BTreeMap<String, String>,
    /// File to slug.
    free_pages: BTreeMap<String, String>,
}

impl Dependencies {
    pub fn of(model: &SiteModel) -> Self {
        let views = Views::new(model, None);
        Dependencies {
            site_values: serde_json::to_string(&views.site()).unwrap_or_default(),
            items: model
                .items
                .iter()
                .map(|item| {
                    let links = ItemLinks {
                        id: item.id.clone(),
                        department: item.department.value.to_string(),
                        laws: item
                            .law_references()
                            .map(|reference| reference.law.value.to_string())
                            .collect(),
                    };
                    (item.file.clone(), links)
                })
                .collect(),
            departments: model
                .departments
                .values()
                .map(|department| (department.file.clone(), department.id.clone()))
                .collect(),
            laws: model
                .laws
                .values()
                .map(|law| (law.file.clone(), law.id.clone()))
                .collect(),
            free_pages: model
                .pages
                .iter()
                .map(|page| (page.file.clone(), page.slug.clone()))
                .collect(),
        }
    }

    fn same_outputs(&self, other: &Dependencies) -> bool {
        fn values(map: &BTreeMap<String, String>) -> BTreeSet<&str> {
            map.values().map(String::as_str).collect()
        }
        let item_ids = |dependencies: &Dependencies| -> BTreeSet<String> {
            dependencies
                .items
                .values()
                .map(|links| links.id.clone())
                .collect()
        };
        self.site_values == other.site_values
            && item_ids(self) == item_ids(other)
            && values(&self.departments) == values(&other.departments)
            && values(&self.laws) == values(&other.laws)
            && values(&self.free_pages) == values(&other.free_pages)
    }
}

/// The pages of single entities that a rebuild renders (by id or slug), and whether it renders
/// the site-wide outputs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Affected {
    pub items: BTreeSet<String>,
    pub departments: BTreeSet<String>,
    pub laws: BTreeSet<String>,
    pub free_pages: BTreeSet<String>,
    /// Names under assets/.
    pub assets: BTreeSet<String>,
    /// Home, indexes, sitemap.xml and every other output that is not one entity's page.
    pub site_wide: bool,
}

/// Which outputs a rebuild renders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    Everything,
    Affected(Affected),
}

impl Selection {
    /// Whether the output at `output` (`items/x/index.html`) is rendered. Every output under
    /// `items/<id>/`, `departments/<id>/`, `laws/<id>/` and `pages/<slug>/` belongs to that
    /// entity; print/ books are rendered along with the pages they print (the partial-render
    /// contract of `render::print`); 404.html and robots.txt show only site-wide values; any
    /// other output counts as site-wide.
    pub fn contains(&self, output: &str) -> bool {
        let affected = match self {
            Selection::Everything => return true,
            Selection::Affected(affected) => affected,
        };
        match owner_of(output) {
            Owner::Item(id) => affected.items.contains(id),
            Owner::Department(id) => affected.departments.contains(id),
            Owner::Law(id) => affected.laws.contains(id),
            Owner::Page(slug) => affected.free_pages.contains(slug),
            Owner::Asset(name) => affected.assets.contains(name),
            Owner::Print | Owner::Static => false,
            Owner::Site => affected.site_wide,
        }
    }
}

/// The outputs that depend on the `changed` files (relative to the site root), given what the
/// published pages depended on (`before`) and what the new model's pages depend on (`after`).
pub fn pages_to_render(
    changed: &BTreeSet<String>,
    before: &Dependencies,
    after: &Dependencies,
) -> Selection {
    if !before.same_outputs(after) {
        return Selection::Everything;
    }
    let mut affected = Affected::default();
    let both = |map_before: Option<&String>, map_after: Option<&String>| -> BTreeSet<String> {
        map_before.into_iter().chain(map_after).cloned().collect()
    };
    let items_where = |items: &mut BTreeSet<String>, keep: &dyn Fn(&ItemLinks) -> bool| {
        for links in before.items.values().chain(after.items.values()) {
            if keep(links) {
                items.insert(links.id.clone());
            }
        }
    };
    for file in changed {
        match role_of(file) {
            None | Some(Role::Attachment) => {}
            Some(Role::SiteSettings | Role::Template | Role::OtherContent) => {
                return Selection::Everything;
            }
            Some(Role::Item) => {
                for links in [before.items.get(file), after.items.get(file)]
                    .into_iter()
                    .flatten()
                {
                    affected.items.insert(links.id.clone());
                    affected.departments.insert(links.department.clone());
                    affected.laws.extend(links.laws.iter().cloned());
                }
                affected.site_wide = true;
            }
            Some(Role::Department) => {
                for id in both(before.departments.get(file), after.departments.get(file)) {
                    items_where(&mut affected.items, &|links| links.department == id);
                    affected.departments.insert(id);
                }
                affected.site_wide = true;
            }
            Some(Role::Law) => {
                for id in both(before.laws.get(file), after.laws.get(file)) {
                    items_where(&mut affected.items, &|links| links.laws.contains(&id));
                    affected.laws.insert(id);
                }
                affected.site_wide = true;
            }
            Some(Role::FreePage) => {
                affected.free_pages.extend(both(
                    before.free_pages.get(file),
                    after.free_pages.get(file),
                ));
                affected.site_wide = true;
            }
            Some(Role::Asset) => match file.strip_prefix("templates/assets/") {
                Some(name) => {
                    affected.assets.insert(name.to_string());
                }
                None => return Selection::Everything,
            },
        }
    }
    Selection::Affected(affected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_of_paths() {
        assert_eq!(role_of("content/site.yaml"), Some(Role::SiteSettings));
        assert_eq!(role_of("content/items/a/b.yaml"), Some(Role::Item));
        assert_eq!(role_of("content/itemsx/b.yaml"), Some(Role::OtherContent));
        assert_eq!(
            role_of("content/files/forms/a.docx"),
            Some(Role::Attachment)
        );
        assert_eq!(role_of("templates/assets/style.css"), Some(Role::Asset));
        assert_eq!(role_of("templates/item.html"), Some(Role::Template));
        assert_eq!(role_of("public/index.html"), None);
        assert_eq!(role_of("contents"), None);
    }

    #[test]
    fn selections_by_entity() {
        let affected = Affected {
            items: BTreeSet::from(["a".to_string()]),
            departments: BTreeSet::from(["d".to_string()]),
            site_wide: true,
            ..Affected::default()
        };
        let selection = Selection::Affected(affected);
        for output in [
            "items/a/index.html",
            "items/a/slip/index.html",
            "departments/d/index.html",
            "departments/d/register/index.html",
            "index.html",
            "departments/index.html",
            "sitemap.xml",
            "search/index.json",
        ] {
            assert!(selection.contains(output), "{output}");
        }
        for output in [
            "items/b/index.html",
            "departments/e/index.html",
            "laws/x/index.html",
            "pages/guanyu/index.html",
            "print/d/index.html",
            "404.html",
            "robots.txt",
            "assets/style.css",
        ] {
            assert!(!selection.contains(output), "{output}");
        }
    }
}
