//! YAML text to a tree of [`Node`]s that keeps the position of every key and value.
//!
//! Built on `saphyr-parser`'s event stream, not on a typed deserialiser, so that:
//! - every scalar keeps the text exactly as written (`code: 0010` stays `0010`): typing is the
//!   `model` stage's job, with its own diagnostics;
//! - every node has a start and end position (1-based line, column in characters);
//! - depth and alias expansion are budgeted, so hostile input (10,000-deep nesting, alias bombs)
//!   yields a diagnostic, never a stack overflow or a memory blow-up.
//!
//! Parsing never panics and never aborts the run: it returns the tree or one [`YamlError`].

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, Span as ParserSpan};

use crate::diagnostics::{Position, Span};

/// Deepest nesting accepted. The format needs about six levels.
pub const MAX_DEPTH: usize = 64;
/// Most nodes an alias may add by expansion, in one file.
pub const MAX_ALIAS_NODES: usize = 10_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    Quoted,
    Block,
}

#[derive(Debug, Clone)]
pub struct Node {
    pub value: Value,
    pub span: Span,
    /// A YAML tag written on the node (`!include`, `!!binary`): the format has none, so `load`
    /// reports it as `invalid-value` and the model reads the key as written but without a value.
    pub tag: Option<Box<str>>,
}

#[derive(Debug, Clone)]
pub enum Value {
    Scalar { text: String, style: Style },
    Sequence(Vec<Node>),
    Mapping(Vec<(Node, Node)>),
}

impl Node {
    pub fn start(&self) -> Position {
        self.span.start
    }

    /// A plain `~`, `null` or nothing at all.
    pub fn is_null(&self) -> bool {
        matches!(&self.value, Value::Scalar { text, style: Style::Plain }
            if text.is_empty() || text == "~" || text == "null" || text == "Null" || text == "NULL")
    }

    pub fn as_scalar(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    pub fn kind_name(&self) -> &'static str {
        match &self.value {
            Value::Scalar { .. } => "scalar",
            Value::Sequence(_) => "sequence",
            Value::Mapping(_) => "mapping",
        }
    }

    /// Every tagged node of the tree (keys included), in document order.
    pub fn tagged_nodes<'n>(&'n self, out: &mut Vec<&'n Node>) {
        if self.tag.is_some() {
            out.push(self);
        }
        match &self.value {
            Value::Scalar { .. } => {}
            Value::Sequence(items) => items.iter().for_each(|item| item.tagged_nodes(out)),
            Value::Mapping(entries) => entries.iter().for_each(|(key, value)| {
                key.tagged_nodes(out);
                value.tagged_nodes(out);
            }),
        }
    }

    fn node_count(&self) -> usize {
        match &self.value {
            Value::Scalar { .. } => 1,
            Value::Sequence(items) => 1 + items.iter().map(Node::node_count).sum::<usize>(),
            Value::Mapping(entries) => {
                1 + entries
                    .iter()
                    .map(|(k, v)| k.node_count() + v.node_count())
                    .sum::<usize>()
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum YamlErrorKind {
    Syntax(String),
    TooDeep,
    AliasBudget,
    UnknownAnchor(String),
    MultipleDocuments,
}

#[derive(Debug, Clone)]
pub struct YamlError {
    pub kind: YamlErrorKind,
    pub position: Position,
}

fn position(marker: &saphyr_parser::Marker, line_offset: u32) -> Position {
    Position::new(marker.line() as u32 + line_offset, marker.col() as u32 + 1)
}

fn span(span: &ParserSpan, line_offset: u32) -> Span {
    Span::new(
        position(&span.start, line_offset),
        position(&span.end, line_offset),
    )
}

enum Frame {
    Sequence {
        items: Vec<Node>,
        start: Position,
        anchor: usize,
        tag: Option<Box<str>>,
    },
    Mapping {
        entries: Vec<(Node, Node)>,
        pending_key: Option<Node>,
        start: Position,
        anchor: usize,
        tag: Option<Box<str>>,
    },
}

/// The tag as written: `!!binary` for the core schema's, `!include` for a local one.
fn tag_text(tag: Option<std::borrow::Cow<'_, saphyr_parser::Tag>>) -> Option<Box<str>> {
    let tag = tag?;
    Some(if tag.is_yaml_core_schema() {
        format!("!!{}", tag.suffix).into_boxed_str()
    } else {
        tag.to_string().into_boxed_str()
    })
}

/// Parses one YAML document. `line_offset` is added to every line (front matter starts on line 2).
/// Returns `Ok(None)` for a document with no content at all.
pub fn parse(text: &str, line_offset: u32) -> Result<Option<Node>, YamlError> {
    // The parser is not expected to panic, but bad input must never take the run down with it.
    match std::panic::catch_unwind(|| parse_events(text, line_offset)) {
        Ok(result) => result,
        Err(_) => Err(YamlError {
            kind: YamlErrorKind::Syntax("the YAML parser failed on this file".into()),
            position: Position::new(1 + line_offset, 1),
        }),
    }
}

/// Long on purpose: one loop over the parser's events, one arm per event kind, sharing the
/// stack of open collections, the anchors and the alias budget; split up, every arm would take
/// all of them as arguments.
fn parse_events(text: &str, line_offset: u32) -> Result<Option<Node>, YamlError> {
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, Node> = HashMap::new();
    let mut root: Option<Node> = None;
    let mut documents = 0usize;
    let mut alias_nodes = 0usize;

    for next in parser.by_ref() {
        let (event, event_span) = next.map_err(|error| YamlError {
            kind: if error.info().contains("recursion limit") {
                YamlErrorKind::TooDeep
            } else {
                YamlErrorKind::Syntax(error.info().to_string())
            },
            position: position(error.marker(), line_offset),
        })?;
        let here = span(&event_span, line_offset);
        let finished: Option<(Node, usize)> = match event {
            Event::StreamStart | Event::StreamEnd | Event::Nothing | Event::DocumentEnd => None,
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(YamlError {
                        kind: YamlErrorKind::MultipleDocuments,
                        position: here.start,
                    });
                }
                None
            }
            Event::Scalar(value, style, anchor, tag) => {
                let style = match style {
                    ScalarStyle::Plain => Style::Plain,
                    ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => Style::Quoted,
                    ScalarStyle::Literal | ScalarStyle::Folded => Style::Block,
                };
                Some((
                    Node {
                        value: Value::Scalar {
                            text: value.into_owned(),
                            style,
                        },
                        span: here,
                        tag: tag_text(tag),
                    },
                    anchor,
                ))
            }
            Event::Alias(anchor) => {
                let Some(target) = anchors.get(&anchor) else {
                    return Err(YamlError {
                        kind: YamlErrorKind::UnknownAnchor(anchor.to_string()),
                        position: here.start,
                    });
                };
                alias_nodes += target.node_count();
                if alias_nodes > MAX_ALIAS_NODES {
                    return Err(YamlError {
                        kind: YamlErrorKind::AliasBudget,
                        position: here.start,
                    });
                }
                let mut copy = target.clone();
                copy.span = here;
                Some((copy, 0))
            }
            Event::SequenceStart(anchor, tag) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(YamlError {
                        kind: YamlErrorKind::TooDeep,
                        position: here.start,
                    });
                }
                stack.push(Frame::Sequence {
                    items: Vec::new(),
                    start: here.start,
                    anchor,
                    tag: tag_text(tag),
                });
                None
            }
            Event::MappingStart(anchor, tag) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(YamlError {
                        kind: YamlErrorKind::TooDeep,
                        position: here.start,
                    });
                }
                stack.push(Frame::Mapping {
                    entries: Vec::new(),
                    pending_key: None,
                    start: here.start,
                    anchor,
                    tag: tag_text(tag),
                });
                None
            }
            Event::SequenceEnd => match stack.pop() {
                Some(Frame::Sequence {
                    items,
                    start,
                    anchor,
                    tag,
                }) => {
                    let end = items.last().map(|n| n.span.end).unwrap_or(here.end);
                    Some((
                        Node {
                            value: Value::Sequence(items),
                            span: Span::new(start, end),
                            tag,
                        },
                        anchor,
                    ))
                }
                _ => return Err(syntax("unbalanced sequence end", here.start)),
            },
            Event::MappingEnd => match stack.pop() {
                Some(Frame::Mapping {
                    entries,
                    start,
                    anchor,
                    tag,
                    ..
                }) => {
                    let end = entries.last().map(|(_, v)| v.span.end).unwrap_or(here.end);
                    Some((
                        Node {
                            value: Value::Mapping(entries),
                            span: Span::new(start, end),
                            tag,
                        },
                        anchor,
                    ))
                }
                _ => return Err(syntax("unbalanced mapping end", here.start)),
            },
        };
        if let Some((node, anchor)) = finished {
            if anchor != 0 {
                anchors.insert(anchor, node.clone());
            }
            match stack.last_mut() {
                None => root = Some(node),
                Some(Frame::Sequence { items, .. }) => items.push(node),
                Some(Frame::Mapping {
                    entries,
                    pending_key,
                    ..
                }) => match pending_key.take() {
                    None => *pending_key = Some(node),
                    Some(key) => entries.push((key, node)),
                },
            }
        }
    }
    Ok(root)
}

fn syntax(message: &str, position: Position) -> YamlError {
    YamlError {
        kind: YamlErrorKind::Syntax(message.to_string()),
        position,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_scalars_as_written_with_positions() {
        let node = parse("code: 0010\nname: 个体\nlist:\n  - a\n", 0)
            .unwrap()
            .unwrap();
        let Value::Mapping(entries) = &node.value else {
            panic!()
        };
        assert_eq!(entries[0].1.as_scalar(), Some("0010"));
        assert_eq!(entries[0].1.start(), Position::new(1, 7));
        assert_eq!(entries[1].1.start(), Position::new(2, 7));
        let Value::Sequence(items) = &entries[2].1.value else {
            panic!()
        };
        assert_eq!(items[0].start(), Position::new(4, 5));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = "[".repeat(10_000);
        let error = parse(&text, 0).unwrap_err();
        assert_eq!(error.kind, YamlErrorKind::TooDeep);
    }

    #[test]
    fn alias_bomb_is_refused() {
        let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        let mut previous = 'a';
        for name in 'b'..='j' {
            text.push_str(&format!(
                "{name}: &{name} [*{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}]\n"
            ));
            previous = name;
        }
        let error = parse(&text, 0).unwrap_err();
        assert_eq!(error.kind, YamlErrorKind::AliasBudget);
    }

    #[test]
    fn syntax_error_has_a_position() {
        let error = parse("a: b\n  c: d\n: : :\n", 0).unwrap_err();
        assert!(matches!(error.kind, YamlErrorKind::Syntax(_)));
        assert!(error.position.line >= 2);
    }
}
