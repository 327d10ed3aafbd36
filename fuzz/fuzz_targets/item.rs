//! load → model → check of one item file: any bytes end in a tree or a `yaml-syntax` diagnostic,
//! then in a model and diagnostics; never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zhinan::check::{CheckContext, check_item};
use zhinan::diagnostics::SourceFile;
use zhinan::model::convert::{self, Reader};
use zhinan::model::{Interner, Site};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut diagnostics = Vec::new();
    let file = "content/items/fuzz.yaml";
    let Some(node) = zhinan::load::parse_yaml(file, text, 0, &mut diagnostics) else {
        return;
    };
    let interner = Interner::default();
    let mut reader = Reader {
        file,
        diagnostics: &mut diagnostics,
        interner: &interner,
    };
    let item = convert::item(&mut reader, "fuzz", &node);
    let site = Site::with_defaults("content/site.yaml");
    let context = CheckContext {
        site: &site,
        today: jiff::civil::date(2026, 11, 29),
    };
    let source = SourceFile::new(file.to_string(), text.to_string());
    check_item(&item, &context, Some(&source), &mut diagnostics);
});
