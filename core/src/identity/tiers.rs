//! Verification tiers and their limits. The provider publishes each tier's
//! per-withdrawal, daily and monthly limits (`GET /tiers`, cached with the
//! fee schedule); the wallet keeps the user's tier sealed and makes every
//! plan and quote respect it.

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::fees::RemainingLimits;
use crate::money::{Currency, MinorAmount, Money};
use crate::store::seal::{CellRef, Column, RowKey};
use crate::store::{meta_get, meta_put, Store};
use crate::SweepError;

const META_IDENTITY: &str = "identity";

/// How well the user is verified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum Tier {
    /// Nothing checked yet.
    Unverified,
    /// The mobile operator confirmed the phone number (CAMARA Number Verification).
    PhoneVerified,
    /// The provider verified an ID document.
    IdVerified,
}

/// One tier's limits in one currency, in minor units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct TierLimits {
    /// The tier.
    pub tier: Tier,
    /// The currency.
    pub currency_code: String,
    /// The most one withdrawal may gross.
    pub per_withdrawal: i64,
    /// The most per day.
    pub daily: i64,
    /// The most per month.
    pub monthly: i64,
}

/// The provider's `GET /tiers` answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierList {
    /// Every tier's limits.
    pub tiers: Vec<TierLimits>,
}

impl TierList {
    /// Checks the list before it is cached.
    pub fn validate(&self) -> Result<(), SweepError> {
        for t in &self.tiers {
            Currency::from_code(&t.currency_code)?;
            let ok = |v: i64| (0..=crate::ledger::MAX_BALANCE_MINOR_UNITS).contains(&v);
            if !ok(t.per_withdrawal) || !ok(t.daily) || !ok(t.monthly) {
                return Err(SweepError::MalformedResponse { reason: "a tier limit is negative or absurd".into() });
            }
        }
        Ok(())
    }

    /// The limits of `tier` in `currency`, if the provider gives them.
    pub fn limits(&self, tier: Tier, currency: Currency) -> Option<&TierLimits> {
        self.tiers.iter().find(|t| t.tier == tier && t.currency_code == currency.code())
    }
}

/// The user's verification state, sealed in the wallet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityState {
    /// The tier reached.
    pub tier: Tier,
    /// The holder's name on the verified ID document, once verified: by
    /// default payees must be held in this name.
    #[serde(default)]
    pub verified_name: Option<String>,
    /// The verification sessions opened with the provider, so that
    /// deleting the account can ask the provider to delete them.
    #[serde(default)]
    pub sessions: Vec<String>,
}

impl Default for IdentityState {
    fn default() -> Self {
        IdentityState { tier: Tier::Unverified, verified_name: None, sessions: Vec::new() }
    }
}

/// The most sessions remembered: the oldest are dropped first (a session
/// expires in 30 minutes; the provider keeps few).
const MAX_SESSIONS: usize = 100;

/// Remembers a verification session the provider opened.
pub fn remember_session(store: &mut Store, session_id: &str) -> Result<(), SweepError> {
    let mut state = load_identity(store)?;
    if state.sessions.iter().any(|s| s == session_id) {
        return Ok(());
    }
    state.sessions.push(session_id.to_owned());
    let excess = state.sessions.len().saturating_sub(MAX_SESSIONS);
    state.sessions.drain(..excess);
    save_identity(store, &state)
}

fn cell() -> CellRef<'static> {
    CellRef::new(Column::MetaValue, RowKey::Name(META_IDENTITY))
}

/// The stored state; unverified when nothing is stored.
pub fn load_identity(store: &Store) -> Result<IdentityState, SweepError> {
    let Some(sealed) = meta_get(store.conn(), META_IDENTITY)? else { return Ok(IdentityState::default()) };
    let mut buf = Zeroizing::new(Vec::new());
    let json = store.sealer().open_in(&cell(), &sealed, &mut buf)?;
    serde_json::from_slice(json).map_err(|_| cell().tampered())
}

/// Raises the tier to `tier` (a tier is never lowered here).
pub fn raise_tier(store: &mut Store, tier: Tier) -> Result<IdentityState, SweepError> {
    let mut state = load_identity(store)?;
    if tier <= state.tier {
        return Ok(state);
    }
    state.tier = tier;
    save_identity(store, &state)?;
    Ok(state)
}

/// Keeps the name the provider verified on the user's ID document.
pub fn set_verified_name(store: &mut Store, name: &str) -> Result<IdentityState, SweepError> {
    let mut state = load_identity(store)?;
    if state.verified_name.as_deref() == Some(name) {
        return Ok(state);
    }
    state.verified_name = Some(name.to_owned());
    save_identity(store, &state)?;
    Ok(state)
}

fn save_identity(store: &mut Store, state: &IdentityState) -> Result<(), SweepError> {
    let json = Zeroizing::new(
        serde_json::to_vec(state).map_err(|e| SweepError::Internal { reason: format!("encode identity: {e}") })?,
    );
    store.write(1, |wtx| {
        let sealed = wtx.sealer.seal(&cell(), &json)?;
        meta_put(&wtx.tx, META_IDENTITY, &sealed)
    })
}

/// Whether `holder` is `verified` written another way: case, spaces and
/// punctuation do not count ("KIM Min-ji" is "Kim Minji"), word order
/// does, as at the provider's name check.
pub fn same_name(holder: &str, verified: &str) -> bool {
    let squashed =
        |name: &str| -> String { name.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect() };
    !squashed(verified).is_empty() && squashed(holder) == squashed(verified)
}

/// The tighter of the caller's limits and the tier's, field by field.
pub fn merge_limits(asked: Option<RemainingLimits>, tier: Option<&TierLimits>) -> Option<RemainingLimits> {
    let Some(tier) = tier else { return asked };
    let amount = |units: i64| MinorAmount { minor_units: units, currency_code: tier.currency_code.clone() };
    let tighter = |asked: Option<MinorAmount>, tier_units: i64| -> Option<MinorAmount> {
        match asked {
            Some(a) if Money::try_from(&a).is_ok_and(|m| m.minor_units() <= tier_units) => Some(a),
            Some(a) if a.currency_code != tier.currency_code => Some(a),
            _ => Some(amount(tier_units)),
        }
    };
    let asked = asked.unwrap_or_default();
    Some(RemainingLimits {
        per_withdrawal: tighter(asked.per_withdrawal, tier.per_withdrawal),
        daily_remaining: tighter(asked.daily_remaining, tier.daily),
        monthly_remaining: tighter(asked.monthly_remaining, tier.monthly),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_written_another_way_is_the_same_name() {
        assert!(same_name("KIM Min-ji", "Kim Minji"));
        assert!(same_name(" kim  minji ", "Kim Minji"));
        assert!(same_name("김민지", "김민지"));
        assert!(!same_name("Minji Kim", "Kim Minji"), "word order counts, as at the name check");
        assert!(!same_name("Lee Jiwoo", "Kim Minji"));
        assert!(!same_name("", ""), "an empty verified name matches nothing");
    }

    fn krw(units: i64) -> MinorAmount {
        MinorAmount { minor_units: units, currency_code: "KRW".into() }
    }

    #[test]
    fn the_tighter_limit_wins_field_by_field() {
        let tier = TierLimits {
            tier: Tier::Unverified,
            currency_code: "KRW".into(),
            per_withdrawal: 200_000,
            daily: 300_000,
            monthly: 1_000_000,
        };
        let asked = RemainingLimits {
            daily_remaining: Some(krw(50_000)),
            monthly_remaining: Some(krw(5_000_000)),
            ..Default::default()
        };
        let merged = merge_limits(Some(asked), Some(&tier)).unwrap();
        assert_eq!(merged.per_withdrawal, Some(krw(200_000)));
        assert_eq!(merged.daily_remaining, Some(krw(50_000)));
        assert_eq!(merged.monthly_remaining, Some(krw(1_000_000)), "asking for more than the tier gives the tier");
        assert_eq!(merge_limits(None, None), None);
    }

    #[test]
    fn tiers_only_go_up_and_are_sealed() {
        let dir = tempfile::tempdir().unwrap();
        let keys = crate::EphemeralKeyProvider::new().unwrap();
        let mut store = Store::open(&dir.path().join("w.db"), keys.as_ref()).unwrap();
        assert_eq!(load_identity(&store).unwrap().tier, Tier::Unverified);
        assert_eq!(raise_tier(&mut store, Tier::IdVerified).unwrap().tier, Tier::IdVerified);
        assert_eq!(raise_tier(&mut store, Tier::PhoneVerified).unwrap().tier, Tier::IdVerified);
        assert_eq!(load_identity(&store).unwrap().tier, Tier::IdVerified);
    }
}
