//! Resumable upload of a capture from the outbox over tus: created once
//! (its URL sealed in the outbox at once), then sent in chunks. After a
//! dropped connection, and after an app restart, the server's offset
//! (`HEAD`) says where to go on, so at most the one chunk in flight is sent
//! again. Failures back off exponentially. The outbox row is deleted only
//! when the server holds every byte; a source file that changed meanwhile
//! ends the upload and leaves nothing behind.

use std::sync::Arc;
use std::time::Duration;

use reqwest::Url;

use super::capture::{looks_unchanged, unchanged};
use super::{outbox, tus, CaptureProblem};
use crate::sources::sync::with_store;
use crate::sources::SharedStore;
use crate::SweepError;

/// Receives upload progress. It may be called on any thread and never
/// while Sweep holds a lock; keep it short.
#[cfg_attr(feature = "ffi", uniffi::export(with_foreign))]
pub trait UploadListener: Send + Sync {
    /// More of a capture reached the server.
    fn on_progress(&self, progress: UploadProgress);
}

/// How far an upload is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct UploadProgress {
    /// The capture.
    pub capture_id: u64,
    /// Bytes the server has.
    pub sent_bytes: u64,
    /// Bytes in all.
    pub total_bytes: u64,
}

/// How an upload ended.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct UploadReport {
    /// The capture.
    pub capture_id: u64,
    /// Its size.
    pub total_bytes: u64,
    /// Where this run started: more than zero when it resumed.
    pub resumed_from: u64,
    /// Connections lost on the way.
    pub drops: u32,
    /// Bytes put on the wire by this run, repeats included.
    pub bytes_sent: u64,
    /// The upload's URL on the server.
    pub upload_url: String,
}

/// Chunk size and retry rules.
#[derive(Debug, Clone)]
pub struct UploadPolicy {
    /// Bytes per `PATCH`.
    pub chunk_bytes: usize,
    /// Failures in a row before the upload stops (it stays in the outbox).
    pub max_failures: u32,
    /// The first backoff; it doubles per failure.
    pub base_backoff: Duration,
    /// The longest backoff.
    pub max_backoff: Duration,
}

impl Default for UploadPolicy {
    fn default() -> Self {
        UploadPolicy {
            chunk_bytes: 256 * 1024,
            max_failures: 6,
            base_backoff: Duration::from_millis(300),
            max_backoff: Duration::from_secs(10),
        }
    }
}

fn retryable(err: &SweepError) -> bool {
    match err {
        SweepError::Network { .. } | SweepError::Timeout { .. } | SweepError::RateLimited { .. } => true,
        // 409: the offsets disagree; 423: the upload is locked by a dying request; 429: slow down.
        SweepError::SourceFailed { status } => *status >= 500 || matches!(status, 409 | 423 | 429),
        _ => false,
    }
}

/// The server forgot the upload: start it again.
fn forgotten(err: &SweepError) -> bool {
    matches!(err, SweepError::SourceFailed { status: 404 | 410 })
}

/// The file checks read the disk (up to 15 MB for the digest): off the
/// caller's thread. A file that is gone is fine — the sealed copy is what
/// uploads; only a file that is there and different counts as changed.
async fn source_changed(pending: &outbox::Pending, full: bool) -> bool {
    let (path, fingerprint) = (pending.path.clone(), pending.fingerprint.clone());
    tokio::task::spawn_blocking(move || {
        if !std::path::Path::new(&path).exists() {
            return false;
        }
        if full {
            !unchanged(&path, &fingerprint)
        } else {
            !looks_unchanged(&path, &fingerprint)
        }
    })
    .await
    .unwrap_or(true)
}

/// An offset the server reported, checked against the upload's size.
pub(crate) fn checked_offset(offset: u64, total: u64) -> Result<u64, SweepError> {
    if offset > total {
        return Err(SweepError::MalformedResponse { reason: "the server claims more bytes than were sent".into() });
    }
    Ok(offset)
}

fn backoff(policy: &UploadPolicy, failures: u32) -> Duration {
    policy.base_backoff.saturating_mul(1 << failures.min(16)).min(policy.max_backoff)
}

fn notify(listener: &Option<Arc<dyn UploadListener>>, capture_id: i64, sent: u64, total: u64) {
    if let Some(listener) = listener {
        listener.on_progress(UploadProgress { capture_id: capture_id as u64, sent_bytes: sent, total_bytes: total });
    }
}

/// Calls `step` until it works, backing off between tries.
async fn retrying<T, F, Fut>(policy: &UploadPolicy, drops: &mut u32, mut step: F) -> Result<T, SweepError>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, SweepError>>,
{
    let mut failures = 0;
    loop {
        match step().await {
            Ok(value) => return Ok(value),
            Err(err) if retryable(&err) && failures + 1 < policy.max_failures => {
                failures += 1;
                *drops += 1;
                tokio::time::sleep(backoff(policy, failures)).await;
            }
            Err(err) => return Err(err),
        }
    }
}

/// Uploads (or resumes) outbox entry `id`.
pub async fn run_upload(
    store: &SharedStore,
    id: i64,
    policy: &UploadPolicy,
    listener: Option<Arc<dyn UploadListener>>,
) -> Result<UploadReport, SweepError> {
    let (body, mut pending) = with_store(store, move |s| outbox::load(s, id)).await?;
    let total = body.len() as u64;
    let mut drops = 0;
    let mut resumed_at = None;
    if let Some(url) = &pending.upload_url {
        let url = Url::parse(url).map_err(|_| SweepError::invalid("upload_url", "not a URL"))?;
        match retrying(policy, &mut drops, || tus::offset(&url)).await {
            Ok(offset) => resumed_at = Some((url, checked_offset(offset, total)?)),
            // The server forgot it (expired, cleaned up): start again below.
            Err(err) if forgotten(&err) => {
                tracing::info!(capture_id = id, "the server forgot the upload; starting again")
            }
            Err(err) => return Err(err),
        }
    }
    let (url, mut offset) = match resumed_at {
        Some(found) => found,
        None => (create(store, id, &mut pending, total, policy, &mut drops).await?, 0),
    };
    let resumed_from = offset;
    let mut bytes_sent = 0u64;
    let mut failures = 0;
    while offset < total {
        if source_changed(&pending, false).await {
            return abandon(store, id, &url).await;
        }
        let end = (offset as usize + policy.chunk_bytes).min(body.len());
        let chunk = body[offset as usize..end].to_vec();
        bytes_sent += chunk.len() as u64;
        let sent = tus::patch(&url, offset, chunk).await.and_then(|new| checked_offset(new, total));
        let outcome = match sent {
            // A server that keeps answering without taking anything is failing.
            Ok(new_offset) if new_offset <= offset => Err(SweepError::SourceFailed { status: 409 }),
            other => other,
        };
        match outcome {
            Ok(new_offset) => {
                offset = new_offset;
                failures = 0;
                notify(&listener, id, offset, total);
            }
            Err(err) if retryable(&err) && failures + 1 < policy.max_failures => {
                failures += 1;
                drops += 1;
                tracing::debug!(
                    capture_id = id,
                    count = drops,
                    "upload interrupted; resuming from the server's offset"
                );
                tokio::time::sleep(backoff(policy, failures)).await;
                offset = checked_offset(retrying(policy, &mut drops, || tus::offset(&url)).await?, total)?;
            }
            Err(err) => return Err(err),
        }
    }
    if source_changed(&pending, true).await {
        return abandon(store, id, &url).await;
    }
    with_store(store, move |s| outbox::remove(s, id)).await?;
    tracing::info!(capture_id = id, count = drops, "capture uploaded");
    Ok(UploadReport {
        capture_id: id as u64,
        total_bytes: total,
        resumed_from,
        drops,
        bytes_sent,
        upload_url: url.to_string(),
    })
}

/// Creates the upload on the server and seals its URL in the outbox before
/// a byte is sent, so a restart resumes it instead of starting over.
async fn create(
    store: &SharedStore,
    id: i64,
    pending: &mut outbox::Pending,
    total: u64,
    policy: &UploadPolicy,
    drops: &mut u32,
) -> Result<Url, SweepError> {
    let (filetype, extension) = if pending.fingerprint_is_png() { ("image/png", "png") } else { ("image/jpeg", "jpg") };
    let (document, side) = (pending.document_type.code(), pending.side.code());
    // `filename` too: common tus servers want it to accept or resume an
    // upload. It names the document's kind and side, nothing of the user.
    let filename = format!("{document}-{side}.{extension}");
    let meta = [("filename", filename.as_str()), ("filetype", filetype), ("document_type", document), ("side", side)];
    let endpoint = pending.endpoint.clone();
    let url = retrying(policy, drops, || tus::create(&endpoint, total, &meta)).await?;
    pending.upload_url = Some(url.to_string());
    let saved = pending.clone();
    with_store(store, move |s| outbox::update(s, id, &saved)).await?;
    Ok(url)
}

/// The source file changed: end the upload on the server and forget it.
async fn abandon(store: &SharedStore, id: i64, url: &Url) -> Result<UploadReport, SweepError> {
    if tus::terminate(url).await.is_err() {
        tracing::warn!(capture_id = id, "could not end the abandoned upload on the server");
    }
    with_store(store, move |s| outbox::remove(s, id)).await?;
    Err(SweepError::CaptureRejected {
        problem: CaptureProblem::ChangedDuringUpload,
        detail: "the photo changed while it was uploading; take or choose it again".into(),
    })
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use super::*;

    fn policy(max_failures: u32) -> UploadPolicy {
        UploadPolicy {
            chunk_bytes: 1_024,
            max_failures,
            base_backoff: Duration::from_millis(10),
            max_backoff: Duration::from_millis(50),
        }
    }

    #[test]
    fn the_backoff_doubles_then_stops_at_its_cap() {
        let waits: Vec<u128> = (1..=5).map(|f| backoff(&policy(6), f).as_millis()).collect();
        assert_eq!(waits, [20, 40, 50, 50, 50]);
    }

    #[tokio::test]
    async fn retries_wait_out_each_backoff_and_give_up_on_a_lasting_failure() {
        let (mut drops, mut calls) = (0, 0);
        let started = Instant::now();
        let result: Result<(), SweepError> = retrying(&policy(4), &mut drops, || {
            calls += 1;
            async { Err(SweepError::Network { reason: "cut".into() }) }
        })
        .await;
        assert_eq!(result, Err(SweepError::Network { reason: "cut".into() }));
        assert_eq!((calls, drops), (4, 3), "four tries, three waits");
        assert!(started.elapsed() >= Duration::from_millis(20 + 40 + 50), "{:?}", started.elapsed());

        // A refusal that no retry can fix ends at once.
        let mut calls = 0;
        let refused: Result<(), SweepError> = retrying(&policy(4), &mut drops, || {
            calls += 1;
            async { Err(SweepError::SourceFailed { status: 403 }) }
        })
        .await;
        assert!(refused.is_err());
        assert_eq!(calls, 1);
    }
}
