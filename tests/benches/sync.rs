//! Syncing 50 sources, each answering after 100 ms, against one source and
//! against the same 50 read one at a time. `cargo xtask bench` prints the
//! ratios.

use std::sync::Arc;

use criterion::{criterion_group, criterion_main, Criterion};
use sweep_core::sources::{sync_sources, SourceApiConnector, SyncPolicy, SyncTarget};
use sweep_sandbox::{Knobs, Sandbox};

const SOURCES: i64 = 50;
const LATENCY_MS: u64 = 100;

fn sync(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let sandbox = runtime.block_on(Sandbox::start()).unwrap();
    sandbox.set_knobs(Knobs { latency_ms: LATENCY_MS, ..Knobs::default() });
    let wallet = sweep_tests::wallet_with_sources(SOURCES as usize);
    let store = &wallet.store;
    let targets = |count: i64| -> Vec<SyncTarget> {
        (1..=count)
            .map(|id| SyncTarget {
                source_id: id,
                connector: Arc::new(SourceApiConnector::new(&sandbox.source_api_url(), "sandbox-toss".into()).unwrap()),
            })
            .collect()
    };
    let mut group = c.benchmark_group("sync_100ms");
    group.sample_size(10);
    let cases = [
        ("1_source", 1, SyncPolicy::default()),
        ("50_sources", SOURCES, SyncPolicy::default()),
        ("50_sources_sequential", SOURCES, SyncPolicy { max_concurrency: 1, ..SyncPolicy::default() }),
    ];
    for (name, count, policy) in cases {
        group.bench_function(name, |b| {
            b.iter(|| {
                let reports = runtime.block_on(sync_sources(Arc::clone(store), targets(count), &policy, |_| {}));
                assert!(reports.iter().all(|r| r.outcome.is_ok()));
            })
        });
    }
    group.finish();
}

criterion_group!(benches, sync);
criterion_main!(benches);
