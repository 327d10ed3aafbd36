//! The HTTP side of serve (axum): the site from memory under its base path, attachments from
//! content/files/, the reload events (Server-Sent Events) and the overlay.
//!
//! Every response carries `Cache-Control: no-store`, so a browser never shows a stale page.
//! Paths are checked before anything is looked up ([`resolve`]): a `.` or `..` segment, encoded
//! or not, a backslash or a NUL is a 400; pages come from memory, so no path reaches the disk
//! except an attachment that the build published, and that one is served only if it still
//! resolves inside content/files/ (a symlink out of it is a 404).

use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::stream::{self, Stream, StreamExt};
use tokio::sync::broadcast::error::RecvError;

use super::live_reload::{self, EVENTS_PATH, OVERLAY_CSS_PATH, OVERLAY_PATH, SCRIPT_PATH};
use super::state::{ReloadEvent, SharedSite, Snapshot, url_of};

/// What a request path leads to.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// An output in memory (`items/x/index.html`).
    Output(String),
    /// A published attachment (path under content/files/).
    Attachment(String),
    /// Same page elsewhere (`/` to the base path, a folder without its slash).
    Redirect(String),
    NotFound,
    /// The path tries to leave the site or is not a clean path.
    BadRequest,
}

fn hex_value(byte: u8) -> Option<u8> {
    match byte {
        b'0'..=b'9' => Some(byte - b'0'),
        b'a'..=b'f' => Some(byte - b'a' + 10),
        b'A'..=b'F' => Some(byte - b'A' + 10),
        _ => None,
    }
}

/// Percent-decodes a path once; `None` for a broken escape or text that is not UTF-8.
pub fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            let high = hex_value(*bytes.get(index + 1)?)?;
            let low = hex_value(*bytes.get(index + 2)?)?;
            decoded.push(high * 16 + low);
            index += 3;
        } else {
            decoded.push(bytes[index]);
            index += 1;
        }
    }
    String::from_utf8(decoded).ok()
}

/// Maps a raw request path to what it serves, for a site under `base_path` (`/bszn/`).
pub fn resolve(
    raw_path: &str,
    base_path: &str,
    has_output: impl Fn(&str) -> bool,
    has_attachment: impl Fn(&str) -> bool,
) -> Target {
    let Some(path) = percent_decode(raw_path) else {
        return Target::BadRequest;
    };
    // An empty segment (`//`) would make the relative path absolute (`/bszn//x` is `/x`).
    let unclean = path.contains(['\\', '\0'])
        || path.contains("//")
        || path
            .split('/')
            .any(|segment| segment == "." || segment == "..");
    if unclean || !path.starts_with('/') {
        return Target::BadRequest;
    }
    if base_path != "/" && (path == "/" || format!("{path}/") == base_path) {
        return Target::Redirect(base_path.to_string());
    }
    let Some(relative) = path.strip_prefix(base_path) else {
        return Target::NotFound;
    };
    if relative.is_empty() || relative.ends_with('/') {
        let output = format!("{relative}index.html");
        return if has_output(&output) {
            Target::Output(output)
        } else {
            Target::NotFound
        };
    }
    if has_output(relative) {
        return Target::Output(relative.to_string());
    }
    if has_output(&format!("{relative}/index.html")) {
        return Target::Redirect(format!("{raw_path}/"));
    }
    if let Some(attachment) = relative.strip_prefix("files/")
        && has_attachment(attachment)
    {
        return Target::Attachment(attachment.to_string());
    }
    Target::NotFound
}

/// Content type by extension: the site's outputs and the usual attachments of a service guide.
pub fn content_type(path: &str) -> &'static str {
    let extension = path
        .rsplit_once('.')
        .map(|(_, extension)| extension.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        "ofd" => "application/ofd",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ppt" => "application/vnd.ms-powerpoint",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "wps" => "application/vnd.ms-works",
        "zip" => "application/zip",
        "rar" => "application/vnd.rar",
        "7z" => "application/x-7z-compressed",
        _ => "application/octet-stream",
    }
}

fn respond(status: StatusCode, content_type: &'static str, body: impl Into<Body>) -> Response {
    let mut response = Response::new(body.into());
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

fn redirect(location: &str) -> Response {
    let mut response = respond(StatusCode::FOUND, "text/plain; charset=utf-8", "");
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

/// An HTML output with the live-reload script (and the overlay while there are errors).
fn html_page(
    site: &SharedSite,
    snapshot: &Snapshot,
    status: StatusCode,
    output: &str,
    bytes: &[u8],
) -> Response {
    let mut addition = String::new();
    if let Some(overlay) = &snapshot.overlay {
        addition.push_str(overlay);
    }
    addition.push_str(&live_reload::script(
        Some(&url_of(&snapshot.base_path, output)),
        snapshot.generation,
        &site.instance,
    ));
    respond(
        status,
        content_type(output),
        live_reload::inject(bytes, &addition),
    )
}

fn output_response(
    site: &SharedSite,
    snapshot: &Snapshot,
    status: StatusCode,
    output: &str,
) -> Response {
    let Some(page) = snapshot.pages.get(output) else {
        return respond(
            StatusCode::NOT_FOUND,
            "text/plain; charset=utf-8",
            "not found\n",
        );
    };
    let bytes = page.served();
    if output.ends_with(".html") {
        html_page(site, snapshot, status, output, &bytes)
    } else {
        respond(status, content_type(output), bytes)
    }
}

/// Before the first build without errors: the overlay on an empty page that reloads itself.
fn stand_in_page(site: &SharedSite, snapshot: &Snapshot) -> Response {
    let mut html = String::from(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>zhinan serve</title></head><body>",
    );
    html.push_str(snapshot.overlay.as_deref().unwrap_or("<p>building…</p>"));
    html.push_str(&live_reload::script(
        None,
        snapshot.generation,
        &site.instance,
    ));
    html.push_str("</body></html>");
    respond(
        StatusCode::SERVICE_UNAVAILABLE,
        "text/html; charset=utf-8",
        html,
    )
}

/// Reads a published attachment if it still resolves inside content/files/.
async fn attachment_response(files_root: &Path, path: &Path, relative: &str) -> Response {
    let not_found = || {
        respond(
            StatusCode::NOT_FOUND,
            "text/plain; charset=utf-8",
            "not found\n",
        )
    };
    let (Ok(root), Ok(target)) = (
        tokio::fs::canonicalize(files_root).await,
        tokio::fs::canonicalize(path).await,
    ) else {
        return not_found();
    };
    // Only a regular file is read: a FIFO would hold the request (and a worker) forever.
    let is_file = tokio::fs::metadata(&target)
        .await
        .is_ok_and(|metadata| metadata.is_file());
    if !target.starts_with(&root) || !is_file {
        return not_found();
    }
    match tokio::fs::read(&target).await {
        Ok(bytes) => respond(StatusCode::OK, content_type(relative), bytes),
        Err(_) => not_found(),
    }
}

/// Shared by the handlers.
pub struct ServerState {
    pub site: Arc<SharedSite>,
    /// `<root>/content/files`.
    pub files_root: PathBuf,
}

async fn serve_site(State(state): State<Arc<ServerState>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut response = respond(
            StatusCode::METHOD_NOT_ALLOWED,
            "text/plain; charset=utf-8",
            "method not allowed\n",
        );
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let site = &state.site;
    let snapshot = site.snapshot();
    let target = resolve(
        uri.path(),
        &snapshot.base_path,
        |output| snapshot.pages.contains_key(output),
        |attachment| snapshot.attachments.contains_key(attachment),
    );
    if target == Target::BadRequest {
        return respond(
            StatusCode::BAD_REQUEST,
            "text/plain; charset=utf-8",
            "bad request: the path is not a clean path inside the site\n",
        );
    }
    if snapshot.pages.is_empty() {
        return stand_in_page(site, &snapshot);
    }
    match target {
        Target::Output(output) => output_response(site, &snapshot, StatusCode::OK, &output),
        Target::Attachment(relative) => match snapshot.attachments.get(&relative) {
            Some(path) => attachment_response(&state.files_root, path, &relative).await,
            None => output_response(site, &snapshot, StatusCode::NOT_FOUND, "404.html"),
        },
        Target::Redirect(location) => redirect(&location),
        Target::NotFound | Target::BadRequest => {
            output_response(site, &snapshot, StatusCode::NOT_FOUND, "404.html")
        }
    }
}

/// The live-reload script, a file so that the pages' Content-Security-Policy allows it.
async fn serve_live_reload_script() -> Response {
    respond(
        StatusCode::OK,
        "text/javascript; charset=utf-8",
        live_reload::script_js(),
    )
}

async fn serve_overlay_css() -> Response {
    respond(
        StatusCode::OK,
        "text/css; charset=utf-8",
        live_reload::OVERLAY_CSS,
    )
}

async fn serve_overlay(State(state): State<Arc<ServerState>>) -> Response {
    let overlay = state.site.snapshot().overlay;
    respond(
        StatusCode::OK,
        "text/html; charset=utf-8",
        overlay
            .map(|overlay| overlay.to_string())
            .unwrap_or_default(),
    )
}

fn rebuild_event(event: &ReloadEvent) -> Event {
    Event::default()
        .event("rebuild")
        .data(serde_json::to_string(event).unwrap_or_default())
}

async fn serve_events(State(state): State<Arc<ServerState>>, uri: Uri) -> impl IntoResponse {
    let since = uri.query().and_then(|query| {
        query
            .split('&')
            .find_map(|pair| pair.strip_prefix("since="))
            .and_then(|value| value.parse::<u64>().ok())
    });
    let subscription = state.site.subscribe(since);
    let hello = Event::default().event("hello").data(
        serde_json::json!({
            "instance": state.site.instance,
            "generation": subscription.generation,
        })
        .to_string(),
    );
    let first: Vec<Result<Event, Infallible>> = std::iter::once(hello)
        .chain(subscription.missed.iter().map(|event| rebuild_event(event)))
        .map(Ok)
        .collect();
    let live = stream::unfold(subscription.live, |mut receiver| async move {
        let event = match receiver.recv().await {
            Ok(event) => rebuild_event(&event),
            // Too slow to keep up: reload the page rather than miss a change.
            Err(RecvError::Lagged(_)) => rebuild_event(&ReloadEvent {
                generation: u64::MAX,
                changed: Vec::new(),
                errors: false,
                reload_all: true,
            }),
            Err(RecvError::Closed) => return None,
        };
        Some((Ok(event), receiver))
    });
    let events: std::pin::Pin<Box<dyn Stream<Item = Result<Event, Infallible>> + Send>> =
        Box::pin(stream::iter(first).chain(live));
    (
        [(header::CACHE_CONTROL, "no-store")],
        Sse::new(events).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))),
    )
}

pub fn router(state: Arc<ServerState>) -> Router {
    Router::new()
        .route(EVENTS_PATH, get(serve_events))
        .route(OVERLAY_PATH, get(serve_overlay))
        .route(SCRIPT_PATH, get(serve_live_reload_script))
        .route(OVERLAY_CSS_PATH, get(serve_overlay_css))
        .fallback(serve_site)
        .with_state(state)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(path: &str) -> Target {
        let outputs = ["index.html", "items/a/index.html", "assets/style.css"];
        resolve(
            path,
            "/bszn/",
            |output| outputs.contains(&output),
            |attachment| attachment == "forms/a.docx",
        )
    }

    #[test]
    fn paths_resolve_inside_the_base_path() {
        assert_eq!(target("/"), Target::Redirect("/bszn/".into()));
        assert_eq!(target("/bszn"), Target::Redirect("/bszn/".into()));
        assert_eq!(target("/bszn/"), Target::Output("index.html".into()));
        assert_eq!(
            target("/bszn/items/a/"),
            Target::Output("items/a/index.html".into())
        );
        assert_eq!(
            target("/bszn/items/a"),
            Target::Redirect("/bszn/items/a/".into())
        );
        assert_eq!(
            target("/bszn/items/a/index.html"),
            Target::Output("items/a/index.html".into())
        );
        assert_eq!(
            target("/bszn/assets/style.css"),
            Target::Output("assets/style.css".into())
        );
        assert_eq!(
            target("/bszn/files/forms/a.docx"),
            Target::Attachment("forms/a.docx".into())
        );
        assert_eq!(target("/bszn/items/b/"), Target::NotFound);
        assert_eq!(target("/other/"), Target::NotFound);
        assert_eq!(target("/bszn/%E4%BA%8B"), Target::NotFound);
    }

    #[test]
    fn traversal_is_refused() {
        for path in [
            "/../Cargo.toml",
            "/bszn/../Cargo.toml",
            "/%2e%2e/",
            "/%2E%2E/Cargo.toml",
            "/..%2f",
            "/bszn/..%2f..%2fCargo.toml",
            "/bszn/files/..%5c..%5cCargo.toml",
            "/bszn/%2e/index.html",
            "/bszn/%00",
            "/bszn/%zz",
            "/bszn/%ff",
            // Found by the serve_path fuzz target: `//` made the relative path absolute.
            "/bszn//fa",
            "/bszn/%2f/etc/passwd",
        ] {
            assert_eq!(target(path), Target::BadRequest, "{path}");
        }
        // Decoded once only: a double-encoded dot is a file name, not found.
        assert_eq!(target("/bszn/%252e%252e/"), Target::NotFound);
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(
            content_type("sitemap.xml"),
            "application/xml; charset=utf-8"
        );
        assert_eq!(content_type("robots.txt"), "text/plain; charset=utf-8");
        assert_eq!(content_type("assets/style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("forms/A.PDF"), "application/pdf");
        assert_eq!(content_type("noextension"), "application/octet-stream");
    }
}
