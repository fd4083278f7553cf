//! Capture intake: the app passes a file path; Sweep reads it once, checks
//! what it is from its header (not its name), guards against oversized
//! and decompression-bomb files, removes its metadata, and scores its
//! quality with feedback the user can act on.

use crate::text::Msg;
use std::io::Read;
use std::path::Path;
use std::time::SystemTime;

use ring::digest;

use super::metadata::{strip_jpeg, strip_png};
use super::pixels::{downscale, jpeg_dimensions, jpeg_luma, png_luma};
use super::quality::{glare_percent, laplacian_variance, MAX_GLARE_PERCENT, MIN_SHARPNESS};
use super::{CaptureProblem, ImageFormat};
use crate::SweepError;

/// The largest capture accepted, in bytes (15 MB).
pub const MAX_FILE_BYTES: u64 = 15_000_000;
/// The long side must have at least this many pixels.
pub const MIN_LONG_SIDE: u32 = 1_000;
/// More pixels than this is not a photo of a card but a decompression bomb.
pub const MAX_PIXELS: u64 = 50_000_000;
/// Neither side may be longer than this.
pub const MAX_SIDE: u32 = 16_384;
/// Quality is scored on a copy with this long side.
const SCORING_SIDE: u32 = 1_000;

fn rejected(problem: CaptureProblem, detail: impl Into<String>) -> SweepError {
    SweepError::CaptureRejected { problem, detail: detail.into() }
}

/// What identifies the file as read: its length, modification time and
/// digest. A different fingerprint later means the file changed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Fingerprint {
    len: u64,
    modified_ns: Option<u64>,
    sha256: Vec<u8>,
}

fn nanos(time: Option<SystemTime>) -> Option<u64> {
    time?.duration_since(SystemTime::UNIX_EPOCH).ok().map(|d| d.as_nanos() as u64)
}

/// Reads the file at `path`, refusing a missing file, a folder, an empty
/// file and one over 15 MB.
pub fn read_capture(path: &str) -> Result<(Vec<u8>, Fingerprint), SweepError> {
    if path.trim().is_empty() {
        return Err(rejected(CaptureProblem::Missing, "no file was given"));
    }
    let meta = std::fs::metadata(Path::new(path)).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => rejected(CaptureProblem::Missing, "there is no file at that path"),
        _ => rejected(CaptureProblem::Missing, "the file cannot be read"),
    })?;
    if meta.is_dir() {
        return Err(rejected(CaptureProblem::NotAFile, "the path is a folder, not a photo"));
    }
    if !meta.is_file() {
        return Err(rejected(CaptureProblem::NotAFile, "the path is a device or other special file, not a photo"));
    }
    check_size(meta.len())?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|_| rejected(CaptureProblem::Missing, "the file cannot be read"))?;
    check_size(bytes.len() as u64)?;
    let fingerprint = Fingerprint {
        len: bytes.len() as u64,
        modified_ns: nanos(meta.modified().ok()),
        sha256: digest::digest(&digest::SHA256, &bytes).as_ref().to_vec(),
    };
    Ok((bytes, fingerprint))
}

fn check_size(len: u64) -> Result<(), SweepError> {
    if len == 0 {
        return Err(rejected(CaptureProblem::Empty, "the file is empty"));
    }
    if len > MAX_FILE_BYTES {
        return Err(rejected(CaptureProblem::TooLarge, "the file is over 15 MB"));
    }
    Ok(())
}

/// A cheap check: the same length and modification time.
pub fn looks_unchanged(path: &str, read: &Fingerprint) -> bool {
    std::fs::metadata(path).is_ok_and(|meta| meta.len() == read.len && nanos(meta.modified().ok()) == read.modified_ns)
}

/// True when the file at `path` is still exactly what was read.
pub fn unchanged(path: &str, read: &Fingerprint) -> bool {
    if !looks_unchanged(path, read) {
        return false;
    }
    std::fs::read(path).is_ok_and(|bytes| digest::digest(&digest::SHA256, &bytes).as_ref() == read.sha256.as_slice())
}

/// The format, from the first bytes.
pub fn sniff(bytes: &[u8]) -> Result<ImageFormat, SweepError> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Ok(ImageFormat::Jpeg);
    }
    if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        return Ok(ImageFormat::Png);
    }
    let heif_brands: [&[u8; 4]; 6] = [b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1"];
    if bytes.get(4..8) == Some(b"ftyp") && bytes.get(8..12).is_some_and(|b| heif_brands.iter().any(|h| h == &b)) {
        return Ok(ImageFormat::Heic);
    }
    Err(rejected(CaptureProblem::WrongType, "this is not a JPEG, PNG or HEIC photo"))
}

/// One thing the user can fix.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct QualityIssue {
    /// What is wrong.
    pub kind: QualityIssueKind,
    /// What to do about it, in a sentence.
    pub advice: String,
}

/// Kinds of quality problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum QualityIssueKind {
    /// The long side is under 1,000 pixels.
    TooSmall,
    /// The photo is blurred.
    TooBlurry,
    /// Light washes part of the document out.
    TooMuchGlare,
}

/// What the checks found.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct CaptureCheck {
    /// The format, read from the header.
    pub format: ImageFormat,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The file's size in bytes.
    pub file_bytes: u64,
    /// The variance of the Laplacian on a 1,000-pixel copy; under 100 is blurry.
    pub sharpness: f64,
    /// The share of washed-out pixels, in percent; over 3 is glare.
    pub glare_percent: f64,
    /// What to fix; empty when the photo is good.
    pub issues: Vec<QualityIssue>,
    /// The metadata that will not be uploaded ("EXIF", "XMP", …).
    pub removed_metadata: Vec<String>,
}

impl CaptureCheck {
    /// True when there is nothing to fix.
    pub fn accepted(&self) -> bool {
        self.issues.is_empty()
    }
}

/// A checked capture: the findings and the bytes to upload.
pub struct Checked {
    /// The findings.
    pub check: CaptureCheck,
    /// The file without its metadata, ready for upload.
    pub clean: Vec<u8>,
}

/// Never prints the image itself, only its size.
impl std::fmt::Debug for Checked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Checked").field("check", &self.check).field("clean_bytes", &self.clean.len()).finish()
    }
}

/// Checks a capture's bytes and removes its metadata.
pub fn inspect(bytes: &[u8]) -> Result<Checked, SweepError> {
    let format = sniff(bytes)?;
    let (clean, removed) = match format {
        ImageFormat::Jpeg => strip_jpeg(bytes)?,
        ImageFormat::Png => strip_png(bytes)?,
        ImageFormat::Heic => {
            return Err(rejected(
                CaptureProblem::Unsupported,
                "HEIC photos cannot be checked on this device yet; choose \"Most Compatible\" (JPEG) in the camera settings",
            ))
        }
    };
    let (width, height) = dimensions(&clean, format)?;
    let luma = match format {
        ImageFormat::Png => png_luma(&clean)?,
        _ => jpeg_luma(&clean, MAX_SIDE)?,
    };
    let luma = downscale(luma, SCORING_SIDE as usize);
    let sharpness = laplacian_variance(&luma.pixels, luma.width, luma.height);
    let glare = glare_percent(&luma.pixels);
    let mut issues = Vec::new();
    if width.max(height) < MIN_LONG_SIDE {
        issues.push(QualityIssue {
            kind: QualityIssueKind::TooSmall,
            advice: crate::text::tell(Msg::CaptureTooSmall {}),
        });
    }
    if sharpness < MIN_SHARPNESS {
        issues.push(QualityIssue {
            kind: QualityIssueKind::TooBlurry,
            advice: crate::text::tell(Msg::CaptureTooBlurry {}),
        });
    }
    if glare > MAX_GLARE_PERCENT {
        issues.push(QualityIssue {
            kind: QualityIssueKind::TooMuchGlare,
            advice: crate::text::tell(Msg::CaptureTooMuchGlare {}),
        });
    }
    let check = CaptureCheck {
        format,
        width,
        height,
        file_bytes: bytes.len() as u64,
        sharpness,
        glare_percent: glare,
        issues,
        removed_metadata: removed.0,
    };
    Ok(Checked { check, clean })
}

/// The dimensions from the header alone, refusing bombs before decoding.
fn dimensions(bytes: &[u8], format: ImageFormat) -> Result<(u32, u32), SweepError> {
    let (width, height) = match format {
        // A PNG states its size in its first chunk.
        ImageFormat::Png if bytes.len() >= 24 && bytes.get(12..16) == Some(b"IHDR") => {
            let word = |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
            (word(16), word(20))
        }
        ImageFormat::Png => return Err(rejected(CaptureProblem::Truncated, "the image header cannot be read")),
        _ => jpeg_dimensions(bytes, u32::MAX)
            .map_err(|_| rejected(CaptureProblem::Truncated, "the image header cannot be read"))?,
    };
    if width == 0 || height == 0 {
        return Err(rejected(CaptureProblem::Truncated, "the image has no pixels"));
    }
    bomb_check(width, height)?;
    Ok((width, height))
}

fn bomb_check(width: u32, height: u32) -> Result<(), SweepError> {
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(rejected(
            CaptureProblem::DecompressionBomb,
            format!("{width}×{height} pixels is far more than a photo of a document"),
        ));
    }
    Ok(())
}
