//! The HMAC chain, one link per batch of entries (one append, one
//! transaction). A link is an HMAC over the previous link and a SHA-256 of
//! every field of every entry in the batch, amounts included; links are
//! stored in `ledger_batches`, and a MAC'd head holds the last link and the
//! entry count. Any modified, removed, inserted or reordered entry breaks
//! its batch's link, and the head catches entries cut from the end.
//!
//! Why per batch: an HMAC per entry costs three SHA-256 compressions plus
//! setup, and a stored link per row 32 bytes; hashing entries into one
//! running SHA-256 costs about one compression each, and detects the same.

use ring::{digest, hmac};
use rusqlite::Connection;

use super::LedgerEvent;
use crate::money::Currency;
use crate::store::{meta_get, meta_put};
use crate::SweepError;

/// Length of a chain link.
pub const MAC_LEN: usize = 32;
const HEAD_DOMAIN: &[u8] = b"sweep/v1/ledger/head";
const META_HEAD: &str = "ledger_head";

/// The plain fields of an entry. They go into the batch digest, and into
/// the associated data of the chunk that seals the entry's amount.
pub struct Fields {
    pub source_id: i64,
    pub event: LedgerEvent,
    pub currency: Currency,
    pub recorded_at_ms: i64,
}

/// Length of [`Fields::bound`].
pub const BOUND_LEN: usize = 8 + 1 + 3 + 8;

impl Fields {
    /// The fixed-width bytes of the fields (the sequence number is implied
    /// by the entry's place in its chunk, whose first number is bound too).
    pub fn bound(&self) -> [u8; BOUND_LEN] {
        let mut out = [0u8; BOUND_LEN];
        out[..8].copy_from_slice(&self.source_id.to_be_bytes());
        out[8] = self.event.code();
        out[9..12].copy_from_slice(self.currency.code().as_bytes());
        out[12..].copy_from_slice(&self.recorded_at_ms.to_be_bytes());
        out
    }
}

const LINK_DOMAIN: &[u8] = b"sweep/v1/ledger/link";

/// Hashes the entries of one batch (one append) in order. Each entry adds
/// 36 fixed-width bytes (sequence number, plain fields, amount) to a running
/// SHA-256, about one compression per entry; the batch's link is then one
/// HMAC over the previous link and this digest.
pub struct BatchDigest {
    first_seq: u64,
    last_seq: u64,
    sha: digest::Context,
}

impl BatchDigest {
    /// An empty batch that will start at `first_seq`.
    pub fn new(first_seq: u64) -> Self {
        BatchDigest { first_seq, last_seq: first_seq.saturating_sub(1), sha: digest::Context::new(&digest::SHA256) }
    }

    /// Adds the next entry; `seq` must follow the previous one.
    pub fn add(&mut self, seq: u64, fields: &Fields, minor_units: i64) {
        let mut bytes = [0u8; 8 + BOUND_LEN + 8];
        bytes[..8].copy_from_slice(&seq.to_be_bytes());
        bytes[8..8 + BOUND_LEN].copy_from_slice(&fields.bound());
        bytes[8 + BOUND_LEN..].copy_from_slice(&minor_units.to_be_bytes());
        self.sha.update(&bytes);
        self.last_seq = seq;
    }

    /// The last sequence number added.
    pub fn last_seq(&self) -> u64 {
        self.last_seq
    }

    /// The batch's link: HMAC-SHA256 over the domain, the previous link, the
    /// batch's first and last numbers and the digest of its entries.
    pub fn link(self, key: &hmac::Key, previous: &[u8; MAC_LEN]) -> [u8; MAC_LEN] {
        let digest = self.sha.finish();
        let mut ctx = hmac::Context::with_key(key);
        for part in [
            LINK_DOMAIN,
            previous.as_slice(),
            &self.first_seq.to_be_bytes(),
            &self.last_seq.to_be_bytes(),
            digest.as_ref(),
        ] {
            ctx.update(part);
        }
        ctx.sign().as_ref().try_into().expect("HMAC-SHA256 is 32 bytes")
    }
}

/// Records a batch's link, keyed by its last sequence number.
pub fn store_batch(conn: &Connection, last_seq: u64, link: &[u8; MAC_LEN]) -> Result<(), SweepError> {
    conn.prepare_cached("INSERT INTO ledger_batches (last_seq, link) VALUES (?1, ?2)")?
        .execute(rusqlite::params![last_seq as i64, &link[..]])?;
    Ok(())
}

/// The end of the chain: the last entry's number and the last batch's
/// link. The genesis head is seq 0 with a zero link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub seq: u64,
    pub mac: [u8; MAC_LEN],
}

impl Head {
    fn head_mac(key: &hmac::Key, seq: u64, mac: &[u8; MAC_LEN]) -> hmac::Tag {
        let mut ctx = hmac::Context::with_key(key);
        ctx.update(HEAD_DOMAIN);
        ctx.update(&seq.to_be_bytes());
        ctx.update(mac);
        ctx.sign()
    }

    /// Reads the head, checking its own MAC.
    pub fn load(conn: &Connection, key: &hmac::Key) -> Result<Head, SweepError> {
        let Some(bytes) = meta_get(conn, META_HEAD)? else {
            // No head is the start of the chain only while there is no entry:
            // a head removed from a ledger with entries is damage, not genesis.
            let entries: bool = conn.query_row("SELECT EXISTS (SELECT 1 FROM ledger)", [], |r| r.get(0))?;
            if entries {
                return Err(SweepError::LedgerCorrupted {
                    seq: 0,
                    reason: "the ledger head is missing while entries exist".into(),
                });
            }
            return Ok(Head { seq: 0, mac: [0; MAC_LEN] });
        };
        let corrupt = || SweepError::LedgerCorrupted { seq: 0, reason: "the ledger head was modified".into() };
        if bytes.len() != 8 + 2 * MAC_LEN {
            return Err(corrupt());
        }
        let seq = u64::from_be_bytes(bytes[..8].try_into().expect("8 bytes"));
        let mac: [u8; MAC_LEN] = bytes[8..8 + MAC_LEN].try_into().expect("32 bytes");
        let mut input = Vec::with_capacity(HEAD_DOMAIN.len() + 8 + MAC_LEN);
        input.extend_from_slice(HEAD_DOMAIN);
        input.extend_from_slice(&seq.to_be_bytes());
        input.extend_from_slice(&mac);
        hmac::verify(key, &input, &bytes[8 + MAC_LEN..]).map_err(|_| corrupt())?;
        Ok(Head { seq, mac })
    }

    /// Writes the head with its MAC.
    pub fn store(&self, conn: &Connection, key: &hmac::Key) -> Result<(), SweepError> {
        let mut bytes = Vec::with_capacity(8 + 2 * MAC_LEN);
        bytes.extend_from_slice(&self.seq.to_be_bytes());
        bytes.extend_from_slice(&self.mac);
        bytes.extend_from_slice(Self::head_mac(key, self.seq, &self.mac).as_ref());
        meta_put(conn, META_HEAD, &bytes)
    }
}
