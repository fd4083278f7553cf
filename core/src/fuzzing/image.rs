//! A capture's bytes, as `check_capture` and `add_capture` take them once
//! `read_capture` has read the file: `inspect` sniffs the format from the
//! header, strips the metadata, reads the dimensions (refusing bombs),
//! decodes to grey and scores the quality.

use crate::identity::capture::{inspect, CaptureCheck, MAX_PIXELS, MAX_SIDE};
use crate::identity::metadata::{strip_jpeg, strip_png, Removed};
use crate::SweepError;

/// Checks `data` as a capture. Whenever a stripper takes the bytes,
/// stripping its output again changes nothing; whenever a capture passes,
/// its stripped bytes pass too, with the same findings.
pub fn image(data: &[u8]) {
    // Both strippers on every input: each checks its own signature, and
    // their walk over segments or chunks is the parser to exercise.
    stable(strip_jpeg, data);
    stable(strip_png, data);
    if let Ok(checked) = inspect(data) {
        let check = checked.check;
        assert!(check.width <= MAX_SIDE && check.height <= MAX_SIDE, "{check:?}");
        assert!(u64::from(check.width) * u64::from(check.height) <= MAX_PIXELS, "{check:?}");
        let again = match inspect(&checked.clean) {
            Ok(again) => again,
            Err(err) => panic!("a capture passed, but not once stripped: {err}"),
        };
        // Compared without printing the bytes, which may be megabytes.
        assert!(again.clean == checked.clean, "stripping a stripped capture changes it");
        let expected = CaptureCheck { file_bytes: checked.clean.len() as u64, removed_metadata: Vec::new(), ..check };
        assert_eq!(again.check, expected);
    }
}

type Strip = fn(&[u8]) -> Result<(Vec<u8>, Removed), SweepError>;

/// Stripping what `strip` already stripped gives it back, removing nothing.
fn stable(strip: Strip, data: &[u8]) {
    if let Ok((clean, _)) = strip(data) {
        match strip(&clean) {
            Ok((again, removed)) => {
                assert!(again == clean, "stripping twice differs from stripping once");
                assert_eq!(removed, Removed::default(), "a second strip found more to remove");
            }
            Err(err) => panic!("a stripped image is refused when stripped again: {err}"),
        }
    }
}
