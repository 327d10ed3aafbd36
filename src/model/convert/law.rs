//! A law file (content/laws/<id>.yaml) to [`Law`]: its title, issuer, dates and articles.

use super::reader::Reader;
use crate::diagnostics::{Text, messages as m};
use crate::load::yaml::{Node, Value};
use crate::model::format::{self};
use crate::model::*;
use crate::rules::RuleId;

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
