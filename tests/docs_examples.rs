//! Docs that are tested: every ```yaml block of docs/*.md and README.md is extracted. A block
//! whose first line is the comment `# 错误示例` shows a mistake on purpose and is only required
//! to exist where it is marked; a complete file (an item, a department, a law, site.yaml) must
//! check clean in a host site where its references exist (the shipped content/ without its
//! items); any other block is a fragment and must parse as YAML.

mod common;

use std::path::{Path, PathBuf};

use common::{copy_tree, zhinan};

/// The comment that marks a deliberately wrong example.
const MISTAKE_MARKER: &str = "# 错误示例";

struct Block {
    file: String,
    line: usize,
    text: String,
}

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn yaml_blocks() -> Vec<Block> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(manifest().join("docs"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .collect();
    files.push(manifest().join("README.md"));
    files.sort();
    let mut blocks = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.strip_prefix(manifest()).unwrap().display().to_string();
        let mut current: Option<Block> = None;
        for (index, line) in text.lines().enumerate() {
            match &mut current {
                None if line.trim_start() == "```yaml" => {
                    current = Some(Block {
                        file: name.clone(),
                        line: index + 1,
                        text: String::new(),
                    })
                }
                Some(_) if line.trim_start() == "```" => blocks.push(current.take().unwrap()),
                Some(block) => {
                    block.text.push_str(line);
                    block.text.push('\n');
                }
                None => {}
            }
        }
        assert!(current.is_none(), "{name}: an unclosed ```yaml block");
    }
    blocks
}

/// The top-level keys of a block (lines that start in column 1 with `key:`).
fn top_keys(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|line| !line.starts_with([' ', '#', '-']) && !line.is_empty())
        .filter_map(|line| line.split_once(':').map(|(key, _)| key.trim()))
        .collect()
}

/// Where a complete file of this kind goes in the host site, or `None` for a fragment.
fn complete_file(text: &str) -> Option<&'static str> {
    let keys = top_keys(text);
    let has = |names: &[&str]| names.iter().all(|name| keys.contains(name));
    if has(&[
        "code",
        "name",
        "type",
        "department",
        "materials",
        "procedure",
    ]) {
        Some("content/items/doc-example.yaml")
    } else if has(&["title", "authority", "base_url"]) {
        Some("content/site.yaml")
    } else if has(&["name", "functions", "phone"]) {
        Some("content/departments/doc-example.yaml")
    } else if has(&["title", "issuer", "effective"]) {
        Some("content/laws/doc-example.yaml")
    } else {
        None
    }
}

/// The shipped content/ without its items: every department, law and file an example may name.
fn host_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&manifest().join("content"), &dir.path().join("content"));
    std::fs::remove_dir_all(dir.path().join("content/items")).unwrap();
    std::fs::create_dir_all(dir.path().join("content/items")).unwrap();
    dir
}

fn check_in_host(block: &Block, relative: &str) -> Result<(), String> {
    let host = host_site();
    let path = host.path().join(relative);
    std::fs::write(&path, &block.text).unwrap();
    let root = host.path().display().to_string();
    let output = zhinan(&[
        "check",
        "--root",
        &root,
        "--today",
        common::TODAY,
        "--lang",
        "zh",
        path.to_str().unwrap(),
    ]);
    if output.status.code() == Some(0)
        && String::from_utf8_lossy(&output.stdout).contains("未发现问题")
    {
        Ok(())
    } else {
        Err(format!(
            "{}:{}: the complete example does not check clean as {relative}:\n{}{}",
            block.file,
            block.line,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

#[test]
fn every_yaml_example_in_the_docs_checks_or_parses() {
    let blocks = yaml_blocks();
    assert!(blocks.len() > 30, "only {} yaml blocks found", blocks.len());
    let mut failures = Vec::new();
    let (mut complete, mut fragments, mut mistakes) = (0, 0, 0);
    for block in &blocks {
        if block.text.lines().next() == Some(MISTAKE_MARKER) {
            mistakes += 1;
            continue;
        }
        match complete_file(&block.text) {
            Some(relative) => {
                complete += 1;
                if let Err(failure) = check_in_host(block, relative) {
                    failures.push(failure);
                }
            }
            None => {
                fragments += 1;
                match zhinan::load::yaml::parse(&block.text, 0) {
                    Ok(Some(_)) => {}
                    Ok(None) => failures.push(format!("{}:{}: an empty block", block.file, block.line)),
                    Err(error) => failures.push(format!(
                        "{}:{}: the fragment is not valid YAML ({error:?}); mark a deliberate mistake with `{MISTAKE_MARKER}` on its first line",
                        block.file, block.line
                    )),
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    // The worked example of docs/content-format.md §5 is among the complete ones.
    assert!(complete >= 2, "{complete} complete examples");
    assert!(
        fragments > 10 && mistakes > 10,
        "{fragments} fragments, {mistakes} mistakes"
    );
}

#[test]
fn the_classifier_sees_an_item_and_a_fragment() {
    assert_eq!(
        complete_file(
            "code: \"1\"\nname: x\ntype: 行政许可\ndepartment: d\nmaterials:\n  - name: y\nprocedure: []\n"
        ),
        Some("content/items/doc-example.yaml")
    );
    assert_eq!(complete_file("handlers:\n  primary: A\n"), None);
    assert!(Path::new(&manifest().join("docs/content-format.md")).is_file());
}
