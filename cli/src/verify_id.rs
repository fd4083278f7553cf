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
    let mut out = format!(
        "{format}, {}×{} px, {} kB; sharpness {:.0} (100 or more is sharp), glare {:.1}% (3% or less).",
        check.width,
        check.height,
        check.file_bytes / 1_000,
        check.sharpness,
        check.glare_percent
    );
    if !check.removed_metadata.is_empty() {
        out.push_str(&format!("\nRemoved before upload: {}.", check.removed_metadata.join(", ")));
    }
    if check.issues.is_empty() {
        out.push_str("\nThe photo is good.");
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
            detail: "fix the photo first (see above)".into(),
        });
    }
    let style =
        ProgressStyle::with_template("{spinner} uploading {bar:30} {bytes}/{total_bytes}").expect("static template");
    let bar = ProgressBar::new(check.file_bytes).with_style(style);
    bar.enable_steady_tick(Duration::from_millis(80));
    let listener = Arc::new(Bar(bar.clone()));
    let submission = CaptureSubmission { path, document_type, side, upload_endpoint };
    let receipt = wallet.submit_capture(submission, Some(listener)).await;
    bar.finish_and_clear();
    let receipt = receipt?;
    println!(
        "Uploaded {} bytes with tus ({} drops, resumed from {}); the outbox is empty again.",
        receipt.upload.total_bytes, receipt.upload.drops, receipt.upload.resumed_from
    );
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
    println!("Verification session {} opened.", session.session_id);
    let receipt = run(wallet, path, document_type, side, Some(session.upload_url.clone())).await?;
    const CHECKS: u32 = 10;
    const APART: std::time::Duration = std::time::Duration::from_millis(500);
    println!(
        "Waiting for the provider to check your ID: up to {CHECKS} looks, {} ms apart. \
         Ctrl-C stops waiting, not the check; `sweep identity` shows the outcome later.",
        APART.as_millis()
    );
    for look in 1..=CHECKS {
        let now = wallet.verification_status(session.session_id.clone()).await?;
        match now.status {
            VerificationStatus::Processing | VerificationStatus::Uploading | VerificationStatus::Created => {
                if look == CHECKS {
                    println!("Still being checked. Run `sweep identity` later to see your tier.");
                } else {
                    tokio::time::sleep(APART).await;
                }
                continue;
            }
            VerificationStatus::Verified => {
                let status = wallet.identity().await?;
                println!("Identity verified: {}.", crate::render::tier(status.tier));
                println!("`sweep limits` shows what you can now withdraw.");
            }
            other => println!(
                "Verification {:?}: {} ({} tries left).",
                other,
                now.reason.unwrap_or_default(),
                now.retries_left
            ),
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
