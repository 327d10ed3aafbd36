//! `zhinan new item <dept>/<id>`, `new department <id>`, `new law <id>`, `new page <slug>`: a
//! new file with every key of the format (generated from `model::format` by
//! [`template_file`](super::template_file)), each with its Chinese meaning as a comment, the
//! department and today's date filled in. It never overwrites a file; the new file's
//! diagnostics are printed right after (`check` of that one file).

use std::path::PathBuf;

use super::messages::{self as m, say};
use super::template_file::{KnownValues, blank_yaml};
use super::{ExitCode, NewKind, could_not_run, root_exists};
use crate::model::format;

pub fn run_new(kind: NewKind) -> ExitCode {
    let common = kind.common().clone();
    let language = common.language();
    if let Err(message) = root_exists(&common) {
        return could_not_run(message);
    }
    let today = crate::site::today_in("Asia/Shanghai", common.today);
    let bad_id = |id: &str| could_not_run(say(&m::NEW_BAD_ID, language, &[("id", id.to_string())]));
    let (relative, text) = match &kind {
        NewKind::Item { path, .. } => {
            let Some((department, id)) = path.split_once('/') else {
                return could_not_run(say(
                    &m::NEW_BAD_ITEM_PATH,
                    language,
                    &[("path", path.clone())],
                ));
            };
            for part in [department, id] {
                if !crate::load::is_valid_id(part) {
                    return bad_id(part);
                }
            }
            let known = KnownValues {
                department: Some(department),
                today: Some(today),
            };
            (
                format!("content/items/{department}/{id}.yaml"),
                blank_yaml(&format::ITEM, &[m::NEW_HEADER_ITEM.zh], &known),
            )
        }
        NewKind::Department { id, .. }
        | NewKind::Law { id, .. }
        | NewKind::Page { slug: id, .. } => {
            if !crate::load::is_valid_id(id) {
                return bad_id(id);
            }
            let known = KnownValues::default();
            match &kind {
                NewKind::Department { .. } => (
                    format!("content/departments/{id}.yaml"),
                    blank_yaml(&format::DEPARTMENT, &[m::NEW_HEADER_DEPARTMENT.zh], &known),
                ),
                NewKind::Law { .. } => (
                    format!("content/laws/{id}.yaml"),
                    blank_yaml(&format::LAW, &[m::NEW_HEADER_LAW.zh], &known),
                ),
                _ => (
                    format!("content/pages/{id}.md"),
                    format!(
                        "---\n{}---\n{}\n",
                        blank_yaml(&format::FRONT_MATTER, &[m::NEW_HEADER_PAGE.zh], &known),
                        m::NEW_PAGE_BODY.zh
                    ),
                ),
            }
        }
    };
    let path: PathBuf = common.root.join(&relative);
    if std::fs::symlink_metadata(&path).is_ok() {
        return could_not_run(say(&m::NEW_EXISTS, language, &[("file", relative)]));
    }
    if let Some(parent) = path.parent()
        && let Err(error) = std::fs::create_dir_all(parent)
    {
        return could_not_run(format!("`{}`: {error}", parent.display()));
    }
    if let Err(error) = super::init::write_new(&path, text.as_bytes()) {
        return could_not_run(format!("`{}`: {error}", path.display()));
    }
    println!(
        "{}",
        say(&m::NEW_CREATED, language, &[("file", relative.clone())])
    );
    // The new file's diagnostics, as `check <file>` prints them; creating it succeeded.
    let _ = super::check::check_files(
        &common,
        &[path],
        crate::diagnostics::report::Format::Human,
        false,
    );
    ExitCode::Ok
}
