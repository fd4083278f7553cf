//! The provider's fee schedule: rates per source kind, fixed fees, the fee
//! floor and cap, the instant-speed premium and the withdrawal limits per
//! currency. It is fetched once, validated, and cached sealed with its
//! version, so fees can be worked out offline.

use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::money::Currency;
use crate::sources::SourceKind;
use crate::store::seal::{CellRef, Column, RowKey};
use crate::store::{meta_get, meta_put, Store};
use crate::SweepError;

/// 31 days, in seconds.
const MAX_ETA_SECONDS: u64 = 31 * 86_400;

/// One basis point is 1/100 of a percent; rates are whole basis points.
pub const BASIS_POINTS: i64 = 10_000;
const META_SCHEDULE: &str = "fee_schedule";

/// How fast the payout arrives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum Speed {
    /// The usual bank transfer; no premium.
    Standard,
    /// Within minutes, for a premium.
    Instant,
}

/// The percentage fee for one kind of source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct KindRate {
    /// The kind of source.
    #[serde(with = "kind_code")]
    pub kind: SourceKind,
    /// The rate in basis points (300 = 3%).
    pub rate_bps: u32,
}

/// Fixed fees and limits in one currency, in its minor units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct CurrencyFees {
    /// The ISO 4217 code.
    pub currency_code: String,
    /// Charged once per withdrawal.
    pub fixed_per_withdrawal: i64,
    /// Charged once per source swept (per leg).
    pub fixed_per_leg: i64,
    /// The least a withdrawal's fee can be.
    pub min_fee: i64,
    /// The most a withdrawal's fee can be.
    pub max_fee: i64,
    /// Added once to an instant withdrawal.
    pub instant_fixed: i64,
    /// The smallest withdrawal (gross).
    pub min_withdrawal: i64,
    /// The largest withdrawal (gross).
    pub max_withdrawal: i64,
}

/// The provider's fee schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct FeeSchedule {
    /// The provider's version; a quote names the version it used.
    pub version: String,
    /// Percentage fees per source kind; a kind not listed cannot be swept.
    pub rates: Vec<KindRate>,
    /// Added to every leg's rate for instant speed, in basis points.
    pub instant_premium_bps: u32,
    /// Fixed fees and limits per currency.
    pub currencies: Vec<CurrencyFees>,
    /// How long a standard payout takes, in seconds.
    pub standard_eta_seconds: u64,
    /// How long an instant payout takes, in seconds.
    pub instant_eta_seconds: u64,
    /// How long a quote stays locked, in seconds (30 minutes unless the
    /// provider says otherwise).
    #[serde(default = "default_lock")]
    pub quote_lock_seconds: u64,
}

fn default_lock() -> u64 {
    30 * 60
}

/// Source kinds as the provider API writes them.
mod kind_code {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::sources::SourceKind;

    pub fn serialize<S: Serializer>(kind: &SourceKind, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(kind.code())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<SourceKind, D::Error> {
        let code = String::deserialize(d)?;
        SourceKind::from_code(&code).ok_or_else(|| serde::de::Error::custom(format!("unknown source kind {code}")))
    }
}

impl FeeSchedule {
    /// The rate of a kind at a speed, in basis points; `None` when the
    /// provider does not sweep that kind.
    pub fn rate_bps(&self, kind: SourceKind, speed: Speed) -> Option<i64> {
        let base = self.rates.iter().find(|r| r.kind == kind)?.rate_bps;
        let premium = if speed == Speed::Instant { self.instant_premium_bps } else { 0 };
        Some(i64::from(base) + i64::from(premium))
    }

    /// The fixed fees and limits of a currency.
    pub fn currency(&self, currency: Currency) -> Result<&CurrencyFees, SweepError> {
        self.currencies.iter().find(|c| c.currency_code == currency.code()).ok_or_else(|| {
            SweepError::invalid("currency_code", format!("the provider does not pay out in {}", currency.code()))
        })
    }

    /// How long a payout takes at `speed`.
    pub fn eta_seconds(&self, speed: Speed) -> u64 {
        match speed {
            Speed::Standard => self.standard_eta_seconds,
            Speed::Instant => self.instant_eta_seconds,
        }
    }

    /// The longest payout time a schedule may promise: 31 days.
    pub const MAX_ETA: u64 = MAX_ETA_SECONDS;

    /// Checks that the schedule makes sense before it is used or cached.
    pub fn validate(&self) -> Result<(), SweepError> {
        let bad = |reason: &str| SweepError::MalformedResponse { reason: format!("fee schedule: {reason}") };
        if self.version.is_empty() || self.version.len() > 64 {
            return Err(bad("the version is empty or too long"));
        }
        // A payout promised beyond a month is no promise; beyond that a date
        // computed from it could not be shown.
        if [self.standard_eta_seconds, self.instant_eta_seconds].iter().any(|eta| *eta > MAX_ETA_SECONDS) {
            return Err(bad("a payout time is over 31 days"));
        }
        let rate_ok = |bps: i64| (0..BASIS_POINTS / 2).contains(&bps);
        for rate in &self.rates {
            if rate.kind == SourceKind::CarrierBilling {
                return Err(bad("carrier-billing money is never swept"));
            }
            if !rate_ok(i64::from(rate.rate_bps) + i64::from(self.instant_premium_bps)) {
                return Err(bad("a rate is not below 50%"));
            }
        }
        for (i, rate) in self.rates.iter().enumerate() {
            if self.rates[..i].iter().any(|r| r.kind == rate.kind) {
                return Err(bad("a source kind is listed twice"));
            }
        }
        for (i, fees) in self.currencies.iter().enumerate() {
            Currency::from_code(&fees.currency_code)?;
            if self.currencies[..i].iter().any(|c| c.currency_code == fees.currency_code) {
                return Err(bad("a currency is listed twice"));
            }
            let amounts = [
                fees.fixed_per_withdrawal,
                fees.fixed_per_leg,
                fees.min_fee,
                fees.max_fee,
                fees.instant_fixed,
                fees.min_withdrawal,
                fees.max_withdrawal,
            ];
            if amounts.iter().any(|a| !(0..=crate::ledger::MAX_BALANCE_MINOR_UNITS).contains(a)) {
                return Err(bad("an amount is negative or absurd"));
            }
            if fees.min_fee > fees.max_fee || fees.min_withdrawal == 0 || fees.min_withdrawal > fees.max_withdrawal {
                return Err(bad("a minimum is above its maximum"));
            }
        }
        Ok(())
    }
}

/// A schedule as cached: with when it was fetched and from where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CachedSchedule {
    /// The schedule.
    pub schedule: FeeSchedule,
    /// The provider's base URL.
    pub provider_url: String,
    /// When it was fetched.
    #[serde(with = "crate::sources::rfc3339")]
    pub fetched_at: SystemTime,
    /// The provider's verification tiers and their limits.
    #[serde(default)]
    pub tiers: Vec<crate::identity::TierLimits>,
}

fn cell() -> CellRef<'static> {
    CellRef::new(Column::MetaValue, RowKey::Name(META_SCHEDULE))
}

/// Seals the schedule into the wallet, replacing any older one.
pub fn cache_schedule(store: &mut Store, cached: &CachedSchedule) -> Result<(), SweepError> {
    cached.schedule.validate()?;
    let json = Zeroizing::new(
        serde_json::to_vec(cached).map_err(|e| SweepError::Internal { reason: format!("encode schedule: {e}") })?,
    );
    store.write(1, |wtx| {
        let sealed = wtx.sealer.seal(&cell(), &json)?;
        meta_put(&wtx.tx, META_SCHEDULE, &sealed)
    })
}

/// The cached schedule, if any.
pub fn cached_schedule(store: &Store) -> Result<Option<CachedSchedule>, SweepError> {
    let Some(sealed) = meta_get(store.conn(), META_SCHEDULE)? else { return Ok(None) };
    let mut buf = Zeroizing::new(Vec::new());
    let json = store.sealer().open_in(&cell(), &sealed, &mut buf)?;
    serde_json::from_slice(json).map(Some).map_err(|_| cell().tampered())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The sandbox's KRW schedule, as the tests across the fee module use it.
    pub fn krw_schedule() -> FeeSchedule {
        let rate = |kind, rate_bps| KindRate { kind, rate_bps };
        FeeSchedule {
            version: "krw-2026-11".into(),
            rates: vec![
                rate(SourceKind::Wallet, 300),
                rate(SourceKind::Bank, 300),
                rate(SourceKind::GameCredits, 800),
                rate(SourceKind::Points, 1_000),
            ],
            instant_premium_bps: 100,
            currencies: vec![CurrencyFees {
                currency_code: "KRW".into(),
                fixed_per_withdrawal: 0,
                fixed_per_leg: 100,
                min_fee: 100,
                max_fee: 30_000,
                instant_fixed: 500,
                min_withdrawal: 5_000,
                max_withdrawal: 2_000_000,
            }],
            standard_eta_seconds: 86_400,
            instant_eta_seconds: 600,
            quote_lock_seconds: 1_800,
        }
    }

    #[test]
    fn rates_add_the_instant_premium_and_unknown_kinds_have_none() {
        let s = krw_schedule();
        assert_eq!(s.rate_bps(SourceKind::Wallet, Speed::Standard), Some(300));
        assert_eq!(s.rate_bps(SourceKind::Wallet, Speed::Instant), Some(400));
        assert_eq!(s.rate_bps(SourceKind::CarrierBilling, Speed::Standard), None);
        assert!(s.currency(Currency::Usd).is_err());
    }

    #[test]
    fn nonsense_schedules_are_refused() {
        let mut s = krw_schedule();
        s.rates.push(KindRate { kind: SourceKind::CarrierBilling, rate_bps: 300 });
        assert!(s.validate().is_err(), "phone-bill money is never priced for cash");
        let mut s = krw_schedule();
        s.currencies[0].min_fee = 50_000;
        assert!(s.validate().is_err());
        let mut s = krw_schedule();
        s.rates[0].rate_bps = 6_000;
        assert!(s.validate().is_err());
        let mut s = krw_schedule();
        s.currencies[0].currency_code = "ZZZ".into();
        assert!(matches!(s.validate(), Err(SweepError::UnknownCurrency { .. })));
        let mut s = krw_schedule();
        s.rates.push(KindRate { kind: SourceKind::Wallet, rate_bps: 100 });
        assert!(s.validate().is_err(), "a kind twice");
        let mut s = krw_schedule();
        s.currencies.push(s.currencies[0].clone());
        assert!(s.validate().is_err(), "a currency twice");
        for eta in [MAX_ETA_SECONDS + 1, u64::MAX] {
            let mut s = krw_schedule();
            s.standard_eta_seconds = eta;
            assert!(s.validate().is_err(), "a payout time of {eta} s");
            let mut s = krw_schedule();
            s.instant_eta_seconds = eta;
            assert!(s.validate().is_err(), "an instant payout time of {eta} s");
        }
        assert!(krw_schedule().validate().is_ok());
    }

    #[test]
    fn the_schedule_is_cached_sealed() {
        let dir = tempfile::tempdir().unwrap();
        let keys = crate::EphemeralKeyProvider::new().unwrap();
        let mut store = Store::open(&dir.path().join("w.db"), keys.as_ref()).unwrap();
        assert_eq!(cached_schedule(&store).unwrap(), None);
        let cached = CachedSchedule {
            schedule: krw_schedule(),
            provider_url: "https://provider.example/v1".into(),
            fetched_at: SystemTime::UNIX_EPOCH,
            tiers: vec![],
        };
        cache_schedule(&mut store, &cached).unwrap();
        assert_eq!(cached_schedule(&store).unwrap(), Some(cached));
        let mut sealed = meta_get(store.conn(), META_SCHEDULE).unwrap().unwrap();
        let last = sealed.len() - 1;
        sealed[last] ^= 1;
        meta_put(store.conn(), META_SCHEDULE, &sealed).unwrap();
        assert!(matches!(cached_schedule(&store), Err(SweepError::Tampered { .. })), "a flipped byte is tampering");
    }
}
