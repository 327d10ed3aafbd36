//! The content format as data: every key of every kind of file and of every map inside one, with
//! how it is required (and by which rule, when a dedicated rule owns it), its type and enum values,
//! and its meaning in Chinese (for staff) and English.
//!
//! One table, read by everything that needs the format's keys: `convert` takes the allowed keys
//! of each map (and the "did you mean" candidates) from it; `render::data` generates
//! data/schema.json from it and keeps items.json in its key order; docs/content-format.md's key
//! tables are generated from it ([`markdown_table`]; a test fails when the doc is stale).
//! Adding a key is one line here plus its meaning in the model.

use crate::rules::RuleId;

use super::{
    AUDIENCES, AUTHORITY_NATURES, EXEMPTION_KINDS, ITEM_TYPES, MEDIUMS, RESULT_TYPES, SOURCES,
};

/// The units of a time span.
pub const TIME_UNITS: &[&str] = &["工作日", "自然日", "小时"];
/// The kinds of refusal (v2).
pub const REFUSAL_KINDS: &[&str] = &["不予受理", "不予批准"];

/// How a key is required.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    Required,
    Optional,
    /// Required, but its absence is reported by this dedicated rule instead of `missing-field`.
    Dedicated(RuleId),
    /// Required in some cases only, which this rule checks.
    Conditional(RuleId),
}

/// The type of a key's value.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// Plain text, exactly as written; always HTML-escaped.
    Text,
    /// Markdown (no raw HTML, safe links only).
    Markdown,
    /// `true` or `false`.
    Boolean,
    /// A non-negative integer.
    Count,
    /// An integer (a page's menu order).
    Integer,
    /// `YYYY-MM-DD`.
    Date,
    /// An absolute http(s) URL.
    Url,
    /// `[a-z0-9-]+`, a file stem elsewhere in the site.
    Id,
    /// A path under content/files/.
    FilePath,
    /// `{value, unit}`.
    Span,
    /// `{law, article}`.
    LawReference,
    /// One of the values.
    Enum(&'static [&'static str]),
    /// A list of texts.
    Texts,
    /// A list of values of the enum, each once.
    Enums(&'static [&'static str]),
    /// A map of the keys of another table.
    Map(&'static Map),
    /// A list of such maps.
    Maps(&'static Map),
    /// A material's `required`: `true`, or the case as text.
    RequiredOrCase,
    /// A law's `articles`: article key to its text.
    Articles,
    /// site.yaml's `lint`: rule name to `error`, `warning` or `off`.
    Lint,
}

#[derive(Debug)]
pub struct Key {
    pub name: &'static str,
    pub kind: Kind,
    pub need: Need,
    /// The version of the format that added it.
    pub since: u8,
    /// A short name for people (`zhinan diff`, the change history); empty: the first words of
    /// `zh` (see [`Key::label`]).
    pub label: &'static str,
    /// What it means, for staff (docs/content-format.md, schema.json).
    pub zh: &'static str,
    pub en: &'static str,
    /// The bureau's rule or the law it serves (docs only); may be empty.
    pub institution: &'static str,
    /// The rules that check it (docs only).
    pub rules: &'static [RuleId],
}

/// The keys of one kind of file or of one map inside it.
#[derive(Debug)]
pub struct Map {
    /// How diagnostics name the map (`item`, `materials`, `time_limit`).
    pub name: &'static str,
    pub keys: &'static [Key],
}

impl Key {
    /// A short name of the key for people: in Chinese its `label`, else the first words of its
    /// meaning (`申请材料` of "申请材料，至少一项……"); in English the key with spaces.
    pub fn label(&self, chinese: bool) -> std::borrow::Cow<'static, str> {
        if !chinese {
            // The key itself reads well in English (`time limit`, `blank form`).
            return self.name.replace('_', " ").into();
        }
        if !self.label.is_empty() {
            return self.label.into();
        }
        let stops: &[char] = &['，', '；', '：', '（', '(', '。', '、', '`'];
        let short = self.zh.split(stops).next().unwrap_or("").trim();
        if short.is_empty() || short.chars().count() > 14 {
            self.name.into()
        } else {
            short.into()
        }
    }
}

impl Map {
    pub fn key(&self, name: &str) -> Option<&'static Key> {
        self.keys.iter().find(|key| key.name == name)
    }

    pub fn names(&self) -> impl Iterator<Item = &'static str> {
        self.keys.iter().map(|key| key.name)
    }

    /// Whether `name` is a key of this map.
    pub fn allows(&self, name: &str) -> bool {
        self.keys.iter().any(|key| key.name == name)
    }
}

use Kind::*;
use Need::*;

/// A key of a nested map (version 1 unless it is a whole new map, meaning and rules kept short).
const fn key(
    name: &'static str,
    kind: Kind,
    need: Need,
    zh: &'static str,
    en: &'static str,
) -> Key {
    Key {
        name,
        kind,
        need,
        since: 1,
        label: "",
        zh,
        en,
        institution: "",
        rules: &[],
    }
}

impl Key {
    /// The key with a short name for people other than the first words of its meaning.
    const fn labelled(self, label: &'static str) -> Key {
        Key { label, ..self }
    }
}

/// Defines the static `Map` of one kind of file or nested map, and a module of the same name in
/// lower case with one `&'static Key` per key (`item::MATERIALS`), so that the rest of zhinan names
/// a key through the table and never by a string of its own.
macro_rules! format_map {
    ($(#[$attribute:meta])* pub static $map:ident in $module:ident = $name:literal, [
        $($constant:ident => $key:expr),* $(,)?
    ]) => {
        $(#[$attribute])*
        pub static $map: Map = Map { name: $name, keys: &[$($key),*] };

        /// The keys of the map of the same name, one per constant.
        pub mod $module {
            #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
            enum Index { $($constant),* }
            $(pub static $constant: &super::Key = &super::$map.keys[Index::$constant as usize];)*
        }
    };
}

format_map! {
    pub static SITE in site = "site.yaml", [
        TITLE => Key {
            name: "title",
            label: "",
            kind: Text,
            need: Required,
            since: 1,
            zh: "网站标题，如“示例县市场监督管理局政务服务事项办事指南”",
            en: "site title",
            institution: "一次性告知制第 2 条（印成服务指南）",
            rules: &[],
        },
        AUTHORITY => Key {
            name: "authority",
            label: "",
            kind: Text,
            need: Required,
            since: 1,
            zh: "发布机关全称",
            en: "the publishing body's full name",
            institution: "",
            rules: &[],
        },
        BASE_URL => Key {
            name: "base_url",
            label: "网址",
            kind: Url,
            need: Required,
            since: 1,
            zh: "网站发布的完整网址，如 `https://www.example.gov.cn/bszn/`",
            en: "absolute URL the site is published under",
            institution: "",
            rules: &[],
        },
        LANGUAGE => Key {
            name: "language",
            label: "",
            kind: Text,
            need: Optional,
            since: 1,
            zh: "语言代码，默认 `zh-CN`",
            en: "BCP 47 tag, default zh-CN",
            institution: "",
            rules: &[],
        },
        ADDRESS => Key {
            name: "address",
            label: "",
            kind: Text,
            need: Required,
            since: 1,
            zh: "默认办事地点，写到大厅和窗口",
            en: "default place of service",
            institution: "一次性告知制",
            rules: &[],
        },
        HOURS => Key {
            name: "hours",
            label: "",
            kind: Text,
            need: Required,
            since: 1,
            zh: "默认办公时间，写明节假日安排（如“法定节假日除外”）",
            en: "default opening hours",
            institution: "一次性告知制",
            rules: &[],
        },
        PHONE => Key {
            name: "phone",
            label: "",
            kind: Text,
            need: Required,
            since: 1,
            zh: "总咨询电话：联系不上具体股室时，群众打这个电话",
            en: "general enquiry phone",
            institution: "首问负责制",
            rules: &[],
        },
        COMPLAINT => Key {
            name: "complaint",
            label: "",
            kind: Map(&COMPLAINT),
            need: Dedicated(RuleId::NoComplaintChannel),
            since: 1,
            zh: "效能投诉渠道：`phone`（必填）、`address`、`email`、`url`（选填），一般是监察室",
            en: "efficiency complaint channel",
            institution: "效能投诉与问责",
            rules: &[RuleId::NoComplaintChannel],
        },
        REDRESS => Key {
            name: "redress",
            label: "",
            kind: Map(&SITE_REDRESS),
            need: Required,
            since: 1,
            zh: "救济途径：`review`（行政复议机关）、`litigation`（管辖的人民法院），在除公共服务以外的每个事项上显示；事项自己写了 `redress` 的，以事项的为准",
            en: "review body and court stated on every item",
            institution: "一次性告知",
            rules: &[],
        },
        REVIEW_MONTHS => Key {
            name: "review_months",
            label: "复核提醒月数",
            kind: Count,
            need: Optional,
            since: 1,
            zh: "事项多少个月没有复核就提醒（默认 12）",
            en: "months after which an entry is stale (default 12)",
            institution: "",
            rules: &[RuleId::StaleReview],
        },
        TIMEZONE => Key {
            name: "timezone",
            label: "时区",
            kind: Text,
            need: Optional,
            since: 1,
            zh: "判断“今天”所用的时区，默认 `Asia/Shanghai`",
            en: "IANA zone that defines today",
            institution: "",
            rules: &[],
        },
        HISTORY_LIMIT => Key {
            name: "history_limit",
            label: "变更记录条数",
            kind: Count,
            need: Optional,
            since: 2,
            zh: "每个事项页面最多显示多少条修改记录，默认 10；写 0 不显示修改记录",
            en: "most change-history entries per item page (default 10)",
            institution: "",
            rules: &[],
        },
        HISTORY_MONTHS => Key {
            name: "history_months",
            label: "变更记录月数",
            kind: Count,
            need: Optional,
            since: 2,
            zh: "修改记录往前显示多少个月，默认 24",
            en: "how far back the change history reaches (default 24)",
            institution: "",
            rules: &[],
        },
        LINT => Key {
            name: "lint",
            label: "检查规则级别",
            kind: Lint,
            need: Optional,
            since: 1,
            zh: "调整检查规则的级别，见[第 8.5 节](#85-调整规则级别lint)",
            en: "rule name to error, warning or off",
            institution: "",
            rules: &[],
        },
    ]
}

format_map! {
    pub static DEPARTMENT in department = "department", [
        NAME => Key {
            name: "name",
            label: "股室名称",
            kind: Text,
            need: Required,
            since: 1,
            zh: "股室名称，如“登记注册股”",
            en: "office name",
            institution: "",
            rules: &[],
        },
        FUNCTIONS => Key {
            name: "functions",
            label: "职责",
            kind: Markdown,
            need: Required,
            since: 1,
            zh: "本股室负责哪些事",
            en: "what the office is responsible for",
            institution: "首问负责制第二条（熟悉各办站职能）、第三条第 3 项（把群众指引到对口股室）",
            rules: &[],
        },
        PHONE => Key {
            name: "phone",
            label: "电话",
            kind: Text,
            need: Dedicated(RuleId::DepartmentWithoutPhone),
            since: 1,
            zh: "本股室电话",
            en: "the office's phone",
            institution: "首问负责制第三条第 3 项（股室无人时告知联系电话）",
            rules: &[RuleId::DepartmentWithoutPhone],
        },
        ROOM => Key {
            name: "room",
            label: "办公室或窗口",
            kind: Text,
            need: Optional,
            since: 1,
            zh: "办公室或窗口",
            en: "room or window",
            institution: "",
            rules: &[],
        },
        HEAD => Key {
            name: "head",
            label: "负责人",
            kind: Text,
            need: Optional,
            since: 1,
            zh: "负责人的职务（写职务，不写姓名），如“股长”",
            en: "post of the office head",
            institution: "",
            rules: &[],
        },
    ]
}

format_map! {
    pub static LAW in law = "law", [
        TITLE => Key {
            name: "title",
            label: "名称",
            kind: Text,
            need: Required,
            since: 1,
            zh: "完整的正式名称，如“中华人民共和国行政许可法”",
            en: "full official title",
            institution: "",
            rules: &[],
        },
        DOC_NO => Key {
            name: "doc_no",
            label: "",
            kind: Text,
            need: Optional,
            since: 1,
            zh: "文号",
            en: "document number",
            institution: "",
            rules: &[],
        },
        ISSUER => Key {
            name: "issuer",
            label: "",
            kind: Text,
            need: Required,
            since: 1,
            zh: "制定机关",
            en: "issuing body",
            institution: "",
            rules: &[],
        },
        EFFECTIVE => Key {
            name: "effective",
            label: "",
            kind: Date,
            need: Required,
            since: 1,
            zh: "施行日期（日期）",
            en: "date in force",
            institution: "",
            rules: &[],
        },
        AMENDED => Key {
            name: "amended",
            label: "",
            kind: Date,
            need: Optional,
            since: 1,
            zh: "最近一次修订、修正的日期（日期）",
            en: "date of the last amendment",
            institution: "",
            rules: &[],
        },
        URL => Key {
            name: "url",
            label: "官方文本网址",
            kind: Url,
            need: Optional,
            since: 1,
            zh: "官方文本的网址",
            en: "official text",
            institution: "",
            rules: &[],
        },
        ARTICLES => Key {
            name: "articles",
            label: "条款",
            kind: Articles,
            need: Optional,
            since: 1,
            zh: "条款清单，每行“条款: 条文”。**一旦写了这一项，所有引用这部法规的地方都必须写这里列出的条款，并且写法一字不差**",
            en: "article key to its text",
            institution: "",
            rules: &[RuleId::UnresolvedReference],
        },
    ]
}

format_map! {
    pub static ITEM in item = "item", [
        CODE => Key {
            name: "code",
            label: "",
            kind: Text,
            need: Required,
            since: 1,
            zh: "实施编码，全站不能重复",
            en: "implementation code, unique across the site",
            institution: "",
            rules: &[RuleId::DuplicateCode],
        },
        NAME => Key {
            name: "name",
            label: "",
            kind: Text,
            need: Required,
            since: 1,
            zh: "事项名称",
            en: "item name",
            institution: "",
            rules: &[],
        },
        TYPE => Key {
            name: "type",
            label: "",
            kind: Enum(ITEM_TYPES),
            need: Required,
            since: 1,
            zh: "事项类型，只能是：行政许可、行政确认、行政给付、行政裁决、行政奖励、行政备案、其他行政权力、公共服务",
            en: "item type",
            institution: "",
            rules: &[],
        },
        DEPARTMENT => Key {
            name: "department",
            label: "承办股室",
            kind: Id,
            need: Required,
            since: 1,
            zh: "承办股室的编号（`departments/` 下的文件名）",
            en: "department id",
            institution: "首问负责制（群众据此找到对口股室和电话）",
            rules: &[RuleId::UnresolvedReference],
        },
        AUDIENCE => Key {
            name: "audience",
            label: "服务对象",
            kind: Enums(AUDIENCES),
            need: Required,
            since: 1,
            zh: "服务对象列表：自然人、法人、非法人组织",
            en: "who may apply",
            institution: "",
            rules: &[],
        },
        SUMMARY => Key {
            name: "summary",
            label: "简介",
            kind: Markdown,
            need: Optional,
            since: 1,
            zh: "面向群众的一段简介",
            en: "one paragraph for the public",
            institution: "",
            rules: &[],
        },
        LEGAL_BASIS => Key {
            name: "legal_basis",
            label: "",
            kind: Maps(&LEGAL_BASIS),
            need: Required,
            since: 1,
            zh: "设定依据，至少一条；每条是法律依据，可加 `text` 摘录条文",
            en: "legal basis (at least one)",
            institution: "",
            rules: &[],
        },
        CONDITIONS => Key {
            name: "conditions",
            label: "",
            kind: Maps(&CONDITION),
            need: Required,
            since: 1,
            zh: "受理条件，至少一条；每条有 `text`（条件）和选填的 `basis`（依据）",
            en: "conditions of acceptance (at least one)",
            institution: "一次性告知制第 1 条；用词规则",
            rules: &[RuleId::CatchAllWording, RuleId::VagueWording],
        },
        MATERIALS => Key {
            name: "materials",
            label: "",
            kind: Maps(&MATERIAL),
            need: Required,
            since: 1,
            zh: "申请材料，至少一项，字段见下表",
            en: "materials to submit (at least one)",
            institution: "一次性告知制第 1、2 条",
            rules: &[],
        },
        PROCEDURE => Key {
            name: "procedure",
            label: "",
            kind: Maps(&STEP),
            need: Required,
            since: 1,
            zh: "办理流程，至少一步；每步有 `step`（环节）、`actor`（办理人/岗位）、选填的 `time_limit`（时限）和 `description`（说明）",
            en: "steps of the procedure (at least one)",
            institution: "一次性告知制第 1 条（程序）",
            rules: &[],
        },
        TIME_LIMIT => Key {
            name: "time_limit",
            label: "办理时限",
            kind: Map(&TIME_LIMIT),
            need: Required,
            since: 1,
            zh: "`statutory`（法定时限，第 2 版可带 `basis`：规定这个时限的条款，行政许可必填）、`promised`（承诺时限），选填 `excluded`（不计入时限的程序，如听证、检验、专家评审，每项有 `name`、`time_limit`、`basis`）、选填 `extension`（第 2 版：可以延长多少、谁批准、依据）",
            en: "statutory and promised limits",
            institution: "一次性告知制第 1 条（时限）、服务承诺",
            rules: &[
                RuleId::PromisedExceedsStatutory,
                RuleId::TimeUnitMismatch,
                RuleId::StepsExceedPromised,
                RuleId::StatutoryWithoutBasis,
                RuleId::ExcludedWithoutBasis,
            ],
        },
        FEES => Key {
            name: "fees",
            label: "收费",
            kind: Map(&FEES),
            need: Dedicated(RuleId::FeeUnspecified),
            since: 1,
            zh: "不收费写 `free: true`；收费写 `items`，每项有 `name`（收费项目）、`amount`（金额，文字，含数字和单位，如“每本 10 元”）、`basis`（收费依据）。不能空着，也不能写“无”。第 2 版可在 `items` 旁边加 `waiver`（md）：谁可以减免，依据是什么",
            en: "free, or itemised fees with amount and basis",
            institution: "",
            rules: &[RuleId::FeeUnspecified],
        },
        RESULT => Key {
            name: "result",
            label: "",
            kind: Map(&RESULT),
            need: Required,
            since: 1,
            zh: "办理结果：`name`（结果名称）、`type`（证照 / 批文 / 其他）、`delivery`（送达方式列表，如窗口领取、邮寄、电子送达）；第 2 版选填 `sample`（结果样本的文件路径）、`validity`（有效期，文字）",
            en: "the result: name, type, delivery",
            institution: "",
            rules: &[],
        },
        VISITS => Key {
            name: "visits",
            label: "",
            kind: Count,
            need: Required,
            since: 1,
            zh: "到现场次数（数字）；超过 1 次会有警告",
            en: "number of visits on site",
            institution: "最多跑一次",
            rules: &[RuleId::VisitsExceedOne],
        },
        VISITS_REASON => Key {
            name: "visits_reason",
            label: "必须到现场的原因",
            kind: Text,
            need: Conditional(RuleId::VisitsExceedOne),
            since: 1,
            zh: "为什么必须到现场；`visits` 大于 0 时必填",
            en: "why the visitor must come in; required when visits > 0",
            institution: "",
            rules: &[RuleId::VisitsExceedOne],
        },
        ONLINE => Key {
            name: "online",
            label: "网上办理",
            kind: Map(&ONLINE),
            need: Required,
            since: 1,
            zh: "能网上办理：`available: true` 加 `url`（网址）；不能：`available: false` 加 `reason`（原因）",
            en: "online handling: url, or reason why not",
            institution: "",
            rules: &[RuleId::OnlineWithoutUrl],
        },
        PLACE => Key {
            name: "place",
            label: "办理地点",
            kind: Map(&PLACE),
            need: Optional,
            since: 1,
            zh: "本事项的办理地点、时间、电话与全站或股室默认不同时填写：`address`、`hours`、`phone`（都选填）",
            en: "own address, hours and phone",
            institution: "一次性告知制",
            rules: &[],
        },
        HANDLERS => Key {
            name: "handlers",
            label: "A 岗和 B 岗",
            kind: Map(&HANDLERS),
            need: Dedicated(RuleId::NoSubstitute),
            since: 1,
            zh: "`primary`（A 岗）和 `substitute`（B 岗），写岗位，两者不能相同",
            en: "A and B posts",
            institution: "**同岗替代制**",
            rules: &[RuleId::NoSubstitute],
        },
        APPOINTMENT => Key {
            name: "appointment",
            label: "预约",
            kind: Map(&APPOINTMENT),
            need: Dedicated(RuleId::NoAppointment),
            since: 1,
            zh: "`channels`（预约渠道列表：电话、预约登记本所在地点等）和 `reply_within`（收到预约后答复的时限）",
            en: "how to book, and the promised reply time",
            institution: "**办事预约制**第二、三条",
            rules: &[RuleId::NoAppointment],
        },
        REFUSALS => Key {
            name: "refusals",
            label: "",
            kind: Maps(&REFUSAL),
            need: Conditional(RuleId::NoRefusals),
            since: 1,
            zh: "不能办理的情形，每项有 `case`（情形）、`basis`（依据）和选填的 `kind`（第 2 版：不予受理 / 不予批准，默认不予受理）；**除公共服务以外的事项都必填**（第 1 版只要求行政许可）",
            en: "cases that cannot be handled, with their basis; every type but 公共服务",
            institution: "**一次性告知制第 3 条**",
            rules: &[RuleId::NoRefusals, RuleId::RefusalWithoutBasis],
        },
        FAQ => Key {
            name: "faq",
            label: "",
            kind: Maps(&FAQ),
            need: Optional,
            since: 1,
            zh: "常见问题，每项有 `q`（问）和 `a`（答，md）",
            en: "questions and answers",
            institution: "",
            rules: &[],
        },
        TAGS => Key {
            name: "tags",
            label: "主题",
            kind: Texts,
            need: Optional,
            since: 1,
            zh: "主题或人生事件，如“开办企业”",
            en: "life events and themes",
            institution: "",
            rules: &[],
        },
        UPDATED => Key {
            name: "updated",
            label: "复核日期",
            kind: Date,
            need: Required,
            since: 1,
            zh: "最近一次复核本条目的日期；超过 `review_months` 个月未复核，或者晚于今天，会有警告",
            en: "date of the last review",
            institution: "",
            rules: &[RuleId::StaleReview],
        },
        DRAFT => Key {
            name: "draft",
            label: "草稿",
            kind: Boolean,
            need: Optional,
            since: 2,
            zh: "`true` 表示草稿：检查时问题只报警告，生成网站时不发布（除非加 `--drafts`），预览时标“草稿”",
            en: "a draft: warnings only, left out of the build",
            institution: "",
            rules: &[],
        },
        AUTHORITY => Key {
            name: "authority",
            label: "实施主体",
            kind: Map(&AUTHORITY),
            need: Optional,
            since: 2,
            zh: "实施主体不是本局以自己名义实施时填写：`nature`（法定机关 / 法律法规授权组织 / 受委托组织）、`entrusted_by`（委托机关）、`entrustment_basis`（委托依据）",
            en: "the implementing body when not simply the site authority",
            institution: "行政许可法第二十四条",
            rules: &[RuleId::EntrustmentIncomplete],
        },
        REDRESS => Key {
            name: "redress",
            label: "救济途径",
            kind: Map(&REDRESS),
            need: Conditional(RuleId::EntrustmentIncomplete),
            since: 2,
            zh: "本事项自己的救济途径：`review`、`litigation`、选填 `review_first`（复议前置）；受委托事项必填",
            en: "the item's own review body and court",
            institution: "",
            rules: &[RuleId::EntrustmentIncomplete],
        },
        QUANTITY_LIMIT => Key {
            name: "quantity_limit",
            label: "",
            kind: Text,
            need: Conditional(RuleId::NoQuantityLimit),
            since: 2,
            zh: "数量限制；没有的写“无数量限制”；行政许可应当写",
            en: "the quantity limit of a licence",
            institution: "行政许可法第三十条",
            rules: &[RuleId::NoQuantityLimit],
        },
        COMMITMENT => Key {
            name: "commitment",
            label: "",
            kind: Map(&COMMITMENT),
            need: Conditional(RuleId::CommitmentIncomplete),
            since: 2,
            zh: "告知承诺：`form`（承诺书空白表）、`verification`（md，怎样核查）、`consequence`（md，虚假承诺的后果）、选填 `scope`（md，谁可以选、谁不能选）；有材料写了 `exempt: {by: 告知承诺}` 时必填",
            en: "告知承诺: form, verification, consequence, scope",
            institution: "",
            rules: &[RuleId::CommitmentIncomplete],
        },
        INTERMEDIARY => Key {
            name: "intermediary",
            label: "中介服务",
            kind: Maps(&INTERMEDIARY),
            need: Optional,
            since: 2,
            zh: "申请人需要购买的中介服务：每项有 `name`，选填 `provider`、`fee`、`basis`",
            en: "intermediary services the applicant must buy",
            institution: "",
            rules: &[RuleId::IntermediaryUndeclared],
        },
        SITUATIONS => Key {
            name: "situations",
            label: "办事情形",
            kind: Texts,
            need: Optional,
            since: 2,
            zh: "办事情形列表；写了以后，每项材料的 `required` 如果是文字，必须与其中一项一字不差",
            en: "the situations a visitor may be in",
            institution: "",
            rules: &[RuleId::UndeclaredSituation],
        },
    ]
}

format_map! {
    pub static MATERIAL in material = "materials", [
        NAME => Key {
            name: "name",
            label: "材料名称",
            kind: Text,
            need: Required,
            since: 1,
            zh: "材料的确切名称；不能用“其他材料”“相关材料”“……等”这类兜底说法",
            en: "exact name of the document",
            institution: "",
            rules: &[
                RuleId::CatchAllWording,
                RuleId::VagueWording,
                RuleId::DuplicateMaterial,
            ],
        },
        REQUIRED => Key {
            name: "required",
            label: "是否必交",
            kind: RequiredOrCase,
            need: Required,
            since: 1,
            zh: "人人都要交写 `true`；只在某种情形下需要，就写出这种情形，如 `委托代理人办理的`。不能写 `false`：没人需要的材料就不要列。也不能只写“是”“否”“必须”“需要”“必交”“Y”“yes”之类（第 2 版报 `invalid-value`）：要么写 `true`，要么写情形",
            en: "true, or the case in which it is needed",
            institution: "",
            rules: &[RuleId::UndeclaredSituation],
        },
        ORIGINALS => Key {
            name: "originals",
            label: "",
            kind: Count,
            need: Required,
            since: 1,
            zh: "原件份数，没有写 0",
            en: "number of originals",
            institution: "",
            rules: &[RuleId::MaterialCount],
        },
        COPIES => Key {
            name: "copies",
            label: "",
            kind: Count,
            need: Required,
            since: 1,
            zh: "复印件份数，没有写 0；原件和复印件加起来至少 1 份（第 2 版：总是免提交、`exempt` 没有 `when` 的材料可以都写 0）",
            en: "number of copies",
            institution: "",
            rules: &[RuleId::MaterialCount],
        },
        MEDIUM => Key {
            name: "medium",
            label: "材料形式",
            kind: Enum(MEDIUMS),
            need: Required,
            since: 1,
            zh: "纸质 / 电子 / 纸质或电子",
            en: "paper or electronic",
            institution: "",
            rules: &[],
        },
        PAPER_SIZE => Key {
            name: "paper_size",
            label: "",
            kind: Text,
            need: Optional,
            since: 1,
            zh: "纸张规格，如 A4",
            en: "paper size, e.g. A4",
            institution: "",
            rules: &[],
        },
        SOURCE => Key {
            name: "source",
            label: "来源渠道",
            kind: Enum(SOURCES),
            need: Required,
            since: 1,
            zh: "申请人自备 / 政府部门核发 / 中介机构出具 / 其他；写“中介机构出具”的，事项要有 `intermediary`",
            en: "who provides it",
            institution: "",
            rules: &[RuleId::IntermediaryUndeclared],
        },
        ISSUER => Key {
            name: "issuer",
            label: "",
            kind: Text,
            need: Conditional(RuleId::MaterialIssuer),
            since: 1,
            zh: "出具单位；`source` 不是“申请人自备”时必填",
            en: "who issues it; required unless 申请人自备",
            institution: "",
            rules: &[RuleId::MaterialIssuer],
        },
        BLANK_FORM => Key {
            name: "blank_form",
            label: "空白表格",
            kind: FilePath,
            need: Conditional(RuleId::FormWithoutTemplate),
            since: 1,
            zh: "空白表格的文件路径；名称以“申请书”“申请表”“登记表”“承诺书”结尾的材料必填，第 2 版再加上“备案表”“申报表”“审批表”“报告表”“采集表”“汇总表”“确认书”“委托书”“声明书”（名称最后的书名号或括号里的说明不算）",
            en: "path of the blank form under content/files/",
            institution: "",
            rules: &[RuleId::FormWithoutTemplate],
        },
        SAMPLE => Key {
            name: "sample",
            label: "样表",
            kind: FilePath,
            need: Conditional(RuleId::FormWithoutTemplate),
            since: 1,
            zh: "填写样表（示范文本）的文件路径；规则同 `blank_form`，两者缺一个就报错",
            en: "path of a filled-in sample under content/files/",
            institution: "",
            rules: &[RuleId::FormWithoutTemplate],
        },
        NOTE => Key {
            name: "note",
            label: "",
            kind: Markdown,
            need: Optional,
            since: 1,
            zh: "填写要求、受理标准；不能在这里写免提交（用 `exempt`），也不能在这里要求另交别的材料（另列一项材料）",
            en: "how to fill it in",
            institution: "用词规则",
            rules: &[RuleId::ExemptionInNote, RuleId::MaterialInNote],
        },
        BASIS => Key {
            name: "basis",
            label: "依据",
            kind: LawReference,
            need: Optional,
            since: 1,
            zh: "要求提交该材料的法律依据",
            en: "law requiring this material",
            institution: "",
            rules: &[],
        },
        EXEMPT => Key {
            name: "exempt",
            label: "免提交",
            kind: Map(&EXEMPT),
            need: Optional,
            since: 2,
            zh: "不用提交的情形：`by`（共享获取 / 电子证照 / 告知承诺 / 申报承诺）、选填 `when`（在什么情形下免提交；不写表示总是免提交）",
            en: "when the visitor need not submit it",
            institution: "",
            rules: &[RuleId::CommitmentIncomplete],
        },
    ]
}

format_map! {
    pub static FRONT_MATTER in front_matter = "front matter", [
        TITLE => Key {
            name: "title",
            label: "",
            kind: Text,
            need: Required,
            since: 1,
            zh: "页面标题",
            en: "page title",
            institution: "",
            rules: &[],
        },
        ORDER => Key {
            name: "order",
            label: "菜单顺序",
            kind: Integer,
            need: Optional,
            since: 1,
            zh: "在菜单中的顺序（数字，小的在前）",
            en: "menu order",
            institution: "",
            rules: &[],
        },
        MENU => Key {
            name: "menu",
            label: "菜单",
            kind: Boolean,
            need: Optional,
            since: 1,
            zh: "是否出现在网站菜单中（`true`/`false`，默认 `false`）",
            en: "listed in the menu",
            institution: "",
            rules: &[],
        },
        DRAFT => Key {
            name: "draft",
            label: "草稿",
            kind: Boolean,
            need: Optional,
            since: 2,
            zh: "`true` 表示草稿，生成网站时不发布（`true`/`false`，默认 `false`）",
            en: "a draft page",
            institution: "",
            rules: &[],
        },
    ]
}

format_map! {
    pub static COMPLAINT in complaint = "complaint", [
        PHONE => key(
            "phone",
            Text,
            Dedicated(RuleId::NoComplaintChannel),
            "效能投诉电话（监察室）",
            "complaint phone",
        ),
        ADDRESS => key(
            "address",
            Text,
            Optional,
            "投诉地点",
            "where to complain in person",
        ),
        EMAIL => key("email", Text, Optional, "投诉电子邮箱", "complaint e-mail"),
        URL => key(
            "url",
            Url,
            Optional,
            "网上投诉地址",
            "online complaint address",
        ),
    ]
}

format_map! {
    pub static SITE_REDRESS in site_redress = "redress", [
        REVIEW => key(
            "review",
            Text,
            Required,
            "行政复议机关",
            "administrative review body",
        ),
        LITIGATION => key(
            "litigation",
            Text,
            Required,
            "管辖的人民法院",
            "competent court",
        ),
    ]
}

format_map! {
    pub static LEGAL_BASIS in legal_basis = "legal_basis", [
        LAW => key(
            "law",
            Id,
            Required,
            "法律文件的编号（content/laws/ 下的文件名）",
            "law id (file name under content/laws/)",
        ),
        ARTICLE => key(
            "article",
            Text,
            Required,
            "条款，写法与法律文件中一致，例如 第三十条",
            "article, spelled as in the law file",
        ),
        TEXT => key(
            "text",
            Text,
            Optional,
            "条文内容或摘要",
            "the article's text or a summary",
        ),
    ]
}

format_map! {
    pub static CONDITION in condition = "conditions", [
        TEXT => key("text", Text, Required, "条件内容", "the condition"),
        BASIS => key(
            "basis",
            LawReference,
            Optional,
            "条件的依据",
            "its legal basis",
        ),
    ]
}

format_map! {
    pub static STEP in step = "procedure", [
        STEP => key(
            "step",
            Text,
            Required,
            "环节名称，例如 受理",
            "name of the step",
        ),
        ACTOR => key("actor", Text, Required, "办理人或岗位", "who does it"),
        TIME_LIMIT => key(
            "time_limit",
            Span,
            Optional,
            "本环节时限",
            "time limit of the step",
        ),
        DESCRIPTION => key("description", Text, Optional, "环节说明", "what happens"),
    ]
}

format_map! {
    pub static TIME_LIMIT in time_limit = "time_limit", [
        STATUTORY => key(
            "statutory",
            Map(&STATUTORY),
            Required,
            "法定办结时限及其设定依据",
            "statutory limit and its basis",
        )
        .labelled("法定时限"),
        PROMISED => key(
            "promised",
            Span,
            Required,
            "承诺办结时限，不得长于法定时限",
            "promised limit, not longer than the statutory one",
        ),
        EXCLUDED => key(
            "excluded",
            Maps(&EXCLUDED),
            Optional,
            "不计入办理时限的程序",
            "procedures not counted in the limit",
        ),
        EXTENSION => key(
            "extension",
            Map(&EXTENSION),
            Optional,
            "法定时限可以延长多久、由谁批准、依据什么",
            "by how much the statutory limit may be extended, by whom, on what basis",
        )
        .labelled("延长时限"),
    ]
}

format_map! {
    pub static STATUTORY in statutory = "statutory", [
        VALUE => key("value", Count, Required, "数值", "number"),
        UNIT => key("unit", Enum(TIME_UNITS), Required, "单位", "unit"),
        BASIS => key(
            "basis",
            LawReference,
            Conditional(RuleId::StatutoryWithoutBasis),
            "设定法定时限的依据；行政许可事项必填",
            "the law that sets the limit; required on a 行政许可 item",
        ),
    ]
}

format_map! {
    pub static EXCLUDED in excluded = "excluded", [
        NAME => key(
            "name",
            Text,
            Required,
            "程序名称，例如 听证、检验、专家评审",
            "name of the procedure",
        ),
        TIME_LIMIT => key(
            "time_limit",
            Span,
            Required,
            "该程序的时限",
            "its time limit",
        ),
        BASIS => key("basis", LawReference, Optional, "依据", "its legal basis"),
    ]
}

format_map! {
    pub static EXTENSION in extension = "extension", [
        VALUE => key("value", Count, Required, "可以延长的数值", "number"),
        UNIT => key("unit", Enum(TIME_UNITS), Required, "单位", "unit"),
        APPROVER => key(
            "approver",
            Text,
            Required,
            "批准延长的人，例如 本行政机关负责人",
            "who approves the extension",
        ),
        BASIS => key(
            "basis",
            LawReference,
            Required,
            "延长的依据",
            "its legal basis",
        ),
    ]
}

format_map! {
    pub static FEES in fees = "fees", [
        FREE => key(
            "free",
            Boolean,
            Optional,
            "不收费时写 free: true",
            "true when free",
        )
        .labelled("不收费"),
        ITEMS => key("items", Maps(&FEE_ITEM), Optional, "收费项目", "fee items"),
        WAIVER => key(
            "waiver",
            Markdown,
            Optional,
            "减免收费的对象和依据",
            "who may be spared or reduced the fee, and the basis",
        ),
    ]
}

format_map! {
    pub static FEE_ITEM in fee_item = "items", [
        NAME => key("name", Text, Required, "收费项目", "what is charged"),
        AMOUNT => key(
            "amount",
            Text,
            Dedicated(RuleId::FeeUnspecified),
            "收费标准：数字和单位，例如 每件 10 元",
            "amount with a number and unit",
        ),
        BASIS => key(
            "basis",
            LawReference,
            Dedicated(RuleId::FeeUnspecified),
            "收费依据",
            "legal basis of the fee",
        ),
    ]
}

format_map! {
    pub static RESULT in result = "result", [
        NAME => key(
            "name",
            Text,
            Required,
            "结果名称，例如 营业执照",
            "name of the result",
        ),
        TYPE => key(
            "type",
            Enum(RESULT_TYPES),
            Required,
            "结果类型",
            "type of the result",
        ),
        DELIVERY => key(
            "delivery",
            Texts,
            Required,
            "送达方式，例如 窗口领取、邮寄、电子送达",
            "how it is delivered",
        ),
        SAMPLE => key(
            "sample",
            FilePath,
            Optional,
            "结果样本，content/files/ 下的相对路径",
            "path of a specimen under content/files/",
        ),
        VALIDITY => key(
            "validity",
            Text,
            Optional,
            "有效期限，例如 5年、长期有效",
            "term of validity",
        ),
    ]
}

format_map! {
    pub static ONLINE in online = "online", [
        AVAILABLE => key(
            "available",
            Boolean,
            Required,
            "能否网上办理",
            "whether it can be done online",
        ),
        URL => key(
            "url",
            Url,
            Conditional(RuleId::OnlineWithoutUrl),
            "网上办理网址（available: true 时必填）",
            "address (required when available)",
        ),
        REASON => key(
            "reason",
            Text,
            Conditional(RuleId::OnlineWithoutUrl),
            "不能网上办理的原因（available: false 时必填）",
            "why not (required when not available)",
        ),
    ]
}

format_map! {
    pub static PLACE in place = "place", [
        ADDRESS => key(
            "address",
            Text,
            Optional,
            "办理地点，写到大厅和窗口",
            "address, down to hall and window",
        ),
        HOURS => key(
            "hours",
            Text,
            Optional,
            "办理时间，写明节假日安排",
            "opening hours",
        ),
        PHONE => key("phone", Text, Optional, "咨询电话", "enquiry phone"),
    ]
}

format_map! {
    pub static HANDLERS in handlers = "handlers", [
        PRIMARY => key("primary", Text, Required, "A 岗（经办）", "primary post"),
        SUBSTITUTE => key(
            "substitute",
            Text,
            Dedicated(RuleId::NoSubstitute),
            "B 岗（替代），与 A 岗不同",
            "substitute post, not the primary",
        ),
    ]
}

format_map! {
    pub static APPOINTMENT in appointment = "appointment", [
        CHANNELS => key(
            "channels",
            Texts,
            Dedicated(RuleId::NoAppointment),
            "预约方式：电话或地点",
            "how to book: phone or place",
        ),
        REPLY_WITHIN => key(
            "reply_within",
            Span,
            Dedicated(RuleId::NoAppointment),
            "收到预约后答复的时限",
            "promised reply time",
        ),
    ]
}

format_map! {
    pub static REFUSAL in refusal = "refusals", [
        CASE => key("case", Text, Required, "不能办理的情形", "the case"),
        BASIS => key(
            "basis",
            LawReference,
            Dedicated(RuleId::RefusalWithoutBasis),
            "依据",
            "its legal basis",
        ),
        KIND => key(
            "kind",
            Enum(REFUSAL_KINDS),
            Optional,
            "不予受理（窗口当场，默认）或不予批准（受理后经审查）",
            "不予受理 (the default) or 不予批准",
        )
        .labelled("情形类别"),
    ]
}

format_map! {
    pub static FAQ in faq = "faq", [
        Q => key("q", Text, Required, "问题", "question"),
        A => key("a", Markdown, Required, "回答", "answer"),
    ]
}

format_map! {
    pub static AUTHORITY in authority = "authority", [
        NATURE => key(
            "nature",
            Enum(AUTHORITY_NATURES),
            Required,
            "实施主体的性质",
            "nature of the implementing body",
        ),
        ENTRUSTED_BY => key(
            "entrusted_by",
            Text,
            Conditional(RuleId::EntrustmentIncomplete),
            "委托机关（以其名义作出决定）；受委托组织必填",
            "the entrusting body; required for 受委托组织",
        ),
        ENTRUSTMENT_BASIS => key(
            "entrustment_basis",
            LawReference,
            Conditional(RuleId::EntrustmentIncomplete),
            "委托依据；受委托组织必填",
            "basis of the entrustment; required for 受委托组织",
        ),
    ]
}

format_map! {
    pub static REDRESS in redress = "redress", [
        REVIEW => key(
            "review",
            Text,
            Required,
            "行政复议机关",
            "administrative review body",
        ),
        LITIGATION => key(
            "litigation",
            Text,
            Required,
            "管辖的人民法院",
            "competent court",
        ),
        REVIEW_FIRST => key(
            "review_first",
            Boolean,
            Optional,
            "复议前置：true 时先申请行政复议，对复议决定不服再起诉",
            "review required before a lawsuit",
        ),
    ]
}

format_map! {
    pub static COMMITMENT in commitment = "commitment", [
        FORM => key(
            "form",
            FilePath,
            Dedicated(RuleId::CommitmentIncomplete),
            "承诺书空白表，content/files/ 下的相对路径",
            "path of the commitment letter's blank form",
        ),
        VERIFICATION => key(
            "verification",
            Markdown,
            Dedicated(RuleId::CommitmentIncomplete),
            "事后如何核查承诺",
            "how the commitment is verified",
        ),
        CONSEQUENCE => key(
            "consequence",
            Markdown,
            Dedicated(RuleId::CommitmentIncomplete),
            "虚假承诺的后果",
            "what a false commitment brings",
        ),
        SCOPE => key(
            "scope",
            Markdown,
            Optional,
            "谁可以、谁不可以选择告知承诺",
            "who may choose it",
        )
        .labelled("适用对象"),
    ]
}

format_map! {
    pub static INTERMEDIARY in intermediary = "intermediary", [
        NAME => key(
            "name",
            Text,
            Required,
            "中介服务名称",
            "name of the service",
        ),
        PROVIDER => key("provider", Text, Optional, "提供机构", "who may provide it"),
        FEE => key("fee", Text, Optional, "收费", "what it costs"),
        BASIS => key(
            "basis",
            LawReference,
            Optional,
            "要求中介服务的依据",
            "law requiring it",
        ),
    ]
}

format_map! {
    pub static EXEMPT in exempt = "exempt", [
        BY => key(
            "by",
            Enum(EXEMPTION_KINDS),
            Required,
            "免提交的方式",
            "how it is exempt",
        ),
        WHEN => key(
            "when",
            Text,
            Optional,
            "免提交的情形；不写表示一律免提交",
            "in which case; always when absent",
        ),
    ]
}

format_map! {
    pub static TIME_SPAN in time_span = "time_span", [
        VALUE => key(
            "value",
            Count,
            Required,
            "数值；0 个工作日表示即办",
            "number; 0 工作日 is same day",
        ),
        UNIT => key("unit", Enum(TIME_UNITS), Required, "单位", "unit"),
    ]
}

format_map! {
    pub static LAW_REFERENCE in law_reference = "law_reference", [
        LAW => key(
            "law",
            Id,
            Required,
            "法律文件的编号（content/laws/ 下的文件名）",
            "law id (file name under content/laws/)",
        ),
        ARTICLE => key(
            "article",
            Text,
            Required,
            "条款，写法与法律文件中一致，例如 第三十条",
            "article, spelled as in the law file",
        ),
    ]
}

/// Every map of the format, for the tests.
pub static ALL: &[&Map] = &[
    &SITE,
    &COMPLAINT,
    &SITE_REDRESS,
    &DEPARTMENT,
    &LAW,
    &ITEM,
    &LEGAL_BASIS,
    &CONDITION,
    &MATERIAL,
    &EXEMPT,
    &STEP,
    &TIME_LIMIT,
    &STATUTORY,
    &EXCLUDED,
    &EXTENSION,
    &FEES,
    &FEE_ITEM,
    &RESULT,
    &ONLINE,
    &PLACE,
    &HANDLERS,
    &APPOINTMENT,
    &REFUSAL,
    &FAQ,
    &AUTHORITY,
    &REDRESS,
    &COMMITMENT,
    &INTERMEDIARY,
    &TIME_SPAN,
    &LAW_REFERENCE,
    &FRONT_MATTER,
];

/// How the key is required, as the staff docs say it: 必填, 选填, 条件必填, with （md） for
/// Markdown and （第 2 版） for keys version 2 added.
pub fn need_label(key: &Key) -> String {
    let mut label = match key.need {
        Need::Required | Dedicated(_) => "必填",
        Optional => "选填",
        Conditional(_) => "条件必填",
    }
    .to_string();
    if matches!(key.kind, Markdown) {
        label.push_str("（md）");
    }
    if key.since > 1 {
        label.push_str("（第 2 版）");
    }
    label
}

/// The Markdown table of a map's keys for docs/content-format.md.
pub fn markdown_table(map: &Map) -> String {
    let mut table =
        String::from("| 键 | 必填/选填 | 含义 | 落实的制度 / 对应规则 |\n|---|---|---|---|\n");
    for key in map.keys {
        let rules: Vec<String> = key
            .rules
            .iter()
            .map(|rule| format!("`{}`", rule.name()))
            .collect();
        let basis = match (key.institution.is_empty(), rules.is_empty()) {
            (true, _) => rules.join("、"),
            (false, true) => key.institution.to_string(),
            (false, false) => format!("{}；{}", key.institution, rules.join("、")),
        };
        table.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            key.name,
            need_label(key),
            key.zh,
            basis
        ));
    }
    table
}

/// The maps whose tables docs/content-format.md shows, with the marker that names each.
pub static DOCUMENTED: &[(&str, &Map)] = &[
    ("site", &SITE),
    ("department", &DEPARTMENT),
    ("law", &LAW),
    ("item", &ITEM),
    ("material", &MATERIAL),
    ("page", &FRONT_MATTER),
];

/// `text` with every generated table between `<!-- format:NAME -->` and `<!-- /format -->`
/// replaced by the table of the map NAME; a marker naming no map is left as it is.
pub fn regenerate_tables(text: &str) -> String {
    let mut output = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find("<!-- format:") {
        let after_open = &rest[open..];
        let Some(open_end) = after_open.find("-->") else {
            break;
        };
        let name = after_open["<!-- format:".len()..open_end].trim();
        let Some(close) = after_open.find("<!-- /format -->") else {
            break;
        };
        output.push_str(&rest[..open]);
        output.push_str(&after_open[..open_end + 3]);
        match DOCUMENTED.iter().find(|(marker, _)| *marker == name) {
            Some((_, map)) => {
                output.push('\n');
                output.push_str(&markdown_table(map));
            }
            None => output.push_str(&after_open[open_end + 3..close]),
        }
        output.push_str("<!-- /format -->");
        rest = &after_open[close + "<!-- /format -->".len()..];
    }
    output.push_str(rest);
    output
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_a_short_chinese_name_for_people() {
        for map in ALL {
            for key in map.keys {
                let label = key.label(true);
                assert!(
                    label != key.name && !label.is_empty() && label.chars().count() <= 14,
                    "{}.{}: `{label}`",
                    map.name,
                    key.name
                );
                assert!(
                    !label.ends_with('写'),
                    "{}.{}: `{label}`",
                    map.name,
                    key.name
                );
            }
        }
    }

    #[test]
    fn keys_are_unique_in_every_map() {
        for map in ALL {
            let mut names: Vec<&str> = map.names().collect();
            names.sort();
            let count = names.len();
            names.dedup();
            assert_eq!(names.len(), count, "a key twice in {}", map.name);
        }
    }

    /// The format's keys are written once, here: elsewhere a key is named through its
    /// `&'static Key` (`format::item::TIME_LIMIT.name`). Checked for every key whose name cannot
    /// be an ordinary word of the code (it holds an underscore): no other source file holds it
    /// as a string literal.
    #[test]
    fn keys_are_written_only_in_the_format_table() {
        let names: Vec<&str> = ALL
            .iter()
            .flat_map(|map| map.names())
            .filter(|name| name.contains('_'))
            .collect();
        assert!(names.len() > 10, "{names:?}");
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut found = Vec::new();
        for entry in walkdir::WalkDir::new(&root) {
            let entry = entry.unwrap();
            let path = entry.path();
            if path.extension().is_none_or(|extension| extension != "rs")
                || path.ends_with("model/format.rs")
            {
                continue;
            }
            let text = std::fs::read_to_string(path).unwrap();
            for (index, line) in text.lines().enumerate() {
                for name in &names {
                    if line.contains(&format!("\"{name}\"")) {
                        found.push(format!("{}:{}: {name}", path.display(), index + 1));
                    }
                }
            }
        }
        assert!(
            found.is_empty(),
            "keys written outside the table: {found:#?}"
        );
    }

    #[test]
    fn docs_tables_are_generated_from_the_table() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/content-format.md");
        let text = std::fs::read_to_string(path).expect("docs/content-format.md");
        for (marker, _) in DOCUMENTED {
            assert!(
                text.contains(&format!("<!-- format:{marker} -->")),
                "docs/content-format.md has no generated table `{marker}`"
            );
        }
        assert!(
            regenerate_tables(&text) == text,
            "docs/content-format.md is stale: run `ZHINAN_BLESS=1 cargo test --lib format` to regenerate its key tables"
        );
    }

    #[test]
    fn bless_docs_tables() {
        if std::env::var_os("ZHINAN_BLESS").is_none() {
            return;
        }
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/content-format.md");
        let text = std::fs::read_to_string(path).expect("docs/content-format.md");
        std::fs::write(path, regenerate_tables(&text)).expect("write docs/content-format.md");
    }
}
