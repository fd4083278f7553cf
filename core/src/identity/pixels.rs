//! Decoding a capture to grey pixels, within limits, and scaling it down
//! for scoring. JPEG goes through zune-jpeg (asked for luma directly), PNG
//! through the png crate (expanded to 8-bit, then reduced to luma): two
//! small decoders rather than a general imaging library, to keep the
//! mobile library small.

use std::borrow::Cow;
use std::io::Cursor;

use png::{ColorType, Transformations};
use zune_core::colorspace::ColorSpace;
use zune_core::options::DecoderOptions;
use zune_jpeg::JpegDecoder;

use super::CaptureProblem;
use crate::SweepError;

/// The most bytes a decode may allocate (160 MiB): room for a 12 MP
/// progressive photo or a 50 MP baseline one. Phones kill apps that ask
/// for much more, and a failed allocation aborts the process, so the
/// budget is checked from the headers before anything is allocated.
pub const MAX_DECODE_BYTES: usize = 160 * 1024 * 1024;

/// A grey image.
pub struct Luma {
    /// Row-major pixels, one byte each.
    pub pixels: Vec<u8>,
    /// Width.
    pub width: usize,
    /// Height.
    pub height: usize,
}

fn damaged() -> SweepError {
    SweepError::CaptureRejected {
        problem: CaptureProblem::Truncated,
        detail: "the image data is damaged or cut off".into(),
    }
}

fn too_big() -> SweepError {
    SweepError::CaptureRejected {
        problem: CaptureProblem::DecompressionBomb,
        detail: "the image needs too much memory".into(),
    }
}

/// Strict: data that ends early (even with its end marker put back) is an
/// error, not a picture padded with grey.
fn jpeg_options(max_side: u32) -> DecoderOptions {
    DecoderOptions::default()
        .set_max_width(max_side as usize)
        .set_max_height(max_side as usize)
        .set_strict_mode(true)
        .jpeg_set_out_colorspace(ColorSpace::Luma)
}

/// What decoding a JPEG of this frame to grey allocates, about: a
/// progressive image keeps every component's coefficients (two bytes each,
/// in blocks padded to 16 pixels) until its last scan; every image needs a
/// row of blocks per component and the grey output.
fn jpeg_decode_bytes(width: u16, height: u16, components: u8, progressive: bool) -> u64 {
    let pad = |side: u16| u64::from(side).div_ceil(16) * 16;
    let components = u64::from(components.max(1));
    let row = pad(width) * 16 * components * 3;
    let coefficients = if progressive { pad(width) * pad(height) * components * 2 } else { 0 };
    coefficients + row + u64::from(width) * u64::from(height)
}

/// A JPEG's size from its frame header, without decoding the image.
pub fn jpeg_dimensions(bytes: &[u8], max_side: u32) -> Result<(u32, u32), SweepError> {
    let mut decoder = JpegDecoder::new_with_options(Cursor::new(bytes), jpeg_options(max_side));
    decoder.decode_headers().map_err(|_| damaged())?;
    let info = decoder.info().ok_or_else(damaged)?;
    Ok((u32::from(info.width), u32::from(info.height)))
}

/// Bits that are all ones, as entropy-coded data (each `FF` stuffed with a
/// `00`): no Huffman code is all ones (ITU-T T.81, Annex C), so a decoder
/// that reads into them fails.
const ALL_ONES: [u8; 128] = {
    let mut ones = [0; 128];
    let mut i = 0;
    while i < ones.len() {
        ones[i] = 0xFF;
        i += 2;
    }
    ones
};

/// Decodes a JPEG to grey, within [`MAX_DECODE_BYTES`].
///
/// A JPEG cut short is refused even when its end marker was put back, in
/// every scan of a progressive file too. Before the end marker go
/// [`ALL_ONES`]: a whole file's last scan ends before them, but a scan cut
/// short reads on into them and meets a code no encoder writes, an error in
/// strict mode, instead of meeting the marker and decoding zeros for the
/// rest (grey, or a coarser picture).
pub fn jpeg_luma(bytes: &[u8], max_side: u32) -> Result<Luma, SweepError> {
    let mut headers = JpegDecoder::new_with_options(Cursor::new(bytes), jpeg_options(max_side));
    headers.decode_headers().map_err(|_| damaged())?;
    let frame = headers.info().ok_or_else(damaged)?;
    let progressive = frame.sof.is_progressive();
    if jpeg_decode_bytes(frame.width, frame.height, frame.components, progressive) > MAX_DECODE_BYTES as u64 {
        return Err(too_big());
    }
    let data = match bytes.strip_suffix(&[0xFF, 0xD9]) {
        Some(body) => Cow::Owned([body, &ALL_ONES, &[0xFF, 0xD9]].concat()),
        None => Cow::Borrowed(bytes),
    };
    let mut decoder = JpegDecoder::new_with_options(Cursor::new(&*data), jpeg_options(max_side));
    let pixels = decoder.decode().map_err(|_| damaged())?;
    let info = decoder.info().ok_or_else(damaged)?;
    let (width, height) = (usize::from(info.width), usize::from(info.height));
    if pixels.len() != width * height {
        return Err(damaged());
    }
    Ok(Luma { pixels, width, height })
}

/// Decodes a PNG to grey (Rec. 601 weights; alpha ignored).
pub fn png_luma(bytes: &[u8]) -> Result<Luma, SweepError> {
    let mut decoder = png::Decoder::new_with_limits(Cursor::new(bytes), png::Limits { bytes: MAX_DECODE_BYTES });
    decoder.set_transformations(Transformations::EXPAND | Transformations::STRIP_16);
    let mut reader = decoder.read_info().map_err(|_| damaged())?;
    let size = reader.output_buffer_size().ok_or_else(damaged)?;
    if size > MAX_DECODE_BYTES {
        return Err(too_big());
    }
    let mut buf = vec![0; size];
    let frame = reader.next_frame(&mut buf).map_err(|_| damaged())?;
    let (width, height) = (frame.width as usize, frame.height as usize);
    let channels = match frame.color_type {
        ColorType::Grayscale => 1,
        ColorType::GrayscaleAlpha => 2,
        ColorType::Rgb => 3,
        ColorType::Rgba => 4,
        ColorType::Indexed => return Err(damaged()),
    };
    let mut pixels = Vec::with_capacity(width * height);
    for row in buf.chunks(frame.line_size).take(height) {
        for px in row.chunks(channels).take(width) {
            let value = if channels < 3 {
                u32::from(px[0])
            } else {
                (299 * u32::from(px[0]) + 587 * u32::from(px[1]) + 114 * u32::from(px[2]) + 500) / 1000
            };
            pixels.push(value as u8);
        }
    }
    if pixels.len() != width * height {
        return Err(damaged());
    }
    Ok(Luma { pixels, width, height })
}

/// Scales down so the long side is at most `long_side`, averaging the
/// source pixels that fall into each target pixel.
pub fn downscale(image: Luma, long_side: usize) -> Luma {
    let long = image.width.max(image.height);
    if long <= long_side || long == 0 {
        return image;
    }
    let (w, h) = ((image.width * long_side / long).max(1), (image.height * long_side / long).max(1));
    let mut pixels = Vec::with_capacity(w * h);
    for y in 0..h {
        let (y0, y1) = (y * image.height / h, ((y + 1) * image.height / h).max(y * image.height / h + 1));
        for x in 0..w {
            let (x0, x1) = (x * image.width / w, ((x + 1) * image.width / w).max(x * image.width / w + 1));
            let mut sum = 0u32;
            for row in y0..y1 {
                sum += image.pixels[row * image.width + x0..row * image.width + x1]
                    .iter()
                    .map(|&p| u32::from(p))
                    .sum::<u32>();
            }
            pixels.push((sum / ((y1 - y0) * (x1 - x0)) as u32) as u8);
        }
    }
    Luma { pixels, width: w, height: h }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn downscaling_averages_and_keeps_the_shape() {
        let image = Luma { pixels: (0..16).map(|i| if i % 2 == 0 { 0 } else { 200 }).collect(), width: 4, height: 4 };
        let small = downscale(image, 2);
        assert_eq!((small.width, small.height), (2, 2));
        assert!(small.pixels.iter().all(|&p| p == 100));
    }

    fn refusal(result: Result<Luma, SweepError>) -> CaptureProblem {
        match result {
            Err(SweepError::CaptureRejected { problem, .. }) => problem,
            Err(other) => panic!("expected a capture refusal, got {other:?}"),
            Ok(image) => panic!("decoded a {}×{} image", image.width, image.height),
        }
    }

    /// A small colour JPEG, progressive or not.
    fn colour_jpeg(progressive: bool) -> Vec<u8> {
        let (w, h) = (64u16, 48u16);
        let rgb: Vec<u8> = (0..usize::from(w) * usize::from(h) * 3).map(|i| (i * 7 % 251) as u8).collect();
        let mut out = Vec::new();
        let mut encoder = jpeg_encoder::Encoder::new(&mut out, 85);
        encoder.set_progressive(progressive);
        encoder.encode(&rgb, w, h, jpeg_encoder::ColorType::Rgb).unwrap();
        out
    }

    /// Rewrites the frame header's size: height then width, after the
    /// marker, length and precision.
    fn claim_size(jpeg: &mut [u8], width: u16, height: u16) {
        let sof = jpeg.windows(2).position(|w| w[0] == 0xFF && matches!(w[1], 0xC0 | 0xC2)).unwrap();
        jpeg[sof + 5..sof + 7].copy_from_slice(&height.to_be_bytes());
        jpeg[sof + 7..sof + 9].copy_from_slice(&width.to_be_bytes());
    }

    #[test]
    fn a_progressive_jpeg_declaring_50_megapixels_is_refused_before_decoding() {
        let mut bomb = colour_jpeg(true);
        claim_size(&mut bomb, 8_000, 6_250);
        assert_eq!(refusal(jpeg_luma(&bomb, 16_384)), CaptureProblem::DecompressionBomb);
        // The same size as a baseline image fits the budget: it is decoded
        // a row at a time, never held as coefficients.
        let mut baseline = colour_jpeg(false);
        claim_size(&mut baseline, 8_000, 6_250);
        let decoded = jpeg_luma(&baseline, 16_384);
        assert!(!matches!(
            decoded,
            Err(SweepError::CaptureRejected { problem: CaptureProblem::DecompressionBomb, .. })
        ));
    }

    #[test]
    fn the_budget_fits_real_phone_photos() {
        let mib = |bytes: u64| bytes / (1024 * 1024);
        // 12 MP progressive, 48 MP baseline: decoded; 50 MP progressive: not.
        assert!(mib(jpeg_decode_bytes(4_000, 3_000, 3, true)) < 160);
        assert!(mib(jpeg_decode_bytes(8_000, 6_000, 3, false)) < 160);
        assert!(mib(jpeg_decode_bytes(8_000, 6_250, 3, true)) > 160);
    }

    /// `jpeg` cut at `share` of its last scan's data, with its end marker
    /// put back.
    fn cut_with_end_put_back(jpeg: &[u8], share: f64) -> Vec<u8> {
        let sos = jpeg.windows(2).rposition(|w| w == [0xFF, 0xDA]).unwrap();
        let scan = sos + 2 + usize::from(u16::from_be_bytes([jpeg[sos + 2], jpeg[sos + 3]]));
        let cut = scan + ((jpeg.len() - 2 - scan) as f64 * share) as usize;
        [&jpeg[..cut], &[0xFF, 0xD9][..]].concat()
    }

    #[test]
    fn a_jpeg_cut_short_with_its_end_marker_put_back_is_truncated() {
        let card = crate::identity::sample::sample_card(640, 480, false, false);
        for (kind, whole) in
            [("sequential card", &card), ("sequential", &colour_jpeg(false)), ("progressive", &colour_jpeg(true))]
        {
            assert!(jpeg_luma(whole, 16_384).is_ok(), "the whole {kind} file decodes");
            for share in [0.01, 0.1, 0.5, 0.8, 0.99] {
                let forged = cut_with_end_put_back(whole, share);
                assert_eq!(refusal(jpeg_luma(&forged, 16_384)), CaptureProblem::Truncated, "{kind} cut at {share}");
            }
        }
    }
}
