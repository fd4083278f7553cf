//! Capture intake: formats, limits, quality feedback, metadata removal,
//! and every kind of bad file as a typed error.

use std::io::Cursor;

use super::capture::{inspect, read_capture, MAX_FILE_BYTES};
use super::sample::{sample_card, with_gps_exif};
use super::*;
use crate::SweepError;

fn problem(result: Result<impl std::fmt::Debug, SweepError>) -> CaptureProblem {
    match result {
        Err(SweepError::CaptureRejected { problem, .. }) => problem,
        other => panic!("expected a refused capture, got {other:?}"),
    }
}

fn gps_latitude(jpeg: &[u8]) -> Option<String> {
    let exif = exif::Reader::new().read_from_container(&mut Cursor::new(jpeg)).ok()?;
    exif.get_field(exif::Tag::GPSLatitude, exif::In::PRIMARY).map(|f| f.display_value().to_string())
}

#[test]
fn a_good_photo_passes_and_its_gps_never_leaves_the_device() {
    let photo = with_gps_exif(&sample_card(1_400, 900, false, false));
    assert!(gps_latitude(&photo).is_some(), "the sample carries a GPS position");
    let checked = inspect(&photo).unwrap();
    assert_eq!((checked.check.format, checked.check.width, checked.check.height), (ImageFormat::Jpeg, 1_400, 900));
    assert!(checked.check.accepted(), "{:?}", checked.check);
    assert_eq!(checked.check.removed_metadata, ["EXIF"]);
    assert_eq!(gps_latitude(&checked.clean), None, "the bytes to upload carry no GPS tag");
    assert!(!checked.clean.windows(4).any(|w| w == b"Exif"));
    assert!(!checked.clean.windows(12).any(|w| w == b"SN-7731-4409"), "nor the camera serial");
    // Everything else is the original, byte for byte.
    assert_eq!(checked.clean, sample_card(1_400, 900, false, false));
}

#[test]
fn blur_glare_and_size_each_get_advice() {
    let kinds = |bytes: Vec<u8>| -> Vec<QualityIssueKind> {
        inspect(&bytes).unwrap().check.issues.iter().map(|i| i.kind).collect()
    };
    assert_eq!(kinds(sample_card(1_400, 900, true, false)), [QualityIssueKind::TooBlurry]);
    assert_eq!(kinds(sample_card(1_400, 900, false, true)), [QualityIssueKind::TooMuchGlare]);
    assert_eq!(kinds(sample_card(900, 600, false, false)), [QualityIssueKind::TooSmall]);
    let blurry = inspect(&sample_card(1_400, 900, true, false)).unwrap().check;
    assert_eq!(blurry.issues[0].advice, "Too blurry — hold the phone steady and tap to focus.");
}

#[test]
fn png_is_checked_and_its_text_removed() {
    let (w, h) = (1_200u32, 800u32);
    let pixels: Vec<u8> = (0..w * h)
        .flat_map(|i| if ((i % w) / 9 + (i / w) / 7) % 3 == 0 { [30, 30, 40] } else { [170, 160, 150] })
        .collect();
    let mut png = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut png, w, h);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.add_text_chunk("Comment".into(), "taken at home".into()).unwrap();
        let mut writer = encoder.write_header().unwrap();
        writer.write_image_data(&pixels).unwrap();
    }
    let checked = inspect(&png).unwrap();
    assert_eq!(checked.check.format, ImageFormat::Png);
    assert!(checked.check.accepted(), "{:?}", checked.check);
    assert_eq!(checked.check.removed_metadata, ["text"]);
    assert!(!checked.clean.windows(13).any(|w| w == b"taken at home"));
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut c = (data.len() as u32).to_be_bytes().to_vec();
    let mut body = kind.to_vec();
    body.extend_from_slice(data);
    c.extend_from_slice(&body);
    c.extend_from_slice(&crc32(&body).to_be_bytes());
    c
}

/// A tiny PNG that claims `width` × `height` grey pixels.
fn bomb(width: u32, height: u32) -> Vec<u8> {
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 0, 0, 0, 0]);
    let mut png = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    png.extend_from_slice(&png_chunk(b"IHDR", &ihdr));
    png.extend_from_slice(&png_chunk(b"IDAT", &[0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]));
    png.extend_from_slice(&png_chunk(b"IEND", &[]));
    png
}

#[test]
fn bad_content_is_a_typed_error() {
    let photo = sample_card(1_400, 900, false, false);
    assert_eq!(problem(inspect(&photo[..photo.len() / 2])), CaptureProblem::Truncated);
    assert_eq!(problem(inspect(&bomb(16_000, 16_000))), CaptureProblem::DecompressionBomb);
    assert_eq!(problem(inspect(&bomb(60_000, 60_000))), CaptureProblem::DecompressionBomb);
    assert_eq!(problem(inspect(b"%PDF-1.7 not a photo")), CaptureProblem::WrongType);
    let heic = [&[0, 0, 0, 24][..], b"ftypheic", &[0; 12]].concat();
    assert_eq!(problem(inspect(&heic)), CaptureProblem::Unsupported);
}

#[test]
fn bad_files_are_typed_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name).display().to_string();
    assert_eq!(problem(read_capture(&path("missing.jpg"))), CaptureProblem::Missing);
    assert_eq!(problem(read_capture("")), CaptureProblem::Missing);
    assert_eq!(problem(read_capture(&dir.path().display().to_string())), CaptureProblem::NotAFile);
    // A device is not a folder, and each is named for what it is.
    let detail = |result: Result<_, SweepError>| match result {
        Err(SweepError::CaptureRejected { detail, .. }) => detail,
        other => panic!("expected a refusal, got {other:?}"),
    };
    assert!(detail(read_capture("/dev/null")).contains("device"), "/dev/null is a device");
    assert!(detail(read_capture(&dir.path().display().to_string())).contains("folder"));
    std::fs::write(path("empty.jpg"), b"").unwrap();
    assert_eq!(problem(read_capture(&path("empty.jpg"))), CaptureProblem::Empty);
    std::fs::write(path("huge.jpg"), vec![0u8; MAX_FILE_BYTES as usize + 1]).unwrap();
    assert_eq!(problem(read_capture(&path("huge.jpg"))), CaptureProblem::TooLarge);
    // 15 MB is 15,000,000 bytes: a file of exactly that size is read (and
    // then judged by what it holds).
    std::fs::write(path("limit.jpg"), vec![0u8; 15_000_000]).unwrap();
    assert!(read_capture(&path("limit.jpg")).is_ok(), "a file of exactly 15 MB is not too large");
    // A photo named like a text file is still a photo: the header decides.
    std::fs::write(path("card.txt"), sample_card(1_200, 800, false, false)).unwrap();
    let (bytes, _) = read_capture(&path("card.txt")).unwrap();
    assert_eq!(inspect(&bytes).unwrap().check.format, ImageFormat::Jpeg);
}

/// Where each scan's entropy-coded data starts and ends: after its header,
/// up to the next marker that is neither a stuffed zero nor a restart.
fn scan_data(jpeg: &[u8]) -> Vec<(usize, usize)> {
    let sos: Vec<usize> = jpeg.windows(2).enumerate().filter(|(_, w)| *w == [0xFF, 0xDA]).map(|(i, _)| i).collect();
    sos.iter()
        .map(|&at| {
            let start = at + 2 + usize::from(u16::from_be_bytes([jpeg[at + 2], jpeg[at + 3]]));
            let end = (start..jpeg.len() - 1)
                .find(|&i| jpeg[i] == 0xFF && !matches!(jpeg[i + 1], 0x00 | 0xD0..=0xD7 | 0xFF))
                .unwrap();
            (start, end)
        })
        .collect()
}

#[test]
fn a_progressive_jpeg_cut_anywhere_with_its_end_put_back_is_truncated() {
    let (w, h) = (640u16, 480u16);
    let rgb: Vec<u8> = (0..usize::from(w) * usize::from(h) * 3).map(|i| ((i / 3 % 640) * 7 % 251) as u8).collect();
    let mut ours = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut ours, 85);
    encoder.set_progressive(true);
    encoder.encode(&rgb, w, h, jpeg_encoder::ColorType::Rgb).unwrap();
    // libjpeg-turbo's `cjpeg -progressive`, as the fuzz corpus keeps it: its
    // Huffman tables sit between the scans.
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus/image/jpeg-progressive.jpg");
    let libjpeg = std::fs::read(corpus).expect("the kept progressive JPEG");
    for (encoder, whole) in [("jpeg-encoder", ours), ("libjpeg-turbo", libjpeg)] {
        assert!(inspect(&whole).is_ok(), "{encoder}: the whole file passes");
        let scans = scan_data(&whole);
        assert!(scans.len() > 5, "{encoder}: {} scans", scans.len());
        for (n, &(start, end)) in scans.iter().enumerate() {
            // Just into the scan's data, halfway, its last byte short, and
            // right after it (the later scans lost).
            for cut in [start + 1, (start + end) / 2, end - 1, end] {
                if cut >= whole.len() - 2 {
                    continue;
                }
                let forged = [&whole[..cut], &[0xFF, 0xD9][..]].concat();
                assert_eq!(problem(inspect(&forged)), CaptureProblem::Truncated, "{encoder}: scan {n} cut at {cut}");
            }
        }
    }
}
