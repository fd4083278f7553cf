//! Bank legs over UK Open Banking payment initiation, against the sandbox
//! bank and provider: the provider signs a consent for exactly the leg, the
//! user authorises it at the bank (redirect and PKCE), the payment goes out
//! with the leg's key, and its status is read until it settles. Ground
//! truth is the sandbox's books.

use std::sync::Arc;

use sweep_core::sources::{Collectability, SourceEndpoint, SourceKind};
use sweep_core::withdrawals::{LegState, WithdrawalState};
use sweep_core::Wallet;
use sweep_sandbox::{Knobs, Sandbox, BANK_BOOK, OPEN_BANKING_KRW_ACCOUNT};
use sweep_tests::withdrawing::{everything, top_up, Fixture};

use sweep_tests::TEST_REDIRECT as REDIRECT;

/// A wallet with ₩40,000 at Toss and the bank's KRW account (₩9,500)
/// linked over Open Banking; its payee.
async fn toss_and_bank(sandbox: &Sandbox, fx: &Fixture) -> (Arc<Wallet>, u64) {
    let (wallet, payee) = fx.ready(&sandbox.url(), sandbox.provider_url()).await;
    top_up(&sandbox.url(), BANK_BOOK, 9_500).await;
    let endpoint = SourceEndpoint::OpenBanking {
        aisp_base_url: sandbox.open_banking_url(),
        account_id: Some(OPEN_BANKING_KRW_ACCOUNT.into()),
    };
    let issuer = sandbox.oauth_issuer("sandbox-bank");
    sweep_tests::link_at_sandbox_issuer(&wallet, issuer, "Bank", SourceKind::Bank, endpoint).await.unwrap();
    assert!(wallet.sync().await.unwrap().iter().all(|r| r.synced));
    (wallet, payee)
}

/// `toss_and_bank`, then a withdrawal of everything; with its bank leg's index.
async fn withdrawn(sandbox: &Sandbox, fx: &Fixture) -> (Arc<Wallet>, sweep_core::wallet::Withdrawal, u32) {
    let (wallet, payee) = toss_and_bank(sandbox, fx).await;
    let quote = wallet.quote(everything()).await.unwrap();
    let w = wallet.withdraw(quote, payee, fx.auth.clone(), None).await.unwrap();
    let leg = bank_leg(&w);
    (wallet, w, leg)
}

/// The index of the withdrawal's bank leg.
fn bank_leg(w: &sweep_core::wallet::Withdrawal) -> u32 {
    w.legs.iter().position(|l| l.amount.amount.minor_units == 9_500).expect("a bank leg") as u32
}

/// The user authorises the bank leg at the sandbox bank, which approves at once.
async fn authorise(wallet: &Wallet, id: u64, leg: u32) -> sweep_core::wallet::Withdrawal {
    let url = wallet.begin_bank_leg(id, leg).await.unwrap();
    assert!(url.contains("openbanking_intent_id=pdc-"), "the sign-in names the consent: {url}");
    assert!(url.contains("code_challenge_method=S256"));
    let callback = sweep_tests::play_browser(&url, REDIRECT).await;
    wallet.complete_bank_leg(callback).await.unwrap()
}

async fn finish(wallet: &Wallet, id: u64) -> WithdrawalState {
    for _ in 0..10 {
        let state = wallet.refresh_withdrawal(id).await.unwrap().state;
        if state.is_terminal() {
            return state;
        }
    }
    panic!("withdrawal {id} never ended");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bank_leg_is_paid_once_after_the_user_authorises_it() {
    let sandbox = Sandbox::start().await.unwrap();
    let fx = Fixture::new();
    let (wallet, payee) = toss_and_bank(&sandbox, &fx).await;
    let home = wallet.dashboard().await.unwrap();
    let bank = home.sources.iter().find(|s| s.name == "Bank").unwrap();
    assert_eq!(bank.collection, Collectability::OpenBankingPayment);
    let quote = wallet.quote(everything()).await.unwrap();
    assert_eq!(quote.breakdown.legs.len(), 2);
    assert_eq!(quote.breakdown.total_gross.amount.minor_units, 49_500);

    let before = sandbox.requests_served();
    let w = wallet.withdraw(quote.clone(), payee, fx.auth.clone(), None).await.unwrap();
    let leg = bank_leg(&w);
    assert!(w.legs[leg as usize].needs_authorisation, "the bank waits for the user");
    assert_eq!(w.legs[leg as usize].state, LegState::Pending);
    assert_eq!(sandbox.platform_balance(BANK_BOOK), Some(9_500), "nothing moves before the user says so");

    let after = authorise(&wallet, w.withdrawal_id, leg).await;
    assert_eq!(after.legs[leg as usize].state, LegState::Collected);
    assert!(!after.legs[leg as usize].needs_authorisation);
    assert_eq!(sandbox.platform_balance(BANK_BOOK), Some(0));
    assert_eq!(sandbox.bank_payments(), 1);
    assert_eq!(sandbox.collections().values().sum::<i64>(), 49_500);

    assert_eq!(finish(&wallet, w.withdrawal_id).await, WithdrawalState::Completed);
    // docs/performance.md: a platform leg is one transfer; a bank leg is the
    // provider's signature twice, the consent, the user's approval and its
    // code exchange, the issuer's discovery document and keys for the ID
    // token, and the payment.
    let trips = sandbox.requests_served() - before;
    println!("a platform leg and a bank leg, withdraw to completed: {trips} HTTP round trips");
    assert_eq!(trips, 4 + 8, "the single-leg cash-out's 4 (its transfer among them), and eight for the bank leg");
    let receipt = wallet.withdrawal_receipt(w.withdrawal_id).await.unwrap();
    assert_eq!(receipt.net, quote.breakdown.total_net, "quote = charge");
    let second = wallet.begin_bank_leg(w.withdrawal_id, leg).await;
    assert!(second.is_err(), "a paid leg is never authorised again");
    wallet.sync().await.unwrap();
    let home = wallet.dashboard().await.unwrap();
    assert!(home.sources.iter().all(|s| s.available.amount.minor_units == 0), "nothing counted twice");
    wallet.verify_ledger().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_payment_answer_is_sent_again_after_a_restart_and_pays_once() {
    let sandbox = Sandbox::start().await.unwrap();
    let fx = Fixture::new();
    let (wallet, w, leg) = withdrawn(&sandbox, &fx).await;
    // The bank pays, and its answer is lost on the way back.
    sandbox.set_knobs(Knobs { transfer_lost_answers: 1, ..Knobs::default() });
    let after = authorise(&wallet, w.withdrawal_id, leg).await;
    assert_eq!(after.legs[leg as usize].state, LegState::Instructed);
    assert_eq!(sandbox.platform_balance(BANK_BOOK), Some(0), "the bank did pay");
    wallet.close();
    drop(wallet);

    let wallet = fx.open().await;
    wallet.resume_withdrawals().await.unwrap();
    let now = wallet.refresh_withdrawal(w.withdrawal_id).await.unwrap();
    assert_eq!(now.legs[leg as usize].state, LegState::Collected);
    assert_eq!(sandbox.bank_payments(), 1, "the same key and token: the same payment");
    assert_eq!(sandbox.platform_balance(BANK_BOOK), Some(0));
    assert_eq!(sandbox.injected_transfer_faults().get("transfer_answer_lost"), Some(&1));
    assert_eq!(finish(&wallet, w.withdrawal_id).await, WithdrawalState::Completed);
    wallet.verify_ledger().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rejected_bank_payment_fails_its_leg_and_releases_its_hold() {
    let sandbox = Sandbox::start().await.unwrap();
    let fx = Fixture::new();
    let (wallet, w, leg) = withdrawn(&sandbox, &fx).await;
    sandbox.set_knobs(Knobs { refuse_transfers_from: Some("sandbox-bank".into()), ..Knobs::default() });
    let after = authorise(&wallet, w.withdrawal_id, leg).await;
    assert_eq!(after.legs[leg as usize].state, LegState::Failed);
    assert!(after.legs[leg as usize].reason.as_deref().unwrap_or_default().contains("RJCT"));
    assert_eq!(sandbox.platform_balance(BANK_BOOK), Some(9_500), "nothing left the account");
    let home = wallet.dashboard().await.unwrap();
    let bank = home.sources.iter().find(|s| s.name == "Bank").unwrap();
    assert_eq!(bank.available.amount.minor_units, 9_500, "its hold is released");
    assert_eq!(finish(&wallet, w.withdrawal_id).await, WithdrawalState::Completed, "Toss's leg still pays out");
    wallet.verify_ledger().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_provider_signs_only_the_legs_own_payment() {
    let sandbox = Sandbox::start().await.unwrap();
    let fx = Fixture::new();
    let (_wallet, w, index) = withdrawn(&sandbox, &fx).await;
    let leg = &w.legs[index as usize];
    let pid = w.provider_withdrawal_id.clone().unwrap();
    let leg_id = format!("{pid}-L{}", index + 1);
    let reference = leg.collection_reference.clone().unwrap();
    let payload = |amount: &str, account: &str| {
        serde_json::json!({"Data": {"Initiation": {
            "InstructionIdentification": reference, "EndToEndIdentification": reference,
            "InstructedAmount": {"Amount": amount, "Currency": "KRW"},
            "CreditorAccount": {"SchemeName": "UK.OBIE.SortCodeAccountNumber", "Identification": account, "Name": "x"}
        }}, "Risk": {}})
        .to_string()
    };
    sweep_core::install_tls_provider();
    let client = reqwest::Client::new();
    let ask = |body: String| {
        let url = format!("{}/withdrawals/{pid}/legs/{leg_id}/bank-authority", sandbox.provider_url());
        client
            .post(url)
            .header("content-type", "application/json")
            .body(serde_json::json!({"payload": body}).to_string())
            .send()
    };
    assert_eq!(ask(payload("9500", "04000469998877")).await.unwrap().status(), 200);
    assert_eq!(ask(payload("95000", "04000469998877")).await.unwrap().status(), 422, "another amount");
    assert_eq!(ask(payload("9500", "11112222333344")).await.unwrap().status(), 422, "another creditor");
}
