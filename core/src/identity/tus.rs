//! A tus 1.0 client (core protocol plus the creation and termination
//! extensions): create an upload, ask for its offset, send it in chunks,
//! and end it early when needed.

use reqwest::header::{HeaderMap, HeaderValue, CONTENT_TYPE, LOCATION};
use reqwest::{Method, StatusCode, Url};

use crate::sources::http;
use crate::SweepError;

/// The protocol version sent and expected.
pub const TUS_VERSION: &str = "1.0.0";

fn request(method: Method, url: Url) -> Result<reqwest::RequestBuilder, SweepError> {
    Ok(http::request(method, url)?.header("Tus-Resumable", TUS_VERSION))
}

fn status_error(status: StatusCode) -> SweepError {
    match status {
        StatusCode::UNAUTHORIZED => {
            SweepError::AuthExpired { reason: crate::text::tell(crate::text::Msg::NetUploadSessionRefused {}) }
        }
        StatusCode::FORBIDDEN => {
            SweepError::AccessRevoked { reason: crate::text::tell(crate::text::Msg::NetUploadAccessRefused {}) }
        }
        status => SweepError::SourceFailed { status: status.as_u16() },
    }
}

fn offset_of(headers: &HeaderMap) -> Result<u64, SweepError> {
    headers
        .get("Upload-Offset")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(|| SweepError::MalformedResponse { reason: "no Upload-Offset in the answer".into() })
}

/// tus metadata: `key base64(value)` pairs, comma-separated.
fn metadata(pairs: &[(&str, &str)]) -> String {
    use base64::Engine;
    pairs
        .iter()
        .map(|(k, v)| format!("{k} {}", base64::engine::general_purpose::STANDARD.encode(v)))
        .collect::<Vec<_>>()
        .join(",")
}

/// `POST` to the creation endpoint; returns the new upload's URL.
pub async fn create(endpoint: &str, length: u64, meta: &[(&str, &str)]) -> Result<Url, SweepError> {
    let base = http::api_base(endpoint)?;
    let response = request(Method::POST, base.clone())?
        .header("Upload-Length", length.to_string())
        .header("Upload-Metadata", metadata(meta))
        .send()
        .await
        .map_err(|e| http::transport_error(&e))?;
    created_url(&base, response.status(), response.headers())
}

/// The new upload's URL from the answer to `POST`: a `201` whose `Location`
/// resolves, against the creation endpoint `base`, to a URL Sweep may send
/// a photo to (`http::api_base` decides).
pub(crate) fn created_url(base: &Url, status: StatusCode, headers: &HeaderMap) -> Result<Url, SweepError> {
    if status != StatusCode::CREATED {
        return Err(status_error(status));
    }
    let location = headers
        .get(LOCATION)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| SweepError::MalformedResponse { reason: "no Location for the new upload".into() })?;
    let url =
        base.join(location).map_err(|_| SweepError::MalformedResponse { reason: "a bad upload Location".into() })?;
    http::api_base(url.as_str())?;
    Ok(url)
}

/// `HEAD`: how much of the upload the server has.
pub async fn offset(upload: &Url) -> Result<u64, SweepError> {
    let response = request(Method::HEAD, upload.clone())?
        .header("Cache-Control", "no-store")
        .send()
        .await
        .map_err(|e| http::transport_error(&e))?;
    head_offset(response.status(), response.headers())
}

/// The server's offset from its answer to `HEAD`.
pub(crate) fn head_offset(status: StatusCode, headers: &HeaderMap) -> Result<u64, SweepError> {
    if !status.is_success() {
        return Err(status_error(status));
    }
    offset_of(headers)
}

/// `PATCH` one chunk at `at`; returns the server's new offset.
pub async fn patch(upload: &Url, at: u64, chunk: Vec<u8>) -> Result<u64, SweepError> {
    let response = request(Method::PATCH, upload.clone())?
        .header(CONTENT_TYPE, HeaderValue::from_static("application/offset+octet-stream"))
        .header("Upload-Offset", at.to_string())
        .body(chunk)
        .send()
        .await
        .map_err(|e| http::transport_error(&e))?;
    patched_offset(response.status(), response.headers())
}

/// The server's new offset from its answer to `PATCH`.
pub(crate) fn patched_offset(status: StatusCode, headers: &HeaderMap) -> Result<u64, SweepError> {
    if status != StatusCode::NO_CONTENT {
        return Err(status_error(status));
    }
    offset_of(headers)
}

/// `DELETE`: ends the upload and lets the server drop what it has.
pub async fn terminate(upload: &Url) -> Result<(), SweepError> {
    let response = request(Method::DELETE, upload.clone())?.send().await.map_err(|e| http::transport_error(&e))?;
    terminated(response.status())
}

/// What the answer to `DELETE` means: gone, or already forgotten, is done.
pub(crate) fn terminated(status: StatusCode) -> Result<(), SweepError> {
    match status {
        StatusCode::NO_CONTENT | StatusCode::NOT_FOUND | StatusCode::GONE => Ok(()),
        status => Err(status_error(status)),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn metadata_is_base64_per_value() {
        assert_eq!(
            super::metadata(&[("filetype", "image/jpeg"), ("side", "front")]),
            "filetype aW1hZ2UvanBlZw==,side ZnJvbnQ="
        );
    }
}
