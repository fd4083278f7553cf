//! Identity against the sandbox provider and operator: tiers cap plans and
//! quotes, a verification session plays each outcome, and the operator's
//! Number Verification and KYC Match answer with the linked operator's
//! PKCE token.

use std::sync::Arc;

use sweep_core::fees::{DestinationKind, PlanRequest, QuoteGoal, QuoteRequest, Speed};
use sweep_core::identity::camara::{KycClaims, MatchResult};
use sweep_core::identity::{DocumentSide, DocumentType, Tier, VerificationStatus};
use sweep_core::sources::{SourceEndpoint, SourceKind};
use sweep_core::wallet::CaptureSubmission;
use sweep_core::{EphemeralKeyProvider, MinorAmount, SweepError, Wallet, WalletConfig};
use sweep_sandbox::{Knobs, Sandbox, SUBSCRIBER_NUMBER};
use sweep_tests::{link_at_sandbox_issuer, verify_in_sandbox};

fn krw(units: i64) -> MinorAmount {
    MinorAmount { minor_units: units, currency_code: "KRW".into() }
}

async fn wallet(dir: &tempfile::TempDir, sandbox: &Sandbox) -> Arc<Wallet> {
    let config = WalletConfig { data_dir: dir.path().join("w").display().to_string(), locale: "ko-KR".into() };
    let wallet = Wallet::open(config, EphemeralKeyProvider::new().unwrap()).await.unwrap();
    sweep_tests::withdrawing::toss_holding(&wallet, &sandbox.url(), 1_000_000).await;
    wallet.refresh_fee_schedule(sandbox.provider_url()).await.unwrap();
    wallet
}

fn plan_request() -> PlanRequest {
    PlanRequest { currency_code: "KRW".into(), speed: Speed::Standard, limits: None, target_fee_bps: None }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_tier_caps_plans_and_quotes_until_the_id_is_verified() {
    let sandbox = Sandbox::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let wallet = wallet(&dir, &sandbox).await;
    let status = wallet.identity().await.unwrap();
    assert_eq!(status.tier, Tier::Unverified);
    assert_eq!(status.limits[0].per_withdrawal, 200_000);

    let plan = wallet.plan(plan_request()).await.unwrap();
    assert_eq!(plan.total_gross.amount.minor_units, 200_000, "an unverified user cashes out at most 200,000원");
    assert!(plan.legs[0].explanation.contains("1회 출금 한도(200,000원)를 넘어요"), "{}", plan.legs[0].explanation);
    let send = |units| QuoteRequest {
        currency_code: "KRW".into(),
        goal: QuoteGoal::SendExactly { amount: krw(units) },
        speed: Speed::Standard,
        destination: DestinationKind::BankAccount,
        limits: None,
    };
    let over = wallet.estimate(send(300_000)).await.unwrap_err();
    assert!(matches!(over, SweepError::LimitExceeded { ref limit, .. } if limit == "per_withdrawal"), "{over:?}");

    verify_in_sandbox(&wallet).await.unwrap();
    assert_eq!(wallet.identity().await.unwrap().tier, Tier::IdVerified);
    let plan = wallet.plan(plan_request()).await.unwrap();
    assert_eq!(plan.total_gross.amount.minor_units, 1_000_000, "verified: the whole balance fits");
    assert_eq!(wallet.estimate(send(300_000)).await.unwrap().total_gross.amount.minor_units, 300_000);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_moves_through_its_statuses_and_plays_each_outcome() {
    let sandbox = Sandbox::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let wallet = wallet(&dir, &sandbox).await;
    let photo = dir.path().join("id.jpg").display().to_string();
    sweep_core::identity::write_sample_capture(photo.clone(), true).unwrap();
    for (outcome, expected) in [
        ("verified", VerificationStatus::Verified),
        ("rejected", VerificationStatus::Rejected),
        ("needs_resubmission", VerificationStatus::NeedsResubmission),
    ] {
        sandbox.set_knobs(Knobs { verification_outcome: Some(outcome.into()), ..Knobs::default() });
        let session = wallet.start_verification(DocumentType::DriversLicence).await.unwrap();
        assert_eq!(session.status, VerificationStatus::Created);
        let status = |id: String| wallet.verification_status(id);
        assert_eq!(status(session.session_id.clone()).await.unwrap().status, VerificationStatus::Created);
        let submission = CaptureSubmission {
            path: photo.clone(),
            document_type: DocumentType::DriversLicence,
            side: DocumentSide::Front,
            upload_endpoint: session.upload_url.clone(),
        };
        wallet.submit_capture(submission, None).await.unwrap();
        assert_eq!(status(session.session_id.clone()).await.unwrap().status, VerificationStatus::Processing);
        let last = status(session.session_id.clone()).await.unwrap();
        assert_eq!(last.status, expected, "{outcome}");
        if expected == VerificationStatus::Rejected {
            assert_eq!((last.reason_code.as_deref(), last.retries_left), (Some("document_unreadable"), 2));
            assert!(last.reason.unwrap().contains("밝은 곳에서 다시 찍어 주세요"));
        }
    }
    sandbox.set_knobs(Knobs { verification_outcome: Some("expired".into()), ..Knobs::default() });
    let session = wallet.start_verification(DocumentType::Passport).await.unwrap();
    assert_eq!(wallet.verification_status(session.session_id).await.unwrap().status, VerificationStatus::Expired);
    let unknown = wallet.verification_status("vs-9999".into()).await;
    assert_eq!(unknown.err(), Some(SweepError::SourceFailed { status: 404 }));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_shows_uploading_until_its_capture_arrives() {
    use sweep_core::identity::UploadPolicy;
    let sandbox = Sandbox::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let wallet = wallet(&dir, &sandbox).await;
    let photo = dir.path().join("id.jpg").display().to_string();
    sweep_core::identity::write_sample_capture(photo.clone(), true).unwrap();
    let session = wallet.start_verification(DocumentType::NationalId).await.unwrap();
    // The upload is created, then the network goes away mid-PATCH.
    let proxy = sweep_tests::proxy::CuttingProxy::start(sandbox.addr(), 2_000, 1).await;
    proxy.go_dark_after_cuts();
    let endpoint = session.upload_url.replace(&sandbox.addr().to_string(), &proxy.addr().to_string());
    let submission = CaptureSubmission {
        path: photo,
        document_type: DocumentType::NationalId,
        side: DocumentSide::Front,
        upload_endpoint: endpoint,
    };
    let policy = UploadPolicy {
        chunk_bytes: 64 * 1024,
        max_failures: 3,
        base_backoff: std::time::Duration::from_millis(5),
        max_backoff: std::time::Duration::from_millis(20),
    };
    assert!(wallet.submit_capture_with(submission, &policy, None).await.is_err());
    assert_eq!(proxy.cuts_made(), 1);
    let status = wallet.verification_status(session.session_id.clone()).await.unwrap();
    assert_eq!(status.status, VerificationStatus::Uploading);
    assert_eq!(wallet.pending_uploads().await.unwrap(), 1, "the capture waits in the outbox");

    // The network is back: the upload carries on and the session moves on.
    proxy.refuse(false);
    let resumed = wallet.resume_uploads_with(&policy, None).await.unwrap();
    assert!(resumed.len() == 1 && resumed[0].report.is_some(), "{resumed:?}");
    let status = |id: String| wallet.verification_status(id);
    assert_eq!(status(session.session_id.clone()).await.unwrap().status, VerificationStatus::Processing);
    assert_eq!(status(session.session_id.clone()).await.unwrap().status, VerificationStatus::Verified);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_operator_confirms_the_number_and_matches_kyc_with_the_users_token() {
    let sandbox = Sandbox::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let wallet = wallet(&dir, &sandbox).await;
    let (billing_base_url, refund_base_url) = sandbox.camara_urls();
    let endpoint = SourceEndpoint::CarrierBilling { billing_base_url, refund_base_url };
    let issuer = sandbox.oauth_issuer("sandbox-operator");
    let operator = link_at_sandbox_issuer(&wallet, issuer, "SKT", SourceKind::CarrierBilling, endpoint).await.unwrap();
    let (nv, kyc) = sandbox.camara_identity_urls();

    assert!(!wallet.verify_phone_number(operator, nv.clone(), "+821099998888".into()).await.unwrap());
    assert_eq!(wallet.identity().await.unwrap().tier, Tier::Unverified);
    assert!(wallet.verify_phone_number(operator, nv.clone(), SUBSCRIBER_NUMBER.into()).await.unwrap());
    assert_eq!(wallet.identity().await.unwrap().tier, Tier::PhoneVerified);
    let bad = wallet.verify_phone_number(operator, nv.clone(), "010-1234-5678".into()).await;
    assert!(matches!(bad, Err(SweepError::InvalidInput { ref field, .. }) if field == "phone_number"));
    // The operator's token never goes to another host.
    let elsewhere = wallet.verify_phone_number(
        operator,
        "http://127.0.0.2:9/number-verification/v2".into(),
        SUBSCRIBER_NUMBER.into(),
    );
    assert!(matches!(elsewhere.await, Err(SweepError::InvalidInput { ref field, .. }) if field == "api_url"));
    // A source that is not a linked operator has no operator token.
    assert!(matches!(
        wallet.verify_phone_number(1, nv, SUBSCRIBER_NUMBER.into()).await,
        Err(SweepError::InvalidInput { .. })
    ));

    let claims = KycClaims {
        phone_number: SUBSCRIBER_NUMBER.into(),
        name: "Kim Minji".into(),
        birthdate: "1994-03-15".into(),
        id_number: "940315-2000000".into(),
    };
    assert!(wallet.match_kyc(operator, kyc.clone(), claims.clone()).await.unwrap().all_match());
    let wrong = KycClaims { birthdate: "1994-03-16".into(), ..claims.clone() };
    let answer = wallet.match_kyc(operator, kyc.clone(), wrong).await.unwrap();
    assert_eq!((answer.name, answer.birthdate), (MatchResult::Matches, MatchResult::DoesNotMatch));
    let undated = KycClaims { birthdate: "15/03/1994".into(), ..claims };
    assert!(matches!(wallet.match_kyc(operator, kyc, undated).await, Err(SweepError::InvalidInput { .. })));
    // Every call carried the token of the user's own sign-in at the operator.
    let callers = sandbox.identity_callers();
    assert_eq!(callers.len(), 4, "two number checks and two KYC matches reached the operator");
    assert!(callers.iter().all(|c| c.as_deref() == Some("sandbox-operator")), "{callers:?}");
}
