//! Removing metadata from a capture without re-encoding it: EXIF (GPS,
//! device serials, timestamps), XMP, IPTC and comments go; the pixels,
//! colour profile and everything needed to decode them stay byte for byte.
//!
//! JPEG: application segments are dropped except JFIF (APP0), an ICC
//! profile (APP2 `ICC_PROFILE`) and Adobe's colour transform (APP14); so
//! are comments. PNG: the text chunks (`tEXt`, `zTXt`, `iTXt`, where XMP
//! lives), `eXIf` and `tIME` are dropped. Both walkers also check the file's
//! structure and report a cut-off file as truncated.

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

/// A JPEG without its metadata segments.
pub fn strip_jpeg(bytes: &[u8]) -> Result<(Vec<u8>, Removed), SweepError> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return Err(truncated("the JPEG has no start marker"));
    }
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..2]);
    let mut removed = Removed::default();
    let mut pos = 2;
    loop {
        // Markers may be padded with extra 0xFF bytes.
        while bytes.get(pos) == Some(&0xFF) && bytes.get(pos + 1) == Some(&0xFF) {
            pos += 1;
        }
        let (Some(&0xFF), Some(&marker)) = (bytes.get(pos), bytes.get(pos + 1)) else {
            return Err(truncated("the JPEG ends before its image data"));
        };
        if marker == 0xD9 {
            return Err(truncated("the JPEG ends before its image data"));
        }
        if (0xD0..=0xD7).contains(&marker) || marker == 0x01 {
            out.extend_from_slice(&bytes[pos..pos + 2]);
            pos += 2;
            continue;
        }
        let length = bytes
            .get(pos + 2..pos + 4)
            .map(|l| usize::from(u16::from_be_bytes([l[0], l[1]])))
            .ok_or_else(|| truncated("a JPEG segment is cut off"))?;
        let end = pos + 2 + length;
        if length < 2 || end > bytes.len() {
            return Err(truncated("a JPEG segment is cut off"));
        }
        let payload = &bytes[pos + 4..end];
        if marker == 0xDA {
            // Start of scan: the compressed image follows, to the first
            // end-of-image marker (inside compressed data 0xFF is always
            // followed by 0x00 or a restart marker, so FF D9 cannot occur
            // earlier). Anything after it — a second picture with its own
            // EXIF (MPF), a phone maker's trailer — is dropped.
            let rest = &bytes[pos..];
            let Some(end) = rest.windows(2).position(|w| w == [0xFF, 0xD9]) else {
                return Err(truncated("the JPEG's image data is cut off"));
            };
            out.extend_from_slice(&rest[..end + 2]);
            if rest.len() > end + 2 && rest[end + 2..].iter().any(|b| *b != 0) {
                removed.add("trailing data");
            }
            return Ok((out, removed));
        }
        match dropped_segment(marker, payload) {
            Some(what) => removed.add(what),
            None => out.extend_from_slice(&bytes[pos..end]),
        }
        pos = end;
    }
}

/// The name of a metadata segment to drop, or `None` to keep it.
fn dropped_segment(marker: u8, payload: &[u8]) -> Option<&'static str> {
    match marker {
        0xE1 if payload.starts_with(b"Exif\0") => Some("EXIF"),
        0xE1 if payload.starts_with(b"http://ns.adobe.com/xap/1.0/") => Some("XMP"),
        0xE1 => Some("XMP"),
        0xED => Some("IPTC"),
        0xFE => Some("comment"),
        0xE2 if payload.starts_with(b"ICC_PROFILE\0") => None,
        0xEE if payload.starts_with(b"Adobe") => None,
        0xE0 => None,
        0xE2..=0xEF => Some("maker data"),
        _ => None,
    }
}

const PNG_SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];

/// A PNG without its text, EXIF and time chunks.
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
        let length = u32::from_be_bytes([header[0], header[1], header[2], header[3]]) as usize;
        let kind = [header[4], header[5], header[6], header[7]];
        let end = pos.checked_add(12 + length).filter(|e| *e <= bytes.len());
        let end = end.ok_or_else(|| truncated("a PNG chunk is cut off"))?;
        match &kind {
            b"tEXt" | b"zTXt" => removed.add("text"),
            b"iTXt" => removed.add(if bytes[pos + 8..end].starts_with(b"XML:com.adobe.xmp") { "XMP" } else { "text" }),
            b"eXIf" => removed.add("EXIF"),
            b"tIME" => removed.add("time"),
            _ => out.extend_from_slice(&bytes[pos..end]),
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
        let jfif = segment(0xE0, b"JFIF\0\x01\x01");
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
}
