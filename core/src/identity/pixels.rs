//! Decoding a capture to grey pixels, within limits, and scaling it down
//! for scoring. JPEG goes through zune-jpeg (asked for luma directly), PNG
//! through the png crate (expanded to 8-bit, then reduced to luma): two
//! small decoders rather than a general imaging library, to keep the
//! mobile library small.

use std::io::Cursor;

use png::{ColorType, Transformations};
use zune_core::colorspace::ColorSpace;
use zune_core::options::DecoderOptions;
use zune_jpeg::JpegDecoder;

use super::CaptureProblem;
use crate::SweepError;

/// The most bytes a decode may allocate (256 MiB).
pub const MAX_DECODE_BYTES: usize = 256 * 1024 * 1024;

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

fn jpeg_options(max_side: u32) -> DecoderOptions {
    DecoderOptions::default()
        .set_max_width(max_side as usize)
        .set_max_height(max_side as usize)
        .jpeg_set_out_colorspace(ColorSpace::Luma)
}

/// A JPEG's size from its frame header, without decoding the image.
pub fn jpeg_dimensions(bytes: &[u8], max_side: u32) -> Result<(u32, u32), SweepError> {
    let mut decoder = JpegDecoder::new_with_options(Cursor::new(bytes), jpeg_options(max_side));
    decoder.decode_headers().map_err(|_| damaged())?;
    let info = decoder.info().ok_or_else(damaged)?;
    Ok((u32::from(info.width), u32::from(info.height)))
}

/// Decodes a JPEG to grey.
pub fn jpeg_luma(bytes: &[u8], max_side: u32) -> Result<Luma, SweepError> {
    let mut decoder = JpegDecoder::new_with_options(Cursor::new(bytes), jpeg_options(max_side));
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
        return Err(SweepError::CaptureRejected {
            problem: CaptureProblem::DecompressionBomb,
            detail: "the image needs too much memory".into(),
        });
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
}
