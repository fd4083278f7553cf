//! Open Banking account information against the sandbox bank over loopback:
//! consents, the account list, balances of one account or all of them, and
//! a bank linked with OAuth that survives a restart.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use sweep_core::sources::{
    open_banking_accounts, open_banking_consent_status, open_banking_create_consent, ConsentStatus,
    OpenBankingConnector, SourceConnector, SourceEndpoint, SourceKind,
};
use sweep_core::{EphemeralKeyProvider, SweepError, Wallet, WalletConfig};
use sweep_sandbox::Sandbox;
use sweep_tests::link_at_sandbox_issuer;

#[tokio::test]
async fn consents_are_created_and_authorised() {
    let sandbox = Sandbox::start().await.unwrap();
    let expires = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
    let consent =
        open_banking_create_consent(sandbox.open_banking_url(), "tpp-token".into(), Some(expires)).await.unwrap();
    assert_eq!(consent.status, ConsentStatus::AwaitingAuthorisation);
    assert_eq!(consent.permissions, ["ReadAccountsBasic", "ReadBalances"], "only what Sweep needs");
    assert_eq!(consent.expires_at, Some(expires));

    let later =
        open_banking_consent_status(sandbox.open_banking_url(), "tpp-token".into(), consent.consent_id.clone()).await;
    assert_eq!(later.unwrap().status, ConsentStatus::Authorised);
    let unknown = open_banking_consent_status(sandbox.open_banking_url(), "tpp-token".into(), "nope".into()).await;
    assert_eq!(unknown.err(), Some(SweepError::SourceFailed { status: 404 }));
    let anonymous = open_banking_create_consent(sandbox.open_banking_url(), String::new(), None).await;
    assert!(matches!(anonymous, Err(SweepError::AuthExpired { .. })), "{anonymous:?}");
}

#[tokio::test]
async fn every_account_or_one_of_them() {
    let sandbox = Sandbox::start().await.unwrap();
    let accounts = open_banking_accounts(sandbox.open_banking_url(), "psu".into()).await.unwrap();
    let ids: Vec<&str> = accounts.iter().map(|a| a.account_id.as_str()).collect();
    assert_eq!(ids, ["acc-1001", "acc-1002", "acc-1003"]);
    assert_eq!(accounts[1].type_code.as_deref(), Some("MOMA"));

    let all = OpenBankingConnector::new(&sandbox.open_banking_url(), "psu".into(), None).unwrap();
    let total = all.fetch_balances().await.unwrap();
    assert_eq!((total[0].amount.minor_units, total[0].amount.currency_code.as_str()), (5_195, "GBP"));
    let one = OpenBankingConnector::new(&sandbox.open_banking_url(), "psu".into(), Some("acc-1002".into())).unwrap();
    assert_eq!(one.fetch_balances().await.unwrap()[0].amount.minor_units, 375);
    let missing = OpenBankingConnector::new(&sandbox.open_banking_url(), "psu".into(), Some("acc-9".into())).unwrap();
    assert_eq!(missing.fetch_balances().await.err(), Some(SweepError::SourceFailed { status: 404 }));
}

#[tokio::test]
async fn a_bank_linked_with_oauth_syncs_and_comes_back_after_a_restart() {
    let sandbox = Sandbox::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let keys = EphemeralKeyProvider::new().unwrap();
    let config = WalletConfig { data_dir: dir.path().display().to_string(), locale: "en-GB".into() };
    let wallet = Wallet::open(config.clone(), Arc::clone(&keys) as _).await.unwrap();
    let endpoint = SourceEndpoint::OpenBanking { aisp_base_url: sandbox.open_banking_url(), account_id: None };
    let issuer = sandbox.oauth_issuer("sandbox-bank");
    let id = link_at_sandbox_issuer(&wallet, issuer, "High-street bank", SourceKind::Bank, endpoint).await.unwrap();
    assert!(wallet.sync().await.unwrap()[0].synced);
    wallet.close();

    let reopened = Wallet::open(config, keys).await.unwrap();
    let results = reopened.sync().await.unwrap();
    assert_eq!((results.len(), results[0].source_id, results[0].synced), (1, id, true), "{results:?}");
    let home = reopened.dashboard().await.unwrap();
    assert_eq!(home.sources[0].balance.formatted, "£51.95");
    // A linked bank is collected by an Open Banking payment the user authorises.
    assert_eq!(home.sources[0].collection, sweep_core::sources::Collectability::OpenBankingPayment);
    let totals: Vec<&str> = home.cashable_totals.iter().map(|t| t.formatted.as_str()).collect();
    assert!(totals.contains(&"£51.95") && totals.contains(&"₩9,500"), "{totals:?}");
    reopened.verify_ledger().await.unwrap();
}

#[tokio::test]
async fn a_consent_expiry_outside_1970_to_9999_is_refused_not_a_panic() {
    use std::time::{Duration, UNIX_EPOCH};
    let sandbox = Sandbox::start().await.unwrap();
    for expires_at in [UNIX_EPOCH - Duration::from_secs(1), UNIX_EPOCH + Duration::from_secs(253_402_300_800)] {
        let refused = open_banking_create_consent(sandbox.open_banking_url(), "tpp".into(), Some(expires_at)).await;
        assert!(
            matches!(refused, Err(SweepError::InvalidInput { ref field, .. }) if field == "expires_at"),
            "{refused:?}"
        );
    }
}
