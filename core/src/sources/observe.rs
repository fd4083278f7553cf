//! Recording what a source reported: its balances with their terms, and
//! whether Sweep can still read it. Connectors and the sync engine write
//! through here, so every source lands in the store the same way.

use std::collections::BTreeSet;

use rusqlite::OptionalExtension;

use super::{AuthState, BalanceTerms, SourceKind};
use crate::ledger::{self, LedgerEvent, NewEntry};
use crate::money::{MinorAmount, Money};
use crate::store::Store;
use crate::SweepError;

/// One balance as a source reported it; also its JSON form in the Source
/// API (`docs/source-api.yaml`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ObservedBalance {
    /// The balance.
    pub amount: MinorAmount,
    /// Its eligibility, reason and conditions.
    pub terms: BalanceTerms,
}

/// The most balances (currencies) one source may report at once.
const MAX_BALANCES_PER_SOURCE: usize = 20;

/// A source's kind; a removed source is not found, so a sync that was
/// already running when it was removed writes nothing.
fn source_kind(store: &Store, source_id: i64) -> Result<SourceKind, SweepError> {
    let kind: Option<String> = store
        .conn()
        .query_row(
            "SELECT kind FROM sources WHERE id = ?1 AND auth_state != ?2",
            (source_id, super::lifecycle::REMOVED),
            |r| r.get(0),
        )
        .optional()?;
    let kind = kind.ok_or(SweepError::SourceNotFound { source_id: source_id as u64 })?;
    SourceKind::from_code(&kind)
        .ok_or_else(|| SweepError::Storage { reason: format!("source {source_id} has an unknown kind") })
}

impl ObservedBalance {
    /// Checks every reported balance before anything is written: known
    /// currencies, one balance per currency, amounts from zero to the cap,
    /// and valid terms (carrier billing is made refund-to-origin here).
    /// Crate-visible for the fuzz targets, which check answers as a sync does.
    pub(crate) fn validate_all(
        kind: SourceKind,
        balances: &[ObservedBalance],
    ) -> Result<Vec<(Money, BalanceTerms)>, SweepError> {
        if balances.len() > MAX_BALANCES_PER_SOURCE {
            return Err(SweepError::invalid("balances", format!("at most {MAX_BALANCES_PER_SOURCE} per source")));
        }
        let mut seen = BTreeSet::new();
        balances
            .iter()
            .map(|balance| {
                let money = Money::try_from(&balance.amount)?;
                if money.is_negative() {
                    return Err(SweepError::NegativeAmount { field: "balance".into(), amount: money.to_string() });
                }
                if money.minor_units() > ledger::MAX_BALANCE_MINOR_UNITS {
                    return Err(ledger::balance_too_large());
                }
                if !seen.insert(money.currency()) {
                    return Err(SweepError::invalid("balances", format!("{} is reported twice", money.currency())));
                }
                Ok((money, balance.terms.clone().validated(kind, money.currency())?))
            })
            .collect()
    }
}

/// Records a source's reported balances in one transaction: an `Observed`
/// ledger entry per balance (one batch), the sealed terms of each, the sync
/// time, and the auth state back to `Linked`. Any bad balance is a typed
/// error and nothing is written. Returns the last ledger sequence number.
pub fn record_observation(
    store: &mut Store,
    source_id: i64,
    balances: &[ObservedBalance],
    now_ms: i64,
) -> Result<u64, SweepError> {
    let checked = ObservedBalance::validate_all(source_kind(store, source_id)?, balances)?;
    let entries: Vec<NewEntry> = checked
        .iter()
        .map(|(amount, _)| NewEntry { source_id, event: LedgerEvent::Observed, amount: *amount })
        .collect();
    let seals = ledger::seals_needed(entries.len(), entries.len()) + entries.len() as u64;
    store.write(seals, |wtx| {
        let last_seq = ledger::append(wtx, &entries, now_ms)?;
        for (amount, terms) in &checked {
            let code = amount.currency().code();
            let sealed = terms.seal(wtx.sealer, source_id, code)?;
            wtx.tx
                .prepare_cached(
                    "INSERT INTO balance_terms (source_id, currency, terms) VALUES (?1, ?2, ?3)
                     ON CONFLICT(source_id, currency) DO UPDATE SET terms = excluded.terms",
                )?
                .execute(rusqlite::params![source_id, code, sealed])?;
        }
        wtx.tx.execute(
            "UPDATE sources SET last_synced_at_ms = ?2, auth_state = ?3 WHERE id = ?1",
            rusqlite::params![source_id, now_ms, AuthState::Linked.code()],
        )?;
        Ok(last_seq)
    })
}

/// Records that a source can no longer be read as it was: its grant expired
/// (`NeedsReauth`) or access was revoked (`Revoked`). Its balances stay, but
/// no longer count as cashable until it is linked again.
pub fn set_auth_state(store: &mut Store, source_id: i64, state: AuthState) -> Result<(), SweepError> {
    source_kind(store, source_id)?;
    store.write(0, |wtx| {
        wtx.tx
            .execute("UPDATE sources SET auth_state = ?2 WHERE id = ?1", rusqlite::params![source_id, state.code()])?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::sources::{dashboard, Eligibility};
    use crate::store::keys::EphemeralKeyProvider;
    use crate::Locale;

    struct Fixture {
        _dir: tempfile::TempDir,
        _keys: Arc<EphemeralKeyProvider>,
        store: Store,
    }

    fn fixture(kind: SourceKind) -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let keys = EphemeralKeyProvider::new().unwrap();
        let mut store = Store::open(&dir.path().join("w.db"), keys.as_ref()).unwrap();
        crate::sources::links::add_test_linked_source(&mut store, "Linked", kind);
        Fixture { _dir: dir, _keys: keys, store }
    }

    fn observed(minor_units: i64, code: &str, eligibility: Eligibility) -> ObservedBalance {
        ObservedBalance {
            amount: MinorAmount { minor_units, currency_code: code.into() },
            terms: BalanceTerms {
                eligibility,
                reason: "Reported by the source.".into(),
                min_withdrawal: None,
                refundable_after_used_percent: None,
                expiries: vec![],
                face_value: None,
                purchased_at: None,
            },
        }
    }

    #[test]
    fn observations_land_in_the_ledger_with_their_terms() {
        let mut fx = fixture(SourceKind::Wallet);
        let balances = [observed(15_000, "KRW", Eligibility::Cashable), observed(250, "USD", Eligibility::SpendOnly)];
        record_observation(&mut fx.store, 1, &balances, 5_000).unwrap();
        let home = dashboard(&fx.store, Locale::EnUs).unwrap();
        assert_eq!(home.sources.len(), 2);
        let usd = home.sources.iter().find(|s| s.balance.amount.currency_code == "USD").unwrap();
        assert_eq!(usd.terms.eligibility, Eligibility::SpendOnly);
        assert!(usd.last_synced.is_some());
        let totals: Vec<&str> = home.cashable_totals.iter().map(|t| t.formatted.as_str()).collect();
        assert_eq!(totals, ["₩15,000"]);
        assert_eq!(crate::ledger::verify(&fx.store).unwrap().entries, 2, "one observation per currency");
    }

    #[test]
    fn carrier_billing_reported_as_cashable_stays_out_of_the_cashable_pool() {
        let mut fx = fixture(SourceKind::CarrierBilling);
        record_observation(&mut fx.store, 1, &[observed(30_000, "KRW", Eligibility::Cashable)], 5).unwrap();
        let home = dashboard(&fx.store, Locale::KoKr).unwrap();
        assert_eq!(home.sources[0].terms.eligibility, Eligibility::RefundToOrigin);
        assert!(home.cashable_totals.is_empty());
    }

    #[test]
    fn one_bad_balance_writes_nothing() {
        let mut fx = fixture(SourceKind::Wallet);
        let changes = fx.store.conn().total_changes();
        for bad in [
            vec![observed(100, "KRW", Eligibility::Cashable), observed(-1, "USD", Eligibility::Cashable)],
            vec![observed(100, "KRW", Eligibility::Cashable), observed(5, "XXX", Eligibility::Cashable)],
            vec![observed(100, "KRW", Eligibility::Cashable), observed(200, "KRW", Eligibility::Cashable)],
            vec![observed(ledger::MAX_BALANCE_MINOR_UNITS + 1, "KRW", Eligibility::Cashable)],
        ] {
            assert!(record_observation(&mut fx.store, 1, &bad, 5).is_err(), "{bad:?}");
        }
        assert_eq!(record_observation(&mut fx.store, 9, &[], 5), Err(SweepError::SourceNotFound { source_id: 9 }));
        assert_eq!(fx.store.conn().total_changes(), changes);
    }

    #[test]
    fn a_source_needing_reauth_keeps_its_balance_but_leaves_the_cashable_pool() {
        let mut fx = fixture(SourceKind::Wallet);
        record_observation(&mut fx.store, 1, &[observed(9_000, "KRW", Eligibility::Cashable)], 5).unwrap();
        set_auth_state(&mut fx.store, 1, AuthState::NeedsReauth).unwrap();
        let home = dashboard(&fx.store, Locale::KoKr).unwrap();
        assert_eq!(home.sources[0].auth_state, AuthState::NeedsReauth);
        assert_eq!(home.sources[0].balance.amount.minor_units, 9_000);
        assert!(home.cashable_totals.is_empty());
        // A successful sync links it again.
        record_observation(&mut fx.store, 1, &[observed(9_500, "KRW", Eligibility::Cashable)], 6).unwrap();
        let home = dashboard(&fx.store, Locale::KoKr).unwrap();
        assert_eq!((home.sources[0].auth_state, home.cashable_totals.len()), (AuthState::Linked, 1));
    }

    #[test]
    fn a_deleted_terms_row_of_a_connected_source_is_tampering() {
        let mut fx = fixture(SourceKind::Wallet);
        let connected = crate::sources::ConnectedSource {
            name: "Credits".into(),
            kind: SourceKind::Wallet,
            provider: "com.example.game".into(),
        };
        let id = crate::sources::add_connected_source(&mut fx.store, &connected, 2).unwrap();
        record_observation(&mut fx.store, id, &[observed(700, "KRW", Eligibility::SpendOnly)], 5).unwrap();
        fx.store.conn().execute("DELETE FROM balance_terms WHERE source_id = ?1", [id]).unwrap();
        assert!(matches!(
            dashboard(&fx.store, Locale::KoKr),
            Err(SweepError::Tampered { ref table, .. }) if table == "balance_terms"
        ));
    }
}
