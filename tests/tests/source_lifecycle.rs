//! A source over months, against the sandbox: removed with its tokens
//! revoked at the issuer (or told that the issuer cannot), a typed-in
//! balance taken over by the link to the same platform so its money counts
//! once, and a phone bill read to the end of the operator's list.

use std::sync::Arc;

use sweep_core::fees::PayoutSupport;
use sweep_core::sources::{ManualSource, SourceEndpoint, SourceKind, TokenRevocation};
use sweep_core::wallet::LinkOutcome;
use sweep_core::{EphemeralKeyProvider, MinorAmount, SweepError, Wallet, WalletConfig};
use sweep_sandbox::{Knobs, Sandbox};
use sweep_tests::{link_at_sandbox_issuer, link_request_at_sandbox_issuer};

async fn wallet(dir: &tempfile::TempDir) -> Arc<Wallet> {
    let config = WalletConfig { data_dir: dir.path().display().to_string(), locale: "ko-KR".into() };
    Wallet::open(config, EphemeralKeyProvider::new().unwrap()).await.unwrap()
}

fn toss(sandbox: &Sandbox) -> SourceEndpoint {
    SourceEndpoint::SourceApi { base_url: sandbox.source_api_url() }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn removing_a_linked_source_revokes_its_tokens_and_keeps_its_history() {
    let sandbox = Sandbox::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let wallet = wallet(&dir).await;
    let issuer = sandbox.oauth_issuer("sandbox-toss");
    let id = link_at_sandbox_issuer(&wallet, issuer, "Toss", SourceKind::Wallet, toss(&sandbox)).await.unwrap();
    wallet.sync().await.unwrap();
    assert_eq!(wallet.dashboard().await.unwrap().cashable_totals[0].amount.minor_units, 12_340);
    let entries_before = wallet.verify_ledger().await.unwrap().entries;

    let removal = wallet.remove_source(id).await.unwrap();
    assert_eq!(removal.revocation, TokenRevocation::Revoked);
    assert_eq!(sandbox.revoked_tokens(), 2, "the refresh token and the access token");
    assert!(removal.note.contains("Toss") && removal.note.contains("취소"), "{}", removal.note);

    let home = wallet.dashboard().await.unwrap();
    assert!(home.sources.is_empty() && home.cashable_totals.is_empty(), "{home:?}");
    assert_eq!(wallet.connected_source_count(), 0, "its connector is dropped");
    assert!(wallet.sync().await.unwrap().is_empty(), "nothing left to read");
    assert_eq!(wallet.verify_ledger().await.unwrap().entries, entries_before, "history kept, and it verifies");
    assert!(matches!(wallet.remove_source(id).await, Err(SweepError::SourceNotFound { .. })));
    assert!(wallet.begin_relink(id).await.is_err(), "a removed source is not relinked");
    wallet.close();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_issuer_without_revocation_is_named_and_the_source_still_goes() {
    let sandbox = Sandbox::start().await.unwrap();
    sandbox.set_knobs(Knobs { no_token_revocation: true, ..Knobs::default() });
    let dir = tempfile::tempdir().unwrap();
    let wallet = wallet(&dir).await;
    let issuer = sandbox.oauth_issuer("sandbox-toss");
    let id = link_at_sandbox_issuer(&wallet, issuer, "Toss", SourceKind::Wallet, toss(&sandbox)).await.unwrap();
    let removal = wallet.remove_source(id).await.unwrap();
    assert_eq!(removal.revocation, TokenRevocation::NotOffered);
    assert_eq!(sandbox.revoked_tokens(), 0);
    assert!(removal.note.contains("설정"), "tells the user where to disconnect: {}", removal.note);
    assert!(wallet.dashboard().await.unwrap().sources.is_empty());

    // A typed-in balance has no tokens to revoke.
    let typed = ManualSource {
        name: "Cash jar".into(),
        kind: SourceKind::Wallet,
        balance: MinorAmount { minor_units: 5_000, currency_code: "KRW".into() },
        account_ref: None,
    };
    let manual = wallet.add_manual_source(typed).await.unwrap();
    assert_eq!(wallet.remove_source(manual).await.unwrap().revocation, TokenRevocation::NoTokens);
    wallet.verify_ledger().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn linking_the_platform_of_a_typed_in_balance_counts_its_money_once() {
    let sandbox = Sandbox::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let wallet = wallet(&dir).await;
    let typed = ManualSource {
        name: "토스".into(),
        kind: SourceKind::Wallet,
        balance: MinorAmount { minor_units: 12_000, currency_code: "KRW".into() },
        account_ref: None,
    };
    let manual = wallet.add_manual_source(typed.clone()).await.unwrap();
    wallet
        .edit_manual_source(
            manual,
            ManualSource { balance: MinorAmount { minor_units: 12_300, ..typed.balance }, ..typed },
        )
        .await
        .unwrap();

    let issuer = sandbox.oauth_issuer("sandbox-toss");
    let linked =
        link_request_at_sandbox_issuer(&wallet, issuer, "Toss", SourceKind::Wallet, toss(&sandbox), Some(manual))
            .await
            .unwrap();
    assert_eq!((linked.source_id, linked.outcome), (manual, LinkOutcome::AdoptedTypedIn));
    assert!(linked.note.unwrap().contains("토스"));
    let home = wallet.dashboard().await.unwrap();
    assert_eq!(home.sources.len(), 1);
    assert!(home.cashable_totals.is_empty(), "the typed-in figure is never cash: {home:?}");

    wallet.sync().await.unwrap();
    let home = wallet.dashboard().await.unwrap();
    assert_eq!(home.sources.len(), 1, "one source, not a typed-in and a linked one");
    assert_eq!(home.cashable_totals[0].amount.minor_units, 12_340, "the platform's balance, once");
    let transactions = wallet.transactions(manual, 100).await.unwrap();
    assert!(!transactions.is_empty(), "the feed is read into the same source");
    // Typed in 12,000, edited to 12,300, then read as 12,340: all in one history.
    assert_eq!(wallet.verify_ledger().await.unwrap().entries, 3);
    assert!(
        matches!(
            wallet
                .edit_manual_source(
                    manual,
                    ManualSource {
                        name: "x".into(),
                        kind: SourceKind::Wallet,
                        balance: MinorAmount { minor_units: 1, currency_code: "KRW".into() },
                        account_ref: None,
                    }
                )
                .await,
            Err(SweepError::InvalidInput { .. })
        ),
        "a linked source's balance is read, not typed"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phone_bill_is_read_to_the_end_of_the_operators_list() {
    let sandbox = Sandbox::start().await.unwrap();
    // 13 usual payments and 450 older ones with ₩100 left each: 463 in
    // pages of 10, far past the 200 Sweep used to stop at.
    sandbox.set_knobs(Knobs { carrier_older_payments: 450, ..Knobs::default() });
    let dir = tempfile::tempdir().unwrap();
    let wallet = wallet(&dir).await;
    let (billing_base_url, refund_base_url) = sandbox.camara_urls();
    let endpoint = SourceEndpoint::CarrierBilling { billing_base_url, refund_base_url };
    let issuer = sandbox.oauth_issuer("sandbox-operator");
    let phone =
        link_at_sandbox_issuer(&wallet, issuer, "Phone bill", SourceKind::CarrierBilling, endpoint).await.unwrap();
    wallet.sync().await.unwrap();
    let home = wallet.dashboard().await.unwrap();
    assert_eq!(home.sources[0].balance.amount.minor_units, 8_500 + 450 * 100);
    assert!(home.cashable_totals.is_empty(), "still refund-to-origin only");

    let refunds = wallet.refund_carrier_billing(phone).await.unwrap();
    assert_eq!(refunds.len(), 2 + 450, "each payment with money left, back to itself");
    assert_eq!(wallet.dashboard().await.unwrap().sources[0].balance.amount.minor_units, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_says_which_currencies_the_provider_pays_out() {
    let sandbox = Sandbox::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let wallet = wallet(&dir).await;
    for (name, minor_units, code) in [("Won", 5_000, "KRW"), ("Dollars", 150, "USD"), ("Pounds", 80, "GBP")] {
        let balance = MinorAmount { minor_units, currency_code: code.into() };
        let typed = ManualSource { name: name.into(), kind: SourceKind::Wallet, balance, account_ref: None };
        wallet.add_manual_source(typed).await.unwrap();
    }
    let before: Vec<_> = wallet.dashboard().await.unwrap().payouts.into_iter().map(|p| p.support).collect();
    assert_eq!(before, [PayoutSupport::Unknown; 3], "no fee schedule yet");
    wallet.refresh_fee_schedule(sandbox.provider_url()).await.unwrap();
    let after = wallet.dashboard().await.unwrap().payouts;
    let shown: Vec<(&str, PayoutSupport)> = after.iter().map(|p| (p.currency_code.as_str(), p.support)).collect();
    assert_eq!(
        shown,
        [("GBP", PayoutSupport::NotPaidOut), ("KRW", PayoutSupport::PaidOut), ("USD", PayoutSupport::NotPaidOut)]
    );
    assert!(after[2].note.contains("USD") && after[2].note.contains("기록만"), "{}", after[2].note);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn old_receipts_and_statements_still_read_after_their_source_is_removed() {
    use sweep_core::withdrawals::WithdrawalState;
    use sweep_tests::withdrawing::{everything, Fixture};
    let sandbox = Sandbox::start().await.unwrap();
    let fx = Fixture::new();
    let (wallet, payee) = fx.ready(&sandbox.url(), sandbox.provider_url()).await;
    let w = wallet.withdraw(wallet.quote(everything()).await.unwrap(), payee, fx.auth.clone(), None).await.unwrap();
    while wallet.refresh_withdrawal(w.withdrawal_id).await.unwrap().state != WithdrawalState::Completed {}
    let receipt = wallet.withdrawal_receipt(w.withdrawal_id).await.unwrap();
    let statement = wallet.statement(w.withdrawal_id).await.unwrap();

    let toss = w.legs[0].source_id;
    assert_eq!(wallet.remove_source(toss).await.unwrap().revocation, TokenRevocation::Revoked);

    assert_eq!(wallet.withdrawal_receipt(w.withdrawal_id).await.unwrap(), receipt, "the receipt still reads");
    assert_eq!(wallet.statement(w.withdrawal_id).await.unwrap(), statement, "so does where every won went");
    let report = wallet.verify_ledger().await.unwrap();
    assert_eq!(report.withdrawals, 1, "the finished withdrawal still adds up");
    assert_eq!(wallet.withdrawals().await.unwrap()[0].legs[0].source_id, toss);
}
