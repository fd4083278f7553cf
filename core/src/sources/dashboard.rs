//! The dashboard: every source's balance and the cashable total, read from
//! the per-source summaries in O(sources).

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::collection::{collectability, Collectability, CollectionFacts};
use super::{AuthState, BalanceTerms, SourceKind};
use crate::ledger::Summary;
use crate::money::{Currency, Locale, MinorAmount, Money};
use crate::store::seal::{CellRef, Column, RowKey};
use crate::store::Store;
use crate::SweepError;

/// An amount with its text for people, formatted in the wallet's locale.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct FormattedAmount {
    /// The exact amount.
    pub amount: MinorAmount,
    /// For display, for example `"₩5,000"`.
    pub formatted: String,
}

impl FormattedAmount {
    /// The amount and its text in `locale`.
    pub fn new(money: Money, locale: Locale) -> Self {
        FormattedAmount { formatted: money.format(locale), amount: money.into() }
    }
}

/// One source's balance in one currency.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SourceBalance {
    /// The source's id.
    pub source_id: u64,
    /// The name the user gave it.
    pub name: String,
    /// The kind of source.
    pub kind: SourceKind,
    /// Who holds the money (`"manual"` for typed-in sources).
    pub provider: String,
    /// The balance.
    pub balance: FormattedAmount,
    /// The part of the balance not held for withdrawals in flight.
    pub available: FormattedAmount,
    /// What the balance may become, why, and on what conditions.
    pub terms: BalanceTerms,
    /// Whether Sweep can move this money now, and how; or why not.
    pub collection: Collectability,
    /// Whether Sweep can still read the source.
    pub auth_state: AuthState,
    /// The last four characters of the account reference, masked: `"•••• 5678"`.
    pub account_hint: Option<String>,
    /// When the balance last changed.
    pub last_updated: SystemTime,
    /// When the source was last synced; `None` for manual sources.
    pub last_synced: Option<SystemTime>,
}

/// What the wallet's home screen shows.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Dashboard {
    /// Every source balance, in the order the sources were added.
    pub sources: Vec<SourceBalance>,
    /// The cashable total per currency: the available balances Sweep can
    /// collect now. Typed-in balances are tracked, never counted here.
    pub cashable_totals: Vec<FormattedAmount>,
    /// What Korea's refund rules let the user get back from money that
    /// cannot simply be cashed out, and money about to expire
    /// (`refunds::advise`, at the time the dashboard was read).
    #[cfg_attr(feature = "ffi", uniffi(default = []))]
    pub refund_advice: Vec<crate::refunds::RefundAdvice>,
    /// For each currency the sources hold, whether the provider of the
    /// cached fee schedule pays it out (filled by `Wallet::dashboard`).
    #[cfg_attr(feature = "ffi", uniffi(default = []))]
    pub payouts: Vec<crate::fees::CurrencyPayout>,
}

/// Builds the dashboard from the summaries: one row per source and currency.
/// A summary's sealed values are bound to the last entry they include, and
/// that entry is checked against the ledger's index (O(log n) per row), so
/// a summary put back from an older copy is caught here, not only by
/// `verify`.
pub fn dashboard(store: &Store, locale: Locale) -> Result<Dashboard, SweepError> {
    let mut stmt = store.conn().prepare_cached(
        "SELECT m.source_id, s.kind, s.provider, s.name, s.account_ref,
                m.currency, m.balance, m.held, m.last_seq, m.updated_at_ms,
                (SELECT MAX(l.seq) FROM ledger l WHERE l.source_id = m.source_id AND l.currency = m.currency),
                s.auth_state, s.last_synced_at_ms, t.terms, k.link
         FROM source_summary m
         LEFT JOIN sources s ON s.id = m.source_id
         LEFT JOIN balance_terms t ON t.source_id = m.source_id AND t.currency = m.currency
         LEFT JOIN source_links k ON k.source_id = m.source_id
         WHERE s.auth_state IS NOT 'removed'
         ORDER BY m.source_id, m.currency",
    )?;
    let mut rows = stmt.query([])?;
    let mut buf = Vec::with_capacity(128);
    let mut sources = Vec::new();
    let mut totals: BTreeMap<Currency, Money> = BTreeMap::new();
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        // A balance whose source row is gone: the row was deleted behind our back.
        let missing = || SweepError::Tampered { table: "sources".into(), column: "id".into(), row: id.to_string() };
        let kind = SourceKind::from_code(row.get_ref(1)?.as_str_or_null()?.ok_or_else(missing)?)
            .ok_or_else(|| SweepError::Storage { reason: format!("source {id} has an unknown kind") })?;
        let currency = Currency::from_code(row.get_ref(5)?.as_str()?)?;
        let last_seq: i64 = row.get(8)?;
        let latest: Option<i64> = row.get(10)?;
        if latest != Some(last_seq) {
            // The whole summary row was put back from an older copy.
            return Err(SweepError::Tampered {
                table: "source_summary".into(),
                column: "last_seq".into(),
                row: format!("{id}/{currency}"),
            });
        }
        let summary = Summary::open(
            store.sealer(),
            id,
            currency,
            (row.get_ref(6)?.as_blob()?, row.get_ref(7)?.as_blob()?),
            last_seq,
            row.get(9)?,
            &mut buf,
        )?;
        let name = store.sealer().open_string(
            &CellRef::new(Column::SourceName, RowKey::Id(id)),
            row.get_ref(3)?.as_blob()?,
            &mut buf,
        )?;
        let account_hint = match row.get_ref(4)?.as_blob_or_null()? {
            Some(sealed) => {
                let cell = CellRef::new(Column::SourceAccountRef, RowKey::Id(id));
                Some(mask(&store.sealer().open_string(&cell, sealed, &mut buf)?))
            }
            None => None,
        };
        let provider = super::provider::open_provider(store, id, row.get_ref(2)?, &mut buf)?;
        let terms = match row.get_ref(13)?.as_blob_or_null()? {
            Some(sealed) => BalanceTerms::open(store.sealer(), id, currency.code(), sealed, &mut buf)?,
            // Only typed-in sources go without stored terms; a connected
            // source that lost its row was tampered with.
            None if provider == "manual" => BalanceTerms::manual(kind),
            None => {
                return Err(SweepError::Tampered {
                    table: "balance_terms".into(),
                    column: "terms".into(),
                    row: format!("{id}/{currency}"),
                })
            }
        };
        let auth_state = AuthState::from_code(row.get_ref(11)?.as_str()?)
            .ok_or_else(|| SweepError::Storage { reason: format!("source {id} has an unknown auth state") })?;
        let link = match row.get_ref(14)?.as_blob_or_null()? {
            Some(sealed) => Some(super::links::open_link(store, id, sealed)?),
            None => None,
        };
        let collection = collectability(&CollectionFacts {
            provider: &provider,
            kind,
            eligibility: terms.eligibility,
            auth_state,
            link: link.as_ref(),
        });
        let available = summary.available()?;
        if collection.is_collectable() {
            let total = totals.entry(currency).or_insert_with(|| Money::zero(currency));
            *total = total.checked_add(&available)?;
        }
        sources.push(SourceBalance {
            source_id: id as u64,
            name,
            kind,
            provider,
            balance: FormattedAmount::new(summary.balance, locale),
            available: FormattedAmount::new(available, locale),
            terms,
            collection,
            auth_state,
            account_hint,
            last_updated: from_ms(summary.updated_at_ms),
            last_synced: row.get::<_, Option<i64>>(12)?.map(from_ms),
        });
    }
    let cashable_totals = totals.into_values().map(|m| FormattedAmount::new(m, locale)).collect();
    let mut home = Dashboard { sources, cashable_totals, refund_advice: Vec::new(), payouts: Vec::new() };
    home.refund_advice = crate::refunds::advise(&home, crate::refunds::shipped(), SystemTime::now(), locale);
    Ok(home)
}

fn from_ms(ms: i64) -> SystemTime {
    UNIX_EPOCH + Duration::from_millis(ms.max(0) as u64)
}

/// `"010-1234-5678"` → `"•••• 5678"`: enough to recognise, not to use.
fn mask(account_ref: &str) -> String {
    let chars: Vec<char> = account_ref.chars().collect();
    if chars.len() <= 4 {
        return "••••".to_owned();
    }
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("•••• {tail}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn masks_all_but_the_last_four() {
        assert_eq!(super::mask("010-1234-5678"), "•••• 5678");
        assert_eq!(super::mask("1234"), "••••");
    }
}
