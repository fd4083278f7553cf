//! Full ledger verification: the chain, the head and the summaries.

use std::collections::BTreeMap;

use ring::hmac;

use super::chain::{self, Head, MAC_LEN};
use super::{scan, Summary};
use crate::money::Currency;
use crate::store::Store;
use crate::SweepError;

/// What a successful verification checked.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct LedgerReport {
    /// Entries whose MAC and amount were checked.
    pub entries: u64,
    /// Source summaries recomputed from the ledger and found equal.
    pub summaries: u64,
    /// The first 8 bytes of the head MAC, in hex: a fingerprint of the whole history.
    pub head_fingerprint: String,
}

/// Walks the whole ledger: every MAC must chain from the previous one, the
/// numbers must run 1, 2, 3… without gaps, the head must match the last
/// entry, and every summary must equal what the entries add up to.
pub fn verify(store: &Store) -> Result<LedgerReport, SweepError> {
    let key = store.chain_key();
    let mut previous = [0u8; MAC_LEN];
    let mut expected_seq = 1u64;
    let mut recomputed: BTreeMap<(i64, Currency), Summary> = BTreeMap::new();
    scan(store, |entry, sealed, stored| {
        let seq = entry.seq;
        let corrupt = |reason: &str| SweepError::LedgerCorrupted { seq, reason: reason.into() };
        if seq != expected_seq {
            return Err(corrupt(if seq > expected_seq { "an entry is missing before this one" } else { "entries are out of order" }));
        }
        let mac = chain::link(key, &previous, sealed);
        if !same_mac(&mac, stored) {
            return Err(corrupt("the entry was modified, inserted or moved"));
        }
        recomputed
            .entry((entry.source_id, entry.amount.currency()))
            .or_insert_with(|| Summary::empty(entry.source_id, entry.amount.currency()))
            .apply(entry.event, &entry.amount, seq)
            .map_err(|_| corrupt("the entry breaks the balance rules"))?;
        previous = mac;
        expected_seq += 1;
        Ok(())
    })?;
    let last_seq = expected_seq - 1;
    check_head(store, key, last_seq, &previous)?;
    let summaries = check_summaries(store, &recomputed)?;
    Ok(LedgerReport { entries: last_seq, summaries, head_fingerprint: hex(&previous[..8]) })
}

fn check_head(store: &Store, key: &hmac::Key, last_seq: u64, last_mac: &[u8; MAC_LEN]) -> Result<(), SweepError> {
    let head = Head::load(store.conn(), key)?;
    if head.seq != last_seq {
        let reason = if head.seq > last_seq { "entries were removed from the end" } else { "entries were added without the key" };
        return Err(SweepError::LedgerCorrupted { seq: last_seq + 1, reason: reason.into() });
    }
    if head.mac != *last_mac {
        return Err(SweepError::LedgerCorrupted { seq: last_seq, reason: "the head does not match the last entry".into() });
    }
    Ok(())
}

fn check_summaries(store: &Store, recomputed: &BTreeMap<(i64, Currency), Summary>) -> Result<u64, SweepError> {
    let stored_count: i64 = store.conn().query_row("SELECT COUNT(*) FROM source_summary", [], |r| r.get(0))?;
    if stored_count as usize != recomputed.len() {
        return Err(SweepError::LedgerCorrupted { seq: 0, reason: "a source summary has no ledger entries".into() });
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

/// Compares MACs in time independent of where they differ.
fn same_mac(a: &[u8; MAC_LEN], b: &[u8]) -> bool {
    b.len() == MAC_LEN && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
