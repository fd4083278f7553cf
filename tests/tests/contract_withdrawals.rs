//! Contract tests of the withdrawal routes of our provider spec
//! (`docs/provider-api.yaml`): Prism in mock mode checks each request Sweep
//! sends and answers with the spec's examples, which Sweep must read;
//! Prism in proxy mode with `--errors`, in front of the sandbox provider,
//! checks a whole withdrawal both ways: name check, submit, status,
//! events, receipt and cancel. `cargo xtask test` starts both.

use std::time::Duration;

use sweep_core::withdrawals::name_check::{self, NameCheck};
use sweep_core::withdrawals::payees::validated;
use sweep_core::withdrawals::record::Details;
use sweep_core::withdrawals::{provider, receipt, PayeeDestination, PayeeRequest, WithdrawalState};
use sweep_core::SweepError;
use sweep_tests::withdrawing::{send_exactly, Fixture};

fn service(name: &str) -> Option<String> {
    sweep_tests::service_url(name, "Prism for this test")
}

fn shinhan() -> PayeeRequest {
    let destination =
        PayeeDestination::KrBankAccount { bank_code: "088".into(), account_number: "110-123-456789".into() };
    validated(&PayeeRequest { destination, holder_name: "Kim Minji".into() }).unwrap()
}

/// The spec's example quote, as the wallet stores the withdrawal of it.
fn example_withdrawal() -> Details {
    Details {
        quote_id: "qt-000001".into(),
        schedule_version: "krw-2026-11".into(),
        currency_code: "KRW".into(),
        legs: vec![(1, 12_340), (2, 3_300)],
        total_net: 14_806,
        payee_id: 1,
        provider_id: Some("wd-00001".into()),
        reason: None,
        eta_seconds: 86_400,
        total_gross: 15_640,
        total_fee: 834,
        receipt: None,
        collection: vec![],
        settlement: None,
    }
}

#[tokio::test]
async fn withdrawal_requests_follow_the_spec_and_its_examples_read() {
    let Some(url) = service("SWEEP_PROVIDER_API_MOCK") else { return };
    let payee = shinhan();
    assert_eq!(name_check::check(&url, &payee).await.expect("Prism accepts the name check"), NameCheck::Match);
    let body = serde_json::json!({
        "quote_id": "qt-000001",
        "schedule_version": "krw-2026-11",
        "currency_code": "KRW",
        "amount": 14_806,
        "payee": payee.destination,
        "holder_name": payee.holder_name,
        "legs": [
            {"source_ref": "src_6f1c2a9e04b3d7c8a1e2f3b4", "source_kind": "wallet",
             "collection_method": "source_api_transfer", "amount": 12_340},
            {"source_ref": "src_0a9b8c7d6e5f4a3b2c1d0e9f", "source_kind": "game_credits",
             "collection_method": "source_api_transfer", "amount": 3_300},
        ],
    });
    let created = provider::submit(&url, "key-0001", &body, 1, Duration::ZERO).await.expect("Prism accepts it");
    // The example is collecting its one leg: accepted and on its way.
    assert_eq!((created.state().unwrap(), created.version), (WithdrawalState::Processing, 1));
    assert_eq!(created.legs[0].destination_reference, "col-wd-00001-1", "a collection instruction per leg");

    // Prism refuses a withdrawal without its legs (v2).
    let mut legless = body.clone();
    legless.as_object_mut().unwrap().remove("legs");
    let refused = provider::submit(&url, "key-0003", &legless, 1, Duration::ZERO).await;
    assert!(matches!(refused, Err(SweepError::SourceFailed { status: 422 })), "{refused:?}");
    let now = provider::status(&url, &created.withdrawal_id).await.unwrap();
    assert_eq!(now.state().unwrap(), WithdrawalState::Completed);
    let page = provider::events(&url, 0, 0).await.unwrap();
    assert_eq!((page.events.len(), page.next), (2, 3));
    let example = provider::receipt(&url, &created.withdrawal_id).await.unwrap();
    let kept = receipt::check(1, &example_withdrawal(), &example).expect("the example receipt is the example quote's");
    assert_eq!(kept.reference, "SWP00001");

    // Prism refuses a body the spec does not allow (no holder_name).
    let mut bad = body.clone();
    bad.as_object_mut().unwrap().remove("holder_name");
    let refused = provider::submit(&url, "key-0002", &bad, 1, Duration::ZERO).await;
    assert!(matches!(refused, Err(SweepError::SourceFailed { status: 422 })), "{refused:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sandbox_withdraws_by_the_spec_through_the_proxy() {
    let Some(url) = service("SWEEP_PROVIDER_API_PROXY") else { return };
    let Some(sandbox) = sweep_tests::service_url("SWEEP_SANDBOX_URL", "the sandbox") else { return };
    let fx = Fixture::new();
    let (wallet, payee) = fx.ready(&sandbox, url.clone()).await; // the name check goes through Prism too
    let quote = wallet.quote(send_exactly(15_000)).await.unwrap();
    let w = wallet.withdraw(quote.clone(), payee, fx.auth.clone(), None).await.expect("submit follows the spec");
    assert_eq!(w.state, WithdrawalState::Processing);
    wallet.refresh_withdrawal(w.withdrawal_id).await.expect("status follows the spec");
    assert_eq!(wallet.refresh_withdrawal(w.withdrawal_id).await.unwrap().state, WithdrawalState::Completed);
    let receipt = wallet.withdrawal_receipt(w.withdrawal_id).await.expect("the receipt follows the spec");
    assert_eq!(receipt.fee, quote.breakdown.total_fee);

    let again = wallet.quote(send_exactly(15_000)).await.unwrap();
    let w = wallet.withdraw(again, payee, fx.auth.clone(), None).await.unwrap();
    assert_eq!(
        wallet.cancel_withdrawal(w.withdrawal_id).await.expect("cancel follows the spec").state,
        WithdrawalState::Canceled
    );
    let pid = w.provider_withdrawal_id.unwrap();
    let early = provider::receipt(&url, &pid).await;
    assert!(matches!(early, Err(SweepError::SourceFailed { status: 409 })), "a problem the spec allows: {early:?}");
    let page = provider::events(&url, 0, 0).await.expect("the events feed follows the spec");
    assert!(page.events.iter().any(|e| e.withdrawal_id == pid && e.status == "canceled"));
    wallet.verify_ledger().await.unwrap();
}
