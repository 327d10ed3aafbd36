//! The baseline of `bench/run.sh`: the YAML crate alone, parsing every YAML file of a site's
//! content/ into its generic positioned nodes (`saphyr::MarkedYaml`), in parallel with rayon on
//! the same cores and with the same release profile as zhinan. Walk, read and parse; nothing
//! else (no conversion, no rules, no report).
//!
//! ```text
//! parse_only [--events] <site root>
//! ```
//!
//! prints `files N nodes N bytes N` on stdout (so that the work cannot be optimised away) and
//! exits 1 if a file fails to parse. With `--events`, the parser's event stream is only drained
//! (no nodes are built): the floor of any YAML loader built on saphyr-parser, zhinan's included.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rayon::prelude::*;
use saphyr::{LoadableYamlNode, MarkedYaml, YamlData};
use saphyr_parser::Parser;

fn yaml_files(folder: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(folder)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|entry| entry.file_name());
    for entry in entries {
        let kind = entry.file_type()?;
        let path = entry.path();
        if kind.is_dir() {
            yaml_files(&path, out)?;
        } else if kind.is_file()
            && path
                .extension()
                .is_some_and(|extension| extension == "yaml" || extension == "yml")
        {
            out.push(path);
        }
    }
    Ok(())
}

fn count(node: &MarkedYaml) -> usize {
    match &node.data {
        YamlData::Sequence(items) => 1 + items.iter().map(count).sum::<usize>(),
        YamlData::Mapping(entries) => {
            1 + entries
                .iter()
                .map(|(key, value)| count(key) + count(value))
                .sum::<usize>()
        }
        YamlData::Tagged(_, inner) => 1 + count(inner),
        _ => 1,
    }
}

/// Drains the event stream: the number of events, or the error.
fn events(text: &str) -> Result<usize, saphyr_parser::ScanError> {
    let mut count = 0;
    for event in Parser::new_from_str(text) {
        event?;
        count += 1;
    }
    Ok(count)
}

fn main() -> ExitCode {
    let mut arguments: Vec<_> = std::env::args_os().skip(1).collect();
    let events_only = arguments.first().is_some_and(|first| first == "--events");
    if events_only {
        arguments.remove(0);
    }
    let [root] = arguments.as_slice() else {
        eprintln!("usage: parse_only [--events] <site root>");
        return ExitCode::from(2);
    };
    let mut files = Vec::new();
    if let Err(error) = yaml_files(&Path::new(root).join("content"), &mut files) {
        eprintln!("could not walk `{}`: {error}", root.to_string_lossy());
        return ExitCode::from(2);
    }
    let results: Vec<Result<(usize, usize), String>> = files
        .par_iter()
        .map(|path| {
            let text = std::fs::read_to_string(path)
                .map_err(|error| format!("{}: {error}", path.display()))?;
            let nodes = if events_only {
                events(&text)
            } else {
                let mut parser = Parser::new_from_str(&text);
                MarkedYaml::load_from_parser(&mut parser)
                    .map(|documents| documents.iter().map(count).sum())
            }
            .map_err(|error| format!("{}: {error}", path.display()))?;
            Ok((nodes, text.len()))
        })
        .collect();
    let (mut nodes, mut bytes, mut failed) = (0usize, 0usize, 0usize);
    for result in results {
        match result {
            Ok((file_nodes, file_bytes)) => {
                nodes += file_nodes;
                bytes += file_bytes;
            }
            Err(error) => {
                eprintln!("error: {error}");
                failed += 1;
            }
        }
    }
    println!("files {} nodes {nodes} bytes {bytes}", files.len());
    if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
