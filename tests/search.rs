//! Search, open data and metadata, on the valid fixture site built by the real binary: the
//! tokenizer against the vectors shared with search.js, the index files, items.json (every field
//! of the YAML round-trips), items.csv, schema.json (the fixture's items validate against it),
//! the JSON-LD of item pages and the Atom feed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use zhinan::load::yaml::{self, Node, Style};
use zhinan::render::search::{token_hash, tokenize};

mod common;
use common::{copy_tree, read};

/// A temporary copy of the valid fixture.
fn fixture() -> tempfile::TempDir {
    common::fixture_copy("valid")
}

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn edit(root: &Path, relative: &str, from: &str, to: &str) {
    let path = root.join(relative);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "`{from}` not in {relative}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// Builds `root` into `<root>/public` and returns that folder.
fn build(root: &Path) -> PathBuf {
    let out = root.join("public");
    let output = common::build_site(root, &out, &[]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    out
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&read(path)).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

// ---- Tokenizer ---------------------------------------------------------------------------------

#[test]
fn tokenizer_matches_the_shared_vectors() {
    let fixture = read_json(&manifest_dir().join("tests/fixtures/tokenizer-vectors.json"));
    let vectors = fixture["vectors"].as_array().unwrap();
    assert!(vectors.len() > 30);
    for vector in vectors {
        let input = vector["input"].as_str().unwrap();
        let expected: Vec<&str> = vector["tokens"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        assert_eq!(tokenize(input), expected, "input {input:?}");
    }
    for hash in fixture["hashes"].as_array().unwrap() {
        let token = hash["token"].as_str().unwrap();
        assert_eq!(
            u64::from(token_hash(token)),
            hash["fnv1a"].as_u64().unwrap(),
            "token {token:?}"
        );
    }
}

// ---- Search index ------------------------------------------------------------------------------

/// The published index, read back like search.js reads it.
struct PublishedIndex {
    meta: Value,
    postings: BTreeMap<String, Vec<u64>>,
}

impl PublishedIndex {
    fn read(out: &Path) -> PublishedIndex {
        let meta = read_json(&out.join("search/index.json"));
        let shards = meta["shards"].as_u64().unwrap();
        let mut postings = BTreeMap::new();
        for n in 0..shards {
            let shard = read_json(&out.join(format!("search/shard-{n}.json")));
            for (token, gaps) in shard.as_object().unwrap() {
                assert_eq!(
                    u64::from(token_hash(token)) % shards,
                    n,
                    "`{token}` is in the wrong shard"
                );
                let mut document = 0;
                let numbers = gaps
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|gap| {
                        document += gap.as_u64().unwrap();
                        document
                    })
                    .collect();
                postings.insert(token.clone(), numbers);
            }
        }
        PublishedIndex { meta, postings }
    }

    /// Paths of the documents that contain every token of `query`.
    fn find(&self, query: &str) -> Vec<String> {
        let mut found: Option<BTreeSet<u64>> = None;
        for token in tokenize(query) {
            let here: BTreeSet<u64> = self
                .postings
                .get(&token)
                .map(|p| p.iter().copied().collect())
                .unwrap_or_default();
            found = Some(match found {
                None => here,
                Some(before) => before.intersection(&here).copied().collect(),
            });
        }
        found
            .unwrap_or_default()
            .into_iter()
            .map(|n| {
                self.meta["documents"][n as usize][0]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect()
    }
}

#[test]
fn the_index_finds_items_by_name_code_material_tag_department_and_pages() {
    let site = fixture();
    let out = build(site.path());
    let index = PublishedIndex::read(&out);
    assert_eq!(index.meta["version"], 1);
    assert_eq!(index.meta["shards"], 1);
    assert_eq!(
        index.meta["documents"],
        json!([
            [
                "items/geti-sheli/",
                "个体工商户设立登记",
                "0010",
                0,
                0,
                "营业执照"
            ],
            [
                "items/shipin-xuke/",
                "食品经营许可（新办）",
                "SP-002",
                1,
                0,
                "食品经营许可证"
            ],
            ["pages/guanyu/", "关于本指南", "", -1, -1, ""]
        ])
    );
    assert_eq!(
        index.meta["departments"],
        json!(["登记注册股", "食品经营监管股"])
    );
    let geti = "items/geti-sheli/";
    let shipin = "items/shipin-xuke/";
    // 营业执照 is geti-sheli's result and a material of shipin-xuke.
    for (query, expected) in [
        ("营业执照", vec![geti, shipin]),
        ("执照", vec![geti, shipin]),
        ("个体", vec![geti]),
        ("个体工商户", vec![geti]),
        ("0010", vec![geti]),
        ("SP-002", vec![shipin]),
        ("sp-002", vec![shipin]),
        ("ＳＰ－００２", vec![shipin]),
        ("SP 002", vec![shipin]),
        ("经营者身份证明", vec![geti]),
        ("委托书", vec![geti]),
        ("开办餐饮店", vec![shipin]),
        ("开办企业", vec![geti, shipin]),
        ("食品经营监管股", vec![shipin]),
        ("登记须知", vec![geti]),
        ("关于本指南", vec!["pages/guanyu/"]),
        ("一次性告知", vec!["pages/guanyu/"]),
        ("qwxzv", vec![]),
        ("经营者身份证明营业执照", vec![]),
    ] {
        assert_eq!(index.find(query), expected, "query {query}");
    }
    // Link targets of Markdown are not text.
    assert!(!index.postings.contains_key("pages"));
    // The search page lists every item for visitors without JavaScript.
    let page = read(&out.join("search/index.html"));
    assert!(has_tag_with(&page, "form", &[("role", "search")]));
    assert!(page.contains("个体工商户设立登记") && page.contains("SP-002"));
}

// ---- items.json --------------------------------------------------------------------------------

/// A YAML node as JSON with every scalar as its text: the independent reading of an item file.
fn yaml_as_text_json(node: &Node) -> Value {
    match &node.value {
        yaml::Value::Scalar { text, .. } => Value::String(text.clone()),
        yaml::Value::Sequence(items) => Value::Array(items.iter().map(yaml_as_text_json).collect()),
        yaml::Value::Mapping(entries) => Value::Object(
            entries
                .iter()
                .map(|(k, v)| (k.as_scalar().unwrap().to_string(), yaml_as_text_json(v)))
                .collect(),
        ),
    }
}

/// items.json with the keys it adds removed and every scalar as text: `id` and `url` of the item,
/// and `department_name`, `law_title`, `blank_form_url`, `sample_url` wherever they are.
/// A refusal's `kind` is written out even where the YAML leaves the default (不予受理), so a
/// reader of items.json never has to know the default: the default ones are removed here.
fn without_additions(item: &Value) -> Value {
    let mut item = strip_added(item);
    let map = item.as_object_mut().unwrap();
    map.remove("id").expect("id");
    map.remove("url").expect("url");
    if let Some(Value::Array(refusals)) = map.get_mut("refusals") {
        for refusal in refusals {
            let refusal = refusal.as_object_mut().unwrap();
            if refusal.get("kind") == Some(&Value::String("不予受理".into())) {
                refusal.remove("kind");
            }
        }
    }
    item
}

fn strip_added(value: &Value) -> Value {
    const ADDED: &[&str] = &[
        "department_name",
        "law_title",
        "blank_form_url",
        "sample_url",
        "form_url",
    ];
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(key, _)| !ADDED.contains(&key.as_str()))
                .map(|(key, value)| (key.clone(), strip_added(value)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(strip_added).collect()),
        Value::String(text) => Value::String(text.clone()),
        Value::Bool(value) => Value::String(value.to_string()),
        Value::Number(value) => Value::String(value.to_string()),
        Value::Null => Value::Null,
    }
}

fn item_files(root: &Path) -> BTreeMap<String, PathBuf> {
    walkdir::WalkDir::new(root.join("content/items"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "yaml"))
        .map(|e| {
            (
                e.path().file_stem().unwrap().to_string_lossy().into_owned(),
                e.path().to_path_buf(),
            )
        })
        .collect()
}

#[test]
fn items_json_round_trips_every_field_of_the_yaml() {
    let site = fixture();
    let out = build(site.path());
    let data = read_json(&out.join("data/items.json"));
    assert_eq!(data["version"], 1);
    let items = data["items"].as_array().unwrap();
    let files = item_files(site.path());
    assert_eq!(items.len(), files.len());
    for item in items {
        let id = item["id"].as_str().unwrap();
        let text = read(&files[id]);
        let node = yaml::parse(&text, 0).unwrap().unwrap();
        assert_eq!(
            without_additions(item),
            yaml_as_text_json(&node),
            "{id}: items.json differs from the YAML"
        );
        assert_eq!(
            item["url"],
            format!("https://test.example.gov.cn/bszn/items/{id}/")
        );
    }
    // Types follow the format: numbers, booleans, `required` as true or the case.
    let geti = &items[0];
    assert_eq!(geti["id"], "geti-sheli");
    assert_eq!(geti["code"], "0010");
    assert_eq!(geti["department_name"], "登记注册股");
    assert_eq!(
        geti["legal_basis"][0]["law_title"],
        "中华人民共和国市场主体登记管理条例"
    );
    assert_eq!(geti["materials"][0]["required"], true);
    assert_eq!(geti["materials"][0]["originals"], 1);
    assert_eq!(
        geti["materials"][0]["blank_form_url"],
        "https://test.example.gov.cn/bszn/files/forms/geti-shenqingshu.docx"
    );
    assert_eq!(geti["materials"][2]["required"], "委托代理人办理的");
    assert_eq!(geti["fees"], json!({"free": true}));
    assert_eq!(geti["visits"], 0);
    assert_eq!(
        geti["time_limit"]["statutory"],
        json!({"value": 15, "unit": "工作日", "basis": {"law": "xzxkf", "article": "第四十二条", "law_title": "中华人民共和国行政许可法"}})
    );
    assert_eq!(geti["online"]["available"], true);
    // Every item's keys keep the order of the format table (id, url and department_name added):
    // on each line of items.json the first occurrence of each top-level key follows that order.
    let table: Vec<&str> = zhinan::model::format::ITEM.names().collect();
    let raw = read(&out.join("data/items.json"));
    for (item, line) in items.iter().zip(
        raw.lines()
            .filter(|l| l.starts_with('{') && l.contains("\"id\"")),
    ) {
        let mut present: Vec<&str> = table
            .iter()
            .copied()
            .filter(|key| item.get(*key).is_some())
            .collect();
        present.sort_by_key(|key| line.find(&format!("\"{key}\":")).unwrap());
        let in_table_order: Vec<&str> = table
            .iter()
            .copied()
            .filter(|key| item.get(*key).is_some())
            .collect();
        assert_eq!(
            present, in_table_order,
            "items.json keys out of the format's order"
        );
    }
}

// ---- items.csv ---------------------------------------------------------------------------------

/// Parses RFC 4180 CSV (CRLF records, quoted fields with doubled quotes).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    field.push('"');
                    chars.next();
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
        } else if c == '"' {
            assert!(field.is_empty(), "quote inside an unquoted field");
            quoted = true;
        } else if c == ',' {
            record.push(std::mem::take(&mut field));
        } else if c == '\r' {
            assert_eq!(chars.next(), Some('\n'), "CR without LF");
            record.push(std::mem::take(&mut field));
            records.push(std::mem::take(&mut record));
        } else {
            assert_ne!(c, '\n', "bare LF outside quotes");
            field.push(c);
        }
    }
    assert!(!quoted, "unterminated quote");
    assert!(
        field.is_empty() && record.is_empty(),
        "last record without CRLF"
    );
    records
}

#[test]
fn items_csv_has_a_bom_a_header_and_one_quoted_row_per_item() {
    let site = fixture();
    edit(
        site.path(),
        "content/items/shipin-xuke.yaml",
        "address: 测试县政务服务中心二楼 8 号窗口",
        "address: '测试县政务服务中心二楼, \"食品\" 8 号窗口'",
    );
    let out = build(site.path());
    let bytes = std::fs::read(out.join("data/items.csv")).unwrap();
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "no UTF-8 BOM");
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    assert!(text.contains("\"测试县政务服务中心二楼, \"\"食品\"\" 8 号窗口\""));
    let records = parse_csv(text);
    assert_eq!(records.len(), 3);
    let header = &records[0];
    assert_eq!(header[0], "编号");
    assert_eq!(header[1], "实施编码");
    assert_eq!(header[2], "事项名称");
    for record in &records {
        assert_eq!(record.len(), header.len());
    }
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let shipin = &records[2];
    assert_eq!(shipin[column("编号")], "shipin-xuke");
    assert_eq!(shipin[column("实施编码")], "SP-002");
    assert_eq!(
        shipin[column("办理地点")],
        "测试县政务服务中心二楼, \"食品\" 8 号窗口"
    );
    assert_eq!(shipin[column("咨询电话")], "0000-1000021");
    assert_eq!(shipin[column("是否收费")], "收费");
    assert_eq!(shipin[column("收费标准")], "工本费：每件 10 元");
    assert_eq!(shipin[column("承诺办结时限")], "5 个工作日");
    let geti = &records[1];
    assert_eq!(geti[column("实施编码")], "0010");
    assert_eq!(geti[column("咨询电话")], "0000-1000010");
    assert_eq!(geti[column("是否收费")], "不收费");
    assert_eq!(geti[column("网上办理")], "是");
    assert_eq!(
        geti[column("指南网址")],
        "https://test.example.gov.cn/bszn/items/geti-sheli/"
    );
}

// ---- schema.json -------------------------------------------------------------------------------

/// A YAML node as JSON the way YAML 1.2's core schema (and so VS Code's YAML extension) types
/// plain scalars: true/false, integers, the rest strings.
fn yaml_as_typed_json(node: &Node) -> Value {
    match &node.value {
        yaml::Value::Scalar { text, style } => {
            if *style == Style::Plain {
                if text == "true" || text == "false" {
                    return Value::Bool(text == "true");
                }
                if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
                    return json!(text.parse::<u64>().unwrap());
                }
            }
            Value::String(text.clone())
        }
        yaml::Value::Sequence(items) => {
            Value::Array(items.iter().map(yaml_as_typed_json).collect())
        }
        yaml::Value::Mapping(entries) => Value::Object(
            entries
                .iter()
                .map(|(k, v)| (k.as_scalar().unwrap().to_string(), yaml_as_typed_json(v)))
                .collect(),
        ),
    }
}

/// The patterns schema.json uses, as code (no regex engine here); an unknown pattern fails.
fn matches_pattern(pattern: &str, text: &str) -> bool {
    match pattern {
        "^[a-z0-9-]+$" => {
            !text.is_empty()
                && text
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        }
        "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" => {
            text.len() == 10
                && text.bytes().enumerate().all(|(i, b)| {
                    if i == 4 || i == 7 {
                        b == b'-'
                    } else {
                        b.is_ascii_digit()
                    }
                })
        }
        "^https?://" => text.starts_with("http://") || text.starts_with("https://"),
        "(申请书|申请表|登记表|承诺书|备案表|申报表|审批表|报告表|采集表|汇总表|确认书|委托书|声明书)\\s*(》|（[^）]*）|\\([^)]*\\))*\\s*$" =>
        {
            // The form word, then any closing 》 and bracketed remarks.
            let mut core = text.trim_end();
            loop {
                let before = core;
                core = core.trim_end_matches('》').trim_end();
                for (open, close) in [('（', '）'), ('(', ')')] {
                    if core.ends_with(close)
                        && let Some(start) = core.rfind(open)
                    {
                        core = core[..start].trim_end();
                    }
                }
                if core == before {
                    break;
                }
            }
            [
                "申请书",
                "申请表",
                "登记表",
                "承诺书",
                "备案表",
                "申报表",
                "审批表",
                "报告表",
                "采集表",
                "汇总表",
                "确认书",
                "委托书",
                "声明书",
            ]
            .iter()
            .any(|end| core.ends_with(end))
        }
        "^(?!/)(?!.*(^|/)\\.\\.(/|$)).+$" => {
            !text.is_empty() && !text.starts_with('/') && !text.split('/').any(|part| part == "..")
        }
        other => panic!("the test does not know the pattern {other}"),
    }
}

/// Validates `value` against the subset of JSON Schema 2020-12 that schema.json uses; returns
/// the problems as `path: what`.
fn validate(schema: &Value, root: &Value, value: &Value, path: &str, problems: &mut Vec<String>) {
    let mut fail = |what: String| problems.push(format!("{path}: {what}"));
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let name = reference.strip_prefix("#/$defs/").expect("local $ref");
        validate(&root["$defs"][name], root, value, path, problems);
        return;
    }
    if let Some(types) = schema.get("type") {
        let types: Vec<&str> = match types {
            Value::String(t) => vec![t.as_str()],
            Value::Array(ts) => ts.iter().map(|t| t.as_str().unwrap()).collect(),
            _ => panic!("bad type"),
        };
        let ok = types.iter().any(|t| match *t {
            "string" => value.is_string(),
            "number" => value.is_number(),
            "integer" => value.is_u64() || value.is_i64(),
            "boolean" => value.is_boolean(),
            "object" => value.is_object(),
            "array" => value.is_array(),
            other => panic!("type {other}"),
        });
        if !ok {
            fail(format!("{value} is not {types:?}"));
            return;
        }
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array)
        && !values.contains(value)
    {
        fail(format!("{value} is not one of {values:?}"));
    }
    if let Some(constant) = schema.get("const")
        && constant != value
    {
        fail(format!("{value} is not {constant}"));
    }
    if let (Some(minimum), Some(number)) = (schema.get("minimum"), value.as_f64())
        && number < minimum.as_f64().unwrap()
    {
        fail(format!("{number} < {minimum}"));
    }
    if let (Some(min), Some(text)) = (schema.get("minLength"), value.as_str())
        && (text.chars().count() as u64) < min.as_u64().unwrap()
    {
        fail("too short".into());
    }
    if let (Some(pattern), Some(text)) = (schema.get("pattern"), value.as_str())
        && !matches_pattern(pattern.as_str().unwrap(), text)
    {
        fail(format!("`{text}` does not match {pattern}"));
    }
    if let Value::Array(items) = value {
        if let Some(min) = schema.get("minItems")
            && (items.len() as u64) < min.as_u64().unwrap()
        {
            fail("too few items".into());
        }
        if schema.get("uniqueItems") == Some(&Value::Bool(true)) {
            let distinct: BTreeSet<String> = items.iter().map(Value::to_string).collect();
            if distinct.len() != items.len() {
                fail("duplicate items".into());
            }
        }
        if let Some(item_schema) = schema.get("items") {
            for (index, item) in items.iter().enumerate() {
                validate(
                    item_schema,
                    root,
                    item,
                    &format!("{path}[{index}]"),
                    problems,
                );
            }
        }
    }
    if let Value::Object(map) = value {
        let properties = schema.get("properties").and_then(Value::as_object);
        for key in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if !map.contains_key(key.as_str().unwrap()) {
                problems.push(format!("{path}: missing {key}"));
            }
        }
        for (key, inner) in map {
            match properties.and_then(|p| p.get(key)) {
                Some(property) => {
                    validate(property, root, inner, &format!("{path}.{key}"), problems)
                }
                None if schema.get("additionalProperties") == Some(&Value::Bool(false)) => {
                    problems.push(format!("{path}: unknown key {key}"))
                }
                None => {}
            }
        }
    }
    let passes = |schema: &Value| {
        let mut inner = Vec::new();
        validate(schema, root, value, path, &mut inner);
        inner.is_empty()
    };
    for branch in schema
        .get("allOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        validate(branch, root, value, path, problems);
    }
    if let Some(branches) = schema.get("anyOf").and_then(Value::as_array)
        && !branches.iter().any(passes)
    {
        problems.push(format!("{path}: no anyOf branch matches"));
    }
    if let Some(not) = schema.get("not")
        && passes(not)
    {
        problems.push(format!("{path}: matches `not`"));
    }
    if let Some(condition) = schema.get("if") {
        let branch = if passes(condition) {
            schema.get("then")
        } else {
            schema.get("else")
        };
        if let Some(branch) = branch {
            validate(branch, root, value, path, problems);
        }
    }
}

#[test]
fn schema_has_the_format_keys_and_enums_and_the_fixture_validates() {
    let site = fixture();
    let out = build(site.path());
    let schema = read_json(&out.join("data/schema.json"));
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(
        schema["$id"],
        "https://test.example.gov.cn/bszn/data/schema.json"
    );
    let keys = |value: &Value| -> Vec<String> {
        let mut keys: Vec<String> = value["properties"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        keys.sort();
        keys
    };
    let sorted = |list: &[&str]| -> Vec<String> {
        let mut list: Vec<String> = list.iter().map(|s| s.to_string()).collect();
        list.sort();
        list
    };
    // From shared/spec/content-format.md, items/<id>.yaml and "A material".
    assert_eq!(
        keys(&schema),
        sorted(&[
            "code",
            "name",
            "type",
            "department",
            "audience",
            "summary",
            "legal_basis",
            "conditions",
            "materials",
            "procedure",
            "time_limit",
            "fees",
            "result",
            "visits",
            "visits_reason",
            "online",
            "place",
            "handlers",
            "appointment",
            "refusals",
            "faq",
            "tags",
            "updated",
            "draft",
            "authority",
            "redress",
            "quantity_limit",
            "commitment",
            "intermediary",
            "situations"
        ])
    );
    assert_eq!(
        keys(&schema["properties"]["materials"]["items"]),
        sorted(&[
            "name",
            "required",
            "originals",
            "copies",
            "medium",
            "paper_size",
            "source",
            "issuer",
            "blank_form",
            "sample",
            "note",
            "basis",
            "exempt"
        ])
    );
    assert_eq!(schema["additionalProperties"], false);
    // The schema is generated from the format table: the same keys, in its order.
    let table: Vec<String> = zhinan::model::format::ITEM
        .names()
        .map(String::from)
        .collect();
    let schema_keys: Vec<String> = schema["properties"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    let mut sorted_table = table.clone();
    sorted_table.sort();
    let mut sorted_schema = schema_keys.clone();
    sorted_schema.sort();
    assert_eq!(sorted_schema, sorted_table);
    assert_eq!(
        schema["properties"]["type"]["enum"],
        json!([
            "行政许可",
            "行政确认",
            "行政给付",
            "行政裁决",
            "行政奖励",
            "行政备案",
            "其他行政权力",
            "公共服务"
        ])
    );
    assert_eq!(
        schema["properties"]["audience"]["items"]["enum"],
        json!(["自然人", "法人", "非法人组织"])
    );
    let material = &schema["properties"]["materials"]["items"]["properties"];
    assert_eq!(
        material["medium"]["enum"],
        json!(["纸质", "电子", "纸质或电子"])
    );
    assert_eq!(
        material["source"]["enum"],
        json!(["申请人自备", "政府部门核发", "中介机构出具", "其他"])
    );
    assert_eq!(
        schema["properties"]["result"]["properties"]["type"]["enum"],
        json!(["证照", "批文", "其他"])
    );
    assert_eq!(
        schema["$defs"]["time_span"]["properties"]["unit"]["enum"],
        json!(["工作日", "自然日", "小时"])
    );

    // Every item of the valid fixture is valid; typical mistakes are not.
    for (id, file) in item_files(site.path()) {
        let node = yaml::parse(&read(&file), 0).unwrap().unwrap();
        let item = yaml_as_typed_json(&node);
        let mut problems = Vec::new();
        validate(&schema, &schema, &item, id.as_str(), &mut problems);
        assert!(problems.is_empty(), "{problems:#?}");
    }
    let geti = read(&item_files(site.path())["geti-sheli"]);
    for (from, to, problem) in [
        ("type: 行政许可", "type: 许可", "type"),
        ("tags: [开办企业]", "tag: [开办企业]", "unknown key tag"),
        (
            "    required: true\n    originals: 1\n    copies: 0\n    medium: 纸质或电子",
            "    required: false\n    originals: 1\n    copies: 0\n    medium: 纸质或电子",
            "anyOf",
        ),
        (
            "fees: {free: true}",
            "fees: {free: false}",
            "missing \"items\"",
        ),
        (
            "  available: true\n  url: https://zwfw.example.gov.cn/geti",
            "  available: true",
            "missing \"url\"",
        ),
        (
            "    blank_form: forms/geti-shenqingshu.docx\n",
            "",
            "missing \"blank_form\"",
        ),
        ("refusals:", "refusal_list:", "missing \"refusals\""),
        (
            "updated: 2026-10-01",
            "updated: 2026/10/01",
            "does not match",
        ),
    ] {
        assert!(geti.contains(from), "{from}");
        let node = yaml::parse(&geti.replacen(from, to, 1), 0)
            .unwrap()
            .unwrap();
        let mut problems = Vec::new();
        validate(
            &schema,
            &schema,
            &yaml_as_typed_json(&node),
            "geti",
            &mut problems,
        );
        assert!(
            problems.iter().any(|p| p.contains(problem)),
            "`{to}` should give `{problem}`: {problems:#?}"
        );
    }
}

// ---- JSON-LD and head metadata -----------------------------------------------------------------

fn json_ld(page: &str) -> Value {
    let start = page
        .find("<script type=application/ld+json>")
        .map(|i| i + "<script type=application/ld+json>".len())
        .or_else(|| {
            page.find("<script type=\"application/ld+json\">")
                .map(|i| i + "<script type=\"application/ld+json\">".len())
        })
        .expect("a JSON-LD script");
    let end = start + page[start..].find("</script>").unwrap();
    let text = &page[start..end];
    assert!(
        !text.contains('<') && !text.contains('>') && !text.contains('&'),
        "{text}"
    );
    serde_json::from_str(text).unwrap()
}

#[test]
fn item_pages_carry_government_service_json_ld_open_graph_and_canonical_links() {
    let site = fixture();
    // A name that would end the script element if it were not escaped, and a promised limit in
    // hours (the one unit besides 自然日 with a fixed duration).
    edit(
        site.path(),
        "content/items/shipin-xuke.yaml",
        "name: 食品经营许可（新办）",
        "name: 食品经营许可（新办）</script><b>&",
    );
    edit(
        site.path(),
        "content/items/shipin-xuke.yaml",
        "promised: {value: 5, unit: 工作日}",
        "promised: {value: 48, unit: 小时}",
    );
    let out = build(site.path());
    let base = "https://test.example.gov.cn/bszn/";

    let shipin_page = read(&out.join("items/shipin-xuke/index.html"));
    let shipin = json_ld(&shipin_page);
    assert_eq!(shipin["@context"], "https://schema.org");
    assert_eq!(shipin["@type"], "GovernmentService");
    assert_eq!(shipin["name"], "食品经营许可（新办）</script><b>&");
    assert_eq!(shipin["url"], format!("{base}items/shipin-xuke/"));
    assert_eq!(shipin["serviceType"], "行政许可");
    assert_eq!(shipin["provider"]["@type"], "GovernmentOrganization");
    assert_eq!(shipin["provider"]["name"], "测试县市场监督管理局");
    assert_eq!(shipin["areaServed"]["name"], "测试县");
    let channel = &shipin["availableChannel"];
    assert_eq!(channel["@type"], "ServiceChannel");
    // The item's own place phone; not online, so the guide page is the service URL.
    assert_eq!(channel["servicePhone"]["telephone"], "0000-1000021");
    assert_eq!(channel["serviceUrl"], format!("{base}items/shipin-xuke/"));
    assert_eq!(
        channel["serviceLocation"]["address"],
        "测试县政务服务中心二楼 8 号窗口"
    );
    assert_eq!(channel["processingTime"], "PT48H");

    let geti_page = read(&out.join("items/geti-sheli/index.html"));
    let geti = json_ld(&geti_page);
    let channel = &geti["availableChannel"];
    // No place phone: the department's; online: the online URL; no place: the site's address.
    assert_eq!(channel["servicePhone"]["telephone"], "0000-1000010");
    assert_eq!(channel["serviceUrl"], "https://zwfw.example.gov.cn/geti");
    assert_eq!(
        channel["serviceLocation"]["address"],
        "测试县政务服务中心一楼 3 号窗口"
    );
    // 工作日 is not a fixed duration.
    assert!(channel.get("processingTime").is_none());

    // Canonical links on every page (base_url + path), Open Graph and JSON-LD on item pages, the
    // feed on every page.
    for path in ["", "items/geti-sheli/", "search/", "data/", "pages/guanyu/"] {
        let page = read(&out.join(path).join("index.html"));
        assert!(
            has_link(&page, "canonical", &format!("{base}{path}")),
            "{path}: no canonical link"
        );
        assert!(has_link(&page, "alternate", &format!("{base}feed.xml")));
    }
    assert!(has_meta(
        &geti_page,
        "og:url",
        &format!("{base}items/geti-sheli/")
    ));
    assert!(has_meta(&geti_page, "og:title", "个体工商户设立登记"));
    assert!(has_meta(&geti_page, "og:locale", "zh_CN"));

    // The phone and address of JSON-LD are those of items.csv (one rule, two outputs).
    let csv = std::fs::read_to_string(out.join("data/items.csv")).unwrap();
    let records = parse_csv(csv.trim_start_matches('\u{feff}'));
    let header = &records[0];
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    for record in &records[1..] {
        let page = read(&out.join(format!("items/{}/index.html", record[column("编号")])));
        let channel = json_ld(&page)["availableChannel"].clone();
        assert_eq!(
            channel["servicePhone"]["telephone"],
            record[column("咨询电话")]
        );
        assert_eq!(
            channel["serviceLocation"]["address"],
            record[column("办理地点")]
        );
    }
}

/// The attributes of every `<name ...>` tag of `page`, quoted or not (as minify-html leaves
/// them), in document order; values as written (entities not decoded).
fn tag_attributes(page: &str, name: &str) -> Vec<Vec<(String, String)>> {
    let opening = format!("<{name} ");
    let mut tags = Vec::new();
    for (index, _) in page.match_indices(&opening) {
        let mut rest = &page[index + opening.len()..];
        let mut attributes = Vec::new();
        loop {
            rest = rest.trim_start();
            if rest.is_empty() || rest.starts_with('>') || rest.starts_with("/>") {
                break;
            }
            let name_end = rest.find(['=', ' ', '>']).unwrap_or(rest.len());
            let key = rest[..name_end].to_string();
            rest = &rest[name_end..];
            let value = if let Some(after) = rest.strip_prefix('=') {
                let (value, after) = match after.chars().next() {
                    Some(quote @ ('"' | '\'')) => {
                        let close = after[1..].find(quote).unwrap() + 1;
                        (&after[1..close], &after[close + 1..])
                    }
                    _ => {
                        let end = after.find([' ', '>']).unwrap_or(after.len());
                        (&after[..end], &after[end..])
                    }
                };
                rest = after;
                value.to_string()
            } else {
                String::new()
            };
            attributes.push((key, value));
        }
        tags.push(attributes);
    }
    tags
}

fn has_tag_with(page: &str, name: &str, wanted: &[(&str, &str)]) -> bool {
    tag_attributes(page, name).iter().any(|attributes| {
        wanted.iter().all(|(key, value)| {
            attributes
                .iter()
                .any(|(k, v)| k == key && v.replace("&amp;", "&") == *value)
        })
    })
}

/// A `<link>` with this `rel` and `href`, whatever the order and quoting of its attributes.
fn has_link(page: &str, rel: &str, href: &str) -> bool {
    has_tag_with(page, "link", &[("rel", rel), ("href", href)])
}

/// A `<meta>` with this `property` and `content`, whatever the order and quoting.
fn has_meta(page: &str, property: &str, content: &str) -> bool {
    has_tag_with(
        page,
        "meta",
        &[("property", property), ("content", content)],
    )
}

// ---- feed.xml ----------------------------------------------------------------------------------

/// Checks that `xml` is well-formed: one root element, every tag closed in order, attributes
/// quoted, `&` only in the five predefined entities or character references.
fn assert_well_formed(xml: &str) -> Vec<String> {
    let mut stack: Vec<String> = Vec::new();
    let mut seen_root = false;
    let mut rest = xml
        .strip_prefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>")
        .expect("XML declaration");
    let mut elements = Vec::new();
    let check_text = |text: &str| {
        let mut pieces = text.split('&');
        pieces.next();
        for piece in pieces {
            let entity = piece.split(';').next().unwrap();
            assert!(
                ["amp", "lt", "gt", "quot", "apos"].contains(&entity) || entity.starts_with('#'),
                "bad entity &{entity};"
            );
        }
        assert!(!text.contains('<') && !text.contains('>'));
    };
    while let Some(open) = rest.find('<') {
        let text = &rest[..open];
        check_text(text);
        assert!(
            !stack.is_empty() || text.trim().is_empty(),
            "text outside the root"
        );
        let close = rest[open..].find('>').unwrap() + open;
        let tag = &rest[open + 1..close];
        rest = &rest[close + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop().as_deref(), Some(name), "mismatched </{name}>");
            continue;
        }
        let self_closing = tag.ends_with('/');
        let tag = tag.trim_end_matches('/');
        let name = tag.split_whitespace().next().unwrap().to_string();
        let attributes = tag[name.len()..].trim();
        let mut attribute_rest = attributes;
        while !attribute_rest.is_empty() {
            let (key, value) = attribute_rest.split_once("=\"").expect("quoted attribute");
            assert!(!key.trim().is_empty());
            let end = value.find('"').unwrap();
            check_text(&value[..end]);
            attribute_rest = value[end + 1..].trim_start();
        }
        if stack.is_empty() {
            assert!(!seen_root, "two root elements");
            seen_root = true;
        }
        elements.push(name.clone());
        if !self_closing {
            stack.push(name);
        }
    }
    assert!(stack.is_empty(), "unclosed {stack:?}");
    assert!(rest.trim().is_empty());
    elements
}

#[test]
fn the_feed_is_well_formed_atom_newest_first_and_deterministic() {
    let site = fixture();
    let out = build(site.path());
    let feed = read(&out.join("feed.xml"));
    let elements = assert_well_formed(&feed);
    assert_eq!(elements[0], "feed");
    assert!(feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""));
    assert_eq!(elements.iter().filter(|e| *e == "entry").count(), 2);
    // The feed's date is the newest review, not the build time.
    let updated = |text: &str| {
        let start = text.find("<updated>").unwrap() + "<updated>".len();
        text[start..start + 25].to_string()
    };
    assert_eq!(updated(&feed), "2026-10-01T00:00:00+08:00");
    let geti = feed.find("items/geti-sheli/").unwrap();
    let shipin = feed.find("items/shipin-xuke/").unwrap();
    assert!(geti < shipin, "newest first");
    assert!(feed.contains("<updated>2026-09-15T00:00:00+08:00</updated>"));
    assert!(feed.contains("<id>https://test.example.gov.cn/bszn/items/geti-sheli/</id>"));

    // A second build is byte-identical, and so is everything this module writes.
    let again = tempfile::tempdir().unwrap();
    copy_tree(&manifest_dir().join("tests/fixtures/valid"), again.path());
    let second = build(again.path());
    for file in [
        "feed.xml",
        "data/items.json",
        "data/items.csv",
        "data/schema.json",
        "data/index.html",
        "search/index.json",
        "search/shard-0.json",
        "search/index.html",
    ] {
        assert_eq!(
            std::fs::read(out.join(file)).unwrap(),
            std::fs::read(second.join(file)).unwrap(),
            "{file} differs between builds"
        );
    }
}

#[test]
fn the_data_page_links_every_file() {
    let site = fixture();
    let out = build(site.path());
    let page = read(&out.join("data/index.html"));
    for file in [
        "data/items.json",
        "data/items.csv",
        "data/schema.json",
        "feed.xml",
    ] {
        assert!(page.contains(&format!("/bszn/{file}")), "{file}");
    }
    assert!(page.contains("department_name") && page.contains("实施编码"));
}
