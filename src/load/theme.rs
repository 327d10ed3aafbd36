//! Reads a site's theme: its own templates (every `*.html` and `*.xml` under `<root>/templates/`,
//! not under templates/assets/) and its overrides of the built-in assets
//! (`templates/assets/<name>` for each name of [`crate::theme::BUILTIN_ASSETS`]), over the
//! built-in ones of [`crate::theme`]. Render gets the [`Theme`] and reads nothing itself.
//!
//! Owns: every read of templates/, through [`crate::fs`]. A template or asset override that cannot
//! be read (a folder, a FIFO, no permission) or is not UTF-8 is a `template` diagnostic at its
//! file (a text that is not UTF-8 at its first bad byte): an error, so a build fails instead of
//! publishing the built-in in its place. A link to a file (templates/ itself included) is
//! followed only within the site folder: one that leads out is an error and is never read; a
//! linked folder inside templates/ is not walked. A
//! templates/ folder that does not exist is no problem; one that cannot be walked is a
//! diagnostic at the folder that failed. Does not: compile the templates (that is `render`).

use std::io::ErrorKind;
use std::path::Path;

use crate::diagnostics::{Diagnostic, Position, Span, Text, messages as m};
use crate::fs::{self, FsError};
use crate::rules::RuleId;
use crate::theme::Theme;

/// The theme of the site at `root`: the built-in one with the site's overrides, and the
/// problems found reading them (the built-in template or asset stands in for one that could not
/// be read).
pub fn read_theme(root: &Path) -> (Theme, Vec<Diagnostic>) {
    let mut theme = Theme::builtin();
    let mut diagnostics = Vec::new();
    // The site folder as the system names it, to tell where a link leads.
    let site = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    match fs::walk_files(&root.join("templates")) {
        Ok(files) => {
            for file in files {
                if file.relative.starts_with("assets/") {
                    continue;
                }
                if !(file.relative.ends_with(".html") || file.relative.ends_with(".xml")) {
                    continue;
                }
                let relative = format!("templates/{}", file.relative);
                if let Some(outside) = leads_out_of_site(&site, &file.path, &relative) {
                    diagnostics.push(outside);
                    continue;
                }
                match read_text(&file.path, &relative) {
                    Ok(text) => {
                        theme.templates.insert(file.relative, text);
                    }
                    Err(diagnostic) => diagnostics.push(*diagnostic),
                }
            }
        }
        Err(error) => diagnostics.push(
            Diagnostic::new(
                RuleId::Template,
                relative_to(root, &error.path),
                Span::point(Position::START),
                with_reason(Text::new(&m::THEME_FOLDER_UNREADABLE), &error),
            )
            .help(Text::new(&m::THEME_FOLDER_HELP)),
        ),
    }
    for (name, text) in &mut theme.assets {
        let relative = format!("templates/assets/{name}");
        let path = root.join(&relative);
        // No override: the built-in. Anything there is the site's asset, and must be readable;
        // a link is followed only within the site folder.
        match fs::symlink_metadata(&path) {
            Err(error) if is_absent(&error) => continue,
            Err(error) => diagnostics.push(unreadable(&relative, &error)),
            Ok(_) if let Some(outside) = leads_out_of_site(&site, &path, &relative) => {
                diagnostics.push(outside)
            }
            Ok(_) => match read_text(&path, &relative) {
                Ok(own) => *text = own,
                Err(diagnostic) => diagnostics.push(*diagnostic),
            },
        }
    }
    (theme, diagnostics)
}

/// A `template` error when `path` (or a folder above it, templates/ itself included) is a link
/// that leads out of `site` (canonical): its content is never published nor compiled. A path
/// that cannot be resolved is left to the read, which reports why.
fn leads_out_of_site(site: &Path, path: &Path, relative: &str) -> Option<Diagnostic> {
    let (target, inside) = fs::resolve_within(site, path)?;
    if inside {
        return None;
    }
    Some(
        Diagnostic::new(
            RuleId::Template,
            relative,
            Span::point(Position::START),
            Text::new(&m::THEME_OUTSIDE_SITE).with("target", target.display().to_string()),
        )
        .help(Text::new(&m::THEME_OUTSIDE_SITE_HELP)),
    )
}

/// Nothing is there: no such file, or templates/ or templates/assets/ is not a folder.
fn is_absent(error: &FsError) -> bool {
    matches!(
        error.source.kind(),
        ErrorKind::NotFound | ErrorKind::NotADirectory
    )
}

/// The text of the theme file at `path` (`relative` to the root, for the diagnostic).
fn read_text(path: &Path, relative: &str) -> Result<String, Box<Diagnostic>> {
    let bytes = fs::read_bytes(path).map_err(|error| Box::new(unreadable(relative, &error)))?;
    String::from_utf8(bytes).map_err(|error| {
        Box::new(
            Diagnostic::new(
                RuleId::Template,
                relative,
                Span::point(super::position_of_byte(
                    error.as_bytes(),
                    error.utf8_error().valid_up_to(),
                )),
                Text::new(&m::NOT_UTF8),
            )
            .help(Text::new(&m::THEME_NOT_UTF8_HELP)),
        )
    })
}

fn unreadable(relative: &str, error: &FsError) -> Diagnostic {
    Diagnostic::new(
        RuleId::Template,
        relative,
        Span::point(Position::START),
        with_reason(Text::new(&m::THEME_UNREADABLE), error),
    )
    .help(Text::new(&m::THEME_FILE_HELP))
}

/// `text` with its `{reason}`: why `error` happened, in the reporting language when it is one
/// of the usual reasons, else as the system tells it.
fn with_reason(text: Text, error: &FsError) -> Text {
    let is_folder = || {
        fs::metadata(&error.path).is_ok_and(|metadata| metadata.is_dir())
            || error.source.kind() == ErrorKind::IsADirectory
    };
    if is_folder() {
        text.with_message("reason", &m::REASON_IS_FOLDER)
    } else if error.is_not_regular_file() {
        text.with_message("reason", &m::REASON_NOT_REGULAR)
    } else {
        match error.source.kind() {
            ErrorKind::PermissionDenied => text.with_message("reason", &m::REASON_NO_PERMISSION),
            ErrorKind::NotFound => text.with_message("reason", &m::REASON_MISSING),
            _ => text.with("reason", error.source.to_string()),
        }
    }
}

/// `path` relative to `root`, `/`-separated, as diagnostics name files.
fn relative_to(root: &Path, path: &Path) -> String {
    fs::relative_path(root, path).unwrap_or_else(|| path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theme::{BUILTIN_ASSETS, BUILTIN_TEMPLATES};

    /// Each diagnostic's file and English message.
    fn files_and_messages(diagnostics: &[Diagnostic]) -> Vec<(&str, &str)> {
        diagnostics
            .iter()
            .map(|d| (d.file.as_str(), d.text.message.en))
            .collect()
    }

    fn write(root: &Path, relative: &str, bytes: &[u8]) {
        let path = root.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    #[test]
    fn a_site_without_templates_has_the_builtin_theme() {
        let root = tempfile::tempdir().unwrap();
        let (theme, diagnostics) = read_theme(root.path());
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(theme, Theme::builtin());
        assert_eq!(theme.templates.len(), BUILTIN_TEMPLATES.len());
    }

    #[test]
    fn overrides_and_new_templates_are_read_and_the_rest_ignored() {
        let root = tempfile::tempdir().unwrap();
        let root = root.path();
        write(root, "templates/404.html", b"<h1>own</h1>");
        write(root, "templates/partials/notice.xml", b"<notice/>");
        write(root, "templates/README.txt", b"not a template");
        write(
            root,
            "templates/assets/style.css",
            "body{}/* 自定义 */".as_bytes(),
        );
        write(
            root,
            "templates/assets/extra.html",
            b"not a template either",
        );
        write(root, "templates/assets/other.css", b"not a built-in asset");
        let (theme, diagnostics) = read_theme(root);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(theme.templates["404.html"], "<h1>own</h1>");
        assert_eq!(theme.templates["partials/notice.xml"], "<notice/>");
        let mut expected: Vec<&str> = BUILTIN_TEMPLATES.iter().map(|(name, _)| *name).collect();
        expected.push("partials/notice.xml");
        expected.sort();
        assert_eq!(
            theme
                .templates
                .keys()
                .map(String::as_str)
                .collect::<Vec<_>>(),
            expected
        );
        let assets: Vec<&str> = theme.assets.iter().map(|(name, _)| *name).collect();
        let builtin: Vec<&str> = BUILTIN_ASSETS.iter().map(|(name, _)| *name).collect();
        assert_eq!(assets, builtin);
        assert_eq!(theme.assets[0], ("style.css", "body{}/* 自定义 */".into()));
        assert_eq!(theme.assets[1].1, BUILTIN_ASSETS[1].1);
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_site_are_errors_and_links_within_it_are_followed() {
        use std::os::unix::fs::symlink;
        let outside = tempfile::tempdir().unwrap();
        write(outside.path(), "secret.txt", b"root:x:0:0:secret");
        write(outside.path(), "theme/404.html", b"root:x:0:0:secret");
        let secret = outside.path().join("secret.txt");
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        write(root, "shared/own.css", b"body{color:red}");
        write(root, "shared/own.html", b"<p>own</p>");
        std::fs::create_dir_all(root.join("templates/assets")).unwrap();
        symlink(&secret, root.join("templates/item.html")).unwrap();
        symlink(&secret, root.join("templates/assets/style.css")).unwrap();
        symlink(
            root.join("shared/own.css"),
            root.join("templates/assets/print.css"),
        )
        .unwrap();
        symlink(
            root.join("shared/own.html"),
            root.join("templates/page.html"),
        )
        .unwrap();
        let (theme, diagnostics) = read_theme(root);
        assert_eq!(
            files_and_messages(&diagnostics),
            [
                ("templates/item.html", m::THEME_OUTSIDE_SITE.en),
                ("templates/assets/style.css", m::THEME_OUTSIDE_SITE.en),
            ]
        );
        assert!(
            theme
                .templates
                .values()
                .all(|text| !text.contains("root:x"))
        );
        assert!(
            theme
                .assets
                .iter()
                .all(|(_, text)| !text.contains("root:x"))
        );
        assert_eq!(theme.templates["page.html"], "<p>own</p>");
        assert_eq!(theme.assets[1], ("print.css", "body{color:red}".into()));

        // templates/ itself a link out of the site: every file under it leads out.
        let site = tempfile::tempdir().unwrap();
        symlink(outside.path().join("theme"), site.path().join("templates")).unwrap();
        let (theme, diagnostics) = read_theme(site.path());
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert_eq!(diagnostics[0].file, "templates/404.html");
        assert_eq!(diagnostics[0].text.message.en, m::THEME_OUTSIDE_SITE.en);
        assert!(
            theme
                .templates
                .values()
                .all(|text| !text.contains("root:x"))
        );
    }

    #[test]
    fn text_that_is_not_utf8_is_reported_at_its_first_bad_byte() {
        let root = tempfile::tempdir().unwrap();
        write(
            root.path(),
            "templates/assets/style.css",
            b"body{}\n/* \xe4\xb8\xad */ \xff x",
        );
        let (_, diagnostics) = read_theme(root.path());
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert_eq!(diagnostics[0].span.start, Position::new(2, 9));
    }

    #[test]
    fn unreadable_overrides_are_template_errors_at_their_file() {
        let root = tempfile::tempdir().unwrap();
        let root = root.path();
        write(root, "templates/item.html", b"\xff\xfe not UTF-8");
        write(root, "templates/assets/site.js", b"\xff not UTF-8");
        // A folder named like an asset: there, but not a file.
        std::fs::create_dir_all(root.join("templates/assets/style.css")).unwrap();
        let (theme, diagnostics) = read_theme(root);
        assert_eq!(
            files_and_messages(&diagnostics),
            [
                ("templates/item.html", m::NOT_UTF8.en),
                ("templates/assets/style.css", m::THEME_UNREADABLE.en),
                ("templates/assets/site.js", m::NOT_UTF8.en),
            ]
        );
        for diagnostic in &diagnostics {
            assert_eq!(diagnostic.rule, RuleId::Template);
            assert_eq!(diagnostic.span.start, Position::START);
        }
        assert_eq!(
            diagnostics[1].text.render(crate::diagnostics::Language::En),
            "this file cannot be read: it is a folder, not a file"
        );
        // Meanwhile the built-ins stand in (the errors fail the build anyway).
        assert_eq!(theme, Theme::builtin());
    }

    #[cfg(unix)]
    #[test]
    fn a_dangling_symlinked_asset_and_a_fifo_template_are_errors() {
        let root = tempfile::tempdir().unwrap();
        let root = root.path();
        write(root, "templates/assets/.keep", b"");
        std::os::unix::fs::symlink(
            root.join("nowhere.css"),
            root.join("templates/assets/print.css"),
        )
        .unwrap();
        let status = std::process::Command::new("mkfifo")
            .arg(root.join("templates/page.html"))
            .status()
            .unwrap();
        assert!(status.success());
        let (_, diagnostics) = read_theme(root);
        let found: Vec<(&str, String)> = diagnostics
            .iter()
            .map(|d| {
                (
                    d.file.as_str(),
                    d.text.render(crate::diagnostics::Language::En),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                (
                    "templates/page.html",
                    "this file cannot be read: it is not a regular file (a FIFO, socket or device)"
                        .to_string()
                ),
                (
                    "templates/assets/print.css",
                    "this file cannot be read: it does not exist (or is a link to nothing)"
                        .to_string()
                ),
            ]
        );
    }
}
