//! Stage 1, load: find the content files of a site, read them and parse them into positioned
//! YAML trees ([`yaml`]) or front matter plus Markdown ([`front_matter`]); read the site's
//! templates and asset overrides into a [`crate::theme::Theme`] ([`theme`]), so that no later
//! stage reads the disk for them.
//!
//! Owns: the walk of content/ (sorted, symlinks never followed), file-level problems (not UTF-8,
//! empty, too large, bad file stem, YAML syntax) as diagnostics at 1:1 or at the parser's
//! position. Does not: interpret any key (that is `model`).

pub mod front_matter;
pub mod snapshot;
pub mod theme;
pub mod typing;
pub mod yaml;

use crate::rules::RuleId;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use snapshot::Snapshot;

use crate::diagnostics::{Diagnostic, Position, Span, Text, messages as m};
use crate::fs::{self, FsResult, WalkedFile};

/// Ids become URLs: lowercase ASCII letters, digits and hyphens.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Largest content file accepted. An entry is a few kilobytes; anything near this is a mistake
/// (or an attack) and parsing it would stall the whole run.
pub const MAX_FILE_BYTES: usize = 2 * 1024 * 1024;

pub use crate::diagnostics::SourceFile;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Site,
    Department,
    Law,
    Item,
    Page,
}

/// A content file found by the walk.
#[derive(Debug, Clone)]
pub struct ContentFile {
    pub kind: Kind,
    /// The file stem: the id or slug.
    pub id: String,
    pub path: PathBuf,
    /// Relative to the site root (`content/items/x.yaml`).
    pub relative: String,
    /// The snapshot it is read from, or `None` for the file system.
    pub snapshot: Option<Arc<Snapshot>>,
}

/// What the walk of content/ found.
#[derive(Debug, Default)]
pub struct Inventory {
    pub site: Option<ContentFile>,
    pub departments: Vec<ContentFile>,
    pub laws: Vec<ContentFile>,
    pub items: Vec<ContentFile>,
    pub pages: Vec<ContentFile>,
    /// Everything under content/files/ (symlinks flagged, not followed).
    pub attachments: Vec<WalkedFile>,
    pub files_root: PathBuf,
    pub diagnostics: Vec<Diagnostic>,
    /// The snapshot the files come from, or `None` for the file system.
    pub snapshot: Option<Arc<Snapshot>>,
}

impl Inventory {
    pub fn entry_count(&self) -> usize {
        self.site.iter().count()
            + self.departments.len()
            + self.laws.len()
            + self.items.len()
            + self.pages.len()
    }
}

fn stem_of(relative: &str) -> &str {
    let name = relative.rsplit('/').next().unwrap_or(relative);
    name.rsplit_once('.').map(|(stem, _)| stem).unwrap_or(name)
}

/// Walks `<root>/content`. An unreadable folder is an environment error; everything else is a
/// diagnostic in the inventory.
pub fn discover(root: &Path) -> FsResult<Inventory> {
    discover_in(root, None)
}

/// Walks the content folder of `root`, or of `snapshot` (the files of a git revision) when
/// given: the same inventory, the same diagnostics.
///
/// Long on purpose: one walk of content/ in the order of its folders (site.yaml, departments,
/// laws, items, pages, files), each reporting the files it cannot take where it finds them.
pub fn discover_in(root: &Path, snapshot: Option<&Arc<Snapshot>>) -> FsResult<Inventory> {
    let content = root.join("content");
    let walk = |folder: &str| -> FsResult<Vec<WalkedFile>> {
        match snapshot {
            Some(snapshot) => Ok(snapshot.walk_files(root, &format!("content/{folder}"))),
            None => fs::walk_files(&content.join(folder)),
        }
    };
    match snapshot {
        Some(snapshot) => snapshot.require_content(root)?,
        None => {
            fs::metadata(&content)?;
        }
    }
    let mut inventory = Inventory {
        files_root: content.join("files"),
        snapshot: snapshot.cloned(),
        ..Inventory::default()
    };
    let site = content.join("site.yaml");
    let (site_is_special, site_exists) = match snapshot {
        Some(snapshot) => (false, snapshot.has_file("content/site.yaml")),
        None => (
            std::fs::metadata(&site).is_ok_and(|metadata| !metadata.is_file()),
            site.exists(),
        ),
    };
    if site_is_special {
        inventory
            .diagnostics
            .push(not_regular_file("content/site.yaml".into()));
    } else if site_exists {
        inventory.site = Some(ContentFile {
            kind: Kind::Site,
            id: "site".into(),
            path: site,
            relative: "content/site.yaml".into(),
            snapshot: snapshot.cloned(),
        });
    } else {
        inventory.diagnostics.push(
            Diagnostic::new(
                RuleId::MissingField,
                "content/site.yaml",
                Span::point(Position::START),
                Text::new(&m::NO_SITE_FILE),
            )
            .help(Text::new(&m::NO_SITE_FILE_HELP)),
        );
    }
    let folders: [(&str, Kind, &str); 4] = [
        ("departments", Kind::Department, "yaml"),
        ("laws", Kind::Law, "yaml"),
        ("items", Kind::Item, "yaml"),
        ("pages", Kind::Page, "md"),
    ];
    for (folder, kind, extension) in folders {
        let nested = kind == Kind::Item;
        for walked in walk(folder)? {
            let relative = format!("content/{folder}/{}", walked.relative);
            let name = walked
                .relative
                .rsplit('/')
                .next()
                .unwrap_or(&walked.relative);
            if name.starts_with('.') || name.ends_with('~') {
                continue; // editor swap and backup files
            }
            if walked.is_special {
                inventory.diagnostics.push(not_regular_file(relative));
                continue;
            }
            if walked.is_symlink {
                inventory.diagnostics.push(
                    Diagnostic::new(
                        RuleId::InvalidValue,
                        relative,
                        Span::point(Position::START),
                        Text::new(&m::SYMLINKED_ENTRY).with("folder", folder),
                    )
                    .help(Text::new(&m::SYMLINKED_ENTRY_HELP)),
                );
                continue;
            }
            let has_extension = walked.relative.ends_with(&format!(".{extension}"))
                || (extension == "yaml" && walked.relative.ends_with(".yml"));
            if !has_extension || walked.is_symlink || (!nested && walked.relative.contains('/')) {
                inventory.diagnostics.push(
                    Diagnostic::new(
                        RuleId::InvalidValue,
                        relative,
                        Span::point(Position::START),
                        Text::new(&m::UNEXPECTED_FILE)
                            .with("folder", folder)
                            .with("extension", format!(".{extension}")),
                    )
                    .help(Text::new(&m::UNEXPECTED_FILE_HELP)),
                );
                continue;
            }
            let id = stem_of(&walked.relative).to_string();
            if !is_valid_id(&id) {
                inventory.diagnostics.push(
                    Diagnostic::new(
                        RuleId::InvalidValue,
                        relative,
                        Span::point(Position::START),
                        Text::new(&m::BAD_FILE_STEM).with("stem", id),
                    )
                    .help(Text::new(&m::BAD_FILE_STEM_HELP)),
                );
                continue;
            }
            let file = ContentFile {
                kind,
                id,
                path: walked.path,
                relative,
                snapshot: snapshot.cloned(),
            };
            match kind {
                Kind::Department => inventory.departments.push(file),
                Kind::Law => inventory.laws.push(file),
                Kind::Item => inventory.items.push(file),
                Kind::Page => inventory.pages.push(file),
                Kind::Site => {}
            }
        }
    }
    let mut hidden_folders = std::collections::BTreeSet::new();
    for walked in walk("files")? {
        let relative = format!("content/files/{}", walked.relative);
        if let Some(folder) = hidden_folder(&walked.relative) {
            // One warning per hidden folder (a .git/ holds thousands of files).
            if hidden_folders.insert(folder.to_string()) {
                inventory.diagnostics.push(private_file(
                    format!("content/files/{folder}/"),
                    &m::PRIVATE_FOLDER,
                ));
            }
        } else if is_private_file_name(walked.relative.rsplit('/').next().unwrap_or("")) {
            // git's placeholder of an empty folder is not published either, but is no mistake.
            if !matches!(
                walked.relative.rsplit('/').next(),
                Some(".gitkeep" | ".keep")
            ) {
                inventory
                    .diagnostics
                    .push(private_file(relative, &m::PRIVATE_FILE));
            }
        } else if walked.is_special {
            inventory.diagnostics.push(not_regular_file(relative));
        } else {
            inventory.attachments.push(walked);
        }
    }
    Ok(inventory)
}

/// The first folder of `relative` (under content/files/) whose name starts with a dot
/// (`.git`, `.svn`, `a/.cache`), up to and including it.
fn hidden_folder(relative: &str) -> Option<&str> {
    let (folders, _file_name) = relative.rsplit_once('/')?;
    let mut end = 0;
    for segment in folders.split('/') {
        end += segment.len();
        if segment.starts_with('.') {
            return Some(&relative[..end]);
        }
        end += 1;
    }
    None
}

/// Whether a file under content/files/ is private or a leftover, never published: hidden files
/// (`.env`, `.DS_Store`), backups (`x~`), Word's lock files (`~$x.docx`), Windows' `Thumbs.db`
/// and `desktop.ini`, temporary and swap files (`*.tmp`, `*.swp`).
pub fn is_private_file_name(name: &str) -> bool {
    let lower = name.to_lowercase();
    name.starts_with('.')
        || name.starts_with("~$")
        || name.ends_with('~')
        || lower == "thumbs.db"
        || lower == "desktop.ini"
        || lower.ends_with(".tmp")
        || lower.ends_with(".swp")
}

/// A `private-file` warning: the file (or hidden folder) is left out of the published site.
fn private_file(
    relative: String,
    message: &'static crate::diagnostics::messages::Message,
) -> Diagnostic {
    Diagnostic::new(
        RuleId::PrivateFile,
        relative,
        Span::point(Position::START),
        Text::new(message),
    )
    .help(Text::new(&m::PRIVATE_FILE_HELP))
}

/// A FIFO, socket or device where a content file or an attachment belongs: never opened.
fn not_regular_file(relative: String) -> Diagnostic {
    Diagnostic::new(
        RuleId::InvalidValue,
        relative,
        Span::point(Position::START),
        Text::new(&m::NOT_REGULAR_FILE),
    )
    .help(Text::new(&m::NOT_REGULAR_FILE_HELP))
}

/// Reads a content file as text, reporting binary, non-UTF-8, empty and oversized files.
/// The line and column (in characters) of byte `offset` of `bytes`, which are UTF-8 up to it.
pub fn position_of_byte(bytes: &[u8], offset: usize) -> Position {
    let before = std::str::from_utf8(&bytes[..offset.min(bytes.len())]).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    Position::new(line as u32, column as u32)
}

pub fn read(file: &ContentFile, diagnostics: &mut Vec<Diagnostic>) -> FsResult<Option<SourceFile>> {
    // Replaced by a FIFO (or the like) since the walk: a diagnostic, never a blocking read.
    let read = match &file.snapshot {
        Some(snapshot) => {
            let root = file
                .path
                .ancestors()
                .nth(file.relative.split('/').count())
                .unwrap_or(Path::new(""));
            snapshot.read_bytes(root, &file.relative)
        }
        None => fs::read_bytes(&file.path),
    };
    let bytes = match read {
        Err(error) if error.is_not_regular_file() => {
            diagnostics.push(not_regular_file(file.relative.clone()));
            return Ok(None);
        }
        read => read?,
    };
    let at_start = Span::point(Position::START);
    if bytes.len() > MAX_FILE_BYTES {
        diagnostics.push(
            Diagnostic::new(
                RuleId::YamlSyntax,
                &file.relative,
                at_start,
                Text::new(&m::FILE_TOO_LARGE)
                    .with("size", bytes.len().to_string())
                    .with("limit", MAX_FILE_BYTES.to_string()),
            )
            .help(Text::new(&m::FILE_TOO_LARGE_HELP)),
        );
        return Ok(None);
    }
    // Not text: reported at the first byte that is not UTF-8, or the first NUL.
    let bad_byte = match String::from_utf8(bytes) {
        Ok(text) => match text.find('\0') {
            None => Ok(text),
            Some(at) => Err(position_of_byte(text.as_bytes(), at)),
        },
        Err(error) => Err(position_of_byte(
            error.as_bytes(),
            error.utf8_error().valid_up_to(),
        )),
    };
    let text = match bad_byte {
        Ok(text) => text,
        Err(position) => {
            diagnostics.push(
                Diagnostic::new(
                    RuleId::YamlSyntax,
                    &file.relative,
                    Span::point(position),
                    Text::new(&m::NOT_UTF8),
                )
                .help(Text::new(&m::NOT_UTF8_HELP)),
            );
            return Ok(None);
        }
    };
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    if text.trim().is_empty() {
        diagnostics.push(
            Diagnostic::new(
                RuleId::YamlSyntax,
                &file.relative,
                at_start,
                Text::new(&m::EMPTY_FILE),
            )
            .help(Text::new(&m::EMPTY_FILE_HELP)),
        );
        return Ok(None);
    }
    Ok(Some(SourceFile::new(file.relative.clone(), text)))
}

/// Parses YAML text, turning a parse failure into a `yaml-syntax` diagnostic. A document with no
/// content or only a scalar is reported too.
pub fn parse_yaml(
    relative: &str,
    text: &str,
    line_offset: u32,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<yaml::Node> {
    match yaml::parse(text, line_offset) {
        Ok(Some(node)) if !node.is_null() => {
            // A full-width space before `- ` or after a colon leaves the parser content but the
            // entry lost. Only a text with a full-width space (U+3000) can have one.
            if memchr::memmem::find(text.as_bytes(), "\u{3000}".as_bytes()).is_some() {
                let hidden: Vec<typing::TypingMistake> =
                    typing::find_typing_mistakes(text, line_offset)
                        .into_iter()
                        .filter(typing::TypingMistake::hides_from_the_parser)
                        .collect();
                if !hidden.is_empty() {
                    push_typing_mistakes(relative, &hidden, diagnostics);
                    return None;
                }
            }
            // Only a text with a `!` can hold a tag.
            let mut tagged = Vec::new();
            if memchr::memchr(b'!', text.as_bytes()).is_some() {
                node.tagged_nodes(&mut tagged);
            }
            for tagged in tagged {
                let tag = tagged.tag.as_deref().unwrap_or_default();
                diagnostics.push(
                    Diagnostic::new(
                        RuleId::InvalidValue,
                        relative,
                        Span::point(tagged.span.start),
                        Text::new(&m::YAML_TAG).with("value", tag.to_string()),
                    )
                    .help(Text::new(&m::YAML_TAG_HELP)),
                );
            }
            Some(node)
        }
        Ok(_) => {
            diagnostics.push(
                Diagnostic::new(
                    RuleId::YamlSyntax,
                    relative,
                    Span::point(Position::new(1 + line_offset, 1)),
                    Text::new(&m::EMPTY_FILE),
                )
                .help(Text::new(&m::EMPTY_FILE_HELP)),
            );
            None
        }
        Err(error) => {
            let mut position = error.position;
            if let yaml::YamlErrorKind::Syntax(detail) = &error.kind {
                // The typing mistakes of a Chinese keyboard, where they are, instead of the
                // parser's account of where it got lost.
                let mistakes = typing::find_typing_mistakes(text, line_offset);
                if mistakes
                    .iter()
                    .any(|mistake| mistake.position.line <= error.position.line + 1)
                {
                    push_typing_mistakes(relative, &mistakes, diagnostics);
                    return None;
                }
                if typing::reported_on_the_next_line(detail)
                    && let Some((line, column)) = typing::previous_content_line(
                        text,
                        error.position.line.saturating_sub(line_offset),
                    )
                {
                    position = Position::new(line + line_offset, column);
                }
            }
            let (text, help) = match error.kind {
                yaml::YamlErrorKind::Syntax(detail) => {
                    let (mut message, mut help) = typing::translate(&detail);
                    // "expected a `-`" is about a list only when the line is an entry; a key out
                    // of line inside an entry gets the same words from the parser.
                    let line = position.line.saturating_sub(line_offset) as usize;
                    let is_entry = text
                        .lines()
                        .nth(line.saturating_sub(1))
                        .is_some_and(|line| line.trim_start().starts_with('-'));
                    if std::ptr::eq(message, &m::PARSE_LIST_ENTRY) && !is_entry {
                        (message, help) = (&m::PARSE_INDENT, &m::PARSE_INDENT_HELP);
                    }
                    (Text::new(message).with("detail", detail), Text::new(help))
                }
                yaml::YamlErrorKind::TooDeep => (
                    Text::new(&m::TOO_DEEP).with("limit", yaml::MAX_DEPTH.to_string()),
                    Text::new(&m::TOO_DEEP_HELP),
                ),
                yaml::YamlErrorKind::AliasBudget => (
                    Text::new(&m::ALIAS_BUDGET).with("limit", yaml::MAX_ALIAS_NODES.to_string()),
                    Text::new(&m::ALIAS_BUDGET_HELP),
                ),
                yaml::YamlErrorKind::UnknownAnchor(name) => (
                    Text::new(&m::UNKNOWN_ANCHOR).with("name", name),
                    Text::new(&m::YAML_SYNTAX_HELP),
                ),
                yaml::YamlErrorKind::MultipleDocuments => (
                    Text::new(&m::MULTIPLE_DOCUMENTS),
                    Text::new(&m::MULTIPLE_DOCUMENTS_HELP),
                ),
            };
            diagnostics.push(
                Diagnostic::new(RuleId::YamlSyntax, relative, Span::point(position), text)
                    .help(help),
            );
            None
        }
    }
}

/// One `yaml-syntax` diagnostic per typing mistake, at the mistake.
fn push_typing_mistakes(
    relative: &str,
    mistakes: &[typing::TypingMistake],
    diagnostics: &mut Vec<Diagnostic>,
) {
    for mistake in mistakes {
        let (message, help) = mistake.messages();
        diagnostics.push(
            Diagnostic::new(
                RuleId::YamlSyntax,
                relative,
                Span::point(mistake.position),
                Text::new(message).with("key", mistake.key.clone()),
            )
            .help(Text::new(help).with("key", mistake.key.clone())),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_names() {
        for name in [
            ".env",
            ".DS_Store",
            "Thumbs.db",
            "a.docx~",
            "~$shenqing.docx",
            "x.TMP",
            ".x.swp",
            "desktop.ini",
        ] {
            assert!(is_private_file_name(name), "{name}");
        }
        for name in [
            "shenqing.docx",
            "a~b.pdf",
            "tmp.pdf",
            "swp.pdf",
            "a.tmp.pdf",
        ] {
            assert!(!is_private_file_name(name), "{name}");
        }
    }

    #[test]
    fn hidden_folders() {
        assert_eq!(hidden_folder(".git/config"), Some(".git"));
        assert_eq!(hidden_folder("forms/.cache/a/b"), Some("forms/.cache"));
        assert_eq!(hidden_folder("forms/.env"), None);
        assert_eq!(hidden_folder("forms/a.docx"), None);
    }
}
