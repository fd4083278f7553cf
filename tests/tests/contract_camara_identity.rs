//! Contract tests: the CAMARA Number Verification v2.1, KYC Match v0.4 and
//! SIM Swap v2.1 requests against Prism serving the official specs from
//! `SWEEP_SPECS_DIR` (`cargo xtask test` starts them and sets
//! `SWEEP_CAMARA_NV_MOCK`, `SWEEP_CAMARA_KYC_MOCK` and
//! `SWEEP_CAMARA_SIM_SWAP_MOCK`).

use sweep_core::identity::camara::{match_kyc, verify_number, KycClaims, MatchResult};
use sweep_core::SweepError;

fn mock(name: &str) -> Option<String> {
    sweep_tests::service_url(name, "Prism when SWEEP_SPECS_DIR holds the specs")
}

#[tokio::test]
async fn number_verification_requests_follow_the_spec() {
    let Some(url) = mock("SWEEP_CAMARA_NV_MOCK") else { return };
    // Prism checks the body (one of phoneNumber or hashedPhoneNumber, E.164),
    // the bearer token and x-correlator, then answers with the example.
    let verified = verify_number(&url, "user-token", "+821012345678").await.expect("a request the spec accepts");
    assert!(verified, "the spec's example says verified");
    let anonymous = verify_number(&url, "", "+821012345678").await;
    assert!(matches!(anonymous, Err(SweepError::AuthExpired { .. })), "{anonymous:?}");
}

#[tokio::test]
async fn kyc_match_requests_follow_the_spec() {
    let Some(url) = mock("SWEEP_CAMARA_KYC_MOCK") else { return };
    let claims = KycClaims {
        phone_number: "+821012345678".into(),
        name: "Kim Minji".into(),
        birthdate: "1994-03-15".into(),
        id_number: "940315-2000000".into(),
    };
    let answer = match_kyc(&url, "user-token", &claims).await.expect("a request the spec accepts");
    // The spec's example: the ID number and name match, the birthdate does not.
    assert_eq!(
        (answer.id_number, answer.name, answer.birthdate),
        (MatchResult::Matches, MatchResult::Matches, MatchResult::DoesNotMatch)
    );
}

#[tokio::test]
async fn sim_swap_checks_follow_the_spec() {
    let Some(url) = mock("SWEEP_CAMARA_SIM_SWAP_MOCK") else { return };
    // Prism checks phoneNumber (E.164) and maxAge (1 to 2,400), the token
    // and x-correlator, and answers with a boolean.
    sweep_core::withdrawals::confirm::sim_swapped(&url, "user-token", "+821012345678", 240)
        .await
        .expect("a request the spec accepts");
    let out_of_range = sweep_core::withdrawals::confirm::sim_swapped(&url, "user-token", "+821012345678", 5_000).await;
    assert!(matches!(out_of_range, Err(SweepError::InvalidInput { .. })), "refused before sending");
}
