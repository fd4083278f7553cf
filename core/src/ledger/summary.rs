//! The per-source, per-currency summary the dashboard reads. It is updated
//! in the same transaction as the ledger entries it sums up.

use rusqlite::{Connection, OptionalExtension};

use super::LedgerEvent;
use crate::money::{Currency, Money};
use crate::store::seal::{CellRef, Column, RowKey, Sealer};
use crate::SweepError;

/// The largest balance one source may report, in minor units (10^15: ₩1,000조
/// or $10 trillion). With at most [`crate::sources::MAX_SOURCES`] sources, every
/// per-currency total fits in an `i64`, so the dashboard can always add up.
pub const MAX_BALANCE_MINOR_UNITS: i64 = 1_000_000_000_000_000;

const _: () = assert!(
    (MAX_BALANCE_MINOR_UNITS as i128) * (crate::sources::MAX_SOURCES as i128) <= i64::MAX as i128,
    "the balance and source caps must keep every total inside i64"
);

/// A source's balance in one currency and the part of it on hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// The source.
    pub source_id: i64,
    /// The latest observed balance, less debits since.
    pub balance: Money,
    /// Reserved for withdrawals in flight.
    pub held: Money,
    /// The last ledger entry applied.
    pub last_seq: u64,
    /// When it last changed, in Unix milliseconds.
    pub updated_at_ms: i64,
}

/// The sealed cell of a summary column, bound to the last entry it includes.
pub(crate) fn cell(column: Column, source_id: i64, currency: &str, last_seq: u64) -> CellRef<'_> {
    CellRef::new(column, RowKey::Summary(source_id, currency, last_seq))
}

impl Summary {
    /// An empty summary for a source that has no entries yet.
    pub fn empty(source_id: i64, currency: Currency) -> Summary {
        Summary {
            source_id,
            balance: Money::zero(currency),
            held: Money::zero(currency),
            last_seq: 0,
            updated_at_ms: 0,
        }
    }

    /// Reads and opens the stored summary, or an empty one.
    pub fn load(conn: &Connection, sealer: &Sealer, source_id: i64, currency: Currency) -> Result<Summary, SweepError> {
        let row = conn
            .query_row(
                "SELECT balance, held, last_seq, updated_at_ms FROM source_summary WHERE source_id = ?1 AND currency = ?2",
                rusqlite::params![source_id, currency.code()],
                |r| Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, Vec<u8>>(1)?, r.get::<_, i64>(2)?, r.get::<_, i64>(3)?)),
            )
            .optional()?;
        let Some((balance, held, last_seq, updated_at_ms)) = row else {
            return Ok(Summary::empty(source_id, currency));
        };
        let mut buf = Vec::new();
        Summary::open(sealer, source_id, currency, (&balance, &held), last_seq, updated_at_ms, &mut buf)
    }

    /// Builds a summary from its sealed columns.
    pub(crate) fn open(
        sealer: &Sealer,
        source_id: i64,
        currency: Currency,
        (balance, held): (&[u8], &[u8]),
        last_seq: i64,
        updated_at_ms: i64,
        buf: &mut Vec<u8>,
    ) -> Result<Summary, SweepError> {
        let (code, seq) = (currency.code(), last_seq as u64);
        let balance = sealer.open_i64(&cell(Column::SummaryBalance, source_id, code, seq), balance, buf)?;
        let held = sealer.open_i64(&cell(Column::SummaryHeld, source_id, code, seq), held, buf)?;
        Ok(Summary {
            source_id,
            balance: Money::from_minor(balance, currency),
            held: Money::from_minor(held, currency),
            last_seq: last_seq as u64,
            updated_at_ms,
        })
    }

    /// The part of the balance not on hold.
    pub fn available(&self) -> Result<Money, SweepError> {
        self.balance.checked_sub(&self.held)
    }

    /// Applies one event. Refuses events that would make no sense: a negative
    /// observation, holding more than is available, releasing or debiting
    /// more than is held.
    pub fn apply(&mut self, event: LedgerEvent, amount: &Money, seq: u64) -> Result<(), SweepError> {
        let refuse = |reason: &str| SweepError::invalid("ledger entry", reason);
        if amount.is_negative() {
            return Err(SweepError::NegativeAmount { field: "ledger amount".into(), amount: amount.to_string() });
        }
        match event {
            LedgerEvent::Observed => {
                if amount.minor_units() > MAX_BALANCE_MINOR_UNITS {
                    return Err(balance_too_large());
                }
                self.balance = *amount;
            }
            LedgerEvent::Hold => {
                if amount.minor_units() > self.available()?.minor_units() {
                    return Err(refuse("a hold cannot exceed the available balance"));
                }
                self.held = self.held.checked_add(amount)?;
            }
            LedgerEvent::Release => {
                if amount.minor_units() > self.held.minor_units() {
                    return Err(refuse("a release cannot exceed what is held"));
                }
                self.held = self.held.checked_sub(amount)?;
            }
            LedgerEvent::Debit => {
                if amount.minor_units() > self.held.minor_units() {
                    return Err(refuse("a debit must be covered by a hold"));
                }
                self.held = self.held.checked_sub(amount)?;
                self.balance = self.balance.checked_sub(amount)?;
            }
        }
        self.last_seq = seq;
        Ok(())
    }

    /// Seals and writes the summary.
    pub fn store(&self, conn: &Connection, sealer: &mut Sealer, now_ms: i64) -> Result<(), SweepError> {
        let code = self.balance.currency().code();
        let (id, seq) = (self.source_id, self.last_seq);
        let balance =
            sealer.seal(&cell(Column::SummaryBalance, id, code, seq), &self.balance.minor_units().to_be_bytes())?;
        let held = sealer.seal(&cell(Column::SummaryHeld, id, code, seq), &self.held.minor_units().to_be_bytes())?;
        conn.prepare_cached(
            "INSERT INTO source_summary (source_id, currency, balance, held, last_seq, updated_at_ms)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT(source_id, currency) DO UPDATE SET
               balance = excluded.balance, held = excluded.held,
               last_seq = excluded.last_seq, updated_at_ms = excluded.updated_at_ms",
        )?
        .execute(rusqlite::params![self.source_id, code, balance, held, self.last_seq as i64, now_ms])?;
        Ok(())
    }
}

/// The error for a balance above [`MAX_BALANCE_MINOR_UNITS`].
pub fn balance_too_large() -> SweepError {
    SweepError::invalid("balance", format!("must be at most {MAX_BALANCE_MINOR_UNITS} minor units"))
}
