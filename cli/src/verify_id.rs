//! `sweep verify-id`: check an ID photo, say what to fix, and upload it
//! with a progress bar. Also the demo's ID step, with proof that the GPS
//! position in the photo never left the device.

use std::io::Cursor;
use std::sync::Arc;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};
use sweep_core::identity::{
    check_capture, CaptureCheck, DocumentSide, DocumentType, ImageFormat, UploadListener, UploadProgress,
};
use sweep_core::wallet::{CaptureReceipt, CaptureSubmission};
use sweep_core::{SweepError, Wallet};

/// Moves a byte progress bar.
struct Bar(ProgressBar);

impl UploadListener for Bar {
    fn on_progress(&self, progress: UploadProgress) {
        self.0.set_length(progress.total_bytes);
        self.0.set_position(progress.sent_bytes);
    }
}

/// The checks in a few lines: what the photo is, and what to fix.
pub fn describe(check: &CaptureCheck) -> String {
    let format = match check.format {
        ImageFormat::Jpeg => "JPEG",
        ImageFormat::Png => "PNG",
        ImageFormat::Heic => "HEIC",
    };
    let (sharpness, glare) = (format!("{:.0}", check.sharpness), format!("{:.1}", check.glare_percent));
    let mut out = tr!(
        "capture-check",
        format = format,
        width = check.width,
        height = check.height,
        kb = check.file_bytes / 1_000,
        sharpness = sharpness,
        glare = glare,
    );
    if !check.removed_metadata.is_empty() {
        out.push_str(&format!("\n{}", tr!("capture-removed", metadata = check.removed_metadata.join(", "))));
    }
    if check.issues.is_empty() {
        out.push_str(&format!("\n{}", tr!("capture-good")));
    }
    for issue in &check.issues {
        out.push_str(&format!("\n  ✗ {}", issue.advice));
    }
    out
}

/// Checks the photo, then, when it is good and there is an endpoint,
/// uploads it with a progress bar.
pub async fn run(
    wallet: &Wallet,
    path: String,
    document_type: DocumentType,
    side: DocumentSide,
    upload: Option<String>,
) -> Result<Option<CaptureReceipt>, SweepError> {
    let check = check_capture(path.clone()).await?;
    println!("{}", describe(&check));
    let Some(upload_endpoint) = upload else { return Ok(None) };
    if !check.issues.is_empty() {
        return Err(SweepError::CaptureRejected {
            problem: sweep_core::identity::CaptureProblem::PoorQuality,
            detail: tr!("capture-fix-first"),
        });
    }
    let template = format!("{{spinner}} {} {{bar:30}} {{bytes}}/{{total_bytes}}", tr!("progress-uploading"));
    let style = ProgressStyle::with_template(&template).unwrap_or_else(|_| ProgressStyle::default_bar());
    let bar = ProgressBar::new(check.file_bytes).with_style(style);
    bar.enable_steady_tick(Duration::from_millis(80));
    let listener = Arc::new(Bar(bar.clone()));
    let submission = CaptureSubmission { path, document_type, side, upload_endpoint };
    let receipt = wallet.submit_capture(submission, Some(listener)).await;
    bar.finish_and_clear();
    let receipt = receipt?;
    let upload = &receipt.upload;
    let (bytes, drops, from) = (upload.total_bytes, upload.drops, upload.resumed_from);
    println!("{}", tr!("capture-uploaded", bytes = bytes, drops = drops, from = from));
    Ok(Some(receipt))
}

/// Opens a verification session at the provider, uploads the photo to it,
/// and asks for the outcome (a bounded number of times).
pub async fn run_session(
    wallet: &Wallet,
    path: String,
    document_type: DocumentType,
    side: DocumentSide,
) -> Result<Option<CaptureReceipt>, SweepError> {
    use sweep_core::identity::VerificationStatus;
    let session = wallet.start_verification(document_type).await?;
    println!("{}", tr!("verify-session", id = session.session_id.clone()));
    let receipt = run(wallet, path, document_type, side, Some(session.upload_url.clone())).await?;
    const CHECKS: u32 = 10;
    const APART: std::time::Duration = std::time::Duration::from_millis(500);
    println!("{}", tr!("verify-waiting", looks = CHECKS, apart = APART.as_millis() as u64));
    for look in 1..=CHECKS {
        let now = wallet.verification_status(session.session_id.clone()).await?;
        match now.status {
            VerificationStatus::Processing | VerificationStatus::Uploading | VerificationStatus::Created => {
                if look == CHECKS {
                    println!("{}", tr!("verify-still"));
                } else {
                    tokio::time::sleep(APART).await;
                }
                continue;
            }
            VerificationStatus::Verified => {
                let status = wallet.identity().await?;
                println!("{}", tr!("verify-done", tier = crate::render::tier(status.tier)));
                println!("{}", tr!("verify-limits-hint"));
            }
            other => {
                let (status, reason) = (format!("{other:?}"), now.reason.unwrap_or_default());
                println!("{}", tr!("verify-other", status = status, reason = reason, tries = now.retries_left));
            }
        }
        break;
    }
    Ok(receipt)
}

/// Whether a photo carries an EXIF block at all.
pub fn has_exif(bytes: &[u8]) -> bool {
    exif::Reader::new().read_from_container(&mut Cursor::new(bytes)).is_ok()
}

/// The GPS latitude in a photo's EXIF, as text, if it has one.
pub fn gps_latitude(bytes: &[u8]) -> Option<String> {
    let exif = exif::Reader::new().read_from_container(&mut Cursor::new(bytes)).ok()?;
    exif.get_field(exif::Tag::GPSLatitude, exif::In::PRIMARY).map(|f| f.display_value().to_string())
}
