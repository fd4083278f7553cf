//! Payees through the wallet: checked, sealed, masked, cooling down.

use std::sync::Arc;
use std::time::Duration;

use sweep_core::withdrawals::{PayeeDestination, PayeePolicy, PayeeRequest};
use sweep_core::{EphemeralKeyProvider, SweepError, Wallet, WalletConfig};
use sweep_sandbox::Sandbox;

async fn wallet(dir: &tempfile::TempDir) -> Arc<Wallet> {
    let config = WalletConfig { data_dir: dir.path().display().to_string(), locale: "ko-KR".into() };
    let keys: Arc<EphemeralKeyProvider> = EphemeralKeyProvider::new().unwrap();
    Wallet::open(config, keys).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn payees_are_checked_masked_and_cool_down() {
    let sandbox = Sandbox::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let wallet = wallet(&dir).await;
    wallet.refresh_fee_schedule(sandbox.provider_url()).await.unwrap();
    wallet.set_payee_policy(PayeePolicy { cooldown_hours: 24, small_amount_major: 50_000 });
    let bank = PayeeRequest {
        destination: PayeeDestination::KrBankAccount {
            bank_code: "092".into(),
            account_number: "1000-1234-5678".into(),
        },
        holder_name: "Kim Minji".into(),
    };
    let payee = wallet.add_payee(bank).await.unwrap();
    assert_eq!(payee.hint, "Toss Bank •••• 5678");
    assert_eq!(payee.cooldown_ends_at.duration_since(payee.created_at).unwrap(), Duration::from_secs(24 * 3_600));
    let phone = PayeeRequest {
        destination: PayeeDestination::Phone { phone_number: "+821012345678".into() },
        holder_name: "Kim Minji".into(),
    };
    wallet.add_payee(phone).await.unwrap();

    for (destination, field) in [
        (PayeeDestination::Iban { iban: "DE89370400440532013001".into() }, "iban"),
        (PayeeDestination::KrBankAccount { bank_code: "088".into(), account_number: "12-34".into() }, "account_number"),
        (PayeeDestination::Phone { phone_number: "010-1234-5678".into() }, "phone_number"),
    ] {
        let err = wallet.add_payee(PayeeRequest { destination, holder_name: "Kim".into() }).await.unwrap_err();
        assert!(matches!(err, SweepError::InvalidInput { field: ref f, .. } if f == field), "{err:?}");
    }
    let hints: Vec<String> = wallet.payees().await.unwrap().into_iter().map(|p| p.hint).collect();
    assert_eq!(hints, ["Toss Bank •••• 5678", "•••• 5678"], "bad payees were not written");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_holder_name_must_be_the_accounts() {
    let sandbox = Sandbox::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let wallet = wallet(&dir).await;
    let shinhan =
        || PayeeDestination::KrBankAccount { bank_code: "088".into(), account_number: "110-123-456789".into() };
    let named = |holder: &str| PayeeRequest { destination: shinhan(), holder_name: holder.into() };
    let offline = wallet.add_payee(named("Kim Minji")).await.unwrap_err();
    assert!(matches!(offline, SweepError::NoFeeSchedule), "the provider is needed: {offline:?}");
    wallet.refresh_fee_schedule(sandbox.provider_url()).await.unwrap();

    // The sandbox's directory has Shinhan 110-123-456789 in Kim Minji's name.
    let wrong = wallet.add_payee(named("Lee Jiwoo")).await.unwrap_err();
    assert!(
        matches!(wrong, SweepError::PayeeNameMismatch { ref result, suggested_name: None } if result == "no_match"),
        "{wrong:?}"
    );
    let close = wallet.add_payee(named("Minji Kim")).await.unwrap_err();
    assert!(
        matches!(close, SweepError::PayeeNameMismatch { ref result, ref suggested_name }
            if result == "close_match" && suggested_name.as_deref() == Some("Kim Minji")),
        "{close:?}"
    );
    assert!(wallet.payees().await.unwrap().is_empty(), "no mismatched payee was stored");
    let payee = wallet.add_payee(named("KIM Min-ji")).await.unwrap();
    assert_eq!(payee.hint, "Shinhan •••• 6789", "case, spaces and hyphens do not matter");
}

/// Once the provider has verified the user's ID, payouts go to accounts in
/// the user's own name by default (issue #15, item 4): another holder is
/// refused with a warning, and added only when the user confirms it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_id_verification_payees_are_the_users_own_unless_confirmed() {
    let sandbox = Sandbox::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let wallet = wallet(&dir).await;
    wallet.refresh_fee_schedule(sandbox.provider_url()).await.unwrap();
    let to = |account: &str, holder: &str| PayeeRequest {
        destination: PayeeDestination::KrBankAccount { bank_code: "004".into(), account_number: account.into() },
        holder_name: holder.into(),
    };
    // Before verification nothing is known of the user's name.
    wallet.add_payee(to("1111-2222-3333", "Park Seojun")).await.expect("no verified name yet");

    sweep_tests::verify_in_sandbox(&wallet).await.unwrap();
    assert_eq!(wallet.identity().await.unwrap().tier, sweep_core::identity::Tier::IdVerified);
    let other = wallet.add_payee(to("4444-5555-6666", "Lee Jiwoo")).await;
    assert_eq!(other.as_ref().err(), Some(&SweepError::PayeeNotOwnName { holder_name: "Lee Jiwoo".into() }));
    // The wallet is ko-KR, so the warning speaks Korean; it names the risk in both languages.
    let warning = other.unwrap_err();
    assert!(warning.sentence_in("ko-KR".into()).contains("사기"), "{warning:?}");
    assert!(warning.sentence_in("en-US".into()).contains("scams"), "the warning names the risk");
    assert_eq!(wallet.payees().await.unwrap().len(), 1, "nothing was added");

    // The user's own name, written another way, is theirs.
    wallet.add_payee(to("7777-8888-9999", "KIM Min-ji")).await.expect("the verified name");
    let unconfirmed = wallet.add_payee_in_another_name(to("4444-5555-6666", "Lee Jiwoo"), false).await;
    assert!(matches!(unconfirmed, Err(SweepError::PayeeNotOwnName { .. })));
    wallet.add_payee_in_another_name(to("4444-5555-6666", "Lee Jiwoo"), true).await.expect("confirmed");
    assert_eq!(wallet.payees().await.unwrap().len(), 3);
    wallet.close();
}
