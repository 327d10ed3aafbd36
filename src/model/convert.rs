//! YAML node trees to model values, one file at a time, reporting `missing-field`,
//! `unknown-field`, `invalid-value` (and duplicate keys as `yaml-syntax`) as it goes.
//!
//! Keys that a dedicated `check` rule is about (see the content format: `appointment`,
//! `handlers.substitute`, `phone` of a department, `fees`, `refusals`, `issuer`, `blank_form`...)
//! are read as optional here, so that one missing key gives exactly one diagnostic.

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

pub fn parse_date(text: &str) -> Option<jiff::civil::Date> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let year: i16 = text[0..4].parse().ok()?;
    let month: i8 = text[5..7].parse().ok()?;
    let day: i8 = text[8..10].parse().ok()?;
    jiff::civil::Date::new(year, month, day).ok()
}

/// A `base_url` every generated link can be built on: absolute http(s) with a host, and no query,
/// fragment, `..` or `.` segment, quote, angle bracket, backslash or space.
pub fn is_safe_base_url(text: &str) -> bool {
    let Some(rest) = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
    else {
        return false;
    };
    let host = rest.split('/').next().unwrap_or("");
    !host.is_empty()
        && !host.contains('@')
        && !text
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "?#\"'<>\\`".contains(c))
        && !rest
            .split('/')
            .skip(1)
            .any(|segment| segment == ".." || segment == ".")
}

pub fn is_absolute_http_url(text: &str) -> bool {
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"));
    rest.is_some_and(|rest| {
        !rest.is_empty() && !rest.starts_with('/') && !text.chars().any(char::is_whitespace)
    })
}

/// site.yaml. `root` is `None` for an empty file (already reported).
pub fn site(reader: &mut Reader, root: &Node) -> Site {
    let mut site = Site::with_defaults(reader.file);
    let Some(fields) = reader.map_fields(root, format::SITE.name, &format::SITE) else {
        return site;
    };
    site.first_key = fields.first_key;
    site.written = fields.written();
    site.title = reader.required_text(&fields, format::site::TITLE);
    site.authority = reader.required_text(&fields, format::site::AUTHORITY);
    site.base_url = reader
        .url(&fields, format::site::BASE_URL)
        .and_then(|url| {
            if is_safe_base_url(&url.value) {
                return Some(url);
            }
            reader.push(
                RuleId::InvalidValue,
                url.span,
                Text::new(&m::BAD_BASE_URL).with("value", url.value.to_string()),
                Some(Text::new(&m::BAD_BASE_URL_HELP)),
            );
            None
        })
        .unwrap_or_default();
    if let Some(language) = reader.text(&fields, format::site::LANGUAGE) {
        if is_language_tag(&language.value) {
            site.language = language.value.to_string();
        } else {
            reader.push(
                RuleId::InvalidValue,
                language.span,
                Text::new(&m::BAD_LANGUAGE).with("value", language.value.to_string()),
                Some(Text::new(&m::BAD_LANGUAGE_HELP)),
            );
        }
    }
    site.address = reader.required_text(&fields, format::site::ADDRESS);
    site.hours = reader.required_text(&fields, format::site::HOURS);
    site.phone = reader.required_text(&fields, format::site::PHONE);
    if let Some(node) = reader.node(&fields, format::site::COMPLAINT) {
        site.complaint_span = Some(node.span);
        if let Some(inner) = reader.fields(node, format::site::COMPLAINT) {
            site.complaint = Some(Complaint {
                written: inner.written(),
                first_key: inner.first_key,
                phone: reader.text(&inner, format::complaint::PHONE),
                address: reader.text(&inner, format::complaint::ADDRESS),
                email: reader.text(&inner, format::complaint::EMAIL),
                url: reader.url(&inner, format::complaint::URL),
            });
        }
    }
    if let Some(node) = reader.node(&fields, format::site::REDRESS)
        && let Some(inner) = reader.fields(node, format::site::REDRESS)
    {
        site.redress = Redress {
            review: reader.required_text(&inner, format::site_redress::REVIEW),
            litigation: reader.required_text(&inner, format::site_redress::LITIGATION),
            review_first: false,
        };
    }
    if let Some(limit) = reader.number(&fields, format::site::HISTORY_LIMIT) {
        site.history_limit = limit.value.min(10_000) as u32;
    }
    if let Some(months) = reader.number(&fields, format::site::HISTORY_MONTHS) {
        site.history_months = months.value.min(1200) as u32;
    }
    if let Some(months) = reader.number(&fields, format::site::REVIEW_MONTHS) {
        site.review_months = months.value.min(1200) as u32;
    }
    if let Some(zone) = reader.text(&fields, format::site::TIMEZONE) {
        if jiff::tz::TimeZone::get(&zone.value).is_ok() {
            site.timezone = zone.value.to_string();
        } else {
            reader.push(
                RuleId::InvalidValue,
                zone.span,
                Text::new(&m::BAD_TIMEZONE).with("value", zone.value.to_string()),
                Some(Text::new(&m::BAD_TIMEZONE_HELP)),
            );
        }
    }
    if let Some(node) = fields.get(format::site::LINT) {
        if let Value::Mapping(entries) = &node.value {
            for (key, value) in entries {
                match (key.as_scalar(), value.as_scalar()) {
                    (Some(rule), Some(level)) => site.lint.push(LintSetting {
                        rule: Spanned {
                            value: rule.into(),
                            span: key.span,
                        },
                        level: Spanned {
                            value: level.into(),
                            span: value.span,
                        },
                    }),
                    _ => reader.push(
                        RuleId::InvalidValue,
                        value.span,
                        Text::new(&m::LINT_LEVEL).with("value", value.kind_name()),
                        Some(Text::new(&m::LINT_LEVEL_HELP)),
                    ),
                }
            }
        } else {
            reader.push(
                RuleId::InvalidValue,
                node.span,
                Text::new(&m::EXPECTED_MAP).with("key", format::site::LINT.name),
                None,
            );
        }
    }
    site
}

fn is_language_tag(tag: &str) -> bool {
    !tag.is_empty()
        && tag.split('-').all(|part| {
            !part.is_empty() && part.len() <= 8 && part.bytes().all(|b| b.is_ascii_alphanumeric())
        })
        && tag.split('-').next().is_some_and(|primary| {
            primary.len() >= 2 && primary.bytes().all(|b| b.is_ascii_alphabetic())
        })
}

pub fn department(reader: &mut Reader, id: &str, root: &Node) -> Department {
    let mut department = Department {
        id: id.to_string(),
        file: reader.file.to_string(),
        ..Department::default()
    };
    let Some(fields) = reader.map_fields(root, format::DEPARTMENT.name, &format::DEPARTMENT) else {
        return department;
    };
    department.first_key = fields.first_key;
    department.written = fields.written();
    department.name = reader.required_text(&fields, format::department::NAME);
    department.functions = reader.required_text(&fields, format::department::FUNCTIONS);
    department.phone = reader.text(&fields, format::department::PHONE);
    department.room = reader.text(&fields, format::department::ROOM);
    department.head = reader.text(&fields, format::department::HEAD);
    department
}

pub fn law(reader: &mut Reader, id: &str, root: &Node) -> Law {
    let mut law = Law {
        id: id.to_string(),
        file: reader.file.to_string(),
        ..Law::default()
    };
    let Some(fields) = reader.map_fields(root, format::LAW.name, &format::LAW) else {
        return law;
    };
    law.first_key = fields.first_key;
    law.title = reader.required_text(&fields, format::law::TITLE);
    law.doc_no = reader.text(&fields, format::law::DOC_NO);
    law.issuer = reader.required_text(&fields, format::law::ISSUER);
    law.effective = reader.date(&fields, format::law::EFFECTIVE);
    law.amended = reader.date(&fields, format::law::AMENDED);
    law.url = reader.url(&fields, format::law::URL);
    if let Some(node) = fields.get(format::law::ARTICLES) {
        match &node.value {
            Value::Mapping(entries) => {
                let mut articles: Vec<(Str, Str)> = Vec::with_capacity(entries.len());
                for (key, value) in entries {
                    let Some(name) = key.as_scalar() else {
                        reader.push(
                            RuleId::InvalidValue,
                            key.span,
                            Text::new(&m::NOT_SCALAR_KEY),
                            None,
                        );
                        continue;
                    };
                    if let Some((first, _)) = articles.iter().find(|(k, _)| &*k.value == name) {
                        let line = first.start().line.to_string();
                        reader.push(
                            RuleId::YamlSyntax,
                            key.span,
                            Text::new(&m::DUPLICATE_KEY).with("key", name),
                            Some(Text::new(&m::DUPLICATE_KEY_HELP).with("line", line)),
                        );
                        continue;
                    }
                    let text = match value.as_scalar() {
                        Some(text) => text.to_string(),
                        None => {
                            reader.push(
                                RuleId::InvalidValue,
                                value.span,
                                Text::new(&m::EXPECTED_TEXT).with("key", name),
                                Some(Text::new(&m::EXPECTED_TEXT_HELP)),
                            );
                            continue;
                        }
                    };
                    articles.push((
                        Spanned {
                            value: name.into(),
                            span: key.span,
                        },
                        Spanned {
                            value: reader.interner.intern(&text),
                            span: value.span,
                        },
                    ));
                }
                law.articles = Some(articles);
            }
            _ => reader.push(
                RuleId::InvalidValue,
                node.span,
                Text::new(&m::EXPECTED_MAP).with("key", format::law::ARTICLES.name),
                None,
            ),
        }
    }
    law
}

pub fn item(reader: &mut Reader, id: &str, root: &Node) -> Item {
    let mut item = Item {
        id: id.to_string(),
        file: reader.file.to_string(),
        ..Item::default()
    };
    let Some(fields) = reader.map_fields(root, format::ITEM.name, &format::ITEM) else {
        return item;
    };
    item.first_key = fields.first_key;
    item.written = fields.written();
    item.draft = reader
        .boolean(&fields, format::item::DRAFT)
        .is_some_and(|draft| draft.value);
    item.code = reader.required_text(&fields, format::item::CODE);
    item.name = reader.required_text(&fields, format::item::NAME);
    item.item_type = reader
        .enumerated(&fields, format::item::TYPE)
        .unwrap_or_default();
    item.department = reader.required_text(&fields, format::item::DEPARTMENT);
    if !item.department.value.is_empty() && !is_valid_id(&item.department.value) {
        reader.push(
            RuleId::InvalidValue,
            item.department.span,
            Text::new(&m::BAD_ID).with("value", item.department.value.to_string()),
            None,
        );
        item.department = Str::default();
    }
    item.audience = reader
        .text_list(&fields, format::item::AUDIENCE)
        .into_iter()
        .filter_map(|text| reader.check_enum(text, format::item::AUDIENCE.name, AUDIENCES))
        .collect();
    item.summary = reader.text(&fields, format::item::SUMMARY);

    for (inner, node) in reader.each_map(&fields, format::item::LEGAL_BASIS) {
        let text = reader.text(&inner, format::legal_basis::TEXT);
        if let Some(reference) = reader.law_reference_fields(&inner, node) {
            item.legal_basis.push(LegalBasis { reference, text });
        }
    }
    for (inner, _) in reader.each_map(&fields, format::item::CONDITIONS) {
        let text = reader.text(&inner, format::condition::TEXT);
        let basis = reader.optional_law_reference(&inner, format::condition::BASIS);
        if let Some(text) = text {
            item.conditions.push(Condition { text, basis });
        }
    }
    for (inner, _) in reader.each_map(&fields, format::item::MATERIALS) {
        if let Some(material) = material(reader, &inner) {
            item.materials.push(material);
        }
    }
    for (inner, _) in reader.each_map(&fields, format::item::PROCEDURE) {
        let step = reader.text(&inner, format::step::STEP);
        let actor = reader.text(&inner, format::step::ACTOR);
        let time_limit = reader.time_span(&inner, format::step::TIME_LIMIT);
        let description = reader.text(&inner, format::step::DESCRIPTION);
        if let (Some(step), Some(actor)) = (step, actor) {
            item.procedure.push(Step {
                step,
                actor,
                time_limit,
                description,
            });
        }
    }
    if let Some(node) = reader.node(&fields, format::item::TIME_LIMIT)
        && let Some(inner) = reader.fields(node, format::item::TIME_LIMIT)
    {
        item.time_limit = Some(time_limit(reader, &inner));
    }
    if let Some(node) = fields.get(format::item::FEES)
        && let Some(inner) = reader.fields(node, format::item::FEES)
    {
        let free = reader.boolean(&inner, format::fees::FREE);
        let waiver = reader.text(&inner, format::fees::WAIVER);
        let mut items = Vec::new();
        for (entry, _) in reader.each_map(&inner, format::fees::ITEMS) {
            let name = reader
                .text(&entry, format::fee_item::NAME)
                .unwrap_or_default();
            let amount = reader.text(&entry, format::fee_item::AMOUNT);
            let basis = match entry.get(format::fee_item::BASIS) {
                Some(basis) => reader.law_reference(basis, format::fee_item::BASIS),
                None => None,
            };
            items.push(FeeItem {
                written: entry.written(),
                first_key: entry.first_key,
                name,
                amount,
                basis,
            });
        }
        if free.as_ref().is_some_and(|f| f.value) && !items.is_empty() {
            let span = free.as_ref().map(|f| f.span).unwrap_or_default();
            reader.push(
                RuleId::InvalidValue,
                span,
                Text::new(&m::FEES_BOTH),
                Some(Text::new(&m::FEES_BOTH_HELP)),
            );
        }
        let free_is_invalid = free.is_none() && inner.has(format::fees::FREE);
        item.fees = Some(Fees {
            first_key: inner.first_key,
            waiver,
            free,
            free_is_invalid,
            items,
        });
    }
    if let Some(node) = reader.node(&fields, format::item::RESULT)
        && let Some(inner) = reader.fields(node, format::item::RESULT)
    {
        let name = reader.required_text(&inner, format::result::NAME);
        let kind = reader
            .enumerated(&inner, format::result::TYPE)
            .unwrap_or_default();
        let delivery = reader.text_list(&inner, format::result::DELIVERY);
        let sample = reader.file_path(&inner, format::result::SAMPLE);
        let validity = reader.text(&inner, format::result::VALIDITY);
        item.result = Some(ResultDocument {
            name,
            kind,
            delivery,
            sample,
            validity,
        });
    }
    item.visits = reader.number(&fields, format::item::VISITS);
    item.visits_reason = reader.text(&fields, format::item::VISITS_REASON);
    if let Some(node) = reader.node(&fields, format::item::ONLINE)
        && let Some(inner) = reader.fields(node, format::item::ONLINE)
    {
        let available = reader.boolean(&inner, format::online::AVAILABLE);
        let url = reader.url(&inner, format::online::URL);
        let reason = reader.text(&inner, format::online::REASON);
        if let Some(available) = available {
            item.online = Some(Online {
                written: inner.written(),
                first_key: inner.first_key,
                available,
                url,
                reason,
            });
        }
    }
    if let Some(node) = fields.get(format::item::PLACE)
        && let Some(inner) = reader.fields(node, format::item::PLACE)
    {
        item.place = Some(Place {
            address: reader.text(&inner, format::place::ADDRESS),
            hours: reader.text(&inner, format::place::HOURS),
            phone: reader.text(&inner, format::place::PHONE),
        });
    }
    if let Some(node) = fields.get(format::item::HANDLERS)
        && let Some(inner) = reader.fields(node, format::item::HANDLERS)
    {
        let primary = reader.required_text(&inner, format::handlers::PRIMARY);
        let substitute = reader.text(&inner, format::handlers::SUBSTITUTE);
        item.handlers = Some(Handlers {
            written: inner.written(),
            first_key: inner.first_key,
            primary,
            substitute,
        });
    }
    if let Some(node) = fields.get(format::item::APPOINTMENT)
        && let Some(inner) = reader.fields(node, format::item::APPOINTMENT)
    {
        let channels = reader.text_list(&inner, format::appointment::CHANNELS);
        let reply_within = reader.time_span(&inner, format::appointment::REPLY_WITHIN);
        item.appointment = Some(Appointment {
            written: inner.written(),
            first_key: inner.first_key,
            channels,
            reply_within,
        });
    }
    if fields.has(format::item::REFUSALS) {
        let mut refusals = Vec::new();
        for (inner, _) in reader.each_map(&fields, format::item::REFUSALS) {
            let case = reader.text(&inner, format::refusal::CASE);
            let basis = reader.optional_law_reference(&inner, format::refusal::BASIS);
            let kind = reader
                .enumerated(&inner, format::refusal::KIND)
                .and_then(|text| {
                    RefusalKind::ALL
                        .iter()
                        .find(|(label, _)| *label == &*text.value)
                        .map(|(_, kind)| *kind)
                })
                .unwrap_or_default();
            if let Some(case) = case {
                refusals.push(Refusal {
                    written: inner.written(),
                    first_key: inner.first_key,
                    case,
                    basis,
                    kind,
                });
            }
        }
        // A `refusals` that is not a list is one invalid-value, not also `no-refusals`.
        if fields
            .get(format::item::REFUSALS)
            .is_some_and(|node| matches!(node.value, Value::Sequence(_)))
        {
            item.refusals = Some(refusals);
        }
    }
    for (inner, _) in reader.each_map(&fields, format::item::FAQ) {
        let question = reader.text(&inner, format::faq::Q);
        let answer = reader.text(&inner, format::faq::A);
        if let (Some(question), Some(answer)) = (question, answer) {
            item.faq.push(Faq { question, answer });
        }
    }
    item.tags = reader.text_list(&fields, format::item::TAGS);
    item.updated = reader.date(&fields, format::item::UPDATED);
    version_two_keys(reader, &fields, &mut item);
    release_spare_capacity(&mut item);
    item
}

/// `time_limit`: the statutory and promised spans, the excluded procedures and (v2) the basis of
/// the statutory limit and its extension.
fn time_limit(reader: &mut Reader, inner: &Fields) -> TimeLimit {
    let mut statutory = None;
    let mut statutory_basis = None;
    let mut statutory_basis_written = false;
    match inner.get(format::time_limit::STATUTORY) {
        Some(node) => {
            if let Some(span_fields) = reader.fields(node, format::time_limit::STATUTORY) {
                statutory = reader.time_span_of(&span_fields, node);
                statutory_basis_written = span_fields.is_written(format::statutory::BASIS);
                statutory_basis =
                    reader.optional_law_reference(&span_fields, format::statutory::BASIS);
            }
        }
        None => reader.missing(inner, format::time_limit::STATUTORY),
    }
    let promised = reader.time_span(inner, format::time_limit::PROMISED);
    let mut excluded = Vec::new();
    for (entry, _) in reader.each_map(inner, format::time_limit::EXCLUDED) {
        let name = reader.text(&entry, format::excluded::NAME);
        let time_limit = reader.time_span(&entry, format::excluded::TIME_LIMIT);
        let basis = reader.optional_law_reference(&entry, format::excluded::BASIS);
        if let Some(name) = name {
            excluded.push(ExcludedProcedure {
                first_key: entry.first_key,
                written: entry.written(),
                name,
                time_limit,
                basis,
            });
        }
    }
    let extension = inner.get(format::time_limit::EXTENSION).and_then(|node| {
        let fields = reader.fields(node, format::time_limit::EXTENSION)?;
        let span = reader.time_span_of(&fields, node);
        let approver = reader.text(&fields, format::extension::APPROVER);
        let basis = match reader.node(&fields, format::extension::BASIS) {
            Some(basis) => reader.law_reference(basis, format::extension::BASIS),
            None => None,
        };
        Some(Extension {
            span,
            approver,
            basis,
        })
    });
    TimeLimit {
        statutory,
        statutory_key: inner.key_position(format::time_limit::STATUTORY),
        statutory_basis,
        statutory_basis_written,
        promised,
        promised_key: inner.key_position(format::time_limit::PROMISED),
        excluded,
        extension,
    }
}

/// The keys that version 2 of the format added to an item.
fn version_two_keys(reader: &mut Reader, fields: &Fields, item: &mut Item) {
    if let Some(node) = fields.get(format::item::AUTHORITY)
        && let Some(inner) = reader.fields(node, format::item::AUTHORITY)
    {
        let nature = reader
            .enumerated(&inner, format::authority::NATURE)
            .unwrap_or_default();
        let entrusted_by = reader.text(&inner, format::authority::ENTRUSTED_BY);
        let entrustment_basis =
            reader.optional_law_reference(&inner, format::authority::ENTRUSTMENT_BASIS);
        item.authority = Some(Authority {
            key: fields.key_position(format::item::AUTHORITY),
            written: inner.written(),
            nature,
            entrusted_by,
            entrustment_basis,
        });
    }
    if let Some(node) = fields.get(format::item::REDRESS)
        && let Some(inner) = reader.fields(node, format::item::REDRESS)
    {
        item.redress = Some(Redress {
            review: reader.required_text(&inner, format::redress::REVIEW),
            litigation: reader.required_text(&inner, format::redress::LITIGATION),
            review_first: reader
                .boolean(&inner, format::redress::REVIEW_FIRST)
                .is_some_and(|first| first.value),
        });
    }
    item.quantity_limit = reader.text(fields, format::item::QUANTITY_LIMIT);
    if let Some(node) = fields.get(format::item::COMMITMENT)
        && let Some(inner) = reader.fields(node, format::item::COMMITMENT)
    {
        item.commitment = Some(Commitment {
            key: fields.key_position(format::item::COMMITMENT),
            written: inner.written(),
            form: reader.file_path(&inner, format::commitment::FORM),
            verification: reader.text(&inner, format::commitment::VERIFICATION),
            consequence: reader.text(&inner, format::commitment::CONSEQUENCE),
            scope: reader.text(&inner, format::commitment::SCOPE),
        });
    }
    for (inner, _) in reader.each_map(fields, format::item::INTERMEDIARY) {
        let name = reader.text(&inner, format::intermediary::NAME);
        let provider = reader.text(&inner, format::intermediary::PROVIDER);
        let fee = reader.text(&inner, format::intermediary::FEE);
        let basis = reader.optional_law_reference(&inner, format::intermediary::BASIS);
        if let Some(name) = name {
            item.intermediary.push(Intermediary {
                name,
                provider,
                fee,
                basis,
            });
        }
    }
    item.situations = reader.text_list(fields, format::item::SITUATIONS);
}

/// The lists of an item grow by pushing (a list of 9 materials ends with room for 16); the
/// model of every item stays in memory for the whole build, so the spare room is given back.
fn release_spare_capacity(item: &mut Item) {
    item.audience.shrink_to_fit();
    item.legal_basis.shrink_to_fit();
    item.conditions.shrink_to_fit();
    item.materials.shrink_to_fit();
    item.procedure.shrink_to_fit();
    if let Some(time_limit) = &mut item.time_limit {
        time_limit.excluded.shrink_to_fit();
    }
    if let Some(fees) = &mut item.fees {
        fees.items.shrink_to_fit();
    }
    if let Some(result) = &mut item.result {
        result.delivery.shrink_to_fit();
    }
    if let Some(appointment) = &mut item.appointment {
        appointment.channels.shrink_to_fit();
    }
    if let Some(refusals) = &mut item.refusals {
        refusals.shrink_to_fit();
    }
    item.faq.shrink_to_fit();
    item.tags.shrink_to_fit();
    item.intermediary.shrink_to_fit();
    item.situations.shrink_to_fit();
}

fn material(reader: &mut Reader, fields: &Fields) -> Option<Material> {
    let name = reader.text(fields, format::material::NAME);
    let required = match reader.node(fields, format::material::REQUIRED) {
        Some(node) => match &node.value {
            Value::Scalar {
                text,
                style: Style::Plain,
            } if text == "true" => Some(Required::Always),
            Value::Scalar {
                text,
                style: Style::Plain,
            } if text == "false" => {
                reader.push(
                    RuleId::InvalidValue,
                    node.span,
                    Text::new(&m::REQUIRED_FALSE),
                    Some(Text::new(&m::REQUIRED_FALSE_HELP)),
                );
                None
            }
            Value::Scalar { text, style } if says_only_yes_or_no(text, *style) => {
                reader.push(
                    RuleId::InvalidValue,
                    node.span,
                    Text::new(&m::REQUIRED_YES_NO).with("value", text.trim().to_string()),
                    Some(Text::new(&m::REQUIRED_YES_NO_HELP)),
                );
                None
            }
            Value::Scalar { text, .. } if !text.trim().is_empty() => {
                Some(Required::When(Spanned {
                    value: reader.interner.intern(text),
                    span: node.span,
                }))
            }
            _ => {
                reader.push(
                    RuleId::InvalidValue,
                    node.span,
                    Text::new(&m::EXPECTED_TEXT).with("key", format::material::REQUIRED.name),
                    Some(Text::new(&m::REQUIRED_FALSE_HELP)),
                );
                None
            }
        },
        None => None,
    };
    let originals = reader.number(fields, format::material::ORIGINALS);
    let copies = reader.number(fields, format::material::COPIES);
    let medium = reader.enumerated(fields, format::material::MEDIUM);
    let paper_size = reader.text(fields, format::material::PAPER_SIZE);
    let source = reader.enumerated(fields, format::material::SOURCE);
    let issuer = reader.text(fields, format::material::ISSUER);
    let blank_form = reader.file_path(fields, format::material::BLANK_FORM);
    let sample = reader.file_path(fields, format::material::SAMPLE);
    let note = reader.text(fields, format::material::NOTE);
    let basis = reader.optional_law_reference(fields, format::material::BASIS);
    let exempt = fields.get(format::material::EXEMPT).and_then(|node| {
        let inner = reader.fields(node, format::material::EXEMPT)?;
        let by = reader.enumerated(&inner, format::exempt::BY);
        let when = reader.text(&inner, format::exempt::WHEN);
        Some(Exemption {
            key: fields.key_position(format::material::EXEMPT),
            by: by.unwrap_or_default(),
            when,
        })
    });
    Some(Material {
        written: fields.written(),
        first_key: fields.first_key,
        name: name?,
        required: required?,
        originals: originals?,
        copies: copies?,
        medium: medium?,
        paper_size,
        source: source?,
        issuer,
        blank_form,
        sample,
        blank_form_written: fields.has(format::material::BLANK_FORM),
        sample_written: fields.has(format::material::SAMPLE),
        note,
        basis,
        exempt,
    })
}

/// A `required` that only says yes or no (content format v2, scalars paragraph): it names no
/// case, so it must be `true` or the case. `true` itself (plain) is read before this.
fn says_only_yes_or_no(text: &str, style: Style) -> bool {
    const WORDS: &[&str] = &[
        "是",
        "否",
        "必须",
        "需要",
        "不需要",
        "必交",
        "非必交",
        "必需",
        "必须提交",
        "需提交",
        "不需提交",
        "可选",
        "选填",
        "必填",
        "非必须",
    ];
    let text = text.trim();
    WORDS.contains(&text)
        || ["y", "n", "yes", "no", "on", "off", "true", "false"]
            .iter()
            .any(|word| {
                text.eq_ignore_ascii_case(word) && (style != Style::Plain || text != "true")
            })
}

/// The front matter of a page.
pub fn page(reader: &mut Reader, slug: &str, root: &Node, body: String, body_line: u32) -> Page {
    let mut page = Page {
        slug: slug.to_string(),
        file: reader.file.to_string(),
        body,
        body_line,
        ..Page::default()
    };
    let Some(fields) = reader.map_fields(root, format::FRONT_MATTER.name, &format::FRONT_MATTER)
    else {
        return page;
    };
    page.draft = reader
        .boolean(&fields, format::front_matter::DRAFT)
        .is_some_and(|draft| draft.value);
    page.title = reader.required_text(&fields, format::front_matter::TITLE);
    if let Some(node) = fields.get(format::front_matter::ORDER) {
        match node.as_scalar().and_then(|text| text.parse::<i64>().ok()) {
            Some(order) => page.order = order,
            None => reader.push(
                RuleId::InvalidValue,
                node.span,
                Text::new(&m::FRONT_MATTER_ORDER),
                None,
            ),
        }
    }
    page.menu = reader
        .boolean(&fields, format::front_matter::MENU)
        .is_some_and(|menu| menu.value);
    page
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

    #[test]
    fn dates_are_strict() {
        assert!(parse_date("2026-02-28").is_some());
        assert!(parse_date("2026-02-30").is_none());
        assert!(parse_date("2026-2-3").is_none());
    }
}
