//! The HMAC chain: each entry's MAC covers the previous one, and a MAC'd
//! head pins the last entry so that entries cut from the end are noticed.

use ring::hmac;
use rusqlite::Connection;

use super::LedgerEvent;
use crate::money::Currency;
use crate::store::{meta_get, meta_put};
use crate::SweepError;

/// Length of a chain MAC.
pub const MAC_LEN: usize = 32;
const HEAD_DOMAIN: &[u8] = b"sweep/v1/ledger/head";
const META_HEAD: &str = "ledger_head";

/// The plain fields of an entry. They are bound into the associated data
/// of its sealed amount, so the amount's AEAD tag authenticates all of them.
pub struct Fields {
    pub source_id: i64,
    pub event: LedgerEvent,
    pub currency: Currency,
    pub recorded_at_ms: i64,
}

/// Length of [`Fields::bound`].
pub const BOUND_LEN: usize = 8 + 1 + 3 + 8;

impl Fields {
    /// The fixed-width bytes bound to the sealed amount (`seq` is bound as
    /// the row key).
    pub fn bound(&self) -> [u8; BOUND_LEN] {
        let mut out = [0u8; BOUND_LEN];
        out[..8].copy_from_slice(&self.source_id.to_be_bytes());
        out[8] = self.event.code();
        out[9..12].copy_from_slice(self.currency.code().as_bytes());
        out[12..].copy_from_slice(&self.recorded_at_ms.to_be_bytes());
        out
    }
}

/// Length of an AEAD tag, the last bytes of a sealed amount.
pub const TAG_LEN: usize = 16;

/// The MAC of an entry: HMAC over the previous MAC and the entry's AEAD tag.
/// The tag already authenticates the amount, the sequence number and every
/// plain field under the sealing key, so chaining the tags chains the
/// entries, in 48 bytes (one SHA-256 block each way).
pub fn link(key: &hmac::Key, previous: &[u8; MAC_LEN], sealed_amount: &[u8]) -> [u8; MAC_LEN] {
    let mut input = [0u8; MAC_LEN + TAG_LEN];
    input[..MAC_LEN].copy_from_slice(previous);
    let tag_start = sealed_amount.len().saturating_sub(TAG_LEN);
    let tag = &sealed_amount[tag_start..];
    input[MAC_LEN..MAC_LEN + tag.len()].copy_from_slice(tag);
    let mac = hmac::sign(key, &input);
    mac.as_ref().try_into().expect("HMAC-SHA256 is 32 bytes")
}

/// The last entry: its number and MAC. The genesis head is seq 0 with a
/// zero MAC.
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
