//! Record-level AEAD: every sensitive value is sealed on its own with
//! AES-256-GCM, and the associated data names its table, column and row, so
//! a ciphertext copied to another cell fails to open.
//!
//! Sealed form: `nonce (12) || ciphertext || tag (16)`.
//!
//! Nonces are `prefix (4, random per open) || counter (8)`. The counter comes
//! from blocks reserved in the database before use (see `Store`), so nonces
//! never repeat under one key and no system call is made per row.

use ring::aead::{Aad, LessSafeKey, Nonce, NONCE_LEN};

use crate::SweepError;

/// Bytes a sealed value adds to its plaintext.
pub const SEAL_OVERHEAD: usize = NONCE_LEN + 16;

/// Which row a sealed value belongs to.
#[derive(Debug, Clone, Copy)]
pub enum RowKey<'a> {
    /// A row identified by an integer key.
    Id(i64),
    /// A row identified by an integer key and a currency (per-currency rows).
    IdAndCode(i64, &'a str),
    /// A named singleton row (`meta`).
    Name(&'a str),
    /// An integer key plus the row's plain fields, so that changing any of
    /// them makes the value fail to open (ledger entries).
    IdWithFields(i64, &'a [u8]),
}

/// The cell a value is sealed to: table, column and row.
#[derive(Debug, Clone, Copy)]
pub struct CellRef<'a> {
    pub table: &'static str,
    pub column: &'static str,
    pub row: RowKey<'a>,
}

impl<'a> CellRef<'a> {
    /// A cell in `table.column` at `row`.
    pub fn new(table: &'static str, column: &'static str, row: RowKey<'a>) -> Self {
        CellRef { table, column, row }
    }

    /// Writes the associated data into `buf` and returns the used part. The
    /// fields are length-delimited so that no two cells share a byte string.
    fn aad<'b>(&self, buf: &'b mut [u8; 128]) -> &'b [u8] {
        let mut len = 0;
        let mut put = |bytes: &[u8]| {
            let n = bytes.len().min(buf.len() - len - 1);
            buf[len] = n as u8;
            buf[len + 1..len + 1 + n].copy_from_slice(&bytes[..n]);
            len += 1 + n;
        };
        put(b"sweep/v1");
        put(self.table.as_bytes());
        put(self.column.as_bytes());
        match self.row {
            RowKey::Id(id) => put(&id.to_be_bytes()),
            RowKey::IdAndCode(id, code) => {
                put(&id.to_be_bytes());
                put(code.as_bytes());
            }
            RowKey::Name(name) => put(name.as_bytes()),
            RowKey::IdWithFields(id, fields) => {
                put(&id.to_be_bytes());
                put(fields);
            }
        }
        &buf[..len]
    }

    fn row_label(&self) -> String {
        match self.row {
            RowKey::Id(id) | RowKey::IdWithFields(id, _) => id.to_string(),
            RowKey::IdAndCode(id, code) => format!("{id}/{code}"),
            RowKey::Name(name) => name.to_owned(),
        }
    }

    /// The typed error for a value in this cell that failed to open.
    pub fn tampered(&self) -> SweepError {
        SweepError::Tampered { table: self.table.into(), column: self.column.into(), row: self.row_label() }
    }
}

/// Seals and opens values with the wallet's sealing key.
pub struct Sealer {
    key: LessSafeKey,
    prefix: [u8; 4],
    next: u64,
    end: u64,
}

impl Sealer {
    /// A sealer with no nonces yet; the store grants blocks with [`Sealer::grant`].
    pub fn new(key: LessSafeKey, prefix: [u8; 4]) -> Self {
        Sealer { key, prefix, next: 0, end: 0 }
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
        let mut nonce = [0u8; NONCE_LEN];
        nonce[..4].copy_from_slice(&self.prefix);
        nonce[4..].copy_from_slice(&self.next.to_be_bytes());
        self.next += 1;
        Ok(nonce)
    }

    /// Seals `plaintext` for `cell` into `out` (cleared first).
    pub fn seal_into(&mut self, cell: &CellRef<'_>, plaintext: &[u8], out: &mut Vec<u8>) -> Result<(), SweepError> {
        let nonce = self.next_nonce()?;
        let mut aad_buf = [0u8; 128];
        let aad = cell.aad(&mut aad_buf);
        out.clear();
        out.extend_from_slice(&nonce);
        out.extend_from_slice(plaintext);
        let tag = self
            .key
            .seal_in_place_separate_tag(Nonce::assume_unique_for_key(nonce), Aad::from(aad), &mut out[NONCE_LEN..])
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
        let mut aad_buf = [0u8; 128];
        let aad = cell.aad(&mut aad_buf);
        buf.clear();
        buf.extend_from_slice(body);
        let plain = self.key.open_in_place(nonce, Aad::from(aad), buf).map_err(|_| cell.tampered())?;
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
        let mut s = Sealer::new(key, [1, 2, 3, 4]);
        s.grant(0, 100);
        s
    }

    #[test]
    fn a_value_opens_only_in_its_own_cell() {
        let mut s = sealer();
        let cell = CellRef::new("ledger", "amount", RowKey::Id(7));
        let sealed = s.seal(&cell, &5000i64.to_be_bytes()).unwrap();
        let mut buf = Vec::new();
        assert_eq!(s.open_i64(&cell, &sealed, &mut buf).unwrap(), 5000);
        for other in [
            CellRef::new("ledger", "amount", RowKey::Id(8)),
            CellRef::new("ledger", "mac", RowKey::Id(7)),
            CellRef::new("sources", "amount", RowKey::Id(7)),
        ] {
            assert!(matches!(s.open_in(&other, &sealed, &mut buf), Err(SweepError::Tampered { .. })));
        }
    }

    #[test]
    fn every_flipped_byte_is_detected() {
        let mut s = sealer();
        let cell = CellRef::new("sources", "name", RowKey::Id(1));
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
        let cell = CellRef::new("t", "c", RowKey::Name("x"));
        let mut seen = std::collections::HashSet::new();
        for _ in 0..100 {
            let sealed = s.seal(&cell, b"v").unwrap();
            assert!(seen.insert(sealed[..NONCE_LEN].to_vec()));
        }
        assert!(s.seal(&cell, b"v").is_err(), "no nonce may be used beyond the granted block");
    }
}
