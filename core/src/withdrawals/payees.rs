//! Payees at rest: sealed (destination and holder name together), each
//! bound to its id and creation time, so neither the details nor the start
//! of its cool-down can be changed or swapped without `Tampered`.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::payee::PayeeDestination;
use crate::fees::DestinationKind;
use crate::money::{Currency, Locale, Money};
use crate::store::seal::{CellRef, Column, RowKey};
use crate::store::Store;
use crate::SweepError;

/// A payee to add.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct PayeeRequest {
    /// Where the money goes.
    pub destination: PayeeDestination,
    /// The account holder's name, as the bank or wallet has it.
    pub holder_name: String,
}

/// A payee as the app shows it: no full numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Payee {
    /// Its id.
    pub payee_id: u64,
    /// The destination, masked, for example `"Shinhan •••• 6789"`.
    pub hint: String,
    /// A bank account or a wallet: quote a cash-out to this payee for it.
    pub destination_kind: DestinationKind,
    /// When it was added.
    pub created_at: SystemTime,
    /// Until when it receives at most the small amount.
    pub cooldown_ends_at: SystemTime,
}

/// How long a new payee cools down, and how much it may receive meanwhile.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct PayeePolicy {
    /// Hours a new payee cools down (12 by default).
    pub cooldown_hours: u32,
    /// What a cooling-down payee may still receive per withdrawal, in
    /// major units of any currency (100,000 by default: 100,000원).
    pub small_amount_major: u32,
}

impl Default for PayeePolicy {
    fn default() -> Self {
        PayeePolicy { cooldown_hours: 12, small_amount_major: 100_000 }
    }
}

fn millis(time: SystemTime) -> i64 {
    time.duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}

fn cell(id: i64, created_at_ms: i64) -> CellRef<'static> {
    // The "owner" part of the row key is unused for payees.
    CellRef::new(Column::PayeeDetails, RowKey::SourceRecord(id, 0, created_at_ms))
}

/// The request with its destination normalised (no hyphens or spaces) and
/// the holder's name trimmed, or the first thing wrong with it.
pub fn validated(request: &PayeeRequest) -> Result<PayeeRequest, SweepError> {
    let destination = request.destination.validated()?;
    let holder = request.holder_name.trim();
    if holder.is_empty() || holder.chars().count() > 100 || holder.chars().any(char::is_control) {
        return Err(SweepError::invalid("holder_name", "1 to 100 characters"));
    }
    Ok(PayeeRequest { destination, holder_name: holder.to_owned() })
}

/// Validates and seals a payee; returns its id. Bad input writes nothing.
pub fn add_payee(store: &mut Store, request: &PayeeRequest, now: SystemTime) -> Result<i64, SweepError> {
    let clean = validated(request)?;
    let json = Zeroizing::new(
        serde_json::to_vec(&clean).map_err(|e| SweepError::Internal { reason: format!("encode payee: {e}") })?,
    );
    let at = millis(now);
    store.write(1, |wtx| {
        let id: i64 = wtx.tx.query_row(
            "SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'payees'), 0) + 1",
            [],
            |r| r.get(0),
        )?;
        let sealed = wtx.sealer.seal(&cell(id, at), &json)?;
        wtx.tx.execute(
            "INSERT INTO payees (id, created_at_ms, details) VALUES (?1, ?2, ?3)",
            rusqlite::params![id, at, sealed],
        )?;
        Ok(id)
    })
}

/// One payee, opened: its details and when it was added.
pub fn load_payee(store: &Store, id: i64) -> Result<(PayeeRequest, SystemTime), SweepError> {
    let row: Option<(i64, Vec<u8>)> = rusqlite::OptionalExtension::optional(store.conn().query_row(
        "SELECT created_at_ms, details FROM payees WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    ))?;
    let (at, sealed) = row.ok_or(SweepError::PayeeNotFound { payee_id: id as u64 })?;
    let mut buf = Zeroizing::new(Vec::new());
    let cell = cell(id, at);
    let details =
        serde_json::from_slice(store.sealer().open_in(&cell, &sealed, &mut buf)?).map_err(|_| cell.tampered())?;
    Ok((details, UNIX_EPOCH + Duration::from_millis(at.max(0) as u64)))
}

/// Every payee, masked, oldest first.
pub fn list_payees(store: &Store, policy: &PayeePolicy) -> Result<Vec<Payee>, SweepError> {
    let mut stmt = store.conn().prepare("SELECT id FROM payees ORDER BY id")?;
    let ids = stmt.query_map([], |r| r.get::<_, i64>(0))?.collect::<Result<Vec<_>, _>>()?;
    ids.into_iter()
        .map(|id| {
            let (details, created_at) = load_payee(store, id)?;
            Ok(Payee {
                payee_id: id as u64,
                hint: details.destination.hint(),
                destination_kind: details.destination.kind(),
                created_at,
                cooldown_ends_at: cooldown_end(created_at, policy),
            })
        })
        .collect()
}

/// When a payee made at `created_at` has cooled down. The policy's hours
/// are bounded (a year at most), so any value an app sets gives a date.
fn cooldown_end(created_at: SystemTime, policy: &PayeePolicy) -> SystemTime {
    let hours = u64::from(policy.cooldown_hours.min(MAX_COOLDOWN_HOURS));
    created_at.checked_add(Duration::from_secs(hours * 3_600)).unwrap_or(created_at)
}

/// The longest cool-down honoured: a year.
const MAX_COOLDOWN_HOURS: u32 = 24 * 366;

/// Refuses an amount above the small amount while the payee cools down.
pub fn check_cooldown(
    store: &Store,
    payee_id: i64,
    amount: &Money,
    policy: &PayeePolicy,
    now: SystemTime,
    locale: Locale,
) -> Result<(), SweepError> {
    let (_, created_at) = load_payee(store, payee_id)?;
    let ends = cooldown_end(created_at, policy);
    let small = small_amount(policy, amount.currency())?;
    if now < ends && amount.minor_units() > small.minor_units() {
        return Err(SweepError::PayeeCoolingDown {
            payee_id: payee_id as u64,
            until: humantime::format_rfc3339_seconds(ends).to_string(),
            small_amount: small.format(locale),
        });
    }
    Ok(())
}

fn small_amount(policy: &PayeePolicy, currency: Currency) -> Result<Money, SweepError> {
    let scale = 10i64.pow(u32::from(currency.minor_units()));
    let units = i64::from(policy.small_amount_major)
        .checked_mul(scale)
        .ok_or(SweepError::AmountOverflow { operation: "mul".into() })?;
    Ok(Money::from_minor(units, currency))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let keys = crate::EphemeralKeyProvider::new().unwrap();
        let store = Store::open(&dir.path().join("w.db"), keys.as_ref()).unwrap();
        (dir, store)
    }

    fn shinhan() -> PayeeRequest {
        PayeeRequest {
            destination: PayeeDestination::KrBankAccount {
                bank_code: "088".into(),
                account_number: "110-123-456789".into(),
            },
            holder_name: "Kim Minji".into(),
        }
    }

    #[test]
    fn a_new_payee_cools_down_above_the_small_amount() {
        let (_dir, mut store) = store();
        let now = UNIX_EPOCH + Duration::from_secs(1_764_000_000);
        let id = add_payee(&mut store, &shinhan(), now).unwrap();
        let policy = PayeePolicy::default();
        let krw = |units| Money::from_minor(units, Currency::Krw);
        assert!(
            check_cooldown(&store, id, &krw(100_000), &policy, now, Locale::KoKr).is_ok(),
            "the small amount is fine"
        );
        let err = check_cooldown(&store, id, &krw(100_001), &policy, now, Locale::KoKr).unwrap_err();
        assert!(
            matches!(err, SweepError::PayeeCoolingDown { ref small_amount, .. } if small_amount == "100,000원"),
            "{err:?}"
        );
        let later = now + Duration::from_secs(12 * 3_600);
        assert!(check_cooldown(&store, id, &krw(2_000_000), &policy, later, Locale::KoKr).is_ok());
        assert_eq!(list_payees(&store, &policy).unwrap()[0].hint, "Shinhan •••• 6789");
    }

    #[test]
    fn a_cool_down_of_any_length_is_bounded_to_a_year() {
        let (_dir, mut store) = store();
        let now = UNIX_EPOCH + Duration::from_secs(1_764_000_000);
        let id = add_payee(&mut store, &shinhan(), now).unwrap();
        let policy = PayeePolicy { cooldown_hours: u32::MAX, small_amount_major: 100_000 };
        let listed = list_payees(&store, &policy).unwrap();
        assert_eq!(listed[0].cooldown_ends_at, now + Duration::from_secs(366 * 86_400));
        let krw = |units| Money::from_minor(units, Currency::Krw);
        let after_a_year = now + Duration::from_secs(367 * 86_400);
        assert!(check_cooldown(&store, id, &krw(2_000_000), &policy, after_a_year, Locale::KoKr).is_ok());
    }

    #[test]
    fn payees_are_sealed_and_their_start_cannot_be_moved() {
        let (dir, mut store) = store();
        let id = add_payee(&mut store, &shinhan(), SystemTime::now()).unwrap();
        store.conn().execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
        let bytes = std::fs::read(dir.path().join("w.db")).unwrap();
        for secret in [&b"110123456789"[..], b"Kim Minji"] {
            assert!(!bytes.windows(secret.len()).any(|w| w == secret), "plain text on disk");
        }
        // Backdating the payee to skip its cool-down breaks the seal.
        store.conn().execute("UPDATE payees SET created_at_ms = created_at_ms - 86400000", []).unwrap();
        assert!(matches!(load_payee(&store, id), Err(SweepError::Tampered { .. })));
    }

    #[test]
    fn bad_payees_write_nothing() {
        let (_dir, mut store) = store();
        let bad_iban = PayeeRequest {
            destination: PayeeDestination::Iban { iban: "GB82WEST12345698765433".into() },
            holder_name: "Kim".into(),
        };
        assert!(
            matches!(add_payee(&mut store, &bad_iban, SystemTime::now()), Err(SweepError::InvalidInput { ref field, .. }) if field == "iban")
        );
        let nameless = PayeeRequest { holder_name: "  ".into(), ..shinhan() };
        assert!(add_payee(&mut store, &nameless, SystemTime::now()).is_err());
        assert!(list_payees(&store, &PayeePolicy::default()).unwrap().is_empty());
        assert_eq!(load_payee(&store, 1).err(), Some(SweepError::PayeeNotFound { payee_id: 1 }));
    }
}
