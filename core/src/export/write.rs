//! Writes an [`Export`] into a new directory: the JSON document and one CSV
//! file per table (RFC 4180, UTF-8 with a byte-order mark so spreadsheet
//! apps read Korean right). Files are written to a temporary name and
//! renamed, so a crash leaves no half-written file under a final name.

use std::io::Write;
use std::path::Path;

use super::Export;
use crate::SweepError;

/// The files an export holds, in the order they are written.
pub const FILES: [&str; 7] = [
    "sweep-export.json",
    "sources.csv",
    "balance_history.csv",
    "transactions.csv",
    "withdrawals.csv",
    "withdrawal_legs.csv",
    "payees.csv",
];

fn storage(what: &str, e: impl std::fmt::Display) -> SweepError {
    SweepError::Storage { reason: format!("cannot write the export ({what}): {e}") }
}

/// Writes `export` into `dir`, which must not exist yet or be empty, and
/// returns the files' paths.
pub fn write(dir: &Path, export: &Export) -> Result<Vec<String>, SweepError> {
    if dir.exists() && std::fs::read_dir(dir).map_err(|e| storage("directory", e))?.next().is_some() {
        return Err(SweepError::invalid("path", "must be a new or empty directory"));
    }
    std::fs::create_dir_all(dir).map_err(|e| storage("directory", e))?;
    let json = serde_json::to_vec_pretty(export).map_err(|e| storage("JSON", e))?;
    let mut written = vec![put(dir, FILES[0], &json)?];
    written.push(put(
        dir,
        FILES[1],
        &csv(
            &export.sources,
            |s| {
                vec![
                    s.id.to_string(),
                    s.kind.clone(),
                    s.provider.clone(),
                    s.name.clone(),
                    s.account_ref.clone().unwrap_or_default(),
                    s.state.clone(),
                    s.created_at.clone(),
                    s.last_synced_at.clone().unwrap_or_default(),
                ]
            },
            &["id", "kind", "provider", "name", "account_ref", "state", "created_at", "last_synced_at"],
        )?,
    )?);
    written.push(put(
        dir,
        FILES[2],
        &csv(
            &export.balance_history,
            |e| {
                vec![
                    e.seq.to_string(),
                    e.source_id.to_string(),
                    e.event.clone(),
                    e.amount.minor_units.to_string(),
                    e.amount.currency.clone(),
                    e.recorded_at.clone(),
                ]
            },
            &["seq", "source_id", "event", "amount_minor_units", "currency", "recorded_at"],
        )?,
    )?);
    written.push(put(
        dir,
        FILES[3],
        &csv(
            &export.transactions,
            |t| {
                vec![
                    t.source_id.to_string(),
                    t.id.clone(),
                    t.occurred_at.clone(),
                    t.amount.minor_units.to_string(),
                    t.amount.currency.clone(),
                    t.kind.clone(),
                    t.description.clone().unwrap_or_default(),
                ]
            },
            &["source_id", "id", "occurred_at", "amount_minor_units", "currency", "kind", "description"],
        )?,
    )?);
    written.push(put(
        dir,
        FILES[4],
        &csv(
            &export.withdrawals,
            |w| {
                vec![
                    w.id.to_string(),
                    w.state.clone(),
                    w.created_at.clone(),
                    w.quote_id.clone(),
                    w.provider_withdrawal_id.clone().unwrap_or_default(),
                    w.payee_id.to_string(),
                    w.gross.currency.clone(),
                    w.gross.minor_units.to_string(),
                    w.fee.minor_units.to_string(),
                    w.net.minor_units.to_string(),
                    w.reason.clone().unwrap_or_default(),
                    w.receipt.as_ref().map(|r| r.reference.clone()).unwrap_or_default(),
                    w.receipt.as_ref().map(|r| r.completed_at.clone()).unwrap_or_default(),
                ]
            },
            &[
                "id",
                "state",
                "created_at",
                "quote_id",
                "provider_withdrawal_id",
                "payee_id",
                "currency",
                "gross_minor_units",
                "fee_minor_units",
                "net_minor_units",
                "reason",
                "receipt_reference",
                "receipt_completed_at",
            ],
        )?,
    )?);
    let legs: Vec<&super::Leg> = export.withdrawals.iter().flat_map(|w| &w.legs).collect();
    written.push(put(
        dir,
        FILES[5],
        &csv(
            &legs,
            |l| {
                vec![
                    l.withdrawal_id.to_string(),
                    l.source_id.to_string(),
                    l.method.clone(),
                    l.amount.minor_units.to_string(),
                    l.fee.minor_units.to_string(),
                    l.amount.currency.clone(),
                    l.state.clone(),
                    l.collection_reference.clone().unwrap_or_default(),
                    l.reason.clone().unwrap_or_default(),
                ]
            },
            &[
                "withdrawal_id",
                "source_id",
                "method",
                "amount_minor_units",
                "fee_minor_units",
                "currency",
                "state",
                "collection_reference",
                "reason",
            ],
        )?,
    )?);
    written.push(put(
        dir,
        FILES[6],
        &csv(
            &export.payees,
            |p| {
                vec![
                    p.id.to_string(),
                    p.created_at.clone(),
                    p.destination_type.clone(),
                    p.destination.clone(),
                    p.holder_name.clone(),
                ]
            },
            &["id", "created_at", "destination_type", "destination", "holder_name"],
        )?,
    )?);
    Ok(written)
}

/// One CSV table: a header, then a row per item.
fn csv<T>(items: &[T], row: impl Fn(&T) -> Vec<String>, header: &[&str]) -> Result<Vec<u8>, SweepError> {
    // A byte-order mark first: spreadsheet apps then read UTF-8 (Korean) right.
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut writer = csv::Writer::from_writer(&mut out);
        writer.write_record(header).map_err(|e| storage("CSV", e))?;
        for item in items {
            writer.write_record(row(item)).map_err(|e| storage("CSV", e))?;
        }
        writer.flush().map_err(|e| storage("CSV", e))?;
    }
    Ok(out)
}

/// Writes `bytes` to `dir/name` through a temporary file, synced, then renamed.
fn put(dir: &Path, name: &str, bytes: &[u8]) -> Result<String, SweepError> {
    let target = dir.join(name);
    let partial = dir.join(format!(".{name}.partial"));
    let mut file = std::fs::File::create(&partial).map_err(|e| storage(name, e))?;
    file.write_all(bytes).and_then(|_| file.sync_all()).map_err(|e| storage(name, e))?;
    std::fs::rename(&partial, &target).map_err(|e| storage(name, e))?;
    Ok(target.display().to_string())
}
