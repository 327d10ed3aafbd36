//! Markdown of a page or an (md) field: rendering never passes raw HTML or an unsafe link through,
//! and the check finds what it would have refused; never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let html = zhinan::markdown::to_html(text, "/bszn/");
    // Text's `<` is escaped, so every `<` of the HTML opens a real tag: no tag may be a script
    // or carry a javascript: URL.
    for tag in html.split('<').skip(1) {
        let tag = tag
            .split('>')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        assert!(
            !tag.starts_with("script"),
            "a script tag passed through: {html}"
        );
        assert!(
            !tag.contains("javascript:"),
            "a javascript: URL passed through: {html}"
        );
    }
    let _ = zhinan::markdown::find_unsafe(text);
    let _ = zhinan::markdown::plain_text(text);
});
