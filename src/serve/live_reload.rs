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

const SCRIPT: &str = r#"<script data-zhinan-live-reload>
(function () {
  "use strict";
  var page = __PAGE__, generation = __GENERATION__, instance = __INSTANCE__;
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
</script>"#;

/// A JavaScript literal that is safe inside a `<script>` element.
fn script_literal(value: &serde_json::Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// The live-reload script for a page served under `page_url` (`None`: a stand-in page that
/// reloads on the first good build) at `generation`.
pub fn script(page_url: Option<&str>, generation: u64, instance: &str) -> String {
    SCRIPT
        .replace("__PAGE__", &script_literal(&serde_json::json!(page_url)))
        .replace("__GENERATION__", &generation.to_string())
        .replace(
            "__INSTANCE__",
            &script_literal(&serde_json::json!(instance)),
        )
        .replace("__OVERLAY_PATH__", OVERLAY_PATH)
        .replace("__EVENTS_PATH__", EVENTS_PATH)
        .replace("__OVERLAY_ID__", OVERLAY_ID)
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
            "<div id=\"{id}\" role=\"alert\" style=\"all:initial;position:fixed;z-index:2147483647;",
            "left:0;right:0;top:0;max-height:70vh;overflow:auto;box-sizing:border-box;",
            "padding:16px 20px;background:#1d1f21;color:#f0f0f0;border-bottom:4px solid #e5484d;",
            "font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace\">",
            "<button type=\"button\" onclick=\"this.parentNode.remove()\" ",
            "style=\"float:right;font:inherit;cursor:pointer\" aria-label=\"close\">×</button>",
            "<p style=\"margin:0 0 12px;color:#ff9592;font-weight:bold\">zhinan serve: {heading}</p>",
            "<pre style=\"margin:0;white-space:pre-wrap;font:inherit\">{report}</pre></div>"
        ),
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
    fn script_literals_cannot_close_the_script() {
        let script = script(Some("/a/</script>/"), 3, "i");
        assert!(script.contains(r#""/a/\u003c/script\u003e/""#));
        assert_eq!(script.matches("</script>").count(), 1);
    }
}
