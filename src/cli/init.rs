//! `zhinan init [DIR]`: a new site in a new or empty folder: site.yaml, one department, one law,
//! one complete example item, one free page, and the blank form and sample the item names, every
//! key with a Chinese comment. The starter files are in `src/cli/starter_site/`; the site checks
//! clean and builds (tests/staff.rs).

use std::path::{Path, PathBuf};

use super::messages::{self as m, say};
use super::{ExitCode, could_not_run};
use crate::diagnostics::Language;

/// The starter site: path under content/ and contents.
const STARTER_FILES: &[(&str, &[u8])] = &[
    ("site.yaml", include_bytes!("starter_site/site.yaml")),
    (
        "departments/dengji.yaml",
        include_bytes!("starter_site/departments/dengji.yaml"),
    ),
    (
        "laws/xzxkf.yaml",
        include_bytes!("starter_site/laws/xzxkf.yaml"),
    ),
    (
        "items/dengji/geti-sheli.yaml",
        include_bytes!("starter_site/items/dengji/geti-sheli.yaml"),
    ),
    (
        "pages/guanyu.md",
        include_bytes!("starter_site/pages/guanyu.md"),
    ),
    (
        "files/forms/geti-shenqingshu.docx",
        include_bytes!("starter_site/files/forms/geti-shenqingshu.docx"),
    ),
    (
        "files/samples/geti-shenqingshu-yangben.docx",
        include_bytes!("starter_site/files/samples/geti-shenqingshu-yangben.docx"),
    ),
];

/// The example item's review date, replaced by today's so that the new site is not stale.
const EXAMPLE_UPDATED: &str = "updated: 2026-10-01";

pub fn run_init(
    directory: &Path,
    today: Option<jiff::civil::Date>,
    language: Language,
) -> ExitCode {
    if let Err(message) = usable_folder(directory, language) {
        return could_not_run(message);
    }
    let today = crate::site::today_in("Asia/Shanghai", today);
    for (relative, contents) in STARTER_FILES {
        let path: PathBuf = directory.join("content").join(relative);
        let contents: Vec<u8> = if relative.ends_with("geti-sheli.yaml") {
            String::from_utf8_lossy(contents)
                .replace(EXAMPLE_UPDATED, &format!("updated: {today}"))
                .into_bytes()
        } else {
            contents.to_vec()
        };
        if let Some(parent) = path.parent()
            && let Err(error) = std::fs::create_dir_all(parent)
        {
            return could_not_run(format!("`{}`: {error}", parent.display()));
        }
        if let Err(error) = write_new(&path, &contents) {
            return could_not_run(format!("`{}`: {error}", path.display()));
        }
    }
    let gitignore = directory.join(".gitignore");
    if let Err(error) = write_new(&gitignore, b"/public/\n") {
        return could_not_run(format!("`{}`: {error}", gitignore.display()));
    }
    let dir = directory.display().to_string();
    println!("{}", say(&m::INIT_DONE, language, &[("dir", dir.clone())]));
    println!("{}", say(&m::INIT_NEXT, language, &[("dir", dir)]));
    ExitCode::Ok
}

/// A folder init may write into: missing, or an empty folder.
fn usable_folder(directory: &Path, language: Language) -> Result<(), String> {
    let dir = directory.display().to_string();
    let not_empty = || {
        format!(
            "{}\n{}: {}",
            say(&m::INIT_NOT_EMPTY, language, &[("dir", dir.clone())]),
            say(&m::HELP_PREFIX, language, &[]),
            say(&m::INIT_NOT_EMPTY_HELP, language, &[])
        )
    };
    match std::fs::symlink_metadata(directory) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(error) => Err(format!("`{dir}`: {error}")),
        Ok(metadata) if !metadata.is_dir() => Err(not_empty()),
        Ok(_) => match std::fs::read_dir(directory) {
            Ok(mut entries) => {
                if entries.next().is_some() {
                    Err(not_empty())
                } else {
                    Ok(())
                }
            }
            Err(error) => Err(format!("`{dir}`: {error}")),
        },
    }
}

/// Writes a file that must not exist yet (never overwrites).
pub fn write_new(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(contents)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key of the starter files has a Chinese comment: on the line above, or naming it in
    /// an earlier comment (`# originals：原件份数；copies：……`, once for a list's entries).
    #[test]
    fn every_key_of_the_starter_files_has_a_comment() {
        for (relative, contents) in STARTER_FILES {
            if !relative.ends_with(".yaml") && !relative.ends_with(".md") {
                continue;
            }
            let text = String::from_utf8_lossy(contents);
            let lines: Vec<&str> = text.lines().collect();
            let in_law_articles = |index: usize| {
                relative.starts_with("laws/")
                    && lines[..index]
                        .iter()
                        .any(|line| line.starts_with("articles:"))
            };
            for (index, line) in lines.iter().enumerate() {
                let body = line.trim_start().trim_start_matches("- ");
                let Some((key, _)) = body.split_once(':') else {
                    continue;
                };
                let is_key = !key.is_empty()
                    && key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
                    && !line.trim_start().starts_with('#');
                if !is_key || in_law_articles(index) {
                    continue;
                }
                let above = lines[index.saturating_sub(1)].trim_start();
                let named = lines[..index]
                    .iter()
                    .any(|earlier| earlier.trim_start().starts_with('#') && earlier.contains(key));
                assert!(
                    (index > 0 && above.starts_with('#')) || named,
                    "{relative}:{}: `{key}` has no comment",
                    index + 1
                );
            }
        }
    }
}
