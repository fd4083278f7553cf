//! The wallet's ID capture: check a photo, keep it sealed in the outbox,
//! and upload it resumably; uploads interrupted by a restart carry on.

use std::sync::Arc;

use super::{now_ms, run_blocking, Wallet};
use crate::fees::cached_schedule;
use crate::identity::camara::{self, KycClaims, KycMatch};
use crate::identity::tiers::{load_identity, raise_tier, set_verified_name};
use crate::identity::upload::run_upload;
use crate::identity::{
    capture, outbox, session, CaptureCheck, CaptureProblem, DocumentSide, DocumentType, Tier, TierLimits,
    UploadListener, UploadPolicy, UploadReport, VerificationSession, VerificationStatus,
};
use crate::sources::SourceEndpoint;
use crate::SweepError;

/// The user's tier and what it allows.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct IdentityStatus {
    /// The tier reached.
    pub tier: Tier,
    /// Its limits per currency, as the provider published them.
    pub limits: Vec<TierLimits>,
}

/// A photo of a document to upload.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct CaptureSubmission {
    /// The photo's file path (the app passes a path, never the bytes).
    pub path: String,
    /// The document.
    pub document_type: DocumentType,
    /// Its side.
    pub side: DocumentSide,
    /// The tus creation endpoint the verification session gave.
    pub upload_endpoint: String,
}

/// An accepted and uploaded capture.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct CaptureReceipt {
    /// What the checks found.
    pub check: CaptureCheck,
    /// How the upload went.
    pub upload: UploadReport,
}

/// One resumed upload's outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct UploadResult {
    /// The capture.
    pub capture_id: u64,
    /// How it went, when it finished.
    pub report: Option<UploadReport>,
    /// Why not, in a sentence; it stays in the outbox unless the photo changed.
    pub error: Option<String>,
    /// True when trying again cannot help: the server refused the upload
    /// for good. Discard it with `discardUpload` and submit the photo again.
    pub final_error: bool,
}

/// An answer no retry can change: the server refused this upload (a 4xx
/// other than a conflict, a lock, a timeout or "slow down"), or the entry
/// itself is unusable. A network failure, a timeout or a 5xx may pass.
fn final_upload_error(err: &SweepError) -> bool {
    match err {
        SweepError::SourceFailed { status } => (400..500).contains(status) && !matches!(status, 408 | 409 | 423 | 429),
        SweepError::AuthExpired { .. }
        | SweepError::AccessRevoked { .. }
        | SweepError::InvalidInput { .. }
        | SweepError::MalformedResponse { .. } => true,
        _ => false,
    }
}

/// What the app shows for a failed upload, in the wallet's language: the
/// cause, and for a final one what to do about it.
fn upload_error_text(err: &SweepError) -> String {
    if final_upload_error(err) {
        let mut cause = err.sentence();
        if !cause.ends_with('.') {
            cause.push('.');
        }
        crate::text::tell(crate::text::Msg::UploadFinal { error: cause.into() })
    } else {
        err.sentence()
    }
}

impl Wallet {
    /// [`Wallet::submit_capture`] with a chosen chunk size and retry rules.
    pub async fn submit_capture_with(
        &self,
        submission: CaptureSubmission,
        policy: &UploadPolicy,
        listener: Option<Arc<dyn UploadListener>>,
    ) -> Result<CaptureReceipt, SweepError> {
        crate::sources::http::api_base(&submission.upload_endpoint)
            .map_err(|_| SweepError::invalid("upload_endpoint", "must use https (plain http only on loopback)"))?;
        let path = submission.path.clone();
        let (checked, fingerprint) = run_blocking(move || {
            let (bytes, fingerprint) = capture::read_capture(&path)?;
            Ok((capture::inspect(&bytes)?, fingerprint))
        })
        .await?;
        if let Some(issue) = checked.check.issues.first() {
            return Err(SweepError::CaptureRejected {
                problem: CaptureProblem::PoorQuality,
                detail: issue.advice.clone(),
            });
        }
        let pending = outbox::Pending {
            endpoint: submission.upload_endpoint,
            upload_url: None,
            document_type: submission.document_type,
            side: submission.side,
            path: submission.path,
            fingerprint,
            png: checked.check.format == crate::identity::ImageFormat::Png,
        };
        let clean = checked.clean;
        let id = self.with_store(move |store| outbox::add(store, &clean, &pending, now_ms())).await?;
        tracing::info!(capture_id = id, "capture accepted and sealed in the outbox");
        let upload = run_upload(&self.store, id, policy, listener).await?;
        Ok(CaptureReceipt { check: checked.check, upload })
    }

    /// [`Wallet::resume_uploads`] with chosen rules.
    pub async fn resume_uploads_with(
        &self,
        policy: &UploadPolicy,
        listener: Option<Arc<dyn UploadListener>>,
    ) -> Result<Vec<UploadResult>, SweepError> {
        let waiting = self.with_store(|store| outbox::waiting(store)).await?;
        let mut results = Vec::with_capacity(waiting.len());
        for id in waiting {
            let outcome = run_upload(&self.store, id, policy, listener.clone()).await;
            results.push(UploadResult {
                capture_id: id as u64,
                error: outcome.as_ref().err().map(upload_error_text),
                final_error: outcome.as_ref().err().is_some_and(final_upload_error),
                report: outcome.ok(),
            });
        }
        Ok(results)
    }
}

impl Wallet {
    /// The access token of a linked carrier-billing source (a three-legged
    /// user token from the operator's PKCE sign-in), for a call to `api_url`.
    /// The token only ever goes to the operator that issued it: `api_url`
    /// must be on the same host as the operator's carrier-billing API.
    pub(super) async fn operator_token(&self, source_id: u64, api_url: &str) -> Result<String, SweepError> {
        let not_operator = || SweepError::invalid("operator_source_id", "not a linked mobile operator source");
        self.ensure_open().await?;
        let linked = self.linked(source_id).ok_or_else(not_operator)?;
        let (endpoint, token) = linked.fresh_token().await?;
        let SourceEndpoint::CarrierBilling { billing_base_url, .. } = &endpoint else {
            return Err(not_operator());
        };
        let host = |u: &str| {
            url::Url::parse(u).ok().and_then(|u| u.host_str().map(str::to_owned).zip(u.port_or_known_default()))
        };
        if host(api_url).is_none() || host(api_url) != host(billing_base_url) {
            return Err(SweepError::invalid("api_url", "the operator's token only goes to the operator's own host"));
        }
        Ok(token)
    }
}

#[cfg_attr(feature = "ffi", uniffi::export(async_runtime = "tokio"))]
impl Wallet {
    /// The user's tier, and its limits per currency.
    pub async fn identity(&self) -> Result<IdentityStatus, SweepError> {
        self.with_store(|store| {
            let tier = load_identity(store)?.tier;
            let limits = cached_schedule(store)?.map(|c| c.tiers).unwrap_or_default();
            Ok(IdentityStatus { tier, limits: limits.into_iter().filter(|l| l.tier == tier).collect() })
        })
        .await
    }

    /// Opens a verification session with the provider (the one the fee
    /// schedule came from); submit its captures to `uploadUrl`.
    pub async fn start_verification(&self, document_type: DocumentType) -> Result<VerificationSession, SweepError> {
        let provider = self.provider().await?;
        let opened = session::open(&provider, document_type).await?;
        let id = opened.session_id.clone();
        self.with_store(move |store| crate::identity::tiers::remember_session(store, &id)).await?;
        tracing::info!("verification session opened");
        Ok(opened)
    }

    /// Where a verification session stands; once it is verified, the
    /// user's tier rises to what it grants.
    pub async fn verification_status(&self, session_id: String) -> Result<VerificationSession, SweepError> {
        let provider = self.provider().await?;
        let current = session::status(&provider, &session_id).await?;
        if current.status == VerificationStatus::Verified {
            let tier = current.tier.unwrap_or(Tier::IdVerified);
            let name = current.verified_name.clone().filter(|n| !n.trim().is_empty() && n.chars().count() <= 100);
            self.with_store(move |store| {
                raise_tier(store, tier)?;
                name.map_or(Ok(()), |name| set_verified_name(store, &name).map(drop))
            })
            .await?;
        }
        Ok(current)
    }

    /// Asks the mobile operator (CAMARA Number Verification) whether this
    /// device's number is `phone_number`, with the token of the linked
    /// operator source. A match raises an unverified user to phone-verified.
    pub async fn verify_phone_number(
        &self,
        operator_source_id: u64,
        number_verification_url: String,
        phone_number: String,
    ) -> Result<bool, SweepError> {
        let token = self.operator_token(operator_source_id, &number_verification_url).await?;
        let verified = camara::verify_number(&number_verification_url, &token, &phone_number).await?;
        if verified {
            self.with_store(|store| raise_tier(store, Tier::PhoneVerified)).await?;
        }
        tracing::info!(verified, "number verification answered");
        Ok(verified)
    }

    /// Asks the mobile operator (CAMARA KYC Match) whether the name,
    /// birthdate and ID number match its records.
    pub async fn match_kyc(
        &self,
        operator_source_id: u64,
        kyc_match_url: String,
        claims: KycClaims,
    ) -> Result<KycMatch, SweepError> {
        let token = self.operator_token(operator_source_id, &kyc_match_url).await?;
        camara::match_kyc(&kyc_match_url, &token, &claims).await
    }

    /// Checks the photo at `submission.path`, removes its metadata, seals it
    /// in the outbox and uploads it with tus, reporting progress. A photo
    /// with quality problems is refused (`CaptureRejected` with
    /// `PoorQuality`) before anything is stored. If the upload is cut off,
    /// the capture stays sealed in the outbox: `resumeUploads` carries on
    /// from what the server has.
    pub async fn submit_capture(
        &self,
        submission: CaptureSubmission,
        listener: Option<Arc<dyn UploadListener>>,
    ) -> Result<CaptureReceipt, SweepError> {
        self.submit_capture_with(submission, &UploadPolicy::default(), listener).await
    }

    /// Carries on every upload still in the outbox, for example after the
    /// app restarted, from the offset each server reports.
    pub async fn resume_uploads(
        &self,
        listener: Option<Arc<dyn UploadListener>>,
    ) -> Result<Vec<UploadResult>, SweepError> {
        self.resume_uploads_with(&UploadPolicy::default(), listener).await
    }

    /// Gives up an upload waiting in the outbox (one whose result said
    /// `final_error`, or one the user no longer wants): ends it on the
    /// server when it was started there (best effort), then deletes the
    /// sealed capture. An unknown id is `InvalidInput`.
    pub async fn discard_upload(&self, capture_id: u64) -> Result<(), SweepError> {
        let id = i64::try_from(capture_id).map_err(|_| SweepError::invalid("capture_id", "no such capture"))?;
        let pending = self.with_store(move |store| outbox::load_pending(store, id)).await?;
        if let Some(url) = pending.upload_url.as_deref().and_then(|u| url::Url::parse(u).ok()) {
            if crate::identity::tus::terminate(&url).await.is_err() {
                tracing::warn!(capture_id = id, "could not end the discarded upload on the server");
            }
        }
        self.with_store(move |store| outbox::remove(store, id)).await?;
        tracing::info!(capture_id = id, "capture discarded");
        Ok(())
    }

    /// How many captures wait in the outbox.
    pub async fn pending_uploads(&self) -> Result<u32, SweepError> {
        Ok(self.with_store(|store| outbox::waiting(store)).await?.len() as u32)
    }
}
