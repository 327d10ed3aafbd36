//! The connections of serve: accepted here (not by `axum::serve`) so that each one gets
//!
//! - a **Host check** against DNS rebinding: a page of another site, whose name its owner
//!   re-points at 127.0.0.1, could otherwise read the preview (and the unpublished content)
//!   from the visitor's browser. A request is answered only when its `Host` is, with the port
//!   the preview listens on, `localhost`, `127.0.0.1`, `[::1]`, the bound address, the address
//!   the connection arrived at (with `--bind 0.0.0.0`: the machine's own address that the
//!   colleague typed) or, when not bound to loopback, the machine's host name. Anything else is
//!   a 403 that says where the preview is;
//! - **timeouts**: a connection that sends no request, or only part of its headers, within
//!   [`HEADER_TIMEOUT`] is closed (hyper's header read timeout, also between the requests of a
//!   kept-alive connection), so idle and half-sent connections cannot pile up. The reload events
//!   stream (SSE) is a response, not a request, and stays open.

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderValue, Request, Response, StatusCode, header};
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tower_service::Service;

/// How long a connection may take to send the headers of a request, and wait idle for the next.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// The names a request's `Host` may carry.
#[derive(Debug, Clone)]
pub struct AllowedHosts {
    /// The port the preview listens on.
    port: u16,
    /// Lowercase host names and addresses (IPv6 in brackets), without the port.
    names: Vec<String>,
}

fn host_of(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(ip) => ip.to_string(),
        IpAddr::V6(ip) => format!("[{ip}]"),
    }
}

/// The machine's host name (`None` when it cannot be read).
fn machine_name() -> Option<String> {
    #[cfg(unix)]
    {
        let mut buffer = [0u8; 256];
        // SAFETY: gethostname writes at most `len` bytes into the buffer it is given.
        let status = unsafe { libc::gethostname(buffer.as_mut_ptr().cast(), buffer.len()) };
        if status != 0 {
            return None;
        }
        let end = buffer.iter().position(|&b| b == 0).unwrap_or(buffer.len());
        let name = std::str::from_utf8(&buffer[..end])
            .ok()?
            .trim()
            .to_ascii_lowercase();
        (!name.is_empty()).then_some(name)
    }
    #[cfg(not(unix))]
    {
        std::env::var("COMPUTERNAME")
            .ok()
            .map(|name| name.to_ascii_lowercase())
    }
}

impl AllowedHosts {
    /// The hosts of a preview bound to `bind` and listening on `port`.
    pub fn new(bind: IpAddr, port: u16) -> AllowedHosts {
        let mut names: Vec<String> = vec!["localhost".into(), "127.0.0.1".into(), "[::1]".into()];
        if !bind.is_unspecified() {
            names.push(host_of(bind));
        }
        if !bind.is_loopback()
            && let Some(name) = machine_name()
        {
            names.push(format!("{name}.local"));
            names.push(name);
        }
        names.sort();
        names.dedup();
        AllowedHosts { port, names }
    }

    /// Whether a request with this `Host` header, on a connection that arrived at `local`, is
    /// for this preview.
    pub fn allows(&self, host: Option<&HeaderValue>, local: Option<SocketAddr>) -> bool {
        let Some(host) = host.and_then(|host| host.to_str().ok()) else {
            return false;
        };
        let host = host.trim().to_ascii_lowercase();
        let (name, port) = if let Some(rest) = host.strip_prefix('[') {
            let Some((inside, after)) = rest.split_once(']') else {
                return false;
            };
            (format!("[{inside}]"), after.strip_prefix(':'))
        } else {
            match host.rsplit_once(':') {
                Some((name, port)) => (name.to_string(), Some(port)),
                None => (host.clone(), None),
            }
        };
        let port = match port {
            Some(port) => port.parse::<u16>().ok(),
            None => Some(80), // a browser leaves out only the default port
        };
        if port != Some(self.port) {
            return false;
        }
        let name = name.strip_suffix('.').unwrap_or(&name);
        self.names.iter().any(|allowed| allowed == name)
            || local.is_some_and(|local| host_of(local.ip()) == name)
    }

    /// The 403 for a request whose Host is not this preview.
    fn refusal(&self, host: Option<&HeaderValue>) -> Response<Body> {
        let shown = host
            .and_then(|host| host.to_str().ok())
            .unwrap_or("(none)")
            .chars()
            .filter(|c| !c.is_control())
            .collect::<String>();
        let text = format!(
            "forbidden: the Host `{shown}` is not this preview (a check against DNS rebinding); open http://127.0.0.1:{}/ or http://localhost:{}/\n",
            self.port, self.port
        );
        let mut response = Response::new(Body::from(text));
        *response.status_mut() = StatusCode::FORBIDDEN;
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        response
    }
}

/// Accepts connections on `listener` until it fails for good, and answers each one's requests
/// with `router` after the Host check, closing it when headers take longer than
/// `header_timeout`.
pub async fn serve_connections(
    listener: tokio::net::TcpListener,
    router: Router,
    hosts: Arc<AllowedHosts>,
    header_timeout: Duration,
) -> std::io::Result<()> {
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of file descriptors and the like: wait a little instead of spinning.
            Err(error) if is_transient(&error) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
            Err(error) => return Err(error),
        };
        let local = stream.local_addr().ok();
        let router = router.clone();
        let hosts = hosts.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request: Request<Incoming>| {
                let mut router = router.clone();
                let hosts = hosts.clone();
                async move {
                    let host = request.headers().get(header::HOST).cloned();
                    if !hosts.allows(host.as_ref(), local) {
                        return Ok::<_, Infallible>(hosts.refusal(host.as_ref()));
                    }
                    router.call(request).await
                }
            });
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(header_timeout)
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

fn is_transient(error: &std::io::Error) -> bool {
    use std::io::ErrorKind::*;
    matches!(
        error.kind(),
        ConnectionAborted | ConnectionReset | Interrupted | WouldBlock | TimedOut
    ) || error
        .raw_os_error()
        .is_some_and(|code| code == 24 || code == 23) // EMFILE, ENFILE
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};
    use std::time::Instant;

    fn header(text: &str) -> HeaderValue {
        HeaderValue::from_str(text).unwrap()
    }

    #[test]
    fn loopback_names_with_the_port_are_allowed_and_nothing_else() {
        let hosts = AllowedHosts::new(IpAddr::from([127, 0, 0, 1]), 1111);
        for host in [
            "127.0.0.1:1111",
            "localhost:1111",
            "LOCALHOST:1111",
            "[::1]:1111",
            "localhost.:1111",
        ] {
            assert!(hosts.allows(Some(&header(host)), None), "{host}");
        }
        for host in [
            "evil.example:1111",
            "127.0.0.1:2222",
            "127.0.0.1",
            "localhost",
            "127.0.0.1.evil.example:1111",
            "[::1]",
            "[::1:1111",
            "",
        ] {
            assert!(!hosts.allows(Some(&header(host)), None), "{host}");
        }
        assert!(!hosts.allows(None, None), "no Host at all");
    }

    #[test]
    fn bound_to_all_addresses_the_address_a_connection_arrived_at_is_allowed() {
        let hosts = AllowedHosts::new(IpAddr::from([0, 0, 0, 0]), 8080);
        let local: SocketAddr = "192.168.1.20:8080".parse().unwrap();
        assert!(hosts.allows(Some(&header("192.168.1.20:8080")), Some(local)));
        assert!(!hosts.allows(Some(&header("192.168.1.21:8080")), Some(local)));
        assert!(!hosts.allows(Some(&header("rebound.example:8080")), Some(local)));
        if let Some(name) = machine_name() {
            assert!(hosts.allows(Some(&header(&format!("{name}:8080"))), Some(local)));
        }
        let bound = AllowedHosts::new(IpAddr::from([192, 168, 1, 20]), 8080);
        assert!(bound.allows(Some(&header("192.168.1.20:8080")), None));
    }

    /// A server with a short header timeout on a runtime of its own; its address.
    fn server(timeout: Duration) -> (SocketAddr, tokio::runtime::Runtime) {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap();
        let address = listener.local_addr().unwrap();
        let router = Router::new().fallback(|| async { "ok" });
        let hosts = Arc::new(AllowedHosts::new(address.ip(), address.port()));
        runtime.spawn(serve_connections(listener, router, hosts, timeout));
        (address, runtime)
    }

    /// Reads until the server closes the connection; how long that took.
    fn closed_after(stream: &mut std::net::TcpStream) -> Duration {
        let started = Instant::now();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let mut buffer = Vec::new();
        let _ = stream.read_to_end(&mut buffer);
        started.elapsed()
    }

    #[test]
    fn idle_and_half_sent_connections_are_closed() {
        let (address, _runtime) = server(Duration::from_millis(300));
        // Nothing sent at all.
        let mut idle = std::net::TcpStream::connect(address).unwrap();
        assert!(closed_after(&mut idle) < Duration::from_secs(5));
        // Half a request line and header.
        let mut half = std::net::TcpStream::connect(address).unwrap();
        half.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0").unwrap();
        assert!(closed_after(&mut half) < Duration::from_secs(5));
        // A kept-alive connection, idle after its first answer.
        let mut kept = std::net::TcpStream::connect(address).unwrap();
        write!(kept, "GET / HTTP/1.1\r\nHost: {address}\r\n\r\n").unwrap();
        assert!(closed_after(&mut kept) < Duration::from_secs(5));
    }

    #[test]
    fn a_foreign_host_gets_a_403_and_the_own_one_the_page() {
        let (address, _runtime) = server(Duration::from_secs(5));
        let answer = |host: &str| {
            let mut stream = std::net::TcpStream::connect(address).unwrap();
            write!(
                stream,
                "GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
            )
            .unwrap();
            let mut text = String::new();
            stream.read_to_string(&mut text).unwrap();
            text
        };
        let own = answer(&address.to_string());
        assert!(own.starts_with("HTTP/1.1 200"), "{own}");
        let foreign = answer(&format!("rebound.example:{}", address.port()));
        assert!(foreign.starts_with("HTTP/1.1 403"), "{foreign}");
        assert!(foreign.contains("DNS rebinding"), "{foreign}");
    }
}
