#!/usr/bin/env python3
"""Converts a zhinan site into a Hugo site with the same pages, for bench/run.sh.

    convert.py SITE_ROOT HUGO_SITE [--assets DIR]

No YAML library is needed: every zhinan item file *is* a YAML map, so it becomes the front matter
of a Hugo content page as written (`layout: item` and a `weight` that keeps the id order are put
in front of it). Departments, laws and site.yaml are copied to data/ so that Hugo's templates do
the linking (department names, law titles, article texts, citations) at build time, as zhinan
does; the Markdown pages are copied as they are; content/files/ becomes static/files/. The theme
is bench/hugo/layouts/, copied in.

Pages produced by Hugo: one per item, per department and per law, the index, the department and
law lists, the free pages, 404 and sitemap.xml (taxonomy, term and RSS pages are disabled).
"""

import argparse
import os
import re
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def scalar(text, key):
    """The value of a top-level `key: value` line (quotes removed), or None."""
    match = re.search(r"^%s:[ \t]*(.*?)[ \t]*$" % re.escape(key), text, re.MULTILINE)
    if not match:
        return None
    value = match.group(1)
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1]
    return value


def toml_string(value):
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def yaml_files(folder):
    found = []
    for directory, folders, files in os.walk(folder):
        folders.sort()
        for name in sorted(files):
            if name.endswith((".yaml", ".yml")) and not name.startswith("."):
                found.append(os.path.join(directory, name))
    return found


def stem(path):
    return os.path.splitext(os.path.basename(path))[0]


def read(path):
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def front_matter_page(fields, body=""):
    lines = ["---"] + ["%s: %s" % (key, value) for key, value in fields] + ["---", body]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site")
    parser.add_argument("out")
    parser.add_argument("--assets", help="zhinan's templates/assets folder (style.css)")
    args = parser.parse_args()
    content = os.path.join(args.site, "content")
    if not os.path.isfile(os.path.join(content, "site.yaml")):
        sys.exit("convert.py: %s has no content/site.yaml" % args.site)
    if os.path.exists(args.out):
        shutil.rmtree(args.out)

    site_text = read(os.path.join(content, "site.yaml"))
    base_url = scalar(site_text, "base_url") or "/"
    title = scalar(site_text, "title") or ""
    write(
        os.path.join(args.out, "hugo.toml"),
        "\n".join(
            [
                "baseURL = %s" % toml_string(base_url),
                "title = %s" % toml_string(title),
                'languageCode = "zh-CN"',
                'defaultContentLanguage = "zh"',
                "hasCJKLanguage = true",
                'disableKinds = ["taxonomy", "term", "RSS"]',
                "disableHugoGeneratorInject = true",
                "enableRobotsTXT = true",
                'timeout = "600s"',
                "[taxonomies]",
                '  tag = "tags"',
                "[markup.goldmark.renderer]",
                "  unsafe = false",
                "",
            ]
        ),
    )

    # Data: what the templates look up (site, departments, laws), copied as written.
    os.makedirs(os.path.join(args.out, "data"), exist_ok=True)
    shutil.copyfile(os.path.join(content, "site.yaml"), os.path.join(args.out, "data", "site.yaml"))
    for kind in ("departments", "laws"):
        target = os.path.join(args.out, "data", kind)
        os.makedirs(target, exist_ok=True)
        for path in yaml_files(os.path.join(content, kind)):
            shutil.copyfile(path, os.path.join(target, os.path.basename(path)))

    out_content = os.path.join(args.out, "content")
    write(os.path.join(out_content, "_index.md"), front_matter_page([("title", toml_string(title))]))
    # Sections that zhinan has no list page for.
    for section in ("items", "pages"):
        write(
            os.path.join(out_content, section, "_index.md"),
            front_matter_page([("_build", "{render: never, list: always}")]),
        )
    write(
        os.path.join(out_content, "departments", "_index.md"),
        front_matter_page([("title", "部门与电话")]),
    )
    write(os.path.join(out_content, "laws", "_index.md"), front_matter_page([("title", "法律依据")]))
    for weight, path in enumerate(yaml_files(os.path.join(content, "departments")), 1):
        write(
            os.path.join(out_content, "departments", stem(path) + ".md"),
            front_matter_page([("layout", "department"), ("dept", stem(path)), ("weight", weight)]),
        )
    for weight, path in enumerate(yaml_files(os.path.join(content, "laws")), 1):
        write(
            os.path.join(out_content, "laws", stem(path) + ".md"),
            front_matter_page([("layout", "law"), ("law", stem(path)), ("weight", weight)]),
        )

    # Items: the YAML map is the front matter; the page URL is items/<id>/ as in zhinan.
    items = sorted(yaml_files(os.path.join(content, "items")), key=stem)
    for weight, path in enumerate(items, 1):
        text = read(path)
        if not text.endswith("\n"):
            text += "\n"
        write(
            os.path.join(out_content, "items", stem(path) + ".md"),
            "---\nlayout: item\nweight: %d\n%s---\n" % (weight, text),
        )

    pages = os.path.join(content, "pages")
    if os.path.isdir(pages):
        for name in sorted(os.listdir(pages)):
            if name.endswith(".md") and not name.startswith("."):
                shutil.copyfile(os.path.join(pages, name), os.path.join(out_content, "pages", name))

    files = os.path.join(content, "files")
    if os.path.isdir(files):
        shutil.copytree(files, os.path.join(args.out, "static", "files"))
    if args.assets and os.path.isfile(os.path.join(args.assets, "style.css")):
        os.makedirs(os.path.join(args.out, "static", "assets"), exist_ok=True)
        shutil.copyfile(
            os.path.join(args.assets, "style.css"),
            os.path.join(args.out, "static", "assets", "style.css"),
        )
    shutil.copytree(os.path.join(HERE, "layouts"), os.path.join(args.out, "layouts"))
    print("converted %d items into %s" % (len(items), args.out), file=sys.stderr)


if __name__ == "__main__":
    main()
