//! The `full-minify` cargo feature (on by default): with it, `--minify full` publishes; without it
//! (`cargo install --path . --no-default-features`), `--minify full` is refused with exit 2 and a
//! message naming the feature before anything is written, and check, build and serve work as
//! before. .ci/package-check.sh runs this file both ways (`cargo test --test full_minify_feature`
//! and with `--no-default-features`).

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};

const VALID: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/valid");
use common::TODAY;

fn zhinan(arguments: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zhinan"))
        .args(arguments)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn build(out: &Path, minify: &str) -> Output {
    zhinan(&[
        "build",
        "--root",
        VALID,
        "--out",
        out.to_str().unwrap(),
        "--today",
        TODAY,
        "--lang",
        "en",
        "--minify",
        minify,
    ])
}

#[test]
fn minify_full_publishes_exactly_when_the_feature_is_built_in() {
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("site");
    let output = build(&out, "full");
    let stderr = String::from_utf8_lossy(&output.stderr);
    if cfg!(feature = "full-minify") {
        assert_eq!(output.status.code(), Some(0), "{stderr}");
        assert!(out.join("index.html").is_file());
    } else {
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.contains("`--minify full` needs the `full-minify` feature")
                && stderr.contains("help: use the default `--minify whitespace`"),
            "{stderr}"
        );
        assert!(!out.exists(), "a refused build created {}", out.display());
    }
}

#[cfg(not(feature = "full-minify"))]
#[test]
fn without_the_feature_serve_refuses_minify_full_and_says_so_in_chinese_too() {
    let output = zhinan(&[
        "serve", "--root", VALID, "--port", "0", "--minify", "full", "--lang", "zh",
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("需要 `full-minify` 功能"), "{stderr}");
}

#[cfg(not(feature = "full-minify"))]
#[test]
fn without_the_feature_check_build_and_serve_work() {
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::TcpStream;
    use std::time::{Duration, Instant};

    let check = zhinan(&["check", "--root", VALID, "--today", TODAY, "--lang", "en"]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );

    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("site");
    let built = build(&out, "whitespace");
    assert_eq!(
        built.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    assert!(out.join("index.html").is_file());

    let mut server = Command::new(env!("CARGO_BIN_EXE_zhinan"))
        .args(["serve", "--root", VALID, "--port", "0", "--today", TODAY])
        .args(["--lang", "en"])
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(server.stdout.take().unwrap()).lines();
    let started = Instant::now();
    let url = loop {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "serve printed no URL"
        );
        let Some(Ok(line)) = lines.next() else {
            let _ = server.kill();
            panic!("serve stopped before printing its URL");
        };
        if let Some(rest) = line.strip_prefix("serving http://") {
            break rest.split(' ').next().unwrap().to_string();
        }
    };
    let (address, path) = url.split_once('/').unwrap();
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        stream,
        "GET /{path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    let read = stream.read_to_string(&mut response);
    let _ = server.kill();
    let _ = server.wait();
    read.unwrap();
    assert!(
        response.starts_with("HTTP/1.1 200"),
        "{}",
        &response[..response.len().min(300)]
    );
    assert!(response.contains("<html"), "the home page is not HTML");
}
