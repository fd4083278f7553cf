//! Record-level AEAD: each sensitive value (a name, an account reference, a
//! summary balance, a chunk of ledger amounts) is sealed with AES-256-GCM,
//! and the associated data names its column (by a stable code) and its row,
//! so a ciphertext copied to another cell fails to open.
//!
//! Sealed form: `nonce (12) || ciphertext || tag (16)`.
//!
//! Nonces are `prefix (8, random per open) || counter (4)`. The counter comes
//! from blocks reserved in the database before use (see `Store`), so nonces
//! never repeat within an open and no system call is made per value; the
//! 64 random bits per open keep them apart across opens even when an old
//! copy of the database (and so an old counter) is restored many times.

use ring::aead::{Aad, LessSafeKey, Nonce, NONCE_LEN};

use crate::SweepError;

/// Bytes a sealed value adds to its plaintext.
pub const SEAL_OVERHEAD: usize = NONCE_LEN + 16;

/// Every sealed column. Each one's code is part of the associated data of
/// its values, so codes must never be reused or changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// `meta.value` (the key check).
    MetaValue,
    /// `sources.name`.
    SourceName,
    /// `sources.account_ref`.
    SourceAccountRef,
    /// `ledger_amounts.amounts`: the amounts of a run of ledger entries.
    LedgerAmounts,
    /// `source_summary.balance`.
    SummaryBalance,
    /// `source_summary.held`.
    SummaryHeld,
    /// `balance_terms.terms`.
    BalanceTerms,
    /// `source_links.link`.
    SourceLink,
    /// `source_transactions.body`: one transaction a source reported.
    SourceTransaction,
    /// `source_cursors.cursor`: where a source's transaction feed resumes.
    SourceCursor,
    /// `capture_outbox.body`: a capture without its metadata, waiting to upload.
    CaptureBody,
    /// `capture_outbox.upload`: where and what the capture uploads to.
    CaptureUpload,
    /// `payees.details`: a payee's destination and holder name.
    PayeeDetails,
    /// `withdrawals.details`: a withdrawal's quote, legs, payee and outcome.
    WithdrawalDetails,
    /// `quotes.body`: a quote the provider locked, as the wallet keeps it.
    LockedQuote,
    /// `sources.provider`: which app or bank the source lives in.
    SourceProvider,
}

impl Column {
    /// Every sealed column, for tests and tools that must cover them all.
    pub const ALL: [Column; 16] = [
        Column::MetaValue,
        Column::SourceName,
        Column::SourceAccountRef,
        Column::LedgerAmounts,
        Column::SummaryBalance,
        Column::SummaryHeld,
        Column::BalanceTerms,
        Column::SourceLink,
        Column::SourceTransaction,
        Column::SourceCursor,
        Column::CaptureBody,
        Column::CaptureUpload,
        Column::PayeeDetails,
        Column::WithdrawalDetails,
        Column::LockedQuote,
        Column::SourceProvider,
    ];

    /// The stable code bound into the associated data.
    pub const fn code(self) -> u8 {
        match self {
            Column::MetaValue => 1,
            Column::SourceName => 2,
            Column::SourceAccountRef => 3,
            Column::LedgerAmounts => 4,
            Column::SummaryBalance => 5,
            Column::SummaryHeld => 6,
            Column::BalanceTerms => 7,
            Column::SourceLink => 8,
            Column::SourceTransaction => 9,
            Column::SourceCursor => 10,
            Column::CaptureBody => 11,
            Column::CaptureUpload => 12,
            Column::PayeeDetails => 13,
            Column::WithdrawalDetails => 14,
            Column::LockedQuote => 15,
            Column::SourceProvider => 16,
        }
    }

    /// `(table, column)` as named in the schema.
    pub const fn name(self) -> (&'static str, &'static str) {
        match self {
            Column::MetaValue => ("meta", "value"),
            Column::SourceName => ("sources", "name"),
            Column::SourceAccountRef => ("sources", "account_ref"),
            Column::LedgerAmounts => ("ledger_amounts", "amounts"),
            Column::SummaryBalance => ("source_summary", "balance"),
            Column::SummaryHeld => ("source_summary", "held"),
            Column::BalanceTerms => ("balance_terms", "terms"),
            Column::SourceLink => ("source_links", "link"),
            Column::SourceTransaction => ("source_transactions", "body"),
            Column::SourceCursor => ("source_cursors", "cursor"),
            Column::CaptureBody => ("capture_outbox", "body"),
            Column::CaptureUpload => ("capture_outbox", "upload"),
            Column::PayeeDetails => ("payees", "details"),
            Column::WithdrawalDetails => ("withdrawals", "details"),
            Column::LockedQuote => ("quotes", "body"),
            Column::SourceProvider => ("sources", "provider"),
        }
    }
}

/// Which row a sealed value belongs to, with whatever else of the row the
/// value must stay bound to.
#[derive(Debug, Clone, Copy)]
pub enum RowKey<'a> {
    /// A row identified by an integer key.
    Id(i64),
    /// A named `meta` row (names are constants of ours, at most 32 bytes).
    Name(&'static str),
    /// A run of ledger entries: the first one's number and the plain fields
    /// of every entry in the run, so that changing, adding or removing any of
    /// them makes the amounts fail to open.
    Chunk(u64, &'a [u8]),
    /// A source summary: the source, the currency and the last entry it
    /// includes, so that an older balance put back fails to open.
    Summary(i64, &'a str, u64),
    /// A source's row for one currency.
    SourceCurrency(i64, &'a str),
    /// A row of a source's own records: its id, the source and the plain
    /// time stored beside it, so that neither can be changed or swapped.
    SourceRecord(i64, i64, i64),
}

/// The cell a value is sealed to: a column and a row.
#[derive(Debug, Clone, Copy)]
pub struct CellRef<'a> {
    /// The sealed column.
    pub column: Column,
    /// The row, with what else the value is bound to.
    pub row: RowKey<'a>,
}

/// Version of the associated-data layout.
const AAD_VERSION: u8 = 1;

impl<'a> CellRef<'a> {
    /// A cell in `column` at `row`.
    pub fn new(column: Column, row: RowKey<'a>) -> Self {
        CellRef { column, row }
    }

    /// The associated data: `version || column code || row key`. Within
    /// one column the row key always has the same layout, so no two cells
    /// share a byte string. Kept short for single values on purpose: GHASH
    /// costs a block per 16 bytes on every seal and open.
    fn aad(&self) -> Vec<u8> {
        let row_len = match self.row {
            RowKey::Id(_) => 8,
            RowKey::Name(name) => name.len(),
            RowKey::Chunk(_, fields) => 8 + fields.len(),
            RowKey::Summary(_, code, _) => 16 + code.len(),
            RowKey::SourceCurrency(_, code) => 8 + code.len(),
            RowKey::SourceRecord(..) => 24,
        };
        let mut aad = Vec::with_capacity(2 + row_len);
        aad.extend_from_slice(&[AAD_VERSION, self.column.code()]);
        match self.row {
            RowKey::Id(id) => aad.extend_from_slice(&id.to_be_bytes()),
            RowKey::Name(name) => aad.extend_from_slice(name.as_bytes()),
            RowKey::Chunk(first_seq, fields) => {
                aad.extend_from_slice(&first_seq.to_be_bytes());
                aad.extend_from_slice(fields);
            }
            RowKey::Summary(id, code, last_seq) => {
                aad.extend_from_slice(&id.to_be_bytes());
                aad.extend_from_slice(code.as_bytes());
                aad.extend_from_slice(&last_seq.to_be_bytes());
            }
            RowKey::SourceCurrency(id, code) => {
                aad.extend_from_slice(&id.to_be_bytes());
                aad.extend_from_slice(code.as_bytes());
            }
            RowKey::SourceRecord(id, source_id, at) => {
                for part in [id, source_id, at] {
                    aad.extend_from_slice(&part.to_be_bytes());
                }
            }
        }
        aad
    }

    fn row_label(&self) -> String {
        match self.row {
            RowKey::Id(id) | RowKey::SourceRecord(id, ..) => id.to_string(),
            RowKey::Name(name) => name.to_owned(),
            RowKey::Chunk(first_seq, _) => first_seq.to_string(),
            RowKey::Summary(id, code, _) | RowKey::SourceCurrency(id, code) => format!("{id}/{code}"),
        }
    }

    /// The typed error for a value in this cell that failed to open.
    pub fn tampered(&self) -> SweepError {
        let (table, column) = self.column.name();
        SweepError::Tampered { table: table.into(), column: column.into(), row: self.row_label() }
    }
}

/// Seals and opens values with the wallet's sealing key.
pub struct Sealer {
    key: LessSafeKey,
    prefix: [u8; 8],
    next: u64,
    end: u64,
    /// Values sealed since this open: the 4-byte counter must not wrap.
    sealed: u64,
}

impl Sealer {
    /// A sealer with no nonces yet; the store grants blocks with [`Sealer::grant`].
    pub fn new(key: LessSafeKey, prefix: [u8; 8]) -> Self {
        Sealer { key, prefix, next: 0, end: 0, sealed: 0 }
    }

    /// How many values can be sealed before another block is needed.
    pub fn remaining(&self) -> u64 {
        self.end - self.next
    }

    /// Hands over the nonce counters `start..end`, already reserved on disk.
    pub fn grant(&mut self, start: u64, end: u64) {
        self.next = start;
        self.end = end;
    }

    fn next_nonce(&mut self) -> Result<[u8; NONCE_LEN], SweepError> {
        if self.next >= self.end {
            return Err(SweepError::Internal { reason: "nonce block exhausted before reservation".into() });
        }
        if self.sealed > u64::from(u32::MAX) {
            return Err(SweepError::Internal {
                reason: "too many values sealed in one open; open the wallet again".into(),
            });
        }
        let mut nonce = [0u8; NONCE_LEN];
        nonce[..8].copy_from_slice(&self.prefix);
        // Counters granted in one open are consecutive blocks of distinct
        // values, and fewer than 2^32 are used: their low 32 bits differ.
        nonce[8..].copy_from_slice(&(self.next as u32).to_be_bytes());
        self.next += 1;
        self.sealed += 1;
        Ok(nonce)
    }

    /// Seals `plaintext` for `cell` into `out` (cleared first).
    pub fn seal_into(&mut self, cell: &CellRef<'_>, plaintext: &[u8], out: &mut Vec<u8>) -> Result<(), SweepError> {
        let nonce = self.next_nonce()?;
        let aad = cell.aad();
        out.clear();
        out.extend_from_slice(&nonce);
        out.extend_from_slice(plaintext);
        let tag = self
            .key
            .seal_in_place_separate_tag(Nonce::assume_unique_for_key(nonce), Aad::from(&aad), &mut out[NONCE_LEN..])
            .map_err(|_| SweepError::Internal { reason: "sealing failed".into() })?;
        out.extend_from_slice(tag.as_ref());
        Ok(())
    }

    /// Seals into a new vector.
    pub fn seal(&mut self, cell: &CellRef<'_>, plaintext: &[u8]) -> Result<Vec<u8>, SweepError> {
        let mut out = Vec::with_capacity(plaintext.len() + SEAL_OVERHEAD);
        self.seal_into(cell, plaintext, &mut out)?;
        Ok(out)
    }

    /// Opens a value sealed for `cell`, using `buf` as scratch space so that
    /// reading many rows reuses one allocation. Any failure is `Tampered`.
    pub fn open_in<'b>(&self, cell: &CellRef<'_>, sealed: &[u8], buf: &'b mut Vec<u8>) -> Result<&'b [u8], SweepError> {
        if sealed.len() < SEAL_OVERHEAD {
            return Err(cell.tampered());
        }
        let (nonce, body) = sealed.split_at(NONCE_LEN);
        let nonce = Nonce::try_assume_unique_for_key(nonce).map_err(|_| cell.tampered())?;
        let aad = cell.aad();
        buf.clear();
        buf.extend_from_slice(body);
        let plain = self.key.open_in_place(nonce, Aad::from(&aad), buf).map_err(|_| cell.tampered())?;
        Ok(plain)
    }

    /// Opens a sealed `i64` (amounts are sealed as 8 big-endian bytes).
    pub fn open_i64(&self, cell: &CellRef<'_>, sealed: &[u8], buf: &mut Vec<u8>) -> Result<i64, SweepError> {
        let plain = self.open_in(cell, sealed, buf)?;
        let bytes: [u8; 8] = plain.try_into().map_err(|_| cell.tampered())?;
        Ok(i64::from_be_bytes(bytes))
    }

    /// Opens a sealed UTF-8 string.
    pub fn open_string(&self, cell: &CellRef<'_>, sealed: &[u8], buf: &mut Vec<u8>) -> Result<String, SweepError> {
        let plain = self.open_in(cell, sealed, buf)?;
        String::from_utf8(plain.to_vec()).map_err(|_| cell.tampered())
    }
}

#[cfg(test)]
mod tests {
    use ring::aead::{UnboundKey, AES_256_GCM};

    use super::*;

    fn sealer() -> Sealer {
        let key = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, &[9u8; 32]).unwrap());
        let mut s = Sealer::new(key, [1, 2, 3, 4, 5, 6, 7, 8]);
        s.grant(0, 100);
        s
    }

    #[test]
    fn a_value_opens_only_in_its_own_cell() {
        let mut s = sealer();
        let cell = CellRef::new(Column::LedgerAmounts, RowKey::Chunk(7, b"fields"));
        let sealed = s.seal(&cell, &5000i64.to_be_bytes()).unwrap();
        let mut buf = Vec::new();
        assert_eq!(s.open_i64(&cell, &sealed, &mut buf).unwrap(), 5000);
        for other in [
            CellRef::new(Column::LedgerAmounts, RowKey::Chunk(8, b"fields")),
            CellRef::new(Column::LedgerAmounts, RowKey::Chunk(7, b"fieldz")),
            CellRef::new(Column::SourceName, RowKey::Id(7)),
        ] {
            assert!(matches!(s.open_in(&other, &sealed, &mut buf), Err(SweepError::Tampered { .. })));
        }
    }

    #[test]
    fn every_flipped_byte_is_detected() {
        let mut s = sealer();
        let cell = CellRef::new(Column::SourceName, RowKey::Id(1));
        let sealed = s.seal(&cell, b"Kim Minji").unwrap();
        let mut buf = Vec::new();
        for i in 0..sealed.len() {
            let mut bad = sealed.clone();
            bad[i] ^= 0x01;
            assert!(s.open_in(&cell, &bad, &mut buf).is_err(), "flip at byte {i} went unnoticed");
        }
        assert!(s.open_in(&cell, &sealed[..10], &mut buf).is_err());
    }

    #[test]
    fn nonces_never_repeat_and_run_out_loudly() {
        let mut s = sealer();
        let cell = CellRef::new(Column::MetaValue, RowKey::Name("x"));
        let mut seen = std::collections::HashSet::new();
        for _ in 0..100 {
            let sealed = s.seal(&cell, b"v").unwrap();
            assert!(seen.insert(sealed[..NONCE_LEN].to_vec()));
        }
        assert!(s.seal(&cell, b"v").is_err(), "no nonce may be used beyond the granted block");
    }
}

#[cfg(test)]
mod column_tests {
    use super::Column;

    #[test]
    fn column_codes_are_unique() {
        let mut codes: Vec<u8> = Column::ALL.iter().map(|c| c.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), Column::ALL.len());
    }
}
