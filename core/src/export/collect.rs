//! Reads everything the wallet holds about the user into an [`Export`].
//! One pass per table, under the caller's lock, so the export is one
//! consistent moment.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::{
    mask_name, mask_tail, Amount, BalanceEntry, Export, Identity, Leg, Payee, Receipt, Source, Transaction, Withdrawal,
    FORMAT, VERSION,
};
use crate::ledger::{self, LedgerEvent};
use crate::money::Money;
use crate::store::seal::{CellRef, Column, RowKey};
use crate::store::Store;
use crate::withdrawals::{record, PayeeDestination};
use crate::SweepError;

/// Everything, at `now`; account numbers, payees and the verified name
/// in full only when `in_full`.
pub fn collect(store: &Store, in_full: bool, now: SystemTime) -> Result<Export, SweepError> {
    let sources = sources(store, in_full)?;
    let mut transactions = Vec::new();
    for source in &sources {
        for t in crate::sources::load_transactions(store, source.id, u32::MAX)?.into_iter().rev() {
            transactions.push(Transaction {
                source_id: source.id,
                id: t.id,
                occurred_at: time(t.occurred_at),
                amount: amount_of(&t.amount.minor_units, &t.amount.currency_code),
                kind: code(t.kind),
                description: t.description,
            });
        }
    }
    let identity = crate::identity::tiers::load_identity(store)?;
    Ok(Export {
        format: FORMAT,
        version: VERSION,
        exported_at: time(now),
        in_full,
        sources,
        balance_history: balance_history(store)?,
        transactions,
        withdrawals: withdrawals(store)?,
        payees: payees(store, in_full)?,
        identity: Identity {
            tier: code(identity.tier),
            verified_name: identity.verified_name.map(|n| if in_full { n } else { mask_name(&n) }),
        },
    })
}

fn sources(store: &Store, in_full: bool) -> Result<Vec<Source>, SweepError> {
    let mut stmt = store.conn().prepare(
        "SELECT id, kind, name, account_ref, created_at_ms, auth_state, last_synced_at_ms FROM sources ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    let mut buf = Vec::new();
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let name = store.sealer().open_string(
            &CellRef::new(Column::SourceName, RowKey::Id(id)),
            row.get_ref(2)?.as_blob()?,
            &mut buf,
        )?;
        let account_ref = match row.get_ref(3)?.as_blob_or_null()? {
            Some(sealed) => {
                let plain = store.sealer().open_string(
                    &CellRef::new(Column::SourceAccountRef, RowKey::Id(id)),
                    sealed,
                    &mut buf,
                )?;
                Some(if in_full { plain } else { mask_tail(&plain) })
            }
            None => None,
        };
        out.push(Source {
            id,
            kind: row.get(1)?,
            provider: crate::sources::provider_of(store, id)?.unwrap_or_default(),
            name,
            account_ref,
            state: row.get(5)?,
            created_at: time(from_ms(row.get(4)?)),
            last_synced_at: row.get::<_, Option<i64>>(6)?.map(|ms| time(from_ms(ms))),
        });
    }
    buf.iter_mut().for_each(|b| *b = 0);
    Ok(out)
}

fn balance_history(store: &Store) -> Result<Vec<BalanceEntry>, SweepError> {
    let mut out = Vec::new();
    ledger::for_each_entry(store, |entry| {
        out.push(BalanceEntry {
            seq: entry.seq,
            source_id: entry.source_id,
            event: match entry.event {
                LedgerEvent::Observed => "observed",
                LedgerEvent::Hold => "hold",
                LedgerEvent::Release => "release",
                LedgerEvent::Debit => "debit",
            }
            .into(),
            amount: money(entry.amount),
            recorded_at: time(from_ms(entry.recorded_at_ms)),
        });
        Ok(())
    })?;
    Ok(out)
}

fn withdrawals(store: &Store) -> Result<Vec<Withdrawal>, SweepError> {
    let mut out = Vec::new();
    for id in record::all_ids(store)? {
        let stored = record::load(store, id)?;
        let d = &stored.details;
        let of = |minor: i64| amount_of(&minor, &d.currency_code);
        let (fee, net) = d.settlement.map_or((d.total_fee, d.total_net), |s| (s.fee, s.net));
        out.push(Withdrawal {
            id,
            state: stored.state.code().into(),
            created_at: time(from_ms(stored.created_at_ms)),
            quote_id: d.quote_id.clone(),
            provider_withdrawal_id: d.provider_id.clone(),
            payee_id: d.payee_id,
            gross: of(d.total_gross),
            fee: of(fee),
            net: of(net),
            reason: d.reason.clone(),
            legs: d
                .collection
                .iter()
                .map(|l| Leg {
                    withdrawal_id: id,
                    source_id: l.source_id,
                    method: l.method.clone(),
                    amount: of(l.gross),
                    fee: of(l.fee),
                    state: l.state.code().into(),
                    collection_reference: l.destination_reference.clone(),
                    reason: l.reason.clone(),
                })
                .collect(),
            receipt: d
                .receipt
                .as_ref()
                .map(|r| Receipt { reference: r.reference.clone(), completed_at: time(from_ms(r.completed_at_ms)) }),
        });
    }
    Ok(out)
}

fn payees(store: &Store, in_full: bool) -> Result<Vec<Payee>, SweepError> {
    let ids: Vec<i64> = {
        let mut stmt = store.conn().prepare("SELECT id FROM payees ORDER BY id")?;
        let ids = stmt.query_map([], |r| r.get(0))?.collect::<Result<Vec<_>, _>>()?;
        ids
    };
    let mut out = Vec::new();
    for id in ids {
        let (request, created) = crate::withdrawals::payees::load_payee(store, id)?;
        let (kind, destination) = match &request.destination {
            PayeeDestination::KrBankAccount { bank_code, account_number } => {
                ("kr_bank_account", format!("{bank_code} {}", shown(account_number, in_full)))
            }
            PayeeDestination::Iban { iban } => ("iban", shown(iban, in_full)),
            PayeeDestination::WalletHandle { provider, handle } => {
                ("wallet_handle", format!("{provider} {}", shown(handle, in_full)))
            }
            PayeeDestination::Phone { phone_number } => ("phone", shown(phone_number, in_full)),
        };
        out.push(Payee {
            id,
            created_at: time(created),
            destination_type: kind.into(),
            destination,
            holder_name: if in_full { request.holder_name.clone() } else { mask_name(&request.holder_name) },
        });
    }
    Ok(out)
}

fn shown(text: &str, in_full: bool) -> String {
    if in_full {
        text.to_owned()
    } else {
        mask_tail(text)
    }
}

fn code<T: serde::Serialize>(value: T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

fn money(money: Money) -> Amount {
    Amount { minor_units: money.minor_units(), currency: money.currency().code().into() }
}

fn amount_of(minor_units: &i64, currency: &str) -> Amount {
    Amount { minor_units: *minor_units, currency: currency.into() }
}

fn from_ms(ms: i64) -> SystemTime {
    UNIX_EPOCH + Duration::from_millis(ms.max(0) as u64)
}

/// RFC 3339 in UTC; a time outside what the format can write (only a
/// tampered or absurd source date) is written as the epoch, never a panic.
fn time(at: SystemTime) -> String {
    crate::sources::rfc3339::text(at, "time").unwrap_or_else(|_| "1970-01-01T00:00:00Z".into())
}
