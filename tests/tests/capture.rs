//! Bad captures through the wallet: each gets a typed error and nothing is
//! kept in the outbox.

use std::sync::Arc;

use sweep_core::identity::sample::sample_card;
use sweep_core::identity::{check_capture, CaptureProblem, DocumentSide, DocumentType, ImageFormat};
use sweep_core::wallet::CaptureSubmission;
use sweep_core::{EphemeralKeyProvider, SweepError, Wallet, WalletConfig};

/// A PNG header claiming 16,000 × 16,000 grey pixels, with almost no data.
fn png_bomb() -> Vec<u8> {
    let mut png = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend_from_slice(&16_000u32.to_be_bytes());
    ihdr.extend_from_slice(&16_000u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 0, 0, 0, 0]);
    png.extend_from_slice(&13u32.to_be_bytes());
    png.extend_from_slice(&ihdr);
    png.extend_from_slice(&crc32(&ihdr).to_be_bytes());
    png.extend_from_slice(&[0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xAE, 0x42, 0x60, 0x82]);
    png
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

#[tokio::test]
async fn every_bad_capture_is_typed_and_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let config = WalletConfig { data_dir: dir.path().join("w").display().to_string(), locale: "ko-KR".into() };
    let keys: Arc<EphemeralKeyProvider> = EphemeralKeyProvider::new().unwrap();
    let wallet = Wallet::open(config, keys).await.unwrap();
    let file = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path.display().to_string()
    };
    let good = sample_card(1_400, 900, false, false);
    let cases = [
        (dir.path().join("missing.jpg").display().to_string(), CaptureProblem::Missing),
        (dir.path().display().to_string(), CaptureProblem::NotAFile),
        (file("empty.jpg", b""), CaptureProblem::Empty),
        (file("notes.jpg", b"Dear diary, this is not a photo."), CaptureProblem::WrongType),
        (file("cut.jpg", &good[..good.len() * 2 / 3]), CaptureProblem::Truncated),
        (file("bomb.png", &png_bomb()), CaptureProblem::DecompressionBomb),
        (file("blurry.jpg", &sample_card(1_400, 900, true, false)), CaptureProblem::PoorQuality),
    ];
    for (path, expected) in cases {
        let submission = CaptureSubmission {
            path: path.clone(),
            document_type: DocumentType::DriversLicence,
            side: DocumentSide::Back,
            upload_endpoint: "http://127.0.0.1:9/files/".into(),
        };
        match wallet.submit_capture(submission, None).await {
            Err(SweepError::CaptureRejected { problem, detail }) => {
                assert_eq!(problem, expected, "{path}: {detail}");
                assert!(!detail.contains(&path), "the error never repeats the path");
            }
            other => panic!("{path}: expected {expected:?}, got {other:?}"),
        }
        assert_eq!(wallet.pending_uploads().await.unwrap(), 0, "{path} left something in the outbox");
    }
    let insecure = CaptureSubmission {
        path: file("good.jpg", &good),
        document_type: DocumentType::Passport,
        side: DocumentSide::Front,
        upload_endpoint: "http://upload.example/files/".into(),
    };
    assert!(matches!(wallet.submit_capture(insecure, None).await, Err(SweepError::InvalidInput { .. })));
    assert_eq!(wallet.pending_uploads().await.unwrap(), 0);
    // The check alone reads the file and changes nothing.
    let check = check_capture(file("good2.jpg", &good)).await.unwrap();
    assert_eq!((check.format, check.issues.len()), (ImageFormat::Jpeg, 0));
}
