//! Mutation testing of load → model → check, deterministic and bounded (the cargo-fuzz targets'
//! little sibling that runs in every `cargo test`): valid item files are damaged the ways editors
//! and transfers damage them (a flipped byte, a deleted or doubled line, a tab or a full-width
//! character inserted, a line cut short) and checked in-process. Every run must end in a list of
//! diagnostics: never a panic, never an error of the environment, never a hang.
//!
//! The mutations come from a fixed-seed SplitMix64, so a failure names the exact input to replay.

use std::path::Path;

mod common;
use common::{TODAY, fixture_copy};

/// SplitMix64: small, fast, and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound.max(1) as u64) as usize
    }
}

/// One mutation of `text`, at a position the generator picks.
fn mutate(text: &str, rng: &mut Rng) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
    match rng.below(8) {
        0 => {
            let at = rng.below(bytes.len());
            bytes[at] ^= 1 << rng.below(8);
            bytes
        }
        1 => {
            lines.remove(rng.below(lines.len()));
            lines.concat().into_bytes()
        }
        2 => {
            let at = rng.below(lines.len());
            lines.insert(at, lines[at]);
            lines.concat().into_bytes()
        }
        3 => {
            let at = rng.below(lines.len());
            let line = format!("\t{}", lines[at]);
            let mut owned: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            owned[at] = line;
            owned.concat().into_bytes()
        }
        4 => {
            // A full-width character where an ASCII one was: colon, space, quote, dash.
            let replacements = [(':', '：'), (' ', '\u{3000}'), ('"', '“'), ('-', '－')];
            let (from, to) = replacements[rng.below(replacements.len())];
            let positions: Vec<usize> = text.match_indices(from).map(|(at, _)| at).collect();
            if positions.is_empty() {
                return bytes;
            }
            let at = positions[rng.below(positions.len())];
            let mut owned = text.to_string();
            owned.replace_range(at..at + from.len_utf8(), &to.to_string());
            owned.into_bytes()
        }
        5 => {
            let at = rng.below(bytes.len());
            bytes.truncate(at);
            bytes
        }
        6 => {
            // An indentation changed by one space.
            let at = rng.below(lines.len());
            let mut owned: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            if owned[at].starts_with(' ') && rng.below(2) == 0 {
                owned[at].remove(0);
            } else {
                owned[at].insert(0, ' ');
            }
            owned.concat().into_bytes()
        }
        _ => {
            // Two lines swapped.
            let first = rng.below(lines.len());
            let second = rng.below(lines.len());
            lines.swap(first, second);
            lines.concat().into_bytes()
        }
    }
}

#[test]
fn damaged_item_files_always_end_in_diagnostics() {
    let site = fixture_copy("valid");
    let root = site.path();
    let target = root.join("content/items/shipin-xuke.yaml");
    let sources = [
        std::fs::read_to_string(&target).unwrap(),
        std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("content/items/dengji/geti-sheli.yaml"),
        )
        .unwrap(),
    ];
    let options = zhinan::site::LoadOptions {
        today: Some(zhinan::model::convert::parse_date(TODAY).unwrap()),
        publish_drafts: false,
        ..Default::default()
    };
    let mut rng = Rng(0x5eed_2026_1207);
    let mut reported = 0;
    let runs = 400;
    for run in 0..runs {
        let source = &sources[run % sources.len()];
        let mut damaged = mutate(source, &mut rng);
        if rng.below(3) == 0 {
            damaged = mutate(&String::from_utf8_lossy(&damaged), &mut rng);
        }
        std::fs::write(&target, &damaged).unwrap();
        let outcome = std::panic::catch_unwind(|| zhinan::site::load_site(root, &options));
        let loaded = match outcome {
            Ok(Ok(loaded)) => loaded,
            Ok(Err(error)) => panic!(
                "run {run}: the environment failed ({error}) on:\n{}",
                String::from_utf8_lossy(&damaged)
            ),
            Err(_) => panic!(
                "run {run}: load/check panicked on:\n{}",
                String::from_utf8_lossy(&damaged)
            ),
        };
        reported += usize::from(!loaded.diagnostics.is_empty());
    }
    // Most damage is visible: the mutations are not all harmless by accident.
    assert!(
        reported > runs / 2,
        "only {reported} of {runs} damaged files were reported"
    );
}
