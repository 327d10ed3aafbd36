//! `--help` in the chosen language. The commands are declared once (clap derive, English doc
//! comments); in Chinese the `Command` is rewritten at run time: every `about` and every
//! argument's help from [`ZH`], the section headings, the help and version flags, and the
//! defaults and allowed values spelt out in Chinese.

use std::ffi::OsString;

use clap::{Arg, ArgAction, Command};

use crate::diagnostics::Language;

/// The Chinese texts: `command path` (`""` the tool, `build`, `new.item`) or `path:argument`.
const ZH: &[(&str, &str)] = &[
    (
        "",
        "办事指南站点生成器与检查器：检查事项内容，生成公开网站和打印版",
    ),
    (
        "build",
        "检查内容，生成网站并发布到输出文件夹（整体替换，失败时原样保留）",
    ),
    (
        "check",
        "按内容格式和办事规则检查内容（给编写人员和 CI 用）",
    ),
    ("rules", "列出检查规则；加 --markdown 输出 docs/rules.md"),
    (
        "serve",
        "本地预览：在内存中生成网站，保存文件后自动重新生成并刷新浏览器",
    ),
    (
        "init",
        "在新的或空的文件夹中创建一个新站点（每种文件各有一个示例）",
    ),
    (
        "diff",
        "两个版本之间办事指南改了什么（git 版本之间，或旧文件夹与工作区之间）",
    ),
    ("new", "新建一个文件，写好格式的每个键，每个键都有说明"),
    ("new.item", "新事项：content/items/<股室>/<编号>.yaml"),
    ("new.department", "新股室：content/departments/<编号>.yaml"),
    ("new.law", "新法规：content/laws/<编号>.yaml"),
    ("new.page", "新页面：content/pages/<地址>.md"),
    (
        "completions",
        "输出命令行自动补全脚本（bash、zsh、fish、powershell、elvish）",
    ),
    (
        ":quiet",
        "只输出问题（没有问题时不输出汇总，也不输出状态行）",
    ),
    (":verbose", "输出更多：生成的每一步及其用时"),
    (
        ":color",
        "终端输出是否用颜色：auto 自动、always 总是、never 从不",
    ),
    (":root", "站点根目录，即包含 content/ 的文件夹"),
    (
        ":today",
        "指定“今天”的日期（YYYY-MM-DD），用于复核期限的检查",
    ),
    (
        ":lang",
        "提示信息的语言（默认按站点的 language，没有时按系统语言）",
    ),
    ("build:out", "输出文件夹（默认 <站点根目录>/public）"),
    (
        "build:base_url",
        "临时替换 site.yaml 中的 base_url（例如发布到测试网站）",
    ),
    ("build:minify", "HTML 压缩方式"),
    ("build:no_minify", "不压缩（同 --minify off）"),
    (
        "build:force",
        "替换一个不是 zhinan 生成的非空输出文件夹（其中的文件全部删除）；站点根目录、上级目录、content/ 和 templates/ 永远不会被替换",
    ),
    (
        "build:drafts",
        "草稿（draft: true）也发布；默认草稿不出现在任何输出中",
    ),
    (
        "build:no_history",
        "不读取 git 历史（不生成变更记录和最近更新），像站点不在 git 仓库中一样生成",
    ),
    ("check:files", "只报告这些文件中的问题（仍然读取整个站点）"),
    ("check:format", "输出格式"),
    ("check:deny_warnings", "有警告也算失败（退出码 1）"),
    (
        "serve:bind",
        "监听地址；不是本机地址（loopback）时，局域网内的其他电脑也能访问",
    ),
    (
        "serve:port",
        "端口（默认 1111，被占用时用下一个空闲端口）；0 表示任选一个空闲端口",
    ),
    (
        "serve:poll",
        "每 MS 毫秒轮询一次文件（默认 300），不等待文件系统通知（网络盘、某些容器）",
    ),
    ("serve:open", "用默认浏览器打开预览"),
    (
        "serve:base_url",
        "用这个网址代替 site.yaml 的 base_url 预览：完整网址，或 /preview/ 这样的路径",
    ),
    ("serve:minify", "HTML 压缩方式（同 build --minify）"),
    ("serve:no_minify", "不压缩（同 --minify off）"),
    (
        "serve:no_history",
        "不显示 git 历史中的变更记录和未提交的修改",
    ),
    ("diff:from", "旧版本：git 版本号（默认 HEAD）"),
    (
        "diff:to",
        "新版本：git 版本号（默认为工作区，包括未提交的修改）",
    ),
    (
        "diff:from_root",
        "旧版本是这个站点文件夹（不用 git 版本号）；后面再写一个版本号时，它是新版本",
    ),
    (
        "diff:format",
        "输出格式：human 文字、markdown（拉取请求的评论）、json",
    ),
    (
        "diff:base_url",
        "markdown 中事项链接用的网址（默认 site.yaml 的 base_url）",
    ),
    ("diff:drafts", "也比较草稿（默认草稿视为未发布）"),
    (
        "diff:max_chars",
        "文字和 markdown 输出超过约 N 个字符时不再往下列，并注明还有多少项没有列出（拉取请求的评论有长度限制）",
    ),
    ("rules:markdown", "输出 docs/rules.md（每条规则的中文说明）"),
    ("rules:lang", "规则摘要的语言（默认按系统语言）"),
    ("init:dir", "新站点的文件夹（不存在时新建；必须是空的）"),
    ("init:lang", "提示信息的语言（默认按系统语言）"),
    (
        "init:today",
        "指定“今天”的日期（YYYY-MM-DD），写入示例事项的复核日期",
    ),
    (
        "new.item:path",
        "股室编号/事项编号，例如 dengji/geti-biangeng",
    ),
    ("new.department:id", "股室编号，例如 dengji"),
    ("new.law:id", "法规编号，例如 xzxkf"),
    ("new.page:slug", "页面地址，例如 guanyu"),
    ("completions:shell", "命令行（shell）的种类"),
];

/// A mistake on the command line (an unknown flag or command, a missing or invalid value) in
/// Chinese, with what to do; `None` for the kinds clap words best itself.
pub fn chinese_parse_error(error: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let context = |kind: ContextKind| -> Option<String> {
        match error.get(kind)? {
            ContextValue::String(text) => Some(text.clone()),
            ContextValue::Strings(texts) => Some(texts.join("、")),
            ContextValue::StyledStr(text) => Some(text.to_string()),
            ContextValue::StyledStrs(texts) => Some(
                texts
                    .iter()
                    .map(|text| text.to_string())
                    .collect::<Vec<_>>()
                    .join("、"),
            ),
            _ => None,
        }
    };
    let argument = context(ContextKind::InvalidArg).unwrap_or_default();
    let mut message = match error.kind() {
        ErrorKind::UnknownArgument => format!("错误：不认识的参数 `{argument}`"),
        ErrorKind::InvalidSubcommand => format!(
            "错误：没有 `{}` 这个命令（可用的命令：build、check、diff、serve、init、new、rules、completions）",
            context(ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::InvalidValue
            if context(ContextKind::InvalidValue).is_none_or(|value| value.is_empty()) =>
        {
            format!("错误：参数 `{argument}` 后面要写一个值")
        }
        ErrorKind::InvalidValue => {
            let value = context(ContextKind::InvalidValue).unwrap_or_default();
            let mut text = format!("错误：参数 `{argument}` 的值 `{value}` 不对");
            if let Some(valid) = context(ContextKind::ValidValue) {
                text.push_str(&format!("，可以写：{valid}"));
            }
            text
        }
        ErrorKind::ValueValidation => {
            let value = context(ContextKind::InvalidValue).unwrap_or_default();
            let reason = if argument.starts_with("--today") {
                "：要写成 YYYY-MM-DD 形式的日期，例如 2026-11-29".to_string()
            } else if argument.starts_with("--bind") {
                "：要写 IP 地址，例如 127.0.0.1".to_string()
            } else {
                std::error::Error::source(error)
                    .map(|source| format!("（{source}）"))
                    .unwrap_or_default()
            };
            format!("错误：参数 `{argument}` 的值 `{value}` 不对{reason}")
        }
        ErrorKind::MissingRequiredArgument => format!(
            "错误：缺少参数 {}",
            context(ContextKind::InvalidArg).unwrap_or_default()
        ),
        ErrorKind::NoEquals => {
            format!("错误：参数 `{argument}` 要用等号写值，例如 `{argument}=500`")
        }
        ErrorKind::ArgumentConflict => format!(
            "错误：参数 `{argument}` 不能和 {} 一起用",
            context(ContextKind::PriorArg).unwrap_or_default()
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            format!("错误：参数太多或不对：`{argument}`")
        }
        _ => return None,
    };
    message.push('\n');
    if let Some(suggested) =
        context(ContextKind::SuggestedArg).or_else(|| context(ContextKind::SuggestedSubcommand))
    {
        message.push_str(&format!("提示：是不是要写 `{suggested}`？\n"));
    }
    message.push_str("用 `zhinan --help` 或 `zhinan <命令> --help` 查看每个命令和参数的说明\n");
    Some(message)
}

/// The language of `--help`: `--lang` among the arguments, else the locale's.
pub fn help_language(arguments: &[OsString]) -> Language {
    let mut words = arguments.iter().filter_map(|argument| argument.to_str());
    while let Some(word) = words.next() {
        let value = match word.strip_prefix("--lang") {
            Some("") => words.next(),
            Some(rest) => rest.strip_prefix('='),
            None => None,
        };
        match value {
            Some("zh") => return Language::Zh,
            Some("en") => return Language::En,
            _ => {}
        }
    }
    super::locale_language()
}

/// The command in `language`: unchanged in English, rewritten in Chinese.
pub fn localized(command: Command, language: Language) -> Command {
    match language {
        Language::En => command,
        Language::Zh => chinese(command.disable_help_subcommand(true), "", true),
    }
}

fn text(key: &str) -> Option<&'static str> {
    ZH.iter()
        .find(|(name, _)| *name == key)
        .map(|(_, text)| *text)
}

fn chinese(mut command: Command, path: &str, top: bool) -> Command {
    if let Some(about) = text(path) {
        command = command.about(about).long_about(None);
    }
    let ids: Vec<String> = command
        .get_arguments()
        .map(|argument| argument.get_id().to_string())
        .collect();
    for id in &ids {
        let help = text(&format!("{path}:{id}")).or_else(|| text(&format!(":{id}")));
        command = command.mut_arg(id.as_str(), |argument| chinese_argument(argument, help));
    }
    let has_subcommands = command.has_subcommands();
    let has_positionals = command.get_positionals().next().is_some();
    let mut template = String::from("{about-with-newline}\n用法：{usage}\n");
    if has_subcommands {
        template.push_str("\n命令：\n{subcommands}\n");
    }
    if has_positionals {
        template.push_str("\n参数：\n{positionals}\n");
    }
    template.push_str("\n选项：\n{options}\n");
    command = command.help_template(template).disable_help_flag(true).arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help("显示帮助"),
    );
    if top {
        command = command.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("显示版本"),
        );
    }
    let names: Vec<String> = command
        .get_subcommands()
        .map(|sub| sub.get_name().to_string())
        .collect();
    for name in names {
        let inner = if path.is_empty() {
            name.clone()
        } else {
            format!("{path}.{name}")
        };
        command = command.mut_subcommand(name.as_str(), |sub| {
            chinese(sub.disable_help_subcommand(true), &inner, false)
        });
    }
    command
}

/// An argument's Chinese help, with its default and allowed values spelt out in Chinese.
fn chinese_argument(argument: Arg, help: Option<&'static str>) -> Arg {
    let mut text = help.map(str::to_string).unwrap_or_else(|| {
        argument
            .get_help()
            .map(|help| help.to_string())
            .unwrap_or_default()
    });
    let values: Vec<String> = argument
        .get_possible_values()
        .iter()
        .filter(|value| !value.is_hide_set())
        .map(|value| value.get_name().to_string())
        .collect();
    let defaults: Vec<String> = argument
        .get_default_values()
        .iter()
        .map(|value| value.to_string_lossy().into_owned())
        .collect();
    let takes_value = argument.get_action().takes_values();
    if takes_value && !values.is_empty() {
        text.push_str(&format!("。可选：{}", values.join("、")));
    }
    if takes_value && !defaults.is_empty() {
        text.push_str(&format!("。默认：{}", defaults.join("、")));
    }
    let argument = argument.help(text).long_help(None::<&str>);
    if takes_value {
        argument.hide_default_value(true).hide_possible_values(true)
    } else {
        argument
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn every_command_and_argument_has_a_chinese_help() {
        fn walk(command: &Command, path: &str, missing: &mut Vec<String>) {
            if !path.is_empty() && text(path).is_none() {
                missing.push(path.to_string());
            }
            for argument in command.get_arguments() {
                let id = argument.get_id().as_str();
                if id == "help" || id == "version" {
                    continue;
                }
                if text(&format!("{path}:{id}")).is_none() && text(&format!(":{id}")).is_none() {
                    missing.push(format!("{path}:{id}"));
                }
            }
            // clap's own `help` subcommand is not offered in Chinese.
            for sub in command
                .get_subcommands()
                .filter(|sub| sub.get_name() != "help")
            {
                let name = sub.get_name();
                let inner = if path.is_empty() {
                    name.to_string()
                } else {
                    format!("{path}.{name}")
                };
                walk(sub, &inner, missing);
            }
        }
        let mut missing = Vec::new();
        let mut command = super::super::Cli::command();
        command.build();
        walk(&command, "", &mut missing);
        assert!(missing.is_empty(), "no Chinese help for {missing:?}");
    }

    #[test]
    fn help_language_reads_lang() {
        let arguments =
            |words: &[&str]| -> Vec<OsString> { words.iter().map(OsString::from).collect() };
        assert_eq!(
            help_language(&arguments(&["zhinan", "--lang", "en", "-h"])),
            Language::En
        );
        assert_eq!(
            help_language(&arguments(&["zhinan", "--lang=zh", "-h"])),
            Language::Zh
        );
    }
}
