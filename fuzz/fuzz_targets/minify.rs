//! The whitespace minifier on any bytes: never a panic, never longer than its input, idempotent.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let once = zhinan::write::minify::collapse_whitespace(data);
    assert!(once.len() <= data.len());
    let twice = zhinan::write::minify::collapse_whitespace(&once);
    assert_eq!(once, twice, "not idempotent");
});
