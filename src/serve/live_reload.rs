//! What serve adds to the HTML it serves (never to `build` output): a small script that listens
//! to `/__zhinan/events` and reloads the page when its own bytes (or its stylesheet) changed,
//! and, while the latest rebuild has errors, an overlay with the diagnostics as `check` prints
//! them, HTML-escaped.
//!
//! The script compares the URL paths of an event with the path the server served the page
//! under (given to it here), so a 404 page reloads when 404.html changes and a page outside the
//! event does not reload at all. The overlay comes and goes without a reload: the script
//! fetches `/__zhinan/overlay` after each event that has errors or follows one.

use crate::diagnostics::Language;

/// Id of the overlay element (the script replaces it).
pub const OVERLAY_ID: &str = "zhinan-overlay";

/// Where the script listens and fetches.
pub const EVENTS_PATH: &str = "/__zhinan/events";
pub const OVERLAY_PATH: &str = "/__zhinan/overlay";

/// The script itself, served at [`SCRIPT_PATH`]: a file of the site's origin, so the pages'
/// Content-Security-Policy (`script-src 'self'`, no inline script) lets it run. What differs per
/// page (its path, the generation, the server instance) is in the `data-` attributes of its
/// `<script>` element ([`script`]).
pub const SCRIPT_JS: &str = r#"(function () {
  "use strict";
  var element = document.currentScript;
  var data = element ? element.dataset : {};
  var page = data.page === undefined ? null : data.page;
  var generation = Number(data.generation) || 0, instance = data.instance || "";
  function refreshOverlay() {
    fetch("__OVERLAY_PATH__", { cache: "no-store" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var old = document.getElementById("__OVERLAY_ID__");
        if (old) old.remove();
        if (html) document.body.insertAdjacentHTML("beforeend", html);
      })
      .catch(function () {});
  }
  document.addEventListener("click", function (event) {
    var close = event.target.closest && event.target.closest("[data-zhinan-close]");
    if (close && close.parentNode) close.parentNode.remove();
  });
  function concernsThisPage(changed) {
    if (page === null || changed.indexOf(page) >= 0) return true;
    var used = document.querySelectorAll("link[rel~=stylesheet][href], script[src]");
    for (var i = 0; i < used.length; i++) {
      var url = new URL(used[i].href || used[i].src, location.href);
      if (url.origin === location.origin && changed.indexOf(url.pathname) >= 0) return true;
    }
    return false;
  }
  var source = new EventSource("__EVENTS_PATH__?since=" + generation);
  source.addEventListener("hello", function (message) {
    if (JSON.parse(message.data).instance !== instance) location.reload();
  });
  source.addEventListener("rebuild", function (message) {
    var event = JSON.parse(message.data);
    if (event.generation <= generation) return;
    generation = event.generation;
    if (event.reload_all || (!event.errors && concernsThisPage(event.changed))) {
      source.close();
      location.reload();
      return;
    }
    if (event.errors || document.getElementById("__OVERLAY_ID__")) refreshOverlay();
  });
})();
"#;

/// Where the script and the overlay's style sheet are served (never published by `build`).
pub const SCRIPT_PATH: &str = "/__zhinan/live-reload.js";
pub const OVERLAY_CSS_PATH: &str = "/__zhinan/overlay.css";

/// The overlay's style, a file like the script (no inline style under the pages' CSP).
pub const OVERLAY_CSS: &str = concat!(
    "#zhinan-overlay{all:initial;position:fixed;z-index:2147483647;left:0;right:0;top:0;",
    "max-height:70vh;overflow:auto;box-sizing:border-box;padding:16px 20px;background:#1d1f21;",
    "color:#f0f0f0;border-bottom:4px solid #e5484d;",
    "font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}\n",
    "#zhinan-overlay button{float:right;font:inherit;cursor:pointer}\n",
    "#zhinan-overlay p{margin:0 0 12px;color:#ff9592;font-weight:bold}\n",
    "#zhinan-overlay pre{margin:0;white-space:pre-wrap;font:inherit}\n",
);

/// The live-reload script's body with its paths filled in.
pub fn script_js() -> String {
    SCRIPT_JS
        .replace("__OVERLAY_PATH__", OVERLAY_PATH)
        .replace("__EVENTS_PATH__", EVENTS_PATH)
        .replace("__OVERLAY_ID__", OVERLAY_ID)
}

/// The live-reload `<script>` element for a page served under `page_url` (`None`: a stand-in
/// page that reloads on the first good build) at `generation`.
pub fn script(page_url: Option<&str>, generation: u64, instance: &str) -> String {
    let page = page_url
        .map(|page| format!(" data-page=\"{}\"", escape_html(page)))
        .unwrap_or_default();
    format!(
        "<script data-zhinan-live-reload src=\"{SCRIPT_PATH}\"{page} data-generation=\"{generation}\" data-instance=\"{}\"></script>",
        escape_html(instance)
    )
}

pub fn escape_html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + text.len() / 8);
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            other => escaped.push(other),
        }
    }
    escaped
}

/// The overlay of a refused rebuild: `report` is the plain (uncolored) human report.
pub fn overlay(report: &str, errors: usize, language: Language) -> String {
    let heading = match language {
        Language::Zh => format!(
            "内容有 {errors} 个错误，本次未能重新生成；下面仍是上一次成功生成的页面。修正后页面会自动更新。"
        ),
        Language::En => format!(
            "The content has {errors} error(s), so the site was not rebuilt; underneath is the last good build. Fix the files and this page updates by itself."
        ),
    };
    format!(
        concat!(
            "<div id=\"{id}\" role=\"alert\"><link rel=\"stylesheet\" href=\"{css}\">",
            "<button type=\"button\" data-zhinan-close aria-label=\"close\">×</button>",
            "<p>zhinan serve: {heading}</p>",
            "<pre>{report}</pre></div>"
        ),
        css = OVERLAY_CSS_PATH,
        id = OVERLAY_ID,
        heading = escape_html(&heading),
        report = escape_html(report),
    )
}

/// Inserts `addition` before the last `</body>` of `html` (any case), or at its end.
pub fn inject(html: &[u8], addition: &str) -> Vec<u8> {
    let needle = b"</body";
    let position = html
        .windows(needle.len())
        .rposition(|window| window.eq_ignore_ascii_case(needle))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + addition.len());
    out.extend_from_slice(&html[..position]);
    out.extend_from_slice(addition.as_bytes());
    out.extend_from_slice(&html[position..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injects_before_the_body_end() {
        assert_eq!(
            inject(b"<html><body>x</BODY></html>", "<s>"),
            b"<html><body>x<s></BODY></html>"
        );
        assert_eq!(inject(b"<p>x", "<s>"), b"<p>x<s>");
    }

    #[test]
    fn overlay_escapes_the_report() {
        let html = overlay("error: <script>alert(1)</script> & \"x\"", 1, Language::En);
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;"));
        assert!(!html.contains("<script>"));
    }

    #[test]
    fn script_attributes_cannot_close_the_element() {
        let script = script(Some("/a/\"></script>/"), 3, "i");
        assert!(script.contains(r#"data-page="/a/&quot;&gt;&lt;/script&gt;/""#));
        assert_eq!(script.matches("</script>").count(), 1);
        assert!(script.contains(&format!("src=\"{SCRIPT_PATH}\"")));
    }

    #[test]
    fn the_overlay_has_no_inline_style_or_handler() {
        let html = overlay("x", 1, Language::Zh);
        assert!(!html.contains("style="));
        assert!(!html.contains("onclick"));
        assert!(html.contains(OVERLAY_CSS_PATH));
    }
}
