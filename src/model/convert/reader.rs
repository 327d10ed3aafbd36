//! The generic reader: one YAML mapping checked against a map of the format table (unknown,
//! misspelt and duplicate keys), and its values read by type (text, enumerations, numbers,
//! dates, URLs, lists, time spans, law references, file paths), each problem a diagnostic at
//! the node's position. Keys are named only through the format table's `&'static Key`s, whose
//! need, type and values decide what is reported.

use super::values::{is_absolute_http_url, parse_date};
use crate::diagnostics::{Diagnostic, Position, Span, Text, messages as m};
use crate::load::yaml::{Node, Style, Value};
use crate::model::format::{self, Key};
use crate::model::*;
use crate::rules::RuleId;

/// The diagnostics sink for one file.
pub struct Reader<'a> {
    pub file: &'a str,
    pub diagnostics: &'a mut Vec<Diagnostic>,
    /// Shares equal texts between the files of one load.
    pub interner: &'a crate::model::Interner,
}

/// The entries of one mapping, checked for unknown and duplicate keys.
pub struct Fields<'n> {
    /// The keys this map may hold (the format table's).
    map: &'static format::Map,
    entries: Vec<(&'n str, &'n Node, &'n Node)>,
    /// Keys that count as written although they give no value: a key whose value carries a YAML
    /// tag (reported by `load`), and a known key that an unknown key of this map is a misspelling
    /// of (reported as `unknown-field` with "did you mean"). Neither gets a second diagnostic
    /// (`missing-field` or a dedicated rule's).
    written_without_value: Vec<String>,
    /// The map holds a merge key (`<<`, reported): every key counts as written.
    merges: bool,
    /// The first key of the map (where a missing key is reported).
    pub first_key: Position,
}

impl<'n> Fields<'n> {
    /// The value of `key`, unless absent or null. `key` is a key of the format table; a map of
    /// the same shape (`{value, unit}` inside `statutory`) is read with the shape's keys, so a
    /// key is found by name, and must be one of this map's (a bug otherwise, caught in tests).
    pub fn get(&self, key: &Key) -> Option<&'n Node> {
        self.value_of(key.name)
    }

    fn value_of(&self, name: &str) -> Option<&'n Node> {
        debug_assert!(
            self.map.allows(name),
            "`{name}` is not a key of `{}` in the format table",
            self.map.name
        );
        self.entries
            .iter()
            .find(|(written, _, value)| *written == name && !value.is_null())
            .map(|e| e.2)
    }

    pub fn key_node(&self, key: &Key) -> Option<&'n Node> {
        self.entries
            .iter()
            .find(|(name, _, _)| *name == key.name)
            .map(|e| e.1)
    }

    pub fn has(&self, key: &Key) -> bool {
        self.get(key).is_some() || self.is_written_without_value(key)
    }

    /// Written, but its value was unusable and is already reported (see `written_without_value`).
    pub fn is_written_without_value(&self, key: &Key) -> bool {
        self.merges
            || self
                .written_without_value
                .iter()
                .any(|written| written == key.name)
    }

    /// Whether `key` is written: present, not null, not empty text, not an empty list.
    pub fn is_written(&self, key: &Key) -> bool {
        self.is_written_by_name(key.name)
    }

    fn is_written_by_name(&self, name: &str) -> bool {
        (self.merges || self.written_without_value.iter().any(|w| w == name))
            || self.value_of(name).is_some_and(|node| match &node.value {
                Value::Scalar { text, .. } => !text.trim().is_empty(),
                Value::Sequence(items) => !items.is_empty(),
                Value::Mapping(_) => true,
            })
    }

    /// Which keys of the map are written: present, not null, not empty text, not an empty list.
    pub fn written(&self) -> Written {
        Written::of(self.map, |name| self.is_written_by_name(name))
    }

    /// Position of `key`'s key node, else the map's first key.
    pub fn key_position(&self, key: &Key) -> Position {
        self.key_node(key)
            .map(|node| node.start())
            .unwrap_or(self.first_key)
    }
}

/// Whether convert reports a key's absence as `missing-field`: only a plain required key; the
/// absence of a key a dedicated rule owns, or that is required in some cases only, is the rule's
/// to report (see the format table's [`format::Need`]).
fn reports_missing(key: &Key) -> bool {
    key.need == format::Need::Required
}

/// The map a key's value is, from its type in the format table.
fn map_of(key: &Key) -> &'static format::Map {
    match key.kind {
        format::Kind::Map(map) | format::Kind::Maps(map) => map,
        format::Kind::Span => &format::TIME_SPAN,
        format::Kind::LawReference => &format::LAW_REFERENCE,
        _ => panic!("`{}` is not a map in the format table", key.name),
    }
}

/// The values a key of an enumerated type may take, from the format table.
fn values_of(key: &Key) -> &'static [&'static str] {
    match key.kind {
        format::Kind::Enum(values) | format::Kind::Enums(values) => values,
        _ => panic!("`{}` is not an enumeration in the format table", key.name),
    }
}

fn edit_distance(left: &str, right: &str) -> usize {
    let right: Vec<char> = right.chars().collect();
    let mut previous: Vec<usize> = (0..=right.len()).collect();
    for (i, l) in left.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, r) in right.iter().enumerate() {
            let cost = if l == *r { 0 } else { 1 };
            current.push(
                (previous[j] + cost)
                    .min(previous[j + 1] + 1)
                    .min(current[j] + 1),
            );
        }
        previous = current;
    }
    previous[right.len()]
}

/// The allowed key that `key` misspells: the closest within edit distance 2 (content format,
/// scalars paragraph: such a key then gives only `unknown-field`, never also `missing-field`).
fn misspelling_of<'k>(key: &str, allowed: &[&'k str]) -> Option<&'k str> {
    allowed
        .iter()
        .map(|candidate| (edit_distance(key, candidate), *candidate))
        .filter(|(distance, _)| *distance <= 2 && *distance < key.chars().count())
        .min()
        .map(|(_, candidate)| candidate)
}

fn closest<'k>(key: &str, allowed: &[&'k str]) -> Option<&'k str> {
    allowed
        .iter()
        .map(|candidate| (edit_distance(key, candidate), *candidate))
        .filter(|(distance, candidate)| {
            *distance <= 2.max(candidate.len() / 4) && *distance < key.len()
        })
        .min()
        .map(|(_, candidate)| candidate)
}

impl<'a> Reader<'a> {
    pub fn push(&mut self, rule: RuleId, span: Span, text: Text, help: Option<Text>) {
        let mut diagnostic = Diagnostic::new(rule, self.file, span, text);
        diagnostic.help = help;
        self.diagnostics.push(diagnostic);
    }

    fn scalar_span(node: &Node) -> Span {
        node.span
    }

    /// Reads a mapping, reporting unknown and duplicate keys. `None` (after an `invalid-value`)
    /// when the node is not a mapping.
    pub fn fields<'n>(&mut self, node: &'n Node, key: &'static Key) -> Option<Fields<'n>> {
        self.map_fields(node, key.name, map_of(key))
    }

    /// [`fields`](Self::fields) of a whole file (`site.yaml`, `item`, `front matter`) or of a
    /// map read with a shape's keys, named `key` in diagnostics.
    pub fn map_fields<'n>(
        &mut self,
        node: &'n Node,
        key: &str,
        map: &'static format::Map,
    ) -> Option<Fields<'n>> {
        let Value::Mapping(entries) = &node.value else {
            self.push(
                RuleId::InvalidValue,
                node.span,
                Text::new(&m::EXPECTED_MAP).with("key", key),
                None,
            );
            return None;
        };
        let mut fields = Fields {
            map,
            entries: Vec::with_capacity(entries.len()),
            written_without_value: Vec::new(),
            merges: false,
            first_key: entries
                .first()
                .map(|(k, _)| k.start())
                .unwrap_or(node.start()),
        };
        for (key_node, value) in entries {
            let Some(name) = key_node.as_scalar() else {
                self.push(
                    RuleId::InvalidValue,
                    key_node.span,
                    Text::new(&m::NOT_SCALAR_KEY),
                    None,
                );
                continue;
            };
            if let Some((_, first, _)) = fields.entries.iter().find(|(n, _, _)| *n == name) {
                let line = first.start().line.to_string();
                self.push(
                    RuleId::YamlSyntax,
                    key_node.span,
                    Text::new(&m::DUPLICATE_KEY).with("key", name),
                    Some(Text::new(&m::DUPLICATE_KEY_HELP).with("line", line)),
                );
                continue;
            }
            if name == "<<" {
                // The keys it would have merged are written for this map's rules: one
                // diagnostic for the merge key, none for each key it hides.
                fields.merges = true;
                self.push(
                    RuleId::InvalidValue,
                    key_node.span,
                    Text::new(&m::MERGE_KEY),
                    Some(Text::new(&m::MERGE_KEY_HELP)),
                );
                continue;
            }
            if !map.allows(name) {
                // Only for an unknown key: the candidates for "did you mean".
                let allowed: Vec<&str> = map.names().collect();
                let allowed = allowed.as_slice();
                if let Some(meant) = misspelling_of(name, allowed) {
                    fields.written_without_value.push(meant.to_string());
                }
                let help = match closest(name, allowed) {
                    Some(suggestion) => {
                        Text::new(&m::UNKNOWN_FIELD_SUGGEST).with("suggestion", suggestion)
                    }
                    None => Text::new(&m::UNKNOWN_FIELD_HELP).with("allowed", allowed.join(", ")),
                };
                self.push(
                    RuleId::UnknownField,
                    key_node.span,
                    Text::new(&m::UNKNOWN_FIELD).with("key", name),
                    Some(help),
                );
                continue;
            }
            if value.tag.is_some() {
                // Reported by `load`; the key is written, its value unusable.
                fields.written_without_value.push(name.to_string());
                continue;
            }
            fields.entries.push((name, key_node, value));
        }
        // A key written correctly is not also "meant" by a misspelling.
        let present: Vec<&str> = fields.entries.iter().map(|entry| entry.0).collect();
        fields
            .written_without_value
            .retain(|key| !present.contains(&key.as_str()));
        Some(fields)
    }

    pub fn missing(&mut self, fields: &Fields, key: &Key) {
        if fields.is_written_without_value(key) {
            return;
        }
        // Written with nothing after the colon (`name:`, as `zhinan new` leaves it): at the key.
        if let Some(key_node) = fields.key_node(key) {
            self.push(
                RuleId::MissingField,
                key_node.span,
                Text::new(&m::EMPTY_FIELD).with("key", key.name),
                Some(Text::new(&m::EMPTY_FIELD_HELP).with("key", key.name)),
            );
            return;
        }
        self.push(
            RuleId::MissingField,
            Span::point(fields.first_key),
            Text::new(&m::MISSING_FIELD).with("key", key.name),
            Some(Text::new(&m::MISSING_FIELD_HELP).with("key", key.name)),
        );
    }

    /// The node of `key`, reporting `missing-field` when required and absent.
    pub fn node<'n>(&mut self, fields: &Fields<'n>, key: &Key) -> Option<&'n Node> {
        let node = fields.get(key);
        if node.is_none() && reports_missing(key) {
            self.missing(fields, key);
        }
        node
    }

    /// A plain-text scalar, exactly as written. Empty text counts as absent.
    pub fn text(&mut self, fields: &Fields, key: &Key) -> Option<Str> {
        let node = fields.get(key);
        let Some(node) = node else {
            if reports_missing(key) {
                self.missing(fields, key);
            }
            return None;
        };
        self.text_node(node, key.name, reports_missing(key))
    }

    /// `required`: empty text is reported as `missing-field`.
    fn text_node(&mut self, node: &Node, key: &str, required: bool) -> Option<Str> {
        match &node.value {
            Value::Scalar { text, style } => {
                // `name: “食品经营许可”`: the typist meant quotes, the page would show them.
                if *style == crate::load::yaml::Style::Plain
                    && text.chars().count() >= 2
                    && ((text.starts_with('“') && text.ends_with('”'))
                        || (text.starts_with('‘') && text.ends_with('’')))
                {
                    self.push(
                        RuleId::YamlSyntax,
                        Span::point(node.span.start),
                        Text::new(&m::TYPO_FULLWIDTH_QUOTES).with("key", key),
                        Some(Text::new(&m::TYPO_FULLWIDTH_QUOTES_HELP)),
                    );
                }
                if text.trim().is_empty() {
                    if required {
                        self.push(
                            RuleId::MissingField,
                            node.span,
                            Text::new(&m::EMPTY_FIELD).with("key", key),
                            Some(Text::new(&m::MISSING_FIELD_HELP).with("key", key)),
                        );
                    }
                    return None;
                }
                Some(Spanned {
                    value: self.interner.intern(text),
                    span: Self::scalar_span(node),
                })
            }
            _ => {
                self.push(
                    RuleId::InvalidValue,
                    node.span,
                    Text::new(&m::EXPECTED_TEXT).with("key", key),
                    Some(Text::new(&m::EXPECTED_TEXT_HELP)),
                );
                None
            }
        }
    }

    /// Text of a required key: a default (already reported) when absent.
    pub fn required_text(&mut self, fields: &Fields, key: &Key) -> Str {
        debug_assert!(
            !matches!(key.need, format::Need::Optional),
            "`{}` is optional",
            key.name
        );
        self.text(fields, key).unwrap_or_default()
    }

    /// One of the values the format table gives the key.
    pub fn enumerated(&mut self, fields: &Fields, key: &Key) -> Option<Str> {
        let text = self.text(fields, key)?;
        self.check_enum(text, key.name, values_of(key))
    }

    fn check_enum(&mut self, text: Str, key: &str, allowed: &[&str]) -> Option<Str> {
        if allowed.contains(&text.as_str()) {
            return Some(text);
        }
        self.push(
            RuleId::InvalidValue,
            text.span,
            Text::new(&m::BAD_ENUM)
                .with("key", key)
                .with("value", text.value.to_string()),
            Some(
                Text::new(&m::BAD_ENUM_HELP).with(
                    "allowed",
                    allowed
                        .iter()
                        .map(|value| format!("`{value}`"))
                        .collect::<Vec<_>>()
                        .join(" / "),
                ),
            ),
        );
        None
    }

    pub fn boolean(&mut self, fields: &Fields, key: &Key) -> Option<Spanned<bool>> {
        let node = self.node(fields, key)?;
        match &node.value {
            Value::Scalar {
                text,
                style: Style::Plain,
            } if text == "true" || text == "false" => Some(Spanned {
                value: text == "true",
                span: node.span,
            }),
            _ => {
                let shown = node.as_scalar().unwrap_or(node.kind_name()).to_string();
                self.push(
                    RuleId::InvalidValue,
                    node.span,
                    Text::new(&m::EXPECTED_BOOL)
                        .with("key", key.name)
                        .with("value", shown),
                    Some(Text::new(&m::EXPECTED_BOOL_HELP)),
                );
                None
            }
        }
    }

    pub fn number(&mut self, fields: &Fields, key: &Key) -> Option<Spanned<u64>> {
        let node = self.node(fields, key)?;
        self.number_node(node, key.name)
    }

    fn number_node(&mut self, node: &Node, key: &str) -> Option<Spanned<u64>> {
        if let Value::Scalar {
            text,
            style: Style::Plain,
        } = &node.value
            && !text.is_empty()
            && text.bytes().all(|b| b.is_ascii_digit())
            && let Ok(value) = text.parse::<u64>()
        {
            return Some(Spanned {
                value,
                span: node.span,
            });
        }
        let shown = node.as_scalar().unwrap_or(node.kind_name()).to_string();
        self.push(
            RuleId::InvalidValue,
            node.span,
            Text::new(&m::EXPECTED_NUMBER)
                .with("key", key)
                .with("value", shown),
            Some(Text::new(&m::EXPECTED_NUMBER_HELP)),
        );
        None
    }

    pub fn date(&mut self, fields: &Fields, key: &Key) -> Option<Spanned<jiff::civil::Date>> {
        let text = self.text(fields, key)?;
        match parse_date(&text.value) {
            Some(date) => Some(Spanned {
                value: date,
                span: text.span,
            }),
            None => {
                self.push(
                    RuleId::InvalidValue,
                    text.span,
                    Text::new(&m::BAD_DATE)
                        .with("key", key.name)
                        .with("value", text.value.to_string()),
                    Some(Text::new(&m::BAD_DATE_HELP)),
                );
                None
            }
        }
    }

    pub fn url(&mut self, fields: &Fields, key: &Key) -> Option<Str> {
        let text = self.text(fields, key)?;
        if is_absolute_http_url(&text.value) {
            return Some(text);
        }
        self.push(
            RuleId::InvalidValue,
            text.span,
            Text::new(&m::BAD_URL)
                .with("key", key.name)
                .with("value", text.value.to_string()),
            Some(Text::new(&m::BAD_URL_HELP)),
        );
        None
    }

    /// The entries of a list. A single scalar where a list is expected is an `invalid-value`.
    pub fn list<'n>(&mut self, fields: &Fields<'n>, key: &Key) -> Option<&'n [Node]> {
        let node = fields.get(key);
        let Some(node) = node else {
            if reports_missing(key) {
                self.missing(fields, key);
            }
            return None;
        };
        match &node.value {
            Value::Sequence(items) if items.is_empty() => {
                if reports_missing(key) {
                    self.push(
                        RuleId::MissingField,
                        node.span,
                        Text::new(&m::EMPTY_FIELD).with("key", key.name),
                        Some(Text::new(&m::MISSING_FIELD_HELP).with("key", key.name)),
                    );
                }
                Some(&[])
            }
            Value::Sequence(items) => Some(items),
            _ => {
                self.push(
                    RuleId::InvalidValue,
                    node.span,
                    Text::new(&m::EXPECTED_LIST).with("key", key.name),
                    None,
                );
                None
            }
        }
    }

    pub fn text_list(&mut self, fields: &Fields, key: &Key) -> Vec<Str> {
        let Some(items) = self.list(fields, key) else {
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|node| self.text_node(node, key.name, false))
            .collect()
    }

    /// A list of values the format table gives the key, each checked.
    pub fn enumerated_list(&mut self, fields: &Fields, key: &Key) -> Vec<Str> {
        self.text_list(fields, key)
            .into_iter()
            .filter_map(|text| self.check_enum(text, key.name, values_of(key)))
            .collect()
    }

    /// A time span `{value, unit}`.
    pub fn time_span(&mut self, fields: &Fields, key: &'static Key) -> Option<TimeSpan> {
        let node = self.node(fields, key)?;
        let inner = self.fields(node, key)?;
        self.time_span_of(&inner, node)
    }

    /// The `{value, unit}` of a map that may hold more keys (read by the caller).
    pub fn time_span_of(&mut self, inner: &Fields, node: &Node) -> Option<TimeSpan> {
        let value = self.number(inner, format::time_span::VALUE);
        let unit_text = self.text(inner, format::time_span::UNIT);
        let unit = unit_text.and_then(|text| {
            let found = TimeUnit::ALL
                .iter()
                .find(|(label, _)| *label == &*text.value)
                .map(|(_, unit)| *unit);
            if found.is_none() {
                let allowed: Vec<&str> = TimeUnit::ALL.iter().map(|(label, _)| *label).collect();
                self.check_enum(text, format::time_span::UNIT.name, &allowed);
            }
            found
        });
        Some(TimeSpan {
            value: value?.value,
            unit: unit?,
            span: node.span,
        })
    }

    /// A law reference `{law, article}` (plus `extra` keys allowed, read by the caller).
    pub fn law_reference(&mut self, node: &Node, key: &Key) -> Option<LawReference> {
        let fields = self.map_fields(node, key.name, &format::LAW_REFERENCE)?;
        self.law_reference_fields(&fields, node)
    }

    pub fn law_reference_fields(&mut self, fields: &Fields, node: &Node) -> Option<LawReference> {
        let law = self.text(fields, format::law_reference::LAW);
        let article = self.text(fields, format::law_reference::ARTICLE);
        // A law named by its title (`行政许可法`) is left to `resolve`, which finds the law by
        // title and suggests its id; any other malformed id is invalid here.
        if let Some(law) = &law
            && !is_valid_id(&law.value)
            && law.value.is_ascii()
        {
            self.push(
                RuleId::InvalidValue,
                law.span,
                Text::new(&m::BAD_ID).with("value", law.value.to_string()),
                None,
            );
            return None;
        }
        Some(LawReference {
            law: law?,
            article: article?,
            span: node.span,
        })
    }

    pub fn optional_law_reference(&mut self, fields: &Fields, key: &Key) -> Option<LawReference> {
        let node = fields.get(key)?;
        self.law_reference(node, key)
    }

    /// A path under content/files/: relative, no `..`, `/` separators. Existence and symlinks are
    /// checked by `resolve`.
    pub fn file_path(&mut self, fields: &Fields, key: &Key) -> Option<Str> {
        let mut text = self.text(fields, key)?;
        // (v2) `./forms/x.docx` and `forms//x.docx` are `forms/x.docx`.
        let normalised = normalise_path(&text.value);
        if *normalised != *text.value {
            text.value = self.interner.intern(&normalised);
        }
        let reason = if text.value.starts_with('/') || text.value.contains(':') {
            Some(&m::PATH_ABSOLUTE)
        } else if text.value.contains('\\') {
            Some(&m::PATH_BACKSLASH)
        } else if text
            .value
            .split('/')
            .any(|part| part == ".." || part == "." || part.is_empty())
        {
            Some(&m::PATH_PARENT)
        } else {
            None
        };
        if let Some(reason) = reason {
            self.push(
                RuleId::InvalidValue,
                text.span,
                Text::new(&m::BAD_PATH)
                    .with("value", text.value.to_string())
                    .with_message("reason", reason),
                Some(Text::new(&m::BAD_PATH_HELP)),
            );
            return None;
        }
        Some(text)
    }

    /// Each entry of a list of maps.
    pub fn each_map<'n>(
        &mut self,
        fields: &Fields<'n>,
        key: &'static Key,
    ) -> Vec<(Fields<'n>, &'n Node)> {
        let Some(items) = self.list(fields, key) else {
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|node| Some((self.fields(node, key)?, node)))
            .collect()
    }
}

/// A relative path with leading `./`, inner `/./` and doubled `/` removed; anything else (an
/// absolute path, `..`) is left for the caller to refuse.
fn normalise_path(path: &str) -> std::borrow::Cow<'_, str> {
    if !path.starts_with("./") && !path.contains("//") && !path.contains("/./") {
        return std::borrow::Cow::Borrowed(path);
    }
    let absolute = path.starts_with('/');
    let parts: Vec<&str> = path
        .split('/')
        .filter(|part| !part.is_empty() && *part != ".")
        .collect();
    let joined = parts.join("/");
    std::borrow::Cow::Owned(if absolute {
        format!("/{joined}")
    } else {
        joined
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_keys() {
        let item_keys: Vec<&str> = format::ITEM.names().collect();
        assert_eq!(closest("materals", &item_keys), Some("materials"));
        assert_eq!(closest("xyz", &item_keys), None);
    }
}
