//! The encrypted local store: SQLite (bundled, WAL) with every sensitive
//! value sealed on its own (see `docs/adr/0001-record-level-aead.md`).

pub(crate) mod digest;
pub mod keyring;
pub mod keys;
mod rekey;
pub mod schema;
pub mod seal;

use std::path::Path;

use ring::hmac;
use ring::rand::{SecureRandom, SystemRandom};
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior};
use zeroize::Zeroizing;

use self::digest::{Digest, Pending, META_DIGEST};
use self::keys::{new_data_key, KeyProvider, WalletKeys};
use self::seal::{CellRef, Column, RowKey, Sealer};
use crate::{sources, SweepError};

pub use self::rekey::restore_wrapped_key;

/// Nonce counters reserved per trip to the disk. A reservation is one small
/// write, so a large block keeps it rare; the counter space is 2^64.
const NONCE_BLOCK: u64 = 1 << 24;
const KEY_CHECK: &[u8] = b"sweep key check v1";
const META_WRAPPED_KEY: &str = "wrapped_data_key";
const META_KEY_CHECK: &str = "key_check";
const META_NONCE_NEXT: &str = "nonce_next";

/// An open wallet database with its keys.
pub struct Store {
    conn: Connection,
    sealer: Sealer,
    chain: hmac::Key,
    state: hmac::Key,
    /// Row changes not yet folded into the stored digest.
    pending: Pending,
}

/// A write transaction with the sealer at hand.
pub struct WriteTx<'a> {
    /// The SQLite transaction.
    pub tx: Transaction<'a>,
    /// Seals values written in this transaction.
    pub sealer: &'a mut Sealer,
    /// The ledger's chain key.
    pub chain: &'a hmac::Key,
}

/// True when a database already holds something of a wallet: its key
/// check, a source, a ledger entry or a withdrawal.
fn holds_data(conn: &Connection) -> Result<bool, SweepError> {
    if meta_get(conn, META_KEY_CHECK)?.is_some() {
        return Ok(true);
    }
    for table in ["sources", "ledger", "withdrawals"] {
        let exists: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1)",
            [table],
            |r| r.get(0),
        )?;
        if exists && conn.query_row(&format!("SELECT EXISTS (SELECT 1 FROM {table})"), [], |r| r.get::<_, bool>(0))? {
            return Ok(true);
        }
    }
    Ok(false)
}

impl Store {
    /// Opens (or creates) the database at `path`, unlocking it with
    /// `provider`. The provider is called once, with no lock held.
    pub fn open(path: &Path, provider: &dyn KeyProvider) -> Result<Store, SweepError> {
        let mut conn = Connection::open(path)?;
        configure(&conn)?;
        // Version 1 created `meta`; a newer database is refused untouched.
        let found = schema::version(&conn)?;
        let wrapped = if found >= 1 { meta_get(&conn, META_WRAPPED_KEY)? } else { None };
        let mut store = match wrapped {
            Some(wrapped) => {
                let data_key = Zeroizing::new(provider.unwrap_data_key(wrapped).map_err(keys::provider_failure)?);
                let mut store = Store::with_keys(conn, &data_key)?;
                // The key and the digest are checked before anything is
                // written (migrations included), so a wrong key or a
                // tampered row changes nothing.
                store.verify_key()?;
                store.verify_digest_as_of(found)?;
                store.reserve_nonces(1)?;
                store.migrate()?;
                store
            }
            None => {
                // No wrapped key is a new wallet only if nothing was ever
                // written: a wallet holding data whose key row went missing
                // is damaged, and a new key would quietly hide it.
                if found >= 1 && holds_data(&conn)? {
                    return Err(SweepError::Tampered {
                        table: "meta".into(),
                        column: "value".into(),
                        row: META_WRAPPED_KEY.into(),
                    });
                }
                schema::migrate(&mut conn, |_| Ok(()))?;
                Store::create_keys(conn, provider)?
            }
        };
        store.reserve_nonces(1)?;
        sources::seal_plain_providers(&mut store)?;
        Ok(store)
    }

    fn with_keys(conn: Connection, data_key: &[u8]) -> Result<Store, SweepError> {
        let keys = WalletKeys::derive(data_key)?;
        let mut prefix = [0u8; 8];
        SystemRandom::new()
            .fill(&mut prefix)
            .map_err(|_| SweepError::Internal { reason: "the system random source failed".into() })?;
        Ok(Store {
            conn,
            sealer: Sealer::new(keys.seal, prefix),
            chain: keys.chain,
            state: keys.state,
            pending: Pending::default(),
        })
    }

    /// Brings an existing wallet's schema up to date. When any step runs,
    /// the digest is recomputed inside the last step's transaction, since
    /// the steps may add columns to tracked rows; then the triggers are
    /// installed for the columns the tables have now.
    fn migrate(&mut self) -> Result<(), SweepError> {
        let Store { conn, sealer, state, .. } = self;
        schema::migrate(conn, |tx| {
            let digest = digest::compute(tx, state)?;
            let sealed = sealer.seal(&digest_cell(), &digest.to_bytes())?;
            meta_put(tx, META_DIGEST, &sealed)
        })?;
        digest::install(&self.conn, self.state.clone(), self.pending.clone())
    }

    /// Recomputes the digest from the rows and compares it with the stored
    /// one. A wallet from before the digest has none to compare; one from
    /// after it must have one.
    fn verify_digest_as_of(&self, schema_version: u32) -> Result<(), SweepError> {
        match self.stored_digest()? {
            Some(stored) => match digest::compute(&self.conn, &self.state)?.first_difference(&stored) {
                None => Ok(()),
                Some(table) => Err(digest::tampered(table)),
            },
            None if schema_version >= schema::DIGEST_VERSION => Err(digest::tampered("meta")),
            None => Ok(()),
        }
    }

    /// Checks every tracked row against the stored digest: `Tampered`
    /// names the first table whose rows were edited, removed, added or
    /// put back from an older copy.
    pub fn verify_digest(&self) -> Result<(), SweepError> {
        self.verify_digest_as_of(schema::LATEST_VERSION)
    }

    fn stored_digest(&self) -> Result<Option<Digest>, SweepError> {
        let Some(sealed) = meta_get(&self.conn, META_DIGEST)? else { return Ok(None) };
        let cell = digest_cell();
        let mut buf = Vec::new();
        let plain = self.sealer.open_in(&cell, &sealed, &mut buf)?;
        Digest::from_bytes(plain).map(Some).ok_or_else(|| cell.tampered())
    }

    /// First open: a new data key, wrapped by the provider, plus a sealed
    /// key-check value that later tells a wrong key from a tampered value.
    fn create_keys(conn: Connection, provider: &dyn KeyProvider) -> Result<Store, SweepError> {
        let data_key = new_data_key()?;
        let wrapped = provider.wrap_data_key(data_key.to_vec()).map_err(keys::provider_failure)?;
        let mut store = Store::with_keys(conn, &data_key)?;
        digest::install(&store.conn, store.state.clone(), store.pending.clone())?;
        store.write(1, |wtx| {
            let check = wtx.sealer.seal(&key_check_cell(), KEY_CHECK)?;
            meta_put(&wtx.tx, META_WRAPPED_KEY, &wrapped)?;
            meta_put(&wtx.tx, META_KEY_CHECK, &check)
        })?;
        Ok(store)
    }

    fn verify_key(&self) -> Result<(), SweepError> {
        self.verify_key_against(&self.conn)
    }

    /// Whether this store's keys open the key check stored in `conn`.
    fn verify_key_against(&self, conn: &Connection) -> Result<(), SweepError> {
        let check: Vec<u8> = meta_get(conn, META_KEY_CHECK)?
            .ok_or_else(|| SweepError::Storage { reason: "the wallet has no key check".into() })?;
        let mut buf = Vec::new();
        match self.sealer.open_in(&key_check_cell(), &check, &mut buf) {
            Ok(plain) if plain == KEY_CHECK => Ok(()),
            _ => Err(SweepError::WrongKey),
        }
    }

    /// Makes sure at least `needed` nonces are granted, reserving a block on
    /// disk (committed on its own) before any of them is used. A crash can
    /// waste a reserved block, never reuse one.
    fn reserve_nonces(&mut self, needed: u64) -> Result<(), SweepError> {
        if self.sealer.remaining() >= needed {
            return Ok(());
        }
        let block = needed.max(NONCE_BLOCK);
        // IMMEDIATE: a second process reserving at the same time waits for
        // this one instead of reading the same counter.
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let start = meta_get(&tx, META_NONCE_NEXT)?
            .map(|v: Vec<u8>| v.try_into().map(u64::from_be_bytes))
            .transpose()
            .map_err(|_| SweepError::Storage { reason: "corrupt nonce counter".into() })?
            .unwrap_or(0);
        let end =
            start.checked_add(block).ok_or_else(|| SweepError::Internal { reason: "nonce space exhausted".into() })?;
        meta_put(&tx, META_NONCE_NEXT, &end.to_be_bytes())?;
        tx.commit()?;
        self.sealer.grant(start, end);
        Ok(())
    }

    /// Runs `work` in one transaction that seals at most `max_seals` values.
    /// Either all of it is written or none of it.
    pub fn write<T>(
        &mut self,
        max_seals: u64,
        work: impl FnOnce(&mut WriteTx<'_>) -> Result<T, SweepError>,
    ) -> Result<T, SweepError> {
        // One more seal for the digest.
        self.reserve_nonces(max_seals + 1)?;
        // Changes made on the connection outside `write` are already
        // committed: they ride along with this transaction's.
        let carried = self.pending.take();
        let Store { conn, sealer, chain, pending, .. } = self;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut wtx = WriteTx { tx, sealer, chain };
        let written = work(&mut wtx).and_then(|value| {
            fold_digest(&mut wtx, carried, pending.take())?;
            wtx.tx.commit()?;
            Ok(value)
        });
        if written.is_err() {
            // Rolled back: only the carried changes still stand.
            pending.take();
            pending.restore(carried);
        }
        written
    }

    /// The connection, for reads.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The sealer, for opening values read through [`Store::conn`].
    pub fn sealer(&self) -> &Sealer {
        &self.sealer
    }

    /// The ledger's chain key.
    pub fn chain_key(&self) -> &hmac::Key {
        &self.chain
    }
}

/// Adds this transaction's row changes to the stored digest, read inside
/// the transaction so that two stores on one file add up.
fn fold_digest(wtx: &mut WriteTx<'_>, carried: Option<Digest>, changed: Option<Digest>) -> Result<(), SweepError> {
    if carried.is_none() && changed.is_none() {
        return Ok(());
    }
    let cell = digest_cell();
    let mut digest = match meta_get(&wtx.tx, META_DIGEST)? {
        Some(sealed) => {
            let mut buf = Vec::new();
            Digest::from_bytes(wtx.sealer.open_in(&cell, &sealed, &mut buf)?).ok_or_else(|| cell.tampered())?
        }
        None => Digest::ZERO,
    };
    for delta in [carried, changed].into_iter().flatten() {
        digest.merge(&delta);
    }
    let sealed = wtx.sealer.seal(&cell, &digest.to_bytes())?;
    meta_put(&wtx.tx, META_DIGEST, &sealed)
}

fn digest_cell() -> CellRef<'static> {
    CellRef::new(Column::MetaValue, RowKey::Name(META_DIGEST))
}

fn key_check_cell() -> CellRef<'static> {
    CellRef::new(Column::MetaValue, RowKey::Name(META_KEY_CHECK))
}

/// WAL for concurrent readers; FULL sync because this is money.
fn configure(conn: &Connection) -> Result<(), SweepError> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    conn.pragma_update(None, "cache_size", -8192)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(())
}

/// Reads a `meta` value.
pub fn meta_get(conn: &Connection, key: &str) -> Result<Option<Vec<u8>>, SweepError> {
    Ok(conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0)).optional()?)
}

/// Writes a `meta` value.
pub fn meta_put(conn: &Connection, key: &str, value: &[u8]) -> Result<(), SweepError> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        rusqlite::params![key, value],
    )?;
    Ok(())
}

#[cfg(test)]
#[path = "store_tests.rs"]
mod tests;
