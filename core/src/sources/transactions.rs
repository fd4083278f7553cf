//! Transactions read from sources, incrementally.
//!
//! A source's feed is read page by page from an opaque cursor. Each page
//! lands in one store transaction together with the cursor after it, so a
//! crash between pages neither skips nor repeats anything: the next sync
//! resumes from the last cursor stored. A keyed tag of each transaction's id
//! also drops repeats a source sends twice.

use std::time::{SystemTime, UNIX_EPOCH};

use ring::hmac;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::ledger::MAX_BALANCE_MINOR_UNITS;
use crate::money::{MinorAmount, Money};
use crate::store::seal::{CellRef, Column, RowKey};
use crate::store::Store;
use crate::SweepError;

/// The most transactions one page may carry (as `docs/source-api.yaml` says).
pub const MAX_PAGE_TRANSACTIONS: usize = 500;
/// The longest cursor accepted.
pub const MAX_CURSOR_BYTES: usize = 512;
const MAX_ID_BYTES: usize = 128;
const MAX_DESCRIPTION_CHARS: usize = 200;
const TAG_BYTES: usize = 16;

/// What a transaction did to the balance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum TransactionKind {
    /// Money came in.
    Credit,
    /// Money went out.
    Debit,
    /// Money expired.
    Expiry,
    /// Money went back where it came from.
    Refund,
}

/// One transaction as the source reported it; also its JSON form in the
/// Source API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SourceTransaction {
    /// The source's id for it, unique within the source.
    pub id: String,
    /// When it happened.
    #[serde(with = "super::rfc3339")]
    pub occurred_at: SystemTime,
    /// The signed amount: negative when money left.
    pub amount: MinorAmount,
    /// What it did.
    pub kind: TransactionKind,
    /// The source's description, if any (at most 200 characters).
    #[serde(default)]
    pub description: Option<String>,
}

/// One page of a source's transaction feed, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct TransactionPage {
    /// The transactions of this page.
    pub transactions: Vec<SourceTransaction>,
    /// The position after this page; pass it to get what follows. `None`
    /// keeps the position Sweep already has.
    pub next_cursor: Option<String>,
    /// True when more pages are ready now.
    pub has_more: bool,
}

impl TransactionPage {
    /// A page with nothing in it, for sources without a feed.
    pub fn empty() -> Self {
        TransactionPage { transactions: Vec::new(), next_cursor: None, has_more: false }
    }

    /// Checks every field before anything is written.
    pub fn validate(&self) -> Result<(), SweepError> {
        if self.transactions.len() > MAX_PAGE_TRANSACTIONS {
            return Err(SweepError::MalformedResponse { reason: "a transaction page holds more than 500".into() });
        }
        if self.next_cursor.as_ref().is_some_and(|c| c.is_empty() || c.len() > MAX_CURSOR_BYTES) {
            return Err(SweepError::MalformedResponse { reason: "the cursor is empty or too long".into() });
        }
        self.transactions.iter().try_for_each(check_transaction)
    }
}

fn check_transaction(t: &SourceTransaction) -> Result<(), SweepError> {
    if t.id.is_empty() || t.id.len() > MAX_ID_BYTES {
        return Err(SweepError::MalformedResponse { reason: "a transaction id is empty or too long".into() });
    }
    if t.description.as_ref().is_some_and(|d| d.chars().count() > MAX_DESCRIPTION_CHARS) {
        return Err(SweepError::MalformedResponse { reason: "a transaction description is too long".into() });
    }
    let amount = Money::try_from(&t.amount)?;
    if amount.minor_units().checked_abs().is_none_or(|units| units > MAX_BALANCE_MINOR_UNITS) {
        return Err(SweepError::invalid(
            "amount",
            format!("a transaction is limited to {MAX_BALANCE_MINOR_UNITS} minor units"),
        ));
    }
    Ok(())
}

fn millis(time: SystemTime) -> i64 {
    match time.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_millis()).unwrap_or(i64::MAX),
        Err(e) => -i64::try_from(e.duration().as_millis()).unwrap_or(i64::MAX),
    }
}

/// A keyed tag of the source's transaction id: equal ids give equal tags,
/// and the tag says nothing about the id without the wallet's key.
fn id_tag(key: &hmac::Key, source_id: i64, id: &str) -> Vec<u8> {
    let mut ctx = hmac::Context::with_key(key);
    ctx.update(b"sweep/source-transaction-id/v1");
    ctx.update(&source_id.to_be_bytes());
    ctx.update(id.as_bytes());
    ctx.sign().as_ref()[..TAG_BYTES].to_vec()
}

fn cursor_cell(source_id: i64) -> CellRef<'static> {
    CellRef::new(Column::SourceCursor, RowKey::Id(source_id))
}

/// Where the source's feed resumes; `None` before the first page.
pub fn load_cursor(store: &Store, source_id: i64) -> Result<Option<String>, SweepError> {
    let sealed: Option<Vec<u8>> = store
        .conn()
        .query_row("SELECT cursor FROM source_cursors WHERE source_id = ?1", [source_id], |r| r.get(0))
        .optional()?;
    let Some(sealed) = sealed else { return Ok(None) };
    let mut buf = Zeroizing::new(Vec::new());
    store.sealer().open_string(&cursor_cell(source_id), &sealed, &mut buf).map(Some)
}

/// Stores a page and the cursor after it in one transaction. Returns how
/// many transactions were new. A bad page writes nothing.
pub fn record_transactions(store: &mut Store, source_id: i64, page: &TransactionPage) -> Result<u32, SweepError> {
    page.validate()?;
    let seals = page.transactions.len() as u64 + 1;
    store.write(seals, |wtx| {
        // A source removed while its sync was running gets nothing more.
        let exists: bool = wtx.tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM sources WHERE id = ?1 AND auth_state != ?2)",
            params![source_id, super::lifecycle::REMOVED],
            |r| r.get(0),
        )?;
        if !exists {
            return Err(SweepError::SourceNotFound { source_id: source_id as u64 });
        }
        let mut added = 0;
        for t in &page.transactions {
            let tag = id_tag(wtx.chain, source_id, &t.id);
            let seen: bool = wtx.tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM source_transactions WHERE source_id = ?1 AND id_tag = ?2)",
                params![source_id, tag],
                |r| r.get(0),
            )?;
            if seen {
                continue;
            }
            let row: i64 =
                wtx.tx.query_row("SELECT COALESCE(MAX(id), 0) + 1 FROM source_transactions", [], |r| r.get(0))?;
            let at = millis(t.occurred_at);
            let json = Zeroizing::new(
                serde_json::to_vec(t).map_err(|e| SweepError::Internal { reason: format!("encode: {e}") })?,
            );
            let body =
                wtx.sealer.seal(&CellRef::new(Column::SourceTransaction, RowKey::SourceRecord(row, source_id, at)), &json)?;
            wtx.tx.execute(
                "INSERT INTO source_transactions (id, source_id, id_tag, occurred_at_ms, body) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![row, source_id, tag, at, body],
            )?;
            added += 1;
        }
        if let Some(cursor) = &page.next_cursor {
            let sealed = wtx.sealer.seal(&cursor_cell(source_id), cursor.as_bytes())?;
            wtx.tx.execute(
                "INSERT INTO source_cursors (source_id, cursor) VALUES (?1, ?2)
                 ON CONFLICT (source_id) DO UPDATE SET cursor = excluded.cursor",
                params![source_id, sealed],
            )?;
        }
        Ok(added)
    })
}

/// A source's stored transactions, newest first, at most `limit`.
pub fn load_transactions(store: &Store, source_id: i64, limit: u32) -> Result<Vec<SourceTransaction>, SweepError> {
    let mut stmt = store.conn().prepare(
        "SELECT id, occurred_at_ms, body FROM source_transactions WHERE source_id = ?1
         ORDER BY occurred_at_ms DESC, id DESC LIMIT ?2",
    )?;
    let mut rows = stmt.query(params![source_id, limit])?;
    let mut buf = Zeroizing::new(Vec::new());
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let cell = CellRef::new(Column::SourceTransaction, RowKey::SourceRecord(row.get(0)?, source_id, row.get(1)?));
        let json = store.sealer().open_in(&cell, row.get_ref(2)?.as_blob()?, &mut buf)?;
        out.push(serde_json::from_slice(json).map_err(|_| cell.tampered())?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::{add_connected_source, ConnectedSource, SourceKind};
    use crate::EphemeralKeyProvider;

    fn txn(id: &str, minor_units: i64) -> SourceTransaction {
        SourceTransaction {
            id: id.into(),
            occurred_at: UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_000 + minor_units.unsigned_abs()),
            amount: MinorAmount { minor_units, currency_code: "KRW".into() },
            kind: if minor_units < 0 { TransactionKind::Debit } else { TransactionKind::Credit },
            description: Some("Top-up".into()),
        }
    }

    fn page(ids: &[(&str, i64)], cursor: &str) -> TransactionPage {
        TransactionPage {
            transactions: ids.iter().map(|(id, units)| txn(id, *units)).collect(),
            next_cursor: Some(cursor.into()),
            has_more: false,
        }
    }

    fn store() -> (tempfile::TempDir, Store, i64) {
        let dir = tempfile::tempdir().unwrap();
        let keys = EphemeralKeyProvider::new().unwrap();
        let mut store = Store::open(&dir.path().join("w.db"), keys.as_ref()).unwrap();
        let source = ConnectedSource { name: "Toss".into(), kind: SourceKind::Wallet, provider: "source-api".into() };
        let id = add_connected_source(&mut store, &source, 1).unwrap();
        (dir, store, id)
    }

    #[test]
    fn pages_and_cursors_land_together_and_repeats_are_dropped() {
        let (_dir, mut store, id) = store();
        assert_eq!(load_cursor(&store, id).unwrap(), None);
        assert_eq!(record_transactions(&mut store, id, &page(&[("t1", 500), ("t2", -200)], "c2")).unwrap(), 2);
        assert_eq!(record_transactions(&mut store, id, &page(&[("t2", -200), ("t3", 100)], "c3")).unwrap(), 1);
        assert_eq!(load_cursor(&store, id).unwrap().as_deref(), Some("c3"));
        let stored = load_transactions(&store, id, 10).unwrap();
        assert_eq!(stored.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(), ["t1", "t2", "t3"]);
        assert_eq!(stored[0], txn("t1", 500));
    }

    #[test]
    fn a_bad_page_writes_nothing() {
        let (_dir, mut store, id) = store();
        let mut bad = page(&[("t1", 500), ("t2", 100)], "c2");
        bad.transactions[1].amount.currency_code = "ZZZ".into();
        assert!(matches!(record_transactions(&mut store, id, &bad), Err(SweepError::UnknownCurrency { .. })));
        let mut huge = page(&[("t1", 500)], "c2");
        huge.transactions[0].amount.minor_units = i64::MIN;
        assert!(matches!(record_transactions(&mut store, id, &huge), Err(SweepError::InvalidInput { .. })));
        let long_cursor = page(&[("t1", 1)], &"c".repeat(513));
        assert!(matches!(record_transactions(&mut store, id, &long_cursor), Err(SweepError::MalformedResponse { .. })));
        assert!(load_transactions(&store, id, 10).unwrap().is_empty());
        assert_eq!(load_cursor(&store, id).unwrap(), None);
    }

    #[test]
    fn a_moved_transaction_fails_to_open() {
        let (_dir, mut store, id) = store();
        record_transactions(&mut store, id, &page(&[("t1", 500)], "c1")).unwrap();
        store.conn().execute("UPDATE source_transactions SET occurred_at_ms = occurred_at_ms + 1", []).unwrap();
        assert!(matches!(load_transactions(&store, id, 10), Err(SweepError::Tampered { .. })));
    }
}
