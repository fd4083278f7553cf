//! Identity verification: the capture of an ID document, checked on the
//! device, stripped of its metadata and kept sealed until it is uploaded.
//!
//! - `capture`: reading the file, format, size and bomb checks, quality.
//! - `metadata`: removing EXIF, XMP and the like without re-encoding.
//! - `quality`: blur and glare scores.
//! - `sample`: a generated sample ID photo for the demo and the tests.
//! - `outbox`: captures sealed in the store until the server has them.
//! - `tus`: the tus 1.0 client; `upload`: resumable upload with progress.
//! - `session`: verification sessions at the provider; `tiers`: tiers and
//!   their limits.

pub mod camara;
pub mod capture;
pub mod metadata;
pub mod outbox;
pub mod pixels;
pub mod quality;
#[cfg(any(test, feature = "samples"))]
pub mod sample;
pub mod session;
pub mod tiers;
pub mod tus;
pub mod upload;

pub use capture::{CaptureCheck, QualityIssue, QualityIssueKind};
pub use session::{VerificationSession, VerificationStatus};
pub use tiers::{Tier, TierLimits};
pub use upload::{UploadListener, UploadPolicy, UploadProgress, UploadReport};

/// An image format, recognised from the file's first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum ImageFormat {
    /// JPEG.
    Jpeg,
    /// PNG.
    Png,
    /// HEIC (HEIF with HEVC), recognised but not decoded.
    Heic,
}

/// Why a capture file was refused before any check of its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum CaptureProblem {
    /// There is no file at the path.
    Missing,
    /// The path is a folder.
    NotAFile,
    /// The file is empty.
    Empty,
    /// The file is over 15 MB.
    TooLarge,
    /// The file is not a JPEG, PNG or HEIC photo.
    WrongType,
    /// The format is recognised but cannot be checked here (HEIC).
    Unsupported,
    /// The file is cut off or damaged.
    Truncated,
    /// The image would decode to far more pixels or memory than a photo.
    DecompressionBomb,
    /// The file changed while it was being uploaded.
    ChangedDuringUpload,
    /// The photo has quality problems to fix first (see `checkCapture`).
    PoorQuality,
}

/// The kind of document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum DocumentType {
    /// A national identity card (주민등록증).
    NationalId,
    /// A driver's licence.
    DriversLicence,
    /// A passport.
    Passport,
}

impl DocumentType {
    /// The code sent to the server.
    pub fn code(self) -> &'static str {
        match self {
            DocumentType::NationalId => "national_id",
            DocumentType::DriversLicence => "drivers_licence",
            DocumentType::Passport => "passport",
        }
    }
}

impl DocumentSide {
    /// The code sent to the server.
    pub fn code(self) -> &'static str {
        match self {
            DocumentSide::Front => "front",
            DocumentSide::Back => "back",
        }
    }
}

/// Which side of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum DocumentSide {
    /// The front, with the photo.
    Front,
    /// The back.
    Back,
}

/// Reads and checks a capture at `path` on a background thread: its format
/// from the header, its size and dimensions, its sharpness and glare, and
/// which metadata would be removed. The file is not changed.
#[cfg_attr(feature = "ffi", uniffi::export(async_runtime = "tokio"))]
pub async fn check_capture(path: String) -> Result<CaptureCheck, crate::SweepError> {
    tokio::task::spawn_blocking(move || {
        let (bytes, _) = capture::read_capture(&path)?;
        Ok(capture::inspect(&bytes)?.check)
    })
    .await
    .map_err(|e| crate::SweepError::Internal { reason: format!("capture check failed: {e}") })?
}

/// Writes a generated photo of a sample ID card (1,600 × 1,000 JPEG) to
/// `path`, with a GPS position in its EXIF when asked: for trying the
/// capture flow against the sandbox, and for tests. Never for real users:
/// only builds with the `samples` feature have it (the test and demo
/// builds; not `release-mobile`).
#[cfg(feature = "samples")]
#[cfg_attr(feature = "ffi", uniffi::export)]
pub fn write_sample_capture(path: String, with_gps_exif: bool) -> Result<(), crate::SweepError> {
    let card = sample::sample_card(1_600, 1_000, false, false);
    let bytes = if with_gps_exif { sample::with_gps_exif(&card) } else { card };
    std::fs::write(&path, bytes)
        .map_err(|e| crate::SweepError::Storage { reason: format!("cannot write the sample: {e}") })
}

#[cfg(test)]
#[path = "capture_tests.rs"]
mod capture_tests;
