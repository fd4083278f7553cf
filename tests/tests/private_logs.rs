//! Logs never carry tokens, codes, names, numbers, paths or images. One
//! wallet signs in to two sandbox issuers by hand (so the test knows each
//! authorization code and `state`), syncs, keeps a typed-in account number,
//! uploads an ID photo (with a GPS tag and a device serial), adds payees by
//! account number, IBAN and phone number, quotes, withdraws and tracks the
//! withdrawal to completion, checks the user's number and matches KYC
//! claims at the operator, while a logger takes everything at `Trace`; then
//! every line is searched for each secret, for anything shaped like a JWT
//! (the ID tokens) and for phone numbers in any common format.
//!
//! The logger is process-wide, so this file holds one test that logs; the
//! other checks only the searches themselves.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sweep_core::fees::QuoteRequest;
use sweep_core::identity::camara::KycClaims;
use sweep_core::identity::sample::{sample_card, with_gps_exif};
use sweep_core::identity::{DocumentSide, DocumentType};
use sweep_core::logging::{clear_logger, set_logger, LogLevel, LogRecord, Logger};
use sweep_core::money::MinorAmount;
use sweep_core::sources::{load_links, LinkRequest, ManualSource, SourceEndpoint, SourceKind, TRANSFER_SCOPE};
use sweep_core::store::Store;
use sweep_core::wallet::{CaptureSubmission, Withdrawal, WithdrawalListener};
use sweep_core::withdrawals::{PayeeDestination, PayeeRequest, WithdrawalState};
use sweep_core::{EphemeralKeyProvider, SweepError, Wallet, WalletConfig};
use sweep_sandbox::{Sandbox, SUBSCRIBER_NUMBER};
use sweep_tests::{play_browser, sandbox_oauth, TestAuthenticator, TEST_REDIRECT};

#[derive(Default)]
struct Collector(Mutex<Vec<String>>);

impl Logger for Collector {
    fn log(&self, record: LogRecord) {
        self.0.lock().unwrap().push(format!("{} {}", record.target, record.line));
    }
}

#[derive(Default)]
struct Seen(Mutex<Vec<WithdrawalState>>);

impl WithdrawalListener for Seen {
    fn on_withdrawal(&self, withdrawal: Withdrawal) {
        self.0.lock().unwrap().push(withdrawal.state);
    }
}

/// What a sign-in put in the callback URL: the authorization code and the
/// `state`, which must never be logged.
struct Callback {
    code: String,
    state: String,
}

/// Links a source by playing the browser, keeping the callback's code and
/// state to look for in the logs.
async fn link_by_hand(
    wallet: &Wallet,
    issuer: String,
    name: &str,
    kind: SourceKind,
    endpoint: SourceEndpoint,
) -> (u64, Callback) {
    let oauth = sandbox_oauth(issuer, &["balances:read", TRANSFER_SCOPE]);
    let url =
        wallet.begin_link(LinkRequest { name: name.into(), kind, endpoint, oauth, replaces_source_id: None }).unwrap();
    let callback = play_browser(&url, TEST_REDIRECT).await;
    let query = |key: &str| {
        let url = reqwest::Url::parse(&callback).unwrap();
        url.query_pairs().find(|(k, _)| k == key).map(|(_, v)| v.into_owned()).unwrap()
    };
    let kept = Callback { code: query("code"), state: query("state") };
    let id = wallet.complete_link(callback).await.unwrap().source_id;
    (id, kept)
}

/// Strings in `line` shaped like a JWT: three dot-separated base64url
/// parts, long enough not to be a host name or a version (an ES256 ID
/// token's header alone is 20 characters and its signature 86).
fn jwt_like(line: &str) -> Vec<String> {
    let base64url = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    line.split(|c: char| !(base64url(c) || c == '.'))
        .filter(|run| {
            let parts: Vec<&str> = run.split('.').collect();
            parts.windows(3).any(|w| w[0].len() >= 10 && w[1].len() >= 10 && w[2].len() >= 20)
        })
        .map(str::to_owned)
        .collect()
}

/// Korean mobile numbers in `line`, however written: `010-1234-5678`,
/// `010 1234 5678`, `01012345678`, `+82 10-1234-5678`, `+821012345678`.
fn phone_numbers(line: &str) -> Vec<String> {
    line.split(|c: char| !(c.is_ascii_digit() || "+- ()".contains(c)))
        .filter(|run| {
            let digits: String = run.chars().filter(char::is_ascii_digit).collect();
            (digits.starts_with("010") && digits.len() == 11) || (digits.starts_with("8210") && digits.len() == 12)
        })
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_searches_find_what_they_look_for() {
    // A real sandbox-shaped ID token, and things that are not one.
    let token = "eyJhbGciOiJFUzI1NiIsImtpZCI6InNhbmRib3gifQ.eyJzdWIiOiJzYW5kYm94LXRvc3MifQ.\
                 c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmUtc2lnbmF0dXJl";
    assert_eq!(jwt_like(&format!("sweep_core::sources id_token={token} done")), [token]);
    for innocent in ["sweep_core::wallet source linked source_id=1", "GET http://127.0.0.1:4000/v1.2.3", "a.b.c"] {
        assert!(jwt_like(innocent).is_empty(), "{innocent}");
    }
    for number in ["010-1234-5678", "01012345678", "+821012345678", "+82 10-1234-5678", "010 9999 8888"] {
        assert_eq!(phone_numbers(&format!("checked {number}.")).len(), 1, "{number}");
    }
    for innocent in ["count=12 seq=3", "elapsed_ms=1012345678", "₩40,000 entries=10"] {
        assert!(phone_numbers(innocent).is_empty(), "{innocent}");
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
    let mut callbacks = Vec::new();

    // A platform linked with OAuth (PKCE, an ID token), then synced.
    sweep_tests::withdrawing::top_up(&sandbox.url(), "sandbox-toss", 40_000).await;
    let api = SourceEndpoint::SourceApi { base_url: sandbox.source_api_url() };
    let issuer = sandbox.oauth_issuer("sandbox-toss");
    let (_, callback) = link_by_hand(&wallet, issuer, "Kim Minji's Toss", SourceKind::Wallet, api).await;
    callbacks.push(callback);
    assert!(wallet.sync().await.unwrap().iter().all(|r| r.synced));
    let typed = ManualSource {
        name: "Kim Minji savings".into(),
        kind: SourceKind::Bank,
        balance: MinorAmount { minor_units: 5_000, currency_code: "KRW".into() },
        account_ref: Some("110-123-456789".into()),
    };
    wallet.add_manual_source(typed).await.unwrap();

    // An ID photo with a GPS tag, and one that is not there.
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

    // Payees by account number, IBAN and phone number, and two refused.
    wallet.refresh_fee_schedule(sandbox.provider_url()).await.unwrap();
    let payee = |destination, holder: &str| PayeeRequest { destination, holder_name: holder.into() };
    let shinhan =
        || PayeeDestination::KrBankAccount { bank_code: "088".into(), account_number: "110-123-456789".into() };
    let payee_id = wallet.add_payee(payee(shinhan(), "Kim Minji")).await.unwrap().payee_id;
    let iban = PayeeDestination::Iban { iban: "GB82 WEST 1234 5698 7654 32".into() };
    wallet.add_payee(payee(iban, "Park Seoyeon")).await.unwrap();
    let phone = PayeeDestination::Phone { phone_number: SUBSCRIBER_NUMBER.into() };
    wallet.add_payee(payee(phone, "Kim Minji")).await.unwrap();
    let bad_iban = PayeeDestination::Iban { iban: "DE89370400440532013001".into() };
    assert!(matches!(wallet.add_payee(payee(bad_iban, "Kim Minji")).await, Err(SweepError::InvalidInput { .. })));
    let mismatch = wallet.add_payee(payee(shinhan(), "Lee Jiwoo")).await;
    assert!(matches!(mismatch, Err(SweepError::PayeeNameMismatch { .. })), "{mismatch:?}");

    // A withdrawal: quoted, sent, tracked until it completes.
    let auth = TestAuthenticator::new();
    wallet.register_authenticator(auth.clone()).await.unwrap();
    let seen = Arc::new(Seen::default());
    let subscription = Arc::clone(&wallet).track_withdrawals(seen.clone()).await;
    let quote = wallet.quote(QuoteRequest::everything_to_bank("KRW")).await.unwrap();
    let withdrawal = wallet.withdraw(quote, payee_id, auth, None).await.unwrap();
    let start = Instant::now();
    while !seen.0.lock().unwrap().contains(&WithdrawalState::Completed) && start.elapsed() < Duration::from_secs(20) {
        sandbox.advance_withdrawals(false);
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(seen.0.lock().unwrap().contains(&WithdrawalState::Completed), "tracked to the end");
    drop(subscription);
    let done = wallet.refresh_withdrawal(withdrawal.withdrawal_id).await.unwrap();
    assert_eq!(done.state, WithdrawalState::Completed);
    wallet.withdrawal_receipt(withdrawal.withdrawal_id).await.unwrap();
    wallet.statement(withdrawal.withdrawal_id).await.unwrap();

    // The operator: linked by hand too, then the number and KYC checks.
    let (billing_base_url, refund_base_url) = sandbox.camara_urls();
    let endpoint = SourceEndpoint::CarrierBilling { billing_base_url, refund_base_url };
    let issuer = sandbox.oauth_issuer("sandbox-operator");
    let (operator, callback) =
        link_by_hand(&wallet, issuer, "Kim Minji's SKT", SourceKind::CarrierBilling, endpoint).await;
    callbacks.push(callback);
    let (nv, kyc) = sandbox.camara_identity_urls();
    assert!(wallet.verify_phone_number(operator, nv.clone(), SUBSCRIBER_NUMBER.into()).await.unwrap());
    assert!(!wallet.verify_phone_number(operator, nv.clone(), "+821099998888".into()).await.unwrap());
    assert!(wallet.verify_phone_number(operator, nv, "010-9999-8888".into()).await.is_err());
    let claims = KycClaims {
        phone_number: SUBSCRIBER_NUMBER.into(),
        name: "Kim Minji".into(),
        birthdate: "1994-03-15".into(),
        id_number: "940315-2000000".into(),
    };
    assert!(wallet.match_kyc(operator, kyc.clone(), claims.clone()).await.unwrap().all_match());
    let wrong = KycClaims { birthdate: "1994-03-16".into(), ..claims.clone() };
    assert!(!wallet.match_kyc(operator, kyc.clone(), wrong).await.unwrap().all_match());
    let undated = KycClaims { birthdate: "15/03/1994".into(), ..claims };
    assert!(wallet.match_kyc(operator, kyc, undated).await.is_err());
    wallet.close();
    clear_logger();

    // The tokens the wallet holds, read back from its sealed store, and
    // every token the sandbox's issuers hand out (`sandbox-at-N`, `-rt-N`).
    let store = Store::open(&dir.path().join("w").join(sweep_core::wallet::DATABASE_FILE), keys.as_ref()).unwrap();
    let links = load_links(&store).unwrap();
    let mut secrets: Vec<String> = links.iter().map(|(_, l)| l.access_token.clone()).collect();
    secrets.extend(links.iter().filter_map(|(_, l)| l.refresh_token.clone()));
    assert!(secrets.len() >= 4, "both links hold an access and a refresh token: {}", secrets.len());
    secrets.extend(["sandbox-at-", "sandbox-rt-"].map(String::from));
    for Callback { code, state } in &callbacks {
        assert!(code.len() >= 6 && state.len() >= 20, "a code ({code}) and a state long enough to look for");
        secrets.extend([code.clone(), state.clone()]);
    }
    let dir_text = dir.path().display().to_string();
    secrets.extend(
        [
            // Holder names, in the forms the wallet was given them.
            "Kim Minji",
            "kim-minji",
            "Minji",
            "Park Seoyeon",
            "Seoyeon",
            "Lee Jiwoo",
            "Jiwoo",
            // Account numbers and IBANs, grouped or not.
            "110-123-456789",
            "110123456789",
            "456789",
            "GB82 WEST",
            "GB82WEST",
            "98765432",
            "DE89370400440532013001",
            "0532013001",
            // KYC claims.
            "1994-03-15",
            "1994-03-16",
            "15/03/1994",
            "19940315",
            "940315",
            "2000000",
            // The photo's device serial and metadata, and where it was.
            "SN-7731",
            "Exif",
            "JFIF",
            dir_text.as_str(),
        ]
        .map(String::from),
    );

    let lines = collector.0.lock().unwrap().clone();
    for milestone in ["source linked", "capture uploaded", "payee added", "quote locked", "withdrawal stored and held"]
    {
        assert!(lines.iter().any(|l| l.contains(milestone)), "the run was logged ({milestone}): {lines:#?}");
    }
    assert!(lines.iter().any(|l| l.contains("number verification answered")), "{lines:#?}");
    for line in &lines {
        let lower = line.to_lowercase();
        for secret in &secrets {
            assert!(!lower.contains(&secret.to_lowercase()), "a log line carries {secret:?}: {line}");
        }
        // The PKCE verifier cannot be read from outside the wallet: its
        // parameter must at least never be logged with a value.
        for shape in ["code_verifier=", "code_verifier\":", "code_verifier:"] {
            assert!(!lower.contains(shape), "a log line carries a PKCE verifier: {line}");
        }
        assert!(jwt_like(line).is_empty(), "a log line carries a JWT (an ID token?): {line}");
        assert!(phone_numbers(line).is_empty(), "a log line carries a phone number: {line}");
        assert!(line.len() < 1_000, "no image or body in a log line: {} chars", line.len());
    }
    println!("{} log lines checked for {} secrets", lines.len(), secrets.len());
}
