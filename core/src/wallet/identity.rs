//! The wallet's ID capture: check a photo, keep it sealed in the outbox,
//! and upload it resumably; uploads interrupted by a restart carry on.

use std::sync::Arc;

use super::{now_ms, run_blocking, Wallet};
use crate::identity::upload::run_upload;
use crate::identity::{
    capture, outbox, CaptureCheck, CaptureProblem, DocumentSide, DocumentType, UploadListener, UploadPolicy,
    UploadReport,
};
use crate::SweepError;

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
                error: outcome.as_ref().err().map(ToString::to_string),
                report: outcome.ok(),
            });
        }
        Ok(results)
    }
}

#[cfg_attr(feature = "ffi", uniffi::export(async_runtime = "tokio"))]
impl Wallet {
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

    /// How many captures wait in the outbox.
    pub async fn pending_uploads(&self) -> Result<u32, SweepError> {
        Ok(self.with_store(|store| outbox::waiting(store)).await?.len() as u32)
    }
}
