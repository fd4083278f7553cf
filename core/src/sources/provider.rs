//! A source's provider (which app or bank holds the money) is sealed: the
//! list of providers alone tells which apps a person keeps money in.

use rusqlite::types::ValueRef;
use rusqlite::OptionalExtension;

use crate::store::seal::{CellRef, Column, RowKey};
use crate::store::Store;
use crate::SweepError;

/// Opens a provider cell read from `sources.provider`. Only a sealed value
/// is accepted: plain text there was written outside Sweep.
pub(crate) fn open_provider(
    store: &Store,
    id: i64,
    value: ValueRef<'_>,
    buf: &mut Vec<u8>,
) -> Result<String, SweepError> {
    let cell = CellRef::new(Column::SourceProvider, RowKey::Id(id));
    match value {
        ValueRef::Blob(sealed) => store.sealer().open_string(&cell, sealed, buf),
        _ => Err(cell.tampered()),
    }
}

/// The provider of source `id`, or `None` when there is no such source.
pub(crate) fn provider_of(store: &Store, id: i64) -> Result<Option<String>, SweepError> {
    let value: Option<rusqlite::types::Value> =
        store.conn().query_row("SELECT provider FROM sources WHERE id = ?1", [id], |r| r.get(0)).optional()?;
    let mut buf = Vec::new();
    value.map(|v| open_provider(store, id, (&v).into(), &mut buf)).transpose()
}

/// Seals the providers that wallets from before sealing still hold in plain
/// text. Runs at every open and finds nothing once done, so a crash halfway
/// only leaves work for the next open.
pub(crate) fn seal_plain_providers(store: &mut Store) -> Result<(), SweepError> {
    let plain: Vec<(i64, String)> = {
        let mut stmt = store.conn().prepare("SELECT id, provider FROM sources WHERE typeof(provider) = 'text'")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<Vec<_>, _>>()?;
        rows
    };
    if plain.is_empty() {
        return Ok(());
    }
    store.write(plain.len() as u64, |wtx| {
        for (id, provider) in &plain {
            let sealed =
                wtx.sealer.seal(&CellRef::new(Column::SourceProvider, RowKey::Id(*id)), provider.as_bytes())?;
            wtx.tx.execute("UPDATE sources SET provider = ?2 WHERE id = ?1", rusqlite::params![id, sealed])?;
        }
        Ok(())
    })
}
