//! The HTTP client every connector shares: TLS on rustls with ring only,
//! time limits, a cap on response size, and one mapping from HTTP outcomes
//! to typed errors. Bodies and tokens never reach an error or a log.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::OnceLock;
use std::time::Duration;

use reqwest::{header, Client, Method, RequestBuilder, Response, StatusCode};
use serde::de::DeserializeOwned;

use super::tls;
use crate::text::{tell, Msg};
use crate::SweepError;

/// The most bytes Sweep reads from one response (1 MiB).
pub const MAX_RESPONSE_BYTES: usize = 1 << 20;
/// How long one request may take in all, unless the app sets otherwise.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// The time limit in force, in milliseconds.
static TIMEOUT_MS: AtomicU64 = AtomicU64::new(REQUEST_TIMEOUT.as_millis() as u64);

/// Whether plain http may reach loopback addresses. Off by default in
/// release builds, on in debug builds (tests and the sandbox run there).
static LOOPBACK_HTTP: AtomicBool = AtomicBool::new(cfg!(debug_assertions));

/// Lets plain http (no TLS) reach loopback addresses, for every wallet in
/// the process: for tests and the sandbox only. Release builds refuse it
/// until an app calls this with `true`; debug builds allow it.
#[cfg_attr(feature = "ffi", uniffi::export)]
pub fn allow_loopback_http(allow: bool) {
    LOOPBACK_HTTP.store(allow, Ordering::Relaxed);
}

/// How long one request may take in all.
pub fn request_timeout() -> Duration {
    Duration::from_millis(TIMEOUT_MS.load(Ordering::Relaxed))
}

/// Sets how long each request may take in all, for every wallet in the
/// process: from 100 ms to 5 minutes. A request that runs out of time is
/// `Timeout`; withdrawals then retry with the same idempotency key.
#[cfg_attr(feature = "ffi", uniffi::export)]
pub fn set_request_timeout(millis: u64) -> Result<(), SweepError> {
    if !(100..=300_000).contains(&millis) {
        return Err(SweepError::invalid("millis", "from 100 to 300000"));
    }
    TIMEOUT_MS.store(millis, Ordering::Relaxed);
    Ok(())
}

/// A request on the shared client with the time limit in force, asking
/// for the wallet's language: a server's own words (a source's terms, a
/// refusal's reason) reach the user as they are, so they should come in
/// the language the rest of the screen speaks.
pub fn request(method: Method, url: impl reqwest::IntoUrl) -> Result<RequestBuilder, SweepError> {
    let language = match crate::text::language() {
        crate::text::Lang::Ko => "ko-KR, ko;q=0.9, en;q=0.5",
        crate::text::Lang::En => "en-US, en;q=0.9",
    };
    Ok(client()?.request(method, url).timeout(request_timeout()).header(header::ACCEPT_LANGUAGE, language))
}

/// The shared client. The ring provider is installed once; reqwest's
/// `rustls-no-provider` build carries no aws-lc.
///
/// A client's pooled connections live on the tokio runtime that opened
/// them, and die with it. Apps run one runtime (uniffi's), so there is one
/// client; a process that runs several (tests, a Rust host) gets a client
/// per runtime in turn, never one whose connections belong to another.
pub fn client() -> Result<Client, SweepError> {
    static CLIENT: std::sync::Mutex<Option<(Option<tokio::runtime::Id>, Client)>> = std::sync::Mutex::new(None);
    let runtime = tokio::runtime::Handle::try_current().ok().map(|handle| handle.id());
    let mut shared = CLIENT.lock().unwrap_or_else(|p| p.into_inner());
    if let Some((owner, client)) = shared.as_ref() {
        if *owner == runtime && runtime.is_some() {
            return Ok(client.clone());
        }
    }
    let client = build_client()?;
    *shared = Some((runtime, client.clone()));
    Ok(client)
}

fn build_client() -> Result<Client, SweepError> {
    static PROVIDER: OnceLock<()> = OnceLock::new();
    PROVIDER.get_or_init(|| {
        tls::install_provider();
    });
    // Android's platform verifier needs JNI set-up the app may not have
    // done; Android builds trust the system store's roots directly (tls.rs).
    #[cfg(target_os = "android")]
    return client_trusting(tls::android_roots()?);
    #[cfg(not(target_os = "android"))]
    builder().build().map_err(|e| SweepError::Network { reason: e.to_string() })
}

/// A client that trusts exactly `roots` rather than asking the platform:
/// what Android builds use, and what the TLS tests use with roots of their
/// own.
#[cfg_attr(not(target_os = "android"), allow(dead_code))]
pub fn client_trusting(roots: rustls::RootCertStore) -> Result<Client, SweepError> {
    builder()
        .use_preconfigured_tls(tls::client_config(roots)?)
        .build()
        .map_err(|e| SweepError::Network { reason: e.to_string() })
}

/// Every client's settings but its trust.
fn builder() -> reqwest::ClientBuilder {
    Client::builder()
        // Never follow a redirect: a 3xx is an answer (`SourceFailed`), so an
        // ID photo, a token or a fee schedule never goes to, or comes from,
        // wherever a server points.
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("sweep/", env!("CARGO_PKG_VERSION")))
        .connect_timeout(Duration::from_secs(10))
        // Drop idle connections well before servers do (Node closes
        // them after 5 s), so a request never lands on a socket the
        // server is closing; phones change networks often anyway.
        .pool_idle_timeout(Duration::from_secs(2))
}

/// Parses an API base URL: HTTPS, or plain HTTP on a loopback address
/// when [`allow_loopback_http`] allows it. The path gets a trailing `/` so
/// that relative joins stay under it.
pub fn api_base(base_url: &str) -> Result<reqwest::Url, SweepError> {
    api_base_with(base_url, LOOPBACK_HTTP.load(Ordering::Relaxed))
}

fn api_base_with(base_url: &str, loopback_http: bool) -> Result<reqwest::Url, SweepError> {
    let mut base = reqwest::Url::parse(base_url).map_err(|e| SweepError::invalid("base_url", e.to_string()))?;
    let loopback = matches!(base.host_str(), Some("localhost" | "127.0.0.1" | "[::1]"));
    if base.scheme() != "https" && !(base.scheme() == "http" && loopback && loopback_http) {
        let reason = if loopback {
            "must use https (plain http to loopback only where the app allows it, for tests)"
        } else {
            "must use https (plain http only on loopback)"
        };
        return Err(SweepError::invalid("base_url", reason));
    }
    // Credentials in a URL end up in logs and proxies; tokens go in headers.
    if !base.username().is_empty() || base.password().is_some() {
        return Err(SweepError::invalid("base_url", "must not carry a user name or password"));
    }
    if !base.path().ends_with('/') {
        base.set_path(&format!("{}/", base.path()));
    }
    Ok(base)
}

/// A transport failure, without the URL's query or anything secret.
pub fn transport_error(err: &reqwest::Error) -> SweepError {
    if tls::is_untrusted_certificate(err) {
        SweepError::Network { reason: tell(Msg::NetUntrustedCertificate {}) }
    } else if err.is_timeout() {
        SweepError::Timeout { after_ms: request_timeout().as_millis() as u64 }
    } else if err.is_connect() {
        SweepError::Network { reason: tell(Msg::NetCouldNotConnect {}) }
    } else {
        SweepError::Network { reason: tell(Msg::NetRequestFailed {}) }
    }
}

/// Turns a non-success status into its typed error.
fn status_error(response: &Response) -> SweepError {
    match response.status() {
        StatusCode::UNAUTHORIZED => SweepError::AuthExpired { reason: tell(Msg::NetTokenRefused {}) },
        StatusCode::FORBIDDEN => SweepError::AccessRevoked { reason: tell(Msg::NetAccessRefused {}) },
        StatusCode::TOO_MANY_REQUESTS => SweepError::RateLimited { retry_after_ms: retry_after_ms(response) },
        status => SweepError::SourceFailed { status: status.as_u16() },
    }
}

/// `Retry-After` in milliseconds: delta-seconds, or an HTTP date.
fn retry_after_ms(response: &Response) -> Option<u64> {
    let value = response.headers().get(header::RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(seconds.saturating_mul(1000));
    }
    let at = httpdate_to_system_time(value)?;
    Some(at.duration_since(std::time::SystemTime::now()).map(|d| d.as_millis() as u64).unwrap_or(0))
}

/// Parses an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) by rewriting it
/// as RFC 3339; the obsolete HTTP date forms are not accepted.
fn httpdate_to_system_time(value: &str) -> Option<std::time::SystemTime> {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let parts: Vec<&str> = value.split_whitespace().collect();
    let [_, day, month, year, time, "GMT"] = parts.as_slice() else { return None };
    let month = MONTHS.iter().position(|m| m == month)? + 1;
    humantime::parse_rfc3339(&format!("{year}-{month:02}-{day:0>2}T{time}Z")).ok()
}

/// Reads at most `limit` bytes of the body; more is `ResponseTooLarge`.
pub async fn read_capped(mut response: Response, limit: usize) -> Result<Vec<u8>, SweepError> {
    let too_large = || SweepError::ResponseTooLarge { limit_bytes: limit as u64 };
    if response.content_length().is_some_and(|len| len > limit as u64) {
        return Err(too_large());
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|e| transport_error(&e))? {
        if body.len() + chunk.len() > limit {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// Checks the status and the media type, reads the capped body and parses
/// it. A non-JSON answer (an HTML error page, say) or JSON of the wrong
/// shape is `MalformedResponse`.
pub async fn parse_json<T: DeserializeOwned>(response: Response) -> Result<T, SweepError> {
    if !response.status().is_success() {
        return Err(status_error(&response));
    }
    let media_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or_default().trim().to_ascii_lowercase())
        .unwrap_or_default();
    if media_type != "application/json" && !media_type.ends_with("+json") {
        let shown = if media_type.is_empty() { "no content type".to_owned() } else { media_type };
        return Err(SweepError::MalformedResponse { reason: format!("expected JSON, got {shown}") });
    }
    let body = read_capped(response, MAX_RESPONSE_BYTES).await?;
    decode_json(&body)
}

/// Reads a JSON answer's body as `T`: what [`parse_json`] does once the
/// status and media type passed. On its own so that the fuzz targets
/// (`crate::fuzzing`) decode exactly as the network path does.
pub fn decode_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, SweepError> {
    serde_json::from_slice(body).map_err(|e| SweepError::MalformedResponse {
        // serde's message names the field and position, never the data.
        reason: format!("{} at line {} column {}", classify(&e), e.line(), e.column()),
    })
}

fn classify(err: &serde_json::Error) -> &'static str {
    match err.classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => "invalid JSON",
        serde_json::error::Category::Data => "unexpected JSON shape",
        serde_json::error::Category::Io => "unreadable body",
    }
}

/// Sends a JSON request: `GET` when `body` is `None`, else `POST` with the
/// body, with an optional bearer token and extra headers; reads the typed
/// answer through [`parse_json`].
pub async fn send_json<T: DeserializeOwned>(
    url: reqwest::Url,
    bearer: Option<&str>,
    body: Option<&serde_json::Value>,
    headers: &[(&str, String)],
) -> Result<T, SweepError> {
    send_json_within(url, bearer, body, headers, request_timeout()).await
}

/// [`send_json`] with its own time limit: a long poll needs the time it
/// asks the server to wait, on top of the usual limit.
pub async fn send_json_within<T: DeserializeOwned>(
    url: reqwest::Url,
    bearer: Option<&str>,
    body: Option<&serde_json::Value>,
    headers: &[(&str, String)],
    timeout: Duration,
) -> Result<T, SweepError> {
    let mut request = match body {
        None => request(Method::GET, url)?,
        Some(body) => {
            request(Method::POST, url)?.header(header::CONTENT_TYPE, "application/json").body(body.to_string())
        }
    }
    .timeout(timeout);
    request = request.header(header::ACCEPT, "application/json");
    if let Some(token) = bearer {
        request = request.bearer_auth(token);
    }
    for (name, value) in headers {
        request = request.header(*name, value.as_str());
    }
    let response = request.send().await.map_err(|e| transport_error(&e))?;
    parse_json(response).await
}

#[cfg(test)]
mod tests {
    #[test]
    fn http_dates_parse() {
        let t = super::httpdate_to_system_time("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
        assert_eq!(humantime::format_rfc3339(t).to_string(), "1994-11-06T08:49:37Z");
        assert!(super::httpdate_to_system_time("Sunday, 06-Nov-94 08:49:37 GMT").is_none());
    }

    #[test]
    fn plain_http_to_loopback_needs_the_apps_consent() {
        for url in ["http://127.0.0.1:8080/v1", "http://localhost/v1", "http://[::1]:1/"] {
            assert!(super::api_base_with(url, false).is_err(), "{url} allowed without consent");
            assert!(super::api_base_with(url, true).is_ok(), "{url} refused with consent");
        }
        for url in ["http://api.example/v1", "http://10.0.0.1/v1", "ftp://127.0.0.1/"] {
            assert!(super::api_base_with(url, true).is_err(), "{url} is never allowed");
        }
        assert!(super::api_base_with("https://api.example/v1", false).is_ok());
        // Release builds start refusing; debug builds (tests, the sandbox) allowing.
        assert_eq!(super::LOOPBACK_HTTP.load(super::Ordering::Relaxed), cfg!(debug_assertions));
    }
}
