//! Withdrawals against the sandbox provider: held before sending, sent
//! once whatever is retried, moved on by the provider's events, with the
//! holds debited or released and the ledger verifying throughout.

use std::time::{Duration, SystemTime};

use sweep_core::sources::SourceKind;
use sweep_core::withdrawals::WithdrawalState;
use sweep_core::SweepError;
use sweep_sandbox::{Knobs, Sandbox};
use sweep_tests::proxy::CuttingProxy;
use sweep_tests::withdrawing::{everything, held_and_balance, Fixture};
use sweep_tests::{link_at_sandbox_issuer, TestAuthenticator};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_leg_is_collected_from_its_source_before_the_payout() {
    let sandbox = Sandbox::start().await.unwrap();
    let fx = Fixture::new();
    let (wallet, payee) = fx.ready(&sandbox.url(), sandbox.provider_url()).await;
    let quote = wallet.quote(everything()).await.unwrap();
    let w = wallet.withdraw(quote, payee, fx.auth.clone(), None).await.unwrap();
    assert_eq!((w.state, w.net.formatted.as_str()), (WithdrawalState::Processing, "38,700원"));
    // The platform moved the money to the provider's collection account.
    assert_eq!(sandbox.platform_balance("sandbox-toss"), Some(0), "Toss really let go of it");
    assert_eq!(sandbox.collections().values().sum::<i64>(), 40_000, "and it arrived at the provider");
    assert_eq!(held_and_balance(&wallet).await, (0, 0), "collected: the hold became a debit");
    assert_eq!(wallet.refresh_withdrawal(w.withdrawal_id).await.unwrap().state, WithdrawalState::Sent);
    let cancel = wallet.cancel_withdrawal(w.withdrawal_id).await.unwrap_err();
    assert!(matches!(cancel, SweepError::CancelTooLate { ref state, .. } if state == "sent"), "{cancel:?}");
    assert_eq!(wallet.refresh_withdrawal(w.withdrawal_id).await.unwrap().state, WithdrawalState::Completed);
    // The next sync sees what the platform has left: nothing counted twice.
    wallet.sync().await.unwrap();
    assert_eq!(held_and_balance(&wallet).await, (0, 0), "nothing swept comes back");
    assert_eq!((sandbox.payouts(), sandbox.transfer_debits()), (1, 1));
    wallet.verify_ledger().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_is_paid_out_from_a_leg_its_source_refused() {
    let sandbox = Sandbox::start().await.unwrap();
    let fx = Fixture::new();
    let (wallet, payee) = fx.ready(&sandbox.url(), sandbox.provider_url()).await;
    sandbox.set_knobs(Knobs { transfers_refused: true, ..Knobs::default() });
    let w = wallet.withdraw(wallet.quote(everything()).await.unwrap(), payee, fx.auth.clone(), None).await.unwrap();
    assert_eq!(held_and_balance(&wallet).await, (0, 40_000), "the refused leg's hold is released");
    let failed = wallet.refresh_withdrawal(w.withdrawal_id).await.unwrap();
    assert_eq!(failed.state, WithdrawalState::Failed);
    assert!(failed.reason.as_deref().unwrap_or("").contains("nothing was charged"), "{failed:?}");
    assert_eq!(sandbox.platform_balance("sandbox-toss"), Some(40_000), "the platform kept its money");
    assert!(sandbox.collections().is_empty(), "nothing reached the provider, so nothing was paid out");
    assert_eq!(sandbox.injected_transfer_faults().get("transfer_refused"), Some(&1));
    wallet.verify_ledger().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failure_or_a_cancel_sends_the_collected_money_back() {
    let sandbox = Sandbox::start().await.unwrap();
    let fx = Fixture::new();
    let (wallet, payee) = fx.ready(&sandbox.url(), sandbox.provider_url()).await;
    sandbox.set_knobs(Knobs { withdrawal_outcome: Some("fail".into()), ..Knobs::default() });
    let w = wallet.withdraw(wallet.quote(everything()).await.unwrap(), payee, fx.auth.clone(), None).await.unwrap();
    let failed = wallet.refresh_withdrawal(w.withdrawal_id).await.unwrap();
    assert_eq!(failed.state, WithdrawalState::Failed);
    assert_eq!(failed.reason.as_deref(), Some("받는 계좌가 해지됐어요."));
    assert_eq!(sandbox.platform_balance("sandbox-toss"), Some(40_000), "the provider sent it back to Toss");
    wallet.sync().await.unwrap();
    assert_eq!(held_and_balance(&wallet).await, (0, 40_000), "back at the source, nothing left held");

    sandbox.set_knobs(Knobs::default());
    let again = wallet.withdraw(wallet.quote(everything()).await.unwrap(), payee, fx.auth.clone(), None).await.unwrap();
    let canceled = wallet.cancel_withdrawal(again.withdrawal_id).await.unwrap();
    assert_eq!(canceled.state, WithdrawalState::Canceled);
    assert_eq!(sandbox.platform_balance("sandbox-toss"), Some(40_000));
    wallet.sync().await.unwrap();
    assert_eq!(held_and_balance(&wallet).await, (0, 40_000));
    assert_eq!(sandbox.returned_to_sources(), 80_000, "both collections went back");
    wallet.verify_ledger().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_answer_or_a_restart_never_pays_twice() {
    let sandbox = Sandbox::start().await.unwrap();
    let proxy = CuttingProxy::start(sandbox.addr(), u64::MAX, 0).await;
    let fx = Fixture::new();
    let provider = format!("http://{}/sweep-provider/v1", proxy.addr());
    let (wallet, payee) = fx.ready(&sandbox.url(), provider).await;

    // The provider acts, but its answer is lost: the retry carries the same key.
    sandbox.set_knobs(Knobs { withdrawal_lost_answers: 1, ..Knobs::default() });
    let quote = wallet.quote(everything()).await.unwrap();
    let first = wallet.withdraw(quote.clone(), payee, fx.auth.clone(), None).await.unwrap();
    assert_eq!(first.state, WithdrawalState::Processing);
    assert_eq!(sandbox.payouts(), 1, "two submissions, one payout");
    let again = wallet.withdraw(quote, payee, fx.auth.clone(), None).await;
    assert!(
        matches!(again, Err(SweepError::InvalidInput { ref field, .. }) if field == "quote"),
        "a quote is carried out once"
    );
    wallet.cancel_withdrawal(first.withdrawal_id).await.unwrap();
    wallet.sync().await.unwrap(); // the cancel sent the collected money back to Toss

    // Stored and held, then the network goes before it is sent; the app restarts.
    let quote = wallet.quote(everything()).await.unwrap();
    proxy.refuse(true);
    let lost = wallet.withdraw(quote, payee, fx.auth.clone(), None).await;
    assert!(matches!(lost, Err(SweepError::Network { .. })), "{lost:?}");
    assert_eq!(held_and_balance(&wallet).await.0, 40_000, "the intent and its hold survived");
    wallet.close();
    proxy.refuse(false);
    let reopened = fx.open().await;
    let resumed = reopened.resume_withdrawals().await.unwrap();
    assert_eq!(resumed.len(), 1);
    assert_eq!(resumed[0].state, WithdrawalState::Processing);
    assert_eq!(sandbox.payouts(), 2, "one payout per withdrawal");
    assert_eq!(sandbox.transfer_debits(), 2, "each withdrawal's one leg was collected once");
    reopened.verify_ledger().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_withdrawals_are_refused_before_anything_is_sent() {
    let sandbox = Sandbox::start().await.unwrap();
    let fx = Fixture::new();
    let (wallet, payee) = fx.ready(&sandbox.url(), sandbox.provider_url()).await;
    let mut expired = wallet.quote(everything()).await.unwrap();
    expired.expires_at = SystemTime::now() - Duration::from_secs(1);
    assert!(matches!(
        wallet.withdraw(expired, payee, fx.auth.clone(), None).await,
        Err(SweepError::QuoteExpired { .. })
    ));
    let quote = wallet.quote(everything()).await.unwrap();
    assert!(matches!(
        wallet.withdraw(quote.clone(), 99, fx.auth.clone(), None).await,
        Err(SweepError::PayeeNotFound { payee_id: 99 })
    ));
    // A signature from another key than the registered one.
    let forged = wallet.withdraw(quote.clone(), payee, TestAuthenticator::forger(), None).await;
    assert!(matches!(forged, Err(SweepError::AuthenticationFailed { .. })), "{forged:?}");
    assert_eq!(fx.auth.prompts.lock().unwrap().len(), 0, "the honest authenticator was never asked");
    // A brand-new payee cannot take more than the small amount yet.
    wallet.set_payee_policy(sweep_core::withdrawals::PayeePolicy { cooldown_hours: 12, small_amount_major: 10_000 });
    assert!(matches!(
        wallet.withdraw(quote, payee, fx.auth.clone(), None).await,
        Err(SweepError::PayeeCoolingDown { .. })
    ));
    wallet.set_payee_policy(sweep_core::withdrawals::PayeePolicy { cooldown_hours: 0, small_amount_major: 0 });
    // A quote edited on its way back from the app: another net, another
    // split of the same money, or one this wallet never locked.
    let locked = wallet.quote(everything()).await.unwrap();
    let mut richer = locked.clone();
    richer.breakdown.total_net.amount.minor_units += 1_000;
    let mut resplit = locked.clone();
    resplit.breakdown.legs[0].fee.amount.minor_units -= 1;
    let mut stranger = locked.clone();
    stranger.quote_id = "qt-999999".into();
    for edited in [richer, resplit, stranger] {
        let refused = wallet.withdraw(edited, payee, fx.auth.clone(), None).await;
        assert!(matches!(refused, Err(SweepError::InvalidInput { ref field, .. }) if field == "quote"), "{refused:?}");
    }
    assert_eq!(sandbox.payouts(), 0);
    assert_eq!(held_and_balance(&wallet).await, (0, 40_000), "nothing was held");

    // A key reused with another body.
    let quote = wallet.quote(everything()).await.unwrap();
    let body = |holder: &str| {
        serde_json::json!({
            "quote_id": quote.quote_id,
            "currency_code": "KRW",
            "amount": quote.breakdown.total_net.amount.minor_units,
            "holder_name": holder,
            "legs": [{"source_ref": "src_000000000000000000000001", "source_kind": "wallet",
                      "collection_method": "source_api_transfer", "amount": 40_000}],
        })
    };
    let (key, url) = ("same-key-0001", sandbox.provider_url());
    let submit = sweep_core::withdrawals::provider::submit;
    submit(&url, key, &body("Kim Minji"), 1, Duration::ZERO).await.unwrap();
    let reused = submit(&url, key, &body("Lee Jiwoo"), 1, Duration::ZERO).await;
    assert!(matches!(reused, Err(SweepError::IdempotencyConflict { .. })), "{reused:?}");
    assert_eq!(sandbox.payouts(), 1, "the second body was not paid");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_user_confirms_the_exact_withdrawal_and_a_recent_sim_swap_stops_it() {
    let sandbox = Sandbox::start().await.unwrap();
    let fx = Fixture::new();
    let (wallet, payee) = fx.ready(&sandbox.url(), sandbox.provider_url()).await;
    let (billing_base_url, refund_base_url) = sandbox.camara_urls();
    let endpoint = sweep_core::sources::SourceEndpoint::CarrierBilling { billing_base_url, refund_base_url };
    let issuer = sandbox.oauth_issuer("sandbox-operator");
    let operator = link_at_sandbox_issuer(&wallet, issuer, "SKT", SourceKind::CarrierBilling, endpoint).await.unwrap();
    let check = || sweep_core::wallet::SimSwapCheck {
        operator_source_id: operator,
        sim_swap_url: sandbox.sim_swap_url(),
        phone_number: sweep_sandbox::SUBSCRIBER_NUMBER.into(),
        max_age_hours: None,
    };
    sandbox.set_knobs(Knobs { sim_swapped: true, ..Knobs::default() });
    let quote = wallet.quote(everything()).await.unwrap();
    let swapped = wallet.withdraw(quote.clone(), payee, fx.auth.clone(), Some(check())).await;
    assert!(matches!(swapped, Err(SweepError::RecentSimSwap { hours: 240 })), "{swapped:?}");
    assert_eq!(sandbox.payouts(), 0);

    sandbox.set_knobs(Knobs::default());
    assert!(!wallet.check_sim_swap(check()).await.unwrap());
    let w = wallet.withdraw(quote, payee, fx.auth.clone(), Some(check())).await.unwrap();
    assert_eq!(w.state, WithdrawalState::Processing);
    let prompts = fx.auth.prompts.lock().unwrap().clone();
    assert_eq!(prompts, ["Shinhan •••• 6789 계좌로 38,700원 보낼까요?"], "the user saw the exact amount and payee");
}
