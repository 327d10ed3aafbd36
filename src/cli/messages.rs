//! The messages the commands themselves print (status lines, summaries, refusals, serve's log,
//! `rules`' severity column, init and new), in Chinese and English, from one table like the
//! diagnostics' (`{name}` placeholders; `{name:singular:plural}` picks the English word that
//! agrees with the number).

use crate::diagnostics::Language;
pub use crate::diagnostics::messages::Message;

macro_rules! cli_messages {
    ($($name:ident: $zh:literal / $en:literal;)*) => {
        $(pub static $name: Message = Message { zh: $zh, en: $en };)*
        /// Every message, for the completeness test.
        pub static ALL: &[&Message] = &[$(&$name),*];
    };
}

/// `message` in `language` with its arguments.
pub fn say(message: &Message, language: Language, arguments: &[(&'static str, String)]) -> String {
    message.format(language, arguments)
}

cli_messages! {
    ERROR_PREFIX: "错误" / "error";
    WARNING_PREFIX: "警告" / "warning";
    NOTE_PREFIX: "提示" / "note";
    HELP_PREFIX: "帮助" / "help";
    NOT_A_SITE_ROOT: "`{root}` 不是站点根目录：其中没有 content/ 文件夹（用 --root 指定目录）" / "`{root}` is not a site root: it has no content/ folder (use --root DIR)";
    BAD_BASE_URL: "--base-url `{url}` 不是完整的 http(s) 网址，也不是以 / 开头的路径" / "--base-url `{url}` is not an absolute http(s) URL or a path starting with /";
    BAD_BUILD_BASE_URL: "--base-url `{url}` 不是完整的 http(s) 网址" / "--base-url `{url}` is not an absolute http(s) URL";
    BUILD_REFUSED: "未生成：请先修正上面的错误；`{out}` 保持原样" / "build refused: fix the errors above; `{out}` was left untouched";
    BUILD_REFUSED_TEMPLATES: "未生成：请先修正上面的模板错误；`{out}` 保持原样" / "build refused: fix the template errors above; `{out}` was left untouched";
    BUILD_FAILED: "生成失败；`{out}` 保持原样" / "build failed; `{out}` was left untouched";
    BUILD_STAGING_WARNING: "中断的生成可能留下临时文件夹：{error}" / "an interrupted build may leave its staging folder: {error}";
    BUILT: "已生成 {pages} 个页面（{items} 个事项，{files} 个文件，{megabytes} MB）到 `{out}`，用时 {ms} 毫秒（读取和检查 {load_ms} 毫秒）{warnings}" / "built {pages} {pages:page:pages} ({items} {items:item:items}, {files} {files:file:files}, {megabytes} MB) into `{out}` in {ms} ms (load and check {load_ms} ms){warnings}";
    BUILT_WARNINGS: "，{count} 个警告" / ", {count} {count:warning:warnings}";
    PROGRESS_LOADED: "已读取并检查 {items} 个事项，正在生成页面……" / "loaded and checked {items} {items:item:items}, rendering the pages…";
    SERVE_NETWORK_WARNING: "正在监听 {address}：局域网内的其他电脑也能打开预览" / "listening on {address}: the preview is reachable from other machines of the network";
    SERVING: "预览地址 {url}（监视 `{root}`{poll}；按 Ctrl-C 停止）" / "serving {url} (watching `{root}`{poll}; Ctrl-C to stop)";
    SERVE_PORT_IN_USE: "{address} 上的端口 {port} 已被占用：关掉占用它的程序，或用 --port 换一个端口" / "port {port} is already in use on {address}: stop the program that uses it or choose another port with --port";
    SERVE_NO_FREE_PORT: "{address} 上的端口 {first} 到 {last} 都已被占用：用 --port 指定一个端口" / "ports {first} to {last} are all in use on {address}: choose one with --port";
    SERVE_CANNOT_LISTEN: "无法在 {address} 上监听：{error}" / "could not listen on {address}: {error}";
    SERVE_CANNOT_WATCH: "无法监视站点文件夹的变化：{error}" / "could not watch the site folder for changes: {error}";
    SERVE_CANNOT_START: "无法启动预览服务器：{error}" / "could not start the server: {error}";
    SERVE_CANNOT_START_THREAD: "无法启动重新生成页面的线程：{error}" / "could not start the rebuild thread: {error}";
    SERVE_WATCH_FAILED: "监视文件时出错（可能漏掉了修改）：{error}" / "watching: {error}";
    SERVE_WATCH_TEMPLATES_FAILED: "无法监视 templates/：{error}" / "could not watch templates/: {error}";
    SERVE_READ_FAILED: "{error}；仍在显示上一次正确的结果" / "{error}; still serving the last good build";
    SERVE_PORT_NOTE: "端口 {default} 已被占用，改用端口 {port}" / "port {default} is in use; serving on port {port} instead";
    SERVING_POLL: "，每 {ms} 毫秒轮询一次" / ", polling every {ms} ms";
    NO_BROWSER: "没有找到可以打开预览的浏览器（{error}）；请手动打开 {url}" / "no browser found to open the preview ({error}); open {url} yourself";
    SERVE_CHANGED_NOTHING: "没有变化" / "nothing changed";
    SERVE_CHANGED_ONE: "{file} 已修改" / "{file} changed";
    SERVE_CHANGED_TWO: "{file} 和 {other} 已修改" / "{file} and {other} changed";
    SERVE_CHANGED_MANY: "{file} 和另外 {more} 个文件已修改" / "{file} and {more} more {more:file:files} changed";
    SERVE_WARNINGS: "，{count} 个警告" / ", {count} {count:warning:warnings}";
    SERVE_LOADED: "读取了 {items} 个事项，生成 {pages} 个页面，用时 {ms} 毫秒{warnings}" / "loaded {items} {items:item:items}, rendered {pages} {pages:page:pages} in {ms} ms{warnings}";
    SERVE_TWO_PHASES: "{what}：{own}，用时 {own_ms} 毫秒，随后重新生成 {pages} 个页面（{changed} 个有变化{all}），用时 {ms} 毫秒（{reread}{warnings}）" / "{what}: {own} in {own_ms} ms, then re-rendered {pages} {pages:page:pages} ({changed} changed{all}) in {ms} ms ({reread}{warnings})";
    SERVE_ONE_PHASE: "{what}：重新生成 {pages} 个页面（{changed} 个有变化{all}），用时 {ms} 毫秒（{reread}{warnings}）" / "{what}: re-rendered {pages} {pages:page:pages} ({changed} changed{all}) in {ms} ms ({reread}{warnings})";
    SERVE_ALL: "，全部" / ", all";
    SERVE_BASE_PATH: "预览地址 {url}" / "serving {url}";
    SERVE_HAS_ERRORS: "内容有 {errors} 个错误、{warnings} 个警告：改正之前每个页面都会显示它们" / "the content has {errors} {errors:error:errors} and {warnings} {warnings:warning:warnings}: every page shows them until they are fixed";
    SERVE_REFUSED: "{what}：{errors} 个错误、{warnings} 个警告，用时 {ms} 毫秒；仍在显示上一次正确的结果，浏览器里会显示问题" / "{what}: {errors} {errors:error:errors}, {warnings} {warnings:warning:warnings} in {ms} ms; still serving the last good build, the browser shows the problems";
    SERVE_NO_MORE_PROBLEMS: "问题都已解决" / "no more problems";
    SERVE_INTERRUPTED: "{what}：{own}，用时 {own_ms} 毫秒（{reread}）；又有新的修改，其余页面随后生成" / "{what}: {own} in {own_ms} ms ({reread}); more changes arrived, the other pages follow them";
    SERVE_TEMPLATES_ONLY: "只有模板" / "templates only";
    SERVE_ITEMS_REREAD: "重新读取 {count} 个事项" / "{count} {count:item:items} re-read";
    SERVE_ITEMS_READ: "读取 {count} 个事项" / "{count} {count:item:items} read";
    SEVERITY_ERROR: "错误" / "error";
    SEVERITY_WARNING: "警告" / "warning";
    INIT_NOT_EMPTY: "`{dir}` 不是空文件夹，zhinan init 不会往里面写文件" / "`{dir}` is not empty; zhinan init writes only into a new or empty folder";
    INIT_NOT_EMPTY_HELP: "换一个新的文件夹名，例如 `zhinan init banshi-zhinan`" / "give a new folder name, e.g. `zhinan init my-guide`";
    INIT_DONE: "已在 `{dir}` 创建新站点：网站设置、1 个股室、1 部法规、1 个完整的事项示例、1 个页面、空白表格和样本" / "created a new site in `{dir}`: site settings, 1 department, 1 law, 1 complete example item, 1 page, a blank form and its sample";
    INIT_NEXT: "下一步：cd {dir} && zhinan check && zhinan serve" / "next: cd {dir} && zhinan check && zhinan serve";
    NEW_BAD_ID: "`{id}` 不能作为编号：只能用小写字母、数字和连字符（-），例如 `geti-sheli`" / "`{id}` is not a valid id: lower-case letters, digits and hyphens only, e.g. `geti-sheli`";
    NEW_BAD_ITEM_PATH: "`{path}` 应写成 股室编号/事项编号，例如 `dengji/geti-biangeng`" / "`{path}` should be department/item, e.g. `dengji/geti-biangeng`";
    NEW_EXISTS: "`{file}` 已经存在，zhinan new 不会覆盖它" / "`{file}` already exists; zhinan new never overwrites a file";
    NEW_CREATED: "已创建 `{file}`：把每个空着的值填上（“#”后面是说明），然后运行 zhinan check" / "created `{file}`: fill in every empty value (the lines after `#` explain each key), then run zhinan check";
    NEW_HEADER_ITEM: "新事项：把每个空着的值填上，“#”开头的行是说明。选填的键在行首有“# ”，需要时删掉“# ”。没写完时可以加一行 draft: true（草稿不会发布）。" / "";
    NEW_HEADER_DEPARTMENT: "新股室：文件名就是股室编号。把每个空着的值填上，“#”开头的行是说明。" / "";
    NEW_HEADER_LAW: "新法规：文件名就是法规编号。把每个空着的值填上，“#”开头的行是说明。" / "";
    NEW_HEADER_PAGE: "新页面：文件名就是页面地址。两条横线之间是页面设置，下面写正文（Markdown）。" / "";
    NEW_PAGE_BODY: "在这里写正文。" / "";
    DIFF_NO_GIT: "`{root}` 不在 git 仓库里：用 --from-root 指定旧版本的站点文件夹，或在仓库中运行" / "`{root}` is not in a git repository: name the older site folder with --from-root, or run inside a repository";
    DIFF_NO_HISTORY_FEATURE: "这个 zhinan 没有编译 history 功能，不能读取 git 版本；用 --from-root 比较两个文件夹" / "this zhinan was built without the `history` feature and cannot read git revisions; compare two folders with --from-root";
    DIFF_TOO_MANY_VERSIONS: "--from-root 已经指定了旧版本，后面只能再写一个新版本" / "--from-root names the older version: give at most one revision after it";
    DIFF_BAD_REVISION: "读不到版本 `{revision}`：它不是这个仓库里的提交、分支或标签（{error}）" / "cannot read revision `{revision}`: it is no commit, branch or tag of this repository ({error})";
    DIFF_SHALLOW_HINT: "这个仓库是浅克隆，较早的提交不在本机：在 CI 中取回全部历史（actions/checkout 加 fetch-depth: 0，GitLab 设 GIT_DEPTH: \"0\"），或运行 git fetch --unshallow" / "this repository is a shallow clone and older commits are not here: fetch the whole history (actions/checkout with fetch-depth: 0, GitLab's GIT_DEPTH: \"0\") or run git fetch --unshallow";
    DIFF_UNREADABLE: "{file} 在 {version} 中无法读取（YAML 有错误，运行 zhinan check 查看），它的变化没有列出" / "{file} cannot be read in {version} (YAML errors: run zhinan check), its changes are not listed";
    DIFF_LEFT_OUT: "……另有 {count} 项变化没有列出（内容过长），完整的差异请在本机运行 zhinan diff" / "… {count} more {count:entry:entries} not listed (too long); run zhinan diff for the whole difference";
    DIFF_WORKING_TREE: "工作区" / "working tree";
    DIFF_TITLE: "办事指南变更：{from} → {to}" / "Changes to the service guide: {from} → {to}";
    DIFF_NONE: "没有实质性变化" / "no substantive changes";
    DIFF_SUMMARY: "共 {items} 个事项有变化（新增 {added}，删除 {removed}，修改 {changed}），{departments} 个股室，{laws} 部法规{site}" / "{items} {items:item:items} changed ({added} added, {removed} removed, {changed} changed), {departments} {departments:department:departments}, {laws} {laws:law:laws}{site}";
    DIFF_SUMMARY_SITE: "，网站设置" / ", site settings";
    DIFF_SITE: "网站设置（content/site.yaml）" / "site settings (content/site.yaml)";
    DIFF_ITEM: "事项「{name}」（{id}，编码 {code}）" / "item “{name}” ({id}, code {code})";
    DIFF_DEPARTMENT: "股室「{name}」（{id}）" / "department “{name}” ({id})";
    DIFF_LAW: "法规《{name}》（{id}）" / "law “{name}” ({id})";
    HISTORY_SHALLOW: "仓库是浅克隆（只取回了最近的提交），变更记录只到克隆的最早一次提交为止；在 CI 中取回全部历史（GitHub Actions 的 actions/checkout 加 fetch-depth: 0，GitLab 设 GIT_DEPTH: \"0\"）" / "the repository is a shallow clone: the change history stops at its oldest commit; fetch the whole history in CI (actions/checkout with fetch-depth: 0, GitLab's GIT_DEPTH: \"0\")";
    HISTORY_UNREADABLE: "读取 git 历史失败，本次生成不含变更记录：{error}" / "could not read the git history, the site is built without it: {error}";
    CHECK_FILE_NOT_FOUND: "`{file}` 不是这个站点 content/ 里的文件" / "`{file}` is not a file under this site's content/";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_both_languages_and_the_same_arguments() {
        for message in ALL.iter().chain(crate::diff::text::ALL) {
            assert!(!message.zh.is_empty());
            // The headers of new files are Chinese only: they are written into the content.
            if message.en.is_empty() {
                continue;
            }
            let names = |text: &str| -> Vec<String> {
                let mut names: Vec<String> = text
                    .split('{')
                    .skip(1)
                    .filter_map(|part| part.split('}').next())
                    .map(|name| name.split(':').next().unwrap_or_default().to_string())
                    .collect();
                names.sort();
                names.dedup();
                names
            };
            assert_eq!(names(message.zh), names(message.en), "{}", message.en);
            assert!(
                !message
                    .en
                    .chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "Chinese in the English of {}",
                message.en
            );
        }
    }

    #[test]
    fn english_plurals_agree() {
        let one = say(
            &SERVE_HAS_ERRORS,
            Language::En,
            &[("errors", "1".into()), ("warnings", "2".into())],
        );
        assert_eq!(
            one,
            "the content has 1 error and 2 warnings: every page shows them until they are fixed"
        );
    }
}
