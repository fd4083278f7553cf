//! A sign-in in progress survives callbacks that are not its own: a forged
//! callback carrying its `state` but another issuer, or arriving at another
//! redirect URI, is refused and leaves the real sign-in waiting.

use sweep_core::sources::{LinkRequest, SourceEndpoint, SourceKind, TRANSFER_SCOPE};
use sweep_core::wallet::LinkOutcome;
use sweep_core::SweepError;
use sweep_sandbox::Sandbox;

use sweep_tests::TEST_REDIRECT as REDIRECT;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forged_callback_does_not_use_up_the_real_sign_in() {
    let sandbox = Sandbox::start().await.unwrap();
    let fx = sweep_tests::withdrawing::Fixture::new();
    let wallet = fx.open().await;
    let issuer = sandbox.oauth_issuer("sandbox-toss");
    let oauth = sweep_tests::sandbox_oauth(issuer, &[TRANSFER_SCOPE]);
    let endpoint = SourceEndpoint::SourceApi { base_url: sandbox.source_api_url() };
    let url = wallet
        .begin_link(LinkRequest {
            name: "Toss".into(),
            kind: SourceKind::Wallet,
            endpoint,
            oauth,
            replaces_source_id: None,
        })
        .unwrap();
    let real = sweep_tests::play_browser(&url, REDIRECT).await;
    let state = reqwest::Url::parse(&real).unwrap().query_pairs().find(|(k, _)| k == "state").unwrap().1.into_owned();

    // An attacker who learned the state sends the app a callback of their own.
    let other_issuer = format!("{REDIRECT}?code=stolen&state={state}&iss=https%3A%2F%2Fevil.example");
    assert!(matches!(wallet.complete_link(other_issuer).await, Err(SweepError::OAuthRejected { .. })));
    let other_redirect = format!("{REDIRECT}.evil?code=stolen&state={state}");
    assert!(matches!(wallet.complete_link(other_redirect).await, Err(SweepError::InvalidInput { .. })));

    // The user's own callback still completes the sign-in, once.
    let id = wallet.complete_link(real.clone()).await.expect("the real sign-in was kept waiting").source_id;
    assert!(id > 0);
    let replayed = wallet.complete_link(real).await;
    assert!(matches!(replayed, Err(SweepError::InvalidInput { ref field, .. }) if field == "state"), "{replayed:?}");
    wallet.close();
}

/// A relink that signs in to another account at the source is refused, and
/// the source stays bound to its own account (ADR 0006, issue #14 item 5).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_relink_to_another_account_links_a_new_source_and_leaves_the_old_one() {
    let sandbox = Sandbox::start().await.unwrap();
    let fx = sweep_tests::withdrawing::Fixture::new();
    let wallet = fx.open().await;
    let oauth = sweep_tests::sandbox_oauth(sandbox.oauth_issuer("sandbox-toss"), &[TRANSFER_SCOPE]);
    let endpoint = SourceEndpoint::SourceApi { base_url: sandbox.source_api_url() };
    let request =
        LinkRequest { name: "Toss".into(), kind: SourceKind::Wallet, endpoint, oauth, replaces_source_id: None };
    let url = wallet.begin_link(request).unwrap();
    let first = wallet.complete_link(sweep_tests::play_browser(&url, REDIRECT).await).await.unwrap();
    assert_eq!((first.outcome.clone(), first.note.clone()), (LinkOutcome::Linked, None));
    let id = first.source_id;

    sandbox.set_knobs(sweep_sandbox::Knobs { foreign_id_subject: true, ..Default::default() });
    let again = wallet.begin_relink(id).await.unwrap();
    let other = wallet.complete_link(sweep_tests::play_browser(&again, REDIRECT).await).await.unwrap();
    assert_ne!(other.source_id, id, "never attached to the old source");
    assert_eq!(other.outcome, LinkOutcome::OtherAccount { previous_source_id: id });
    let note = other.note.expect("it says so");
    assert!(note.contains("Toss") && note.contains("계정"), "{note}");
    let synced: Vec<u64> = wallet.sync().await.unwrap().iter().map(|r| r.source_id).collect();
    assert_eq!(synced, vec![id, other.source_id], "two sources, each read with its own account's tokens");

    // The first user's sign-in still relinks the first source.
    sandbox.set_knobs(sweep_sandbox::Knobs::default());
    let again = wallet.begin_relink(id).await.unwrap();
    let same = wallet.complete_link(sweep_tests::play_browser(&again, REDIRECT).await).await.unwrap();
    assert_eq!((same.source_id, same.outcome), (id, LinkOutcome::LinkedAgain));
    wallet.close();
}
