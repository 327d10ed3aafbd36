//! The one bilingual message table. Every diagnostic message and help line of the tool is a
//! constant here, in Chinese (the default, for office staff) and English (`--lang en`), with
//! `{name}` placeholders filled from the diagnostic's arguments.

use super::Language;

#[derive(Debug)]
pub struct Message {
    pub zh: &'static str,
    pub en: &'static str,
}

impl Message {
    pub fn format(&self, language: Language, arguments: &[(&'static str, String)]) -> String {
        let template = match language {
            Language::Zh => self.zh,
            Language::En => self.en,
        };
        let mut output = String::with_capacity(template.len() + 16);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            output.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) => {
                    let name = &after[..close];
                    // `{count:singular:plural}`: the word that agrees with the argument (English).
                    let mut forms = name.split(':');
                    let name = forms.next().unwrap_or_default();
                    if let (Some(singular), Some(plural)) = (forms.next(), forms.next()) {
                        let one = arguments
                            .iter()
                            .any(|(key, value)| *key == name && value == "1");
                        output.push_str(if one { singular } else { plural });
                        rest = &after[close + 1..];
                        continue;
                    }
                    match arguments.iter().find(|(key, _)| *key == name) {
                        Some((_, value)) => output.push_str(value),
                        None => {
                            output.push('{');
                            output.push_str(name);
                            output.push('}');
                        }
                    }
                    rest = &after[close + 1..];
                }
                None => {
                    output.push_str(&rest[open..]);
                    rest = "";
                }
            }
        }
        output.push_str(rest);
        output
    }
}

macro_rules! messages {
    ($($name:ident: $zh:literal / $en:literal;)*) => {
        $(pub static $name: Message = Message { zh: $zh, en: $en };)*
        /// Every message, for the completeness test.
        pub static ALL: &[&Message] = &[$(&$name),*];
    };
}

messages! {
    // load
    YAML_SYNTAX: "YAML 语法错误：{detail}" / "invalid YAML: {detail}";
    YAML_SYNTAX_HELP: "检查这一行及上一行的缩进（只能用空格）、冒号后的空格和引号是否成对" / "check the indentation (spaces only), the space after each colon and that quotes are closed on this line and the one before";
    NOT_UTF8: "文件不是 UTF-8 编码的文本" / "the file is not UTF-8 text";
    NOT_UTF8_HELP: "用 UTF-8 编码另存此文件；若是二进制文件，请移到 content/files/ 下" / "save the file as UTF-8; if it is a binary file, move it under content/files/";
    EMPTY_FILE: "文件是空的" / "the file is empty";
    EMPTY_FILE_HELP: "按 docs/content-format.md 填写该文件的必填字段，或删除此文件" / "fill in the required keys (see docs/content-format.md) or delete the file";
    FILE_TOO_LARGE: "文件过大（{size} 字节，上限 {limit} 字节）" / "the file is too large ({size} bytes, the limit is {limit})";
    FILE_TOO_LARGE_HELP: "一个事项、部门或法规的文件不应这么大：检查是否误存了其他内容，附件请放在 content/files/" / "an entry file is never this large: check for pasted content; attachments belong in content/files/";
    TOO_DEEP: "嵌套层级超过 {limit} 层" / "nesting deeper than {limit} levels";
    TOO_DEEP_HELP: "内容格式最多只需几层嵌套，请检查缩进或括号" / "the format needs only a few levels of nesting: check the indentation or brackets";
    ALIAS_BUDGET: "别名（*）展开后节点过多（超过 {limit} 个）" / "aliases (*) expand to too many nodes (more than {limit})";
    ALIAS_BUDGET_HELP: "不要用锚点和别名（& 和 *）重复内容，直接写出每一项" / "do not repeat content with anchors and aliases (& and *): write each entry out";
    UNKNOWN_ANCHOR: "别名 `*{name}` 没有对应的锚点" / "alias `*{name}` has no anchor";
    DUPLICATE_KEY: "字段 `{key}` 重复出现" / "key `{key}` appears twice";
    DUPLICATE_KEY_HELP: "删除其中一个；第一次出现在第 {line} 行" / "remove one of them; the first is on line {line}";
    MULTIPLE_DOCUMENTS: "文件中有多个 YAML 文档（`---` 分隔）" / "the file holds more than one YAML document (`---`)";
    MULTIPLE_DOCUMENTS_HELP: "每个文件只写一个事项、部门或法规" / "write one entry per file";
    NO_FRONT_MATTER: "页面缺少以 `---` 开头和结尾的头部信息" / "the page has no front matter between `---` lines";
    NO_FRONT_MATTER_HELP: "在文件开头写三行：`---`、`title: 页面标题`、`---`，再写正文" / "start the file with `---`, `title: <page title>`, `---`, then the body";
    BAD_FILE_STEM: "文件名 `{stem}` 不能作为网址标识：只能用小写英文字母、数字和连字符" / "file name `{stem}` is not a valid id: use lowercase ASCII letters, digits and hyphens";
    BAD_FILE_STEM_HELP: "把文件改名，例如 `geti-sheli.yaml`" / "rename the file, e.g. `geti-sheli.yaml`";
    UNEXPECTED_FILE: "content/{folder}/ 下只能放 {extension} 文件" / "only {extension} files belong in content/{folder}/";
    UNEXPECTED_FILE_HELP: "把附件放到 content/files/ 下，或改正扩展名" / "put attachments under content/files/ or fix the extension";
    TYPO_FULLWIDTH_COLON: "字段名 `{key}` 后面是全角冒号“：”，YAML 只认半角冒号" / "the key `{key}` is followed by a full-width colon `：`; YAML needs the ASCII colon";
    TYPO_FULLWIDTH_COLON_HELP: "把“：”改成半角冒号再加一个空格：`{key}: `（切换到英文输入法再输入）" / "replace `：` by an ASCII colon and a space: `{key}: ` (switch the input method to English first)";
    TYPO_NO_SPACE: "字段名 `{key}` 的冒号后面缺少空格" / "no space after the colon of `{key}`";
    TYPO_NO_SPACE_HELP: "在冒号后面加一个空格：`{key}: 值`" / "put a space after the colon: `{key}: value`";
    TYPO_FULLWIDTH_SPACE_AFTER: "字段名 `{key}` 的冒号后面是全角空格，YAML 只认半角空格" / "the space after the colon of `{key}` is a full-width space (U+3000); YAML needs an ASCII space";
    TYPO_FULLWIDTH_SPACE_AFTER_HELP: "把冒号后面的全角空格换成半角空格：`{key}: 值`（切换到英文输入法，或关闭全角模式）" / "replace it by an ASCII space: `{key}: value`";
    TYPO_FULLWIDTH_QUOTES: "`{key}` 的值两端是全角引号“”，引号会原样显示在网页上" / "the value of `{key}` is wrapped in full-width quotes “”, which the page would show as they are";
    TYPO_FULLWIDTH_QUOTES_HELP: "去掉两端的引号（这里不需要引号）；值里有冒号等需要引起来时，用半角引号 \"…\"，网页上不显示" / "remove the quotes (none are needed here); where a value must be quoted (it holds a colon), use ASCII quotes \"…\", which the page does not show";
    TYPO_TAB: "行首缩进里有制表符（Tab）" / "a tab in the indentation";
    TYPO_TAB_HELP: "缩进只能用空格：把这一行开头的 Tab 换成空格，与同一级的行对齐" / "indent with spaces only: replace the tab at the start of this line by spaces, aligned with the lines of the same level";
    TYPO_FULLWIDTH_SPACE: "行首缩进里有全角空格" / "a full-width space (U+3000) in the indentation";
    TYPO_FULLWIDTH_SPACE_HELP: "把行首的全角空格换成半角空格（切换到英文输入法，或关闭全角模式）" / "replace the full-width space at the start of the line by ASCII spaces";
    PARSE_NO_COLON: "这一行缺少冒号：YAML 把它当成了字段名，却找不到后面的 `:`" / "this line has no colon: YAML reads it as a key but finds no `:` after it";
    PARSE_NO_COLON_HELP: "在字段名后面写半角冒号加空格（`name: 值`）；若这一行是上一行文字的延续，把两行合成一行或给文字加引号" / "write an ASCII colon and a space after the key (`name: value`); if the line continues the text of the line before, join them or quote the text";
    PARSE_MAPPING_VALUE: "这里不能再出现“字段: 值”：文字中的半角冒号后跟了空格，或者缩进错了" / "a `key: value` is not allowed here: the text holds a colon followed by a space, or the indentation is off";
    PARSE_MAPPING_VALUE_HELP: "文字里有半角冒号时，把整段文字用引号括起来（`\"...: ...\"`），或改用全角冒号“：”；否则检查这一行的缩进" / "quote a text that holds a colon, or use the full-width colon in Chinese text; otherwise check this line's indentation";
    PARSE_LIST_ENTRY: "列表项（`- `）的缩进不对" / "a list entry (`- `) at the wrong indentation";
    PARSE_LIST_ENTRY_HELP: "同一个列表的各项，减号要上下对齐；列表项要比所属的字段多缩进两个空格" / "align the dashes of one list, two spaces deeper than the key the list belongs to";
    PARSE_INDENT: "缩进不对：这一行与同一级的其他行没有对齐" / "wrong indentation: this line is not aligned with the others of its level";
    PARSE_INDENT_HELP: "同一级的字段左边对齐，下一级多缩进两个空格；只用半角空格" / "align keys of one level; indent the next level by two spaces; spaces only";
    PARSE_QUOTE: "引号没有配对：从这里开始的引号没有关上" / "a quote is not closed: the quote that starts here has no end";
    PARSE_QUOTE_HELP: "在文字末尾补上同样的引号（`\"` 对 `\"`，`'` 对 `'`）；中文引号“”不起 YAML 引号的作用" / "close the quote with the same character; Chinese quotes “” are not YAML quotes";
    PARSE_AFTER_QUOTE: "引号关上之后还有文字" / "text after the closing quote";
    PARSE_AFTER_QUOTE_HELP: "把整段文字都放进引号里，或删掉引号" / "put the whole text inside the quotes, or remove the quotes";
    PARSE_FLOW: "方括号或花括号没有配对，或者其中缺少逗号" / "a bracket or brace is not closed, or a comma is missing inside";
    PARSE_FLOW_HELP: "检查 `[...]`、`{...}` 是否成对，各项之间用半角逗号分隔；文字里有逗号或冒号时加引号" / "check that `[...]` and `{...}` are closed and their entries separated by ASCII commas; quote texts that hold commas or colons";
    PARSE_NO_VALUE: "这里缺少值" / "a value is missing here";
    PARSE_NO_VALUE_HELP: "在冒号或减号后面写上值；没有内容时删除这一行" / "write the value after the colon or dash, or remove the line";
    PARSE_CHARACTER: "这里有 YAML 不允许的字符" / "a character YAML does not allow here";
    PARSE_CHARACTER_HELP: "删除这个字符；文字以 `@`、`` ` ``、`%` 等符号开头时，给文字加引号" / "remove the character; quote a text that starts with `@`, `` ` ``, `%` and the like";
    PARSE_ANCHOR: "锚点或别名（& 和 *）写法有误" / "a malformed anchor or alias (& and *)";
    PARSE_TAG: "标签（以 `!` 开头）写法有误；内容格式不使用标签" / "a malformed tag (starting with `!`); the format uses none";
    PARSE_DIRECTIVE: "文件里有以 `%` 开头的 YAML 指令" / "a YAML directive (starting with `%`)";
    PARSE_DIRECTIVE_HELP: "删除这一行；以 `%` 开头的文字要加引号" / "remove the line; quote a text that starts with `%`";
    PARSE_EOF: "文件意外结束：引号、括号或块没有结束" / "the file ends early: a quote, bracket or block is not closed";
    PARSE_EOF_HELP: "检查文件末尾的引号和括号是否成对" / "check that the quotes and brackets near the end are closed";
    NO_SITE_FILE: "缺少 content/site.yaml" / "content/site.yaml is missing";
    NO_SITE_FILE_HELP: "创建 content/site.yaml，写明 title、authority、base_url、address、hours、phone、complaint 和 redress" / "create content/site.yaml with title, authority, base_url, address, hours, phone, complaint and redress";
    NOT_REGULAR_FILE: "这不是普通文件（而是管道、套接字或设备文件），zhinan 不会读取它" / "this is not a regular file (a FIFO, socket or device): zhinan does not read it";
    NOT_REGULAR_FILE_HELP: "删除它，或换成普通文件" / "remove it or replace it with a regular file";
    SYMLINKED_ENTRY: "此文件是符号链接：content/{folder}/ 下只读取普通文件，不跟随链接" / "this file is a symlink: zhinan reads only regular files in content/{folder}/ and does not follow links";
    SYMLINKED_ENTRY_HELP: "把链接指向的文件复制到这里，替换这个链接" / "copy the file it points to here, in place of the link";
    PRIVATE_FILE: "这是隐藏文件或编辑器、系统生成的文件，不会发布" / "this is a hidden, editor or system file: it is not published";
    PRIVATE_FOLDER: "这是隐藏文件夹，其中的文件都不会发布" / "this is a hidden folder: none of its files is published";
    PRIVATE_FILE_HELP: "删除它；需要公开的附件请用普通文件名（不以 `.` 或 `~$` 开头，不以 `~`、`.tmp`、`.swp` 结尾）" / "remove it; an attachment to publish needs an ordinary name (not starting with `.` or `~$`, not ending in `~`, `.tmp` or `.swp`)";

    // model
    MISSING_FIELD: "缺少必填字段 `{key}`" / "missing required field `{key}`";
    MISSING_FIELD_HELP: "在此处添加 `{key}:`，各字段的含义见 docs/content-format.md" / "add `{key}:` here; docs/content-format.md explains each field";
    EMPTY_FIELD: "必填字段 `{key}` 是空的" / "required field `{key}` is empty";
    EMPTY_FIELD_HELP: "在 `{key}:` 的冒号后面填上内容（冒号后空一格），各字段的含义见 docs/content-format.md" / "write the value after `{key}:` (a space after the colon); docs/content-format.md explains each field";
    UNKNOWN_FIELD: "内容格式中没有字段 `{key}`" / "`{key}` is not a field of the content format";
    UNKNOWN_FIELD_SUGGEST: "是不是要写 `{suggestion}`？拼错的字段会让信息从公开指南中丢失" / "did you mean `{suggestion}`? a misspelt key would drop information from the public guide";
    UNKNOWN_FIELD_HELP: "删除它，或改成此处允许的字段：{allowed}" / "remove it or use one of the fields allowed here: {allowed}";
    EXPECTED_MAP: "`{key}` 应当是键值映射（`名称: 值` 的列表）" / "`{key}` must be a map of `key: value` pairs";
    EXPECTED_LIST: "`{key}` 应当是列表（每项以 `- ` 开头）" / "`{key}` must be a list (each entry starting with `- `)";
    EXPECTED_TEXT: "`{key}` 应当是一段文字" / "`{key}` must be text";
    EXPECTED_TEXT_HELP: "直接写文字；含有冒号等特殊字符时用引号括起来" / "write the text; quote it if it contains a colon or other special characters";
    EXPECTED_BOOL: "`{key}` 只能是 `true` 或 `false`，不能是 `{value}`" / "`{key}` must be `true` or `false`, not `{value}`";
    EXPECTED_BOOL_HELP: "写 `true`（是）或 `false`（否）" / "write `true` or `false`";
    EXPECTED_NUMBER: "`{key}` 应当是非负整数，不能是 `{value}`" / "`{key}` must be a non-negative integer, not `{value}`";
    EXPECTED_NUMBER_HELP: "只写阿拉伯数字，例如 `1`，没有时写 `0`" / "write digits only, e.g. `1`; `0` when none";
    BAD_ENUM: "`{key}` 的值 `{value}` 不在允许范围内" / "`{value}` is not an allowed value of `{key}`";
    BAD_ENUM_HELP: "可选值：{allowed}" / "allowed values: {allowed}";
    BAD_DATE: "`{key}` 的值 `{value}` 不是有效日期" / "`{value}` is not a valid date for `{key}`";
    BAD_DATE_HELP: "日期写成 `YYYY-MM-DD`，例如 `2026-03-01`" / "write dates as `YYYY-MM-DD`, e.g. `2026-03-01`";
    BAD_URL: "`{key}` 的值 `{value}` 不是以 http:// 或 https:// 开头的完整网址" / "`{value}` is not an absolute http:// or https:// URL for `{key}`";
    BAD_URL_HELP: "写完整网址，例如 `https://www.example.gov.cn/`" / "write the full address, e.g. `https://www.example.gov.cn/`";
    BAD_ID: "`{value}` 不是有效的标识：只能用小写英文字母、数字和连字符" / "`{value}` is not a valid id: use lowercase ASCII letters, digits and hyphens";
    BAD_PATH: "附件路径 `{value}` 不安全：{reason}" / "file path `{value}` is not safe: {reason}";
    BAD_PATH_HELP: "写 content/files/ 下的相对路径，例如 `forms/shenqingbiao.docx`" / "write a path relative to content/files/, e.g. `forms/shenqingbiao.docx`";
    PATH_ABSOLUTE: "不能是绝对路径" / "it is absolute";
    PATH_PARENT: "不能包含 `..`" / "it contains `..`";
    PATH_SYMLINK: "它经由符号链接指向 content/files/ 之外" / "it leads through a symlink out of content/files/";
    PATH_BACKSLASH: "请用 `/` 分隔目录" / "use `/` to separate folders";
    REQUIRED_FALSE: "`required: false` 无效：没人需要的材料不应列出" / "`required: false` is invalid: a material nobody needs is not listed";
    REQUIRED_FALSE_HELP: "必需时写 `true`；只在某种情况下需要时写明情形，例如 `委托代理人办理的`；否则删除此材料" / "write `true`, or the case in which it is needed (e.g. `委托代理人办理的`), or remove the material";
    FEES_BOTH: "`fees` 不能同时写 `free: true` 和 `items`" / "`fees` cannot be both `free: true` and itemised";
    FEES_BOTH_HELP: "免费时只写 `free: true`；收费时删除 `free`，在 `items` 中逐项列出" / "keep `free: true` alone when free; otherwise remove it and list the `items`";
    ONLINE_FLAG: "`online.available` 为 {value} 时不应有 `{key}`" / "`online` has `{key}` although `available` is {value}";
    ONLINE_FLAG_HELP: "可在网上办理时写 `url`，不能时写 `reason`" / "give `url` when available online, `reason` when not";
    LINT_LEVEL: "`{value}` 不是有效的级别" / "`{value}` is not a lint level";
    LINT_LEVEL_HELP: "写 `error`、`warning` 或 `off`" / "write `error`, `warning` or `off`";
    LINT_UNKNOWN_RULE: "没有名为 `{value}` 的检查规则" / "there is no rule named `{value}`";
    LINT_UNKNOWN_RULE_HELP: "`zhinan rules` 列出所有规则名" / "`zhinan rules` lists every rule name";
    LINT_STRUCTURAL: "结构性规则 `{value}` 始终是错误，不能调低" / "structural rule `{value}` is always an error and cannot be lowered";
    LINT_STRUCTURAL_HELP: "删除这一行；结构性问题必须修正" / "remove this line; structural problems must be fixed";
    BAD_TIMEZONE: "`{value}` 不是有效的 IANA 时区" / "`{value}` is not an IANA time zone";
    BAD_TIMEZONE_HELP: "例如 `Asia/Shanghai`" / "e.g. `Asia/Shanghai`";
    BAD_LANGUAGE: "`{value}` 不是有效的 BCP 47 语言标记" / "`{value}` is not a BCP 47 language tag";
    BAD_LANGUAGE_HELP: "例如 `zh-CN`" / "e.g. `zh-CN`";
    NOT_SCALAR_KEY: "字段名必须是文字" / "a key must be plain text";
    YAML_TAG: "内容格式不使用 YAML 标签 `{value}`" / "the content format has no YAML tags: `{value}`";
    YAML_TAG_HELP: "删除标签（以 `!` 开头的部分），直接写值；附件放在 content/files/ 下用路径引用" / "remove the tag (the part starting with `!`) and write the value itself; refer to attachments by their path under content/files/";
    MERGE_KEY: "内容格式不使用合并键 `<<`" / "the content format has no merge keys (`<<`)";
    MERGE_KEY_HELP: "把要合并的字段逐个写出来" / "write each key out";
    BAD_BASE_URL: "`base_url` 的值 `{value}` 不能用作站点地址" / "`{value}` cannot be the site's `base_url`";
    BAD_BASE_URL_HELP: "写以 http:// 或 https:// 开头、带主机名的完整网址，不带 `?`、`#`、引号、空格或 `..`，例如 `https://www.example.gov.cn/bszn/`" / "write an absolute http:// or https:// URL with a host and no `?`, `#`, quote, space or `..`, e.g. `https://www.example.gov.cn/bszn/`";
    REQUIRED_YES_NO: "`required` 写成了“{value}”，只说了要或不要，没有写明情形" / "`required` is \"{value}\": it only says yes or no and names no case";
    REQUIRED_YES_NO_HELP: "必交写 `true`；只在某种情形下需要时，写出情形，例如 `委托代理人办理的`" / "write `true` when always needed, or the case in which it is needed, e.g. `委托代理人办理的`";
    FRONT_MATTER_ORDER: "`order` 应当是整数" / "`order` must be an integer";

    // resolve
    UNKNOWN_DEPARTMENT: "没有标识为 `{value}` 的部门（content/departments/{value}.yaml 不存在）" / "there is no department `{value}` (content/departments/{value}.yaml does not exist)";
    UNKNOWN_DEPARTMENT_HELP: "已有的部门：{known}" / "known departments: {known}";
    UNKNOWN_LAW: "没有标识为 `{value}` 的法规（content/laws/{value}.yaml 不存在）" / "there is no law `{value}` (content/laws/{value}.yaml does not exist)";
    UNKNOWN_LAW_HELP: "在 content/laws/ 下添加该法规，或改用已有的：{known}" / "add the law under content/laws/ or use one of: {known}";
    UNKNOWN_ARTICLE: "《{law}》中没有 `{value}`" / "`{value}` is not an article of \"{law}\"";
    UNKNOWN_ARTICLE_HELP: "条款须与 content/laws/{law_id}.yaml 中的写法完全一致，例如 `{example}`" / "spell the article exactly as in content/laws/{law_id}.yaml, e.g. `{example}`";
    UNKNOWN_FILE: "附件 `{value}` 不存在（应在 content/files/{value}）" / "file `{value}` does not exist (expected at content/files/{value})";
    UNKNOWN_FILE_HELP: "把该文件放到 content/files/ 下，或改正路径" / "put the file under content/files/ or correct the path";
    UNKNOWN_DEPARTMENT_CUT_HELP: "已有的部门（最相近的 {shown} 个，共 {total} 个）：{known}" / "known departments (the {shown} nearest of {total}): {known}";
    UNKNOWN_DEPARTMENT_SUGGEST_HELP: "是不是要写 `{suggestion}`？已有的部门（最相近的在前）：{known}" / "did you mean `{suggestion}`? known departments, nearest first: {known}";
    UNKNOWN_LAW_CUT_HELP: "在 content/laws/ 下添加该法规，或改用已有的（最相近的 {shown} 部，共 {total} 部）：{known}" / "add the law under content/laws/ or use one of (the {shown} nearest of {total}): {known}";
    UNKNOWN_LAW_SUGGEST_HELP: "是不是要写 `{suggestion}`？已有的法规（最相近的在前）：{known}" / "did you mean `{suggestion}`? known laws, nearest first: {known}";
    UNKNOWN_FILE_SUGGEST_HELP: "是不是要写 `{suggestion}`？否则把该文件放到 content/files/ 下" / "did you mean `{suggestion}`? otherwise put the file under content/files/";
    DUPLICATE_CODE: "实施编码 `{value}` 与另一事项重复" / "implementation code `{value}` is used by another item";
    DUPLICATE_CODE_RELATED: "该编码首次使用于此" / "the code is first used here";
    DUPLICATE_CODE_HELP: "每个事项的实施编码必须唯一，请核对 {other}" / "every item needs its own code: check {other}";
    DUPLICATE_ID: "事项标识 `{value}` 与 {other} 重复，两者的网址会冲突（/items/{value}/）" / "item id `{value}` is also used by {other}; their URLs (/items/{value}/) would collide";
    DUPLICATE_ID_HELP: "给其中一个文件改名" / "rename one of the files";
    DUPLICATE_ID_RELATED: "同名文件" / "the other file";

    // markdown
    UNSAFE_HTML: "Markdown 中不能写 HTML：`{value}`" / "raw HTML in Markdown: `{value}`";
    UNSAFE_HTML_HELP: "删除 HTML 标签，改用 Markdown 写法（如 `**加粗**`、`[链接](https://...)`）" / "remove the HTML and use Markdown (`**bold**`, `[link](https://...)`)";
    UNSAFE_LINK: "链接 `{value}` 的协议不安全" / "link `{value}` uses an unsafe scheme";
    UNSAFE_LINK_HELP: "链接只能以 http://、https://、mailto:、tel: 或 / 开头" / "links may only use http://, https://, mailto:, tel: or a site path starting with /";
    UNSAFE_IMAGE: "图片 `{value}` 不是本站文件" / "image `{value}` is not a file of the site";
    UNSAFE_IMAGE_HELP: "把图片放到 content/files/ 下，用 `/files/...` 引用" / "put the image under content/files/ and refer to it as `/files/...`";

    // templates
    TEMPLATE_ERROR: "模板错误：{detail}" / "template error: {detail}";
    TEMPLATE_ERROR_HELP: "修正模板 {template}；删除站点自己的模板即恢复内置模板" / "fix the template {template}; deleting the site's own copy restores the built-in one";
    THEME_UNREADABLE: "无法读取此文件：{reason}" / "this file cannot be read: {reason}";
    THEME_FOLDER_UNREADABLE: "无法读取此文件夹：{reason}" / "this folder cannot be read: {reason}";
    THEME_NOT_UTF8_HELP: "用 UTF-8 编码另存此文件，或删除它（删除后使用内置的同名文件，如有）" / "save the file as UTF-8, or remove it (the built-in one of the same name, if any, is then used)";
    THEME_FILE_HELP: "换成可以读取的普通文件，或删除它（删除后使用内置的同名文件，如有）" / "replace it with a readable regular file, or remove it (the built-in one of the same name, if any, is then used)";
    THEME_FOLDER_HELP: "让这个文件夹可以读取（检查权限），或把它移出 templates/" / "make the folder readable (check its permissions) or move it out of templates/";
    THEME_OUTSIDE_SITE: "此文件（或它所在的文件夹）是指向站点以外的链接（{target}），不读取" / "this file, or a folder it is in, is a link that leads out of the site ({target}); it is not read";
    THEME_OUTSIDE_SITE_HELP: "把文件本身放在 templates/ 下，或让链接指向站点文件夹之内" / "put the file itself under templates/, or make the link point inside the site folder";
    REASON_NO_PERMISSION: "没有读取权限" / "permission denied";
    REASON_MISSING: "它不存在（或是指向不存在的文件的链接）" / "it does not exist (or is a link to nothing)";
    REASON_IS_FOLDER: "这是一个文件夹，不是文件" / "it is a folder, not a file";
    REASON_NOT_REGULAR: "这不是普通文件（而是管道、套接字或设备文件）" / "it is not a regular file (a FIFO, socket or device)";

    // check rules
    CATCH_ALL: "“{value}”是兜底表述，没有一次性告知具体内容" / "\"{value}\" is catch-all wording that does not tell the visitor what exactly is needed";
    CATCH_ALL_HELP: "逐项写明具体的材料或条件名称，删除“{value}”" / "name every material or condition explicitly instead of \"{value}\"";
    VAGUE: "“{value}”是模糊表述，办事人无法据此确定要求" / "\"{value}\" is vague wording the visitor cannot act on";
    VAGUE_HELP: "写明具体的情形、时限或标准，代替“{value}”" / "state the exact case, time or standard instead of \"{value}\"";
    MATERIAL_COUNT: "材料“{name}”的原件和复印件份数都是 0" / "material \"{name}\" needs 0 originals and 0 copies";
    MATERIAL_COUNT_HELP: "写明需要的原件（originals）或复印件（copies）份数，至少一份" / "state how many originals or copies to bring: at least one";
    MATERIAL_ISSUER: "材料“{name}”来源为“{source}”，但没有写出具单位 `issuer`" / "material \"{name}\" comes from \"{source}\" but has no `issuer`";
    MATERIAL_ISSUER_HELP: "添加 `issuer:`，写明由哪个单位出具或核发" / "add `issuer:` naming the body that issues it";
    FORM_TEMPLATE: "表格类材料“{name}”缺少 `{key}`" / "form \"{name}\" has no `{key}`";
    FORM_TEMPLATE_HELP: "在 content/files/ 下放入{what}，并添加 `{key}: forms/...`" / "put the {what} under content/files/ and add `{key}: forms/...`";
    FORM_BLANK: "空白表格" / "blank form";
    FORM_SAMPLE: "填写样本" / "filled-in sample";
    PROMISED_EXCEEDS: "承诺时限（{promised}）长于法定时限（{statutory}）" / "the promised limit ({promised}) is longer than the statutory limit ({statutory})";
    PROMISED_EXCEEDS_HELP: "承诺时限只能等于或短于法定时限" / "the promised limit must not exceed the statutory limit";
    UNIT_MISMATCH: "承诺时限用“{promised}”，法定时限用“{statutory}”，两者无法比较" / "the promised limit is in `{promised}` and the statutory limit in `{statutory}`: they cannot be compared";
    UNIT_MISMATCH_HELP: "两者统一用工作日或统一用自然日" / "use the same unit for both";
    FEE_UNSPECIFIED: "收费情况未写明" / "fees are not stated";
    FEE_UNSPECIFIED_HELP: "不收费写 `fees: {free: true}`；收费则在 `items` 中逐项写 name、amount 和 basis" / "write `fees: {free: true}`, or list `items` each with name, amount and basis";
    FEE_ITEM_MISSING: "收费项目“{name}”缺少 `{key}`" / "fee item \"{name}\" has no `{key}`";
    FEE_ITEM_MISSING_HELP: "写明收费标准（如 `每件 10 元`）和收费依据 `{law, article}`" / "state the amount (e.g. `每件 10 元`) and the basis `{law, article}`";
    FEE_AMOUNT_VAGUE: "收费金额“{value}”没有写明数额和单位" / "fee amount \"{value}\" states no number and unit";
    FEE_AMOUNT_VAGUE_HELP: "写成“每件 10 元”这样的数额和单位；不收费时改为 `free: true`" / "write a number and unit such as `每件 10 元`; if free, use `free: true`";
    REFUSAL_NO_BASIS: "不予受理情形“{value}”没有法律依据" / "refusal case \"{value}\" has no legal basis";
    REFUSAL_NO_BASIS_HELP: "添加 `basis: {law: ..., article: ...}`，一次性告知办事人不能办理的依据" / "add `basis: {law: ..., article: ...}` so the visitor is told the legal reason";
    NO_REFUSALS: "{type}事项没有列出不能办理（不予受理、不予批准）的情形 `refusals`" / "a `{type}` item without `refusals` (cases that cannot be handled)";
    NO_REFUSALS_HELP: "添加 `refusals:`，逐条写 `case` 和法律依据 `basis`（一次性告知制第 3 条）" / "add `refusals:` with each `case` and its `basis`";
    NO_SUBSTITUTE: "没有指定 B 岗（替代岗位） `handlers.substitute`" / "no substitute post (`handlers.substitute`)";
    NO_SUBSTITUTE_SAME: "B 岗“{value}”与 A 岗相同" / "the substitute post \"{value}\" is the primary post";
    NO_SUBSTITUTE_HELP: "同岗替代制要求 A、B 两个不同岗位，写明 `handlers: {primary: ..., substitute: ...}`" / "name two different posts: `handlers: {primary: ..., substitute: ...}`";
    NO_APPOINTMENT: "没有写明办事预约 `{key}`" / "booking information `{key}` is missing";
    NO_APPOINTMENT_HELP: "写明 `appointment: {channels: [电话 ..., 窗口 ...], reply_within: {value: 1, unit: 工作日}}`" / "add `appointment: {channels: [...], reply_within: {value: 1, unit: 工作日}}`";
    NO_COMPLAINT: "站点没有效能投诉电话 `complaint.phone`" / "the site has no complaint phone (`complaint.phone`)";
    NO_COMPLAINT_HELP: "在 site.yaml 中添加 `complaint: {phone: ...}`（监察室电话）" / "add `complaint: {phone: ...}` to site.yaml";
    DEPARTMENT_NO_PHONE: "部门没有电话 `phone`" / "the department has no `phone`";
    DEPARTMENT_NO_PHONE_HELP: "首问负责制要求办事人能被告知经办股室的电话，添加 `phone:`" / "add `phone:` so visitors can be told whom to call";
    VISITS_EXCEED: "需到现场 {value} 次，超过“最多跑一次”" / "{value} visits on site exceed the \"at most one visit\" target";
    VISITS_EXCEED_HELP: "压减到现场次数，或在 `visits_reason` 中说明原因" / "reduce the visits, and explain them in `visits_reason`";
    VISITS_NO_REASON: "需到现场 {value} 次，但没有说明原因 `visits_reason`" / "{value} visit(s) on site but no `visits_reason`";
    VISITS_NO_REASON_HELP: "添加 `visits_reason:`，说明为什么必须到现场" / "add `visits_reason:` saying why the visitor must come in";
    ONLINE_NO_URL: "可网上办理，但没有网址 `online.url`" / "available online but no `online.url`";
    ONLINE_NO_URL_HELP: "添加 `url: https://...`" / "add `url: https://...`";
    ONLINE_NO_REASON: "不能网上办理，但没有说明原因 `online.reason`" / "not available online but no `online.reason`";
    ONLINE_NO_REASON_HELP: "添加 `reason:`，说明不能网上办理的原因" / "add `reason:` saying why";
    STALE: "本事项最后审核于 {updated}，已超过 {months} 个月" / "last reviewed on {updated}, more than {months} months ago";
    STALE_HELP: "核对内容后把 `updated` 改为审核当天的日期" / "review the entry and set `updated` to the day of the review";
    FUTURE: "审核日期 {updated} 晚于今天（{today}）" / "review date {updated} is after today ({today})";
    FUTURE_HELP: "把 `updated` 改为实际审核的日期" / "set `updated` to the actual review date";
    EXCLUDED_NO_BASIS: "不计入时限的程序“{value}”没有法律依据" / "excluded procedure \"{value}\" has no legal basis";
    EXCLUDED_NO_BASIS_HELP: "添加 `basis: {law: ..., article: ...}`；只有法定程序的时间才能不计入办理时限" / "add `basis: {law: ..., article: ...}`; only procedures set by law may be excluded from the time limit";
    DUPLICATE_MATERIAL: "材料“{name}”与第 {line} 行的“{other}”是同一份材料，重复列出" / "material \"{name}\" is the same document as \"{other}\" on line {line}: it is listed twice";
    DUPLICATE_MATERIAL_HELP: "合并两条，写清份数；首次出现在第 {line} 行" / "merge the entries; the first is on line {line}";
    EXEMPTION_IN_NOTE: "材料“{name}”的说明中写了“{value}”，但该材料没有 `exempt`：免提交的信息藏在说明里，告知单上仍列为要带的材料" / "the note of material \"{name}\" says \"{value}\" but the material has no `exempt`: the exemption is hidden where the slip does not show it";
    EXEMPTION_IN_NOTE_HELP: "添加 `exempt: {by: 共享获取, when: ...}`（或 电子证照、告知承诺、申报承诺），并从说明中删去这句" / "add `exempt: {by: 共享获取, when: ...}` (or `电子证照`, `告知承诺`, `申报承诺`) and remove the sentence from the note";
    MATERIAL_IN_NOTE: "材料“{name}”的说明要求“{value}”另一份文件（{document}），但它不在本事项的材料清单中" / "the note of material \"{name}\" asks (\"{value}\") for a further document (\"{document}\") that is not one of the item's materials";
    MATERIAL_IN_NOTE_HELP: "把这份文件作为单独的一项材料列出（写明份数，表格附空白表和样本）" / "list the document as a material of its own (with its count, and for a form its blank form and sample)";
    STEPS_EXCEED: "办理流程各环节时限合计 {sum}，超过承诺时限 {promised}" / "the procedure's steps add up to {sum}, more than the promised limit of {promised}";
    STEPS_EXCEED_HELP: "核对各环节的时限，使合计不超过承诺时限；或修正承诺时限" / "correct the steps' time limits so that they fit within the promised limit, or correct the promise";
    STATUTORY_NO_BASIS: "行政许可事项的法定时限没有写设定依据 `basis`" / "the statutory limit of a `行政许可` item has no `basis`";
    STATUTORY_NO_BASIS_HELP: "在 `statutory` 中添加 `basis: {law: ..., article: ...}`，例如行政许可法第四十二条或专门法律的条款" / "add `basis: {law: ..., article: ...}` to `statutory`, e.g. `行政许可法` `第四十二条` or the special law's article";
    NO_QUANTITY_LIMIT: "行政许可事项没有写数量限制 `quantity_limit`" / "a `行政许可` item without `quantity_limit`";
    NO_QUANTITY_LIMIT_HELP: "行政许可法第三十条要求公示数量限制：添加 `quantity_limit:`，没有限制时写 `无数量限制`" / "`行政许可法` `第三十条` requires publishing the quantity limit: add `quantity_limit:`, `无数量限制` when there is none";
    COMMITMENT_MISSING: "材料“{name}”可以告知承诺代替，但事项没有 `commitment`" / "material \"{name}\" may be replaced by a commitment, but the item has no `commitment`";
    COMMITMENT_KEY_MISSING: "告知承诺 `commitment` 缺少 `{key}`" / "`commitment` has no `{key}`";
    COMMITMENT_HELP: "写明 `commitment: {form: forms/...承诺书.docx, verification: 如何核查, consequence: 虚假承诺的后果}`" / "write `commitment: {form: forms/..., verification: ..., consequence: ...}`: the letter's blank form, how it is verified, what a false commitment brings";
    ENTRUSTMENT_MISSING: "受委托组织实施的事项缺少 {what}" / "an item carried out by an entrusted organisation lacks {what}";
    ENTRUSTMENT_BY: "委托机关 `entrusted_by`" / "the entrusting body (`entrusted_by`)";
    ENTRUSTMENT_BASIS: "委托依据 `entrustment_basis`" / "the basis of the entrustment (`entrustment_basis`)";
    ENTRUSTMENT_REDRESS: "本事项自己的救济途径 `redress`（复议机关随委托机关确定）" / "the item's own `redress` (the review body follows the entrusting body)";
    ENTRUSTMENT_HELP: "行政许可法第二十四条：受委托组织以委托机关名义实施，写明 `entrusted_by`、`entrustment_basis` 和事项的 `redress`" / "`行政许可法` `第二十四条`: an entrusted organisation acts in the entrusting body's name; give `entrusted_by`, `entrustment_basis` and the item's `redress`";
    INTERMEDIARY_UNDECLARED: "材料“{name}”由中介机构出具，但事项没有列出中介服务 `intermediary`" / "material \"{name}\" is issued by an intermediary, but the item lists no `intermediary` service";
    INTERMEDIARY_UNDECLARED_HELP: "添加 `intermediary:`，写明服务名称、提供机构、收费和依据" / "add `intermediary:` with the service's name, provider, fee and basis";
    UNDECLARED_SITUATION: "材料的适用情形“{value}”不在本事项的 `situations` 中" / "the case \"{value}\" is not one of the item's `situations`";
    UNDECLARED_SITUATION_HELP: "把 `required` 改成 `situations` 中的某一项（逐字一致），或把这一情形加入 `situations`" / "use one of the `situations` exactly, or add this case to `situations`";
    FORMULA_TEXT: "文字“{value}”以等号开头，像是从电子表格粘贴来的公式" / "the text \"{value}\" starts with `=`, like a formula pasted from a spreadsheet";
    FORMULA_TEXT_HELP: "把公式换成它算出的文字；开放数据 items.csv 会在这样的单元格前加 `'`，以免被表格软件执行" / "replace the formula by its text; items.csv prefixes such cells with `'` so that spreadsheets do not run them";
    DRAFT_NOTE: "（草稿）{message}" / "(draft) {message}";
    MISSING_CONTACT: "办理地点没有电话：事项、部门和站点都未写 phone" / "no phone for the place of service";
    UNUSED_LAW: "法规 `{value}` 没有被任何事项引用" / "law `{value}` is not cited by any item";
    UNUSED_LAW_HELP: "删除此文件，或在事项的依据中引用它" / "delete the file or cite it from an item";
    SUMMARY: "{errors} 个错误，{warnings} 个警告，涉及 {files} 个文件" / "{errors} {errors:error:errors}, {warnings} {warnings:warning:warnings} in {files} {files:file:files}";
    SUMMARY_CLEAN: "未发现问题（检查了 {files} 个文件）" / "no problems found ({files} {files:file:files} checked)";
}
