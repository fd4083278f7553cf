//! The tus server's answers: the status and headers the upload client
//! reads after each request (`identity::tus`), then the offset checks of
//! the resumable upload (`identity::upload`).

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::{StatusCode, Url};

use crate::identity::tus::{created_url, head_offset, patched_offset, terminated};
use crate::identity::upload::checked_offset;

/// The size of the upload the answers are about.
const UPLOAD_BYTES: u64 = 250_000;

/// Reads `data` as an HTTP response head (`HTTP/1.1 204 No Content`, then
/// `Name: value` lines) and takes it as the answer to each tus request:
/// the creation `POST`, `HEAD`, `PATCH` and `DELETE`.
pub fn tus_answer(data: &[u8]) {
    let Some((status, headers)) = response_head(data) else { return };
    let endpoint = Url::parse("https://upload.example/files/").expect("a valid URL");
    if let Ok(upload) = created_url(&endpoint, status, &headers) {
        // Where a photo goes: https, or plain http on loopback, and never
        // with credentials in the URL.
        let loopback = matches!(upload.host_str(), Some("localhost" | "127.0.0.1" | "[::1]"));
        assert!(upload.scheme() == "https" || (upload.scheme() == "http" && loopback), "{upload}");
        assert!(upload.username().is_empty() && upload.password().is_none(), "{upload}");
    }
    for offset in [head_offset(status, &headers), patched_offset(status, &headers)].into_iter().flatten() {
        if let Ok(checked) = checked_offset(offset, UPLOAD_BYTES) {
            assert!(checked <= UPLOAD_BYTES);
        }
    }
    let _ = terminated(status);
}

/// The status and headers of a response head; `None` without a status
/// line. Header lines that are not valid HTTP are left out, as a client
/// never sees them.
fn response_head(data: &[u8]) -> Option<(StatusCode, HeaderMap)> {
    let mut lines = data.split(|b| *b == b'\n').map(|line| line.strip_suffix(b"\r").unwrap_or(line));
    let status_line = lines.next()?;
    let code = status_line.split(|b| *b == b' ').nth(1)?;
    let status = StatusCode::from_bytes(code).ok()?;
    let mut headers = HeaderMap::new();
    for line in lines {
        let Some(colon) = line.iter().position(|b| *b == b':') else { continue };
        let (name, value) = (&line[..colon], line[colon + 1..].trim_ascii());
        if let (Ok(name), Ok(value)) = (HeaderName::from_bytes(name), HeaderValue::from_bytes(value)) {
            headers.append(name, value);
        }
    }
    Some((status, headers))
}
