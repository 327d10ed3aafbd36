//! Integration tests of `zhinan serve`: the built binary runs against a temporary copy of
//! tests/fixtures/valid on a free loopback port (`--port 0`, the URL read from its first lines),
//! and a plain HTTP/1.1 client over `TcpStream` edits files and watches what is served and what
//! the event stream announces.
//!
//! Every wait polls with a bound (no fixed sleeps); the server is killed when its guard drops,
//! also when a test panics. "Today" is pinned to 2026-11-29.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::TODAY;
const SHIPIN: &str = "content/items/shipin-xuke.yaml";
const SHIPIN_NAME: &str = "食品经营许可（新办）";
/// How long any one expected change may take to show.
mod common;

/// A temporary copy of the valid fixture site.
fn fixture_site() -> tempfile::TempDir {
    common::fixture_copy("valid")
}

const PATIENCE: Duration = Duration::from_secs(10);

/// Polls `probe` until it returns `Some`, for at most `limit`.
fn wait_for<T>(what: &str, limit: Duration, mut probe: impl FnMut() -> Option<T>) -> T {
    let started = Instant::now();
    loop {
        if let Some(value) = probe() {
            return value;
        }
        assert!(started.elapsed() < limit, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn collect_lines(stream: impl Read + Send + 'static) -> Arc<Mutex<Vec<String>>> {
    let lines = Arc::new(Mutex::new(Vec::new()));
    let sink = lines.clone();
    std::thread::spawn(move || {
        let mut reader = std::io::BufReader::new(stream);
        let mut line = String::new();
        while std::io::BufRead::read_line(&mut reader, &mut line).unwrap_or(0) > 0 {
            sink.lock().unwrap().push(line.trim_end().to_string());
            line.clear();
        }
    });
    lines
}

/// A running `zhinan serve`; killed on drop.
struct Server {
    child: Child,
    stdout: Arc<Mutex<Vec<String>>>,
    stderr: Arc<Mutex<Vec<String>>>,
    /// `http://127.0.0.1:PORT`
    origin: String,
    /// `127.0.0.1:PORT`
    address: String,
    /// `/bszn/`
    base_path: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if std::thread::panicking() {
            eprintln!(
                "--- serve stdout\n{}",
                self.stdout.lock().unwrap().join("\n")
            );
            eprintln!(
                "--- serve stderr\n{}",
                self.stderr.lock().unwrap().join("\n")
            );
        }
    }
}

impl Server {
    fn start(root: &Path, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_zhinan"))
            .arg("serve")
            .arg("--root")
            .arg(root)
            .args(["--port", "0", "--today", TODAY, "--lang", "en"])
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .env("NO_COLOR", "1")
            .spawn()
            .unwrap();
        let stdout = collect_lines(child.stdout.take().unwrap());
        let stderr = collect_lines(child.stderr.take().unwrap());
        let mut server = Server {
            child,
            stdout,
            stderr,
            origin: String::new(),
            address: String::new(),
            base_path: String::new(),
        };
        let url = wait_for("the server's URL", Duration::from_secs(60), || {
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!(
                    "serve exited with {status}: {}",
                    server.stderr.lock().unwrap().join("\n")
                );
            }
            server.stdout.lock().unwrap().iter().find_map(|line| {
                let rest = line.strip_prefix("serving http://")?;
                Some(rest.split(' ').next()?.to_string())
            })
        });
        let (address, path) = url.split_once('/').unwrap();
        server.address = address.to_string();
        server.origin = format!("http://{address}");
        server.base_path = format!("/{path}");
        server
    }

    fn log(&self) -> Vec<String> {
        self.stdout.lock().unwrap().clone()
    }

    fn request(&self, method: &str, path: &str) -> Response {
        request(&self.address, method, path)
    }

    fn get(&self, path: &str) -> Response {
        self.request("GET", &format!("{}{path}", self.base_path))
    }

    /// Waits until the page at `path` (under the base path) satisfies `check`.
    fn wait_for_page(&self, what: &str, path: &str, check: impl Fn(&str) -> bool) -> Response {
        wait_for(what, PATIENCE, || {
            let response = self.get(path);
            check(&response.text()).then_some(response)
        })
    }

    /// Waits for the log line of the rebuild after `seen` earlier lines, naming `file`.
    fn wait_for_rebuild_line(&self, seen: usize, file: &str) -> String {
        wait_for(&format!("a rebuild line for {file}"), PATIENCE, || {
            self.log()
                .into_iter()
                .skip(seen)
                .find(|line| line.contains(file) && line.contains(" changed"))
        })
    }
}

#[derive(Debug)]
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

fn decode_chunked(mut body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(end) = body.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size_text = String::from_utf8_lossy(&body[..end]).to_string();
        let size = usize::from_str_radix(size_text.split(';').next().unwrap().trim(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&body[end + 2..end + 2 + size]);
        body = &body[end + 2 + size + 2..];
    }
}

/// One HTTP/1.1 request with `Connection: close`; the raw `path` is sent as written.
fn request(address: &str, method: &str, path: &str) -> Response {
    let mut stream = TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a response head");
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(key, value)| (key.trim().to_ascii_lowercase(), value.trim().to_string()))
        .collect();
    let body = raw[split + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(key, value)| key == "transfer-encoding" && value.contains("chunked"));
    Response {
        status,
        body: if chunked { decode_chunked(&body) } else { body },
        headers,
    }
}

/// A connection to `/__zhinan/events` that collects the `rebuild` events' data.
struct EventStream {
    stream: TcpStream,
    received: String,
    /// How much of `received` earlier waits consumed.
    consumed: usize,
}

impl EventStream {
    fn open(server: &Server) -> EventStream {
        let mut stream = TcpStream::connect(&server.address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_millis(20)))
            .unwrap();
        write!(
            stream,
            "GET /__zhinan/events HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
            server.address
        )
        .unwrap();
        let mut events = EventStream {
            stream,
            received: String::new(),
            consumed: 0,
        };
        events.next_matching(
            "the hello event",
            |data| data.contains("\"instance\""),
            "hello",
        );
        events
    }

    /// Waits for the next event of `kind` whose data satisfies `check`; returns the data.
    fn next_matching(&mut self, what: &str, check: impl Fn(&str) -> bool, kind: &str) -> String {
        let marker = format!("event: {kind}\ndata: ");
        let started = Instant::now();
        loop {
            while let Some(found) = self.received[self.consumed..].find(&marker) {
                let start = self.consumed + found + marker.len();
                let Some(length) = self.received[start..].find('\n') else {
                    break;
                };
                let data = self.received[start..start + length].to_string();
                self.consumed = start + length;
                if check(&data) {
                    return data;
                }
            }
            assert!(started.elapsed() < PATIENCE, "timed out waiting for {what}");
            let mut buffer = [0u8; 8192];
            match self.stream.read(&mut buffer) {
                Ok(0) => panic!("the event stream closed while waiting for {what}"),
                Ok(count) => self
                    .received
                    .push_str(&String::from_utf8_lossy(&buffer[..count])),
                Err(error)
                    if matches!(
                        error.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) => {}
                Err(error) => panic!("reading the event stream: {error}"),
            }
        }
    }

    fn next_rebuild(&mut self, what: &str, check: impl Fn(&str) -> bool) -> String {
        self.next_matching(what, check, "rebuild")
    }
}

fn replace_in(root: &Path, relative: &str, from: &str, to: &str) {
    let path = root.join(relative);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "`{from}` is not in {relative}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// Saves like vim or VS Code can: write a temporary file beside, then rename it over the file.
fn save_through_rename(root: &Path, relative: &str, text: &str) {
    let path = root.join(relative);
    let temporary: PathBuf = path.with_extension("yaml.tmp-save");
    std::fs::write(&temporary, text).unwrap();
    std::fs::rename(&temporary, &path).unwrap();
}

/// The page count of a log line (`… rendered 13 pages …`, `… re-rendered 7 pages …`).
fn pages_rerendered(line: &str) -> usize {
    let after = line
        .split("rendered ")
        .nth(1)
        .unwrap_or_else(|| panic!("no page count in `{line}`"));
    after.split(' ').next().unwrap().parse().unwrap()
}

#[test]
fn an_edit_is_served_announced_and_timed() {
    let site = fixture_site();
    let root = site.path();
    let server = Server::start(root, &[]);
    let mut events = EventStream::open(&server);

    let seen = server.log().len();
    let started = Instant::now();
    replace_in(
        root,
        SHIPIN,
        SHIPIN_NAME,
        "食品经营许可（新办，第一次修改）",
    );
    let page = server.wait_for_page("the edited name", "items/shipin-xuke/", |text| {
        text.contains("第一次修改")
    });
    let latency = started.elapsed();
    eprintln!(
        "save-to-served latency on the fixture: {} ms",
        latency.as_millis()
    );
    assert_eq!(page.status, 200);
    let event = events.next_rebuild("a reload event for the item", |data| {
        data.contains(&format!("\"{}items/shipin-xuke/\"", server.base_path))
    });
    assert!(event.contains("\"errors\":false"), "{event}");
    // A page that does not show the item is not told to reload.
    assert!(!event.contains("pages/guanyu"), "{event}");
    let line = server.wait_for_rebuild_line(seen, SHIPIN);
    assert!(line.contains("1 item re-read"), "{line}");

    // Saved through a temporary file and a rename.
    let text = std::fs::read_to_string(root.join(SHIPIN)).unwrap();
    save_through_rename(root, SHIPIN, &text.replacen("第一次修改", "改名保存", 1));
    server.wait_for_page("the renamed save", "items/shipin-xuke/", |text| {
        text.contains("改名保存")
    });
    events.next_rebuild("a reload event for the renamed save", |data| {
        data.contains("items/shipin-xuke/")
    });
    // Editors' scratch files never start a rebuild of their own.
    let lines_before = server.log().len();
    std::fs::write(root.join("content/items/.shipin-xuke.yaml.swp"), "x").unwrap();
    std::fs::write(root.join("content/items/4913"), "").unwrap();
    std::fs::remove_file(root.join("content/items/4913")).unwrap();
    std::fs::write(root.join("content/items/shipin-xuke.yaml~"), &text).unwrap();
    replace_in(root, SHIPIN, "改名保存", "第三次");
    server.wait_for_page("the third save", "items/shipin-xuke/", |text| {
        text.contains("第三次")
    });
    let after: Vec<String> = server.log().into_iter().skip(lines_before).collect();
    assert!(
        after
            .iter()
            .all(|line| !line.contains(".swp") && !line.contains("4913") && !line.contains('~')),
        "{after:?}"
    );
}

#[test]
fn the_item_page_is_published_first_and_the_pages_that_list_it_after() {
    let site = fixture_site();
    let root = site.path();
    let server = Server::start(root, &[]);
    let mut events = EventStream::open(&server);
    let base = server.base_path.clone();
    let seen = server.log().len();
    save_through_rename(
        root,
        SHIPIN,
        &std::fs::read_to_string(root.join(SHIPIN))
            .unwrap()
            .replacen(SHIPIN_NAME, "食品经营许可（分两步发布）", 1),
    );

    // First the item's own pages (its page and its slip), announced at once.
    let first = events.next_rebuild("the first event", |_| true);
    assert!(first.contains("\"errors\":false"), "{first}");
    assert!(
        first.contains(&format!("\"{base}items/shipin-xuke/\"")),
        "{first}"
    );
    assert!(
        first.contains(&format!("\"{base}items/shipin-xuke/slip/\"")),
        "{first}"
    );
    for elsewhere in [
        format!("\"{base}\""),
        format!("{base}search/"),
        format!("{base}print/"),
    ] {
        assert!(!first.contains(&elsewhere), "{elsewhere} in {first}");
    }
    server.wait_for_page("the new name", "items/shipin-xuke/", |text| {
        text.contains("分两步发布")
    });

    // Then what lists or prints it, in a second event that leaves the item's page alone.
    let second = events.next_rebuild("the second event", |_| true);
    assert!(second.contains("\"errors\":false"), "{second}");
    assert!(second.contains(&format!("\"{base}\"")), "{second}");
    assert!(
        second.contains(&format!("\"{base}print/shipin/\"")),
        "{second}"
    );
    assert!(
        !second.contains(&format!("\"{base}items/shipin-xuke/\"")),
        "{second}"
    );
    assert!(server.get("").text().contains("分两步发布"));
    assert!(
        server
            .get("search/index.json")
            .text()
            .contains("分两步发布")
    );
    // One log line with both phases.
    let line = server.wait_for_rebuild_line(seen, SHIPIN);
    assert!(
        line.contains(": item page in ") && line.contains(" ms, then re-rendered "),
        "{line}"
    );
}

#[test]
fn errors_show_an_overlay_over_the_last_good_site_until_fixed() {
    let site = fixture_site();
    let root = site.path();
    let server = Server::start(root, &[]);
    let mut events = EventStream::open(&server);
    let good = std::fs::read_to_string(root.join(SHIPIN)).unwrap();

    // An unknown value with markup in it: the overlay must show it escaped.
    let broken = good.replacen("type: 行政许可", "type: <b>行政许可</b>", 1);
    assert_ne!(broken, good);
    std::fs::write(root.join(SHIPIN), &broken).unwrap();
    events.next_rebuild("an error event", |data| data.contains("\"errors\":true"));
    let page = server.wait_for_page("the overlay", "items/shipin-xuke/", |text| {
        text.contains("id=\"zhinan-overlay\"")
    });
    let text = page.text();
    assert_eq!(page.status, 200);
    assert!(
        text.contains(SHIPIN_NAME),
        "the last good page is still served"
    );
    assert!(
        text.contains("content/items/shipin-xuke.yaml:"),
        "file:line:col in the overlay"
    );
    assert!(text.contains("invalid-value"), "the rule in the overlay");
    assert!(
        text.contains("&lt;b&gt;行政许可&lt;/b&gt;"),
        "the source line, escaped"
    );
    assert!(!text.contains("<b>行政许可</b>"), "nothing unescaped");
    // Every served page shows it, and the overlay endpoint has it for the script.
    assert!(server.get("").text().contains("id=\"zhinan-overlay\""));
    assert!(
        server
            .get("no-such-page/")
            .text()
            .contains("id=\"zhinan-overlay\"")
    );
    let overlay = server.request("GET", "/__zhinan/overlay");
    assert!(overlay.text().contains("invalid-value"));

    // Fixed: the overlay goes, through an event (no manual refresh needed).
    let fixed = good.replacen(SHIPIN_NAME, "食品经营许可（已修正）", 1);
    std::fs::write(root.join(SHIPIN), fixed).unwrap();
    let event = events.next_rebuild("the all-clear event", |data| {
        data.contains("\"errors\":false")
    });
    assert!(event.contains("items/shipin-xuke/"), "{event}");
    let page = server.wait_for_page("the fixed page", "items/shipin-xuke/", |text| {
        text.contains("已修正")
    });
    assert!(!page.text().contains("id=\"zhinan-overlay\""));
    assert_eq!(server.request("GET", "/__zhinan/overlay").body.len(), 0);
}

/// Starts serve on `root`, edits the food licence item and returns (pages of the first build,
/// pages re-rendered for the edit).
fn pages_for_one_edit(root: &Path) -> (usize, usize) {
    let server = Server::start(root, &[]);
    let first = server
        .log()
        .into_iter()
        .find(|line| line.contains("rendered"))
        .unwrap();
    let seen = server.log().len();
    replace_in(root, SHIPIN, SHIPIN_NAME, "食品经营许可（新办，改）");
    let line = server.wait_for_rebuild_line(seen, SHIPIN);
    server.wait_for_page("the edit", "items/shipin-xuke/", |text| {
        text.contains("新办，改")
    });
    (pages_rerendered(&first), pages_rerendered(&line))
}

#[test]
fn a_one_item_edit_rerenders_a_fixed_number_of_pages() {
    let small = fixture_site();
    let large = fixture_site();
    // Forty more items in the same department, citing the same law.
    let template = std::fs::read_to_string(large.path().join(SHIPIN)).unwrap();
    let code = template
        .lines()
        .find_map(|line| line.strip_prefix("code: "))
        .unwrap()
        .to_string();
    for number in 0..40 {
        std::fs::write(
            large
                .path()
                .join(format!("content/items/extra-{number}.yaml")),
            template.replacen(
                &format!("code: {code}"),
                &format!("code: EXTRA-{number:03}"),
                1,
            ),
        )
        .unwrap();
    }
    let (small_site, small_edit) = pages_for_one_edit(small.path());
    let (large_site, large_edit) = pages_for_one_edit(large.path());
    eprintln!(
        "one-item edit: {small_edit} of {small_site} pages; with 40 more items {large_edit} of {large_site}"
    );
    assert!(large_site >= small_site + 40, "{small_site} {large_site}");
    // The item, its department, the law it cites, the site-wide pages: the same few pages
    // whatever the size of the site.
    assert_eq!(small_edit, large_edit);
    assert!(
        large_edit <= 20 && large_edit * 3 < large_site,
        "{large_edit} of {large_site}"
    );
}

#[test]
fn paths_outside_the_site_are_refused() {
    let site = fixture_site();
    let root = site.path();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "top secret").unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("/etc/passwd", root.join("content/files/passwd")).unwrap();
        std::os::unix::fs::symlink(outside.path(), root.join("content/files/outside")).unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("secret.txt"),
            root.join("content/files/forms/secret.docx"),
        )
        .unwrap();
    }
    std::fs::write(root.join("Cargo.toml"), "[package] top secret").unwrap();
    let server = Server::start(root, &[]);
    let base = server.base_path.clone();
    for path in [
        "/../Cargo.toml".to_string(),
        "/%2e%2e/".to_string(),
        "/%2e%2e/Cargo.toml".to_string(),
        "/..%2f".to_string(),
        "/..%2fCargo.toml".to_string(),
        "/%2E%2E%2FCargo.toml".to_string(),
        format!("{base}../Cargo.toml"),
        format!("{base}../../../../etc/passwd"),
        format!("{base}%2e%2e/%2e%2e/Cargo.toml"),
        format!("{base}..%2f..%2fCargo.toml"),
        format!("{base}files/..%2f..%2fCargo.toml"),
        format!("{base}files/..%5c..%5cCargo.toml"),
        format!("{base}files/passwd"),
        format!("{base}files/outside/secret.txt"),
        format!("{base}files/forms/secret.docx"),
        format!("{base}files/%2e%2e/site.yaml"),
        "/Cargo.toml".to_string(),
    ] {
        for method in ["GET", "HEAD"] {
            let response = server.request(method, &path);
            assert!(
                response.status == 404 || response.status == 400,
                "{method} {path}: {}",
                response.status
            );
            let text = response.text();
            assert!(
                !text.contains("root:") && !text.contains("top secret"),
                "{path}"
            );
        }
    }

    // What is inside is served, with its type and never cached.
    let attachment = server.get("files/forms/geti-shenqingshu.docx");
    assert_eq!(attachment.status, 200);
    assert_eq!(
        attachment.header("content-type"),
        Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    );
    let page = server.get("items/shipin-xuke/");
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(page.header("cache-control"), Some("no-store"));
    assert!(page.text().contains("data-zhinan-live-reload"));
    // The live-reload script is a file of the server's origin, so the page's
    // Content-Security-Policy (scripts from the site's origin only, none inline) lets it run.
    assert!(
        page.text().contains(
            "<script data-zhinan-live-reload src=\"/__zhinan/live-reload.js\" data-page=\""
        )
    );
    assert!(page.text().contains("Content-Security-Policy"));
    let script = server.request("GET", "/__zhinan/live-reload.js");
    assert_eq!(script.status, 200);
    assert_eq!(
        script.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert!(
        script
            .text()
            .contains("new EventSource(\"/__zhinan/events?since=\"")
    );
    assert_eq!(
        server
            .request("GET", "/__zhinan/overlay.css")
            .header("content-type"),
        Some("text/css; charset=utf-8")
    );
    assert_eq!(
        server.get("assets/style.css").header("content-type"),
        Some("text/css; charset=utf-8")
    );
    assert_eq!(
        server.get("sitemap.xml").header("content-type"),
        Some("application/xml; charset=utf-8")
    );
    // HEAD: the headers of GET, no body.
    let head = server.request("HEAD", &format!("{base}items/shipin-xuke/"));
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(
        head.header("content-length").map(str::to_string),
        Some(page.body.len().to_string())
    );
    // `/` and the base path without its slash lead to the site; a folder gets its slash.
    let root_response = server.request("GET", "/");
    assert_eq!(root_response.status, 302);
    assert_eq!(root_response.header("location"), Some(base.as_str()));
    let folder = server.get("items/shipin-xuke");
    assert_eq!(
        folder.header("location"),
        Some(&*format!("{base}items/shipin-xuke/"))
    );
    // The site's own 404 page, with status 404.
    let missing = server.get("items/no-such-item/");
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("data-zhinan-live-reload"));
    assert_eq!(server.request("POST", &base).status, 405);
    // Nothing was written into the site root.
    assert!(!root.join("public").exists());
}

#[test]
fn polling_sees_edits_too() {
    let site = fixture_site();
    let root = site.path();
    let server = Server::start(root, &["--poll=50"]);
    assert!(
        server
            .log()
            .iter()
            .any(|line| line.contains("polling every 50 ms"))
    );
    replace_in(root, SHIPIN, SHIPIN_NAME, "食品经营许可（轮询）");
    server.wait_for_page("the polled edit", "items/shipin-xuke/", |text| {
        text.contains("轮询")
    });
}

#[test]
fn a_port_in_use_is_named() {
    let site = fixture_site();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let output = Command::new(env!("CARGO_BIN_EXE_zhinan"))
        .args(["serve", "--port", &port, "--root"])
        .arg(site.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    // The site speaks Chinese: so does the refusal.
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("端口 {port} 已被占用")),
        "{stderr}"
    );
    let output = Command::new(env!("CARGO_BIN_EXE_zhinan"))
        .args(["serve", "--lang", "en", "--port", &port, "--root"])
        .arg(site.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("port {port} is already in use")),
        "{stderr}"
    );
}

#[test]
fn a_fifo_under_content_neither_freezes_the_rebuilds_nor_a_request() {
    let site = fixture_site();
    let root = site.path();
    let server = Server::start(root, &[]);
    let mut events = EventStream::open(&server);
    // FIFOs appear while serving: an attachment and an item file.
    let fifo_attachment = root.join("content/files/forms/pipe.docx");
    for fifo in [&fifo_attachment, &root.join("content/items/pipe.yaml")] {
        let status = Command::new("mkfifo").arg(fifo).status().unwrap();
        assert!(status.success());
    }
    replace_in(root, SHIPIN, SHIPIN_NAME, "食品经营许可（有管道）");
    events.next_rebuild("an error event", |data| data.contains("\"errors\":true"));
    // Both named (the two FIFOs may come in one rebuild or in two).
    wait_for("both FIFOs in the overlay", PATIENCE, || {
        let overlay = server.request("GET", "/__zhinan/overlay").text();
        (overlay.contains("content/items/pipe.yaml")
            && overlay.contains("content/files/forms/pipe.docx"))
        .then_some(())
    });
    let response = server.get("files/forms/pipe.docx");
    assert_eq!(response.status, 404, "a FIFO is never served");
    // The rebuild thread still works: removing the FIFOs and editing again publishes.
    std::fs::remove_file(root.join("content/items/pipe.yaml")).unwrap();
    std::fs::remove_file(&fifo_attachment).unwrap();
    replace_in(
        root,
        SHIPIN,
        "食品经营许可（有管道）",
        "食品经营许可（无管道）",
    );
    server.wait_for_page("the page after the FIFO", "items/shipin-xuke/", |text| {
        text.contains("无管道")
    });
}

#[test]
fn private_files_under_content_files_are_not_served() {
    let site = fixture_site();
    let root = site.path();
    let files = root.join("content/files");
    std::fs::write(files.join(".env"), "PASSWORD=hunter2-secret\n").unwrap();
    std::fs::write(files.join("forms/~$geti.docx"), "PASSWORD=hunter2-secret\n").unwrap();
    std::fs::write(files.join("forms/Thumbs.db"), "PASSWORD=hunter2-secret\n").unwrap();
    let server = Server::start(root, &[]);
    // Public attachments are served; the private ones are not (a 404 page, or a 400 for a
    // path the server refuses outright).
    assert_eq!(server.get("files/forms/geti-shenqingshu.docx").status, 200);
    for path in [
        "files/.env",
        "files/forms/~$geti.docx",
        "files/forms/%7E%24geti.docx",
        "files/forms/Thumbs.db",
    ] {
        let response = server.get(path);
        assert!(
            response.status == 404 || response.status == 400,
            "{path}: {}",
            response.status
        );
        assert!(!response.text().contains("hunter2-secret"), "{path}");
    }
}

#[test]
fn a_foreign_host_header_is_refused_against_dns_rebinding() {
    let site = fixture_site();
    let server = Server::start(site.path(), &[]);
    let port = server.address.rsplit(':').next().unwrap().to_string();
    let with_host = |host: &str, path: &str| {
        let mut stream = TcpStream::connect(&server.address).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut raw = String::new();
        let _ = stream.read_to_string(&mut raw);
        raw
    };
    let page = format!("{}items/shipin-xuke/", server.base_path);
    for host in [format!("localhost:{port}"), format!("127.0.0.1:{port}")] {
        let answer = with_host(&host, &page);
        assert!(answer.starts_with("HTTP/1.1 200"), "{host}: {answer}");
    }
    for host in [
        format!("rebound.example:{port}"),
        format!("127.0.0.1:{}", port.parse::<u16>().unwrap().wrapping_add(1)),
    ] {
        for path in [page.as_str(), "/__zhinan/events", "/__zhinan/overlay"] {
            let answer = with_host(&host, path);
            assert!(
                answer.starts_with("HTTP/1.1 403"),
                "{host} {path}: {answer}"
            );
            assert!(!answer.contains(SHIPIN_NAME), "{answer}");
        }
    }
}

#[test]
fn a_path_only_base_url_serves_the_site_under_that_path() {
    let site = fixture_site();
    let server = Server::start(site.path(), &["-u", "/preview/"]);
    assert_eq!(server.base_path, "/preview/");
    let page = server.get("items/shipin-xuke/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("href=\"/preview/"), "{}", page.text());
    assert!(!page.text().contains("href=\"/bszn/"));
    // site.yaml's own path is not served any more.
    assert_eq!(
        server.request("GET", "/bszn/items/shipin-xuke/").status,
        404
    );
}

#[test]
fn a_base_url_that_is_neither_a_url_nor_a_path_is_refused() {
    let site = fixture_site();
    let output = common::zhinan(&[
        "serve",
        "--root",
        site.path().to_str().unwrap(),
        "--lang",
        "en",
        "-u",
        "preview/../x",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(common::stderr(&output).contains("is not an absolute http(s) URL or a path"));
}
