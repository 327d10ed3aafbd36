//! `zhinan diff [FROM] [TO]`: what changed in the guide between two versions, for a reviewer
//! (human text), a pull-request comment (`--format markdown`, with links to the item pages) or a
//! program (`--format json`). FROM is a git revision (default `HEAD`) or `--from-root DIR`, TO a
//! revision or, by default, the working tree with its uncommitted changes.
//!
//! Exit code 0 whatever changed; 2 when it could not run (no repository, an unknown revision, a
//! folder that is not a site).

use std::path::Path;

use serde::Serialize;

use super::messages::{self as m, say};
use super::{CommonArgs, ExitCode, could_not_run, print_stdout};
use crate::diagnostics::Language;
use crate::diff::text::{self, change_text, path_label, presence_word};
use crate::diff::{self, Change, Presence, SiteDiff};
use crate::model::SiteModel;
use crate::site::{LoadOptions, load_site};

/// The output of `zhinan diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    /// Text for a terminal, grouped by item
    Human,
    /// Markdown for a pull-request comment, with links to the item pages
    Markdown,
    /// JSON for programs
    Json,
}

#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The older version: a git revision (default HEAD)
    #[arg(value_name = "FROM")]
    pub from: Option<String>,
    /// The newer version: a git revision (default: the working tree, uncommitted changes included)
    #[arg(value_name = "TO")]
    pub to: Option<String>,
    #[command(flatten)]
    pub common: CommonArgs,
    /// The older version is this site folder (instead of a git revision); a revision given
    /// after it is the newer version
    #[arg(long, value_name = "DIR")]
    pub from_root: Option<std::path::PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value = "human")]
    pub format: DiffFormat,
    /// The site's address for the links of `--format markdown` (default: site.yaml's base_url)
    #[arg(short = 'u', long)]
    pub base_url: Option<String>,
    /// Compare drafts too (by default a draft counts as not published)
    #[arg(long)]
    pub drafts: bool,
    /// Human and markdown output: stop listing entries after about N characters and say how
    /// many were left out (a pull-request comment has a size limit)
    #[arg(long, value_name = "N")]
    pub max_chars: Option<usize>,
}

/// A version of the site to compare.
enum Version<'a> {
    WorkingTree(&'a Path),
    Folder(&'a Path),
    Revision(&'a str),
}

pub fn run_diff(args: DiffArgs) -> ExitCode {
    let language = args.common.language();
    let root = &args.common.root;
    // `--from-root DIR REV`: the revision is the newer version.
    let (from_revision, to_revision) = match (&args.from_root, &args.from, &args.to) {
        (Some(_), Some(to), None) => (None, Some(to)),
        (Some(_), Some(_), Some(_)) => {
            return could_not_run(say(&m::DIFF_TOO_MANY_VERSIONS, language, &[]));
        }
        (_, from, to) => (from.as_ref(), to.as_ref()),
    };
    let from = match (&args.from_root, from_revision) {
        (Some(folder), _) => Version::Folder(folder),
        (None, Some(revision)) => Version::Revision(revision),
        (None, None) => Version::Revision("HEAD"),
    };
    let to = match to_revision {
        Some(revision) => Version::Revision(revision),
        None => Version::WorkingTree(root),
    };
    let label = |version: &Version, language: Option<Language>| match version {
        Version::WorkingTree(_) => match language {
            Some(language) => say(&m::DIFF_WORKING_TREE, language, &[]),
            None => "working-tree".to_string(),
        },
        Version::Folder(folder) => folder.display().to_string(),
        Version::Revision(revision) => revision.to_string(),
    };
    let (from_label, to_label) = (label(&from, Some(language)), label(&to, Some(language)));
    let (old, old_unreadable) = match load_version(&args, &from, language) {
        Ok(loaded) => loaded,
        Err(message) => return could_not_run(message),
    };
    let (new, new_unreadable) = match load_version(&args, &to, language) {
        Ok(loaded) => loaded,
        Err(message) => return could_not_run(message),
    };
    let mut difference = diff::diff_sites(&old, &new);
    // A file that could not be read in one version is no removal or addition: its changes are
    // unknown, and the reader is told so.
    difference.leave_out_unreadable(&old_unreadable, &new_unreadable);
    for (files, version) in [(&old_unreadable, &from_label), (&new_unreadable, &to_label)] {
        for file in files {
            eprintln!(
                "{}{}",
                super::prefix(&m::WARNING_PREFIX, language),
                say(
                    &m::DIFF_UNREADABLE,
                    language,
                    &[("file", file.clone()), ("version", version.clone())]
                )
            );
        }
    }
    let base_url = args
        .base_url
        .clone()
        .unwrap_or_else(|| new.site.base_url.value.to_string());
    let limit = args.max_chars.unwrap_or(usize::MAX);
    let output = match args.format {
        DiffFormat::Human => human(&difference, language, &from_label, &to_label, limit),
        DiffFormat::Markdown => markdown(
            &difference,
            language,
            &from_label,
            &to_label,
            &base_url,
            limit,
        ),
        DiffFormat::Json => json(
            &difference,
            &label(&from, None),
            &label(&to, None),
            &old_unreadable,
            &new_unreadable,
        ),
    };
    print_stdout(&output);
    ExitCode::Ok
}

/// A version's model and the entry files it could not read (YAML errors, not UTF-8, empty).
fn load_version(
    args: &DiffArgs,
    version: &Version,
    language: Language,
) -> Result<(SiteModel, Vec<String>), String> {
    let mut options = LoadOptions {
        today: args.common.today,
        publish_drafts: args.drafts,
        model_only: true,
        ..Default::default()
    };
    let root = match version {
        Version::WorkingTree(root) | Version::Folder(root) => {
            if !root.join("content").is_dir() {
                return Err(say(
                    &m::NOT_A_SITE_ROOT,
                    language,
                    &[("root", root.display().to_string())],
                ));
            }
            *root
        }
        Version::Revision(revision) => {
            options.snapshot = Some(std::sync::Arc::new(snapshot_at(
                &args.common.root,
                revision,
                language,
            )?));
            args.common.root.as_path()
        }
    };
    let loaded = load_site(root, &options).map_err(|error| error.to_string())?;
    let mut unreadable: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.rule == crate::rules::RuleId::YamlSyntax)
        .map(|diagnostic| diagnostic.file.clone())
        .filter(|file| {
            ["content/items/", "content/departments/", "content/laws/"]
                .iter()
                .any(|folder| file.starts_with(folder))
        })
        .collect();
    unreadable.sort();
    unreadable.dedup();
    let mut model = loaded.model;
    if !args.drafts {
        model.remove_drafts();
    }
    Ok((model, unreadable))
}

#[cfg(feature = "history")]
fn snapshot_at(
    root: &Path,
    revision: &str,
    language: Language,
) -> Result<crate::load::snapshot::Snapshot, String> {
    let repository = crate::git::SiteRepository::discover(root).ok_or_else(|| {
        say(
            &m::DIFF_NO_GIT,
            language,
            &[("root", root.display().to_string())],
        )
    })?;
    repository.snapshot(revision).map_err(|error| {
        say(
            &m::DIFF_BAD_REVISION,
            language,
            &[
                ("revision", revision.to_string()),
                ("error", error.to_string()),
            ],
        )
    })
}

#[cfg(not(feature = "history"))]
fn snapshot_at(
    _root: &Path,
    _revision: &str,
    language: Language,
) -> Result<crate::load::snapshot::Snapshot, String> {
    Err(say(&m::DIFF_NO_HISTORY_FEATURE, language, &[]))
}

/// Every entry of a diff as (heading, lines) in order: items, departments, laws.
fn entries(difference: &SiteDiff, language: Language) -> Vec<(Entry, Vec<String>)> {
    let colon = if language == Language::Zh {
        "："
    } else {
        ": "
    };
    let lines = |changes: &[Change]| -> Vec<String> {
        changes
            .iter()
            .map(|change| {
                format!(
                    "{}{colon}{}",
                    path_label(&change.path, language),
                    change_text(change, language)
                )
            })
            .collect()
    };
    let mut entries = Vec::new();
    if !difference.site.is_empty() {
        entries.push((
            Entry {
                heading: say(&m::DIFF_SITE, language, &[]),
                presence: Presence::Changed,
                item_id: None,
            },
            lines(&difference.site),
        ));
    }
    for item in &difference.items {
        let mut item_lines = Vec::new();
        if let Some(old) = &item.renamed_from {
            item_lines.push(say(
                &text::RENAMED,
                language,
                &[("old", old.clone()), ("new", item.file.clone())],
            ));
            // A new file name is a new id, and so a new address of the item's page.
            let old_id = old.rsplit('/').next().unwrap_or(old);
            let old_id = old_id.rsplit_once('.').map_or(old_id, |(stem, _)| stem);
            if old_id != item.id {
                item_lines.push(say(
                    &text::ADDRESS_CHANGED,
                    language,
                    &[("old", old_id.to_string()), ("new", item.id.clone())],
                ));
            }
        }
        item_lines.extend(lines(&item.changes));
        entries.push((
            Entry {
                heading: say(
                    &m::DIFF_ITEM,
                    language,
                    &[
                        ("name", item.name.clone()),
                        ("id", item.id.clone()),
                        ("code", item.code.clone()),
                    ],
                ),
                presence: item.presence,
                item_id: Some(item.id.clone()),
            },
            item_lines,
        ));
    }
    for (message, list) in [
        (&m::DIFF_DEPARTMENT, &difference.departments),
        (&m::DIFF_LAW, &difference.laws),
    ] {
        for entry in list {
            entries.push((
                Entry {
                    heading: say(
                        message,
                        language,
                        &[("name", entry.name.clone()), ("id", entry.id.clone())],
                    ),
                    presence: entry.presence,
                    item_id: None,
                },
                lines(&entry.changes),
            ));
        }
    }
    entries
}

struct Entry {
    heading: String,
    presence: Presence,
    item_id: Option<String>,
}

fn summary(difference: &SiteDiff, language: Language) -> String {
    if difference.is_empty() {
        return say(&m::DIFF_NONE, language, &[]);
    }
    let count = |presence: Presence| {
        difference
            .items
            .iter()
            .filter(|item| item.presence == presence)
            .count()
            .to_string()
    };
    say(
        &m::DIFF_SUMMARY,
        language,
        &[
            ("items", difference.items.len().to_string()),
            ("added", count(Presence::Added)),
            ("removed", count(Presence::Removed)),
            ("changed", count(Presence::Changed)),
            ("departments", difference.departments.len().to_string()),
            ("laws", difference.laws.len().to_string()),
            (
                "site",
                if difference.site.is_empty() {
                    String::new()
                } else {
                    say(&m::DIFF_SUMMARY_SITE, language, &[])
                },
            ),
        ],
    )
}

/// Text for a terminal; control characters of the content shown escaped.
pub fn human(
    difference: &SiteDiff,
    language: Language,
    from: &str,
    to: &str,
    limit: usize,
) -> String {
    let colon = if language == Language::Zh {
        "："
    } else {
        ": "
    };
    let mut output = format!(
        "{}\n\n",
        say(
            &m::DIFF_TITLE,
            language,
            &[("from", from.to_string()), ("to", to.to_string())]
        )
    );
    let sections = entries(difference, language)
        .into_iter()
        .map(|(entry, lines)| {
            let mut section = format!(
                "{}{colon}{}\n",
                entry.heading,
                presence_word(entry.presence, language)
            );
            for line in lines {
                section.push_str(&format!("  - {line}\n"));
            }
            section.push('\n');
            section
        })
        .collect();
    append_within(&mut output, sections, limit, &|count| {
        say(&m::DIFF_LEFT_OUT, language, &[("count", count.to_string())])
    });
    output.push_str(&summary(difference, language));
    output.push('\n');
    crate::diagnostics::report::escape_controls(&output).into_owned()
}

/// Appends the `sections` to `output` while the whole stays within `limit` characters; at the
/// first that does not fit, the line `left_out` words for how many were not listed. The length is
/// kept as it grows (a diff of 10,000 items is never measured again from its start).
fn append_within(
    output: &mut String,
    sections: Vec<String>,
    limit: usize,
    left_out: &dyn Fn(usize) -> String,
) {
    let mut length = output.chars().count();
    let total = sections.len();
    for (index, section) in sections.into_iter().enumerate() {
        let section_length = section.chars().count();
        if length + section_length > limit {
            output.push_str(&left_out(total - index));
            output.push_str("\n\n");
            return;
        }
        length += section_length;
        output.push_str(&section);
    }
}

/// Escapes what Markdown (and the HTML GitHub allows in it) would read as markup.
fn markdown_escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '&' => escaped.push_str("&amp;"),
            // Inside a line (each starts with `- ` or `### `) these are all that can start markup.
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '!' | '~' => {
                escaped.push('\\');
                escaped.push(character);
            }
            '\n' | '\r' => escaped.push(' '),
            // No mention (@someone) and no issue reference (#12): a word joiner after the sign.
            '@' | '#' => {
                escaped.push(character);
                escaped.push('\u{2060}');
            }
            // A direction override would reorder what the reviewer reads: shown, not obeyed.
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
                escaped.push_str(&format!("\\u{{{:x}}}", character as u32));
            }
            character if character.is_control() => {}
            character => escaped.push(character),
        }
    }
    // No bare link: `://` broken by a word joiner (GitHub links `http://…` and `www.…` by itself).
    escaped
        .replace("://", ":\u{2060}//")
        .replace("www.", "www\u{2060}.")
}

/// Markdown for a pull-request comment: a heading, one section per entry with a link to the
/// item's page, a list of changes.
pub fn markdown(
    difference: &SiteDiff,
    language: Language,
    from: &str,
    to: &str,
    base_url: &str,
    limit: usize,
) -> String {
    let mut output = format!(
        "## {}\n\n",
        markdown_escape(&say(
            &m::DIFF_TITLE,
            language,
            &[("from", from.to_string()), ("to", to.to_string())]
        ))
    );
    let colon = if language == Language::Zh {
        "："
    } else {
        ": "
    };
    // Links only to an address that cannot break out of the link (a base_url of
    // `https://x/)**…**[…](…` would write its own Markdown into the comment).
    let base_url = if base_url.starts_with("https://") || base_url.starts_with("http://") {
        base_url
    } else {
        ""
    };
    let base_url = if base_url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || "()[]<>*`\\\"'|!~_".contains(c))
    {
        ""
    } else {
        base_url
    };
    let base = if base_url.ends_with('/') {
        base_url.to_string()
    } else {
        format!("{base_url}/")
    };
    let sections = entries(difference, language)
        .into_iter()
        .map(|(entry, lines)| {
            let heading = markdown_escape(&entry.heading);
            let heading = match &entry.item_id {
                Some(id) if entry.presence != Presence::Removed && !base_url.is_empty() => {
                    format!("[{heading}]({base}items/{id}/)")
                }
                _ => heading,
            };
            let mut section = format!(
                "### {heading}{colon}{}\n\n",
                presence_word(entry.presence, language)
            );
            for line in &lines {
                section.push_str(&format!("- {}\n", markdown_escape(line)));
            }
            if !lines.is_empty() {
                section.push('\n');
            }
            section
        })
        .collect();
    // Room for the last lines (what was left out, the summary).
    append_within(&mut output, sections, limit.saturating_sub(400), &|count| {
        markdown_escape(&say(
            &m::DIFF_LEFT_OUT,
            language,
            &[("count", count.to_string())],
        ))
    });
    output.push_str(&markdown_escape(&summary(difference, language)));
    output.push('\n');
    output
}

#[derive(Serialize)]
struct JsonDiff<'a> {
    version: u32,
    from: &'a str,
    to: &'a str,
    #[serde(flatten)]
    difference: &'a SiteDiff,
    /// Entry files that could not be read in each version (their changes are not listed).
    unreadable: Unreadable<'a>,
}

#[derive(Serialize)]
struct Unreadable<'a> {
    from: &'a [String],
    to: &'a [String],
}

/// JSON for programs: `{"version": 1, "from", "to", "items", "departments", "laws",
/// "unreadable"}`; a change's path is the format's key names with list elements as `[name]`
/// (or `[#3]`, by place, when the name itself changed); the working tree is `working-tree`.
pub fn json(
    difference: &SiteDiff,
    from: &str,
    to: &str,
    unreadable_from: &[String],
    unreadable_to: &[String],
) -> String {
    let mut text = serde_json::to_string_pretty(&JsonDiff {
        version: 1,
        from,
        to,
        difference,
        unreadable: Unreadable {
            from: unreadable_from,
            to: unreadable_to,
        },
    })
    .unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_of_hostile_content_is_text() {
        let escaped = markdown_escape(
            "<img src=x onerror=alert(1)> [点我](javascript:alert(1)) **粗**\n# 标题",
        );
        assert!(!escaped.contains('<') && !escaped.contains('\n'));
        assert!(escaped.contains("\\[点我\\](javascript:alert(1))"));
        assert!(escaped.contains("\\*\\*粗\\*\\*"));
        // No mention, no issue link, no bare link, no direction override.
        let escaped = markdown_escape("@admin #1 http://evil.example www.evil.example \u{202e}txt");
        assert!(!escaped.contains("@a") && !escaped.contains("#1"));
        assert!(!escaped.contains("://") && !escaped.contains("www."));
        assert!(!escaped.contains('\u{202e}') && escaped.contains("\\u{202e}"));
    }
}
