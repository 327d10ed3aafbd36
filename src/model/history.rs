//! The change history of a site as its pages show it: per item, the commits that changed it
//! with what changed, in words; the site's most recent changes; and, in `serve`, each item's
//! uncommitted changes. Made by the history module (src/history.rs) from git; empty when the site is not in a git
//! repository (then every page is exactly what it would be without this feature).

use std::collections::HashMap;

/// One change, in words: the field by the format table's labels, and what happened to it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ChangeLine {
    /// `申请材料「营业执照」› 原件份数`.
    pub field: String,
    /// `修改：1 → 2`.
    pub text: String,
}

/// One commit's changes to one item.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct HistoryEntry {
    /// The commit's date in the committer's time zone.
    #[serde(serialize_with = "date_text")]
    pub date: jiff::civil::Date,
    /// The commit's short id.
    pub commit: String,
    /// 新增 / 修改 / 首次发布 (and, for the site's list, 删除).
    pub presence: String,
    pub changes: Vec<ChangeLine>,
    /// The commit that brought the content folder into the repository: everything in it is
    /// new, nothing was changed for a visitor (left out of the recent changes and the feed).
    pub initial: bool,
}

fn date_text<S: serde::Serializer>(
    date: &jiff::civil::Date,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_str(date)
}

/// What a recent change is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Subject {
    Item,
    Department,
    Law,
    /// site.yaml: the phones, addresses and redress every page shows.
    Site,
}

/// A change of the site's list of recent changes: an entry with what it is of.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RecentChange {
    pub entry: HistoryEntry,
    pub subject: Subject,
    /// The item's or department's name, the law's title.
    pub name: String,
    /// Its id today; `None` when it no longer exists.
    pub id: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct SiteHistory {
    /// By item id, newest first, at most `history_limit` entries.
    pub items: HashMap<String, Vec<HistoryEntry>>,
    /// Across the site, newest first.
    pub recent: Vec<RecentChange>,
    /// By item id: the changes not yet committed (`serve` only).
    pub uncommitted: HashMap<String, Vec<ChangeLine>>,
    /// The repository is a shallow clone: the history stops where the clone does.
    pub shallow: bool,
}

impl SiteHistory {
    pub fn is_empty(&self) -> bool {
        self.items.is_empty() && self.recent.is_empty() && self.uncommitted.is_empty()
    }
}
