//! The print pages, without a browser: the structure of the one-time notification slip, the
//! guide books and the registration form built from tests/fixtures/print/ by the real binary;
//! ids unique and `#` links resolving in the books; QR codes present and deterministic; `print/`
//! an index of the department books above 500 items; print pages following the online pages
//! they print in a partial render (serve). What a browser makes of them (one A4 page, page
//! breaks, fonts, the QR code scanning) is measured by .ci/print-check.sh.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use zhinan::fs::FsError;
use zhinan::load::theme::read_theme;
use zhinan::render::print::WHOLE_BOOK_ITEM_LIMIT;
use zhinan::render::qr::qr_svg;
use zhinan::render::{self, PageSink, RenderOptions};
use zhinan::site::{LoadOptions, load_site};

mod common;
use common::read;

use common::TODAY;
const BASE_URL: &str = "https://print.example.gov.cn/bszn/";
const BIG_ITEM: &str = "yaopin-lingshou-xuke";
const ITEM_IDS: &[&str] = &[
    "dengji-chaxun",
    "geti-sheli",
    "geti-zhuxiao",
    "yaopin-lingshou-xuke",
];

fn fixture_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/print")
}

/// The print fixture built once per test into a temporary folder, minified as `minify` says
/// (`off`, `whitespace`: the default, `full`), so that assertions read plain HTML.
fn built_with(minify: &str) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    common::build_ok(
        &fixture_root(),
        &out.path().join("site"),
        &["--minify", minify],
    );
    out
}

/// [`built_with`]: not minified (`false`) or as published by default (`true`).
fn built(minify: bool) -> tempfile::TempDir {
    built_with(if minify { "whitespace" } else { "off" })
}

/// Values of attribute `name` (`id`, `href`), quoted or not (as minified), in document order.
fn attribute_values(html: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=");
    let mut values = Vec::new();
    for (index, _) in html.match_indices(&needle) {
        let rest = &html[index + needle.len()..];
        let value = if let Some(quoted) = rest.strip_prefix('"') {
            &quoted[..quoted.find('"').unwrap()]
        } else if let Some(quoted) = rest.strip_prefix('\'') {
            &quoted[..quoted.find('\'').unwrap()]
        } else {
            &rest[..rest.find([' ', '>']).unwrap()]
        };
        values.push(value.replace("&amp;", "&"));
    }
    values
}

/// The text between the first `start` and the next `end` after it.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("`{start}` not found"));
    let rest = &html[from..];
    &rest[..rest
        .find(end)
        .unwrap_or_else(|| panic!("`{end}` not found after `{start}`"))]
}

/// Ids are unique, and every `#` link names one of them. Returns (ids, `#` links checked).
fn assert_ids_unique_and_fragments_resolve(html: &str, page: &str) -> (BTreeSet<String>, usize) {
    let mut ids = BTreeSet::new();
    for id in attribute_values(html, "id") {
        assert!(ids.insert(id.clone()), "{page}: id `{id}` is not unique");
    }
    let mut checked = 0;
    for href in attribute_values(html, "href") {
        if let Some(fragment) = href.strip_prefix('#') {
            assert!(
                ids.contains(fragment),
                "{page}: link `{href}` points at no id"
            );
            checked += 1;
        }
    }
    (ids, checked)
}

fn material_names(item_file: &str) -> Vec<String> {
    read(&fixture_root().join("content/items").join(item_file))
        .lines()
        .filter_map(|line| line.strip_prefix("  - name: "))
        .map(str::to_string)
        .collect()
}

#[test]
fn the_slip_lists_every_material_as_a_checklist_row_and_every_refusal_to_tick() {
    let out = built(false);
    let slip = read(
        &out.path()
            .join(format!("site/items/{BIG_ITEM}/slip/index.html")),
    );
    let materials = material_names("yaoxie/yaopin-lingshou-xuke.yaml");
    assert_eq!(materials.len(), 12);

    let table = between(
        &slip,
        "<table class=\"checklist slip-materials\">",
        "</table>",
    );
    // Each row is marked with its situation (0: always required) for the personal slip.
    let rows: Vec<&str> = table
        .split("<tr data-situation=\"")
        .skip(1)
        .map(|row| &row[row.find("\">").unwrap() + 2..])
        .collect();
    assert_eq!(rows.len(), 12, "one row per material");
    for (row, name) in rows.iter().zip(&materials) {
        assert!(
            row.starts_with("<td class=\"tick\">□</td>"),
            "material row without a box: {row}"
        );
        assert!(row.contains(name.as_str()), "row lacks `{name}`: {row}");
    }
    // The counts, the medium and the case of a conditional material are on its row.
    assert!(rows[11].contains("视情形：委托代理人办理的"));
    assert!(rows[11].contains("<td class=\"count\">1 份</td><td class=\"count\">1 份</td>"));
    assert!(rows[0].contains("纸质或电子 A4"));

    let refusals = between(
        &slip,
        "<table class=\"checklist slip-refusals\">",
        "</table>",
    );
    let refusal_rows: Vec<&str> = refusals.split("<tr>").skip(2).collect();
    assert_eq!(refusal_rows.len(), 3);
    for row in &refusal_rows {
        assert!(row.starts_with("<td class=\"tick\">□</td>"));
        assert!(
            row.contains("《中华人民共和国"),
            "refusal without its basis: {row}"
        );
    }

    let steps = between(&slip, "<ol class=\"slip-steps\">", "</ol>");
    assert_eq!(steps.matches("<li>").count(), 6, "one line per step");
    for expected in [
        "11999900MB0123456X-301",
        "药品零售企业许可（药品经营许可证核发）",
        "有与所经营药品相适应的质量管理机构或者人员。",
        "现场检查",
        "12 个工作日",
        "20 个工作日（不含听证 10 个工作日）",
        "不收费",
        "印制县人民路88号政务服务中心二楼市场监管服务区",
        "周一至周五 上午8:30—12:00",
        "0739-5550303",
        "在6号窗口的《办事预约登记本》上留言",
        "收到预约后 1 个工作日内答复",
        "0739-5550319",
        "告知岗位",
        "经办人签名",
        "2026-04-16",
        "https://print.example.gov.cn/bszn/items/yaopin-lingshou-xuke/",
    ] {
        assert!(slip.contains(expected), "slip lacks `{expected}`");
    }
    // The print dialog opens only when the button is clicked.
    assert_only_the_site_script(&slip);
    assert_eq!(slip.matches("data-print").count(), 1);
    assert!(slip.contains("<button type=\"button\" data-print>"));
    assert!(slip.contains("href=\"/bszn/assets/print.css\""));

    // Every item has its slip, and an item without refusals has no refusal table.
    for id in ITEM_IDS {
        assert!(
            out.path()
                .join(format!("site/items/{id}/slip/index.html"))
                .is_file(),
            "no slip for {id}"
        );
    }
    let no_refusals = read(&out.path().join("site/items/dengji-chaxun/slip/index.html"));
    assert!(!no_refusals.contains("slip-refusals"));
}

#[test]
fn qr_codes_are_inline_svg_of_the_item_url_and_deterministic() {
    let first = built(true);
    let second = built(true);
    for id in ITEM_IDS {
        let path = format!("site/items/{id}/slip/index.html");
        let slip = read(&first.path().join(&path));
        assert_eq!(
            slip,
            read(&second.path().join(&path)),
            "slip of {id} differs between two builds"
        );
    }
    // The unminified page carries exactly the SVG of the item's permalink.
    let plain = built(false);
    let url = format!("{BASE_URL}items/{BIG_ITEM}/");
    let svg = qr_svg(&url);
    assert!(svg.starts_with("<svg class=\"qr\" role=\"img\""));
    assert!(svg.contains(&format!("aria-label=\"在线版本网址的二维码：{url}\"")));
    assert!(
        svg.contains("<path fill=\"#000\" d=\"M4 4h7v1h-7z"),
        "finder pattern: {svg}"
    );
    let slip = read(
        &plain
            .path()
            .join(format!("site/items/{BIG_ITEM}/slip/index.html")),
    );
    assert!(slip.contains(&svg));
    let book = read(&plain.path().join("site/print/index.html"));
    assert!(
        book.contains(&svg),
        "the book's item page has the same QR code"
    );
    assert!(
        book.contains(&qr_svg(&format!("{BASE_URL}print/"))),
        "cover QR code"
    );
    // Another URL, another code.
    assert_ne!(svg, qr_svg(&format!("{BASE_URL}items/geti-sheli/")));
}

#[test]
fn the_whole_book_has_every_item_unique_ids_and_in_book_links() {
    for minify in ["off", "whitespace", "full"] {
        let out = built_with(minify);
        let page = format!("print/index.html (minify {minify})");
        let page = page.as_str();
        // minify-html drops the quotes of attribute values that do not need them.
        let unquoted = minify == "full";
        let book = read(&out.path().join("site/print/index.html"));
        let (ids, fragments) = assert_ids_unique_and_fragments_resolve(&book, page);
        assert!(fragments > 30, "{page}: only {fragments} `#` links");

        // Every item once, with its sections' ids prefixed by the item id; the book's own ids
        // start with `_`.
        for id in ITEM_IDS {
            assert!(ids.contains(*id), "{page}: no section for item {id}");
            for section in [
                "conditions",
                "materials",
                "procedure",
                "refusals",
                "legal-basis",
            ] {
                assert!(
                    ids.contains(&format!("{id}_{section}")),
                    "{page}: {id}_{section}"
                );
            }
        }
        for id in &ids {
            let owner = id.split('_').next().unwrap();
            assert!(
                id.starts_with('_') || ITEM_IDS.contains(&owner),
                "{page}: id `{id}` belongs to no item and is not a book id"
            );
        }
        for book_id in ["_cover", "_toc", "_laws", "_dept_dengji", "_dept_yaoxie"] {
            assert!(ids.contains(book_id), "{page}: no `{book_id}`");
        }
        assert!(
            !ids.contains("_dept_bangongshi"),
            "{page}: a department without items"
        );

        // The table of contents links every item, in book order.
        let contents = if unquoted {
            between(&book, "id=_toc", "</nav>")
        } else {
            between(&book, "id=\"_toc\"", "</nav>")
        };
        let targets: Vec<String> = attribute_values(contents, "href")
            .into_iter()
            .filter(|href| ITEM_IDS.contains(&href.trim_start_matches('#')))
            .collect();
        assert_eq!(
            targets,
            ITEM_IDS
                .iter()
                .map(|id| format!("#{id}"))
                .collect::<Vec<_>>(),
            "{page}: contents"
        );

        // Links: to what is in the book, an anchor; else the absolute online URL. Only the
        // toolbar (screen only) and the stylesheet use site paths.
        let main = between(&book, "<main>", "</main>");
        for href in attribute_values(main, "href") {
            assert!(
                href.starts_with('#')
                    || href.starts_with("https://")
                    || href.starts_with("tel:")
                    || href.starts_with("mailto:"),
                "{page}: link `{href}` in the book is neither in-book nor absolute"
            );
        }
        let hrefs = attribute_values(main, "href");
        for expected in [
            "#geti-sheli",
            "#yaopin-lingshou-xuke_materials",
            "#yaopin-lingshou-xuke_conditions",
            "#_law_yaopin-guanli-fa_art-1",
            "#_law_xingzheng-xuke-fa_art-4",
            "#_law_shichang-zhuti-dengji",
            "#_dept_yaoxie",
            "https://print.example.gov.cn/bszn/pages/guanyu/",
            "https://print.example.gov.cn/bszn/files/forms/yaopin-xuke-shenqingbiao.docx",
        ] {
            assert!(
                hrefs.iter().any(|href| href == expected),
                "{page}: no link `{expected}`"
            );
        }

        // Every item starts a new page (the class print.css breaks before), numbered.
        assert_eq!(
            book.matches("class=\"book-item\"").count() + book.matches("class=book-item ").count(),
            ITEM_IDS.len(),
            "{page}"
        );
        for number in 1..=ITEM_IDS.len() {
            assert!(
                book.contains(&format!("第 {number} 项")),
                "{page}: item {number}"
            );
        }
        // Cover: authority, title, the date of the newest review; the print dialog on request.
        assert!(book.contains("印制县市场监督管理局"));
        assert!(book.contains("办事指南汇编"));
        assert!(book.contains("2026-10-01"), "newest review date");
        assert_only_the_site_script(&book);
        assert_eq!(book.matches("data-print").count(), 1);

        // The laws cited, each listed once at the end.
        let laws = between(
            &book,
            if unquoted { "id=_laws" } else { "id=\"_laws\"" },
            "</section>",
        );
        for title in [
            "中华人民共和国药品管理法",
            "中华人民共和国行政许可法",
            "中华人民共和国市场主体登记管理条例",
        ] {
            assert_eq!(
                laws.matches(&format!("《{title}》")).count(),
                1,
                "{page}: {title}"
            );
        }
        let laws_start = book.find("id=\"_laws\"").or(book.find("id=_laws"));
        let last_item = book
            .rfind("class=\"book-item\"")
            .or(book.rfind("class=book-item "));
        assert!(
            laws_start > last_item,
            "{page}: the laws come after the items"
        );
    }
}

#[test]
fn department_books_hold_their_items_and_link_the_others_online() {
    let out = built(false);
    let drugs = read(&out.path().join("site/print/yaoxie/index.html"));
    let (ids, _) = assert_ids_unique_and_fragments_resolve(&drugs, "print/yaoxie/");
    assert!(ids.contains(BIG_ITEM));
    assert!(!ids.contains("geti-sheli"));
    assert!(drugs.contains("药品医疗器械监管股"));
    assert!(
        drugs.contains("2026-04-16"),
        "newest review of this department"
    );
    // The item of another department is not in this book: its link goes online.
    assert!(drugs.contains("href=\"https://print.example.gov.cn/bszn/items/geti-sheli/\""));
    assert!(
        !drugs.contains("《中华人民共和国市场主体登记管理条例》"),
        "only the laws this book cites"
    );

    let registration = read(&out.path().join("site/print/dengji/index.html"));
    let (ids, _) = assert_ids_unique_and_fragments_resolve(&registration, "print/dengji/");
    for id in ["dengji-chaxun", "geti-sheli", "geti-zhuxiao"] {
        assert!(ids.contains(id));
    }
    assert!(
        registration
            .contains("href=\"https://print.example.gov.cn/bszn/items/yaopin-lingshou-xuke/\"")
    );

    // A department without items still has its (empty) book and its registration form.
    let office = read(&out.path().join("site/print/bangongshi/index.html"));
    assert_ids_unique_and_fragments_resolve(&office, "print/bangongshi/");
    assert!(office.contains("暂无对外办理的事项"));
}

#[test]
fn every_department_has_a_registration_form_with_its_name_and_phone() {
    let out = built(false);
    for (id, name, phone) in [
        ("dengji", "登记注册股", "0739-5550301"),
        ("yaoxie", "药品医疗器械监管股", "0739-5550303"),
        ("bangongshi", "办公室", "0739-5550300"),
    ] {
        let form = read(
            &out.path()
                .join(format!("site/departments/{id}/register/index.html")),
        );
        assert!(form.contains("<h1>办事登记表</h1>"), "{id}");
        assert!(
            form.contains(name) && form.contains(phone),
            "{id}: name and phone"
        );
        for label in [
            "来访人单位",
            "来访人姓名",
            "联系电话",
            "要办理的事项",
            "留言",
            "接待人",
            "转交给",
            "接待日期",
        ] {
            assert!(form.contains(label), "{id}: no `{label}`");
        }
        assert_only_the_site_script(&form);
    }
}

/// A print page runs no script but the site's own file (deferred, no inline script, no inline
/// handler), and that file opens the print dialog only from a click on a `data-print` button.
fn assert_only_the_site_script(html: &str) {
    assert_eq!(html.matches("<script").count(), 1, "one script");
    assert!(html.contains("/bszn/assets/site.js") && html.contains(" defer"));
    assert!(!html.contains("onclick") && !html.contains("onload"));
    assert!(html.contains("Content-Security-Policy"));
    let script = include_str!("../templates/assets/site.js");
    assert_eq!(script.matches("window.print()").count(), 1);
    assert!(
        script.contains("buttons[i].addEventListener('click', function () { window.print(); });")
    );
}

/// The print fixture plus generated copies of one item, `total` items in all.
fn site_with_items(total: usize) -> tempfile::TempDir {
    let site = tempfile::tempdir().unwrap();
    for entry in walkdir::WalkDir::new(fixture_root()) {
        let entry = entry.unwrap();
        let target = site
            .path()
            .join(entry.path().strip_prefix(fixture_root()).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
    let template = read(&fixture_root().join("content/items/dengji/geti-zhuxiao.yaml"));
    let folder = site.path().join("content/items/generated");
    std::fs::create_dir_all(&folder).unwrap();
    for number in ITEM_IDS.len()..total {
        let text = template
            .replace(
                "11999900MB0123456X-102",
                &format!("11999900MB0123456X-G{number:04}"),
            )
            .replace(
                "个体工商户注销登记",
                &format!("个体工商户注销登记（批量 {number}）"),
            );
        std::fs::write(folder.join(format!("piliang-{number:04}.yaml")), text).unwrap();
    }
    site
}

#[test]
fn above_500_items_print_is_an_index_of_the_department_books() {
    assert_eq!(WHOLE_BOOK_ITEM_LIMIT, 500);
    let site = site_with_items(WHOLE_BOOK_ITEM_LIMIT + 1);
    let out = site.path().join("public");
    common::build_ok(site.path(), &out, &["--no-minify"]);
    assert_eq!(std::fs::read_dir(out.join("items")).unwrap().count(), 501);
    let index = read(&out.join("print/index.html"));
    assert!(
        index.contains("本指南共有 501 个事项"),
        "print/ is the index"
    );
    assert!(!index.contains("class=\"book-item\""));
    for (department, count) in [("dengji", 500), ("yaoxie", 1), ("bangongshi", 0)] {
        assert!(index.contains(&format!("href=\"/bszn/print/{department}/\"")));
        assert!(
            index.contains(&format!("<td class=\"count\">{count}</td>")),
            "{department}"
        );
        assert!(out.join(format!("print/{department}/index.html")).is_file());
    }
    // The department book still holds all its items.
    let registration = read(&out.join("print/dengji/index.html"));
    assert_eq!(registration.matches("class=\"book-item\"").count(), 500);

    // At the limit, print/ is still the whole book.
    let site = site_with_items(WHOLE_BOOK_ITEM_LIMIT);
    let out = site.path().join("public");
    common::build_ok(site.path(), &out, &["--no-minify"]);
    let book = read(&out.join("print/index.html"));
    assert_eq!(book.matches("class=\"book-item\"").count(), 500);
    assert_ids_unique_and_fragments_resolve(&book, "print/index.html (500 items)");
}

/// Keeps the paths a partial render makes.
#[derive(Default)]
struct PathSink {
    paths: Mutex<BTreeMap<String, usize>>,
}

impl PageSink for PathSink {
    fn page(&self, path: &str, bytes: Vec<u8>) -> Result<(), FsError> {
        self.paths
            .lock()
            .unwrap()
            .insert(path.to_string(), bytes.len());
        Ok(())
    }
}

#[test]
fn a_partial_render_makes_the_print_pages_of_the_pages_it_renders() {
    let root = fixture_root();
    let loaded = load_site(
        &root,
        &LoadOptions {
            today: Some(TODAY.parse().unwrap()),
            publish_drafts: false,
            ..Default::default()
        },
    )
    .unwrap();
    let (theme, diagnostics) = read_theme(&root);
    assert!(diagnostics.is_empty());
    let (tera, diagnostics) = render::compile_templates(&theme);
    assert!(diagnostics.is_empty());
    let tera = tera.unwrap();
    let options = RenderOptions {
        theme: &theme,
        base_url: None,
    };
    let sink = PathSink::default();
    let wanted = |path: &str| path == "items/geti-sheli/index.html";
    let (_, diagnostics) =
        render::render_pages(&loaded.model, &tera, &options, &sink, &wanted).unwrap();
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let paths: BTreeSet<String> = sink.paths.into_inner().unwrap().into_keys().collect();
    for expected in [
        "items/geti-sheli/index.html",
        "items/geti-sheli/slip/index.html",
        "print/dengji/index.html",
        "print/index.html",
    ] {
        assert!(
            paths.contains(expected),
            "{expected} not rendered: {paths:?}"
        );
    }
    for unexpected in [
        "items/geti-zhuxiao/slip/index.html",
        "print/yaoxie/index.html",
        "departments/dengji/register/index.html",
    ] {
        assert!(
            !paths.contains(unexpected),
            "{unexpected} rendered: {paths:?}"
        );
    }
}

#[test]
fn the_online_pages_link_their_print_pages_and_the_print_stylesheet() {
    let out = built(false);
    let item = read(&out.path().join(format!("site/items/{BIG_ITEM}/index.html")));
    assert!(item.contains("href=\"/bszn/assets/print.css\" media=\"print\""));
    assert!(item.contains(&format!("href=\"/bszn/items/{BIG_ITEM}/slip/\"")));
    assert!(item.contains("<button type=\"button\" data-print>打印本页</button>"));
    assert!(!item.contains("onload"), "nothing prints by itself");
    // The verification block printed at the end of the item: code, review date, URL, QR code.
    let verify = between(
        &item,
        "<div class=\"print-only print-verify\">",
        "</footer>",
    );
    for expected in [
        "11999900MB0123456X-301",
        "2026-04-16",
        "https://print.example.gov.cn/bszn/items/yaopin-lingshou-xuke/",
    ] {
        assert!(
            verify.contains(expected),
            "verification block lacks `{expected}`"
        );
    }
    assert!(verify.contains(&qr_svg(&format!("{BASE_URL}items/{BIG_ITEM}/"))));

    let department = read(&out.path().join("site/departments/yaoxie/index.html"));
    assert!(department.contains("href=\"/bszn/departments/yaoxie/register/\""));
    assert!(department.contains("href=\"/bszn/print/yaoxie/\""));
    assert!(department.contains("打印登记表") && department.contains("打印本部门指南"));
}
