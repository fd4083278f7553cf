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
const ENTRY_DOMAIN: &[u8] = b"sweep/v1/ledger/entry";
const HEAD_DOMAIN: &[u8] = b"sweep/v1/ledger/head";
const META_HEAD: &str = "ledger_head";

/// The fields of an entry that its MAC covers.
pub struct Fields {
    pub seq: u64,
    pub source_id: i64,
    pub event: LedgerEvent,
    pub currency: Currency,
    pub minor_units: i64,
    pub recorded_at_ms: i64,
}

/// The MAC of an entry, chained to the previous entry's MAC.
pub fn link(key: &hmac::Key, previous: &[u8; MAC_LEN], fields: &Fields) -> [u8; MAC_LEN] {
    // Fixed-width fields, so no two entries share an input.
    let mut input = [0u8; 21 + MAC_LEN + 8 + 8 + 1 + 3 + 8 + 8];
    let mut at = 0;
    for part in [
        ENTRY_DOMAIN,
        previous.as_slice(),
        &fields.seq.to_be_bytes(),
        &fields.source_id.to_be_bytes(),
        &[fields.event.code()],
        fields.currency.code().as_bytes(),
        &fields.minor_units.to_be_bytes(),
        &fields.recorded_at_ms.to_be_bytes(),
    ] {
        input[at..at + part.len()].copy_from_slice(part);
        at += part.len();
    }
    let tag = hmac::sign(key, &input[..at]);
    tag.as_ref().try_into().expect("HMAC-SHA256 is 32 bytes")
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
