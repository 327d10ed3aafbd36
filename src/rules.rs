//! The rule table: every rule's name, default severity, summaries and documentation, in one
//! place, and [`RuleId`], the typed name every diagnostic carries. `zhinan rules` prints the table
//! and docs/rules.md is generated from it (a test keeps the file current).
//!
//! Below both `check` (which finds problems) and `diagnostics` (which reports them): it imports
//! neither. A rule name is never written as a string in the code: a typo is a compile error, and
//! the SARIF rule index is the id itself.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// The typed name of a rule: its index in [`RULES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RuleId {
    YamlSyntax,
    MissingField,
    UnknownField,
    InvalidValue,
    UnresolvedReference,
    DuplicateCode,
    DuplicateId,
    Template,
    UnsafeMarkdown,
    CatchAllWording,
    VagueWording,
    MaterialCount,
    MaterialIssuer,
    FormWithoutTemplate,
    PromisedExceedsStatutory,
    TimeUnitMismatch,
    FeeUnspecified,
    RefusalWithoutBasis,
    NoRefusals,
    NoSubstitute,
    NoAppointment,
    NoComplaintChannel,
    DepartmentWithoutPhone,
    VisitsExceedOne,
    OnlineWithoutUrl,
    StaleReview,
    DuplicateMaterial,
    ExcludedWithoutBasis,
    ExemptionInNote,
    MaterialInNote,
    StepsExceedPromised,
    StatutoryWithoutBasis,
    NoQuantityLimit,
    CommitmentIncomplete,
    EntrustmentIncomplete,
    IntermediaryUndeclared,
    UndeclaredSituation,
    PrivateFile,
    FormulaText,
}

impl RuleId {
    pub fn rule(self) -> &'static Rule {
        &RULES[self as usize]
    }

    /// The stable kebab-case name (`missing-field`).
    pub fn name(self) -> &'static str {
        self.rule().name
    }
}

impl std::fmt::Display for RuleId {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(self.name())
    }
}

impl Serialize for RuleId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

#[derive(Debug)]
pub struct Rule {
    pub id: RuleId,
    pub name: &'static str,
    pub default_severity: Severity,
    /// Structural rules are always errors; `lint` cannot lower them.
    pub structural: bool,
    pub summary_zh: &'static str,
    pub summary_en: &'static str,
    /// 为什么：the rule or law behind it.
    pub why: &'static str,
    /// 示例：a failing snippet.
    pub example: &'static str,
    /// 修改：the fix.
    pub fix: &'static str,
}

use Severity::{Error, Warning};

macro_rules! rule {
    ($id:ident, $name:literal, $severity:expr, $structural:expr, $zh:literal, $en:literal, $why:literal, $example:literal, $fix:literal) => {
        Rule {
            id: RuleId::$id,
            name: $name,
            default_severity: $severity,
            structural: $structural,
            summary_zh: $zh,
            summary_en: $en,
            why: $why,
            example: $example,
            fix: $fix,
        }
    };
}

pub static RULES: &[Rule] = &[
    rule!(
        YamlSyntax,
        "yaml-syntax",
        Error,
        true,
        "文件不是有效的 YAML 或页面头部信息（含空文件、非 UTF-8 文件、重复字段、过深嵌套、别名炸弹、超大文件）",
        "the file is not valid YAML or front matter (also: empty, not UTF-8, duplicate keys, too deep, alias bombs, too large)",
        "文件无法解析，其中的信息就无法发布，一次性告知也就无从谈起。",
        "name: 个体工商户设立登记\n  code: \"0010\"   # 缩进错误",
        "按报错的行列修正缩进（只用空格）、冒号后的空格和引号；每个字段只写一次。"
    ),
    rule!(
        MissingField,
        "missing-field",
        Error,
        true,
        "缺少必填字段，或必填字段为空",
        "a required key is absent or empty",
        "内容格式规定的必填字段是一次性告知的最低内容，缺一项办事人就要多跑一趟。",
        "code: \"11xxxx-001\"\nname: 个体工商户设立登记\n# 缺少 type、department ……",
        "按 docs/content-format.md 补齐字段。"
    ),
    rule!(
        UnknownField,
        "unknown-field",
        Error,
        true,
        "内容格式中没有的字段（多为拼写错误）",
        "a key the format does not define (usually a typo)",
        "拼错的字段会被悄悄忽略，导致信息从公开指南中丢失。",
        "materals:\n  - name: 身份证明",
        "改成正确的字段名（诊断会给出最接近的建议），或删除。"
    ),
    rule!(
        InvalidValue,
        "invalid-value",
        Error,
        true,
        "值的类型错误或不在允许范围内：枚举、日期、布尔值、数字、标识、附件路径、lint 设置",
        "wrong type or a value outside an enum, bad date, bad id, unsafe path, bad lint setting",
        "公开信息必须准确：是否、数字、日期和分类都要可靠，附件路径不能指向站点之外。",
        "type: 许可\nrequired: yes\nblank_form: ../secret.pdf",
        "按帮助行给出的可选值改正：布尔值只写 true 或 false，日期写 YYYY-MM-DD，附件写 content/files/ 下的相对路径。"
    ),
    rule!(
        UnresolvedReference,
        "unresolved-reference",
        Error,
        true,
        "引用的部门、法规、条款或附件不存在",
        "a department, law, article or file that does not exist",
        "一次性告知制第 3 条要求告知法规依据；引用不存在的法规或条款，依据就落空了。",
        "legal_basis:\n  - {law: xzxkf, article: 第30条}",
        "部门、法规标识与 content/ 下的文件名一致；条款写法与法规文件中的完全一致（第三十条，不是第30条）；附件放在 content/files/ 下。"
    ),
    rule!(
        DuplicateCode,
        "duplicate-code",
        Error,
        true,
        "两个事项使用同一实施编码",
        "two items share a `code`",
        "实施编码是事项的唯一标识，重复会让办事人和系统对不上号。",
        "# a.yaml 和 b.yaml 都写了\ncode: \"11xxxx-001\"",
        "核对两个事项，改正其中一个的编码。诊断标在路径排序靠后的文件上，并指出另一个文件。"
    ),
    rule!(
        DuplicateId,
        "duplicate-id",
        Error,
        true,
        "不同子目录下的两个事项文件同名（网址会冲突）",
        "two items in different sub-folders share a file stem (their URLs would collide)",
        "事项网址是 /items/<文件名>/，同名文件会互相覆盖。",
        "content/items/a/geti.yaml\ncontent/items/b/geti.yaml",
        "给其中一个文件改名。"
    ),
    rule!(
        Template,
        "template",
        Error,
        true,
        "模板（内置或站点自带）解析或渲染失败，或站点自带的模板、样式、脚本文件无法读取",
        "a template (built-in or the site's own) fails to parse or render, or a template or asset of the site cannot be read",
        "模板出错时整个站点无法生成。",
        "{% if item.name %}\n<h1>{{ item.name }}</h1>\n# 缺少 {% endif %}",
        "按报错的模板文件、行列修正；无法读取的文件，改正其权限或编码（UTF-8）；删除站点自带的同名模板或 templates/assets/ 下的同名文件即恢复内置的。"
    ),
    rule!(
        UnsafeMarkdown,
        "unsafe-markdown",
        Error,
        true,
        "Markdown 中出现原始 HTML、不安全协议的链接（javascript:、data: 等）或站外图片",
        "raw HTML, a link with another scheme (javascript:, data:...), or an image from outside the site, in any Markdown",
        "政府网站不能被注入脚本，也不能从站外加载内容。",
        "summary: |\n  请点击<a href=\"javascript:alert(1)\">这里</a>",
        "改用 Markdown 写法；链接只用 http、https、mailto、tel 或以 / 开头的站内路径；图片放到 content/files/ 下。"
    ),
    rule!(
        CatchAllWording,
        "catch-all-wording",
        Error,
        false,
        "材料名称、说明、适用情形，受理条件或不能办理情形中使用兜底表述（其他材料、相关材料、有关证明、相关文件、所需材料、包括但不限于、……、等有效证件……）",
        "catch-all wording in a material's name, note or case, a condition or a refusal case (`其他材料`, `相关材料`, `有关证明`, `相关文件`, `所需材料`, `包括但不限于`, an ellipsis, `等有效证件`...)",
        "一次性告知制第 1 条：所需材料要一次性告知完整。“相关材料”“等”让办事人无法知道究竟要带什么。",
        "materials:\n  - name: 身份证、户口簿等证明",
        "逐项列出每一种材料；确属可选的，用 required 写明需要的情形。“等级”“同等”“其他主体资格证明文件”之类不受影响。"
    ),
    rule!(
        VagueWording,
        "vague-wording",
        Warning,
        false,
        "条件、材料、流程或不能办理情形中使用模糊表述（原则上、视情况、必要时、尽快、及时、酌情、一般情况下、根据需要、如有需要、根据实际情况、视具体情况、另行通知、以窗口要求为准、按有关规定）",
        "vague wording (`原则上`, `视情况`, `必要时`, `尽快`, `及时`, `酌情`, `一般情况下`, `根据需要`, `如有需要`, `根据实际情况`, `视具体情况`, `另行通知`, `以窗口要求为准`, `按有关规定`) in conditions, materials, steps or refusal cases",
        "模糊表述给经办人留下自由裁量空间，办事人无法预期结果。",
        "procedure:\n  - step: 受理\n    description: 必要时进行现场核查",
        "写明具体情形和时限，例如“申请场所为新建的，受理后 3 个工作日内现场核查”。“一般纳税人”“及时率”等术语不受影响。"
    ),
    rule!(
        MaterialCount,
        "material-count",
        Error,
        false,
        "材料的原件和复印件份数都是 0（始终免提交的材料除外）",
        "`originals + copies` is 0, unless the material is exempt always",
        "一次性告知要说清每种材料带几份。",
        "originals: 0\ncopies: 0",
        "写明原件或复印件份数，至少一份。"
    ),
    rule!(
        MaterialIssuer,
        "material-issuer",
        Error,
        false,
        "非申请人自备的材料没有写出具单位 issuer",
        "`source` is not `申请人自备` and no `issuer`",
        "办事人需要知道到哪里开具证明，才能一次备齐。",
        "source: 政府部门核发\n# 缺少 issuer",
        "添加 issuer，例如 `issuer: 示例县自然资源局`。"
    ),
    rule!(
        FormWithoutTemplate,
        "form-without-template",
        Error,
        false,
        "表格类材料（名称以申请书、申请表、登记表、承诺书、备案表、申报表、审批表、报告表、采集表、汇总表、确认书、委托书、声明书结尾，其后的》或括号说明不算）缺少空白表格 blank_form 或填写样本 sample",
        "a form-like material lacking `blank_form` or `sample`",
        "一次性告知：表格要提供空白表和填写样本，办事人才能一次填对。",
        "- name: 个体工商户登记申请书\n  # 缺少 blank_form / sample",
        "把空白表和样本放到 content/files/ 下，并写 `blank_form:` 和 `sample:`。"
    ),
    rule!(
        PromisedExceedsStatutory,
        "promised-exceeds-statutory",
        Error,
        false,
        "承诺时限长于法定时限（小时按每工作日 8 小时、每自然日 24 小时换算）",
        "promised limit longer than the statutory limit",
        "承诺时限是对法定时限的压缩，不能超过法定时限。",
        "time_limit:\n  statutory: {value: 20, unit: 工作日}\n  promised: {value: 30, unit: 工作日}",
        "把承诺时限改为不超过法定时限。"
    ),
    rule!(
        TimeUnitMismatch,
        "time-unit-mismatch",
        Warning,
        false,
        "承诺时限和法定时限分别用工作日和自然日，无法比较",
        "promised and statutory limits in `工作日` and `自然日`, which cannot be compared",
        "单位不一致时，办事人无法判断承诺是否兑现。",
        "statutory: {value: 20, unit: 工作日}\npromised: {value: 15, unit: 自然日}",
        "两者用同一种单位。"
    ),
    rule!(
        FeeUnspecified,
        "fee-unspecified",
        Error,
        false,
        "收费情况未写明：既不是免费也没有逐项列出，或收费项目缺金额、依据",
        "fees neither free nor itemised, or an item without amount or basis",
        "收费必须公开标准和依据，不得写“无”或留空。",
        "fees:\n  items:\n    - name: 工本费\n      amount: 无",
        "免费写 `fees: {free: true}`；收费逐项写 name、amount（如“每件 10 元”）和 basis。"
    ),
    rule!(
        RefusalWithoutBasis,
        "refusal-without-basis",
        Error,
        false,
        "不予受理情形没有法律依据",
        "a refusal case without a legal basis",
        "一次性告知制第 3 条：不能办理的，要告知原因和法规、文件依据。",
        "refusals:\n  - case: 申请事项不属于本机关职权范围的",
        "添加 `basis: {law: ..., article: ...}`。"
    ),
    rule!(
        NoRefusals,
        "no-refusals",
        Error,
        false,
        "公共服务以外的事项没有列出不能办理（不予受理、不予批准）的情形 refusals",
        "an item of any type but `公共服务` without `refusals`",
        "一次性告知制第 3 条适用于所有事项：不能办理的，要告知理由和依据；行政许可法第三十二条、第三十八条规定了不予受理和不予批准的告知义务。",
        "type: 行政许可\n# 没有 refusals",
        "添加 refusals，逐条写 case 和 basis。"
    ),
    rule!(
        NoSubstitute,
        "no-substitute",
        Error,
        false,
        "没有 B 岗（替代岗位），或 B 岗与 A 岗相同",
        "`handlers.substitute` missing or equal to `primary`",
        "同岗替代制：每个岗位都要指定替代人员，经办人不在时不让办事人白跑。",
        "handlers:\n  primary: 登记注册股A岗",
        "写 `substitute:`，且与 primary 不同。"
    ),
    rule!(
        NoAppointment,
        "no-appointment",
        Error,
        false,
        "没有办事预约方式或预约答复时限",
        "no appointment channel or no `reply_within`",
        "办事预约制：找不到经办人时可以预约，经办人要在规定时限内答复。",
        "appointment:\n  channels: [电话 0000-1234567]",
        "写全 `channels` 和 `reply_within: {value: 1, unit: 工作日}`。"
    ),
    rule!(
        NoComplaintChannel,
        "no-complaint-channel",
        Error,
        false,
        "站点没有效能投诉电话",
        "site without a complaint phone",
        "效能投诉与问责：办事人必须知道服务不好时向谁投诉。",
        "complaint:\n  address: 县政务服务中心三楼",
        "在 site.yaml 写 `complaint: {phone: ...}`。"
    ),
    rule!(
        DepartmentWithoutPhone,
        "department-without-phone",
        Error,
        false,
        "部门没有电话",
        "department without `phone`",
        "首问负责制第三条第 3 项：经办股室无人时，要告知办事人相应的联系电话。",
        "name: 登记注册股\nfunctions: ……",
        "添加 `phone:`。"
    ),
    rule!(
        VisitsExceedOne,
        "visits-exceed-one",
        Warning,
        false,
        "到现场次数超过 1 次（最多跑一次），或需要到现场却没有说明原因",
        "`visits` > 1, or `visits` > 0 without `visits_reason`",
        "“最多跑一次”改革要求压减到现场次数；必须到现场的要说明理由。",
        "visits: 2",
        "减少到现场次数，并在 visits_reason 中说明原因。"
    ),
    rule!(
        OnlineWithoutUrl,
        "online-without-url",
        Error,
        false,
        "可网上办理但没有网址，或不能网上办理但没有说明原因",
        "`online.available` without `url`, or unavailable without `reason`",
        "办事人要能直接找到网上办理入口，或知道为什么只能线下办理。",
        "online:\n  available: true",
        "可网办时写 url，不可网办时写 reason。"
    ),
    rule!(
        StaleReview,
        "stale-review",
        Warning,
        false,
        "事项超过 review_months 个月（默认 12）未审核，或审核日期晚于今天",
        "`updated` older than `review_months` months, or after today",
        "公开的办事指南必须与现行规定一致，要定期复核。",
        "updated: 2024-01-10",
        "复核内容后把 updated 改为复核当天日期。"
    ),
    rule!(
        DuplicateMaterial,
        "duplicate-material",
        Warning,
        false,
        "同一事项中同一份材料列出两次（去掉空格和结尾的原件、复印件、扫描件、影印件、正本、副本后名称相同）",
        "the same material listed twice in one item (equal once spaces and a trailing `原件`, `复印件`, `扫描件`, `影印件`, `正本` or `副本` are removed)",
        "重复的材料清单让办事人无法确定到底带几份：营业执照和营业执照副本复印件是同一份材料。",
        "- name: 营业执照\n- name: 营业执照副本复印件",
        "合并为一条，写清原件和复印件份数。"
    ),
    rule!(
        ExcludedWithoutBasis,
        "excluded-without-basis",
        Warning,
        false,
        "不计入办理时限的特别程序（听证、检验、专家评审……）没有法律依据",
        "an excluded procedure (`听证`, `检验`...) without a legal basis",
        "行政许可法第四十五条：只有法定的听证、检验、检测、鉴定、专家评审等所需时间不计入期限，并应书面告知申请人。",
        "excluded:\n  - name: 现场核查\n    time_limit: {value: 10, unit: 工作日}",
        "添加 `basis: {law: ..., article: ...}`，或删除没有依据的不计时程序。"
    ),
    rule!(
        ExemptionInNote,
        "exemption-in-note",
        Error,
        false,
        "材料说明里写了免于提交（免提交、无需提交、不再提交、免交……），但材料没有 `exempt`",
        "a material's note says it need not be submitted, but the material has no `exempt`",
        "免提交的信息藏在说明里，一次性告知单仍把它列为要带的材料，办事人白白准备（市场主体登记管理条例第十六条：能通过信息共享获取的，不得要求提供）。",
        "- name: 营业执照\n  note: 通过数据共享能够获取的，免于提交。",
        "添加 `exempt: {by: 共享获取, when: 在本县登记的}`（或 电子证照、告知承诺、申报承诺），并从说明中删去这句。"
    ),
    rule!(
        MaterialInNote,
        "material-in-note",
        Warning,
        false,
        "材料说明要求另附、还需提交一份不在材料清单中的文件",
        "a material's note asks for a further document that is not one of the item's materials",
        "藏在说明里的文件不在清单上、没有空白表格，办事人看不到，到窗口才被告知，违背一次性告知。",
        "- name: 特种设备使用登记表\n  note: 另附《设备基本信息汇总表》。",
        "把这份文件作为单独的一项材料列出；如果只是提到清单上另一项材料，用《》写出它的完整名称。"
    ),
    rule!(
        StepsExceedPromised,
        "steps-exceed-promised",
        Error,
        false,
        "办理流程各环节的时限合计超过承诺时限",
        "the procedure's step limits add up to more than the promised limit",
        "流程各环节的时限合计超过承诺时限，承诺就无法兑现，办事人得到的是自相矛盾的告知。",
        "time_limit:\n  promised: {value: 5, unit: 工作日}\nprocedure:\n  - {step: 受理, actor: A岗, time_limit: {value: 5, unit: 工作日}}\n  - {step: 审查, actor: A岗, time_limit: {value: 45, unit: 工作日}}",
        "核对各环节时限，使合计不超过承诺时限（小时按每工作日 8 小时、每自然日 24 小时换算）；或修正承诺时限。"
    ),
    rule!(
        StatutoryWithoutBasis,
        "statutory-without-basis",
        Error,
        false,
        "行政许可事项的法定时限没有写设定依据",
        "the statutory limit of a `行政许可` item has no `basis`",
        "国家政务服务事项实施清单要求写明法定办结时限的依据（行政许可法第四十二条或专门法律）。",
        "time_limit:\n  statutory: {value: 20, unit: 工作日}",
        "写成 `statutory: {value: 20, unit: 工作日, basis: {law: xzxkf, article: 第四十二条}}`。"
    ),
    rule!(
        NoQuantityLimit,
        "no-quantity-limit",
        Warning,
        false,
        "行政许可事项没有写数量限制",
        "a `行政许可` item without `quantity_limit`",
        "行政许可法第三十条要求公示行政许可的数量；没有数量限制也要写明。",
        "type: 行政许可\n# 没有 quantity_limit",
        "添加 `quantity_limit: 无数量限制`，或写明数量及分配办法。"
    ),
    rule!(
        CommitmentIncomplete,
        "commitment-incomplete",
        Error,
        false,
        "材料可以告知承诺代替，但事项没有 `commitment`；或 `commitment` 缺少承诺书空白表、核查方式或虚假承诺的后果",
        "a material exempt by `告知承诺` on an item without `commitment`, or a `commitment` without `form`, `verification` or `consequence`",
        "国办发〔2020〕42号：实行告知承诺制的事项，要一次性告知承诺的内容、核查办法和不实承诺的责任，并提供承诺书格式文本。",
        "- name: 住所使用证明\n  exempt: {by: 告知承诺}\n# 事项没有 commitment",
        "添加 `commitment: {form: forms/...承诺书.docx, verification: ..., consequence: ...}`。"
    ),
    rule!(
        EntrustmentIncomplete,
        "entrustment-incomplete",
        Error,
        false,
        "受委托组织实施的事项缺少委托机关、委托依据或本事项的救济途径",
        "`authority.nature: 受委托组织` without `entrusted_by`, `entrustment_basis` or the item's own `redress`",
        "行政许可法第二十四条：受委托组织以委托机关名义实施，复议机关随委托机关确定；照抄站点的救济途径会告知错误的复议机关。",
        "authority:\n  nature: 受委托组织\n# 缺少 entrusted_by、entrustment_basis，事项没有 redress",
        "写明 `entrusted_by`（委托机关）、`entrustment_basis`（委托依据），并为事项写 `redress: {review: ..., litigation: ...}`。"
    ),
    rule!(
        IntermediaryUndeclared,
        "intermediary-undeclared",
        Warning,
        false,
        "材料由中介机构出具，但事项没有列出中介服务",
        "a material from `中介机构出具` on an item without `intermediary`",
        "国家事项清单要求公开中介服务的名称、提供机构、收费和依据，办事人才知道要另外花钱找谁。",
        "- name: 检测报告\n  source: 中介机构出具\n# 事项没有 intermediary",
        "添加 `intermediary: [{name: ..., provider: ..., fee: ..., basis: ...}]`。"
    ),
    rule!(
        UndeclaredSituation,
        "undeclared-situation",
        Error,
        false,
        "事项写了 `situations`，但某项材料的适用情形不在其中",
        "an item has `situations` and a material's `required` text is not one of them",
        "页面按办事情形筛选材料；情形写法不一致，材料就会从办事人的清单中漏掉。",
        "situations: [委托代理人办理的]\nmaterials:\n  - name: 授权委托书\n    required: 委托他人办理的",
        "把 `required` 改成与 `situations` 中某一项逐字一致，或把这一情形加入 `situations`。"
    ),
    rule!(
        PrivateFile,
        "private-file",
        Warning,
        false,
        "content/files/ 下有隐藏文件或编辑器、系统生成的文件（不会发布）",
        "a hidden, editor or system file under content/files/ (not published)",
        "content/files/ 下的文件会原样发布给公众：.env、.git/ 之类的隐藏文件可能含有密码，~$ 开头的 Word 锁文件、.DS_Store、Thumbs.db、*.tmp、*.swp 和 *~ 备份只是编辑时的残留。zhinan 不发布它们。",
        "content/files/forms/~$shenqingbiao.docx",
        "删除这个文件；需要公开的附件请用普通文件名（不以 . 或 ~$ 开头，不以 ~、.tmp、.swp 结尾）。"
    ),
    rule!(
        FormulaText,
        "formula-text",
        Warning,
        false,
        "事项的文字以等号 = 开头（像电子表格公式）",
        "an item's text starts with `=` (like a spreadsheet formula)",
        "以 = 开头的文字多半是从电子表格粘贴来的公式；开放数据 items.csv 会在这样的单元格前加 ' 以免被表格软件当作公式执行，但公开的指南里它仍然是一串公式。",
        "# 错误示例\nname: =A2&\"设立登记\"",
        "把公式换成它的结果文字；确实要以等号开头的，在等号前加说明文字。"
    ),
];

/// The rule of this name, as written in site.yaml's `lint` map.
pub fn find(name: &str) -> Option<&'static Rule> {
    RULES.iter().find(|rule| rule.name == name)
}

/// docs/rules.md, in Chinese, for office staff.
pub fn markdown_documentation() -> String {
    let mut output = String::from(
        "# 检查规则\n\n> 本文件由 `zhinan rules --markdown` 根据程序中的规则表生成，请勿手工修改。\n\n\
`zhinan check` 按下列规则检查 content/ 下的全部文件。“错误”会让检查失败（退出码 1），`zhinan build` 也拒绝发布；\
“警告”只提示，加 `--deny-warnings` 时也会失败。site.yaml 的 `lint` 可以调整非结构性规则的级别（`error`、`warning`、`off`）。\n\n\
| 规则 | 默认级别 | 结构性 | 检查内容 |\n|---|---|---|---|\n",
    );
    for rule in RULES {
        output.push_str(&format!(
            "| [`{}`](#{}) | {} | {} | {} |\n",
            rule.name,
            rule.name,
            if rule.default_severity == Severity::Error {
                "错误"
            } else {
                "警告"
            },
            if rule.structural { "是" } else { "" },
            rule.summary_zh
        ));
    }
    for rule in RULES {
        output.push_str(&format!(
            "\n## {}\n\n默认级别：{}{}\n\n**检查内容**：{}\n\n**为什么**：{}\n\n**示例**：\n\n```yaml\n# 错误示例\n{}\n```\n\n**怎样修改**：{}\n",
            rule.name,
            if rule.default_severity == Severity::Error { "错误" } else { "警告" },
            if rule.structural { "（结构性规则，始终是错误）" } else { "" },
            rule.summary_zh,
            rule.why,
            rule.example,
            rule.fix
        ));
    }
    output
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_sits_at_the_index_of_its_id() {
        for (index, rule) in RULES.iter().enumerate() {
            assert_eq!(rule.id as usize, index, "{}", rule.name);
            assert_eq!(rule.id.name(), rule.name);
        }
    }
}
