//! Links the model: department, law, article and file references (`unresolved-reference`, and
//! `invalid-value` for a file that leads out of content/files/), and the cross-item problems
//! `duplicate-code` and `duplicate-id`.

use crate::rules::RuleId;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Position, Related, Span, Text, messages as m};
use crate::fs::WalkedFile;
use crate::model::{Department, Item, Law, LawReference, Str};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileStatus {
    Inside,
    OutsideThroughSymlink,
}

/// What references may point at.
pub struct References<'a> {
    pub departments: &'a BTreeMap<String, Department>,
    pub laws: &'a BTreeMap<String, Law>,
    files: HashMap<String, FileStatus>,
    files_root: PathBuf,
    canonical_files_root: Option<PathBuf>,
}

impl<'a> References<'a> {
    pub fn new(
        departments: &'a BTreeMap<String, Department>,
        laws: &'a BTreeMap<String, Law>,
        attachments: &[WalkedFile],
        files_root: &Path,
    ) -> Self {
        let canonical_files_root = crate::fs::canonicalize(files_root).ok();
        let files = attachments
            .iter()
            .map(|file| {
                let status = if file.is_symlink {
                    match canonical_files_root
                        .as_deref()
                        .and_then(|root| crate::fs::resolve_within(root, &file.path))
                    {
                        Some((target, true)) if target.is_file() => FileStatus::Inside,
                        _ => FileStatus::OutsideThroughSymlink,
                    }
                } else {
                    FileStatus::Inside
                };
                (file.relative.clone(), status)
            })
            .collect();
        References {
            departments,
            laws,
            files,
            files_root: files_root.to_path_buf(),
            canonical_files_root,
        }
    }

    /// Whether a published attachment may be copied (not a symlink out of content/files/).
    pub fn attachment_is_safe(&self, relative: &str) -> bool {
        self.files.get(relative) == Some(&FileStatus::Inside)
    }

    fn file_status(&self, relative: &str) -> Option<FileStatus> {
        if let Some(status) = self.files.get(relative) {
            return Some(*status);
        }
        // Not found by the walk: it may sit behind a symlinked folder, which the walk never enters.
        let candidate = self.files_root.join(relative);
        // Cannot be resolved: no such file (reported as unresolved by the caller).
        let (target, inside) = match &self.canonical_files_root {
            Some(root) => crate::fs::resolve_within(root, &candidate)?,
            None => (crate::fs::canonicalize(&candidate).ok()?, false),
        };
        if inside && target.is_file() {
            None
        } else {
            Some(FileStatus::OutsideThroughSymlink)
        }
    }
}

/// How many known ids a help line lists.
const LISTED: usize = 8;

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, a_char) in a.chars().enumerate() {
        current[0] = i + 1;
        for (j, b_char) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(a_char != *b_char);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// How far `value` is from a candidate with this id and title: 0 when the value names the
/// title (`行政许可法` for 中华人民共和国行政许可法), else the edit distance to the id or to the
/// title, whichever is nearer.
fn distance(value: &str, id: &str, title: &str) -> usize {
    let value = value.trim();
    let title = title.trim_matches(['《', '》']);
    let value_bare = value.trim_matches(['《', '》']);
    if !title.is_empty()
        && value_bare.chars().count() >= 2
        && (title.contains(value_bare) || value_bare.contains(title))
    {
        return 0;
    }
    let by_id = edit_distance(value, id);
    if title.is_empty() {
        by_id
    } else {
        by_id.min(edit_distance(value_bare, title))
    }
}

/// The known ids nearest to `value` (by id and by title), at most [`LISTED`], as
/// `` `id` "title" ``; the nearest one when it is near enough to be a likely typo; the total.
struct Nearest {
    listed: String,
    shown: usize,
    total: usize,
    suggestion: Option<String>,
}

fn nearest<'k>(value: &str, candidates: impl Iterator<Item = (&'k str, &'k str)>) -> Nearest {
    let mut scored: Vec<(usize, &str, &str)> = candidates
        .map(|(id, title)| (distance(value, id, title), id, title))
        .collect();
    scored.sort();
    let total = scored.len();
    let suggestion = scored.first().and_then(|(score, id, _)| {
        let limit = (value.chars().count() / 3).max(2);
        (*score <= limit && *id != value).then(|| id.to_string())
    });
    let listed: Vec<String> = scored
        .iter()
        .take(LISTED)
        .map(|(_, id, title)| {
            if title.is_empty() {
                format!("`{id}`")
            } else {
                // Quoted, so that an English line carries the Chinese only as content.
                format!("`{id}` \"{title}\"")
            }
        })
        .collect();
    Nearest {
        shown: listed.len(),
        listed: if listed.is_empty() {
            "—".into()
        } else {
            listed.join(", ")
        },
        total,
        suggestion,
    }
}

/// The help of an unresolved department or law: a suggestion when one is near, else the plain
/// list, or the cut list saying how many there are.
fn nearest_help(
    nearest: Nearest,
    plain: &'static crate::diagnostics::messages::Message,
    cut: &'static crate::diagnostics::messages::Message,
    suggest: &'static crate::diagnostics::messages::Message,
) -> Text {
    match nearest.suggestion {
        Some(suggestion) => Text::new(suggest)
            .with("suggestion", suggestion)
            .with("known", nearest.listed),
        None if nearest.shown < nearest.total => Text::new(cut)
            .with("known", nearest.listed)
            .with("shown", nearest.shown.to_string())
            .with("total", nearest.total.to_string()),
        None => Text::new(plain).with("known", nearest.listed),
    }
}

/// Chinese numeral for an article number (105 -> 一百零五), as articles are spelled.
pub fn chinese_numeral(number: u32) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    if number == 0 {
        return DIGITS[0].into();
    }
    if number < 10 {
        return DIGITS[number as usize].into();
    }
    if number < 20 {
        return format!(
            "十{}",
            if number.is_multiple_of(10) {
                ""
            } else {
                DIGITS[(number % 10) as usize]
            }
        );
    }
    let units = [(1000, "千"), (100, "百"), (10, "十")];
    let mut output = String::new();
    let mut remainder = number;
    let mut pending_zero = false;
    for (value, name) in units {
        let digit = remainder / value;
        remainder %= value;
        if digit > 0 {
            if pending_zero {
                output.push_str(DIGITS[0]);
                pending_zero = false;
            }
            output.push_str(DIGITS[digit as usize]);
            output.push_str(name);
        } else if !output.is_empty() {
            pending_zero = true;
        }
    }
    if remainder > 0 {
        if pending_zero {
            output.push_str(DIGITS[0]);
        }
        output.push_str(DIGITS[remainder as usize]);
    }
    output
}

/// `第30条` -> `第三十条`, for the help line.
fn respell_article(article: &str) -> Option<String> {
    let digits = article.strip_prefix('第')?.strip_suffix('条')?;
    let number: u32 = digits.trim().parse().ok()?;
    Some(format!("第{}条", chinese_numeral(number)))
}

/// Checks one law reference.
pub fn check_law_reference(
    reference: &LawReference,
    references: &References,
    file: &str,
    out: &mut Vec<Diagnostic>,
) {
    let Some(law) = references.laws.get(&*reference.law.value) else {
        out.push(
            Diagnostic::new(
                RuleId::UnresolvedReference,
                file,
                reference.law.span,
                Text::new(&m::UNKNOWN_LAW).with("value", reference.law.value.to_string()),
            )
            .help(nearest_help(
                nearest(
                    &reference.law.value,
                    references
                        .laws
                        .iter()
                        .map(|(id, law)| (id.as_str(), &*law.title.value)),
                ),
                &m::UNKNOWN_LAW_HELP,
                &m::UNKNOWN_LAW_CUT_HELP,
                &m::UNKNOWN_LAW_SUGGEST_HELP,
            )),
        );
        return;
    };
    let Some(articles) = &law.articles else {
        return;
    };
    if articles
        .iter()
        .any(|(key, _)| key.value == reference.article.value)
    {
        return;
    }
    let example = respell_article(&reference.article.value)
        .filter(|respelt| articles.iter().any(|(key, _)| *key.value == **respelt))
        .or_else(|| articles.first().map(|(key, _)| key.value.to_string()))
        .unwrap_or_else(|| "第一条".into());
    out.push(
        Diagnostic::new(
            RuleId::UnresolvedReference,
            file,
            reference.article.span,
            Text::new(&m::UNKNOWN_ARTICLE)
                .with("value", reference.article.value.to_string())
                .with("law", law.title.value.to_string()),
        )
        .help(
            Text::new(&m::UNKNOWN_ARTICLE_HELP)
                .with("law_id", law.id.clone())
                .with("example", example),
        ),
    );
}

fn check_file(path: &Str, references: &References, file: &str, out: &mut Vec<Diagnostic>) {
    match references.file_status(&path.value) {
        None => {}
        Some(FileStatus::Inside) => {}
        Some(FileStatus::OutsideThroughSymlink) => out.push(
            Diagnostic::new(
                RuleId::InvalidValue,
                file,
                path.span,
                Text::new(&m::BAD_PATH)
                    .with("value", path.value.to_string())
                    .with_message("reason", &m::PATH_SYMLINK),
            )
            .help(Text::new(&m::BAD_PATH_HELP)),
        ),
    }
    let exists = references.files.contains_key(&*path.value)
        || references.files_root.join(&*path.value).is_file();
    if !exists {
        out.push(
            Diagnostic::new(
                RuleId::UnresolvedReference,
                file,
                path.span,
                Text::new(&m::UNKNOWN_FILE).with("value", path.value.to_string()),
            )
            .help(match nearest_file(&path.value, references) {
                Some(suggestion) => {
                    Text::new(&m::UNKNOWN_FILE_SUGGEST_HELP).with("suggestion", suggestion)
                }
                None => Text::new(&m::UNKNOWN_FILE_HELP),
            }),
        );
    }
}

/// The attachment nearest to a missing one, when it is near enough to be a typo.
fn nearest_file(value: &str, references: &References) -> Option<String> {
    let limit = (value.chars().count() / 4).max(2);
    references
        .files
        .keys()
        .map(|file| (edit_distance(value, file), file))
        .filter(|(score, _)| *score <= limit)
        .min()
        .map(|(_, file)| file.clone())
}

/// Every reference of one item.
pub fn resolve_item(item: &Item, references: &References, out: &mut Vec<Diagnostic>) {
    let file = item.file.as_str();
    if !item.department.value.is_empty()
        && !references.departments.contains_key(&*item.department.value)
    {
        out.push(
            Diagnostic::new(
                RuleId::UnresolvedReference,
                file,
                item.department.span,
                Text::new(&m::UNKNOWN_DEPARTMENT).with("value", item.department.value.to_string()),
            )
            .help(nearest_help(
                nearest(
                    &item.department.value,
                    references
                        .departments
                        .iter()
                        .map(|(id, department)| (id.as_str(), &*department.name.value)),
                ),
                &m::UNKNOWN_DEPARTMENT_HELP,
                &m::UNKNOWN_DEPARTMENT_CUT_HELP,
                &m::UNKNOWN_DEPARTMENT_SUGGEST_HELP,
            )),
        );
    }
    for reference in item.law_references() {
        check_law_reference(reference, references, file, out);
    }
    for path in item.file_paths() {
        check_file(path, references, file, out);
    }
}

/// `duplicate-code` (one diagnostic per later file of a group, pointing back at the first) and
/// `duplicate-id` (same file stem in different folders; at 1:1 of each later file).
pub fn duplicates(items: &[Item]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut by_code: BTreeMap<&str, Vec<&Item>> = BTreeMap::new();
    let mut by_id: BTreeMap<&str, Vec<&Item>> = BTreeMap::new();
    for item in items {
        if !item.code.value.is_empty() {
            by_code.entry(item.code.as_str()).or_default().push(item);
        }
        by_id.entry(item.id.as_str()).or_default().push(item);
    }
    for (code, mut group) in by_code {
        if group.len() < 2 {
            continue;
        }
        group.sort_by(|a, b| a.file.cmp(&b.file));
        let first = group[0];
        for later in &group[1..] {
            out.push(
                Diagnostic::new(
                    RuleId::DuplicateCode,
                    &later.file,
                    later.code.span,
                    Text::new(&m::DUPLICATE_CODE).with("value", code),
                )
                .help(Text::new(&m::DUPLICATE_CODE_HELP).with("other", first.file.clone()))
                .related(Related {
                    file: first.file.clone(),
                    span: first.code.span,
                    text: Text::new(&m::DUPLICATE_CODE_RELATED),
                }),
            );
        }
    }
    for (id, mut group) in by_id {
        if group.len() < 2 {
            continue;
        }
        group.sort_by(|a, b| a.file.cmp(&b.file));
        let first = group[0];
        for later in &group[1..] {
            out.push(
                Diagnostic::new(
                    RuleId::DuplicateId,
                    &later.file,
                    Span::point(Position::START),
                    Text::new(&m::DUPLICATE_ID)
                        .with("value", id)
                        .with("other", first.file.clone()),
                )
                .help(Text::new(&m::DUPLICATE_ID_HELP))
                .related(Related {
                    file: first.file.clone(),
                    span: Span::point(Position::START),
                    text: Text::new(&m::DUPLICATE_ID_RELATED),
                }),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_ids_by_edit_distance_and_by_title() {
        assert_eq!(edit_distance("xzxkf", "xzxkf"), 0);
        assert_eq!(edit_distance("xzkxf", "xzxkf"), 2);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        let laws = [
            ("djtl", "中华人民共和国市场主体登记管理条例"),
            ("xzxkf", "中华人民共和国行政许可法"),
            ("spaqf", "中华人民共和国食品安全法"),
        ];
        let typo = nearest("xzxfk", laws.iter().copied());
        assert_eq!(typo.suggestion.as_deref(), Some("xzxkf"));
        assert!(
            typo.listed
                .starts_with("`xzxkf` \"中华人民共和国行政许可法\""),
            "{}",
            typo.listed
        );
        let title = nearest("行政许可法", laws.iter().copied());
        assert_eq!(title.suggestion.as_deref(), Some("xzxkf"));
        let far = nearest("zzzzzzzzzz", laws.iter().copied());
        assert_eq!(far.suggestion, None);
        assert_eq!((far.shown, far.total), (3, 3));
    }

    #[test]
    fn a_cut_list_says_so() {
        let ids: Vec<String> = (0..20).map(|n| format!("law-{n:02}")).collect();
        let nearest = nearest("qqqqqqqqqqqqqqqq", ids.iter().map(|id| (id.as_str(), "")));
        assert_eq!((nearest.shown, nearest.total), (LISTED, 20));
        let help = nearest_help(
            nearest,
            &m::UNKNOWN_LAW_HELP,
            &m::UNKNOWN_LAW_CUT_HELP,
            &m::UNKNOWN_LAW_SUGGEST_HELP,
        );
        let text = help.render(crate::diagnostics::Language::En);
        assert!(text.contains("(the 8 nearest of 20)"), "{text}");
        let text = help.render(crate::diagnostics::Language::Zh);
        assert!(text.contains("最相近的 8 部，共 20 部"), "{text}");
    }

    #[test]
    fn numerals() {
        let cases = [
            (1, "一"),
            (10, "十"),
            (11, "十一"),
            (20, "二十"),
            (30, "三十"),
            (32, "三十二"),
            (100, "一百"),
            (105, "一百零五"),
            (110, "一百一十"),
            (1001, "一千零一"),
        ];
        for (number, expected) in cases {
            assert_eq!(chinese_numeral(number), expected, "{number}");
        }
        assert_eq!(respell_article("第30条").as_deref(), Some("第三十条"));
    }
}
