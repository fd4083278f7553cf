//! Contract test: the Open Banking connector against Prism serving the
//! official UK Open Banking v4.0 account-information spec from
//! `SWEEP_SPECS_DIR`. `cargo xtask test` starts Prism and sets
//! `SWEEP_OBUK_AIS_MOCK`; without the specs the test prints one skip line.

use std::sync::Arc;

use sweep_core::sources::{
    add_connected_source, dashboard, open_banking_accounts, open_banking_consent_status, open_banking_create_consent,
    record_observation, Collectability, ConnectedSource, Eligibility, OpenBankingConnector, SourceConnector,
    SourceKind,
};
use sweep_core::store::Store;
use sweep_core::{EphemeralKeyProvider, Locale};

fn mock_url() -> Option<String> {
    sweep_tests::service_url("SWEEP_OBUK_AIS_MOCK", "Prism when SWEEP_SPECS_DIR holds the specs")
}

#[tokio::test]
async fn account_balances_from_the_official_spec_land_in_the_dashboard() {
    let Some(url) = mock_url() else { return };
    // Prism answers with the spec's example: account 22289, 1209.06 GBP,
    // and validates our request (bearer token, x-fapi-interaction-id).
    let connector = OpenBankingConnector::new(&url, "psu-token".into(), Some("22289".into())).unwrap();
    let balances = connector.fetch_balances().await.expect("a request the spec accepts");
    assert_eq!(balances.len(), 1);
    assert_eq!((balances[0].amount.minor_units, balances[0].amount.currency_code.as_str()), (120_906, "GBP"));
    assert_eq!(balances[0].terms.eligibility, Eligibility::Cashable);

    let dir = tempfile::tempdir().unwrap();
    let keys: Arc<EphemeralKeyProvider> = EphemeralKeyProvider::new().unwrap();
    let mut store = Store::open(&dir.path().join("w.db"), keys.as_ref()).unwrap();
    let bank =
        ConnectedSource { name: "Current account".into(), kind: SourceKind::Bank, provider: "open-banking".into() };
    let id = add_connected_source(&mut store, &bank, 1).unwrap();
    record_observation(&mut store, id, &balances, 2).unwrap();
    let home = dashboard(&store, Locale::EnGb).unwrap();
    assert_eq!(home.sources[0].balance.formatted, "£1,209.06");
    // Added without a link (no grant), so Sweep may show it but not move it.
    assert_eq!(home.sources[0].collection, Collectability::NoCollectMethod);
}

#[tokio::test]
async fn a_request_without_a_token_breaks_the_contract() {
    let Some(url) = mock_url() else { return };
    let connector = OpenBankingConnector::new(&url, String::new(), Some("22289".into())).unwrap();
    // "Bearer " with nothing after it is not a token; Prism refuses it.
    let err = connector.fetch_balances().await.expect_err("refused");
    assert!(matches!(err, sweep_core::SweepError::AuthExpired { .. }), "{err:?}");
}

#[tokio::test]
async fn consent_creation_and_status_follow_the_official_spec() {
    let Some(url) = mock_url() else { return };
    // Prism validates the OBReadConsent1 body (Data.Permissions, Risk), the
    // headers, and answers with an OBReadConsentResponse1.
    let expires = std::time::SystemTime::now() + std::time::Duration::from_secs(90 * 86_400);
    let consent = open_banking_create_consent(url.clone(), "tpp-token".into(), Some(expires))
        .await
        .expect("a consent request the spec accepts");
    assert!(!consent.consent_id.is_empty());
    assert!(!consent.permissions.is_empty());
    let status = open_banking_consent_status(url, "tpp-token".into(), consent.consent_id).await;
    status.expect("a status request the spec accepts");
}

#[tokio::test]
async fn the_account_list_follows_the_official_spec() {
    let Some(url) = mock_url() else { return };
    let accounts = open_banking_accounts(url.clone(), "psu-token".into()).await.expect("a request the spec accepts");
    assert!(!accounts.is_empty());
    assert!(accounts.iter().all(|a| !a.account_id.is_empty()));
    // Reading every account of the consent: the list, then each balance.
    let all = OpenBankingConnector::new(&url, "psu-token".into(), None).unwrap();
    let balances = all.fetch_balances().await.expect("requests the spec accepts");
    assert!(!balances.is_empty());
}

/// The payment-initiation mock (`SWEEP_OBUK_PIS_MOCK`).
fn pis_mock_url() -> Option<String> {
    sweep_tests::service_url("SWEEP_OBUK_PIS_MOCK", "Prism when SWEEP_SPECS_DIR holds the specs")
}

mod payments {
    use sweep_core::connectors::open_banking::payment::{
        create_payment_consent, read_payment, submit_payment, CreditorAccount, PaymentOrder,
    };
    use sweep_core::money::{Currency, Money};
    use sweep_core::SweepError;

    fn creditor() -> CreditorAccount {
        CreditorAccount {
            scheme_name: "UK.OBIE.SortCodeAccountNumber".into(),
            identification: "04000469998877".into(),
            name: "Sweep Provider Collections".into(),
        }
    }

    /// Prism checks each request against the official spec (a bad one is a
    /// `422` there, `SourceFailed` here) and answers with data generated
    /// from the schema, whose amount is not the leg's: Sweep must refuse to
    /// believe it rather than collect a figure it did not ask for.
    fn accepted_then_refused<T: std::fmt::Debug>(result: Result<T, SweepError>) {
        match result {
            Err(SweepError::MalformedResponse { reason }) => assert!(reason.contains("another amount"), "{reason}"),
            other => panic!("the spec's request should pass and its made-up answer be refused: {other:?}"),
        }
    }

    #[tokio::test]
    async fn consent_payment_and_status_requests_follow_the_official_spec() {
        let Some(url) = super::pis_mock_url() else { return };
        let creditor = creditor();
        let order = PaymentOrder {
            amount: Money::from_minor(9_500, Currency::Krw),
            creditor: &creditor,
            reference: "col-wd-1-2",
        };
        accepted_then_refused(create_payment_consent(&url, "tpp-token", "c-key-1", &order, "h..s").await);
        accepted_then_refused(submit_payment(&url, "psu-token", "key-1", "pdc-1", &order, "h..s").await);
        accepted_then_refused(read_payment(&url, "tpp-token", "pay-1", &order).await);
    }

    #[tokio::test]
    async fn a_request_the_spec_forbids_is_refused_by_the_mock() {
        let Some(url) = super::pis_mock_url() else { return };
        let creditor = creditor();
        let order =
            PaymentOrder { amount: Money::from_minor(9_500, Currency::Krw), creditor: &creditor, reference: "r" };
        // An idempotency key longer than the spec's 40 characters.
        let long_key = "k".repeat(41);
        let err = create_payment_consent(&url, "tpp-token", &long_key, &order, "h..s").await.unwrap_err();
        assert!(
            matches!(err, SweepError::SourceFailed { status: 422 } | SweepError::SourceFailed { status: 400 }),
            "{err:?}"
        );
    }
}
