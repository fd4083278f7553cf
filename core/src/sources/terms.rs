//! What a balance may become, why, and on what conditions; and whether
//! Sweep can still read the source at all.

use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use super::{Eligibility, SourceKind};
use crate::money::{MinorAmount, Money};
use crate::store::seal::{CellRef, Column, RowKey, Sealer};
use crate::SweepError;

/// Whether Sweep can still read a source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum AuthState {
    /// Readable: linked and the grant is valid (manual sources are always linked).
    Linked,
    /// The grant expired or was refused: the user must link the source again.
    NeedsReauth,
    /// The user or the platform revoked access. A later successful sync
    /// (after the user links it again) makes it `Linked`.
    Revoked,
}

impl AuthState {
    /// The code stored in `sources.auth_state`.
    pub fn code(self) -> &'static str {
        match self {
            AuthState::Linked => "linked",
            AuthState::NeedsReauth => "needs_reauth",
            AuthState::Revoked => "revoked",
        }
    }

    /// The state for a stored code.
    pub fn from_code(code: &str) -> Option<AuthState> {
        [AuthState::Linked, AuthState::NeedsReauth, AuthState::Revoked].into_iter().find(|s| s.code() == code)
    }
}

/// Part of a balance that expires, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Expiry {
    /// How much expires.
    pub amount: MinorAmount,
    /// When it expires.
    #[serde(with = "super::rfc3339")]
    pub expires_at: SystemTime,
}

/// The terms of one balance: its eligibility with a reason the user can
/// read, and the conditions attached to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct BalanceTerms {
    /// What the balance may become.
    pub eligibility: Eligibility,
    /// Why, in a sentence the user can read.
    pub reason: String,
    /// The smallest amount the source lets go at once, if it has one.
    #[serde(default)]
    pub min_withdrawal: Option<MinorAmount>,
    /// The balance becomes refundable once this share of it was used (60 means 60%).
    #[serde(default)]
    pub refundable_after_used_percent: Option<u8>,
    /// Parts of the balance that expire, soonest first.
    #[serde(default)]
    pub expiries: Vec<Expiry>,
    /// The value bought or last topped up (권면금액, or the last charge
    /// with what was left then), when the source says: the base of the
    /// share-used refund rules (`refunds`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ffi", uniffi(default = None))]
    pub face_value: Option<MinorAmount>,
    /// When that value was bought, when the source says: the start of the
    /// cooling-off period in which an unused purchase is refunded in full.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::rfc3339::option")]
    #[cfg_attr(feature = "ffi", uniffi(default = None))]
    pub purchased_at: Option<SystemTime>,
}

const MAX_REASON_CHARS: usize = 200;
const MAX_EXPIRIES: usize = 50;

impl BalanceTerms {
    /// Terms with an eligibility and a reason and no conditions.
    pub fn simple(eligibility: Eligibility, reason: &str) -> BalanceTerms {
        BalanceTerms {
            eligibility,
            reason: reason.to_owned(),
            min_withdrawal: None,
            refundable_after_used_percent: None,
            expiries: Vec::new(),
            face_value: None,
            purchased_at: None,
        }
    }

    /// The terms Sweep assumes for a balance typed in by hand.
    pub fn manual(kind: SourceKind) -> BalanceTerms {
        let (eligibility, reason) = kind.manual_eligibility();
        BalanceTerms::simple(eligibility, &reason)
    }

    /// Checks terms reported for a balance in `currency` of a source of
    /// `kind`, and applies the rules no source can override: carrier-billing
    /// money is never cashable (소액결제 현금화 is illegal in Korea), so it
    /// becomes refund-to-origin whatever the source said.
    pub fn validated(mut self, kind: SourceKind, currency: crate::Currency) -> Result<BalanceTerms, SweepError> {
        let reason = self.reason.trim();
        if reason.is_empty() || reason.chars().count() > MAX_REASON_CHARS || reason.chars().any(char::is_control) {
            return Err(SweepError::invalid(
                "eligibility_reason",
                format!("must be 1 to {MAX_REASON_CHARS} printable characters"),
            ));
        }
        self.reason = reason.to_owned();
        if self.refundable_after_used_percent.is_some_and(|p| p > 100) {
            return Err(SweepError::invalid("refundable_after_used_percent", "must be between 0 and 100"));
        }
        if self.expiries.len() > MAX_EXPIRIES {
            return Err(SweepError::invalid("expiries", format!("at most {MAX_EXPIRIES}")));
        }
        let amounts =
            self.min_withdrawal.iter().chain(self.face_value.iter()).chain(self.expiries.iter().map(|e| &e.amount));
        for amount in amounts {
            let money = Money::try_from(amount)?;
            if money.currency() != currency {
                return Err(SweepError::CurrencyMismatch {
                    expected: currency.code().into(),
                    found: money.currency().code().into(),
                });
            }
            if money.is_negative() || money.minor_units() > crate::ledger::MAX_BALANCE_MINOR_UNITS {
                return Err(SweepError::invalid("conditions", "amounts must be between 0 and the balance cap"));
            }
        }
        self.expiries.sort_by_key(|e| e.expires_at);
        if kind == SourceKind::CarrierBilling && self.eligibility == Eligibility::Cashable {
            let (eligibility, reason) = SourceKind::CarrierBilling.manual_eligibility();
            self.eligibility = eligibility;
            self.reason = reason.to_owned();
        }
        Ok(self)
    }

    /// The sealed cell of a balance's terms.
    pub(crate) fn cell(source_id: i64, currency: &str) -> CellRef<'_> {
        CellRef::new(Column::BalanceTerms, RowKey::SourceCurrency(source_id, currency))
    }

    /// Seals the terms for storage (JSON inside the seal).
    pub(crate) fn seal(&self, sealer: &mut Sealer, source_id: i64, currency: &str) -> Result<Vec<u8>, SweepError> {
        let json =
            serde_json::to_vec(self).map_err(|e| SweepError::Internal { reason: format!("encode terms: {e}") })?;
        sealer.seal(&Self::cell(source_id, currency), &json)
    }

    /// Opens stored terms.
    pub(crate) fn open(
        sealer: &Sealer,
        source_id: i64,
        currency: &str,
        sealed: &[u8],
        buf: &mut Vec<u8>,
    ) -> Result<BalanceTerms, SweepError> {
        let cell = Self::cell(source_id, currency);
        let json = sealer.open_in(&cell, sealed, buf)?;
        serde_json::from_slice(json).map_err(|_| cell.tampered())
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::Currency;

    fn krw(minor_units: i64) -> MinorAmount {
        MinorAmount { minor_units, currency_code: "KRW".into() }
    }

    fn terms(eligibility: Eligibility) -> BalanceTerms {
        BalanceTerms {
            eligibility,
            reason: " Refundable after 60% use. ".into(),
            min_withdrawal: Some(krw(1_000)),
            refundable_after_used_percent: Some(60),
            expiries: vec![
                Expiry { amount: krw(500), expires_at: SystemTime::UNIX_EPOCH + Duration::from_secs(20) },
                Expiry { amount: krw(700), expires_at: SystemTime::UNIX_EPOCH + Duration::from_secs(10) },
            ],
            face_value: None,
            purchased_at: None,
        }
    }

    #[test]
    fn carrier_billing_can_never_be_cashable() {
        let checked = terms(Eligibility::Cashable).validated(SourceKind::CarrierBilling, Currency::Krw).unwrap();
        assert_eq!(checked.eligibility, Eligibility::RefundToOrigin);
        let blocked = terms(Eligibility::Blocked).validated(SourceKind::CarrierBilling, Currency::Krw).unwrap();
        assert_eq!(blocked.eligibility, Eligibility::Blocked, "blocked stays blocked");
        let wallet = terms(Eligibility::Cashable).validated(SourceKind::Wallet, Currency::Krw).unwrap();
        assert_eq!(wallet.eligibility, Eligibility::Cashable);
        assert_eq!(wallet.reason, "Refundable after 60% use.");
        assert!(wallet.expiries[0].expires_at < wallet.expiries[1].expires_at, "soonest first");
    }

    #[test]
    fn bad_terms_are_typed_errors() {
        let mut t = terms(Eligibility::Cashable);
        t.refundable_after_used_percent = Some(101);
        assert!(t.validated(SourceKind::Wallet, Currency::Krw).is_err());
        let mut t = terms(Eligibility::Cashable);
        t.min_withdrawal = Some(MinorAmount { minor_units: 100, currency_code: "USD".into() });
        assert!(matches!(t.validated(SourceKind::Wallet, Currency::Krw), Err(SweepError::CurrencyMismatch { .. })));
        let mut t = terms(Eligibility::Cashable);
        t.expiries[0].amount = krw(-1);
        assert!(t.validated(SourceKind::Wallet, Currency::Krw).is_err());
        let mut t = terms(Eligibility::Cashable);
        t.reason = "   ".into();
        assert!(t.validated(SourceKind::Wallet, Currency::Krw).is_err());
    }

    #[test]
    fn auth_state_codes_round_trip() {
        for state in [AuthState::Linked, AuthState::NeedsReauth, AuthState::Revoked] {
            assert_eq!(AuthState::from_code(state.code()), Some(state));
        }
        assert_eq!(AuthState::from_code("nope"), None);
    }
}
