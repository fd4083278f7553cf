//! A sample ID card photo for the demo and the tests: a JPEG of a
//! card-like pattern, optionally carrying EXIF with a GPS position, as a
//! phone camera would write it.

use jpeg_encoder::{ColorType, Encoder};

/// Seoul City Hall, as a phone would record it.
const LATITUDE: [(u32, u32); 3] = [(37, 1), (33, 1), (5_012, 100)];

/// A card-like test photo: a grey card with dark "text" lines on a light
/// background, `width` × `height`, as a JPEG. `blur` softens it the way a
/// shaking hand would; `glare` washes out part of it.
pub fn sample_card(width: u32, height: u32, blur: bool, glare: bool) -> Vec<u8> {
    let (w, h) = (width as usize, height as usize);
    let mut card: Vec<u8> = (0..w * h)
        .map(|i| {
            let (x, y) = (i % w, i / w);
            let inside = x > w / 10 && x < w * 9 / 10 && y > h / 8 && y < h * 7 / 8;
            let line = (y / 9) % 4 == 0 && (x / 13) % 5 != 0;
            if !inside {
                225
            } else if line {
                35
            } else {
                160
            }
        })
        .collect();
    if glare {
        for y in 0..h / 3 {
            card[y * w..y * w + w / 3].fill(255);
        }
    }
    if blur {
        card = box_blur(&card, w, h, 8);
    }
    let mut jpeg = Vec::new();
    Encoder::new(&mut jpeg, 90)
        .encode(&card, width as u16, height as u16, ColorType::Luma)
        .expect("encoding to memory cannot fail");
    jpeg
}

/// A separable box blur with clamped edges.
fn box_blur(pixels: &[u8], w: usize, h: usize, radius: usize) -> Vec<u8> {
    let pass = |src: &[u8], horizontal: bool| -> Vec<u8> {
        let mut out = vec![0u8; src.len()];
        for y in 0..h {
            for x in 0..w {
                let mut sum = 0u32;
                for d in 0..=2 * radius {
                    let offset = d as isize - radius as isize;
                    let (sx, sy) = if horizontal {
                        ((x as isize + offset).clamp(0, w as isize - 1) as usize, y)
                    } else {
                        (x, (y as isize + offset).clamp(0, h as isize - 1) as usize)
                    };
                    sum += u32::from(src[sy * w + sx]);
                }
                out[y * w + x] = (sum / (2 * radius as u32 + 1)) as u8;
            }
        }
        out
    };
    pass(&pass(pixels, true), false)
}

/// The same photo with an EXIF segment holding a GPS position and a camera
/// serial, inserted right after the start marker.
pub fn with_gps_exif(jpeg: &[u8]) -> Vec<u8> {
    let tiff = gps_tiff();
    let mut payload = b"Exif\0\0".to_vec();
    payload.extend_from_slice(&tiff);
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&payload);
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// A big-endian TIFF: IFD0 with the body serial number and a pointer to
/// the GPS IFD, which holds the latitude and its reference.
fn gps_tiff() -> Vec<u8> {
    let entry = |tag: u16, kind: u16, count: u32, value: u32| {
        let mut e = tag.to_be_bytes().to_vec();
        e.extend_from_slice(&kind.to_be_bytes());
        e.extend_from_slice(&count.to_be_bytes());
        e.extend_from_slice(&value.to_be_bytes());
        e
    };
    // Layout: header (8) | IFD0 at 8: 2 entries (2 + 24 + 4 = 30) | serial at 38 (16)
    // | GPS IFD at 54: 2 entries (30) | latitude at 84 (24).
    let serial = b"SN-7731-4409-XZ\0";
    let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
    tiff.extend_from_slice(&2u16.to_be_bytes());
    tiff.extend_from_slice(&entry(0xA431, 2, serial.len() as u32, 38)); // BodySerialNumber
    tiff.extend_from_slice(&entry(0x8825, 4, 1, 54)); // GPSInfo
    tiff.extend_from_slice(&0u32.to_be_bytes());
    tiff.extend_from_slice(serial);
    tiff.extend_from_slice(&2u16.to_be_bytes());
    tiff.extend_from_slice(&entry(0x0001, 2, 2, u32::from_be_bytes(*b"N\0\0\0"))); // GPSLatitudeRef
    tiff.extend_from_slice(&entry(0x0002, 5, 3, 84)); // GPSLatitude
    tiff.extend_from_slice(&0u32.to_be_bytes());
    for (num, den) in LATITUDE {
        tiff.extend_from_slice(&num.to_be_bytes());
        tiff.extend_from_slice(&den.to_be_bytes());
    }
    tiff
}
