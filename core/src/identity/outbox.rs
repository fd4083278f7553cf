//! The capture outbox: a capture (without its metadata) waits here, sealed,
//! from the moment it is accepted until the server confirms it has every
//! byte; then the row is deleted. After an app restart the upload resumes
//! from here.

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::capture::Fingerprint;
use super::{DocumentSide, DocumentType};
use crate::store::seal::{CellRef, Column, RowKey};
use crate::store::Store;
use crate::SweepError;

/// Where a capture goes and where it came from; sealed with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pending {
    /// The tus creation endpoint.
    pub endpoint: String,
    /// The upload's URL, once created.
    pub upload_url: Option<String>,
    /// The document.
    pub document_type: DocumentType,
    /// Its side.
    pub side: DocumentSide,
    /// The file the capture was read from.
    pub path: String,
    /// The file as it was read, to notice a change.
    pub fingerprint: Fingerprint,
    /// True when the capture is a PNG (else JPEG).
    #[serde(default)]
    pub png: bool,
}

impl Pending {
    /// True when the capture is a PNG.
    pub fn fingerprint_is_png(&self) -> bool {
        self.png
    }
}

fn body_cell(id: i64) -> CellRef<'static> {
    CellRef::new(Column::CaptureBody, RowKey::Id(id))
}

fn upload_cell(id: i64) -> CellRef<'static> {
    CellRef::new(Column::CaptureUpload, RowKey::Id(id))
}

fn encode(pending: &Pending) -> Result<Zeroizing<Vec<u8>>, SweepError> {
    serde_json::to_vec(pending)
        .map(Zeroizing::new)
        .map_err(|e| SweepError::Internal { reason: format!("encode outbox entry: {e}") })
}

/// Seals a capture into the outbox; returns its id.
pub fn add(store: &mut Store, body: &[u8], pending: &Pending, now_ms: i64) -> Result<i64, SweepError> {
    let json = encode(pending)?;
    store.write(2, |wtx| {
        let id: i64 = wtx.tx.query_row("SELECT COALESCE(MAX(id), 0) + 1 FROM capture_outbox", [], |r| r.get(0))?;
        let body = wtx.sealer.seal(&body_cell(id), body)?;
        let upload = wtx.sealer.seal(&upload_cell(id), &json)?;
        wtx.tx.execute(
            "INSERT INTO capture_outbox (id, created_at_ms, body, upload) VALUES (?1, ?2, ?3, ?4)",
            rusqlite::params![id, now_ms, body, upload],
        )?;
        Ok(id)
    })
}

/// Replaces an entry's upload details (after the upload was created).
pub fn update(store: &mut Store, id: i64, pending: &Pending) -> Result<(), SweepError> {
    let json = encode(pending)?;
    store.write(1, |wtx| {
        let upload = wtx.sealer.seal(&upload_cell(id), &json)?;
        let changed =
            wtx.tx.execute("UPDATE capture_outbox SET upload = ?2 WHERE id = ?1", rusqlite::params![id, upload])?;
        if changed == 0 {
            return Err(SweepError::invalid("capture_id", "no such capture waiting to upload"));
        }
        Ok(())
    })
}

/// One entry, opened.
pub fn load(store: &Store, id: i64) -> Result<(Vec<u8>, Pending), SweepError> {
    let row: Option<(Vec<u8>, Vec<u8>)> = rusqlite::OptionalExtension::optional(store.conn().query_row(
        "SELECT body, upload FROM capture_outbox WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    ))?;
    let (body, upload) = row.ok_or_else(missing)?;
    let mut buf = Vec::new();
    let body = store.sealer().open_in(&body_cell(id), &body, &mut buf)?.to_vec();
    Ok((body, open_pending(store, id, &upload)?))
}

/// An entry's upload details alone, without opening the photo (up to
/// 15 MB) that `load` opens too.
pub fn load_pending(store: &Store, id: i64) -> Result<Pending, SweepError> {
    let upload: Option<Vec<u8>> = rusqlite::OptionalExtension::optional(store.conn().query_row(
        "SELECT upload FROM capture_outbox WHERE id = ?1",
        [id],
        |r| r.get(0),
    ))?;
    open_pending(store, id, &upload.ok_or_else(missing)?)
}

fn missing() -> SweepError {
    SweepError::invalid("capture_id", "no such capture waiting to upload")
}

fn open_pending(store: &Store, id: i64, sealed: &[u8]) -> Result<Pending, SweepError> {
    let mut json = Zeroizing::new(Vec::new());
    let cell = upload_cell(id);
    serde_json::from_slice(store.sealer().open_in(&cell, sealed, &mut json)?).map_err(|_| cell.tampered())
}

/// Deletes an entry: the server has the capture, or it was given up.
pub fn remove(store: &mut Store, id: i64) -> Result<(), SweepError> {
    store.write(0, |wtx| {
        wtx.tx.execute("DELETE FROM capture_outbox WHERE id = ?1", [id])?;
        Ok(())
    })
}

/// The ids of every capture still waiting, oldest first.
pub fn waiting(store: &Store) -> Result<Vec<i64>, SweepError> {
    let mut stmt = store.conn().prepare("SELECT id FROM capture_outbox ORDER BY id")?;
    let ids = stmt.query_map([], |r| r.get(0))?.collect::<Result<Vec<i64>, _>>()?;
    Ok(ids)
}
