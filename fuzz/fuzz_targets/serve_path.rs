//! serve's request path handling: whatever the path, what it serves stays inside the site (no
//! `..`, no backslash, no NUL), under the base path; never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zhinan::serve::http::{Target, resolve};

fuzz_target!(|data: &[u8]| {
    let Ok(path) = std::str::from_utf8(data) else {
        return;
    };
    let inside = |relative: &str| {
        !relative
            .split('/')
            .any(|segment| segment == ".." || segment == ".")
            && !relative.contains(['\\', '\0'])
            && !relative.starts_with('/')
    };
    match resolve(path, "/bszn/", |_| true, |_| true) {
        Target::Output(relative) | Target::Attachment(relative) => {
            assert!(inside(&relative), "{path:?} served {relative:?}");
        }
        _ => {}
    }
});
