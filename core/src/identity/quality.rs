//! Photo quality on a grey-scale copy scaled to a 1,000-pixel long side,
//! so the scores mean the same whatever the camera.
//!
//! - **Blur:** the variance of the Laplacian (4-neighbour). Sharp edges
//!   give large second derivatives; a blurred photo has few.
//! - **Glare:** the share of pixels at or near full brightness, where the
//!   flash or a lamp washed the card out.

/// Below this Laplacian variance a capture is too blurry to read.
pub const MIN_SHARPNESS: f64 = 100.0;
/// Luma at or above this counts as washed out.
pub const GLARE_LUMA: u8 = 250;
/// Above this share of washed-out pixels (in percent) there is glare.
pub const MAX_GLARE_PERCENT: f64 = 3.0;

/// The variance of the 4-neighbour Laplacian over the interior pixels.
pub fn laplacian_variance(luma: &[u8], width: usize, height: usize) -> f64 {
    if width < 3 || height < 3 {
        return 0.0;
    }
    let (mut sum, mut sum_sq, mut count) = (0f64, 0f64, 0f64);
    for y in 1..height - 1 {
        let row = y * width;
        for x in 1..width - 1 {
            let i = row + x;
            let centre = 4 * i32::from(luma[i]);
            let around = i32::from(luma[i - 1])
                + i32::from(luma[i + 1])
                + i32::from(luma[i - width])
                + i32::from(luma[i + width]);
            let value = f64::from(around - centre);
            sum += value;
            sum_sq += value * value;
            count += 1.0;
        }
    }
    let mean = sum / count;
    sum_sq / count - mean * mean
}

/// The share of washed-out pixels, in percent.
pub fn glare_percent(luma: &[u8]) -> f64 {
    if luma.is_empty() {
        return 0.0;
    }
    let bright = luma.iter().filter(|&&v| v >= GLARE_LUMA).count();
    100.0 * bright as f64 / luma.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A card-like pattern: dark text strokes on a mid-grey background.
    fn pattern(width: usize, height: usize) -> Vec<u8> {
        (0..width * height).map(|i| if (i % width / 7 + i / width / 5).is_multiple_of(3) { 30 } else { 170 }).collect()
    }

    /// A box blur with the edges clamped, so no border stays sharp.
    fn box_blur(luma: &[u8], width: usize, height: usize, radius: usize) -> Vec<u8> {
        let at = |x: isize, y: isize| {
            let x = x.clamp(0, width as isize - 1) as usize;
            let y = y.clamp(0, height as isize - 1) as usize;
            u32::from(luma[y * width + x])
        };
        let r = radius as isize;
        let area = ((2 * r + 1) * (2 * r + 1)) as u32;
        (0..width * height)
            .map(|i| {
                let (x, y) = ((i % width) as isize, (i / width) as isize);
                let sum: u32 =
                    (-r..=r).flat_map(|dy| (-r..=r).map(move |dx| (dx, dy))).map(|(dx, dy)| at(x + dx, y + dy)).sum();
                (sum / area) as u8
            })
            .collect()
    }

    #[test]
    fn sharp_is_sharp_and_blurred_is_not() {
        let (w, h) = (200, 120);
        let sharp = pattern(w, h);
        let sharp_score = laplacian_variance(&sharp, w, h);
        assert!(sharp_score > MIN_SHARPNESS);
        let blurred = box_blur(&sharp, w, h, 6);
        assert!(laplacian_variance(&blurred, w, h) < sharp_score / 10.0, "blurring removes most of the edges");
        assert_eq!(laplacian_variance(&[128; 9], 3, 3), 0.0);
    }

    #[test]
    fn glare_counts_washed_out_pixels() {
        let mut luma = vec![120u8; 1_000];
        assert_eq!(glare_percent(&luma), 0.0);
        luma[..50].fill(255);
        assert!((glare_percent(&luma) - 5.0).abs() < 1e-9);
    }
}
