//! Verification sessions at the provider (`docs/provider-api.yaml`): the
//! provider opens a session and hands out the tus endpoint for its
//! captures; the session then moves `created → uploading → processing →
//! verified`, or ends `rejected` (with a reason and the tries left),
//! `needs_resubmission` or `expired`.

use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use super::tiers::{Tier, TierList};
use super::DocumentType;
use crate::sources::http;
use crate::SweepError;

/// Where a verification stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum VerificationStatus {
    /// Opened; nothing uploaded yet.
    Created,
    /// Captures are arriving.
    Uploading,
    /// The provider is checking them.
    Processing,
    /// The identity is verified.
    Verified,
    /// Refused; see the reason and the tries left.
    Rejected,
    /// A capture must be taken again.
    NeedsResubmission,
    /// The session ran out.
    Expired,
}

/// A verification session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct VerificationSession {
    /// The provider's id.
    pub session_id: String,
    /// Where it stands.
    pub status: VerificationStatus,
    /// The tus endpoint for this session's captures.
    pub upload_url: String,
    /// When it ends.
    #[serde(with = "crate::sources::rfc3339")]
    pub expires_at: SystemTime,
    /// Tries left after a rejection.
    pub retries_left: u32,
    /// A machine-readable reason, when rejected or to resubmit.
    #[serde(default)]
    pub reason_code: Option<String>,
    /// The reason in a sentence the user can read.
    #[serde(default)]
    pub reason: Option<String>,
    /// The tier this session grants once verified.
    #[serde(default)]
    pub tier: Option<Tier>,
    /// The holder's name on the verified document, once verified.
    #[serde(default)]
    pub verified_name: Option<String>,
}

fn url(base: &str, path: &str) -> Result<reqwest::Url, SweepError> {
    http::api_base(base)?.join(path).map_err(|e| SweepError::invalid("provider_url", e.to_string()))
}

/// A session id as a plain token: letters, digits, `-` and `_`.
fn plain_id(id: &str) -> bool {
    (1..=128).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The session in the provider's answer, checked: a plain id, the one
/// asked about if any, and an upload URL Sweep may send a photo to.
pub(crate) fn checked(session: VerificationSession, asked: Option<&str>) -> Result<VerificationSession, SweepError> {
    if !plain_id(&session.session_id) || asked.is_some_and(|a| a != session.session_id) {
        return Err(SweepError::MalformedResponse { reason: "the provider answered for another session".into() });
    }
    http::api_base(&session.upload_url)
        .map_err(|_| SweepError::MalformedResponse { reason: "the session's upload URL is not https".into() })?;
    Ok(session)
}

/// `POST /verification-sessions`.
pub async fn open(base: &str, document_type: DocumentType) -> Result<VerificationSession, SweepError> {
    let body = serde_json::json!({ "document_type": document_type });
    checked(http::send_json(url(base, "verification-sessions")?, None, Some(&body), &[]).await?, None)
}

/// `GET /verification-sessions/{id}`.
pub async fn status(base: &str, session_id: &str) -> Result<VerificationSession, SweepError> {
    if !plain_id(session_id) {
        return Err(SweepError::invalid("session_id", "not a session id"));
    }
    let answer = http::send_json(url(base, &format!("verification-sessions/{session_id}"))?, None, None, &[]).await?;
    checked(answer, Some(session_id))
}

/// `GET /tiers`, validated.
pub async fn tiers(base: &str) -> Result<TierList, SweepError> {
    let list: TierList = http::send_json(url(base, "tiers")?, None, None, &[]).await?;
    list.validate()?;
    Ok(list)
}
