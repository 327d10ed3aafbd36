//! Minification of the published HTML, in three modes ([`Minify`]):
//!
//! - `whitespace` (the default): [`collapse_whitespace`], one pass over the bytes that removes
//!   what the templates' line breaks and indentation add and nothing that can change a page:
//!   whitespace between two block-level tags goes, any other run of whitespace becomes one
//!   character, whitespace inside a tag becomes one space, and comments go. `<pre>`,
//!   `<textarea>`, `<script>` and `<style>` are copied as they are. About 1 ns a byte.
//! - `full`: minify-html, which parses every page into a tree and writes it back with optional
//!   quotes and tags dropped and attributes sorted. About 25 ns a byte (215 instructions): at
//!   10,000 items, more CPU time than the rest of the build together, for 2–3 % fewer bytes than
//!   `whitespace` (and under 4 % once gzipped). Measured in docs/performance.md.
//! - `off`: the pages as rendered.
//!
//! Only `.html` outputs are minified; the CSS and JS assets are published as written.
//!
//! `full` needs the `full-minify` cargo feature (on by default; minify-html and its CSS and JS
//! minifiers are most of a release compile). A binary built with `--no-default-features` still
//! parses `--minify full`, and the commands refuse it with [`FULL_MINIFY_MISSING`]
//! ([`full_minify_missing`]) before doing any work.

use crate::diagnostics::Language;
use crate::diagnostics::messages::Message;

/// Whether this binary has the full minifier (the `full-minify` cargo feature).
pub const FULL_MINIFY_BUILT_IN: bool = cfg!(feature = "full-minify");

/// What `--minify full` says in a binary built without the `full-minify` feature.
pub static FULL_MINIFY_MISSING: Message = Message {
    zh: "`--minify full` 需要 `full-minify` 功能，这个 zhinan 编译时没有包含它（--no-default-features）\nhelp: 改用默认的 `--minify whitespace`，或者用 `cargo install --path . --features full-minify`（或不加 --no-default-features）重新安装",
    en: "`--minify full` needs the `full-minify` feature, and this zhinan was built without it (--no-default-features)\nhelp: use the default `--minify whitespace`, or reinstall with `cargo install --path . --features full-minify` (or without --no-default-features)",
};

/// The message for `mode` when this binary cannot minify that way (`full` without the
/// `full-minify` feature); `None` when it can.
pub fn full_minify_missing(mode: Minify, language: Language) -> Option<String> {
    (mode == Minify::Full && !FULL_MINIFY_BUILT_IN)
        .then(|| FULL_MINIFY_MISSING.format(language, &[]))
}

/// How the HTML pages are minified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Minify {
    /// Remove the whitespace and comments that cannot change a page (fast; the default)
    #[default]
    Whitespace,
    /// Full minification by minify-html (quotes, optional tags; about 25 times slower)
    Full,
    /// Publish the pages as rendered
    Off,
}

/// `bytes` of the output at `path`, minified as `mode` says when it is HTML.
pub fn minify_page(mode: Minify, path: &str, bytes: Vec<u8>) -> Vec<u8> {
    if !path.ends_with(".html") {
        return bytes;
    }
    match mode {
        Minify::Off => bytes,
        Minify::Whitespace => collapse_whitespace(&bytes),
        #[cfg(feature = "full-minify")]
        Minify::Full => minify_html::minify(&bytes, &full_config()),
        // Refused by the commands before any work (`full_minify_missing`); the whitespace
        // collapse keeps a page correct should a caller get here all the same.
        #[cfg(not(feature = "full-minify"))]
        Minify::Full => collapse_whitespace(&bytes),
    }
}

#[cfg(feature = "full-minify")]
fn full_config() -> minify_html::Cfg {
    let mut config = minify_html::Cfg::new();
    config.keep_html_and_head_opening_tags = true;
    config.keep_closing_tags = true;
    config.minify_css = true;
    config.minify_js = true;
    config
}

/// Elements whose content is copied as it is (whitespace is content there, or it is not HTML).
const VERBATIM: &[&[u8]] = &[b"pre", b"textarea", b"script", b"style"];

/// Whether `name` is an element laid out as a block (or not rendered) by the default style
/// sheet: whitespace between two of these tags, opening or closing, is never rendered.
fn is_block(name: &[u8]) -> bool {
    let mut lower = [0u8; 10];
    if name.len() > lower.len() {
        return false;
    }
    for (to, from) in lower.iter_mut().zip(name) {
        *to = from.to_ascii_lowercase();
    }
    matches!(
        &lower[..name.len()],
        b"html"
            | b"head"
            | b"body"
            | b"title"
            | b"meta"
            | b"link"
            | b"script"
            | b"style"
            | b"base"
            | b"noscript"
            | b"template"
            | b"div"
            | b"section"
            | b"article"
            | b"aside"
            | b"nav"
            | b"header"
            | b"footer"
            | b"main"
            | b"p"
            | b"pre"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"ul"
            | b"ol"
            | b"li"
            | b"dl"
            | b"dt"
            | b"dd"
            | b"table"
            | b"caption"
            | b"colgroup"
            | b"col"
            | b"thead"
            | b"tbody"
            | b"tfoot"
            | b"tr"
            | b"td"
            | b"th"
            | b"form"
            | b"fieldset"
            | b"legend"
            | b"figure"
            | b"figcaption"
            | b"blockquote"
            | b"hr"
            | b"details"
            | b"summary"
            | b"address"
            | b"!doctype"
    )
}

fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r' | 0x0c)
}

/// The tag name of the tag that starts at `html[start]` (`<`), lowercase-insensitive, without
/// the `/` of a closing tag; empty when `<` does not start a tag.
fn tag_name(html: &[u8], start: usize) -> (&[u8], bool) {
    let mut index = start + 1;
    let closing = html.get(index) == Some(&b'/');
    if closing {
        index += 1;
    }
    let name_start = index;
    while index < html.len()
        && (html[index].is_ascii_alphanumeric() || matches!(html[index], b'-' | b'!' | b':'))
    {
        index += 1;
    }
    (&html[name_start..index], closing)
}

/// Position of the first case-insensitive occurrence of `</name` at or after `from`.
fn find_closing(html: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut index = from;
    while let Some(offset) = html[index..].iter().position(|&byte| byte == b'<') {
        let at = index + offset;
        if html.get(at + 1) == Some(&b'/')
            && html
                .get(at + 2..at + 2 + name.len())
                .is_some_and(|candidate| candidate.eq_ignore_ascii_case(name))
        {
            return Some(at);
        }
        index = at + 1;
    }
    None
}

/// The `whitespace` minification of `html` (see the module docs). Never changes text, attribute
/// values, or the content of `<pre>`, `<textarea>`, `<script>` and `<style>`; input that is not
/// well-formed (an unclosed tag or comment) is copied as it is from there on.
pub fn collapse_whitespace(html: &[u8]) -> Vec<u8> {
    collapse(html, true)
}

/// [`collapse_whitespace`] for one part of a document that is minified part by part: the
/// whitespace at its start and end is not the document's, so it is kept (as one character),
/// not dropped.
pub fn collapse_whitespace_fragment(html: &[u8]) -> Vec<u8> {
    collapse(html, false)
}

fn collapse(html: &[u8], whole_document: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(html.len());
    let mut index = 0;
    // The name of the tag written last, when nothing was written after it (whitespace after a
    // block-level tag may go); asked only when whitespace follows.
    let mut after_tag: Option<&[u8]> = None;
    while index < html.len() {
        let byte = html[index];
        if is_space(byte) {
            let start = index;
            let mut newline = false;
            while index < html.len() && is_space(html[index]) {
                newline |= html[index] == b'\n';
                index += 1;
            }
            let between_block_tags = after_tag.is_some_and(is_block)
                && html.get(index) == Some(&b'<')
                && is_block(tag_name(html, index).0);
            let at_edge = whole_document && (out.is_empty() || index == html.len());
            if between_block_tags || at_edge {
                continue;
            }
            if index - start == 1 && byte == b' ' {
                out.push(b' ');
            } else {
                out.push(if newline { b'\n' } else { b' ' });
            }
            continue;
        }
        if byte != b'<' {
            // Text up to the next tag or run of whitespace with a space or line break in it,
            // copied as it is (a run of tabs alone inside text is copied too).
            let mut end = memchr::memchr3(b'<', b' ', b'\n', &html[index..])
                .map_or(html.len(), |offset| index + offset);
            // A run that starts with tabs or a carriage return (`\r\n`) starts there.
            while end > index && matches!(html[end - 1], b'\t' | b'\r' | 0x0c) {
                end -= 1;
            }
            out.extend_from_slice(&html[index..end]);
            index = end;
            after_tag = None;
            continue;
        }
        if html[index..].starts_with(b"<!--") {
            match html[index + 4..]
                .windows(3)
                .position(|window| window == b"-->")
            {
                Some(offset) => {
                    index += 4 + offset + 3;
                    continue;
                }
                None => {
                    out.extend_from_slice(&html[index..]);
                    break;
                }
            }
        }
        let (name, closing) = tag_name(html, index);
        if name.is_empty() {
            // A `<` that starts no tag: text.
            out.push(b'<');
            index += 1;
            after_tag = None;
            continue;
        }
        let Some(end) = copy_tag(html, index, &mut out) else {
            out.extend_from_slice(&html[index..]);
            break;
        };
        index = end;
        after_tag = Some(name);
        if !closing && let Some(verbatim) = VERBATIM.iter().find(|v| v.eq_ignore_ascii_case(name)) {
            let close = find_closing(html, index, verbatim).unwrap_or(html.len());
            out.extend_from_slice(&html[index..close]);
            index = close;
        }
    }
    out
}

/// Copies the tag starting at `html[start]` into `out`, whitespace outside attribute values
/// collapsed to one space and dropped before `>`; returns the index after its `>`, or
/// `None` when the tag is not closed.
fn copy_tag(html: &[u8], start: usize, out: &mut Vec<u8>) -> Option<usize> {
    let mark = out.len();
    let mut index = start;
    loop {
        // Outside quotes: up to the next quote or `>`, whitespace runs collapsed to one space.
        let Some(offset) = memchr::memchr3(b'"', b'\'', b'>', &html[index..]) else {
            out.truncate(mark);
            return None;
        };
        let at = index + offset;
        let mut in_space = false;
        for &byte in &html[index..at] {
            if is_space(byte) {
                if !in_space {
                    out.push(b' ');
                }
                in_space = true;
            } else {
                out.push(byte);
                in_space = false;
            }
        }
        let quote = html[at];
        if quote == b'>' {
            if in_space {
                out.pop(); // no space before `>`
            }
            out.push(b'>');
            return Some(at + 1);
        }
        // A quoted value, copied as it is.
        let Some(length) = memchr::memchr(quote, &html[at + 1..]) else {
            out.truncate(mark);
            return None;
        };
        out.extend_from_slice(&html[at..at + length + 2]);
        index = at + length + 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collapse(html: &str) -> String {
        String::from_utf8(collapse_whitespace(html.as_bytes())).unwrap()
    }

    #[test]
    fn full_minify_is_refused_exactly_when_the_feature_is_off() {
        let message = full_minify_missing(Minify::Full, Language::En);
        assert_eq!(message.is_some(), !cfg!(feature = "full-minify"));
        if let Some(message) = message {
            assert!(message.contains("full-minify"), "{message}");
        }
        assert!(full_minify_missing(Minify::Whitespace, Language::En).is_none());
        assert!(full_minify_missing(Minify::Off, Language::Zh).is_none());
    }

    #[test]
    fn whitespace_between_block_tags_goes() {
        assert_eq!(
            collapse(
                "<!DOCTYPE html>\n<html>\n  <body>\n  <ul>\n    <li>一</li>\n    <li>二</li>\n  </ul>\n</body>\n</html>\n"
            ),
            "<!DOCTYPE html><html><body><ul><li>一</li><li>二</li></ul></body></html>"
        );
    }

    #[test]
    fn whitespace_next_to_inline_content_is_one_character() {
        assert_eq!(
            collapse(
                "<p>\n  申请人 <a href=\"/x/\">表格</a>\n  <span>一</span>  <em>二</em>\n</p>"
            ),
            "<p>\n申请人 <a href=\"/x/\">表格</a>\n<span>一</span> <em>二</em>\n</p>"
        );
        assert_eq!(collapse("<td>a\t b</td>"), "<td>a b</td>");
        assert_eq!(
            collapse("<p>a\r\n  b</p>\r\n<p>c</p>"),
            "<p>a\nb</p><p>c</p>"
        );
    }

    #[test]
    fn verbatim_elements_and_attribute_values_are_kept() {
        let pre = "<pre><code>let  x = 1;\n\n    y\n</code></pre>";
        assert_eq!(
            collapse(&format!("<div>\n{pre}\n</div>")),
            format!("<div>{pre}</div>")
        );
        let script = "<script type=\"application/ld+json\">{\"a\":  \"b  c\"}\n</script>";
        assert_eq!(collapse(script), script);
        assert_eq!(
            collapse("<textarea name=a>\n  x  </TEXTAREA>"),
            "<textarea name=a>\n  x  </TEXTAREA>"
        );
        assert_eq!(
            collapse("<a\n   href=\"/a  b/\"   title='x  >  y'\n>t</a>"),
            "<a href=\"/a  b/\" title='x  >  y'>t</a>"
        );
        assert_eq!(collapse("<br  />"), "<br />");
    }

    #[test]
    fn comments_go_and_broken_input_is_copied() {
        assert_eq!(collapse("<p>a<!-- x\n y -->b</p>"), "<p>ab</p>");
        assert_eq!(collapse("<p>a<!-- never closed"), "<p>a<!-- never closed");
        assert_eq!(collapse("<p>1 < 2</p>"), "<p>1 < 2</p>");
        assert_eq!(collapse("<p>a <b"), "<p>a <b");
        assert_eq!(collapse(""), "");
        assert_eq!(collapse("  \n "), "");
    }

    #[test]
    fn a_fragment_keeps_one_character_of_its_edge_whitespace() {
        let fragment = b"\n  <p>a</p>\n  <p>b</p>\n";
        assert_eq!(
            collapse_whitespace_fragment(fragment),
            b"\n<p>a</p><p>b</p>\n"
        );
        assert_eq!(collapse_whitespace(fragment), b"<p>a</p><p>b</p>");
    }

    #[test]
    fn text_is_never_changed_beyond_whitespace() {
        let html = "<div>\n  <p>全角　空格（U+3000）不是 ASCII 空白。</p>\n</div>";
        assert_eq!(
            collapse(html),
            "<div><p>全角　空格（U+3000）不是 ASCII 空白。</p></div>"
        );
    }
}
