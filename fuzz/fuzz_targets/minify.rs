//! The whitespace minifier on any bytes: never a panic, never longer than its input, and a
//! second pass changes whitespace at most (on malformed input a removed comment can leave a
//! newline that only the second pass sees as trailing).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let once = zhinan::write::minify::collapse_whitespace(data);
    assert!(once.len() <= data.len());
    let twice = zhinan::write::minify::collapse_whitespace(&once);
    let visible = |bytes: &[u8]| -> Vec<u8> {
        bytes
            .iter()
            .copied()
            .filter(|byte| !byte.is_ascii_whitespace())
            .collect()
    };
    assert_eq!(
        visible(&once),
        visible(&twice),
        "a second pass changed more than whitespace"
    );
});
