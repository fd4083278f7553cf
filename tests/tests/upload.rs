//! Resumable upload of an ID capture to a real tus server (npm
//! `@tus/server`) on loopback, through a proxy that cuts connections in the
//! middle of a `PATCH`. `cargo xtask test` starts the server and sets
//! `SWEEP_TUS_URL` and `SWEEP_TUS_STORE`; without them the tests print one
//! skip line.

use std::io::Cursor;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use sweep_core::identity::capture::inspect;
use sweep_core::identity::sample::{sample_card, with_gps_exif};
use sweep_core::identity::{CaptureProblem, DocumentSide, DocumentType, UploadListener, UploadPolicy, UploadProgress};
use sweep_core::wallet::CaptureSubmission;
use sweep_core::{EphemeralKeyProvider, SweepError, Wallet, WalletConfig};
use sweep_tests::proxy::CuttingProxy;

const CHUNK: usize = 32 * 1024;

fn tus() -> Option<(String, PathBuf)> {
    let url = sweep_tests::service_url("SWEEP_TUS_URL", "a tus server")?;
    Some((url, PathBuf::from(sweep_tests::service_url("SWEEP_TUS_STORE", "a tus server")?)))
}

fn upstream(url: &str) -> SocketAddr {
    let url = reqwest::Url::parse(url).unwrap();
    format!("{}:{}", url.host_str().unwrap(), url.port().unwrap()).parse().unwrap()
}

fn policy() -> UploadPolicy {
    UploadPolicy {
        chunk_bytes: CHUNK,
        max_failures: 4,
        base_backoff: Duration::from_millis(5),
        max_backoff: Duration::from_millis(40),
    }
}

/// One chunk larger than a 50 kB cut, so the first `PATCH` is cut in its
/// body whether or not the client reuses its connection (under load it may
/// open a new one per request, none of which would reach 50 kB).
fn big_chunks() -> UploadPolicy {
    UploadPolicy { chunk_bytes: 64 * 1024, ..policy() }
}

/// Collects progress.
#[derive(Default)]
struct Progress(Mutex<Vec<u64>>);

impl UploadListener for Progress {
    fn on_progress(&self, progress: UploadProgress) {
        self.0.lock().unwrap().push(progress.sent_bytes);
    }
}

struct Fixture {
    dir: tempfile::TempDir,
    keys: Arc<EphemeralKeyProvider>,
    photo: PathBuf,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let photo = dir.path().join("id-front.jpg");
        std::fs::write(&photo, with_gps_exif(&sample_card(1_600, 1_000, false, false))).unwrap();
        Fixture { dir, keys: EphemeralKeyProvider::new().unwrap(), photo }
    }

    async fn wallet(&self) -> Arc<Wallet> {
        let config = WalletConfig { data_dir: self.dir.path().join("w").display().to_string(), locale: "ko-KR".into() };
        Wallet::open(config, Arc::clone(&self.keys) as _).await.unwrap()
    }

    fn submission(&self, endpoint: String) -> CaptureSubmission {
        CaptureSubmission {
            path: self.photo.display().to_string(),
            document_type: DocumentType::NationalId,
            side: DocumentSide::Front,
            upload_endpoint: endpoint,
        }
    }

    fn clean(&self) -> Vec<u8> {
        inspect(&std::fs::read(&self.photo).unwrap()).unwrap().clean
    }
}

fn stored(store: &std::path::Path, upload_url: &str) -> Vec<u8> {
    let id = upload_url.trim_end_matches('/').rsplit('/').next().unwrap();
    std::fs::read(store.join(id)).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upload_survives_cut_connections_and_resends_at_most_a_chunk_per_drop() {
    let Some((url, store)) = tus() else { return };
    // Every PATCH carries more than 20 kB, so each of the first three is cut.
    let proxy = CuttingProxy::start(upstream(&url), 20_000, 3).await;
    let fx = Fixture::new();
    let wallet = fx.wallet().await;
    let progress = Arc::new(Progress::default());
    let endpoint = format!("http://{}/files/", proxy.addr());
    let receipt = wallet.submit_capture_with(fx.submission(endpoint), &policy(), Some(progress.clone())).await.unwrap();
    let report = &receipt.upload;
    let total = fx.clean().len() as u64;
    assert_eq!(report.total_bytes, total);
    assert_eq!(proxy.cuts_made(), 3, "three connections were cut mid-PATCH");
    assert!(report.drops >= 3, "{report:?}");
    // The client's own count: what it put on the wire beyond the file. Only
    // a cut PATCH sends anything twice, and then at most its own chunk.
    let resent = report.bytes_sent - total;
    assert!(resent <= proxy.cuts_made() * CHUNK as u64, "{resent} bytes re-sent over {} cuts", proxy.cuts_made());
    assert!(resent > 0, "a cut PATCH is sent again, at least in part");
    // The server's side: what reached it, headers allowed for.
    let requests = 2 * (total / CHUNK as u64 + 1) + 2 * u64::from(report.drops) + 2;
    assert!(proxy.forwarded() <= total + 3 * CHUNK as u64 + requests * 1_024, "forwarded {}", proxy.forwarded());
    println!("{total} bytes uploaded over {} drops; {resent} bytes re-sent", report.drops);

    let received = stored(&store, &report.upload_url);
    assert_eq!(received, fx.clean(), "the server holds exactly the cleaned capture");
    // The tus server kept the metadata common servers need (`filename`), and nothing personal.
    let id = report.upload_url.trim_end_matches('/').rsplit('/').next().unwrap();
    let info: serde_json::Value =
        serde_json::from_slice(&std::fs::read(store.join(format!("{id}.json"))).unwrap()).unwrap();
    assert_eq!(info["metadata"]["filename"], "national_id-front.jpg", "{info}");
    assert_eq!(info["metadata"]["filetype"], "image/jpeg");
    assert!(exif::Reader::new().read_from_container(&mut Cursor::new(&received)).is_err(), "no EXIF, so no GPS");
    let seen = progress.0.lock().unwrap().clone();
    assert!(seen.windows(2).all(|w| w[0] <= w[1]) && seen.last() == Some(&total), "{seen:?}");
    assert_eq!(wallet.pending_uploads().await.unwrap(), 0, "the outbox is empty once the server has it all");

    // Nobody can download it again, not even from the server directly.
    let direct = report.upload_url.replace(&proxy.addr().to_string(), &upstream(&url).to_string());
    sweep_core::install_tls_provider();
    let get = reqwest::get(&direct).await.unwrap();
    assert_eq!(get.status(), 405);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upload_resumes_after_the_app_restarts() {
    let Some((url, store)) = tus() else { return };
    let big_chunks = big_chunks();
    let proxy = CuttingProxy::start(upstream(&url), 50_000, 1).await;
    let fx = Fixture::new();
    let wallet = fx.wallet().await;
    // The first connection dies after 50 kB; at that moment the network goes.
    proxy.go_dark_after_cuts();
    let endpoint = format!("http://{}/files/", proxy.addr());
    let first = wallet.submit_capture_with(fx.submission(endpoint), &big_chunks, None).await;
    assert!(matches!(first, Err(SweepError::Network { .. })), "{first:?}");
    assert_eq!(wallet.pending_uploads().await.unwrap(), 1, "the capture waits, sealed, in the outbox");
    wallet.close();

    // The app restarts and the network is back.
    proxy.refuse(false);
    let reopened = fx.wallet().await;
    let results = reopened.resume_uploads_with(&big_chunks, None).await.unwrap();
    let report = results[0].report.clone().unwrap_or_else(|| panic!("{results:?}"));
    assert!(report.resumed_from > 0, "it carried on from the server's offset: {report:?}");
    assert!(report.bytes_sent <= report.total_bytes - report.resumed_from + big_chunks.chunk_bytes as u64);
    assert_eq!(stored(&store, &report.upload_url), fx.clean());
    assert_eq!(reopened.pending_uploads().await.unwrap(), 0);
}

/// Changes the photo on disk as soon as the first chunk is through.
struct Tamper(PathBuf, Mutex<bool>);

impl UploadListener for Tamper {
    fn on_progress(&self, _: UploadProgress) {
        let mut done = self.1.lock().unwrap();
        if !*done {
            std::fs::write(&self.0, sample_card(1_600, 1_000, true, false)).unwrap();
            *done = true;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_photo_that_changes_while_uploading_leaves_nothing_behind() {
    let Some((url, _)) = tus() else { return };
    let fx = Fixture::new();
    let wallet = fx.wallet().await;
    let tamper = Arc::new(Tamper(fx.photo.clone(), Mutex::new(false)));
    let err = wallet.submit_capture_with(fx.submission(url), &policy(), Some(tamper)).await.unwrap_err();
    assert!(matches!(err, SweepError::CaptureRejected { problem: CaptureProblem::ChangedDuringUpload, .. }), "{err:?}");
    assert_eq!(wallet.pending_uploads().await.unwrap(), 0);
}

/// The same against the sandbox, which shows the upload was also ended on
/// the server (tus termination), not just forgotten by the client.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_photo_that_changes_while_uploading_is_ended_on_the_server_too() {
    let sandbox = sweep_sandbox::Sandbox::start().await.unwrap();
    let fx = Fixture::new();
    let wallet = fx.wallet().await;
    let tamper = Arc::new(Tamper(fx.photo.clone(), Mutex::new(false)));
    let err = wallet.submit_capture_with(fx.submission(sandbox.tus_url()), &policy(), Some(tamper)).await.unwrap_err();
    assert!(matches!(err, SweepError::CaptureRejected { problem: CaptureProblem::ChangedDuringUpload, .. }), "{err:?}");
    assert_eq!(wallet.pending_uploads().await.unwrap(), 0);
    assert_eq!(sandbox.uploads_held(), 0, "the half-sent upload was terminated");
}

/// The sandbox's own tus endpoint, which the demo and the binding tests use.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sandbox_takes_uploads_and_refuses_downloads() {
    let sandbox = sweep_sandbox::Sandbox::start().await.unwrap();
    let fx = Fixture::new();
    let wallet = fx.wallet().await;
    let receipt = wallet.submit_capture_with(fx.submission(sandbox.tus_url()), &policy(), None).await.unwrap();
    assert_eq!(sandbox.received_upload(&receipt.upload.upload_url), Some(fx.clean()));
    sweep_core::install_tls_provider();
    assert_eq!(reqwest::get(&receipt.upload.upload_url).await.unwrap().status(), 405);
}

/// A server that refuses an upload for good (403 to every `PATCH`): the
/// upload ends with a clear, final error instead of retrying, every other
/// upload still resumes, and `discard_upload` ends it on the server and
/// empties the outbox.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upload_refused_for_good_ends_clearly_and_can_be_discarded() {
    let sandbox = sweep_sandbox::Sandbox::start().await.unwrap();
    let fx = Fixture::new();
    let wallet = fx.wallet().await;
    sandbox.set_knobs(sweep_sandbox::Knobs { uploads_refused: true, ..Default::default() });
    let refused = wallet.submit_capture_with(fx.submission(sandbox.tus_url()), &policy(), None).await;
    assert!(matches!(refused, Err(SweepError::AccessRevoked { .. })), "{refused:?}");
    assert_eq!(wallet.pending_uploads().await.unwrap(), 1, "kept until the user decides");

    let results = wallet.resume_uploads_with(&policy(), None).await.expect("one refusal does not fail the call");
    assert_eq!(results.len(), 1);
    assert!(results[0].final_error, "{results:?}");
    let text = results[0].error.as_deref().unwrap();
    // The wallet is Korean: the cause and what to do, both in Korean.
    assert_eq!(text, "접근 권한이 취소됐어요: 업로드 서버가 접근을 거절했어요. 다시 시도해도 소용없어요. 이 사진은 지우고 다시 찍어서 제출해 주세요.");

    wallet.discard_upload(results[0].capture_id).await.unwrap();
    assert_eq!(wallet.pending_uploads().await.unwrap(), 0);
    assert!(wallet.resume_uploads_with(&policy(), None).await.unwrap().is_empty());
    let again = wallet.discard_upload(results[0].capture_id).await;
    assert!(matches!(again, Err(SweepError::InvalidInput { ref field, .. }) if field == "capture_id"), "{again:?}");

    // The server takes uploads again: a new submission goes through.
    sandbox.set_knobs(sweep_sandbox::Knobs::default());
    wallet.submit_capture_with(fx.submission(sandbox.tus_url()), &policy(), None).await.unwrap();
}

/// Deletes the photo as soon as the first chunk is through, as a camera
/// app cleaning up its temporary file would.
struct DeleteSource(PathBuf);

impl UploadListener for DeleteSource {
    fn on_progress(&self, _: UploadProgress) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deleted_source_file_is_fine_because_the_sealed_copy_uploads() {
    let sandbox = sweep_sandbox::Sandbox::start().await.unwrap();
    let fx = Fixture::new();
    let clean = fx.clean();
    let wallet = fx.wallet().await;
    let deleter = Arc::new(DeleteSource(fx.photo.clone()));
    let receipt = wallet.submit_capture_with(fx.submission(sandbox.tus_url()), &policy(), Some(deleter)).await.unwrap();
    assert!(!fx.photo.exists());
    assert_eq!(sandbox.received_upload(&receipt.upload.upload_url), Some(clean));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upload_the_server_forgot_starts_again() {
    let sandbox = sweep_sandbox::Sandbox::start().await.unwrap();
    let proxy = CuttingProxy::start(sandbox.addr(), 50_000, 1).await;
    proxy.go_dark_after_cuts();
    let fx = Fixture::new();
    let wallet = fx.wallet().await;
    let endpoint = format!("http://{}/tus/files/", proxy.addr());
    let first = wallet.submit_capture_with(fx.submission(endpoint), &big_chunks(), None).await;
    assert!(first.is_err(), "{first:?}");
    assert_eq!(wallet.pending_uploads().await.unwrap(), 1);
    // The server drops the half-finished upload (say it expired).
    sweep_core::install_tls_provider();
    let client = reqwest::Client::new();
    for id in 1..=3 {
        let url = format!("http://{}/tus/files/up-{id:05}", sandbox.addr());
        let _ = client.delete(&url).header("Tus-Resumable", "1.0.0").send().await.unwrap();
    }
    proxy.refuse(false);
    let results = wallet.resume_uploads_with(&big_chunks(), None).await.unwrap();
    let report = results[0].report.clone().unwrap_or_else(|| panic!("{results:?}"));
    assert_eq!(report.resumed_from, 0, "started again from the sealed copy");
    assert_eq!(sandbox.received_upload(&report.upload_url), Some(fx.clean()));
    assert_eq!(wallet.pending_uploads().await.unwrap(), 0);
}
