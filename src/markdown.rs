//! Markdown, the safe way: used by `check` (find unsafe constructs, with their byte ranges) and by
//! `render` (HTML where raw HTML is escaped, unsafe links dropped, external images refused, and
//! site-relative links prefixed with the base path).
//!
//! Architecture invariant: rendering never passes raw HTML or an unsafe URL through, whether or
//! not `check` ran first. `check` reports; `render` neutralises.

use std::ops::Range;

pub use pulldown_cmark::HeadingLevel;
use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnsafeKind {
    Html,
    Link,
    Image,
}

#[derive(Debug, Clone)]
pub struct Unsafe {
    pub kind: UnsafeKind,
    /// Byte range in the Markdown source.
    pub range: Range<usize>,
    /// The offending HTML or URL.
    pub value: String,
}

/// The plain text of a Markdown source: text and code, without link targets or markup (the
/// search index, the Open Graph description, one-line print texts).
pub fn plain_text(source: &str) -> String {
    text_of(source, false)
}

/// The text of a Markdown source as [`plain_text`] gives it, with each link's address after its
/// text (`详见条例（https://…）`): what `zhinan diff` and the history show, so that a changed
/// address is a visible change.
pub fn plain_text_with_links(source: &str) -> String {
    text_of(source, true)
}

fn text_of(source: &str, with_links: bool) -> String {
    let mut text = String::with_capacity(source.len());
    let mut links: Vec<String> = Vec::new();
    for event in Parser::new(source) {
        match event {
            Event::Start(
                pulldown_cmark::Tag::Link { dest_url, .. }
                | pulldown_cmark::Tag::Image { dest_url, .. },
            ) if with_links => links.push(dest_url.to_string()),
            Event::End(TagEnd::Link | TagEnd::Image) if with_links => {
                if let Some(url) = links.pop() {
                    text.push('（');
                    text.push_str(&url);
                    text.push('）');
                }
            }
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_)) => text.push('\n'),
            _ => {}
        }
    }
    text
}

/// Schemes a link may use; anything else (javascript:, data:, vbscript:, file:...) is unsafe.
pub fn is_safe_link(url: &str) -> bool {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("mailto:")
        || lower.starts_with("tel:")
    {
        return true;
    }
    // Site-relative: a path or a fragment, with no scheme before the first `/`, `?` or `#`.
    if url.starts_with("//") {
        return false;
    }
    let before = url.split(['/', '?', '#']).next().unwrap_or("");
    !before.contains(':') && !url.chars().any(|c| c.is_control())
}

/// Images must be files of the site: a site path, never another host or scheme.
pub fn is_site_image(url: &str) -> bool {
    let url = url.trim();
    !url.is_empty()
        && !url.starts_with("//")
        && is_safe_link(url)
        && !url.contains("://")
        && !url.starts_with("mailto:")
        && !url.starts_with("tel:")
        && !url.contains("..")
}

/// Every unsafe construct of a Markdown text.
pub fn find_unsafe(source: &str) -> Vec<Unsafe> {
    // Raw HTML and autolinks start with `<`, links and images need `[` (inline, reference or
    // definition); text with neither has nothing unsafe, and most values are such text.
    if !source.contains(['<', '[']) {
        return Vec::new();
    }
    let mut found = Vec::new();
    for (event, range) in Parser::new_ext(source, options()).into_offset_iter() {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => {
                let value = html.trim().chars().take(60).collect::<String>();
                if !value.is_empty() && !value.starts_with("<!--") {
                    found.push(Unsafe {
                        kind: UnsafeKind::Html,
                        range,
                        value,
                    });
                } else if value.starts_with("<!--") {
                    // Comments are dropped from output; they are harmless but still raw HTML.
                    found.push(Unsafe {
                        kind: UnsafeKind::Html,
                        range,
                        value,
                    });
                }
            }
            Event::Start(Tag::Link {
                dest_url,
                link_type,
                ..
            }) if link_type != LinkType::Email && !is_safe_link(&dest_url) => {
                found.push(Unsafe {
                    kind: UnsafeKind::Link,
                    range,
                    value: dest_url.to_string(),
                });
            }
            Event::Start(Tag::Image { dest_url, .. }) if !is_site_image(&dest_url) => {
                found.push(Unsafe {
                    kind: UnsafeKind::Image,
                    range,
                    value: dest_url.to_string(),
                });
            }
            _ => {}
        }
    }
    found
}

fn prefixed(url: &str, base_path: &str) -> String {
    if url.starts_with('/') && !url.starts_with("//") {
        format!("{}{}", base_path.trim_end_matches('/'), url)
    } else {
        url.to_string()
    }
}

/// Renders Markdown to HTML: raw HTML becomes escaped text, unsafe links lose their target,
/// images from outside become their alt text, site paths get `base_path` in front. Headings are
/// demoted so that `#` becomes `<h3>` (a field inside an item's section); see [`to_html_at`].
pub fn to_html(source: &str, base_path: &str) -> String {
    to_html_at(source, base_path, HeadingLevel::H3)
}

fn shifted(level: HeadingLevel, shift: usize) -> HeadingLevel {
    match (level as usize) + shift {
        1 => HeadingLevel::H1,
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// As [`to_html`], with the text's highest heading rendered at level `top` (a page body uses
/// `H2`: the page's own title is its only `<h1>`), so Markdown never adds a second h1 or skips
/// a level below the template's heading.
pub fn to_html_at(source: &str, base_path: &str, top: HeadingLevel) -> String {
    let highest = Parser::new_ext(source, options())
        .filter_map(|event| match event {
            Event::Start(Tag::Heading { level, .. }) => Some(level as usize),
            _ => None,
        })
        .min();
    let shift = highest
        .map(|highest| (top as usize).saturating_sub(highest))
        .unwrap_or(0);
    let mut skip_image_depth = 0usize;
    let events = Parser::new_ext(source, options()).filter_map(|event| match event {
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Some(Event::Start(Tag::Heading {
            level: shifted(level, shift),
            id,
            classes,
            attrs,
        })),
        Event::End(TagEnd::Heading(level)) => {
            Some(Event::End(TagEnd::Heading(shifted(level, shift))))
        }
        Event::Html(html) | Event::InlineHtml(html) => {
            if html.trim_start().starts_with("<!--") {
                None
            } else {
                Some(Event::Text(html))
            }
        }
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest_url = if link_type == LinkType::Email || is_safe_link(&dest_url) {
                CowStr::from(prefixed(&dest_url, base_path))
            } else {
                CowStr::from("#")
            };
            Some(Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }))
        }
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            if is_site_image(&dest_url) {
                let dest_url = CowStr::from(prefixed(&dest_url, base_path));
                Some(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }))
            } else {
                skip_image_depth += 1;
                None
            }
        }
        Event::End(TagEnd::Image) if skip_image_depth > 0 => {
            skip_image_depth -= 1;
            None
        }
        other => Some(other),
    });
    let mut html = String::with_capacity(source.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_escaped_and_reported() {
        let source = "正文<script>alert(1)</script>\n\n<div>x</div>\n";
        assert_eq!(find_unsafe(source).len(), 3);
        let html = to_html(source, "/");
        assert!(!html.contains("<script>"));
        assert!(html.contains("&lt;script&gt;"));
    }

    #[test]
    fn unsafe_links_are_dropped() {
        let source = "[点我](javascript:alert(1)) [好](https://x.gov.cn/) [站内](/pages/a/) [d](DATA:text/html,x)";
        let found = find_unsafe(source);
        assert_eq!(found.len(), 2);
        let html = to_html(source, "/bszn/");
        assert!(!html.to_lowercase().contains("javascript:"));
        assert!(!html.to_lowercase().contains("data:"));
        assert!(html.contains("href=\"/bszn/pages/a/\""));
    }

    #[test]
    fn headings_are_demoted() {
        assert_eq!(
            to_html("# 标题\n\n## 小节", "/"),
            "<h3>标题</h3>\n<h4>小节</h4>\n"
        );
        assert_eq!(
            to_html_at("# 标题", "/", HeadingLevel::H2),
            "<h2>标题</h2>\n"
        );
        assert_eq!(to_html("###### 六", "/"), "<h6>六</h6>\n");
    }

    #[test]
    fn external_images_are_refused() {
        let source = "![外](https://evil.example/x.png) ![内](/files/a.png)";
        assert_eq!(find_unsafe(source).len(), 1);
        let html = to_html(source, "/");
        assert!(!html.contains("evil.example"));
        assert!(html.contains("src=\"/files/a.png\""));
    }
}
