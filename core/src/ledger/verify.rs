//! Full ledger verification: the state digest, the chain, the head and the
//! summaries.

use std::collections::BTreeMap;

use super::chain::{self, BatchDigest, Head, MAC_LEN};
use super::{for_each_entry, Summary};
use crate::money::Currency;
use crate::store::Store;
use crate::SweepError;

/// What a successful verification checked.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct LedgerReport {
    /// Entries whose amount opened and whose batch link matched.
    pub entries: u64,
    /// Source summaries recomputed from the ledger and found equal.
    pub summaries: u64,
    /// The first 8 bytes of the last link, in hex: a fingerprint of the whole history.
    pub head_fingerprint: String,
    /// Finished withdrawals whose money was found to add up.
    pub withdrawals: u64,
}

/// Walks the whole ledger: every amount must open (its seal binds the
/// entry's number and fields), the numbers must run 1, 2, 3… without gaps,
/// each batch's recomputed link must equal the stored one, the chain must
/// end at the MAC'd head, and every summary must equal what the entries add
/// up to.
pub fn verify(store: &Store) -> Result<LedgerReport, SweepError> {
    // The rows beside the ledger first: a source's kind or a withdrawal's
    // state edited behind the wallet's back is tampering too.
    store.verify_digest()?;
    let key = store.chain_key();
    let mut batches = store.conn().prepare_cached("SELECT last_seq, link FROM ledger_batches ORDER BY last_seq")?;
    let mut batch_rows = batches.query([])?;
    let mut next_batch = || -> Result<Option<(u64, Vec<u8>)>, SweepError> {
        Ok(match batch_rows.next()? {
            Some(row) => Some((row.get::<_, i64>(0)? as u64, row.get(1)?)),
            None => None,
        })
    };
    let mut previous = [0u8; MAC_LEN];
    let mut expected_seq = 1u64;
    let mut batch_end = next_batch()?;
    let mut digest = BatchDigest::new(1);
    let mut recomputed: BTreeMap<(i64, Currency), Summary> = BTreeMap::new();
    for_each_entry(store, |entry| {
        let seq = entry.seq;
        let corrupt = |reason: &str| SweepError::LedgerCorrupted { seq, reason: reason.into() };
        // `for_each_entry` has checked that the numbers run without gaps.
        let fields = chain::Fields {
            source_id: entry.source_id,
            event: entry.event,
            currency: entry.amount.currency(),
            recorded_at_ms: entry.recorded_at_ms,
        };
        digest.add(seq, &fields, entry.amount.minor_units());
        let (end, stored) = batch_end.clone().ok_or_else(|| corrupt("the entry belongs to no recorded batch"))?;
        if seq == end {
            let finished = std::mem::replace(&mut digest, BatchDigest::new(seq + 1));
            let link = finished.link(key, &previous);
            if !same_link(&link, &stored) {
                return Err(corrupt("this batch was modified, or an entry in it was replaced, inserted or reordered"));
            }
            previous = link;
            batch_end = next_batch()?;
        } else if seq > end {
            return Err(corrupt("the batch boundaries were changed"));
        }
        recomputed
            .entry((entry.source_id, fields.currency))
            .or_insert_with(|| Summary::empty(entry.source_id, fields.currency))
            .apply(entry.event, &entry.amount, seq)
            .map_err(|_| corrupt("the entry breaks the balance rules"))?;
        expected_seq += 1;
        Ok(())
    })?;
    let last_seq = expected_seq - 1;
    // Every entry belongs to a batch, so a batch left over lost its entries.
    if batch_end.is_some() {
        return Err(SweepError::LedgerCorrupted {
            seq: last_seq,
            reason: "the last batch is incomplete: entries were removed".into(),
        });
    }
    check_head(store, last_seq, &previous)?;
    let summaries = check_summaries(store, &recomputed)?;
    Ok(LedgerReport { entries: last_seq, summaries, head_fingerprint: hex(&previous[..8]), withdrawals: 0 })
}

fn check_head(store: &Store, last_seq: u64, last_link: &[u8; MAC_LEN]) -> Result<(), SweepError> {
    let head = Head::load(store.conn(), store.chain_key())?;
    if head.seq != last_seq {
        let reason = if head.seq > last_seq {
            "entries were removed from the end"
        } else {
            "entries were added without the key"
        };
        return Err(SweepError::LedgerCorrupted { seq: last_seq + 1, reason: reason.into() });
    }
    if !same_link(&head.mac, last_link) {
        return Err(SweepError::LedgerCorrupted { seq: last_seq, reason: "the chain does not end at the head".into() });
    }
    Ok(())
}

fn check_summaries(store: &Store, recomputed: &BTreeMap<(i64, Currency), Summary>) -> Result<u64, SweepError> {
    let stored_count: i64 = store.conn().query_row("SELECT COUNT(*) FROM source_summary", [], |r| r.get(0))?;
    if stored_count as usize != recomputed.len() {
        return Err(SweepError::LedgerCorrupted {
            seq: 0,
            reason: format!("{stored_count} source summaries are stored but the ledger has {}", recomputed.len()),
        });
    }
    // Every source the ledger speaks of must still exist: hiding a source by
    // deleting its row is tampering too. (A connected source that has not
    // synced yet has a row and no entries; that is fine.)
    let mut stmt = store.conn().prepare_cached("SELECT id FROM sources ORDER BY id")?;
    let stored_sources =
        stmt.query_map([], |r| r.get::<_, i64>(0))?.collect::<Result<std::collections::BTreeSet<i64>, _>>()?;
    if let Some(missing) = recomputed.keys().map(|(id, _)| *id).find(|id| !stored_sources.contains(id)) {
        return Err(SweepError::LedgerCorrupted {
            seq: 0,
            reason: format!("source {missing} has ledger entries but no longer exists"),
        });
    }
    for (&(source_id, currency), expected) in recomputed {
        let stored = Summary::load(store.conn(), store.sealer(), source_id, currency)?;
        if stored.balance != expected.balance || stored.held != expected.held || stored.last_seq != expected.last_seq {
            return Err(SweepError::LedgerCorrupted {
                seq: expected.last_seq,
                reason: format!("the summary of source {source_id} ({currency}) does not match its entries"),
            });
        }
    }
    Ok(recomputed.len() as u64)
}

/// Compares links in time independent of where they differ.
fn same_link(a: &[u8; MAC_LEN], b: &[u8]) -> bool {
    b.len() == MAC_LEN && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
