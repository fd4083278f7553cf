//! A withdrawal's legs: one per source, each collected exactly once before
//! the payout. A leg moves `pending → instructed → collected | failed |
//! returned`, never backwards. Its idempotency key is stored with the
//! withdrawal before anything is sent, and every transfer of the leg
//! carries it, so a lost answer or a restart never moves the money twice.
//!
//! The ledger follows each leg: the hold placed when the withdrawal is
//! stored becomes a debit when the leg is collected, and is released when
//! it fails. A leg that comes back after it was collected was already
//! debited here; the source's next sync observes the money back.

use ring::hmac;
use serde::{Deserialize, Serialize};

use crate::connectors::open_banking::payment::CreditorAccount;
use crate::sources::Collectability;

/// Where one leg stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum LegState {
    /// Stored and held; nothing was asked of the source yet.
    Pending,
    /// The source was asked to move it (or is about to be); its key is fixed.
    Instructed,
    /// The money left the source and reached the provider.
    Collected,
    /// The source did not move it; the hold is released.
    Failed,
    /// The provider sent collected money back to the source.
    Returned,
}

/// What entering a leg state does to the leg's hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegEffect {
    /// Nothing.
    None,
    /// The hold becomes a debit: the money left the source.
    Debit,
    /// The hold is released: the money never left.
    Release,
}

impl LegState {
    /// The code stored and shown.
    pub fn code(self) -> &'static str {
        match self {
            LegState::Pending => "pending",
            LegState::Instructed => "instructed",
            LegState::Collected => "collected",
            LegState::Failed => "failed",
            LegState::Returned => "returned",
        }
    }

    /// True once nothing more will happen to the leg's money here.
    pub fn is_settled(self) -> bool {
        matches!(self, LegState::Collected | LegState::Failed | LegState::Returned)
    }

    /// Whether `next` may follow. Steps may be skipped, never reversed; a
    /// collected leg can only come back, a failed or returned one is final.
    pub fn can_become(self, next: LegState) -> bool {
        use LegState::*;
        match self {
            Pending => matches!(next, Instructed | Collected | Failed),
            Instructed => matches!(next, Collected | Failed),
            Collected => next == Returned,
            Failed | Returned => false,
        }
    }

    /// What entering this state does to the hold, coming from `from`.
    pub fn effect(self, from: LegState) -> LegEffect {
        match (from, self) {
            (_, LegState::Collected) => LegEffect::Debit,
            (LegState::Pending | LegState::Instructed, LegState::Failed) => LegEffect::Release,
            _ => LegEffect::None,
        }
    }
}

/// One leg as the wallet stores it (sealed with its withdrawal).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegRecord {
    /// The source it is collected from.
    pub source_id: i64,
    /// The source's opaque reference, as the provider knows it.
    pub source_ref: String,
    /// The source's kind (a `SourceKind` code), for the provider's pricing.
    pub kind: String,
    /// How it is collected (a [`Collectability`] code).
    pub method: String,
    /// What leaves the source, in minor units.
    pub gross: i64,
    /// Its share of the quoted fee.
    pub fee: i64,
    /// The key every transfer of this leg carries.
    pub key: String,
    /// Where it stands.
    pub state: LegState,
    /// The provider's id for the leg, once it accepted the withdrawal.
    #[serde(default)]
    pub leg_id: Option<String>,
    /// Where the provider asked for the money to go.
    #[serde(default)]
    pub destination_reference: Option<String>,
    /// The source's id for the transfer, once it answered.
    #[serde(default)]
    pub transfer_id: Option<String>,
    /// Why it failed or came back, for the user.
    #[serde(default)]
    pub reason: Option<String>,
    /// On a bank leg, the provider's collection account to pay.
    #[serde(default)]
    pub creditor: Option<CreditorAccount>,
    /// On a bank leg, the payment consent the user is to authorise.
    #[serde(default)]
    pub consent_id: Option<String>,
    /// On a bank leg, the user's token from authorising the consent, kept
    /// (sealed with the withdrawal) until the bank has the payment, so a
    /// restart sends the same payment again with the same key.
    #[serde(default)]
    pub bank_token: Option<String>,
}

impl LegRecord {
    /// True when the leg is collected over the Source API.
    pub fn by_transfer(&self) -> bool {
        self.method == Collectability::SourceApiTransfer.code()
    }

    /// True when the leg is collected by a bank payment.
    pub fn by_bank_payment(&self) -> bool {
        self.method == Collectability::OpenBankingPayment.code()
    }

    /// True when a bank leg waits for the user to authorise its payment.
    pub fn awaits_authorisation(&self) -> bool {
        self.by_bank_payment() && self.state == LegState::Pending && self.creditor.is_some()
    }
}

/// A leg of `gross` with a fee share of `fee`, in `state`, for tests.
#[cfg(test)]
pub(crate) fn test_leg(gross: i64, fee: i64, state: LegState) -> LegRecord {
    LegRecord {
        source_id: 1,
        source_ref: "src_x".into(),
        kind: "wallet".into(),
        method: Collectability::SourceApiTransfer.code().into(),
        gross,
        fee,
        key: "k".into(),
        state,
        leg_id: None,
        destination_reference: None,
        transfer_id: None,
        reason: None,
        creditor: None,
        consent_id: None,
        bank_token: None,
    }
}

/// A source's opaque, stable reference for the provider: a keyed tag of its
/// id, so the provider can tell a wallet's sources apart over time without
/// learning anything about them (no names, no account numbers).
pub fn source_ref(key: &hmac::Key, source_id: i64) -> String {
    let tag = hmac::sign(key, &[b"sweep/source-ref/v1".as_slice(), &source_id.to_be_bytes()].concat());
    let hex: String = tag.as_ref()[..12].iter().map(|b| format!("{b:02x}")).collect();
    format!("src_{hex}")
}

#[cfg(test)]
mod tests {
    use super::LegState::*;
    use super::*;

    #[test]
    fn legs_move_forward_only_and_move_money_once() {
        assert!(Pending.can_become(Instructed) && Instructed.can_become(Collected) && Collected.can_become(Returned));
        assert!(!Collected.can_become(Failed), "collected money cannot fail afterwards");
        assert!(!Instructed.can_become(Pending) && !Failed.can_become(Collected) && !Returned.can_become(Collected));
        assert_eq!(Collected.effect(Instructed), LegEffect::Debit);
        assert_eq!(Failed.effect(Instructed), LegEffect::Release);
        assert_eq!(Returned.effect(Collected), LegEffect::None, "the next sync sees the money back");
        assert!(Collected.is_settled() && Failed.is_settled() && !Instructed.is_settled());
    }

    #[test]
    fn source_refs_are_stable_opaque_and_distinct() {
        let key = hmac::Key::new(hmac::HMAC_SHA256, b"a wallet's key");
        let other = hmac::Key::new(hmac::HMAC_SHA256, b"another wallet's key");
        assert_eq!(source_ref(&key, 1), source_ref(&key, 1));
        assert_ne!(source_ref(&key, 1), source_ref(&key, 2));
        assert_ne!(source_ref(&key, 1), source_ref(&other, 1), "another wallet's reference says nothing");
        assert_eq!(source_ref(&key, 1).len(), 4 + 24);
    }
}
