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
        Some("Allow a new device key to confirm your cash-outs?")
    );
    wallet.register_authenticator(new_phone).await.expect("the new key is the registered one");
    assert!(wallet.register_authenticator(phone).await.is_err(), "and the old one no longer is");
    wallet.close();
}
