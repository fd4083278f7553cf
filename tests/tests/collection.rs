//! Multi-leg withdrawals against the sandbox: each leg is moved out of its
//! own platform exactly once, the provider pays out only what arrived, and
//! the partial collection rule of docs/money.md decides what a withdrawal
//! that loses a leg pays and charges. Ground truth is the sandbox's books.

use sweep_core::sources::SourceKind;
use sweep_core::withdrawals::WithdrawalState;
use sweep_sandbox::{Knobs, Sandbox};
use sweep_tests::withdrawing::{everything, top_up, Fixture};

/// A wallet holding 12,340원 at Toss and 4,870원 at KakaoPay, both linked
/// with the transfer scope; its payee's id.
async fn two_platforms(sandbox: &Sandbox, fx: &Fixture) -> (std::sync::Arc<sweep_core::Wallet>, u64) {
    let (wallet, payee) = fx.ready(&sandbox.url(), sandbox.provider_url()).await;
    top_up(&sandbox.url(), "sandbox-toss", 12_340).await;
    let issuer = sandbox.oauth_issuer("sandbox-kakaopay");
    let endpoint = sweep_core::sources::SourceEndpoint::SourceApi { base_url: sandbox.source_api_url() };
    sweep_tests::link_at_sandbox_issuer(&wallet, issuer, "KakaoPay", SourceKind::Wallet, endpoint).await.unwrap();
    assert!(wallet.sync().await.unwrap().iter().all(|r| r.synced));
    (wallet, payee)
}

/// Asks where a withdrawal stands until it ends (the sandbox moves it a
/// step on each look), a bounded number of times.
async fn finish(wallet: &sweep_core::Wallet, id: u64) -> WithdrawalState {
    for _ in 0..10 {
        let state = wallet.refresh_withdrawal(id).await.unwrap().state;
        if state.is_terminal() {
            return state;
        }
    }
    panic!("withdrawal {id} never ended");
}

/// What the wallet shows as available at each source, by name.
async fn available(wallet: &sweep_core::Wallet) -> Vec<(String, i64)> {
    let home = wallet.dashboard().await.unwrap();
    home.sources.iter().map(|s| (s.name.clone(), s.available.amount.minor_units)).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_legs_are_collected_once_and_the_payout_is_the_quote() {
    let sandbox = Sandbox::start().await.unwrap();
    let fx = Fixture::new();
    let (wallet, payee) = two_platforms(&sandbox, &fx).await;
    let quote = wallet.quote(everything()).await.unwrap();
    assert_eq!(quote.breakdown.legs.len(), 2);
    assert_eq!(quote.breakdown.total_net.formatted, "16,494원");
    let w = wallet.withdraw(quote.clone(), payee, fx.auth.clone(), None).await.unwrap();
    assert_eq!(sandbox.platform_balance("sandbox-toss"), Some(0));
    assert_eq!(sandbox.platform_balance("sandbox-kakaopay"), Some(0));
    assert_eq!(sandbox.collections().values().sum::<i64>(), 17_210);
    finish(&wallet, w.withdrawal_id).await;
    let receipt = wallet.withdrawal_receipt(w.withdrawal_id).await.unwrap();
    assert_eq!((receipt.fee.formatted.as_str(), receipt.net.formatted.as_str()), ("716원", "16,494원"));
    wallet.sync().await.unwrap();
    assert_eq!(available(&wallet).await, [("Toss".into(), 0), ("KakaoPay".into(), 0)], "nothing comes back");
    assert_eq!(sandbox.transfer_debits(), 2, "one debit per leg");
    wallet.verify_ledger().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_leg_costs_nothing_and_the_rest_pays_only_its_quoted_fee() {
    let sandbox = Sandbox::start().await.unwrap();
    let fx = Fixture::new();
    let (wallet, payee) = two_platforms(&sandbox, &fx).await;
    let quote = wallet.quote(everything()).await.unwrap();
    let toss_fee = quote.breakdown.legs.iter().find(|l| l.source_name == "Toss").unwrap().fee.amount.minor_units;
    sandbox.set_knobs(Knobs { refuse_transfers_from: Some("sandbox-kakaopay".into()), ..Knobs::default() });
    let w = wallet.withdraw(quote.clone(), payee, fx.auth.clone(), None).await.unwrap();
    assert_eq!(available(&wallet).await, [("Toss".into(), 0), ("KakaoPay".into(), 4_870)], "its hold is released");
    finish(&wallet, w.withdrawal_id).await;
    let done = wallet.refresh_withdrawal(w.withdrawal_id).await.unwrap();
    assert_eq!(done.state, WithdrawalState::Completed);
    let receipt = wallet.withdrawal_receipt(w.withdrawal_id).await.unwrap();
    // The rule: Toss's quoted fee share plus the (zero) withdrawal fee.
    assert_eq!(receipt.fee.amount.minor_units, toss_fee);
    assert_eq!(receipt.gross.amount.minor_units, 12_340);
    assert_eq!(receipt.net.amount.minor_units, 12_340 - toss_fee);
    assert!(receipt.fee.amount.minor_units < quote.breakdown.total_fee.amount.minor_units);
    assert_eq!(sandbox.platform_balance("sandbox-kakaopay"), Some(4_870), "KakaoPay never let go");
    // Where every won went, adding up.
    let statement = wallet.statement(w.withdrawal_id).await.unwrap();
    let collected: Vec<i64> = statement.lines.iter().map(|l| l.collected.amount.minor_units).collect();
    assert_eq!(collected, [12_340, 0]);
    assert!(statement.lines[1].text.contains("KakaoPay의 4,870원은 그대로 있어요"), "{}", statement.lines[1].text);
    let (paid, fee) = (statement.paid_out.amount.minor_units, statement.fee.amount.minor_units);
    assert_eq!((paid, fee), (12_340 - toss_fee, toss_fee));
    assert_eq!((statement.sent_back.amount.minor_units, statement.in_flight.amount.minor_units), (0, 0));
    wallet.sync().await.unwrap();
    assert_eq!(available(&wallet).await, [("Toss".into(), 0), ("KakaoPay".into(), 4_870)]);
    let report = wallet.verify_ledger().await.unwrap();
    assert_eq!(report.withdrawals, 1, "collected = paid out + fee + sent back, checked");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn below_the_minimum_what_arrived_goes_back_and_nothing_is_charged() {
    let sandbox = Sandbox::start().await.unwrap();
    let fx = Fixture::new();
    let (wallet, payee) = two_platforms(&sandbox, &fx).await;
    sandbox.set_knobs(Knobs { refuse_transfers_from: Some("sandbox-toss".into()), ..Knobs::default() });
    let w = wallet.withdraw(wallet.quote(everything()).await.unwrap(), payee, fx.auth.clone(), None).await.unwrap();
    assert_eq!(sandbox.platform_balance("sandbox-kakaopay"), Some(0), "KakaoPay's 4,870원 arrived");
    finish(&wallet, w.withdrawal_id).await;
    let done = wallet.refresh_withdrawal(w.withdrawal_id).await.unwrap();
    assert_eq!(done.state, WithdrawalState::Failed);
    assert!(done.reason.as_deref().unwrap_or("").contains("nothing was charged"), "{done:?}");
    assert_eq!(sandbox.platform_balance("sandbox-kakaopay"), Some(4_870), "below 5,000원 it went back");
    assert_eq!(sandbox.returned_to_sources(), 4_870);
    let statement = wallet.statement(w.withdrawal_id).await.unwrap();
    assert_eq!(statement.collected.amount.minor_units, 4_870);
    assert_eq!(statement.sent_back.amount.minor_units, 4_870, "all of it went back");
    assert_eq!((statement.paid_out.amount.minor_units, statement.fee.amount.minor_units), (0, 0), "nothing charged");
    wallet.sync().await.unwrap();
    assert_eq!(available(&wallet).await, [("Toss".into(), 12_340), ("KakaoPay".into(), 4_870)]);
    wallet.verify_ledger().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_transfer_answer_or_a_second_delivery_never_moves_a_leg_twice() {
    let sandbox = Sandbox::start().await.unwrap();
    let fx = Fixture::new();
    let (wallet, payee) = two_platforms(&sandbox, &fx).await;
    // Every transfer reaches its platform twice, and the first answer is lost
    // after the platform moved the money.
    sandbox.set_knobs(Knobs { transfer_delivered_twice: true, transfer_lost_answers: 1, ..Knobs::default() });
    let w = wallet.withdraw(wallet.quote(everything()).await.unwrap(), payee, fx.auth.clone(), None).await.unwrap();
    // The leg whose answer was lost is asked again with its key on the next look.
    finish(&wallet, w.withdrawal_id).await;
    let receipt = wallet.withdrawal_receipt(w.withdrawal_id).await.unwrap();
    assert_eq!(receipt.net.formatted, "16,494원");
    assert_eq!(sandbox.transfer_debits(), 2, "two legs, two debits, whatever was delivered twice");
    let faults = sandbox.injected_transfer_faults();
    assert!(faults.get("transfer_delivered_twice").copied().unwrap_or(0) >= 2, "{faults:?}");
    assert_eq!(faults.get("transfer_answer_lost"), Some(&1), "{faults:?}");
    assert_eq!(
        (sandbox.platform_balance("sandbox-toss"), sandbox.platform_balance("sandbox-kakaopay")),
        (Some(0), Some(0))
    );
    wallet.verify_ledger().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_provider_that_dies_between_collection_and_payout_pays_out_once_back() {
    let sandbox = Sandbox::start().await.unwrap();
    let fx = Fixture::new();
    let (wallet, payee) = two_platforms(&sandbox, &fx).await;
    let w = wallet.withdraw(wallet.quote(everything()).await.unwrap(), payee, fx.auth.clone(), None).await.unwrap();
    assert_eq!(sandbox.collections().values().sum::<i64>(), 17_210, "both legs arrived");
    // The provider dies with the money in its collection account; the app is closed.
    sandbox.set_knobs(Knobs { provider_down: true, ..Knobs::default() });
    assert!(wallet.refresh_withdrawal(w.withdrawal_id).await.is_err());
    assert!(sandbox.provider_down_answers() >= 1, "the fault really happened");
    wallet.close();
    // It comes back; the app starts again and resumes.
    sandbox.set_knobs(Knobs::default());
    let reopened = fx.open().await;
    reopened.resume_withdrawals().await.unwrap();
    assert_eq!(finish(&reopened, w.withdrawal_id).await, WithdrawalState::Completed);
    let receipt = reopened.withdrawal_receipt(w.withdrawal_id).await.unwrap();
    assert_eq!(receipt.net.formatted, "16,494원", "paid once, from what was collected");
    assert_eq!(sandbox.transfer_debits(), 2, "no leg was collected again");
    assert_eq!(
        (sandbox.platform_balance("sandbox-toss"), sandbox.platform_balance("sandbox-kakaopay")),
        (Some(0), Some(0))
    );
    assert_eq!(reopened.verify_ledger().await.unwrap().withdrawals, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_leg_that_arrives_after_its_withdrawal_ended_goes_back_and_the_books_balance() {
    let sandbox = Sandbox::start().await.unwrap();
    let fx = Fixture::new();
    let (wallet, payee) = two_platforms(&sandbox, &fx).await;
    let quote = wallet.quote(everything()).await.unwrap();
    // Toss moves its leg, but the answer is lost: the wallet still has it asked for.
    sandbox.set_knobs(Knobs { transfer_lost_answers: 1, ..Knobs::default() });
    let w = wallet.withdraw(quote, payee, fx.auth.clone(), None).await.unwrap();
    assert_eq!(w.legs[0].state, sweep_core::withdrawals::LegState::Instructed);
    // The user cancels while it is collecting; the provider sends back what arrived.
    let canceled = wallet.cancel_withdrawal(w.withdrawal_id).await.unwrap();
    assert_eq!(canceled.state, WithdrawalState::Canceled);
    // The wallet then learns the transfer did complete: collected, and back at once.
    let after = wallet.resume_withdrawals().await.unwrap();
    assert!(after.is_empty(), "nothing left open");
    let shown = wallet.withdrawals().await.unwrap().remove(0);
    assert_eq!(shown.legs[0].state, sweep_core::withdrawals::LegState::Returned);
    assert!(shown.legs[0].reason.as_deref().unwrap_or_default().contains("출금이 끝난 뒤에 도착해서"));
    assert_eq!(sandbox.platform_balance("sandbox-toss"), Some(12_340), "the money is back at Toss");
    let statement = wallet.statement(w.withdrawal_id).await.unwrap();
    assert_eq!(statement.collected, statement.sent_back);
    wallet.verify_ledger().await.expect("conservation holds: collected = paid out + fee + returned");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_leg_whose_telling_was_lost_is_told_again() {
    let sandbox = Sandbox::start().await.unwrap();
    let fx = Fixture::new();
    let (wallet, payee) = two_platforms(&sandbox, &fx).await;
    let quote = wallet.quote(everything()).await.unwrap();
    // KakaoPay refuses, and the wallet's telling the provider so is lost.
    sandbox.set_knobs(Knobs {
        refuse_transfers_from: Some("sandbox-kakaopay".into()),
        leg_failed_lost: 1,
        ..Knobs::default()
    });
    let w = wallet.withdraw(quote, payee, fx.auth.clone(), None).await.unwrap();
    assert_eq!(w.legs[1].state, sweep_core::withdrawals::LegState::Failed);
    assert_eq!(sandbox.injected_withdrawal_faults().get("leg_failed_lost"), Some(&1));
    // Without telling it again the provider would wait for that leg forever.
    assert_eq!(finish(&wallet, w.withdrawal_id).await, WithdrawalState::Completed);
    wallet.verify_ledger().await.unwrap();
}
