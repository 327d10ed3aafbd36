//! `zhinan build` end to end: fixture sites under tests/fixtures/ and the shipped content/,
//! built by the real binary into temporary folders, with assertions on the published files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

mod common;
use common::{fixture_copy as fixture, read, stderr, zhinan};

use common::TODAY;

fn tree(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .map(Result::unwrap)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            (
                entry.path().strip_prefix(root).unwrap().to_path_buf(),
                std::fs::read(entry.path()).unwrap(),
            )
        })
        .collect()
}

/// Every `href="..."`/`src="..."` (quoted or not, as minified) that starts with `base`, resolved
/// against `out` (folders through index.html, fragments against the target page's ids).
fn check_internal_links(out: &Path, base: &str) -> usize {
    let mut checked = 0;
    let pages: Vec<PathBuf> = tree(out)
        .into_keys()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    for page in &pages {
        let html = read(&out.join(page));
        for attribute in ["href=", "src="] {
            for (index, _) in html.match_indices(attribute) {
                let rest = &html[index + attribute.len()..];
                let value = if let Some(quoted) = rest.strip_prefix('"') {
                    &quoted[..quoted.find('"').unwrap()]
                } else {
                    &rest[..rest.find([' ', '>']).unwrap()]
                };
                let value = value.replace("&amp;", "&");
                if !value.starts_with(base) {
                    assert!(
                        value.starts_with("http")
                            || value.starts_with("tel:")
                            || value.starts_with("mailto:")
                            || value.starts_with('#'),
                        "{}: link `{value}` is neither under {base} nor external",
                        page.display()
                    );
                    continue;
                }
                let (path, fragment) = value[base.len()..]
                    .split_once('#')
                    .unwrap_or((&value[base.len()..], ""));
                let mut target = out.join(path);
                if path.is_empty() || path.ends_with('/') {
                    target = target.join("index.html");
                }
                assert!(
                    target.is_file(),
                    "{}: broken link `{value}`",
                    page.display()
                );
                if !fragment.is_empty() {
                    let text = read(&target);
                    assert!(
                        text.contains(&format!("id={fragment}"))
                            || text.contains(&format!("id=\"{fragment}\"")),
                        "{}: link `{value}` points at a missing anchor",
                        page.display()
                    );
                }
                checked += 1;
            }
        }
    }
    checked
}

#[test]
fn builds_the_valid_fixture_with_everything_on_the_item_page() {
    let site = fixture("valid");
    let out = site.path().join("public");
    let output = common::build_site(site.path(), &out, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    for page in [
        "index.html",
        "items/geti-sheli/index.html",
        "items/shipin-xuke/index.html",
        "departments/index.html",
        "departments/dengji/index.html",
        "laws/index.html",
        "laws/xzxkf/index.html",
        "pages/guanyu/index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "assets/style.css",
        "files/forms/geti-shenqingshu.docx",
    ] {
        assert!(out.join(page).is_file(), "missing {page}");
    }
    let item = read(&out.join("items/geti-sheli/index.html"));
    for expected in [
        "个体工商户设立登记",
        "0010",
        "个体工商户登记申请书",
        "经营者身份证明",
        "委托代理人办理的",
        "公安机关",
        "0000-1000010",
        "0000-1000001",
        "/bszn/files/forms/geti-shenqingshu.docx",
        "/bszn/files/samples/geti-shenqingshu-yangben.docx",
        "登记注册股B岗（受理）",
        "申请事项不属于本机关职权范围的",
        "/bszn/laws/xzxkf/#art-2",
        "测试县人民政府",
        "2026-10-01",
        "<strong>委托书</strong>",
        "<html lang=\"zh-CN\">",
    ] {
        assert!(item.contains(expected), "item page lacks `{expected}`");
    }
    // The place of service falls back to the department's phone, and the item's own place wins.
    let food = read(&out.join("items/shipin-xuke/index.html"));
    assert!(
        food.contains("0000-1000021")
            && food.contains("二楼 8 号窗口")
            && food.contains("每件 10 元")
    );
    // A law page lists which items cite each article.
    let law = read(&out.join("laws/xzxkf/index.html"));
    assert!(
        law.contains("第三十二条")
            && law.contains("/bszn/items/geti-sheli/")
            && law.contains("/bszn/items/shipin-xuke/")
    );
    let sitemap = read(&out.join("sitemap.xml"));
    assert!(sitemap.contains(
        "<loc>https://test.example.gov.cn/bszn/items/geti-sheli/</loc><lastmod>2026-10-01</lastmod>"
    ));
    assert!(check_internal_links(&out, "/bszn/") > 20);
}

#[test]
fn two_builds_are_byte_identical_and_base_url_can_be_overridden() {
    let site = fixture("valid");
    let first = site.path().join("first");
    let second = site.path().join("second");
    assert!(
        common::build_site(site.path(), &first, &[])
            .status
            .success()
    );
    assert!(
        common::build_site(site.path(), &second, &[])
            .status
            .success()
    );
    assert_eq!(tree(&first), tree(&second));
    let moved = site.path().join("moved");
    assert!(
        common::build_site(
            site.path(),
            &moved,
            &["--base-url", "https://other.example.org/", "--no-minify"]
        )
        .status
        .success()
    );
    let item = read(&moved.join("items/geti-sheli/index.html"));
    assert!(
        item.contains("href=\"/items/shipin-xuke/\"")
            || item.contains("href=\"/departments/dengji/\"")
    );
    assert!(!item.contains("/bszn/"));
    assert!(check_internal_links(&moved, "/") > 20);
}

#[test]
fn a_failed_build_leaves_the_published_site_untouched() {
    let site = fixture("valid");
    let out = site.path().join("public");
    assert!(common::build_site(site.path(), &out, &[]).status.success());
    let before = tree(&out);
    let item = site.path().join("content/items/shipin-xuke.yaml");
    let text = read(&item).replace("department: shipin", "department: nowhere");
    std::fs::write(&item, text).unwrap();
    let output = common::build_site(site.path(), &out, &[]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains("error[unresolved-reference]"), "{message}");
    assert!(
        message.contains("content/items/shipin-xuke.yaml:4:13"),
        "{message}"
    );
    assert_eq!(tree(&out), before, "public/ changed after a failed build");
    let leftovers: Vec<_> = std::fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("staging") || name.contains(".old-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn plain_text_is_escaped_and_unsafe_markdown_is_refused() {
    let site = fixture("valid");
    let item = site.path().join("content/items/shipin-xuke.yaml");
    let payload = r#"name: "食品</title><script>alert(1)</script>许可\" onload=\"x""#;
    let text = read(&item).replace("name: 食品经营许可（新办）", payload);
    std::fs::write(&item, text).unwrap();
    let out = site.path().join("public");
    let output = common::build_site(site.path(), &out, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let html = read(&out.join("items/shipin-xuke/index.html"));
    // Exactly one real </title>, and the heading shows the text, escaped.
    assert!(html.contains("<title>食品&lt;/title&gt;"), "{html}");
    assert!(
        html.contains(
            "<h1>食品&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;许可&quot; onload=&quot;x</h1>"
        ),
        "{html}"
    );
    assert!(!html.contains("<script>alert(1)</script>许可\" onload=\"x</h1>"));
    let home = read(&out.join("index.html"));
    assert!(!home.contains("<script>"));

    // Markdown with a javascript: link and raw HTML: check reports both, build refuses.
    let department = site.path().join("content/departments/shipin.yaml");
    std::fs::write(
        &department,
        "name: 食品经营监管股\nfunctions: |\n  负责许可。[点此](javascript:alert(1))\n  <img src=x onerror=alert(1)>\nphone: \"0000-1000020\"\n",
    )
    .unwrap();
    let before = tree(&out);
    let output = common::build_site(site.path(), &out, &[]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains("error[unsafe-markdown]"), "{message}");
    assert!(
        message.contains("content/departments/shipin.yaml:3:"),
        "{message}"
    );
    assert!(
        message.contains("content/departments/shipin.yaml:4:3"),
        "{message}"
    );
    assert_eq!(tree(&out), before);
}

#[test]
fn form_paths_out_of_the_site_are_refused() {
    let site = fixture("valid");
    let item = site.path().join("content/items/dengji/geti-sheli.yaml");
    let original = read(&item);
    std::fs::write(
        &item,
        original.replace(
            "blank_form: forms/geti-shenqingshu.docx",
            "blank_form: ../../Cargo.toml",
        ),
    )
    .unwrap();
    let output = zhinan(&[
        "check",
        "--root",
        site.path().to_str().unwrap(),
        "--today",
        TODAY,
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let rules: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["invalid-value"]);

    // A symlink inside content/files/ that leads out of it.
    std::fs::write(
        &item,
        original.replace("forms/geti-shenqingshu.docx", "forms/escape.docx"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        "/etc/passwd",
        site.path().join("content/files/forms/escape.docx"),
    )
    .unwrap();
    let output = zhinan(&[
        "check",
        "--root",
        site.path().to_str().unwrap(),
        "--today",
        TODAY,
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let first = &report["diagnostics"][0];
    assert_eq!(first["rule"], "invalid-value");
    assert_eq!(first["line"], 25);
    assert_eq!(first["column"], 17);
    // And build never publishes it.
    std::fs::write(&item, original).unwrap();
    let out = site.path().join("public");
    assert!(common::build_site(site.path(), &out, &[]).status.success());
    assert!(!out.join("files/forms/escape.docx").exists());
}

#[test]
fn site_templates_override_the_builtin_ones_and_template_errors_are_located() {
    let site = fixture("valid");
    std::fs::create_dir_all(site.path().join("templates")).unwrap();
    std::fs::write(
        site.path().join("templates/404.html"),
        "{% extends \"base.html\" %}{% block content %}<h1>自定义 404</h1>{% endblock content %}",
    )
    .unwrap();
    let out = site.path().join("public");
    let output = common::build_site(site.path(), &out, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(read(&out.join("404.html")).contains("自定义 404"));
    let before = tree(&out);

    std::fs::write(
        site.path().join("templates/page.html"),
        "{% extends \"base.html\" %}\n{% block content %}\n{{ page.title \n{% endblock content %}",
    )
    .unwrap();
    let output = common::build_site(site.path(), &out, &[]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains("error[template]"), "{message}");
    assert!(message.contains("--> templates/page.html:"), "{message}");
    assert_eq!(tree(&out), before);
}

/// An asset override that cannot be read used to be replaced by the built-in asset without a
/// word; now it is a `template` error at its file, for `build` and `check` alike.
#[test]
fn an_unreadable_asset_override_fails_the_build_and_leaves_public_untouched() {
    let site = fixture("valid");
    let out = site.path().join("public");
    assert!(common::build_site(site.path(), &out, &[]).status.success());
    let before = tree(&out);
    let assets = site.path().join("templates/assets");
    std::fs::create_dir_all(&assets).unwrap();

    // Not UTF-8 (as root, an unreadable mode would not stop the read).
    std::fs::write(assets.join("site.js"), b"\xff\xfe/* GBK */").unwrap();
    let output = common::build_site(site.path(), &out, &["--lang", "en"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message.contains("error[template]: the file is not UTF-8 text"),
        "{message}"
    );
    assert!(
        message.contains("--> templates/assets/site.js:1:1"),
        "{message}"
    );
    assert_eq!(tree(&out), before, "public/ changed after a failed build");
    let checked = common::check_site(site.path(), &["--lang", "en"]);
    assert_eq!(checked.status.code(), Some(1));
    let report = String::from_utf8_lossy(&checked.stdout);
    assert!(
        report.contains("--> templates/assets/site.js:1:1"),
        "{report}"
    );
    std::fs::remove_file(assets.join("site.js")).unwrap();

    // A folder named like an asset.
    std::fs::create_dir_all(assets.join("style.css")).unwrap();
    let output = common::build_site(site.path(), &out, &["--lang", "en"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message.contains("error[template]: this file cannot be read: it is a folder, not a file"),
        "{message}"
    );
    assert!(
        message.contains("--> templates/assets/style.css:1:1"),
        "{message}"
    );
    assert_eq!(tree(&out), before, "public/ changed after a failed build");

    // A readable override is published as it is.
    std::fs::remove_dir(assets.join("style.css")).unwrap();
    std::fs::write(assets.join("style.css"), "body { color: #123; }\n").unwrap();
    let output = common::build_site(site.path(), &out, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        read(&out.join("assets/style.css")),
        "body { color: #123; }\n"
    );
}

#[test]
fn bad_arguments_exit_2() {
    assert_eq!(
        zhinan(&["build", "--root", "/nonexistent/zhinan-site"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        zhinan(&["build", "--today", "2026-13-01"]).status.code(),
        Some(2)
    );
    let site = fixture("valid");
    let output = common::build_site(
        site.path(),
        &site.path().join("public"),
        &["--base-url", "not a url"],
    );
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn builds_the_shipped_site() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let check = zhinan(&["check", "--root", root.to_str().unwrap(), "--today", TODAY]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    let out = tempfile::tempdir().unwrap();
    let output = common::build_site(root, out.path(), &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let items: Vec<_> = std::fs::read_dir(out.path().join("items"))
        .unwrap()
        .collect();
    assert!(items.len() >= 24, "only {} items", items.len());
    let departments = std::fs::read_dir(out.path().join("departments"))
        .unwrap()
        .count();
    assert!(departments > 5);
    let laws = std::fs::read_dir(out.path().join("laws")).unwrap().count();
    assert!(laws > 6);
    let home = read(&out.path().join("index.html"));
    assert!(home.contains("示例县"));
    assert!(check_internal_links(out.path(), "/bszn/") > 500);
}

/// The Content-Security-Policy every published page carries: no plugins, no `<base>` elsewhere,
/// scripts only from the site's own files (no inline script, no inline handler), nothing from
/// another origin.
#[test]
fn every_page_carries_the_content_security_policy_and_no_inline_script() {
    let site = fixture("valid");
    let out = site.path().join("public");
    let output = common::build_site(site.path(), &out, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let mut pages = 0;
    for (path, bytes) in tree(&out) {
        if path.extension().is_none_or(|extension| extension != "html") {
            continue;
        }
        pages += 1;
        let html = String::from_utf8(bytes).unwrap();
        let head = &html[..html.find("</head>").unwrap_or(html.len())];
        let meta_at = head
            .find("<meta http-equiv=\"Content-Security-Policy\" content=\"")
            .unwrap_or_else(|| panic!("{}: no CSP meta", path.display()));
        let prefix = "<meta http-equiv=\"Content-Security-Policy\" content=\"".len();
        let policy = &head[meta_at + prefix..];
        let policy = &policy[..policy.find('"').unwrap()];
        for directive in [
            "default-src 'self'",
            "script-src 'self';",
            "object-src 'none'",
            "base-uri 'self'",
        ] {
            assert!(policy.contains(directive), "{}: {policy}", path.display());
        }
        assert!(!policy.contains("http") && !policy.contains("unsafe"));
        // The policy comes before any script or style sheet.
        let first_resource = ["<script", "<link rel=\"stylesheet\""]
            .iter()
            .filter_map(|tag| head.find(tag))
            .min()
            .unwrap();
        assert!(meta_at < first_resource, "{}", path.display());
        // Every script is a file of the site (or JSON-LD data, which is not run).
        for (index, _) in html.match_indices("<script") {
            let tag = &html[index..index + html[index..].find('>').unwrap()];
            assert!(
                tag.contains("src=\"/bszn/assets/") || tag.contains("application/ld+json"),
                "{}: {tag}",
                path.display()
            );
        }
        for handler in [" onclick=", " onload=", " onerror=", " style=\""] {
            assert!(!html.contains(handler), "{}: {handler}", path.display());
        }
    }
    assert!(pages >= 10, "{pages} pages");
    // 长辈版 before first paint: mode.js is a blocking script in the head of the site's pages.
    let home = read(&out.join("index.html"));
    let head = &home[..home.find("</head>").unwrap()];
    assert!(head.contains("<script src=\"/bszn/assets/mode.js\"></script>"));
    assert!(out.join("assets/mode.js").is_file() && out.join("assets/site.js").is_file());
}

/// The situation questions of an item page: one checkbox per distinct `required` text, and every
/// row of the materials table marked with its situation (0: always required), for site.js.
#[test]
fn the_item_page_asks_its_situations_and_marks_each_material() {
    let site = fixture("valid");
    let out = site.path().join("public");
    let output = common::build_site(site.path(), &out, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let item = read(&out.join("items/geti-sheli/index.html"));
    assert!(item.contains("<legend>以下情况是否适用于您？</legend>"));
    assert!(item.contains(
        "<input type=\"checkbox\" id=\"situation-1\" name=\"s\" value=\"1\"><label for=\"situation-1\">委托代理人办理的</label>"
    ));
    assert_eq!(item.matches("type=\"checkbox\"").count(), 1);
    assert_eq!(item.matches("<tr data-situation=\"0\">").count(), 2);
    assert_eq!(item.matches("<tr data-situation=\"1\">").count(), 1);
    // Hidden until site.js shows them: without JavaScript, the full list as before.
    assert!(item.contains("<fieldset class=\"situations\" data-situations data-no-read hidden>"));
    assert!(item.contains("<a href=\"/bszn/items/geti-sheli/slip/\">打印我的清单</a>"));
    let slip = read(&out.join("items/geti-sheli/slip/index.html"));
    assert_eq!(slip.matches("<tr data-situation=\"0\">").count(), 2);
    assert_eq!(slip.matches("<tr data-situation=\"1\">").count(), 1);
    assert!(slip.contains("<li>委托代理人办理的</li>"));
    // An item whose materials are all required asks nothing.
    let plain = read(&out.join("items/shipin-xuke/index.html"));
    assert!(!plain.contains("data-situations"));
}

/// (v2) A draft item and a draft page with an error: `check` reports the error as a warning
/// marked 草稿 and exits 0; `build` leaves both out of every output; `build --drafts` publishes
/// them with the 草稿 banner.
#[test]
fn drafts_are_checked_as_warnings_and_left_out_of_the_build() {
    let site = fixture("valid");
    let item = site.path().join("content/items/shipin-xuke.yaml");
    let text = read(&item);
    // A draft with a warning (no quantity limit) and an error (no code).
    std::fs::write(
        &item,
        text.replace("quantity_limit: 无数量限制\n", "draft: true\n")
            .replace("code: SP-002\n", ""),
    )
    .unwrap();
    let page = site.path().join("content/pages/guanyu.md");
    let text = read(&page);
    std::fs::write(&page, text.replacen("---\n", "---\ndraft: true\n", 1)).unwrap();

    let check = zhinan(&[
        "check",
        "--root",
        site.path().to_str().unwrap(),
        "--today",
        TODAY,
        "--format",
        "json",
        "--lang",
        "zh",
    ]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    let report: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    let diagnostics = report["diagnostics"].as_array().unwrap();
    let rules: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["missing-field", "no-quantity-limit"], "{report}");
    for diagnostic in diagnostics {
        assert_eq!(diagnostic["severity"], "warning");
        assert!(
            diagnostic["message"]
                .as_str()
                .unwrap()
                .starts_with("（草稿）")
        );
    }

    let out = tempfile::tempdir().unwrap();
    let published = out.path().join("site");
    let run = common::build_site(site.path(), &published, &[]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(!published.join("items/shipin-xuke").exists());
    assert!(!published.join("pages/guanyu").exists());
    for file in [
        "data/items.json",
        "data/items.csv",
        "sitemap.xml",
        "index.html",
    ] {
        let text = read(&published.join(file));
        assert!(!text.contains("shipin-xuke"), "{file} names the draft");
    }
    assert!(published.join("items/geti-sheli/index.html").exists());

    // Published with --drafts, a draft's errors are errors again: nothing half-made goes out.
    let with_drafts = out.path().join("with-drafts");
    let run = common::build_site(site.path(), &with_drafts, &["--drafts"]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(!with_drafts.exists());
    std::fs::write(
        &item,
        read(&item).replacen("name:", "code: SP-002\nname:", 1),
    )
    .unwrap();
    let run = common::build_site(site.path(), &with_drafts, &["--drafts"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let page = read(&with_drafts.join("items/shipin-xuke/index.html"));
    assert!(page.contains("draft-banner") && page.contains("草稿"));
    assert!(page.contains(r#"<meta name="robots" content="noindex">"#));
    assert!(read(&with_drafts.join("pages/guanyu/index.html")).contains("draft-banner"));
}

/// (v2, output contract) Without `--lang`, a command that reads a site speaks the site's
/// `language`; `rules` follows the locale.
#[test]
fn messages_follow_the_site_language_and_the_locale() {
    let site = fixture("valid");
    let site_yaml = site.path().join("content/site.yaml");
    let text = read(&site_yaml);
    let item = site.path().join("content/items/shipin-xuke.yaml");
    std::fs::write(
        &item,
        read(&item).replace("quantity_limit: 无数量限制\n", ""),
    )
    .unwrap();
    let check = |site: &Path| {
        let run = zhinan(&["check", "--root", site.to_str().unwrap(), "--today", TODAY]);
        String::from_utf8_lossy(&run.stdout).into_owned()
    };
    assert!(check(site.path()).contains("行政许可事项没有写数量限制"));
    let english = if text.contains("language:") {
        text.lines()
            .map(|line| {
                if line.starts_with("language:") {
                    "language: en"
                } else {
                    line
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    } else {
        format!("{text}language: en\n")
    };
    std::fs::write(&site_yaml, english).unwrap();
    assert!(check(site.path()).contains("item without `quantity_limit`"));

    let rules = |lang: &str| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_zhinan"))
            .arg("rules")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", lang)
            .output()
            .unwrap();
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    assert!(rules("zh_CN.UTF-8").contains("缺少必填字段"));
    assert!(rules("C").contains("a required key is absent or empty"));
}
