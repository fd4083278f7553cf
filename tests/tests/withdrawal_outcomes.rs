//! How withdrawals end, against the sandbox provider: a receipt whose
//! figures are the quote's, a transfer the bank returns, a refusal that
//! gives the hold back, and tier limits that count what was already
//! withdrawn today.

use sweep_core::withdrawals::{PayeePolicy, WithdrawalState};
use sweep_core::SweepError;
use sweep_sandbox::{Knobs, Sandbox};
use sweep_tests::proxy::CuttingProxy;
use sweep_tests::withdrawing::{everything, held_and_balance, krw, send_exactly, Fixture};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_completed_withdrawal_has_a_receipt_with_the_quoted_fee_and_a_different_charge_is_caught() {
    let sandbox = Sandbox::start().await.unwrap();
    let proxy = CuttingProxy::start(sandbox.addr(), u64::MAX, 0).await;
    let fx = Fixture::new();
    let (wallet, payee) = fx.ready(&sandbox.url(), format!("http://{}/sweep-provider/v1", proxy.addr())).await;
    let quote = wallet.quote(send_exactly(15_000)).await.unwrap();
    let w = wallet.withdraw(quote.clone(), payee, fx.auth.clone(), None).await.unwrap();
    let early = wallet.withdrawal_receipt(w.withdrawal_id).await.unwrap_err();
    assert!(matches!(early, SweepError::ReceiptNotReady { ref state, .. } if state == "processing"), "{early:?}");
    wallet.refresh_withdrawal(w.withdrawal_id).await.unwrap();
    assert_eq!(wallet.refresh_withdrawal(w.withdrawal_id).await.unwrap().state, WithdrawalState::Completed);

    let receipt = wallet.withdrawal_receipt(w.withdrawal_id).await.unwrap();
    let b = &quote.breakdown;
    assert_eq!(receipt.fee, b.total_fee, "the fee is the quote's, to the won");
    assert_eq!((receipt.gross.clone(), receipt.net.clone()), (b.total_gross.clone(), b.total_net.clone()));
    assert_eq!((receipt.quote_id.as_str(), receipt.payee.as_str()), (quote.quote_id.as_str(), "Shinhan •••• 6789"));
    assert!(receipt.reference.starts_with("SWP"), "{}", receipt.reference);
    proxy.refuse(true);
    assert_eq!(wallet.withdrawal_receipt(w.withdrawal_id).await.unwrap(), receipt, "kept, shown offline");
    proxy.refuse(false);

    // A provider that charges one won more than it quoted.
    let quote = wallet.quote(send_exactly(15_000)).await.unwrap();
    let fee = quote.breakdown.total_fee.amount.minor_units;
    let w = wallet.withdraw(quote, payee, fx.auth.clone(), None).await.unwrap();
    wallet.refresh_withdrawal(w.withdrawal_id).await.unwrap();
    wallet.refresh_withdrawal(w.withdrawal_id).await.unwrap();
    sandbox.set_knobs(Knobs { receipt_fee_offset: 1, ..Knobs::default() });
    let charged = wallet.withdrawal_receipt(w.withdrawal_id).await.unwrap_err();
    assert!(
        matches!(charged, SweepError::ChargeMismatch { ref field, ref quoted, ref charged, .. }
            if field == "total_fee" && *quoted == format!("{fee} KRW") && *charged == format!("{} KRW", fee + 1)),
        "{charged:?}"
    );
    wallet.verify_ledger().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_withdrawal_the_bank_returns_gives_the_money_back() {
    let sandbox = Sandbox::start().await.unwrap();
    let fx = Fixture::new();
    let (wallet, payee) = fx.ready(&sandbox.url(), sandbox.provider_url()).await;
    sandbox.set_knobs(Knobs { withdrawal_outcome: Some("return".into()), ..Knobs::default() });
    let w = wallet.withdraw(wallet.quote(everything()).await.unwrap(), payee, fx.auth.clone(), None).await.unwrap();
    assert_eq!(wallet.refresh_withdrawal(w.withdrawal_id).await.unwrap().state, WithdrawalState::Sent);
    let returned = wallet.refresh_withdrawal(w.withdrawal_id).await.unwrap();
    assert_eq!(returned.state, WithdrawalState::Returned);
    assert_eq!(returned.reason.as_deref(), Some("받는 은행이 돈을 돌려보냈어요."));
    // The money had left Toss; the provider sent it back there, and the
    // next sync sees it: at the platform and in the wallet, once.
    assert_eq!(held_and_balance(&wallet).await, (0, 0), "collected, so debited here until the next sync");
    assert_eq!(sandbox.platform_balance("sandbox-toss"), Some(40_000), "the platform has it back");
    assert_eq!(sandbox.returned_to_sources(), 40_000);
    wallet.sync().await.unwrap();
    assert_eq!(held_and_balance(&wallet).await, (0, 40_000), "back at the source after the next sync");
    let receipt = wallet.withdrawal_receipt(w.withdrawal_id).await.unwrap_err();
    assert!(matches!(receipt, SweepError::ReceiptNotReady { .. }), "{receipt:?}");
    wallet.verify_ledger().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_withdrawal_the_provider_refuses_fails_and_gives_its_hold_back() {
    let (quoting, other) = (Sandbox::start().await.unwrap(), Sandbox::start().await.unwrap());
    let fx = Fixture::new();
    let (wallet, payee) = fx.ready(&quoting.url(), quoting.provider_url()).await;
    let quote = wallet.quote(everything()).await.unwrap();
    // The same schedule at another provider, which never locked this quote.
    wallet.refresh_fee_schedule(other.provider_url()).await.unwrap();
    let w = wallet.withdraw(quote, payee, fx.auth.clone(), None).await.unwrap();
    assert_eq!(w.state, WithdrawalState::Failed);
    assert_eq!(w.reason.as_deref(), Some("제공사가 이 출금을 거절했어요 (HTTP 422)."));
    assert_eq!(held_and_balance(&wallet).await, (0, 40_000));
    assert_eq!((quoting.payouts(), other.payouts()), (0, 0));
    wallet.verify_ledger().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tier_limits_count_what_was_already_withdrawn_today() {
    let sandbox = Sandbox::start().await.unwrap();
    let fx = Fixture::new();
    let (wallet, payee) = fx.ready(&sandbox.url(), sandbox.provider_url()).await;
    wallet.set_payee_policy(PayeePolicy { cooldown_hours: 0, small_amount_major: 0 });
    // A top-up of ₩600,000 at Toss, seen by the next sync.
    sandbox.set_platform_balance("sandbox-toss", 640_000);
    wallet.sync().await.unwrap();
    let left = || async { wallet.remaining_limits("KRW".into()).await.unwrap().unwrap() };
    // Unverified: ₩200,000 per withdrawal, ₩300,000 a day, ₩1,000,000 a month.
    assert_eq!(left().await.daily_remaining, Some(krw(300_000)));

    let first = wallet.quote(send_exactly(190_000)).await.unwrap();
    let first = wallet.withdraw(first, payee, fx.auth.clone(), None).await.unwrap();
    let now = left().await;
    assert_eq!((now.daily_remaining, now.monthly_remaining), (Some(krw(110_000)), Some(krw(810_000))));
    assert_eq!(now.per_withdrawal, Some(krw(200_000)), "one withdrawal's limit does not shrink");
    let above = wallet.quote(send_exactly(120_000)).await.unwrap_err();
    assert!(matches!(above, SweepError::LimitExceeded { ref limit, .. } if limit == "daily"), "{above:?}");

    // Two quotes that each fit what is left, but not both.
    let (a, b) =
        (wallet.quote(send_exactly(100_000)).await.unwrap(), wallet.quote(send_exactly(100_000)).await.unwrap());
    wallet.withdraw(a, payee, fx.auth.clone(), None).await.unwrap();
    let held = held_and_balance_all(&wallet).await;
    let refused = wallet.withdraw(b.clone(), payee, fx.auth.clone(), None).await.unwrap_err();
    assert!(matches!(refused, SweepError::LimitExceeded { ref limit, .. } if limit == "daily"), "{refused:?}");
    assert_eq!(held_and_balance_all(&wallet).await, held, "nothing more was held");
    assert_eq!(sandbox.payouts(), 2, "nothing more was sent");

    // A canceled withdrawal gives its room back.
    wallet.cancel_withdrawal(first.withdrawal_id).await.unwrap();
    assert_eq!(left().await.daily_remaining, Some(krw(200_000)));
    wallet.withdraw(b, payee, fx.auth.clone(), None).await.unwrap();
    wallet.verify_ledger().await.unwrap();
}

/// What all sources hold back for withdrawals.
async fn held_and_balance_all(wallet: &sweep_core::Wallet) -> i64 {
    let home = wallet.dashboard().await.unwrap();
    home.sources.iter().map(|s| s.balance.amount.minor_units - s.available.amount.minor_units).sum()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_quote_priced_for_a_bank_account_does_not_pay_a_wallet_and_nothing_is_written() {
    use sweep_core::fees::DestinationKind;
    use sweep_core::withdrawals::{PayeeDestination, PayeeRequest};
    let sandbox = Sandbox::start().await.unwrap();
    let fx = Fixture::new();
    let (wallet, bank) = fx.ready(&sandbox.url(), sandbox.provider_url()).await;
    let phone = PayeeRequest {
        destination: PayeeDestination::Phone { phone_number: "+821012345678".into() },
        holder_name: "Kim Minji".into(),
    };
    let wallet_payee = wallet.add_payee(phone).await.unwrap();
    assert_eq!(wallet_payee.destination_kind, DestinationKind::Wallet);
    let kinds: Vec<DestinationKind> = wallet.payees().await.unwrap().iter().map(|p| p.destination_kind).collect();
    assert_eq!(kinds, [DestinationKind::BankAccount, DestinationKind::Wallet]);

    let to_bank = wallet.quote(send_exactly(10_000)).await.unwrap();
    let before = held_and_balance(&wallet).await;
    let refused = wallet.withdraw(to_bank.clone(), wallet_payee.payee_id, fx.auth.clone(), None).await.unwrap_err();
    assert!(
        matches!(refused, SweepError::InvalidInput { ref field, ref reason }
            if field == "payee_id" && reason.contains("priced for a bank account, but the payee is a wallet")),
        "{refused:?}"
    );
    assert!(wallet.withdrawals().await.unwrap().is_empty(), "nothing was written");
    assert_eq!(held_and_balance(&wallet).await, before, "nothing was held");
    // The same quote pays the bank account it was priced for.
    wallet.withdraw(to_bank, bank, fx.auth.clone(), None).await.unwrap();
}
