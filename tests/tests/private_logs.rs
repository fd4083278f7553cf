//! Logs never carry tokens, names, numbers, paths or images. One wallet
//! links a source, syncs, keeps a typed-in account number, and uploads an
//! ID photo (with a GPS tag and a device serial) while a logger takes
//! everything at `Trace`; then every line is searched for each secret.
//!
//! The logger is process-wide, so this file holds one test.

use std::sync::{Arc, Mutex};

use sweep_core::identity::sample::{sample_card, with_gps_exif};
use sweep_core::identity::{DocumentSide, DocumentType};
use sweep_core::logging::{clear_logger, set_logger, LogLevel, LogRecord, Logger};
use sweep_core::money::MinorAmount;
use sweep_core::sources::{load_links, ManualSource, SourceEndpoint, SourceKind};
use sweep_core::store::Store;
use sweep_core::wallet::CaptureSubmission;
use sweep_core::{EphemeralKeyProvider, Wallet, WalletConfig};
use sweep_sandbox::Sandbox;
use sweep_tests::link_at_sandbox_issuer;

#[derive(Default)]
struct Collector(Mutex<Vec<String>>);

impl Logger for Collector {
    fn log(&self, record: LogRecord) {
        self.0.lock().unwrap().push(format!("{} {}", record.target, record.line));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_personal_reaches_the_logs() {
    let collector = Arc::new(Collector::default());
    set_logger(collector.clone(), LogLevel::Trace);
    let sandbox = Sandbox::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let keys = EphemeralKeyProvider::new().unwrap();
    let config = WalletConfig { data_dir: dir.path().join("w").display().to_string(), locale: "ko-KR".into() };
    let wallet = Wallet::open(config, keys.clone()).await.unwrap();

    let api = SourceEndpoint::SourceApi { base_url: sandbox.source_api_url() };
    let issuer = sandbox.oauth_issuer("sandbox-toss");
    link_at_sandbox_issuer(&wallet, issuer, "Kim Minji's Toss", SourceKind::Wallet, api).await.unwrap();
    wallet.sync().await.unwrap();
    let typed = ManualSource {
        name: "Kim Minji savings".into(),
        kind: SourceKind::Bank,
        balance: MinorAmount { minor_units: 5_000, currency_code: "KRW".into() },
        account_ref: Some("110-123-456789".into()),
    };
    wallet.add_manual_source(typed).await.unwrap();

    let photo = dir.path().join("kim-minji-national-id.jpg");
    std::fs::write(&photo, with_gps_exif(&sample_card(1_600, 1_000, false, false))).unwrap();
    let submission = |path: String| CaptureSubmission {
        path,
        document_type: DocumentType::NationalId,
        side: DocumentSide::Front,
        upload_endpoint: sandbox.tus_url(),
    };
    wallet.submit_capture(submission(photo.display().to_string()), None).await.unwrap();
    let missing = dir.path().join("kim-minji-passport.jpg").display().to_string();
    assert!(wallet.submit_capture(submission(missing), None).await.is_err());
    wallet.close();
    clear_logger();

    // The tokens the wallet holds, read back from its sealed store.
    let store = Store::open(&dir.path().join("w").join(sweep_core::wallet::DATABASE_FILE), keys.as_ref()).unwrap();
    let links = load_links(&store).unwrap();
    let mut secrets: Vec<String> = links.iter().map(|(_, l)| l.access_token.clone()).collect();
    secrets.extend(links.iter().filter_map(|(_, l)| l.refresh_token.clone()));
    assert!(!secrets.is_empty(), "the link holds tokens");
    let dir_text = dir.path().display().to_string();
    secrets.extend(
        ["Kim Minji", "kim-minji", "110-123-456789", "456789", "SN-7731", "Exif", "JFIF", dir_text.as_str()]
            .map(String::from),
    );

    let lines = collector.0.lock().unwrap().clone();
    assert!(lines.iter().any(|l| l.contains("source linked")), "the run was logged: {lines:#?}");
    assert!(lines.iter().any(|l| l.contains("capture uploaded") && l.contains("capture_id=")), "{lines:#?}");
    for line in &lines {
        for secret in &secrets {
            assert!(!line.contains(secret.as_str()), "a log line carries a secret: {line}");
        }
        assert!(line.len() < 1_000, "no image or body in a log line: {} chars", line.len());
    }
    println!("{} log lines checked for {} secrets", lines.len(), secrets.len());
}
