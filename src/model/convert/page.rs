//! A free page's front matter (content/pages/<slug>.md) to [`Page`].

use super::reader::Reader;
use crate::diagnostics::{Text, messages as m};
use crate::load::yaml::Node;
use crate::model::format::{self};
use crate::model::*;
use crate::rules::RuleId;

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
