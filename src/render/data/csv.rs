//! data/items.csv: one row per item for spreadsheets (UTF-8 with BOM, CRLF), cells that a
//! spreadsheet would run as formulas neutralised.
use super::*;

/// Where a column of items.csv comes from: a key of the format table, a key of a map inside one,
/// or a value items.json adds (`id`, `url`, `department_name`).
pub enum Column {
    Added(&'static str),
    Key(&'static format::Key),
    Inner(&'static format::Key, &'static format::Key),
}

impl Column {
    /// The items.json path of the value (`time_limit.statutory`).
    pub fn path(&self) -> String {
        match self {
            Column::Added(name) => name.to_string(),
            Column::Key(key) => key.name.to_string(),
            Column::Inner(outer, inner) => format!("{}.{}", outer.name, inner.name),
        }
    }
}

/// The columns of items.csv: header, where the value comes from, meaning.
pub static CSV_COLUMNS: &[(&str, Column, &str)] = &[
    ("编号", Column::Added("id"), "事项编号（网址中的名称）"),
    (
        "实施编码",
        Column::Key(format::item::CODE),
        "事项的实施编码",
    ),
    ("事项名称", Column::Key(format::item::NAME), "事项名称"),
    (
        "事项类型",
        Column::Key(format::item::TYPE),
        "行政许可、公共服务等",
    ),
    (
        "实施部门",
        Column::Added("department_name"),
        "承办部门（股室）",
    ),
    (
        "部门编号",
        Column::Key(format::item::DEPARTMENT),
        "承办部门的编号",
    ),
    (
        "服务对象",
        Column::Key(format::item::AUDIENCE),
        "自然人、法人、非法人组织，以顿号分隔",
    ),
    (
        "法定办结时限",
        Column::Inner(format::item::TIME_LIMIT, format::time_limit::STATUTORY),
        "如“20 个工作日”；0 个工作日写作“即办”",
    ),
    (
        "承诺办结时限",
        Column::Inner(format::item::TIME_LIMIT, format::time_limit::PROMISED),
        "同上",
    ),
    (
        "是否收费",
        Column::Key(format::item::FEES),
        "“不收费”或“收费”",
    ),
    (
        "收费标准",
        Column::Inner(format::item::FEES, format::fees::ITEMS),
        "收费项目及标准，以分号分隔",
    ),
    (
        "到现场次数",
        Column::Key(format::item::VISITS),
        "办理本事项需要到现场的次数",
    ),
    (
        "网上办理",
        Column::Inner(format::item::ONLINE, format::online::AVAILABLE),
        "“是”或“否”",
    ),
    (
        "网上办理网址",
        Column::Inner(format::item::ONLINE, format::online::URL),
        "可以网上办理时的网址",
    ),
    (
        "办理地点",
        Column::Inner(format::item::PLACE, format::place::ADDRESS),
        "事项自己的地点，否则为本局的办事地点",
    ),
    (
        "办理时间",
        Column::Inner(format::item::PLACE, format::place::HOURS),
        "事项自己的时间，否则为本局的办公时间",
    ),
    (
        "咨询电话",
        Column::Inner(format::item::PLACE, format::place::PHONE),
        "事项自己的电话，否则为承办部门电话，再否则为本局咨询电话",
    ),
    (
        "办理结果",
        Column::Inner(format::item::RESULT, format::result::NAME),
        "办理结果（证照、批文）的名称",
    ),
    (
        "申请材料数",
        Column::Key(format::item::MATERIALS),
        "申请材料的项数",
    ),
    (
        "免提交材料数",
        Column::Inner(format::item::MATERIALS, format::material::EXEMPT),
        "可以共享获取、电子证照或承诺代替而免于提交的材料项数",
    ),
    (
        "告知承诺",
        Column::Key(format::item::COMMITMENT),
        "“是”：可以选择告知承诺；否则为“否”",
    ),
    (
        "数量限制",
        Column::Key(format::item::QUANTITY_LIMIT),
        "行政许可的数量限制；无限制时为“无数量限制”",
    ),
    (
        "实施主体性质",
        Column::Inner(format::item::AUTHORITY, format::authority::NATURE),
        "法定机关、法律法规授权组织或受委托组织；空白表示本局以自己的名义实施",
    ),
    (
        "委托机关",
        Column::Inner(format::item::AUTHORITY, format::authority::ENTRUSTED_BY),
        "受委托实施时，以其名义作出决定的机关",
    ),
    (
        "中介服务",
        Column::Key(format::item::INTERMEDIARY),
        "需要申请人委托的中介服务，以分号分隔",
    ),
    (
        "最后审核日期",
        Column::Key(format::item::UPDATED),
        "本条指南最后一次审核的日期",
    ),
    ("指南网址", Column::Added("url"), "本事项办事指南页面的网址"),
];

/// One CSV field, quoted when RFC 4180 requires it. A field that a spreadsheet would read as a
/// formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`
/// (OWASP, CSV injection), so opening the open data never runs anything.
pub fn csv_field(value: &str) -> String {
    let neutralised;
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        neutralised = format!("'{value}");
        neutralised.as_str()
    } else {
        value
    };
    if value.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

/// Where an item is served, by the item page's rule (its `place`, else its department's phone,
/// else the site's): (address, hours, phone).
pub fn service_place<'a>(model: &'a SiteModel, item: &'a Item) -> (&'a str, &'a str, &'a str) {
    let site = &model.site;
    let place = item.place.as_ref();
    let own = |pick: fn(&'a crate::model::Place) -> &'a Option<crate::model::Str>| {
        place.and_then(|p| pick(p).as_ref()).map(|t| t.as_str())
    };
    let department_phone = model
        .departments
        .get(&*item.department.value)
        .and_then(|d| d.phone.as_ref())
        .map(|p| p.as_str());
    (
        own(|p| &p.address).unwrap_or(site.address.as_str()),
        own(|p| &p.hours).unwrap_or(site.hours.as_str()),
        own(|p| &p.phone)
            .or(department_phone)
            .unwrap_or(site.phone.as_str()),
    )
}

/// `data/items.csv`: UTF-8 with a byte order mark (so Excel reads it as UTF-8), CRLF line ends,
/// a header row and one row per item (columns in [`CSV_COLUMNS`]).
pub fn items_csv(model: &SiteModel, views: &Views) -> Vec<u8> {
    let mut csv = String::from("\u{feff}");
    let header: Vec<String> = CSV_COLUMNS.iter().map(|(h, _, _)| csv_field(h)).collect();
    csv.push_str(&header.join(","));
    csv.push_str("\r\n");
    let label = |span: Option<&TimeSpan>| span.map(TimeSpan::label).unwrap_or_default();
    for item in &model.items {
        let (address, hours, phone) = service_place(model, item);
        let free = item.fees.as_ref().is_some_and(|f| f.is_free());
        let fees = item
            .fees
            .iter()
            .flat_map(|f| f.items.iter())
            .map(|i| {
                format!(
                    "{}：{}",
                    i.name.value,
                    i.amount.as_ref().map(|a| a.as_str()).unwrap_or("")
                )
            })
            .collect::<Vec<_>>()
            .join("；");
        let online = item.online.as_ref();
        let limit = item.time_limit.as_ref();
        let row = [
            item.id.as_str(),
            &item.code.value,
            &item.name.value,
            &item.item_type.value,
            model
                .departments
                .get(&*item.department.value)
                .map(|d| d.name.as_str())
                .unwrap_or(""),
            &item.department.value,
            &item
                .audience
                .iter()
                .map(|a| a.as_str())
                .collect::<Vec<_>>()
                .join("、"),
            &label(limit.and_then(|t| t.statutory.as_ref())),
            &label(limit.and_then(|t| t.promised.as_ref())),
            if free { "不收费" } else { "收费" },
            &fees,
            &item
                .visits
                .as_ref()
                .map(|v| v.value)
                .unwrap_or(0)
                .to_string(),
            if online.is_some_and(|o| o.available.value) {
                "是"
            } else {
                "否"
            },
            online
                .filter(|o| o.available.value)
                .and_then(|o| o.url.as_ref())
                .map(|u| u.as_str())
                .unwrap_or(""),
            address,
            hours,
            phone,
            item.result.as_ref().map(|r| r.name.as_str()).unwrap_or(""),
            &item.materials.len().to_string(),
            &item
                .materials
                .iter()
                .filter(|m| m.exempt.is_some())
                .count()
                .to_string(),
            if item.commitment.is_some() {
                "是"
            } else {
                "否"
            },
            item.quantity_limit
                .as_ref()
                .map(|q| q.as_str())
                .unwrap_or(""),
            item.authority
                .as_ref()
                .map(|a| a.nature.as_str())
                .unwrap_or(""),
            item.authority
                .as_ref()
                .and_then(|a| a.entrusted_by.as_ref())
                .map(|e| e.as_str())
                .unwrap_or(""),
            &item
                .intermediary
                .iter()
                .map(|i| i.name.as_str())
                .collect::<Vec<_>>()
                .join("；"),
            &item
                .updated
                .as_ref()
                .map(|u| u.value.to_string())
                .unwrap_or_default(),
            &format!("{}items/{}/", views.base_url, item.id),
        ];
        let row: Vec<String> = row.iter().map(|v| csv_field(v)).collect();
        csv.push_str(&row.join(","));
        csv.push_str("\r\n");
    }
    csv.into_bytes()
}
