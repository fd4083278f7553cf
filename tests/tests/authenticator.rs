//! The confirmation key cannot be taken over: registering another key once
//! one is registered is refused, and only the old key's approval replaces
//! it.

use sweep_core::SweepError;
use sweep_tests::withdrawing::Fixture;
use sweep_tests::TestAuthenticator;

#[tokio::test]
async fn a_new_software_signer_cannot_silently_take_over_withdrawals() {
    let fx = Fixture::new();
    let wallet = fx.open().await;
    let phone = TestAuthenticator::new();
    wallet.register_authenticator(phone.clone()).await.unwrap();
    wallet.register_authenticator(phone.clone()).await.expect("the same key again, as apps do at each start");

    let intruder = TestAuthenticator::new();
    let taken = wallet.register_authenticator(intruder.clone()).await;
    assert!(matches!(taken, Err(SweepError::AuthenticationFailed { .. })), "{taken:?}");

    // A forger presents the registered key's half but cannot sign for it.
    let forger = TestAuthenticator::forger();
    let forged = wallet.replace_authenticator(forger, intruder.clone()).await;
    assert!(matches!(forged, Err(SweepError::AuthenticationFailed { .. })), "{forged:?}");
    assert!(wallet.register_authenticator(intruder.clone()).await.is_err(), "still not the intruder's");

    // The user, on the old key, approves a new device's key.
    let new_phone = TestAuthenticator::new();
    wallet.replace_authenticator(phone.clone(), new_phone.clone()).await.unwrap();
    assert_eq!(
        phone.prompts.lock().unwrap().last().map(String::as_str),
        Some("새 기기 키로 출금을 확인하도록 허용할까요?")
    );
    wallet.register_authenticator(new_phone).await.expect("the new key is the registered one");
    assert!(wallet.register_authenticator(phone).await.is_err(), "and the old one no longer is");
    wallet.close();
}

/// The scam shield weighs what the wallet knows (issue #15, item 4): a
/// payee added minutes ago and a first cash-out warn; once a cash-out
/// completed, a like-sized one is allowed; a replaced confirmation key, or
/// a SIM swap the operator reported, asks the user to step up; a payout far
/// above the largest so far to a new payee does too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_scam_shield_weighs_payee_history_key_and_sim() {
    use sweep_core::risk::RiskLevel;
    use sweep_core::withdrawals::WithdrawalState;
    use sweep_tests::withdrawing::{everything, toss_holding};

    let sandbox = sweep_sandbox::Sandbox::start().await.unwrap();
    let fx = Fixture::new();
    let (wallet, payee) = fx.ready(&sandbox.url(), sandbox.provider_url()).await;
    let rules = |verdict: &sweep_core::risk::RiskAssessment| {
        verdict.reasons.iter().map(|r| r.rule_id.clone()).collect::<Vec<_>>()
    };

    let quote = wallet.quote(everything()).await.unwrap();
    let first = wallet.assess_cash_out(quote.clone(), payee, None).await.unwrap();
    assert_eq!((first.level, rules(&first)), (RiskLevel::Warn, vec!["new_payee".into(), "first_cash_out".into()]));
    assert!(first.reasons.iter().all(|r| !r.text.is_empty()));
    let swapped = wallet.assess_cash_out(quote.clone(), payee, Some(true)).await.unwrap();
    assert_eq!((swapped.level, rules(&swapped)[0].as_str()), (RiskLevel::StepUp, "recent_sim_swap"));

    let w = wallet.withdraw(quote, payee, fx.auth.clone(), None).await.unwrap();
    // The sandbox moves a withdrawal on at each look: a few looks finish it.
    let mut looks = 0;
    while wallet.refresh_withdrawal(w.withdrawal_id).await.unwrap().state != WithdrawalState::Completed {
        looks += 1;
        assert!(looks < 20, "the withdrawal completes");
    }

    // A second cash-out about the size of the first: only the payee is new.
    toss_holding(&wallet, &sandbox.url(), 30_000).await;
    let quote = wallet.quote(everything()).await.unwrap();
    let later = wallet.assess_cash_out(quote.clone(), payee, Some(false)).await.unwrap();
    assert_eq!((later.level, rules(&later)), (RiskLevel::Warn, vec!["new_payee".into()]));

    // Far above the largest so far, to a payee added today: step up.
    toss_holding(&wallet, &sandbox.url(), 500_000).await;
    let big = wallet.quote(everything()).await.unwrap();
    let verdict = wallet.assess_cash_out(big, payee, None).await.unwrap();
    assert_eq!(verdict.level, RiskLevel::StepUp);
    assert_eq!(rules(&verdict)[0], "new_payee_large_amount");

    // A new confirmation key, approved by the old one, still steps up for a day.
    let new_phone = TestAuthenticator::new();
    wallet.replace_authenticator(fx.auth.clone(), new_phone).await.unwrap();
    let verdict = wallet.assess_cash_out(quote, payee, Some(false)).await.unwrap();
    assert_eq!((verdict.level, rules(&verdict)[0].as_str()), (RiskLevel::StepUp, "new_confirmation_key"));
    wallet.close();
}
