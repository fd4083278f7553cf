//! Sealed store vs plain SQLite: 100k ledger rows written and read, and the
//! dashboard at 1k and 100k entries. `cargo xtask bench` runs this with the
//! SQLCipher baseline and prints the ratios.

#[path = "plain_workload.rs"]
mod plain_workload;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use rusqlite::Connection;
use sweep_core::ledger::{self, LedgerEvent, NewEntry};
use sweep_core::money::{Currency, Money};
use sweep_core::sources::{self, ManualSource, SourceKind};
use sweep_core::store::Store;
use sweep_core::{EphemeralKeyProvider, Locale, MinorAmount};

use plain_workload::{time_fresh, SOURCES};

const ROWS: u64 = 100_000;

fn sealed_store(dir: &tempfile::TempDir) -> Store {
    sealed_store_with(dir, &EphemeralKeyProvider::new().unwrap())
}

fn sealed_store_with(dir: &tempfile::TempDir, provider: &EphemeralKeyProvider) -> Store {
    let mut store = Store::open(&dir.path().join("sealed.db"), provider).unwrap();
    for i in 1..=SOURCES {
        let source = ManualSource {
            name: format!("Source {i}"),
            kind: SourceKind::Wallet,
            balance: MinorAmount { minor_units: 0, currency_code: "KRW".into() },
            account_ref: None,
        };
        sources::add_manual_source(&mut store, &source, 0).unwrap();
    }
    store
}

fn sealed_entries(rows: u64) -> Vec<NewEntry> {
    (0..rows)
        .map(|i| NewEntry {
            source_id: (i as i64 % SOURCES) + 1,
            event: LedgerEvent::Observed,
            amount: Money::from_minor(plain_workload::amount_of(i), Currency::Krw),
        })
        .collect()
}

fn sealed_insert(store: &mut Store, entries: &[NewEntry]) {
    let seals = ledger::seals_needed(entries.len(), SOURCES as usize);
    store.write(seals, |wtx| ledger::append(wtx, entries, 1_700_000_000_000)).unwrap();
}

/// Reads every entry and sums the amounts, as `plain_workload::read_all` does.
fn sealed_read_all(store: &mut Store) -> i64 {
    let mut sum = 0i64;
    ledger::for_each_entry(store, |entry| {
        sum += entry.amount.minor_units();
        Ok(())
    })
    .unwrap();
    sum
}

fn plain_db(dir: &tempfile::TempDir) -> Connection {
    let conn = Connection::open(dir.path().join("plain.db")).unwrap();
    plain_workload::configure(&conn);
    plain_workload::create_schema(&conn);
    conn
}

fn writes(c: &mut Criterion) {
    let mut group = c.benchmark_group("ledger_write_100k");
    group.sample_size(10).throughput(Throughput::Elements(ROWS));
    group.bench_function("plain", |b| {
        b.iter_custom(|iters| {
            time_fresh(
                iters,
                || {
                    let dir = tempfile::tempdir().unwrap();
                    (plain_db(&dir), dir)
                },
                |(conn, _)| plain_workload::insert(conn, 1, ROWS),
            )
        })
    });
    let entries = sealed_entries(ROWS);
    group.bench_function("sealed", |b| {
        b.iter_custom(|iters| {
            time_fresh(
                iters,
                || {
                    let dir = tempfile::tempdir().unwrap();
                    (sealed_store(&dir), dir)
                },
                |(store, _)| sealed_insert(store, &entries),
            )
        })
    });
    group.finish();
}

/// Reads start from a freshly opened connection each time, as an app does
/// after launch: SQLite's page cache is cold for every variant (the OS file
/// cache is warm), so SQLCipher pays for decrypting its pages just as the
/// sealed store pays for opening its values. Opening is not timed.
fn reads(c: &mut Criterion) {
    let mut group = c.benchmark_group("ledger_read_100k");
    group.sample_size(10).throughput(Throughput::Elements(ROWS));
    let plain_dir = tempfile::tempdir().unwrap();
    plain_workload::insert(&mut plain_db(&plain_dir), 1, ROWS);
    let open_plain = || {
        let conn = Connection::open(plain_dir.path().join("plain.db")).unwrap();
        plain_workload::configure(&conn);
        conn
    };
    group.bench_function("plain", |b| {
        b.iter_custom(|iters| time_fresh(iters, open_plain, |conn| plain_workload::read_all(conn)))
    });

    let sealed_dir = tempfile::tempdir().unwrap();
    let provider = EphemeralKeyProvider::new().unwrap();
    sealed_insert(&mut sealed_store_with(&sealed_dir, &provider), &sealed_entries(ROWS));
    let open_sealed = || Store::open(&sealed_dir.path().join("sealed.db"), provider.as_ref()).unwrap();
    group.bench_function("sealed", |b| b.iter_custom(|iters| time_fresh(iters, open_sealed, sealed_read_all)));
    group.finish();
}

fn dashboard(c: &mut Criterion) {
    let mut group = c.benchmark_group("dashboard");
    for (label, rows) in [("1k", 1_000u64), ("100k", 100_000)] {
        let dir = tempfile::tempdir().unwrap();
        let mut store = sealed_store(&dir);
        sealed_insert(&mut store, &sealed_entries(rows - SOURCES as u64));
        group.bench_function(label, |b| {
            b.iter_batched(|| (), |()| sources::dashboard(&store, Locale::KoKr).unwrap(), BatchSize::SmallInput)
        });
    }
    group.finish();
}

criterion_group!(benches, writes, reads, dashboard);
criterion_main!(benches);
