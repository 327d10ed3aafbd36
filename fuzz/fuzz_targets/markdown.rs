//! Markdown of a page or an (md) field: rendering never passes raw HTML or an unsafe link through,
//! and the check finds what it would have refused; never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let html = zhinan::markdown::to_html(text, "/bszn/");
    let lower = html.to_ascii_lowercase();
    assert!(
        !lower.contains("<script"),
        "raw script passed through: {html}"
    );
    assert!(
        !lower.contains("href=\"javascript:"),
        "javascript: link passed through: {html}"
    );
    let _ = zhinan::markdown::find_unsafe(text);
    let _ = zhinan::markdown::plain_text(text);
});
