//! Which withdrawal changes become notifications, decided in the core for
//! both apps' background checks (issue #15, item 3): each change the user
//! cares about is told once, across restarts, and a wallet's first check
//! brings up no old news. Against the sandbox provider, which moves a
//! withdrawal one step each time it is asked.

use sweep_core::wallet::{StatusChange, StatusNotice};
use sweep_core::withdrawals::WithdrawalState;
use sweep_sandbox::{Knobs, Sandbox};
use sweep_tests::withdrawing::{everything, send_exactly, Fixture};

fn told(notices: &[StatusNotice]) -> Vec<(String, StatusChange, WithdrawalState)> {
    notices.iter().map(|n| (n.key.clone(), n.change, n.withdrawal.state)).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_change_is_told_once_even_after_a_restart() {
    let sandbox = Sandbox::start().await.unwrap();
    let fx = Fixture::new();
    let (wallet, payee) = fx.ready(&sandbox.url(), sandbox.provider_url()).await;
    let quote = wallet.quote(send_exactly(15_000)).await.unwrap();
    let net = quote.breakdown.total_net.clone();
    let id = wallet.withdraw(quote, payee, fx.auth.clone(), None).await.unwrap().withdrawal_id;

    let sent = wallet.status_notices().await.unwrap();
    assert_eq!(told(&sent), [(format!("withdrawal-{id}-sent"), StatusChange::OnItsWay, WithdrawalState::Sent)]);
    assert_eq!(sent[0].withdrawal.net, net, "the notice carries what the user receives");

    // The app is killed and started again: what was told stays told.
    wallet.close();
    let wallet = fx.open().await;
    let arrived = wallet.status_notices().await.unwrap();
    assert_eq!(
        told(&arrived),
        [(format!("withdrawal-{id}-completed"), StatusChange::Arrived, WithdrawalState::Completed)]
    );
    assert!(wallet.status_notices().await.unwrap().is_empty(), "nothing is told twice");
    wallet.verify_ledger().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_first_check_tells_only_what_changes_after_it() {
    let sandbox = Sandbox::start().await.unwrap();
    let fx = Fixture::new();
    let (wallet, payee) = fx.ready(&sandbox.url(), sandbox.provider_url()).await;
    // One withdrawal ends before the app ever checks; a second is under way.
    let done = wallet.withdraw(wallet.quote(send_exactly(10_000)).await.unwrap(), payee, fx.auth.clone(), None).await;
    let done = done.unwrap().withdrawal_id;
    wallet.refresh_withdrawal(done).await.unwrap();
    assert_eq!(wallet.refresh_withdrawal(done).await.unwrap().state, WithdrawalState::Completed);
    let quote = wallet.quote(send_exactly(5_000)).await.unwrap();
    let open = wallet.withdraw(quote, payee, fx.auth.clone(), None).await.unwrap().withdrawal_id;

    let first = wallet.status_notices().await.unwrap();
    assert_eq!(told(&first), [(format!("withdrawal-{open}-sent"), StatusChange::OnItsWay, WithdrawalState::Sent)]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn money_sent_back_and_a_cancel_are_told() {
    let sandbox = Sandbox::start().await.unwrap();
    let fx = Fixture::new();
    let (wallet, payee) = fx.ready(&sandbox.url(), sandbox.provider_url()).await;
    assert!(wallet.status_notices().await.unwrap().is_empty(), "the app's first check, at its start");
    let quote = wallet.quote(send_exactly(5_000)).await.unwrap();
    let canceled = wallet.withdraw(quote, payee, fx.auth.clone(), None).await.unwrap().withdrawal_id;
    assert_eq!(wallet.cancel_withdrawal(canceled).await.unwrap().state, WithdrawalState::Canceled);
    assert!(wallet.status_notices().await.unwrap().iter().any(|n| n.change == StatusChange::Canceled));

    sandbox.set_knobs(Knobs { withdrawal_outcome: Some("return".into()), ..Knobs::default() });
    let returned = wallet.withdraw(wallet.quote(everything()).await.unwrap(), payee, fx.auth.clone(), None).await;
    let returned = returned.unwrap().withdrawal_id;
    let changes: Vec<StatusChange> = [wallet.status_notices().await.unwrap(), wallet.status_notices().await.unwrap()]
        .concat()
        .iter()
        .map(|n| n.change)
        .collect();
    assert_eq!(changes, [StatusChange::OnItsWay, StatusChange::SentBack], "withdrawal {returned}");
    wallet.verify_ledger().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pending_notices_ask_nobody() {
    let sandbox = Sandbox::start().await.unwrap();
    let fx = Fixture::new();
    let (wallet, payee) = fx.ready(&sandbox.url(), sandbox.provider_url()).await;
    assert!(wallet.pending_status_notices().await.unwrap().is_empty(), "the first check");
    let quote = wallet.quote(send_exactly(5_000)).await.unwrap();
    let id = wallet.withdraw(quote, payee, fx.auth.clone(), None).await.unwrap().withdrawal_id;
    // The app carries on its withdrawals itself (the sandbox moves this one to sent) ...
    assert_eq!(wallet.refresh_withdrawal(id).await.unwrap().state, WithdrawalState::Sent);
    // ... then takes what that changed, without asking the provider again:
    // asked, the sandbox would have moved it on to completed.
    let pending = wallet.pending_status_notices().await.unwrap();
    assert_eq!(told(&pending), [(format!("withdrawal-{id}-sent"), StatusChange::OnItsWay, WithdrawalState::Sent)]);
    assert!(wallet.pending_status_notices().await.unwrap().is_empty(), "told once");
    assert_eq!(told(&wallet.status_notices().await.unwrap())[0].1, StatusChange::Arrived, "the full check asks");
}
