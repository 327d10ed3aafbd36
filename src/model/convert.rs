//! YAML node trees to model values, one file at a time, reporting `missing-field`,
//! `unknown-field`, `invalid-value` (and duplicate keys as `yaml-syntax`) as it goes.
//!
//! Keys that a dedicated `check` rule is about (see the content format: `appointment`,
//! `handlers.substitute`, `phone` of a department, `fees`, `refusals`, `issuer`, `blank_form`...)
//! are read as optional here, so that one missing key gives exactly one diagnostic.

use crate::diagnostics::{Diagnostic, Position, Span, Text, messages as m};
use crate::load::yaml::{Node, Style, Value};
use crate::model::format;
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
    /// The value of `key`, unless absent or null. `key` must be one of the map's keys in the
    /// format table (a read of a key the table does not know is a bug, caught in tests).
    pub fn get(&self, key: &str) -> Option<&'n Node> {
        debug_assert!(
            self.map.allows(key),
            "`{key}` is not a key of `{}` in the format table",
            self.map.name
        );
        self.entries
            .iter()
            .find(|(name, _, value)| *name == key && !value.is_null())
            .map(|e| e.2)
    }

    pub fn key_node(&self, key: &str) -> Option<&'n Node> {
        self.entries
            .iter()
            .find(|(name, _, _)| *name == key)
            .map(|e| e.1)
    }

    pub fn has(&self, key: &str) -> bool {
        self.get(key).is_some() || self.is_written_without_value(key)
    }

    /// Written, but its value was unusable and is already reported (see `written_without_value`).
    pub fn is_written_without_value(&self, key: &str) -> bool {
        self.merges
            || self
                .written_without_value
                .iter()
                .any(|written| written == key)
    }

    /// Whether `key` is written: present, not null, not empty text, not an empty list.
    pub fn is_written(&self, key: &str) -> bool {
        self.is_written_without_value(key)
            || self.get(key).is_some_and(|node| match &node.value {
                Value::Scalar { text, .. } => !text.trim().is_empty(),
                Value::Sequence(items) => !items.is_empty(),
                Value::Mapping(_) => true,
            })
    }

    /// Which keys of the map are written: present, not null, not empty text, not an empty list.
    pub fn written(&self) -> Written {
        Written::of(self.map, |key| self.is_written(key))
    }

    /// Position of `key`'s key node, else the map's first key.
    pub fn key_position(&self, key: &str) -> Position {
        self.key_node(key)
            .map(|node| node.start())
            .unwrap_or(self.first_key)
    }
}

/// How a key is required.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Need {
    Required,
    Optional,
    /// Required, but a dedicated `check` rule reports its absence.
    Dedicated,
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
    pub fn fields<'n>(
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

    pub fn missing(&mut self, fields: &Fields, key: &str) {
        if fields.is_written_without_value(key) {
            return;
        }
        // Written with nothing after the colon (`name:`, as `zhinan new` leaves it): at the key.
        if let Some(key_node) = fields.key_node(key) {
            self.push(
                RuleId::MissingField,
                key_node.span,
                Text::new(&m::EMPTY_FIELD).with("key", key),
                Some(Text::new(&m::EMPTY_FIELD_HELP).with("key", key)),
            );
            return;
        }
        self.push(
            RuleId::MissingField,
            Span::point(fields.first_key),
            Text::new(&m::MISSING_FIELD).with("key", key),
            Some(Text::new(&m::MISSING_FIELD_HELP).with("key", key)),
        );
    }

    /// The node of `key`, reporting `missing-field` when required and absent.
    pub fn node<'n>(&mut self, fields: &Fields<'n>, key: &str, need: Need) -> Option<&'n Node> {
        let node = fields.get(key);
        if node.is_none() && need == Need::Required {
            self.missing(fields, key);
        }
        node
    }

    /// A plain-text scalar, exactly as written. Empty text counts as absent.
    pub fn text(&mut self, fields: &Fields, key: &str, need: Need) -> Option<Str> {
        let node = fields.get(key);
        let Some(node) = node else {
            if need == Need::Required {
                self.missing(fields, key);
            }
            return None;
        };
        self.text_node(node, key, need)
    }

    fn text_node(&mut self, node: &Node, key: &str, need: Need) -> Option<Str> {
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
                    if need == Need::Required {
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

    /// Text that must be required: returns a default (already reported) when absent.
    pub fn required_text(&mut self, fields: &Fields, key: &str) -> Str {
        self.text(fields, key, Need::Required).unwrap_or_default()
    }

    pub fn enumerated(
        &mut self,
        fields: &Fields,
        key: &str,
        allowed: &[&str],
        need: Need,
    ) -> Option<Str> {
        let text = self.text(fields, key, need)?;
        self.check_enum(text, key, allowed)
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

    pub fn boolean(&mut self, fields: &Fields, key: &str, need: Need) -> Option<Spanned<bool>> {
        let node = self.node(fields, key, need)?;
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
                        .with("key", key)
                        .with("value", shown),
                    Some(Text::new(&m::EXPECTED_BOOL_HELP)),
                );
                None
            }
        }
    }

    pub fn number(&mut self, fields: &Fields, key: &str, need: Need) -> Option<Spanned<u64>> {
        let node = self.node(fields, key, need)?;
        self.number_node(node, key)
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

    pub fn date(
        &mut self,
        fields: &Fields,
        key: &str,
        need: Need,
    ) -> Option<Spanned<jiff::civil::Date>> {
        let text = self.text(fields, key, need)?;
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
                        .with("key", key)
                        .with("value", text.value.to_string()),
                    Some(Text::new(&m::BAD_DATE_HELP)),
                );
                None
            }
        }
    }

    pub fn url(&mut self, fields: &Fields, key: &str, need: Need) -> Option<Str> {
        let text = self.text(fields, key, need)?;
        if is_absolute_http_url(&text.value) {
            return Some(text);
        }
        self.push(
            RuleId::InvalidValue,
            text.span,
            Text::new(&m::BAD_URL)
                .with("key", key)
                .with("value", text.value.to_string()),
            Some(Text::new(&m::BAD_URL_HELP)),
        );
        None
    }

    /// The entries of a list. A single scalar where a list is expected is an `invalid-value`.
    pub fn list<'n>(&mut self, fields: &Fields<'n>, key: &str, need: Need) -> Option<&'n [Node]> {
        let node = fields.get(key);
        let Some(node) = node else {
            if need == Need::Required {
                self.missing(fields, key);
            }
            return None;
        };
        match &node.value {
            Value::Sequence(items) if items.is_empty() => {
                if need == Need::Required {
                    self.push(
                        RuleId::MissingField,
                        node.span,
                        Text::new(&m::EMPTY_FIELD).with("key", key),
                        Some(Text::new(&m::MISSING_FIELD_HELP).with("key", key)),
                    );
                }
                Some(&[])
            }
            Value::Sequence(items) => Some(items),
            _ => {
                self.push(
                    RuleId::InvalidValue,
                    node.span,
                    Text::new(&m::EXPECTED_LIST).with("key", key),
                    None,
                );
                None
            }
        }
    }

    pub fn text_list(&mut self, fields: &Fields, key: &str, need: Need) -> Vec<Str> {
        let Some(items) = self.list(fields, key, need) else {
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|node| self.text_node(node, key, Need::Optional))
            .collect()
    }

    /// A time span `{value, unit}`.
    pub fn time_span(&mut self, fields: &Fields, key: &str, need: Need) -> Option<TimeSpan> {
        let node = self.node(fields, key, need)?;
        let inner = self.fields(node, key, &format::TIME_SPAN)?;
        self.time_span_of(&inner, node)
    }

    /// The `{value, unit}` of a map that may hold more keys (read by the caller).
    pub fn time_span_of(&mut self, inner: &Fields, node: &Node) -> Option<TimeSpan> {
        let value = self.number(inner, "value", Need::Required);
        let unit_text = self.text(inner, "unit", Need::Required);
        let unit = unit_text.and_then(|text| {
            let found = TimeUnit::ALL
                .iter()
                .find(|(label, _)| *label == &*text.value)
                .map(|(_, unit)| *unit);
            if found.is_none() {
                let allowed: Vec<&str> = TimeUnit::ALL.iter().map(|(label, _)| *label).collect();
                self.check_enum(text, "unit", &allowed);
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
    pub fn law_reference(&mut self, node: &Node, key: &str) -> Option<LawReference> {
        let fields = self.fields(node, key, &format::LAW_REFERENCE)?;
        self.law_reference_fields(&fields, node)
    }

    pub fn law_reference_fields(&mut self, fields: &Fields, node: &Node) -> Option<LawReference> {
        let law = self.text(fields, "law", Need::Required);
        let article = self.text(fields, "article", Need::Required);
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

    pub fn optional_law_reference(&mut self, fields: &Fields, key: &str) -> Option<LawReference> {
        let node = fields.get(key)?;
        self.law_reference(node, key)
    }

    /// A path under content/files/: relative, no `..`, `/` separators. Existence and symlinks are
    /// checked by `resolve`.
    pub fn file_path(&mut self, fields: &Fields, key: &str) -> Option<Str> {
        let mut text = self.text(fields, key, Need::Optional)?;
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
        key: &str,
        need: Need,
        map: &'static format::Map,
    ) -> Vec<(Fields<'n>, &'n Node)> {
        let Some(items) = self.list(fields, key, need) else {
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|node| Some((self.fields(node, key, map)?, node)))
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
    let Some(fields) = reader.fields(root, "site.yaml", &format::SITE) else {
        return site;
    };
    site.first_key = fields.first_key;
    site.written = fields.written();
    site.title = reader.required_text(&fields, "title");
    site.authority = reader.required_text(&fields, "authority");
    site.base_url = reader
        .url(&fields, "base_url", Need::Required)
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
    if let Some(language) = reader.text(&fields, "language", Need::Optional) {
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
    site.address = reader.required_text(&fields, "address");
    site.hours = reader.required_text(&fields, "hours");
    site.phone = reader.required_text(&fields, "phone");
    if let Some(node) = reader.node(&fields, "complaint", Need::Dedicated) {
        site.complaint_span = Some(node.span);
        if let Some(inner) = reader.fields(node, "complaint", &format::COMPLAINT) {
            site.complaint = Some(Complaint {
                written: inner.written(),
                first_key: inner.first_key,
                phone: reader.text(&inner, "phone", Need::Dedicated),
                address: reader.text(&inner, "address", Need::Optional),
                email: reader.text(&inner, "email", Need::Optional),
                url: reader.url(&inner, "url", Need::Optional),
            });
        }
    }
    if let Some(node) = reader.node(&fields, "redress", Need::Required)
        && let Some(inner) = reader.fields(node, "redress", &format::SITE_REDRESS)
    {
        site.redress = Redress {
            review: reader.required_text(&inner, "review"),
            litigation: reader.required_text(&inner, "litigation"),
            review_first: false,
        };
    }
    if let Some(limit) = reader.number(&fields, "history_limit", Need::Optional) {
        site.history_limit = limit.value.min(10_000) as u32;
    }
    if let Some(months) = reader.number(&fields, "history_months", Need::Optional) {
        site.history_months = months.value.min(1200) as u32;
    }
    if let Some(months) = reader.number(&fields, "review_months", Need::Optional) {
        site.review_months = months.value.min(1200) as u32;
    }
    if let Some(zone) = reader.text(&fields, "timezone", Need::Optional) {
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
    if let Some(node) = fields.get("lint") {
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
                Text::new(&m::EXPECTED_MAP).with("key", "lint"),
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
    let Some(fields) = reader.fields(root, "department", &format::DEPARTMENT) else {
        return department;
    };
    department.first_key = fields.first_key;
    department.written = fields.written();
    department.name = reader.required_text(&fields, "name");
    department.functions = reader.required_text(&fields, "functions");
    department.phone = reader.text(&fields, "phone", Need::Dedicated);
    department.room = reader.text(&fields, "room", Need::Optional);
    department.head = reader.text(&fields, "head", Need::Optional);
    department
}

pub fn law(reader: &mut Reader, id: &str, root: &Node) -> Law {
    let mut law = Law {
        id: id.to_string(),
        file: reader.file.to_string(),
        ..Law::default()
    };
    let Some(fields) = reader.fields(root, "law", &format::LAW) else {
        return law;
    };
    law.first_key = fields.first_key;
    law.title = reader.required_text(&fields, "title");
    law.doc_no = reader.text(&fields, "doc_no", Need::Optional);
    law.issuer = reader.required_text(&fields, "issuer");
    law.effective = reader.date(&fields, "effective", Need::Required);
    law.amended = reader.date(&fields, "amended", Need::Optional);
    law.url = reader.url(&fields, "url", Need::Optional);
    if let Some(node) = fields.get("articles") {
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
                Text::new(&m::EXPECTED_MAP).with("key", "articles"),
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
    let Some(fields) = reader.fields(root, "item", &format::ITEM) else {
        return item;
    };
    item.first_key = fields.first_key;
    item.written = fields.written();
    item.draft = reader
        .boolean(&fields, "draft", Need::Optional)
        .is_some_and(|draft| draft.value);
    item.code = reader.required_text(&fields, "code");
    item.name = reader.required_text(&fields, "name");
    item.item_type = reader
        .enumerated(&fields, "type", ITEM_TYPES, Need::Required)
        .unwrap_or_default();
    item.department = reader.required_text(&fields, "department");
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
        .text_list(&fields, "audience", Need::Required)
        .into_iter()
        .filter_map(|text| reader.check_enum(text, "audience", AUDIENCES))
        .collect();
    item.summary = reader.text(&fields, "summary", Need::Optional);

    for (inner, node) in
        reader.each_map(&fields, "legal_basis", Need::Required, &format::LEGAL_BASIS)
    {
        let text = reader.text(&inner, "text", Need::Optional);
        if let Some(reference) = reader.law_reference_fields(&inner, node) {
            item.legal_basis.push(LegalBasis { reference, text });
        }
    }
    for (inner, _) in reader.each_map(&fields, "conditions", Need::Required, &format::CONDITION) {
        let text = reader.text(&inner, "text", Need::Required);
        let basis = reader.optional_law_reference(&inner, "basis");
        if let Some(text) = text {
            item.conditions.push(Condition { text, basis });
        }
    }
    for (inner, _) in reader.each_map(&fields, "materials", Need::Required, &format::MATERIAL) {
        if let Some(material) = material(reader, &inner) {
            item.materials.push(material);
        }
    }
    for (inner, _) in reader.each_map(&fields, "procedure", Need::Required, &format::STEP) {
        let step = reader.text(&inner, "step", Need::Required);
        let actor = reader.text(&inner, "actor", Need::Required);
        let time_limit = reader.time_span(&inner, "time_limit", Need::Optional);
        let description = reader.text(&inner, "description", Need::Optional);
        if let (Some(step), Some(actor)) = (step, actor) {
            item.procedure.push(Step {
                step,
                actor,
                time_limit,
                description,
            });
        }
    }
    if let Some(node) = reader.node(&fields, "time_limit", Need::Required)
        && let Some(inner) = reader.fields(node, "time_limit", &format::TIME_LIMIT)
    {
        item.time_limit = Some(time_limit(reader, &inner));
    }
    if let Some(node) = fields.get("fees")
        && let Some(inner) = reader.fields(node, "fees", &format::FEES)
    {
        let free = reader.boolean(&inner, "free", Need::Optional);
        let waiver = reader.text(&inner, "waiver", Need::Optional);
        let mut items = Vec::new();
        for (entry, _) in reader.each_map(&inner, "items", Need::Optional, &format::FEE_ITEM) {
            let name = reader
                .text(&entry, "name", Need::Required)
                .unwrap_or_default();
            let amount = reader.text(&entry, "amount", Need::Dedicated);
            let basis = match entry.get("basis") {
                Some(basis) => reader.law_reference(basis, "basis"),
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
        let free_is_invalid = free.is_none() && inner.has("free");
        item.fees = Some(Fees {
            first_key: inner.first_key,
            waiver,
            free,
            free_is_invalid,
            items,
        });
    }
    if let Some(node) = reader.node(&fields, "result", Need::Required)
        && let Some(inner) = reader.fields(node, "result", &format::RESULT)
    {
        let name = reader.required_text(&inner, "name");
        let kind = reader
            .enumerated(&inner, "type", RESULT_TYPES, Need::Required)
            .unwrap_or_default();
        let delivery = reader.text_list(&inner, "delivery", Need::Required);
        let sample = reader.file_path(&inner, "sample");
        let validity = reader.text(&inner, "validity", Need::Optional);
        item.result = Some(ResultDocument {
            name,
            kind,
            delivery,
            sample,
            validity,
        });
    }
    item.visits = reader.number(&fields, "visits", Need::Required);
    item.visits_reason = reader.text(&fields, "visits_reason", Need::Dedicated);
    if let Some(node) = reader.node(&fields, "online", Need::Required)
        && let Some(inner) = reader.fields(node, "online", &format::ONLINE)
    {
        let available = reader.boolean(&inner, "available", Need::Required);
        let url = reader.url(&inner, "url", Need::Dedicated);
        let reason = reader.text(&inner, "reason", Need::Dedicated);
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
    if let Some(node) = fields.get("place")
        && let Some(inner) = reader.fields(node, "place", &format::PLACE)
    {
        item.place = Some(Place {
            address: reader.text(&inner, "address", Need::Optional),
            hours: reader.text(&inner, "hours", Need::Optional),
            phone: reader.text(&inner, "phone", Need::Optional),
        });
    }
    if let Some(node) = fields.get("handlers")
        && let Some(inner) = reader.fields(node, "handlers", &format::HANDLERS)
    {
        let primary = reader.required_text(&inner, "primary");
        let substitute = reader.text(&inner, "substitute", Need::Dedicated);
        item.handlers = Some(Handlers {
            written: inner.written(),
            first_key: inner.first_key,
            primary,
            substitute,
        });
    }
    if let Some(node) = fields.get("appointment")
        && let Some(inner) = reader.fields(node, "appointment", &format::APPOINTMENT)
    {
        let channels = reader.text_list(&inner, "channels", Need::Dedicated);
        let reply_within = reader.time_span(&inner, "reply_within", Need::Dedicated);
        item.appointment = Some(Appointment {
            written: inner.written(),
            first_key: inner.first_key,
            channels,
            reply_within,
        });
    }
    if fields.has("refusals") {
        let mut refusals = Vec::new();
        for (inner, _) in reader.each_map(&fields, "refusals", Need::Dedicated, &format::REFUSAL) {
            let case = reader.text(&inner, "case", Need::Required);
            let basis = reader.optional_law_reference(&inner, "basis");
            let kind = reader
                .enumerated(&inner, "kind", format::REFUSAL_KINDS, Need::Optional)
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
            .get("refusals")
            .is_some_and(|node| matches!(node.value, Value::Sequence(_)))
        {
            item.refusals = Some(refusals);
        }
    }
    for (inner, _) in reader.each_map(&fields, "faq", Need::Optional, &format::FAQ) {
        let question = reader.text(&inner, "q", Need::Required);
        let answer = reader.text(&inner, "a", Need::Required);
        if let (Some(question), Some(answer)) = (question, answer) {
            item.faq.push(Faq { question, answer });
        }
    }
    item.tags = reader.text_list(&fields, "tags", Need::Optional);
    item.updated = reader.date(&fields, "updated", Need::Required);
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
    match inner.get("statutory") {
        Some(node) => {
            if let Some(span_fields) = reader.fields(node, "statutory", &format::STATUTORY) {
                statutory = reader.time_span_of(&span_fields, node);
                statutory_basis_written = span_fields.is_written("basis");
                statutory_basis = reader.optional_law_reference(&span_fields, "basis");
            }
        }
        None => reader.missing(inner, "statutory"),
    }
    let promised = reader.time_span(inner, "promised", Need::Required);
    let mut excluded = Vec::new();
    for (entry, _) in reader.each_map(inner, "excluded", Need::Optional, &format::EXCLUDED) {
        let name = reader.text(&entry, "name", Need::Required);
        let time_limit = reader.time_span(&entry, "time_limit", Need::Required);
        let basis = reader.optional_law_reference(&entry, "basis");
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
    let extension = inner.get("extension").and_then(|node| {
        let fields = reader.fields(node, "extension", &format::EXTENSION)?;
        let span = reader.time_span_of(&fields, node);
        let approver = reader.text(&fields, "approver", Need::Required);
        let basis = match reader.node(&fields, "basis", Need::Required) {
            Some(basis) => reader.law_reference(basis, "basis"),
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
        statutory_key: inner.key_position("statutory"),
        statutory_basis,
        statutory_basis_written,
        promised,
        promised_key: inner.key_position("promised"),
        excluded,
        extension,
    }
}

/// The keys that version 2 of the format added to an item.
fn version_two_keys(reader: &mut Reader, fields: &Fields, item: &mut Item) {
    if let Some(node) = fields.get("authority")
        && let Some(inner) = reader.fields(node, "authority", &format::AUTHORITY)
    {
        let nature = reader
            .enumerated(&inner, "nature", AUTHORITY_NATURES, Need::Required)
            .unwrap_or_default();
        let entrusted_by = reader.text(&inner, "entrusted_by", Need::Dedicated);
        let entrustment_basis = reader.optional_law_reference(&inner, "entrustment_basis");
        item.authority = Some(Authority {
            key: fields.key_position("authority"),
            written: inner.written(),
            nature,
            entrusted_by,
            entrustment_basis,
        });
    }
    if let Some(node) = fields.get("redress")
        && let Some(inner) = reader.fields(node, "redress", &format::REDRESS)
    {
        item.redress = Some(Redress {
            review: reader.required_text(&inner, "review"),
            litigation: reader.required_text(&inner, "litigation"),
            review_first: reader
                .boolean(&inner, "review_first", Need::Optional)
                .is_some_and(|first| first.value),
        });
    }
    item.quantity_limit = reader.text(fields, "quantity_limit", Need::Dedicated);
    if let Some(node) = fields.get("commitment")
        && let Some(inner) = reader.fields(node, "commitment", &format::COMMITMENT)
    {
        item.commitment = Some(Commitment {
            key: fields.key_position("commitment"),
            written: inner.written(),
            form: reader.file_path(&inner, "form"),
            verification: reader.text(&inner, "verification", Need::Dedicated),
            consequence: reader.text(&inner, "consequence", Need::Dedicated),
            scope: reader.text(&inner, "scope", Need::Optional),
        });
    }
    for (inner, _) in reader.each_map(
        fields,
        "intermediary",
        Need::Optional,
        &format::INTERMEDIARY,
    ) {
        let name = reader.text(&inner, "name", Need::Required);
        let provider = reader.text(&inner, "provider", Need::Optional);
        let fee = reader.text(&inner, "fee", Need::Optional);
        let basis = reader.optional_law_reference(&inner, "basis");
        if let Some(name) = name {
            item.intermediary.push(Intermediary {
                name,
                provider,
                fee,
                basis,
            });
        }
    }
    item.situations = reader.text_list(fields, "situations", Need::Optional);
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
    let name = reader.text(fields, "name", Need::Required);
    let required = match reader.node(fields, "required", Need::Required) {
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
                    Text::new(&m::EXPECTED_TEXT).with("key", "required"),
                    Some(Text::new(&m::REQUIRED_FALSE_HELP)),
                );
                None
            }
        },
        None => None,
    };
    let originals = reader.number(fields, "originals", Need::Required);
    let copies = reader.number(fields, "copies", Need::Required);
    let medium = reader.enumerated(fields, "medium", MEDIUMS, Need::Required);
    let paper_size = reader.text(fields, "paper_size", Need::Optional);
    let source = reader.enumerated(fields, "source", SOURCES, Need::Required);
    let issuer = reader.text(fields, "issuer", Need::Dedicated);
    let blank_form = reader.file_path(fields, "blank_form");
    let sample = reader.file_path(fields, "sample");
    let note = reader.text(fields, "note", Need::Optional);
    let basis = reader.optional_law_reference(fields, "basis");
    let exempt = fields.get("exempt").and_then(|node| {
        let inner = reader.fields(node, "exempt", &format::EXEMPT)?;
        let by = reader.enumerated(&inner, "by", EXEMPTION_KINDS, Need::Required);
        let when = reader.text(&inner, "when", Need::Optional);
        Some(Exemption {
            key: fields.key_position("exempt"),
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
        blank_form_written: fields.has("blank_form"),
        sample_written: fields.has("sample"),
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
    let Some(fields) = reader.fields(root, "front matter", &format::FRONT_MATTER) else {
        return page;
    };
    page.draft = reader
        .boolean(&fields, "draft", Need::Optional)
        .is_some_and(|draft| draft.value);
    page.title = reader.required_text(&fields, "title");
    if let Some(node) = fields.get("order") {
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
        .boolean(&fields, "menu", Need::Optional)
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
