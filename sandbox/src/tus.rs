//! A small tus 1.0 server (core, creation, termination) for ID captures:
//! what the provider's verification sessions hand out. Uploads can be
//! created, resumed and ended, never downloaded.

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::{Path, State as Extract};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, post};
use axum::Router;

use crate::State;

/// The largest upload accepted.
const MAX_SIZE: u64 = 20 * 1024 * 1024;

/// Uploads by id: declared length, the bytes received, and the
/// verification session they belong to.
#[derive(Default)]
pub struct Uploads {
    next: u64,
    files: BTreeMap<String, (u64, Vec<u8>)>,
    sessions: BTreeMap<String, String>,
}

impl Uploads {
    /// Whether a session has an upload, and whether one is finished.
    pub fn session_progress(&self, session: &str) -> (bool, bool) {
        let ids: Vec<&String> = self.sessions.iter().filter(|(_, s)| *s == session).map(|(id, _)| id).collect();
        let finished = ids.iter().any(|id| self.finished(id).is_some());
        (!ids.is_empty(), finished)
    }

    /// How many uploads it holds.
    pub fn held(&self) -> usize {
        self.files.len()
    }

    /// A finished upload's bytes.
    pub fn finished(&self, id: &str) -> Option<Vec<u8>> {
        self.files.get(id).filter(|(len, bytes)| *len == bytes.len() as u64).map(|(_, bytes)| bytes.clone())
    }

    /// Deletes every upload of a session; how many there were.
    pub fn forget_session(&mut self, session: &str) -> usize {
        let ids: Vec<String> = self.sessions.iter().filter(|(_, s)| *s == session).map(|(id, _)| id.clone()).collect();
        for id in &ids {
            self.sessions.remove(id);
            self.files.remove(id);
        }
        ids.len()
    }
}

pub(crate) fn routes() -> Router<State> {
    Router::new()
        .route("/tus/files", post(create).options(options))
        .route("/tus/files/", post(create).options(options))
        .route("/tus/files/{id}", any(upload))
        .route("/tus/sessions/{session}/files/", post(create_for_session))
}

fn tus(status: StatusCode) -> Response {
    let mut response = status.into_response();
    response.headers_mut().insert("Tus-Resumable", HeaderValue::from_static("1.0.0"));
    response
}

fn number(headers: &HeaderMap, name: &str) -> Option<u64> {
    headers.get(name)?.to_str().ok()?.trim().parse().ok()
}

async fn options() -> Response {
    let mut response = tus(StatusCode::NO_CONTENT);
    let h = response.headers_mut();
    h.insert("Tus-Version", HeaderValue::from_static("1.0.0"));
    h.insert("Tus-Extension", HeaderValue::from_static("creation,termination"));
    h.insert("Tus-Max-Size", HeaderValue::from(MAX_SIZE));
    response
}

async fn create_for_session(
    Extract(state): Extract<State>,
    Path(session): Path<String>,
    headers: HeaderMap,
) -> Response {
    create_upload(&state, &headers, Some(session))
}

async fn create(Extract(state): Extract<State>, headers: HeaderMap) -> Response {
    create_upload(&state, &headers, None)
}

fn create_upload(state: &State, headers: &HeaderMap, session: Option<String>) -> Response {
    if headers.get("Tus-Resumable").and_then(|v| v.to_str().ok()) != Some("1.0.0") {
        return tus(StatusCode::PRECONDITION_FAILED);
    }
    let Some(length) = number(headers, "Upload-Length") else { return tus(StatusCode::BAD_REQUEST) };
    if length > MAX_SIZE {
        return tus(StatusCode::PAYLOAD_TOO_LARGE);
    }
    let mut uploads = state.uploads.lock().unwrap_or_else(|p| p.into_inner());
    uploads.next += 1;
    let id = format!("up-{:05}", uploads.next);
    uploads.files.insert(id.clone(), (length, Vec::new()));
    if let Some(session) = session {
        uploads.sessions.insert(id.clone(), session);
    }
    let mut response = tus(StatusCode::CREATED);
    if let Ok(location) = HeaderValue::from_str(&format!("/tus/files/{id}")) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}

async fn upload(
    Extract(state): Extract<State>,
    Path(id): Path<String>,
    method: axum::http::Method,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let mut uploads = state.uploads.lock().unwrap_or_else(|p| p.into_inner());
    if method == axum::http::Method::GET {
        // An ID photo goes one way only.
        return tus(StatusCode::METHOD_NOT_ALLOWED);
    }
    let Some((length, bytes)) = uploads.files.get_mut(&id) else { return tus(StatusCode::NOT_FOUND) };
    match method.as_str() {
        "HEAD" => {
            let mut response = tus(StatusCode::OK);
            let h = response.headers_mut();
            h.insert("Upload-Offset", HeaderValue::from(bytes.len() as u64));
            h.insert("Upload-Length", HeaderValue::from(*length));
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }
        "PATCH" if state.knobs().uploads_refused => tus(StatusCode::FORBIDDEN),
        "PATCH" => {
            let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok());
            if content_type != Some("application/offset+octet-stream") {
                return tus(StatusCode::UNSUPPORTED_MEDIA_TYPE);
            }
            if number(&headers, "Upload-Offset") != Some(bytes.len() as u64) {
                return tus(StatusCode::CONFLICT);
            }
            if bytes.len() as u64 + body.len() as u64 > *length {
                return tus(StatusCode::PAYLOAD_TOO_LARGE);
            }
            bytes.extend_from_slice(&body);
            let mut response = tus(StatusCode::NO_CONTENT);
            response.headers_mut().insert("Upload-Offset", HeaderValue::from(bytes.len() as u64));
            response
        }
        "DELETE" => {
            uploads.files.remove(&id);
            tus(StatusCode::NO_CONTENT)
        }
        _ => tus(StatusCode::METHOD_NOT_ALLOWED),
    }
}
