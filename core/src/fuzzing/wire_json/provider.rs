//! Answers of the provider (`docs/provider-api.yaml`) and of the CAMARA
//! identity checks.

use super::decode;
use crate::fees::price::{PricedLeg, Pricing};
use crate::fees::provider::{compare, stale_error, ProviderQuote};
use crate::fees::FeeSchedule;
use crate::identity::camara::{kyc_from, Matched};
use crate::identity::session::checked;
use crate::identity::tiers::TierList;
use crate::identity::VerificationSession;
use crate::withdrawals::name_check::NameCheck;
use crate::withdrawals::provider::{checked_authority, plain_id, BankAuthority, EventPage, ProviderWithdrawal};
use crate::withdrawals::receipt::{self, ProviderReceipt};
use crate::withdrawals::record::Details;

// The quote of `docs/provider-api.yaml`'s example, as Sweep priced it.
const VERSION: &str = "krw-2026-11";
const QUOTE_ID: &str = "qt-000001";
const LEGS: [(i64, i64); 2] = [(12_340, 470), (3_300, 364)];
const GROSS: i64 = 15_640;
const FEE: i64 = 834;
const ETA_SECONDS: u64 = 86_400;

/// `GET /fee-schedule`.
pub(super) fn fee_schedule(body: &[u8]) {
    let _ = decode::<FeeSchedule>(body).map(|schedule| schedule.validate());
}

/// `POST /quotes`: compared with Sweep's own figures.
pub(super) fn quote(body: &[u8]) {
    let local = Pricing {
        legs: LEGS.iter().map(|&(gross, fee)| PricedLeg { gross, fee }).collect(),
        withdrawal_fee: 0,
        total_gross: GROSS,
        total_fee: FEE,
    };
    let _ = decode::<ProviderQuote>(body).map(|remote| compare(&local, ETA_SECONDS, VERSION, &remote));
}

/// A `409` to `POST /quotes`: read whatever its body is.
pub(super) fn stale_quote(body: &[u8]) {
    let _ = stale_error(body, VERSION);
}

/// Checks a withdrawal as submitting one and following one do.
fn withdrawal_checks(answer: &ProviderWithdrawal) {
    let _ = plain_id(&answer.withdrawal_id);
    let _ = answer.state();
    for leg in &answer.legs {
        let _ = plain_id(&leg.leg_id);
    }
}

/// `POST /withdrawals`, `GET /withdrawals/{id}` and the cancel and
/// leg-failed answers.
pub(super) fn withdrawal(body: &[u8]) {
    if let Some(answer) = decode::<ProviderWithdrawal>(body) {
        withdrawal_checks(&answer);
    }
}

/// `GET /withdrawals/events`.
pub(super) fn withdrawal_events(body: &[u8]) {
    if let Some(page) = decode::<EventPage>(body) {
        page.events.iter().for_each(withdrawal_checks);
    }
}

/// `POST /withdrawals/{id}/legs/{leg}/bank-authority`, with and without a
/// payload to sign.
pub(super) fn bank_authority(body: &[u8]) {
    for signed in [false, true] {
        let _ = decode::<BankAuthority>(body).map(|authority| checked_authority(authority, signed));
    }
}

/// `GET /withdrawals/{id}/receipt`, against the quote carried out.
pub(super) fn receipt(body: &[u8]) {
    let details = Details {
        quote_id: QUOTE_ID.into(),
        schedule_version: VERSION.into(),
        currency_code: "KRW".into(),
        legs: vec![(1, LEGS[0].0), (2, LEGS[1].0)],
        total_net: GROSS - FEE,
        payee_id: 1,
        provider_id: Some("wd-00001".into()),
        reason: None,
        eta_seconds: ETA_SECONDS,
        total_gross: GROSS,
        total_fee: FEE,
        receipt: None,
        collection: Vec::new(),
        settlement: None,
    };
    let _ = decode::<ProviderReceipt>(body).map(|provided| receipt::check(1, &details, &provided));
}

/// `POST /payees/name-check`.
pub(super) fn name_check(body: &[u8]) {
    let _ = decode::<NameCheck>(body).map(NameCheck::require_match);
}

/// `POST /verification-sessions` (any id) and `GET
/// /verification-sessions/{id}` (the id asked about).
pub(super) fn verification_session(body: &[u8]) {
    for asked in [None, Some("vs-0001")] {
        let _ = decode::<VerificationSession>(body).map(|session| checked(session, asked));
    }
}

/// `GET /tiers`.
pub(super) fn tiers(body: &[u8]) {
    let _ = decode::<TierList>(body).map(|list| list.validate());
}

/// KYC Match `POST /match`.
pub(super) fn kyc_match(body: &[u8]) {
    let _ = decode::<Matched>(body).map(kyc_from);
}

/// `POST /data-deletion-requests`: what the provider deleted and kept.
pub(super) fn data_deletion(body: &[u8]) {
    let _ = decode::<crate::wallet::delete_answer::ProviderAnswer>(body);
}
