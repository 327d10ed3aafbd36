//! data/schema.json: the JSON Schema of an item file, generated from the format table
//! (`model::format`).
use super::*;

// ---------------------------------------------------------------------------------------------
// The JSON Schema of an item file.

pub fn describe(mut schema: serde_json::Value, description: &str) -> serde_json::Value {
    schema["description"] = serde_json::Value::String(description.to_string());
    schema
}

/// The schema of one key's value, from its kind in the format table.
pub fn kind_schema(key: &format::Key) -> serde_json::Value {
    use format::Kind;
    let description = key.zh;
    let at_least_one = matches!(
        key.need,
        format::Need::Required | format::Need::Dedicated(_)
    );
    let value = match key.kind {
        Kind::Text => serde_json::json!({"$ref": "#/$defs/text"}),
        Kind::Markdown => serde_json::json!({"$ref": "#/$defs/text"}),
        Kind::Boolean => serde_json::json!({"type": "boolean"}),
        Kind::Count => serde_json::json!({"$ref": "#/$defs/count"}),
        Kind::Integer => serde_json::json!({"type": "integer"}),
        Kind::Date => serde_json::json!({"$ref": "#/$defs/date"}),
        Kind::Url => serde_json::json!({"type": "string", "pattern": "^https?://"}),
        Kind::Id => serde_json::json!({"$ref": "#/$defs/id"}),
        Kind::FilePath => serde_json::json!({"$ref": "#/$defs/file_path"}),
        Kind::Span => serde_json::json!({"$ref": "#/$defs/time_span"}),
        Kind::LawReference => serde_json::json!({"$ref": "#/$defs/law_reference"}),
        Kind::Enum(values) => serde_json::json!({"enum": values}),
        Kind::Texts => serde_json::json!({
            "type": "array",
            "minItems": usize::from(at_least_one),
            "items": {"$ref": "#/$defs/text"},
        }),
        Kind::Enums(values) => serde_json::json!({
            "type": "array",
            "minItems": usize::from(at_least_one),
            "uniqueItems": true,
            "items": {"enum": values},
        }),
        Kind::Map(map) => map_schema(map),
        Kind::Maps(map) => serde_json::json!({
            "type": "array",
            "minItems": usize::from(at_least_one),
            "items": map_schema(map),
        }),
        Kind::RequiredOrCase => {
            serde_json::json!({"anyOf": [{"const": true}, {"type": "string", "minLength": 1}]})
        }
        Kind::Articles => {
            serde_json::json!({"type": "object", "additionalProperties": {"$ref": "#/$defs/text"}})
        }
        Kind::Lint => serde_json::json!({
            "type": "object",
            "additionalProperties": {"enum": ["error", "warning", "off"]},
        }),
    };
    describe(value, description)
}

/// The schema of a map of the format table: its keys, the required ones (including those a
/// dedicated rule reports), and the conditions the format states for it.
pub fn map_schema(map: &'static format::Map) -> serde_json::Value {
    let properties: serde_json::Map<String, serde_json::Value> = map
        .keys
        .iter()
        .map(|key| (key.name.to_string(), kind_schema(key)))
        .collect();
    let required: Vec<&str> = map
        .keys
        .iter()
        .filter(|key| {
            matches!(
                key.need,
                format::Need::Required | format::Need::Dedicated(_)
            )
        })
        .map(|key| key.name)
        .collect();
    let mut schema = serde_json::json!({
        "type": "object",
        "additionalProperties": false,
        "required": required,
        "properties": properties,
    });
    if let Some(conditions) = map_conditions(map) {
        schema["allOf"] = conditions;
    }
    schema
}

/// What the format requires of a map beyond its required keys, as JSON Schema conditions.
pub fn map_conditions(map: &'static format::Map) -> Option<serde_json::Value> {
    let forms = format!(
        "({})\\s*(》|（[^）]*）|\\([^)]*\\))*\\s*$",
        crate::check::FORM_SUFFIXES.join("|")
    );
    let conditions = if std::ptr::eq(map, &format::MATERIAL) {
        serde_json::json!([
            {
                "if": {"required": [format::material::SOURCE.name], "properties": {(format::material::SOURCE.name): {"not": {"const": "申请人自备"}}}},
                "then": {"required": [format::material::ISSUER.name]}
            },
            {
                "if": {"required": [format::material::NAME.name], "properties": {(format::material::NAME.name): {"type": "string", "pattern": forms}}},
                "then": {"required": [format::material::BLANK_FORM.name, format::material::SAMPLE.name]}
            }
        ])
    } else if std::ptr::eq(map, &format::FEES) {
        serde_json::json!([{
            "if": {"required": [format::fees::FREE.name], "properties": {(format::fees::FREE.name): {"const": true}}},
            "then": {"not": {"required": [format::fees::ITEMS.name]}},
            "else": {"required": [format::fees::ITEMS.name]}
        }])
    } else if std::ptr::eq(map, &format::ONLINE) {
        serde_json::json!([{
            "if": {"required": [format::online::AVAILABLE.name], "properties": {(format::online::AVAILABLE.name): {"const": true}}},
            "then": {"required": [format::online::URL.name]},
            "else": {"required": [format::online::REASON.name]}
        }])
    } else if std::ptr::eq(map, &format::ITEM) {
        serde_json::json!([
            {
                "if": {"required": [format::item::TYPE.name], "properties": {(format::item::TYPE.name): {"not": {"const": "公共服务"}}}},
                "then": {"required": [format::item::REFUSALS.name]}
            },
            {
                "if": {"required": [format::item::AUTHORITY.name], "properties": {(format::item::AUTHORITY.name): {"properties": {(format::authority::NATURE.name): {"const": "受委托组织"}}}}},
                "then": {"required": [format::item::REDRESS.name], "properties": {(format::item::AUTHORITY.name): {"required": [format::authority::ENTRUSTED_BY.name, format::authority::ENTRUSTMENT_BASIS.name]}}}
            }
        ])
    } else {
        return None;
    };
    Some(conditions)
}

/// `data/schema.json`: the JSON Schema (draft 2020-12) of `content/items/<id>.yaml`, generated
/// from the format table ([`format::ITEM`]).
pub fn item_schema(base_url: &str) -> serde_json::Value {
    let serde_json::Value::Object(item) = map_schema(&format::ITEM) else {
        unreachable!("a map's schema is an object")
    };
    let mut top = serde_json::Map::new();
    top.insert(
        "$schema".into(),
        "https://json-schema.org/draft/2020-12/schema".into(),
    );
    top.insert("$id".into(), format!("{base_url}data/schema.json").into());
    top.insert("title".into(), "办事指南事项文件".into());
    top.insert(
        "description".into(),
        "zhinan 内容格式第 2 版：一个办事事项（content/items/<编号>.yaml）".into(),
    );
    top.extend(item);
    top.insert(
        "$defs".into(),
        serde_json::json!({
            "text": {"type": ["string", "number"], "description": "文本，按原样读取（0010 仍是 0010；纯数字的值建议加引号）"},
            "id": {"type": "string", "pattern": "^[a-z0-9-]+$", "description": "编号：小写英文字母、数字和连字符"},
            "date": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "format": "date", "description": "日期 YYYY-MM-DD"},
            "count": {"type": "integer", "minimum": 0, "description": "非负整数"},
            "file_path": {"type": "string", "pattern": "^(?!/)(?!.*(^|/)\\.\\.(/|$)).+$", "description": "content/files/ 下的相对路径，不能以 / 开头，不能含 .."},
            "law_reference": map_schema(&format::LAW_REFERENCE),
            "time_span": map_schema(&format::TIME_SPAN),
        }),
    );
    serde_json::Value::Object(top)
}
