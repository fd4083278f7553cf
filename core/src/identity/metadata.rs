//! Removing metadata from a capture without re-encoding it. Stripping is
//! an allow-list: only what decoding and colour need is kept, byte for
//! byte; everything else goes, wherever it sits.
//!
//! JPEG: the frame, tables, restart interval and scans (with their
//! entropy-coded data), JFIF (APP0 `JFIF`, without a thumbnail), an ICC
//! profile (APP2 `ICC_PROFILE`) and Adobe's colour transform (APP14). Any
//! other segment is dropped: before the first scan, between progressive
//! scans, and after the end of the image. PNG: the critical chunks and the
//! colour chunks (`tRNS`, `gAMA`, `cHRM`, `sRGB`, `iCCP`, `sBIT`, `cICP`);
//! every other chunk, private ones included, is dropped. Both walkers check
//! the file's structure and report a cut-off file as truncated.

use super::CaptureProblem;
use crate::SweepError;

fn truncated(detail: &str) -> SweepError {
    SweepError::CaptureRejected { problem: CaptureProblem::Truncated, detail: detail.into() }
}

/// What was removed, named for the user ("EXIF", "XMP", …), without repeats.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Removed(pub Vec<String>);

impl Removed {
    fn add(&mut self, what: &str) {
        if !self.0.iter().any(|w| w == what) {
            self.0.push(what.to_owned());
        }
    }
}

const SOS: u8 = 0xDA;
const EOI: u8 = 0xD9;

/// A JPEG without its metadata segments.
pub fn strip_jpeg(bytes: &[u8]) -> Result<(Vec<u8>, Removed), SweepError> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return Err(truncated("the JPEG has no start marker"));
    }
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..2]);
    let mut removed = Removed::default();
    let mut pos = 2;
    let mut scans = 0;
    let mut progression = Progression::default();
    loop {
        // Markers may be padded with extra 0xFF bytes.
        while bytes.get(pos) == Some(&0xFF) && bytes.get(pos + 1) == Some(&0xFF) {
            pos += 1;
        }
        let (Some(&0xFF), Some(&marker)) = (bytes.get(pos), bytes.get(pos + 1)) else {
            return Err(truncated("the JPEG ends before its image data"));
        };
        if marker == EOI {
            if scans == 0 {
                return Err(truncated("the JPEG ends before its image data"));
            }
            if !progression.complete() {
                return Err(truncated("the progressive JPEG's later scans are missing"));
            }
            out.extend_from_slice(&[0xFF, EOI]);
            // Anything after the end — a second picture with its own EXIF
            // (MPF), a phone maker's trailer — is dropped.
            if bytes[pos + 2..].iter().any(|b| *b != 0) {
                removed.add("trailing data");
            }
            return Ok((out, removed));
        }
        let length = bytes
            .get(pos + 2..pos + 4)
            .map(|l| usize::from(u16::from_be_bytes([l[0], l[1]])))
            .ok_or_else(|| truncated("a JPEG segment is cut off"))?;
        let end = pos + 2 + length;
        if length < 2 || end > bytes.len() {
            return Err(truncated("a JPEG segment is cut off"));
        }
        progression.segment(marker, &bytes[pos + 4..end]);
        match kept_segment(marker, &bytes[pos + 4..end]) {
            Ok(()) => out.extend_from_slice(&bytes[pos..end]),
            Err(what) => removed.add(what),
        }
        pos = end;
        if marker == SOS {
            scans += 1;
            let data = entropy_coded_len(&bytes[pos..]).ok_or_else(|| truncated("the JPEG's image data is cut off"))?;
            out.extend_from_slice(&bytes[pos..pos + data]);
            pos += data;
        }
    }
}

/// What the scans of a progressive JPEG have coded: per component of the
/// frame, the coefficients whose last bit a scan carried (`Al` = 0). A file
/// cut between two scans, its end marker put back, still decodes, only
/// coarser; every encoder codes each coefficient to its last bit, so a
/// progression that stops early is a file cut short.
#[derive(Default)]
struct Progression {
    progressive: bool,
    /// `(component id, one bit per coefficient done)`.
    components: Vec<(u8, u64)>,
}

impl Progression {
    fn segment(&mut self, marker: u8, payload: &[u8]) {
        match marker {
            // Frame headers (not DHT, JPG or DAC, which share the range).
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                self.progressive = matches!(marker, 0xC2 | 0xC6 | 0xCA | 0xCE);
                let count = usize::from(payload.get(5).copied().unwrap_or(0));
                self.components = (0..count).filter_map(|i| payload.get(6 + 3 * i)).map(|id| (*id, 0)).collect();
            }
            SOS if self.progressive => self.scan(payload),
            _ => {}
        }
    }

    /// A scan header: its components, then `Ss`, `Se` and `Ah`/`Al`.
    fn scan(&mut self, payload: &[u8]) {
        let count = usize::from(payload.first().copied().unwrap_or(0));
        let field = |at: usize| payload.get(at).copied();
        let (Some(start), Some(end), Some(approximation)) =
            (field(1 + 2 * count), field(2 + 2 * count), field(3 + 2 * count))
        else {
            return;
        };
        if approximation & 0x0F != 0 || start > end || end > 63 {
            return;
        }
        let band = (u64::MAX >> (63 - end)) & (u64::MAX << start);
        for id in (0..count).filter_map(|i| field(1 + 2 * i)) {
            if let Some((_, done)) = self.components.iter_mut().find(|(c, _)| *c == id) {
                *done |= band;
            }
        }
    }

    /// True unless a progressive frame left a coefficient short of its last bit.
    fn complete(&self) -> bool {
        !self.progressive || self.components.iter().all(|(_, done)| *done == u64::MAX)
    }
}

/// The length of the entropy-coded data after a scan header: up to the
/// next marker that is not a stuffed zero or a restart marker. `None`
/// when the file ends first.
fn entropy_coded_len(data: &[u8]) -> Option<usize> {
    let mut i = 0;
    while i + 1 < data.len() {
        if data[i] == 0xFF && !matches!(data[i + 1], 0x00 | 0xD0..=0xD7 | 0xFF) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// `Ok` for a segment decoding or colour needs; otherwise what it is, for
/// the list of what was removed.
fn kept_segment(marker: u8, payload: &[u8]) -> Result<(), &'static str> {
    match marker {
        // Frames (SOF0–SOF15 less DHT, JPG and DAC), Huffman and arithmetic
        // tables, quantisation tables, restart interval, scans, line count.
        0xC0..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF => Ok(()),
        0xC4 | 0xCC | 0xDB | 0xDD | SOS | 0xDC => Ok(()),
        // JFIF without a thumbnail: 14 bytes after the identifier's
        // length field. A JFXX extension or a thumbnail is dropped.
        0xE0 if payload.len() == 14 && payload.starts_with(b"JFIF\0") && payload[12..] == [0, 0] => Ok(()),
        0xE0 => Err("thumbnail"),
        0xE1 if payload.starts_with(b"Exif\0") => Err("EXIF"),
        0xE1 => Err("XMP"),
        0xE2 if payload.starts_with(b"ICC_PROFILE\0") => Ok(()),
        0xED => Err("IPTC"),
        0xEE if payload.starts_with(b"Adobe") => Ok(()),
        0xFE => Err("comment"),
        _ => Err("maker data"),
    }
}

const PNG_SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];

/// Chunks decoding and colour need; every other one is dropped.
const PNG_KEPT: [&[u8; 4]; 11] =
    [b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"sBIT", b"cICP"];

/// Where a chunk of `length` data bytes starting at `pos` ends (length,
/// type, data and CRC), or `None` past `total` or on overflow: lengths are
/// 32-bit and `usize` is too on armv7.
fn png_chunk_end(pos: usize, length: u32, total: usize) -> Option<usize> {
    let end = u64::try_from(pos).ok()?.checked_add(12)?.checked_add(u64::from(length))?;
    usize::try_from(end).ok().filter(|e| *e <= total)
}

/// A PNG with only the chunks decoding and colour need.
pub fn strip_png(bytes: &[u8]) -> Result<(Vec<u8>, Removed), SweepError> {
    if !bytes.starts_with(&PNG_SIGNATURE) {
        return Err(truncated("the PNG has no signature"));
    }
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&PNG_SIGNATURE);
    let mut removed = Removed::default();
    let mut pos = PNG_SIGNATURE.len();
    loop {
        let header = bytes.get(pos..pos + 8).ok_or_else(|| truncated("the PNG ends before its end chunk"))?;
        let length = u32::from_be_bytes([header[0], header[1], header[2], header[3]]);
        let kind = [header[4], header[5], header[6], header[7]];
        let end = png_chunk_end(pos, length, bytes.len()).ok_or_else(|| truncated("a PNG chunk is cut off"))?;
        if PNG_KEPT.contains(&&kind) {
            out.extend_from_slice(&bytes[pos..end]);
        } else {
            removed.add(match &kind {
                b"tEXt" | b"zTXt" => "text",
                b"iTXt" if bytes[pos + 8..end].starts_with(b"XML:com.adobe.xmp") => "XMP",
                b"iTXt" => "text",
                b"eXIf" => "EXIF",
                b"tIME" => "time",
                _ => "other data",
            });
        }
        pos = end;
        if &kind == b"IEND" {
            return Ok((out, removed));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
        let mut s = vec![0xFF, marker];
        s.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
        s.extend_from_slice(payload);
        s
    }

    /// JFIF 1.02, 72 dpi, no thumbnail.
    const JFIF: &[u8] = b"JFIF\0\x01\x02\x01\0\x48\0\x48\0\0";

    fn jpeg(segments: &[Vec<u8>]) -> Vec<u8> {
        let mut j = vec![0xFF, 0xD8];
        for s in segments {
            j.extend_from_slice(s);
        }
        j.extend_from_slice(&segment(0xDA, &[1, 2, 3]));
        j.extend_from_slice(&[0x12, 0x34, 0xFF, 0x00, 0x56, 0xFF, 0xD9]);
        j
    }

    #[test]
    fn jpeg_metadata_goes_and_the_rest_stays_byte_for_byte() {
        let jfif = segment(0xE0, JFIF);
        let exif = segment(0xE1, b"Exif\0\0MM\0*GPS");
        let xmp = segment(0xE1, b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>");
        let icc = segment(0xE2, b"ICC_PROFILE\0\x01\x01data");
        let comment = segment(0xFE, b"taken at home");
        let tables = segment(0xDB, &[0; 65]);
        let (clean, removed) =
            strip_jpeg(&jpeg(&[jfif.clone(), exif, xmp, icc.clone(), comment, tables.clone()])).unwrap();
        assert_eq!(clean, jpeg(&[jfif, icc, tables]));
        assert_eq!(removed.0, ["EXIF", "XMP", "comment"]);
    }

    #[test]
    fn metadata_between_progressive_scans_goes_too() {
        let scan = |data: &[u8]| [segment(0xDA, &[1, 2, 3]), data.to_vec()].concat();
        let tables = segment(0xC4, &[0; 20]);
        let exif = segment(0xE1, b"Exif\0\0MM\0*GPS");
        let comment = segment(0xFE, b"between scans");
        let first = scan(&[0x12, 0xFF, 0x00, 0xFF, 0xD0, 0x34]);
        let second = scan(&[0x56, 0x78]);
        let with = [&[0xFF, 0xD8][..], &first, &exif, &tables, &comment, &second, &[0xFF, 0xD9]].concat();
        let (clean, removed) = strip_jpeg(&with).unwrap();
        assert_eq!(clean, [&[0xFF, 0xD8][..], &first, &tables, &second, &[0xFF, 0xD9]].concat());
        assert_eq!(removed.0, ["EXIF", "comment"]);
    }

    #[test]
    fn only_a_plain_jfif_header_stays_in_app0() {
        let mut with_thumbnail = JFIF.to_vec();
        with_thumbnail[12..].copy_from_slice(&[1, 1]);
        with_thumbnail.extend_from_slice(&[0xAB; 3]);
        for app0 in [with_thumbnail, b"JFXX\0\x13thumbnail".to_vec(), b"JFIF\0\x01\x02 extended".to_vec()] {
            let (clean, removed) = strip_jpeg(&jpeg(&[segment(0xE0, &app0)])).unwrap();
            assert_eq!(clean, jpeg(&[]), "{app0:?}");
            assert_eq!(removed.0, ["thumbnail"]);
        }
    }

    #[test]
    fn whatever_follows_the_image_is_dropped() {
        let mut with_trailer = jpeg(&[]);
        let second_picture = [&[0xFF, 0xD8][..], &segment(0xE1, b"Exif\0\0GPS"), &[0xFF, 0xD9]].concat();
        with_trailer.extend_from_slice(&second_picture);
        let (clean, removed) = strip_jpeg(&with_trailer).unwrap();
        assert_eq!(clean, jpeg(&[]));
        assert_eq!(removed.0, ["trailing data"]);
    }

    #[test]
    fn a_cut_jpeg_is_truncated() {
        let whole = jpeg(&[segment(0xE1, b"Exif\0\0data")]);
        for cut in [1, 5, 12, whole.len() - 2] {
            let err = strip_jpeg(&whole[..cut]).unwrap_err();
            assert!(matches!(err, SweepError::CaptureRejected { problem: CaptureProblem::Truncated, .. }), "cut {cut}");
        }
    }

    fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut c = (data.len() as u32).to_be_bytes().to_vec();
        c.extend_from_slice(kind);
        c.extend_from_slice(data);
        c.extend_from_slice(&[0, 0, 0, 0]);
        c
    }

    #[test]
    fn png_text_and_exif_go() {
        let ihdr = chunk(b"IHDR", &[0; 13]);
        let idat = chunk(b"IDAT", &[1, 2, 3]);
        let iend = chunk(b"IEND", &[]);
        let mut png = PNG_SIGNATURE.to_vec();
        for c in [
            &ihdr,
            &chunk(b"eXIf", b"MM\0*gps"),
            &chunk(b"iTXt", b"XML:com.adobe.xmp\0..."),
            &idat,
            &chunk(b"tIME", &[0; 7]),
            &iend,
        ] {
            png.extend_from_slice(c);
        }
        let (clean, removed) = strip_png(&png).unwrap();
        let mut expected = PNG_SIGNATURE.to_vec();
        for c in [&ihdr, &idat, &iend] {
            expected.extend_from_slice(c);
        }
        assert_eq!(clean, expected);
        assert_eq!(removed.0, ["EXIF", "XMP", "time"]);
        assert!(strip_png(&png[..png.len() - 5]).is_err());
    }

    #[test]
    fn png_keeps_only_what_decoding_and_colour_need() {
        let kept = [chunk(b"IHDR", &[0; 13]), chunk(b"sRGB", &[0]), chunk(b"gAMA", &[0; 4]), chunk(b"IDAT", &[1])];
        let dropped = [chunk(b"prVt", b"private maker data"), chunk(b"pHYs", &[0; 9]), chunk(b"caNv", &[0; 16])];
        let mut png = PNG_SIGNATURE.to_vec();
        for c in kept.iter().chain(dropped.iter()) {
            png.extend_from_slice(c);
        }
        png.extend_from_slice(&chunk(b"IEND", &[]));
        let (clean, removed) = strip_png(&png).unwrap();
        let expected = [&PNG_SIGNATURE[..], &kept.concat(), &chunk(b"IEND", &[])].concat();
        assert_eq!(clean, expected);
        assert_eq!(removed.0, ["other data"]);
    }

    #[test]
    fn png_chunk_lengths_never_overflow() {
        assert_eq!(png_chunk_end(8, 4, 100), Some(24));
        assert_eq!(png_chunk_end(8, u32::MAX, 100), None);
        // Near the end of the address space (as on a 32-bit phone), the sum
        // would wrap around to a small, in-bounds number.
        assert_eq!(png_chunk_end(usize::MAX - 4, 1, usize::MAX), None);
        assert_eq!(png_chunk_end(usize::MAX - 20, u32::MAX, usize::MAX), None);
    }
}
