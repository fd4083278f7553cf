//! Sweep's plain ledger workload on SQLCipher (page-level AES-256 + HMAC),
//! the usual encrypted SQLite on mobile. Group and function names match the
//! core's `store` bench so `cargo xtask bench` can put them side by side.

#[path = "../../../core/benches/plain_workload.rs"]
mod plain_workload;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use plain_workload::time_fresh;
use rusqlite::Connection;

const ROWS: u64 = 100_000;
/// A raw 256-bit key, so no PBKDF2 runs per open: the sealed store also
/// starts from a raw key.
const RAW_KEY: &str = "\"x'2DD29CA851E7B56E4697B0E1F08507293D761A05CE4D1B628663F411A8086D99'\"";

fn open(dir: &tempfile::TempDir) -> Connection {
    let conn = Connection::open(dir.path().join("cipher.db")).unwrap();
    conn.execute_batch(&format!("PRAGMA key = {RAW_KEY};")).unwrap();
    let version: String = conn.query_row("PRAGMA cipher_version", [], |r| r.get(0)).unwrap();
    assert!(!version.is_empty(), "this build must really be SQLCipher");
    plain_workload::configure(&conn);
    conn
}

fn fresh(dir: &tempfile::TempDir) -> Connection {
    let conn = open(dir);
    plain_workload::create_schema(&conn);
    conn
}

fn writes(c: &mut Criterion) {
    let mut group = c.benchmark_group("ledger_write_100k");
    group.sample_size(10).throughput(Throughput::Elements(ROWS));
    group.bench_function("sqlcipher", |b| {
        b.iter_custom(|iters| {
            time_fresh(
                iters,
                || {
                    let dir = tempfile::tempdir().unwrap();
                    (fresh(&dir), dir)
                },
                |(conn, _)| plain_workload::insert(conn, 1, ROWS),
            )
        })
    });
    group.finish();
}

fn reads(c: &mut Criterion) {
    let mut group = c.benchmark_group("ledger_read_100k");
    group.sample_size(10).throughput(Throughput::Elements(ROWS));
    let dir = tempfile::tempdir().unwrap();
    plain_workload::insert(&mut fresh(&dir), 1, ROWS);
    // A fresh connection per read, as in the core's bench: SQLite's page
    // cache starts cold, so every page is decrypted once per read.
    group.bench_function("sqlcipher", |b| {
        b.iter_custom(|iters| time_fresh(iters, || open(&dir), |conn| plain_workload::read_all(conn)))
    });
    group.finish();
}

criterion_group!(benches, writes, reads);
criterion_main!(benches);
