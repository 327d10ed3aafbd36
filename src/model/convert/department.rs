//! A department file (content/departments/<id>.yaml) to [`Department`].

use super::reader::Reader;
use crate::load::yaml::Node;
use crate::model::format::{self};
use crate::model::*;

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
