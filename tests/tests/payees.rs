//! Payees through the wallet: checked, sealed, masked, cooling down.

use std::sync::Arc;
use std::time::Duration;

use sweep_core::withdrawals::{PayeeDestination, PayeePolicy, PayeeRequest};
use sweep_core::{EphemeralKeyProvider, SweepError, Wallet, WalletConfig};

#[tokio::test]
async fn payees_are_checked_masked_and_cool_down() {
    let dir = tempfile::tempdir().unwrap();
    let config = WalletConfig { data_dir: dir.path().display().to_string(), locale: "ko-KR".into() };
    let keys: Arc<EphemeralKeyProvider> = EphemeralKeyProvider::new().unwrap();
    let wallet = Wallet::open(config, keys).await.unwrap();
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
